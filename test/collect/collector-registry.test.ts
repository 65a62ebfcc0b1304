import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import { collectors } from '../../src/collect/collectors/index.js';

const folder = new URL('../../src/collect/collectors/', import.meta.url);

describe('collector registry', () => {
  it('lists exactly the files of src/collect/collectors/, each exporting the collector of its name', async () => {
    const files = readdirSync(folder).filter((name) => name.endsWith('.ts') && name !== 'index.ts').map((name) => name.replace(/\.ts$/, '')).sort();
    assert.deepEqual(collectors.map((collector) => collector.id).sort(), files);
    for (const file of files) {
      const module = (await import(new URL(`${file}.ts`, folder).href)) as { collector?: { id: string } };
      assert.equal(module.collector?.id, file, `${file}.ts exports collector with id '${file}'`);
      assert.ok(collectors.includes(module.collector as never), `${file} is registered`);
    }
  });

  it('every collector has its own test file', () => {
    for (const { id } of collectors) {
      assert.ok(existsSync(new URL(`./collectors/${id}.test.ts`, import.meta.url)), `test/collect/collectors/${id}.test.ts`);
    }
  });
});
