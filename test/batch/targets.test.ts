import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { readTargets } from '../../src/batch/targets.js';
import { LocalisedUsageError } from '../../src/shared/errors.js';

let dir: string;
before(async () => { dir = await mkdtemp(join(tmpdir(), 'souverain-targets-')); });

async function file(name: string, content: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

describe('targets files', () => {
  it('reads one URL or domain per line, skipping comments and blank lines, keyed by line', async () => {
    const { targets } = await readTargets(await file('a.txt', '# prefectures\n\nwww.example.fr\r\nhttps://www.other.fr/path\n'));
    assert.deepEqual(targets, [{ position: 3, url: 'https://www.example.fr/' }, { position: 4, url: 'https://www.other.fr/path' }]);
  });

  it('reads a CSV with a BOM, quoted fields, ; or , and per-row name, group and policy', async () => {
    const { targets } = await readTargets(await file('b.csv', '\uFEFFURL;Name;Group;Policy\nwww.a.fr;"Préfecture; Nord";prefectures;eu\nwww.b.fr;;;\n'));
    assert.deepEqual(targets, [
      { position: 2, url: 'https://www.a.fr/', name: 'Préfecture; Nord', group: 'prefectures', policy: 'eu' },
      { position: 3, url: 'https://www.b.fr/' },
    ]);
  });

  for (const [name, content, expected] of [
    ['scheme.txt', 'www.ok.fr\nfile:///etc/passwd\n', /scheme\.txt:2: unsupported scheme "file:"/],
    ['space.txt', 'www.ok.fr\nnot a url\n', /space\.txt:2: /],
    ['nourl.csv', 'name,group\nx,y\n', /nourl\.csv:1: has no "url" column/],
    ['empty-url.csv', 'url,name\nwww.ok.fr,a\n,b\n', /empty-url\.csv:3: has no URL/],
    ['empty.txt', '# nothing\n\n', /empty\.txt lists no target/],
    ['control.txt', 'https://www.ok.fr/\u001b[2J\n', /control\.txt:1: .*\\x1b/],
  ] as const) {
    it(`refuses ${name} with one line naming the file and line`, async () => {
      await assert.rejects(readTargets(await file(name, content)), (error: unknown) => {
        assert.ok(error instanceof LocalisedUsageError);
        assert.match(error.message, expected);
        assert.doesNotMatch(error.message, /\u001b/, 'no raw escape sequence reaches the terminal');
        assert.ok(!error.message.includes('\n'));
        return true;
      });
    });
  }

  it('says when the file cannot be read', async () => {
    await assert.rejects(readTargets(join(dir, 'missing.txt')), /cannot read the targets file .*missing\.txt \(ENOENT\)/);
  });
});
