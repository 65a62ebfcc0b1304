import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import {
  infrastructureListCoverage, nameProblem, readInfrastructureList, type InfrastructureList,
} from '../../../src/enrich/data-tools/infrastructure-list-coverage.js';
import { loadInfrastructurePatterns, type InfrastructurePatternIndex } from '../../../src/enrich/infrastructure.js';
import { loadOfflineKnowledge, type OfflineKnowledge } from '../../../src/enrich/knowledge.js';
import { UsageError } from '../../../src/shared/errors.js';

const source = { note: 'test', asOf: '2026-12-05' };

describe('coverage of the most common European infrastructure providers (line f)', () => {
  let knowledge: OfflineKnowledge;
  let patterns: InfrastructurePatternIndex;
  before(async () => {
    [knowledge, patterns] = await Promise.all([loadOfflineKnowledge(), loadInfrastructurePatterns()]);
  });

  it('attributes each role by the audit\'s own path: NS, MX (national domain), SPF, DKIM and CA issuer names', () => {
    assert.equal(nameProblem(knowledge, patterns, 'name-server', 'dns10.ovh.net', 'ovhcloud'), undefined);
    assert.equal(nameProblem(knowledge, patterns, 'mail-exchanger', 'mx00.ionos.fr', 'ionos'), undefined);
    assert.equal(nameProblem(knowledge, patterns, 'spf-include', '_spf-eu.ionos.com', 'ionos'), undefined);
    assert.equal(nameProblem(knowledge, patterns, 'dkim', 's1.domainkey.u2744887.wl138.sendgrid.net', 'twilio'), undefined);
    assert.equal(nameProblem(knowledge, patterns, 'certificate-issuer', "Let's Encrypt", 'isrg'), undefined);
  });

  it('recognises national and European names: an MX under a domain a service pattern shadows, a CA by O= prefix', () => {
    assert.equal(nameProblem(knowledge, patterns, 'mail-exchanger', 'mx.zoho.eu', 'zoho'), undefined);
    assert.equal(nameProblem(knowledge, patterns, 'dkim', 'b1.example-com.dkim.brevo.com', 'brevo'), undefined);
    assert.equal(nameProblem(knowledge, patterns, 'certificate-issuer', 'Actalis S.p.A./03358520967', 'actalis'), undefined);
  });

  it('accepts an organisation of the expected group: STRATO\'s MX belongs to IONOS\'s group', () => {
    assert.equal(nameProblem(knowledge, patterns, 'mail-exchanger', 'smtpin.rzone.de', 'ionos'), undefined);
  });

  it('says why a made-up name, another group or a CA string nobody knows is not known', () => {
    assert.match(nameProblem(knowledge, patterns, 'name-server', 'ns1.no-such-provider-8c2f.example', 'ovhcloud') ?? '', /name-server ns1\.no-such-provider-8c2f\.example: no role pattern or owned domain/);
    assert.match(nameProblem(knowledge, patterns, 'spf-include', '_spf.google.com', 'microsoft') ?? '', /→ google, expected microsoft/);
    assert.match(nameProblem(knowledge, patterns, 'certificate-issuer', 'Invented Trust Services Ltd', 'isrg') ?? '', /no certificate-authority pattern or organisation of that name/);
  });

  it('counts a provider known only when every one of its names is, and names the first miss', () => {
    const list: InfrastructureList = {
      providers: [
        { name: 'Known', entity: 'gandi', roles: ['dns', 'mail'], nameServers: ['ns-129-a.gandi.net'], mailExchangers: ['spool.mail.gandi.net'], spf: ['_mailcust.gandi.net'], source },
        { name: 'Half known', entity: 'ovhcloud', roles: ['dns'], nameServers: ['dns10.ovh.net', 'ns1.not-ovh-7d1e.example'], source },
        { name: 'Not curated', entity: 'no-such-organisation', roles: ['dns'], nameServers: ['ns1.example.net'], source },
      ],
    };
    const figures = infrastructureListCoverage(knowledge, patterns, list, 'test.yaml');
    assert.deepEqual({ providers: figures.providers, known: figures.known, names: figures.names, namesKnown: figures.namesKnown }, { providers: 3, known: 1, names: 6, namesKnown: 4 });
    assert.deepEqual(figures.missing.map((m) => m.name), ['Half known', 'Not curated']);
    assert.match(figures.missing[0]!.reason, /ns1\.not-ovh-7d1e\.example/);
    assert.match(figures.missing[1]!.reason, /unknown organisation "no-such-organisation"/);
  });

  it('reads the bundled list of about a hundred providers and counts each once', async () => {
    const list = await readInfrastructureList();
    assert.ok(list, 'data/ecosystem/infrastructure.yaml exists');
    assert.ok(list.providers.length >= 100, `${list.providers.length} providers`);
    const figures = infrastructureListCoverage(knowledge, patterns, list);
    assert.equal(figures.known + figures.missing.length, figures.providers);
    assert.ok(figures.names >= figures.providers);
  });

  it('lists DNS names as plain lower-case host names, each once per provider', async () => {
    const list = await readInfrastructureList();
    for (const provider of list?.providers ?? []) {
      const hosts = [...provider.nameServers ?? [], ...provider.mailExchangers ?? [], ...provider.spf ?? [], ...provider.dkim ?? []];
      for (const host of hosts) assert.match(host, /^(?:[a-z0-9_](?:[a-z0-9_-]*[a-z0-9])?\.)+[a-z]{2,}$/, `${provider.name}: ${host}`);
      assert.equal(new Set(hosts).size, hosts.length, `${provider.name} lists a name twice`);
    }
  });

  it('rejects a malformed list with one line naming the file, the line and the field', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'souverain-infra-list-')), 'infrastructure.yaml');
    writeFileSync(file, 'providers:\n  - name: X\n    entity: ovhcloud\n    roles: [dns]\n    nameservers: [dns10.ovh.net]\n    source: { note: n, asOf: 2026-12-05 }\n');
    await assert.rejects(readInfrastructureList(file), (error: unknown) => error instanceof UsageError && /infrastructure\.yaml.*nameservers/s.test(error.message));
  });
});
