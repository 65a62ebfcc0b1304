import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import { UsageError } from '../../src/shared/errors.js';
import { render, renderers } from '../../src/report/index.js';
import { FORMAT_IDS } from '../../src/report/format-ids.js';
import { LANGS } from '../../src/report/i18n.js';
import { sampleReports } from '../fixtures/reports/index.js';

const formatsDir = new URL('../../src/report/formats/', import.meta.url);

describe('report registry', () => {
  it('lists exactly the files of src/report/formats/, each under its own id', () => {
    const files = readdirSync(formatsDir).filter((name) => name.endsWith('.ts')).map((name) => name.replace(/\.ts$/, '')).sort();
    assert.deepEqual(Object.keys(renderers).sort(), files);
    for (const [id, renderer] of Object.entries(renderers)) assert.equal(renderer.id, id);
  });

  it('lists the same ids in format-ids.ts (what --help names without loading a renderer)', () => {
    assert.deepEqual([...FORMAT_IDS].sort(), Object.keys(renderers).sort());
  });

  it('rejects an unknown format with a usage error naming the known ones', () => {
    assert.throws(() => render('docx', sampleReports.sovereign!, { lang: 'en', color: false }), (error: unknown) =>
      error instanceof UsageError && /docx/.test(error.message) && /terminal, json, html/.test(error.hint));
    assert.throws(() => render('toString', sampleReports.sovereign!, { lang: 'en', color: false }), UsageError);
  });

  it('prints the data sources’ build dates (ip-location-db) in every format, language and sample', () => {
    for (const [name, report] of Object.entries(sampleReports)) {
      const builtDates = report.enrichment.dataSources.flatMap((source) => (source.builtAt ? [source.builtAt] : []));
      assert.ok(builtDates.length > 0, `${name} has a dated source`);
      for (const format of Object.keys(renderers)) {
        for (const lang of LANGS) {
          const output = render(format, report, { lang, color: false });
          for (const date of builtDates) assert.ok(output.includes(date), `${format}/${lang}/${name} shows ${date}`);
          assert.ok(output.endsWith('\n'), `${format} ends with a newline`);
        }
      }
    }
  });

  it('renders the same report the same way twice (pure: no clock, no state)', () => {
    for (const format of Object.keys(renderers)) {
      const first = render(format, sampleReports['seed-not-sovereign']!, { lang: 'fr', color: true });
      assert.equal(render(format, sampleReports['seed-not-sovereign']!, { lang: 'fr', color: true }), first);
    }
  });
});
