/**
 * The layer order of src/ (docs/architecture.md). A file may import from its own layer or a lower
 * one, never from a higher one; test/architecture/layers.test.ts reads every import and also fails
 * on any import cycle. Folders not listed here fail the test until they are placed.
 */
export const LAYERS: readonly (readonly string[])[] = [
  /* 0 shared  */ ['shared', 'errors.ts', 'version.ts', 'layers.ts'],
  /* 1 types   */ ['types.ts'],
  /* 2 collect */ ['collect', 'consent', 'journey', 'crawl', 'fixture-world'],
  /* 3 enrich  */ ['enrich'],
  /* 4 assess  */ ['assess'],
  /* 5 report  */ ['report'],
  /* 6 compare, evidence */ ['compare', 'evidence'],
  /* 7 core    */ ['core'],
  /* 8 config  */ ['config'],
  /* 9 cli, server, library entry point */ ['cli', 'server', 'index.ts'],
];
