import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launchBrowser, type AuditBrowser } from '../../src/collect/browser.js';
import { parseConnectTo } from '../../src/collect/connect-to.js';
import { audit } from '../../src/core/run-audit.js';
import { DEMO_SEED_HOSTS, DEMO_SEED_URL, DEMO_TWIN_HOSTS, DEMO_TWIN_URL, demoWorldOptions } from '../../src/fixture-world/demo.js';
import { startFixtureWorld, type FixtureWorld } from '../../src/fixture-world/index.js';
import type { AuditReport, HostAttribution } from '../../src/types.js';

// The seed case end to end: real Chromium, real HTTPS and DNS on loopback, real offline data.
let world: FixtureWorld;
let browser: AuditBrowser;
let seed: AuditReport;
let twin: AuditReport;

before(async () => {
  world = await startFixtureWorld(demoWorldOptions());
  browser = await launchBrowser({ connectTo: world.connectTo.map(parseConnectTo), insecure: true });
  const common = { connectTo: world.connectTo, dnsServer: world.dnsServer, insecure: true, browser, policy: 'fr' };
  seed = await audit({ url: DEMO_SEED_URL, ...common });
  twin = await audit({ url: DEMO_TWIN_URL, ...common });
});

after(async () => {
  await browser?.close();
  await world?.close();
});

function hostOf(report: AuditReport, name: string): HostAttribution {
  const host = report.enrichment.hosts.find((h) => h.host === name);
  assert.ok(host, `${name} was not captured; hosts: ${report.enrichment.hosts.map((h) => h.host).join(', ')}`);
  return host;
}

function parentOf(attribution: HostAttribution['vendorControl']): string | undefined {
  return attribution.status === 'known' ? `${attribution.value.ultimateParent}/${attribution.value.jurisdiction}` : undefined;
}

describe('the 2014 sovereign-cloud signup page (replica)', () => {
  it('is not sovereign under the French policy', () => {
    assert.equal(seed.assessment.verdict, 'not-sovereign');
  });

  it('captures every third party the page really loads', () => {
    const captured = new Set(seed.enrichment.hosts.map((h) => h.host));
    for (const host of DEMO_SEED_HOSTS) assert.ok(captured.has(host), `missing ${host}`);
  });

  for (const host of ['www.google.com', 'www.gstatic.com', 'www.google-analytics.com', 'ajax.googleapis.com', 'googleads.g.doubleclick.net']) {
    it(`attributes ${host} to Google, controlled by Alphabet (US), vendor and operator`, () => {
      const attribution = hostOf(seed, host);
      assert.equal(parentOf(attribution.vendorControl), 'alphabet/US');
      assert.equal(parentOf(attribution.operatorControl), 'alphabet/US');
      assert.equal(attribution.network.status === 'known' && attribution.network.value.asn, 15169);
    });
  }

  it('attributes every Amazon S3 host form to Amazon (US)', () => {
    const s3Hosts = DEMO_SEED_HOSTS.filter((h) => h.endsWith('amazonaws.com'));
    assert.ok(s3Hosts.length >= 6, `only ${s3Hosts.length} S3 host forms in the demo`);
    for (const name of s3Hosts) {
      const attribution = hostOf(seed, name);
      assert.equal(parentOf(attribution.vendorControl), 'amazon/US', `${name} vendor`);
      assert.equal(parentOf(attribution.operatorControl), 'amazon/US', `${name} operator`);
      assert.ok(attribution.vendor.status === 'known' && attribution.vendor.value.categories.includes('object-storage'), `${name} category`);
    }
  });

  it('names the US laws that reach Alphabet, with their sources', () => {
    const google = hostOf(seed, 'www.google-analytics.com');
    assert.ok(google.vendorControl.status === 'known');
    const laws = google.vendorControl.value.laws.map((id) => seed.enrichment.laws[id]?.name ?? id).join(', ');
    assert.match(laws, /CLOUD Act/);
    assert.match(laws, /FISA/);
    assert.ok(google.vendorControl.provenance.every((p) => p.source), 'every fact has a source');
  });

  it('shows what brought the ad network in and offers a sovereign alternative', () => {
    const findings = seed.assessment.rules.flatMap((r) => r.findings);
    const captcha = findings.find((f) => f.subject.host === 'www.google.com' && f.role === 'vendor');
    assert.ok(captcha?.alternative, 'reCAPTCHA finding has an alternative');
    const gstatic = findings.find((f) => f.subject.host === 'www.gstatic.com');
    assert.ok(gstatic && gstatic.broughtInBy.some((url) => url.includes('www.google.com')), `gstatic brought in by ${gstatic?.broughtInBy}`);
  });

  it('keeps where the server is apart from who controls it', () => {
    const bucket = hostOf(seed, 's3.eu-west-1.amazonaws.com');
    assert.equal(bucket.serverLocation.status, 'known');
    assert.equal(parentOf(bucket.operatorControl), 'amazon/US');
  });

  it('records the data sources with the ip-location-db build date', () => {
    const ipdb = seed.enrichment.dataSources.find((s) => s.id.startsWith('ip-location-db'));
    assert.ok(ipdb?.builtAt, 'ip-location-db build date present');
  });

  it('records the cookies and the screenshot', () => {
    const page = seed.collection.pages[0]!;
    assert.ok(page.cookies.some((c) => c.name === '_ga'), `cookies: ${page.cookies.map((c) => c.name)}`);
    assert.ok(page.screenshot && page.screenshot.length > 1000);
    assert.equal(page.partial, false);
  });
});

describe('its sovereign twin', () => {
  it('is sovereign under the French policy', () => {
    const blocking = twin.assessment.rules.flatMap((r) => r.findings).filter((f) => f.blocking).map((f) => f.message.en);
    assert.deepEqual(blocking, []);
    assert.equal(twin.assessment.verdict, 'sovereign');
  });

  it('only contacts its own OVHcloud-hosted names', () => {
    const captured = twin.enrichment.hosts.map((h) => h.host).sort();
    assert.deepEqual(captured, [...new Set(DEMO_TWIN_HOSTS)].sort());
    for (const host of twin.enrichment.hosts) assert.equal(parentOf(host.operatorControl)?.endsWith('/FR'), true, host.host);
  });
});

describe('the browser itself', () => {
  it('contacts nothing but the audited pages (Chromium phone-home diverted)', () => {
    assert.deepEqual(world.unplannedHosts(), []);
  });
});

describe('the infrastructure audit, run alongside the page load', () => {
  const componentsOf = (report: AuditReport) => Object.fromEntries((report.enrichment.infrastructure?.components ?? [])
    .map((c) => [c.role, c.control.status === 'known' ? `${c.control.value.ultimateParent}/${c.control.value.jurisdiction}` : 'unknown']));

  it('traces the seed site\'s DNS to Amazon (Route 53), its mail to Google and its certificate to a US CA', () => {
    const components = componentsOf(seed);
    assert.equal(components.dns, 'amazon/US');
    assert.equal(components.mail, 'alphabet/US');
    assert.match(components['certificate-authority'] ?? '', /\/US$/);
    assert.equal(components['web-hosting'], 'orange/FR');
    assert.ok(seed.collection.dns.some((answer) => answer.type === 'NS' && answer.status === 'ok'), 'NS answers are kept as evidence');
  });

  it('finds every component of the twin under French control', () => {
    const components = componentsOf(twin);
    for (const role of ['web-hosting', 'dns', 'mail', 'certificate-authority']) assert.match(components[role] ?? 'missing', /\/FR$/, role);
  });
});
