/**
 * The data-source registry (src/enrich/sources/index.ts) against the folders: adding a data source
 * is one folder with its index.ts, README.md and test, plus one registry line — and nothing can be
 * left out silently.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { dataSources } from '../../../src/enrich/sources/index.js';

const SOURCES = fileURLToPath(new URL('../../../src/enrich/sources/', import.meta.url));
const TESTS = fileURLToPath(new URL('./', import.meta.url));
/** Files of the folder that are not a data source: the registry and the contract. */
const NOT_SOURCES = ['index.ts', 'contract.ts'];
/** An SPDX expression of plain licence ids joined by AND / OR. */
const SPDX = /^[A-Za-z0-9.+-]+(?: (?:AND|OR) [A-Za-z0-9.+-]+)*$/;

describe('data-source registry', () => {
  const entries = readdirSync(SOURCES, { withFileTypes: true });

  it('registers every folder of src/enrich/sources/, and nothing else', () => {
    const folders = entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
    assert.deepEqual(Object.keys(dataSources).sort(), folders);
  });

  it('has no loose file beside the registry and the contract (a source is a folder)', () => {
    const loose = entries.filter((entry) => entry.isFile() && !NOT_SOURCES.includes(entry.name)).map((entry) => entry.name);
    assert.deepEqual(loose, []);
  });

  for (const [key, source] of Object.entries(dataSources)) {
    describe(key, () => {
      it('is named after its folder', () => assert.equal(source.id, key));

      it('states a licence (SPDX) and a version', () => {
        assert.match(source.licence, SPDX);
        assert.ok(source.version().trim().length > 0, 'version() is empty');
      });

      it('has a README naming its licence and a test of its own', () => {
        const readme = `${SOURCES}${key}/README.md`;
        assert.ok(existsSync(readme), `missing ${readme}`);
        const text = readFileSync(readme, 'utf8');
        for (const id of source.licence.split(/ (?:AND|OR) /)) assert.ok(text.includes(id) || text.includes(id.replaceAll('-', ' ')), `README.md does not name ${id}`);
        assert.ok(existsSync(`${TESTS}${key}.test.ts`), `missing test/enrich/sources/${key}.test.ts`);
      });

      it('loads and describes its bundled tables for the report, with licence and version', async () => {
        const loaded = await source.load();
        const described = loaded.dataSources();
        assert.ok(described.length > 0);
        for (const info of described) {
          assert.ok(info.id.startsWith(key), `${info.id} does not start with the source id ${key}`);
          assert.ok(info.name.trim() && info.version.trim() && info.version !== 'unknown', `${info.id}: name or version missing`);
          assert.match(info.licence, SPDX, `${info.id}: licence`);
        }
      });
    });
  }
});
