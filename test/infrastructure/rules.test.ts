import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assess } from '../../src/assess/assess.js';
import { parsePolicy } from '../../src/assess/policy-file.js';
import { rule as cnameCloakedTrackers } from '../../src/assess/rules/cname-cloaked-trackers.js';
import { rule as foreignCdn } from '../../src/assess/rules/foreign-cdn.js';
import { rules } from '../../src/assess/rules/index.js';
import type { Control, Enrichment, InfraComponent } from '../../src/types.js';
import { collection, control, enrichment, google, host, known, ovh, unknown } from '../assess/builders.js';

const fr = parsePolicy('id: fr\nname: fr\nallowedJurisdictions: [FR]', 'test');

function withComponents(components: InfraComponent[]): Enrichment {
  return { ...enrichment([]), infrastructure: { host: 'www.site.fr', registrableDomain: 'site.fr', components, problems: [] } };
}

function component(role: InfraComponent['role'], subject: string, owner?: Control): InfraComponent {
  return {
    role,
    subject,
    evidence: `${subject} matches a pattern`,
    operator: owner ? known({ entity: owner.entity }) : unknown(),
    control: owner ? known(owner) : unknown(),
    alternative: { en: 'use a French provider', fr: 'utiliser un fournisseur français' },
  };
}

describe('infrastructure rules', () => {
  test('are registered with the documented default levels', () => {
    const levels = Object.fromEntries(rules.map((r) => [r.meta.id, r.meta.defaultLevel]));
    assert.deepEqual(
      [levels['foreign-cdn'], levels['foreign-mail-operator'], levels['cname-cloaked-trackers'], levels['foreign-dns-operator'], levels['foreign-certificate-authority']],
      ['block', 'block', 'block', 'warn', 'warn'],
    );
  });

  test('a foreign CDN is a violation with its control, evidence and alternative; a French one passes', () => {
    const findings = foreignCdn.evaluate({ collection: collection(), enrichment: withComponents([component('cdn', 'Cloudflare', control('cloudflare', 'cloudflare', 'US')), component('cdn', 'OVHcloud CDN', ovh)]), policy: fr });
    assert.equal(findings.length, 1);
    const [finding] = findings;
    assert.equal(finding!.kind, 'violation');
    assert.equal(finding!.role, 'cdn');
    assert.deepEqual(finding!.subject, { type: 'infrastructure', host: 'www.site.fr', detail: 'Cloudflare' });
    assert.deepEqual(finding!.evidence, ['Cloudflare matches a pattern']);
    assert.equal(finding!.control?.jurisdiction, 'US');
    assert.equal(finding!.alternative?.fr, 'utiliser un fournisseur français');
  });

  test('an unknown operator is an unknown finding that blocks only where the rule blocks', () => {
    const result = assess(collection(), withComponents([component('cdn', 'mystery-cdn.test'), component('dns', 'ns1.mystery.test')]), fr, 'test');
    const cdn = result.rules.find((r) => r.id === 'foreign-cdn')!;
    const dns = result.rules.find((r) => r.id === 'foreign-dns-operator')!;
    assert.equal(cdn.status, 'unknown');
    assert.equal(cdn.blocking, true);
    assert.equal(dns.status, 'unknown');
    assert.equal(dns.blocking, false);
    assert.equal(result.verdict, 'inconclusive');
  });

  test('no infrastructure collected: the infrastructure rules have nothing to say', () => {
    const result = assess(collection(), enrichment([]), fr, 'test');
    for (const id of ['foreign-cdn', 'foreign-dns-operator', 'foreign-mail-operator', 'foreign-certificate-authority']) {
      assert.equal(result.rules.find((r) => r.id === id)?.status, 'pass', id);
    }
  });

  test('a host allowed by the policy is not judged', () => {
    const policy = parsePolicy('id: x\nname: x\nallowedJurisdictions: [FR]\nallow: { hosts: ["*.awsdns-45.com"] }', 'test');
    const findings = rules.find((r) => r.meta.id === 'foreign-dns-operator')!.evaluate({ collection: collection(), enrichment: withComponents([component('dns', 'ns-1.awsdns-45.com', control('aws', 'amazon', 'US'))]), policy });
    assert.deepEqual(findings, []);
  });
});

describe('cname-cloaked-trackers', () => {
  const cloaked = (vendorControl = known(google)) => host('metrics.site.fr', {
    registrableDomain: 'site.fr',
    vendor: known({ entity: 'google', service: 'Google Analytics', categories: ['analytics'] }),
    vendorControl,
    cnameChain: ['site.fr.collect.tracker.test'],
    cloakedBy: { target: 'site.fr.collect.tracker.test', entity: 'google' },
  });

  test('reports a first-party name aliased to a foreign tracker as that vendor\'s data flow', () => {
    const [finding] = cnameCloakedTrackers.evaluate({ collection: collection(), enrichment: enrichment([cloaked(), host('www.site.fr', { firstParty: true })]), policy: fr });
    assert.equal(finding?.kind, 'violation');
    assert.equal(finding?.role, 'vendor');
    assert.match(finding?.message.en ?? '', /metrics\.site\.fr looks first-party but is an alias \(CNAME\) of site\.fr\.collect\.tracker\.test: Google Analytics, provided by google → alphabet \(United States; US CLOUD Act\)/);
    assert.ok(finding?.evidence.includes('metrics.site.fr CNAME site.fr.collect.tracker.test'));
  });

  test('an unknown controller is an unknown finding, a French one passes', () => {
    assert.equal(cnameCloakedTrackers.evaluate({ collection: collection(), enrichment: enrichment([cloaked(unknown())]), policy: fr })[0]?.kind, 'unknown');
    assert.deepEqual(cnameCloakedTrackers.evaluate({ collection: collection(), enrichment: enrichment([cloaked(known(ovh))]), policy: fr }), []);
  });
});
