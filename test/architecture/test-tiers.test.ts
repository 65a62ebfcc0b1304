import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

/**
 * Two test tiers (docs/architecture.md): `*.e2e.test.ts` may start Chromium, the fixture world or a
 * subprocess (`npm run test:e2e`); every other `*.test.ts` is a unit test (`npm run test:unit`: no
 * build, no browser, no subprocess, no server). This test keeps unit files honest.
 */
const TEST_DIR = fileURLToPath(new URL('..', import.meta.url));

/** What only an end-to-end test may do. A line ending in `// unit: no browser starts` is exempt (a launch that must fail at once). */
const E2E_ONLY: [RegExp, string][] = [
  [/startFixtureWorld|startSiteWorld|fixture-world\/index\.js/, 'starts the fixture world'], // E2E_ONLY_PATTERN
  [/node:child_process|\brunCli\(/, 'runs a subprocess'], // E2E_ONLY_PATTERN
  [/chromium\.launch|\blaunchBrowser\(|\bcapturePage\(|\bauditSite\(|\bauditDemoPages\(|\brenderPdf\(/, 'starts a browser'], // E2E_ONLY_PATTERN
  [/['"](?:\.\.\/)+dist\/|bin\/souverain/, 'needs the build'], // E2E_ONLY_PATTERN
];

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'fixtures' ? [] : testFiles(path);
    return entry.name.endsWith('.test.ts') ? [relative(TEST_DIR, path)] : [];
  });
}

export function tierOf(file: string): 'e2e' | 'unit' {
  return file.endsWith('.e2e.test.ts') ? 'e2e' : 'unit';
}

describe('test tiers', () => {
  it('keeps browsers, servers, subprocesses and the build out of unit tests', () => {
    const wrong = testFiles(TEST_DIR).filter((file) => tierOf(file) === 'unit').flatMap((file) => {
      const lines = readFileSync(join(TEST_DIR, file), 'utf8').split('\n')
        .filter((line) => !line.trimEnd().endsWith('// unit: no browser starts') && !line.includes('E2E_ONLY_PATTERN'));
      return E2E_ONLY.filter(([pattern]) => lines.some((line) => pattern.test(line))).map(([, what]) => `${file} ${what}: rename it *.e2e.test.ts`);
    });
    assert.deepEqual(wrong, []);
  });

  it('puts each test file in exactly one tier, and both tiers have files', () => {
    const files = testFiles(TEST_DIR);
    const unit = files.filter((file) => tierOf(file) === 'unit');
    const e2e = files.filter((file) => tierOf(file) === 'e2e');
    assert.equal(unit.length + e2e.length, files.length);
    assert.ok(unit.length > 0 && e2e.length > 0);
    assert.ok(!unit.some((file) => e2e.includes(file)));
  });
});
