/**
 * What a quick command loads before it runs: the static (non-type, non-dynamic) import closure of
 * the CLI entry, the command's registration file and its work module. `--version`, `policy`,
 * `assess` and `diff` must not pay for the browser driver (~1 s of start-up) or the knowledge
 * tables, `policy explain` not for the report formats or the Public Suffix List: those are
 * imported lazily, where they are used (decision 0042).
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

/** Module specifiers a file imports at load time: `import … from`, `export … from`, bare `import '…'`; not `import type`, not `import()`. */
function staticImports(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false);
  const found: string[] = [];
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      const typeOnly = clause?.isTypeOnly === true
        || (clause !== undefined && clause.name === undefined && clause.namedBindings !== undefined && ts.isNamedImports(clause.namedBindings)
          && clause.namedBindings.elements.length > 0 && clause.namedBindings.elements.every((element) => element.isTypeOnly));
      if (!typeOnly && ts.isStringLiteral(statement.moduleSpecifier)) found.push(statement.moduleSpecifier.text);
    } else if (ts.isExportDeclaration(statement) && !statement.isTypeOnly && statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier)) {
      found.push(statement.moduleSpecifier.text);
    }
  }
  return found;
}

/** Every src/ file and package a set of entry files loads, transitively, before any code runs. */
function loadClosure(entries: readonly string[]): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const queue = entries.map((entry) => join(SRC, entry));
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    for (const specifier of staticImports(file)) {
      if (specifier.startsWith('.')) {
        const target = join(dirname(file), specifier).replace(/\.js$/, '.ts');
        if (existsSync(target)) queue.push(target);
      } else if (!specifier.startsWith('node:')) {
        packages.add(specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!);
      }
    }
  }
  return { files: new Set([...files].map((file) => relative(SRC, file))), packages };
}

const QUICK_COMMANDS: Record<string, string[]> = {
  '--version': ['cli/main.ts'],
  'policy explain / init': ['cli/main.ts', 'cli/commands/policy.ts', 'cli/policy-command.ts'],
  assess: ['cli/main.ts', 'cli/commands/assess.ts', 'cli/assess-command.ts'],
  diff: ['cli/main.ts', 'cli/commands/diff.ts', 'cli/diff-command.ts'],
};

describe('what quick commands load at start-up', () => {
  for (const [command, entries] of Object.entries(QUICK_COMMANDS)) {
    it(`${command} loads neither the browser driver nor the knowledge tables`, () => {
      const { files, packages } = loadClosure(entries);
      assert.ok(files.size > entries.length, 'the closure was walked');
      assert.deepEqual([...packages].filter((name) => name === 'playwright-core' || name === 'third-party-web'), []);
      assert.deepEqual([...files].filter((file) => file.startsWith('enrich/') || file.startsWith('collect/browser')), []);
    });
  }

  it('policy explain loads neither the report formats nor the Public Suffix List (tldts)', () => {
    const { files, packages } = loadClosure(QUICK_COMMANDS['policy explain / init']!);
    assert.deepEqual([...files].filter((file) => file.startsWith('report/formats/')), []);
    assert.equal(packages.has('tldts'), false);
  });

  it('sees a static import of the browser driver where there is one (the check can fail)', () => {
    assert.ok(loadClosure(['collect/browser.ts']).packages.has('playwright-core'));
  });
});
