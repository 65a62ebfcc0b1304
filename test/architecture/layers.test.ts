import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { LAYERS } from '../../src/layers.js';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Every relative import of a file (static, type-only, re-export and dynamic `import()`), as src-relative .ts paths. */
function importsOf(file: string): string[] {
  const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return info.importedFiles
    .map((imported) => imported.fileName)
    .filter((name) => name.startsWith('.'))
    .map((name) => relative(SRC, normalize(join(dirname(file), name))).replace(/\.js$/, '.ts'));
}

/** The layer of a src-relative path: its top folder, or the file itself at the root of src/. */
function layerOf(path: string): number {
  const top = path.split('/')[0]!;
  return LAYERS.findIndex((layer) => layer.includes(top));
}

const files = sourceFiles(SRC).map((file) => relative(SRC, file));
const graph = new Map(files.map((file) => [file, importsOf(join(SRC, file))]));

/** Strongly connected components with more than one file (or a file importing itself): the cycles. */
function cycles(edges: Map<string, string[]>): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string): void => {
    indices.set(node, index);
    low.set(node, index);
    index += 1;
    stack.push(node);
    onStack.add(node);
    for (const next of edges.get(node) ?? []) {
      if (!edges.has(next)) continue;
      if (!indices.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, indices.get(next)!));
    }
    if (low.get(node) === indices.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || (edges.get(node) ?? []).includes(node)) found.push(component.sort());
    }
  };
  for (const node of edges.keys()) if (!indices.has(node)) visit(node);
  return found;
}

describe('layers of src/', () => {
  it('places every folder and root file of src/ in a layer', () => {
    const unplaced = [...new Set(files.map((file) => file.split('/')[0]!))].filter((top) => layerOf(top) < 0);
    assert.deepEqual(unplaced, [], 'add these to src/layers.ts (and docs/architecture.md)');
  });

  it('has no import from a higher layer', () => {
    const upward = [...graph].flatMap(([file, imports]) => imports
      .filter((target) => layerOf(target) > layerOf(file))
      .map((target) => `${file} (layer ${layerOf(file)}) imports ${target} (layer ${layerOf(target)})`));
    assert.deepEqual(upward, []);
  });

  it('has no import cycle, type-only and dynamic imports included', () => {
    assert.deepEqual(cycles(graph).map((cycle) => cycle.join(' ↔ ')), []);
  });

  it('finds the cycles and upward imports it is meant to find', () => {
    const sample = new Map([['a.ts', ['b.ts']], ['b.ts', ['c.ts']], ['c.ts', ['a.ts']], ['d.ts', ['d.ts']], ['e.ts', ['a.ts']]]);
    assert.deepEqual(cycles(sample), [['a.ts', 'b.ts', 'c.ts'], ['d.ts']]);
    assert.ok(layerOf('cli/main.ts') > layerOf('collect/browser.ts'));
    assert.ok(layerOf('report/index.ts') > layerOf('assess/assess.ts'));
    assert.ok(importsOf(join(SRC, 'cli/commands/index.ts')).includes('cli/commands/audit.ts'), 'dynamic imports are read');
  });
});
