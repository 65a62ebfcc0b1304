import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startFixtureWorld, type FixtureWorld } from '../../src/fixture-world/index.js';

// The package as another project imports it: the built entry point ("exports" → dist/index.js).
let world: FixtureWorld;

before(async () => {
  world = await startFixtureWorld({
    sites: [
      { host: 'www.mairie.fr', routes: { '/': { body: '<!doctype html><title>Mairie</title><img src="https://s3.amazonaws.com/mairie/logo.png">' } } },
      { host: 's3.amazonaws.com', routes: { '/mairie/logo.png': { body: 'png', contentType: 'image/png' } } },
    ],
    dns: [
      { name: 'www.mairie.fr', type: 'A', value: '51.91.236.193' },
      { name: 's3.amazonaws.com', type: 'A', value: '52.216.21.45' },
    ],
  });
});

after(async () => world?.close());

describe("import { audit } from 'souverain'", () => {
  it('returns the report object the JSON report holds, with its verdict and evidence', async () => {
    const { audit, REPORT_SCHEMA_VERSION, render } = await import('souverain');
    const report = await audit({ url: 'https://www.mairie.fr/', connectTo: world.connectTo, dnsServer: world.dnsServer, insecure: true, infra: false, policy: 'eu' });
    assert.equal(report.schemaVersion, REPORT_SCHEMA_VERSION);
    assert.equal(report.assessment.verdict, 'not-sovereign');
    const s3 = report.enrichment.hosts.find((h) => h.host === 's3.amazonaws.com');
    assert.equal(s3?.vendorControl.status === 'known' && s3.vendorControl.value.ultimateParent, 'amazon');
    assert.deepEqual(JSON.parse(render('json', report, { lang: 'en', color: false })), JSON.parse(JSON.stringify(report)));
  });
});
