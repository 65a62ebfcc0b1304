/**
 * Which table decides a host's organisation (decisions 0017 and 0018): curated service patterns,
 * owned domains, and third-party-web as a seed that names a vendor but never its control.
 * The organisations here come from a user data file, so the tests do not depend on the bundled data.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { enrichInfrastructure, loadInfrastructurePatterns } from '../../src/enrich/infrastructure.js';
import { loadKnowledge, type Knowledge } from '../../src/enrich/knowledge.js';
import type { Attribution, Collection, VendorFact } from '../../src/types.js';

const source = '{ note: "test fixture", url: "https://example.org/filing", asOf: 2026-11-01 }';

/** A user data file: an owner of two domains, a service under one, and a name-alike of a third-party-web company. */
const USER_DATA = `
entities:
  - id: owner-test
    name: Owner Test
    country: DE
    domains: [owner-test.de, owner-test-cdn.net]
    confidence: high
    sources: [${source}]
  - id: widget-test
    name: Widget Test
    country: US
    confidence: high
    sources: [${source}]
  - id: tawk-namesake
    name: Tawk Namesake
    aliases: [Userzoom]
    country: GB
    confidence: high
    sources: [${source}]
services:
  - entity: widget-test
    service: Widget
    categories: [support]
    hosts: [widget.owner-test.de]
`;

function writeData(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'souverain-tables-')), 'data.yaml');
  writeFileSync(file, text);
  return file;
}

const known = (attribution: Attribution<VendorFact>): VendorFact => {
  assert.equal(attribution.status, 'known', JSON.stringify(attribution));
  return (attribution as { value: VendorFact }).value;
};

let knowledge: Knowledge;
let dataFile: string;
before(async () => {
  dataFile = writeData(USER_DATA);
  knowledge = await loadKnowledge({ extraDataFiles: [dataFile] });
});

describe('owned domains (decision 0017)', () => {
  test('any name under an owned domain is the owner, with the owned-domain provenance and URL', () => {
    for (const host of ['owner-test.de', 'www.owner-test.de', 'a.b.c.owner-test-cdn.net']) {
      const vendor = knowledge.vendorForHost(host);
      assert.equal(known(vendor).entity, 'owner-test', host);
      assert.match(vendor.status === 'known' ? vendor.provenance[0]?.note ?? '' : '', /owned domain: .*owner-test/);
      assert.equal(vendor.status === 'known' ? vendor.provenance[0]?.url : '', 'https://example.org/filing');
    }
    assert.equal(knowledge.curatedOwnerOfHost('mx1.owner-test.de')?.table, 'owned-domain');
    assert.equal(knowledge.vendorForHost('owner-test.fr').status, 'unknown');
  });

  test('a more specific service pattern wins over the owned domain, and its sub-domains follow it', () => {
    assert.equal(known(knowledge.vendorForHost('widget.owner-test.de')).entity, 'widget-test');
    assert.equal(known(knowledge.vendorForHost('eu.widget.owner-test.de')).service, 'Widget');
    assert.equal(knowledge.curatedOwnerOfHost('eu.widget.owner-test.de')?.table, 'curated-services');
    assert.equal(known(knowledge.vendorForHost('widgets.owner-test.de')).entity, 'owner-test');
  });

  test('name servers, mail exchangers and SPF includes under an owned domain name their owner', async () => {
    const patterns = await loadInfrastructurePatterns([dataFile]);
    const server = (host: string) => ({ host, cnameChain: [], addresses: [] });
    const collection: Collection = {
      target: 'https://shop.example.fr/',
      startedAt: '2026-11-29T00:00:00.000Z',
      finishedAt: '2026-11-29T00:00:01.000Z',
      options: { insecure: false, timeoutMs: 30000, infra: true },
      pages: [], dns: [], errors: [],
      infrastructure: {
        host: 'shop.example.fr',
        registrableDomain: 'example.fr',
        nameServers: { zone: 'example.fr', status: 'ok', hosts: [server('ns1.owner-test.de')] },
        mail: [{ domain: 'example.fr', status: 'ok', exchanges: [{ ...server('mx.owner-test-cdn.net'), priority: 10 }] }],
        spf: [{
          domain: 'example.fr', status: 'found', record: 'v=spf1 include:_spf.owner-test.de -all', problems: [],
          senders: [{ mechanism: 'include', value: '_spf.owner-test.de', from: 'example.fr', depth: 1, status: 'ok' }],
        }],
      },
    };
    const infra = enrichInfrastructure(collection, knowledge, patterns);
    for (const role of ['dns', 'mail', 'mail-sender'] as const) {
      const component = infra.components.find((c) => c.role === role);
      assert.equal(component?.operator.status === 'known' && component.operator.value.entity, 'owner-test', role);
      assert.equal(component?.control.status === 'known' && component.control.value.jurisdiction, 'DE', role);
      assert.match(component?.evidence ?? '', /owner-test\.(de|net)|owner-test-cdn\.net/);
    }
  });

  test('an owned domain must be a plain domain name: a wildcard is refused with the file and field', async () => {
    const bad = writeData(USER_DATA.replace('domains: [owner-test.de,', 'domains: ["*.owner-test.de",'));
    await assert.rejects(loadKnowledge({ extraDataFiles: [bad] }), /entities\.0\.domains\.0: a lower-case domain name without wildcard/);
  });
});

describe('third-party-web is a seed, never a judge (decision 0018)', () => {
  test('a host only third-party-web knows names a vendor whose control stays unknown, even when a curated organisation has the same name', () => {
    const tawk = knowledge.vendorForHost('cdn.userzoom.com');
    const vendor = known(tawk);
    assert.ok(vendor.entity.startsWith('tpw:'), vendor.entity);
    assert.notEqual(vendor.entity, 'tawk-namesake');
    assert.equal(tawk.status === 'known' && tawk.provenance[0]?.source, 'third-party-web');
    const control = knowledge.controlOf(vendor.entity);
    assert.equal(control.status, 'unknown');
    assert.match(control.status === 'unknown' ? control.reason ?? '' : '', /third-party-web/);
  });

  test('once a curated table reaches the host (here an owned domain), the curated organisation decides', async () => {
    const file = writeData(USER_DATA.replace('aliases: [Userzoom]', 'aliases: [Userzoom]\n    domains: [userzoom.com]'));
    const withDomain = await loadKnowledge({ extraDataFiles: [file] });
    const vendor = known(withDomain.vendorForHost('cdn.userzoom.com'));
    assert.equal(vendor.entity, 'tawk-namesake');
    // The seed's product name and category are kept as labels when it names the same organisation.
    assert.equal(vendor.service, 'Userzoom');
    const control = withDomain.controlOf(vendor.entity);
    assert.equal(control.status === 'known' && control.value.jurisdiction, 'GB');
  });
});

describe('facts in flux, qualifications and history from the data', () => {
  test('jurisdiction candidates reach the control with the laws each would bring; the confirmed country is always one', async () => {
    const file = writeData(`
entities:
  - id: flux-test
    name: Flux Test
    country: FR
    confidence: high
    sources: [${source}]
    jurisdictionCandidates:
      - { country: LU, note: { en: "if the move to Luxembourg completes", fr: "si le transfert au Luxembourg aboutit" }, sources: [${source}] }
      - { country: US, note: { en: "if the US merger closes", fr: "si la fusion américaine aboutit" }, sources: [${source}] }
    qualifications:
      - { scheme: hds, offer: "Health hosting", since: 2024-01-01, sources: [${source}] }
    history:
      - { date: 2026-02-27, event: redomiciled, from: FR, to: LU, note: "vote of the shareholders", sources: [${source}] }
      - { date: 2021-05-01, event: acquired, by: owner-test, sources: [${source}] }
  - id: flux-child
    name: Flux Child
    country: DE
    parent: flux-test
    confidence: high
    sources: [${source}]
`);
    const withFlux = await loadKnowledge({ extraDataFiles: [dataFile, file] });
    const control = withFlux.controlOf('flux-child');
    assert.equal(control.status, 'known');
    const candidates = control.status === 'known' ? control.value.jurisdictionCandidates ?? [] : [];
    assert.deepEqual(candidates.map((c) => c.country), ['FR', 'LU', 'US']);
    const us = candidates.find((c) => c.country === 'US');
    assert.ok(us?.laws.some((law) => law.startsWith('us-')), JSON.stringify(us));
    assert.ok(!candidates.find((c) => c.country === 'LU')?.laws.some((law) => law.startsWith('us-')));
    assert.equal(us?.provenance[0]?.url, 'https://example.org/filing');
    const facts = withFlux.entity('flux-test');
    assert.equal(facts?.qualifications?.[0]?.scheme, 'hds');
    assert.deepEqual(facts?.history?.map((event) => event.date), ['2021-05-01', '2026-02-27']);
    assert.equal(withFlux.controlOf('owner-test').status === 'known' && withFlux.controlOf('owner-test').status, 'known');
  });
});
