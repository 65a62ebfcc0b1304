/**
 * Bad input to the command line: one line naming the problem and the fix, exit 2, never "unexpected
 * failure", and before any browser starts (--chromium /bin/false would fail at launch).
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { main } from '../../src/cli/main.js';
import { urlMatcher } from '../../src/crawl/url-rules.js';

let root: string;
before(async () => {
  root = await mkdtemp(join(tmpdir(), 'souverain-hostile-cli-'));
});
after(async () => {
  await rm(root, { recursive: true, force: true });
});

async function cli(argv: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const code = await main(argv, { stdout: { write: () => true }, stderr: { write: (text: string) => (stderr += text) }, env: {}, cwd: root });
  return { code, stderr };
}

const NO_BROWSER = ['--chromium', '/bin/false', '--no-infra'];

function assertOneLine(result: { code: number; stderr: string }, pattern: RegExp): void {
  assert.equal(result.code, 2, result.stderr);
  assert.match(result.stderr, pattern);
  assert.doesNotMatch(result.stderr, /unexpected failure|at .*\.ts:\d+/);
  assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
}

const ALIAS_BOMB = [
  'a: &a ["x","x","x","x","x","x","x","x","x"]',
  'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
  'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
  'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
  'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
  'f: [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
].join('\n');

describe('bad input gives one clear line and exit 2', () => {
  it('--timeout beyond Node\'s timer limit names the limit', async () => {
    assertOneLine(await cli(['audit', 'https://a.invalid/', '--timeout', '99999999999', ...NO_BROWSER]), /2147483/);
  });

  it('--chromium /bin/false: Chromium did not start', async () => {
    assertOneLine(await cli(['audit', 'https://a.invalid/', ...NO_BROWSER]), /Chromium \/bin\/false did not start/);
  });

  it('--data /etc/passwd: the data file is wrong, said before the browser starts', async () => {
    assertOneLine(await cli(['audit', 'https://a.invalid/', '--data', '/etc/passwd', ...NO_BROWSER]), /data file passwd/);
  });

  it('a YAML alias bomb as policy is refused', async () => {
    const path = join(root, 'bomb.yaml');
    await writeFile(path, ALIAS_BOMB);
    assertOneLine(await cli(['audit', 'https://a.invalid/', '--policy', path, ...NO_BROWSER]), /policy file .*bomb\.yaml does not parse \(Excessive alias count/);
  });

  it('wrong-typed policy fields are named with their lines', async () => {
    const path = join(root, 'wrong.yaml');
    await writeFile(path, 'id: 3\nname: [1]\nallowedJurisdictions: "FR"\n');
    assertOneLine(await cli(['audit', 'https://a.invalid/', '--policy', path, ...NO_BROWSER]), /id: .*\(line 1\).*allowedJurisdictions: .*\(line 3\)/);
  });

  it('a 300 MB "report" is refused by size, not read', async () => {
    const path = join(root, 'big.json');
    await writeFile(path, '');
    await truncate(path, 300 * 1024 * 1024);
    assertOneLine(await cli(['assess', path]), /larger than 256 MB/);
  });

  it('an --include regex RE2 cannot run is a usage error', async () => {
    assertOneLine(await cli(['audit', 'https://a.invalid/', '--pages', '2', '--include', '/(a+)+(?=x)/', ...NO_BROWSER]), /not a valid regular expression/);
  });

  it('a target with user:password never shows the password', async () => {
    const result = await cli(['audit', 'ftp://me:hunter2@a.invalid/', ...NO_BROWSER]);
    assert.equal(result.code, 2);
    assert.doesNotMatch(result.stderr, /hunter2/);
  });

  it('escape sequences in a value are shown, not sent to the terminal', async () => {
    const result = await cli(['audit', 'https://a.invalid/', '--policy', 'x\u001b]0;pwned\u0007.yaml', ...NO_BROWSER]);
    assert.equal(result.code, 2);
    assert.doesNotMatch(result.stderr, /\u001b|\u0007/);
    assert.match(result.stderr, /x\\x1b\]0;pwned\\x07\.yaml/);
  });
});

describe('user patterns match in linear time', () => {
  it('a catastrophic regex and a many-star glob finish on a long URL', () => {
    const url = `https://s.example/${'a'.repeat(50_000)}!`;
    assert.equal(urlMatcher('/(a+)+$/')(url), false);
    assert.equal(urlMatcher('/^(a|aa)+$/')(url), false);
    assert.equal(urlMatcher(`${'*a'.repeat(20)}*b`)(url), false);
    assert.equal(urlMatcher('/\\/blog\\/\\d+/i')('https://s.example/BLOG/42'), true);
  });
});
