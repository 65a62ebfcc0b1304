import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { z } from 'zod';
import { parseDataFile, readDataFile, readDataText, type FileKind } from '../../src/shared/data-file.js';
import { formatErrorLine, LocalisedUsageError } from '../../src/shared/errors.js';

const KIND: FileKind = { name: { en: 'test file', fr: 'fichier de test' }, reference: { en: 'see the docs', fr: 'voir la doc' } };
const schema = z.object({ name: z.string(), size: z.number().int() }).strict();
const dir = mkdtempSync(join(tmpdir(), 'souverain-data-file-'));

function errorOf(run: () => unknown): LocalisedUsageError {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof LocalisedUsageError, `a LocalisedUsageError, got ${String(error)}`);
    return error;
  }
  assert.fail('no error');
}

async function rejectionOf(run: () => Promise<unknown>): Promise<LocalisedUsageError> {
  try {
    await run();
  } catch (error) {
    assert.ok(error instanceof LocalisedUsageError, `a LocalisedUsageError, got ${String(error)}`);
    return error;
  }
  assert.fail('no error');
}

describe('the shared data-file reader', () => {
  it('names the file, the line and the field in both languages', () => {
    const error = errorOf(() => parseDataFile('name: x\nsize: big\n', 'f.yaml', schema, KIND));
    assert.match(formatErrorLine(error, 'en'), /test file f\.yaml: size: .*\(line 2\) — see the docs/);
    assert.match(formatErrorLine(error, 'fr'), /fichier de test f\.yaml : size : .*\(ligne 2\) — voir la doc/);
  });

  it('refuses an alias bomb with a usage error, not an unexpected failure', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]', ...'bcdefgh'.split('').map((name, i) => `${name}: &${name} [${Array(9).fill(`*${'abcdefgh'[i]}`).join(',')}]`), 'name: *h', 'size: 1'].join('\n');
    const error = errorOf(() => parseDataFile(bomb, 'bomb.yaml', schema, KIND));
    assert.match(error.problem.en, /bomb\.yaml does not parse/);
    assert.match(error.fix.fr, /alias/);
  });

  it('refuses text over the size limit', () => {
    const error = errorOf(() => parseDataFile(`name: ${'x'.repeat(2000)}\nsize: 1\n`, 'big.yaml', schema, KIND, { maxBytes: 1000 }));
    assert.match(error.problem.en, /too large/);
  });

  it('reads a regular file and validates it', async () => {
    const path = join(dir, 'ok.json');
    writeFileSync(path, '{"name": "a", "size": 3}');
    assert.deepEqual((await readDataFile(path, schema, KIND)).data, { name: 'a', size: 3 });
  });

  it('refuses a missing file, a directory, a device (without hanging) and a file over the limit', async () => {
    assert.match((await rejectionOf(() => readDataText(join(dir, 'missing.yaml'), KIND))).problem.en, /does not exist/);
    assert.match((await rejectionOf(() => readDataText(dir, KIND))).problem.en, /is a directory/);
    // A device never ends; a FIFO is refused by the same check (test/hostile/ has the FIFO case, as a subprocess test).
    assert.match((await rejectionOf(() => readDataText('/dev/zero', KIND))).problem.fr, /n’est pas un fichier ordinaire/);
    const big = join(dir, 'big.yaml');
    writeFileSync(big, 'x'.repeat(5000));
    assert.match((await rejectionOf(() => readDataText(big, KIND, { maxBytes: 1024 }))).problem.en, /larger than/);
  });
});
