import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'parse5';
import { render } from '../../src/report/index.js';
import type { AuditReport } from '../../src/types.js';
import { seedNotSovereign } from '../fixtures/reports/seed-not-sovereign.js';

const hostileUrl = 'https://www.site.fr/"><script>alert(1)</script>';
const siteReport: AuditReport = {
  ...seedNotSovereign,
  site: {
    audited: 3,
    failed: 1,
    skipped: 2,
    pages: [],
    thirdParties: [{ host: 'www.google-analytics.com', registrableDomain: 'google-analytics.com', entity: 'google', pages: ['https://www.site.fr/', hostileUrl] }],
    consent: { beforeConsent: ['www.google-analytics.com'], afterReject: ['www.google-analytics.com'], onlyAfterAccept: ['googleads.g.doubleclick.net'], banners: [] },
    journeys: [{ name: 'signup', consent: 'none', steps: [], submissions: [{ step: 3, via: 'form', method: 'POST', url: 'https://forms.hsforms.com/submit', host: 'forms.hsforms.com', fields: ['email'], otherOrganisation: true } as never] }],
  },
};

function scripts(node: { nodeName?: string; childNodes?: unknown[] }): number {
  return (node.nodeName === 'script' ? 1 : 0) + (node.childNodes ?? []).reduce<number>((sum, child) => sum + scripts(child as never), 0);
}

describe('HTML report of a site audit', () => {
  it('lists each third party with the pages that bring it in, the consent states and the form destinations', () => {
    const html = render('html', siteReport, { lang: 'en', color: false });
    assert.match(html, /<section id="site">/);
    assert.match(html, /3 page\(s\) audited, 1 failed, 2 skipped/);
    assert.match(html, /Still loaded after “reject all”/);
    assert.match(html, /forms\.hsforms\.com\/submit/);
    assert.match(html, /sent to another organisation/);
  });

  it('escapes page URLs and speaks French', () => {
    const html = render('html', siteReport, { lang: 'fr', color: false });
    assert.equal(scripts(parse(html) as never), 0);
    assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    assert.match(html, /Encore chargés après « tout refuser »/);
  });
});
