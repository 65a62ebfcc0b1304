/**
 * DKIM signers and DMARC report receivers end to end: the CLI audits a fixture site in real
 * Chromium, its own resolver asks the fixture world's DNS server (real protocol, --dns-server) for
 * the DKIM selectors and _dmarc, and the JSON, HTML and CSV reports name each signer and receiver
 * with its operator and jurisdiction — and escape what the hostile record carries.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startFixtureWorld, type DnsRecordSpec, type FixtureWorld } from '../../src/fixture-world/index.js';
import type { AuditReport, InfraComponent } from '../../src/types.js';
import { runCli } from '../e2e/helpers.js';

const FR_IP = '51.91.236.193'; // OVH (AS16276), FR
const KEY = 'v=DKIM1; k=rsa; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDZKmUNhK1Yb6Vv';
const txt = (name: string, value: string): DnsRecordSpec => ({ name, type: 'TXT', value });
const cname = (name: string, value: string): DnsRecordSpec => ({ name, type: 'CNAME', value });

// A French shop on OVH whose newsletters go through Mailchimp and Brevo and whose DMARC reports go
// to Valimail (aggregate) and Agari (failure), plus a hostile address in its own DMARC record.
const DNS: DnsRecordSpec[] = [
  { name: 'www.maison.fr', type: 'A', value: FR_IP },
  { name: 'maison.fr', type: 'NS', value: 'dns10.ovh.net' },
  { name: 'maison.fr', type: 'MX', value: 'mx1.mail.ovh.net' },
  txt('maison.fr', 'v=spf1 include:mx.ovh.com ~all'),
  txt('mx.ovh.com', 'v=spf1 ip4:188.165.0.0/16 ~all'),
  cname('k1._domainkey.maison.fr', 'dkim.mcsv.net'),
  txt('dkim.mcsv.net', KEY),
  cname('brevo1._domainkey.maison.fr', 'b1.maison-fr.dkim.brevo.com'),
  txt('b1.maison-fr.dkim.brevo.com', KEY),
  txt('google._domainkey.maison.fr', KEY),
  txt('_dmarc.maison.fr', 'v=DMARC1; p=quarantine; rua=mailto:dmarc_agg@vali.email,mailto:<img src=x onerror=alert(1)>@evil.test!10m; ruf=mailto:maison@ruf.agari.com'),
];

describe('DKIM signers and DMARC report receivers in the audit reports', () => {
  let world: FixtureWorld;
  let dir: string;
  let report: AuditReport;
  let html: string;
  let csv: string;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'souverain-mail-auth-'));
    world = await startFixtureWorld({ sites: [{ host: 'www.maison.fr', tlsIssuer: 'Certigna', routes: { '/': { body: '<!doctype html><title>Maison</title><p>Boutique.</p>' } } }], dns: DNS });
    const result = await runCli(['audit', 'https://www.maison.fr/', ...world.connectTo.flatMap((c) => ['--connect-to', c]), '--dns-server', world.dnsServer, '--insecure', '--format', 'json,html,csv', '--output-dir', dir]);
    assert.equal(result.code, 1, `US signers and receivers make the verdict not sovereign under fr\n${result.stderr}\n${result.stdout.slice(-2000)}`);
    report = JSON.parse(await readFile(join(dir, 'souverain-report.json'), 'utf8')) as AuditReport;
    html = await readFile(join(dir, 'souverain-report.html'), 'utf8');
    csv = await readFile(join(dir, 'souverain-report.csv'), 'utf8');
  });
  after(async () => {
    await world?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const components = (): InfraComponent[] => report.enrichment.infrastructure?.components ?? [];
  const operatorOf = (component: InfraComponent | undefined) => (component?.operator.status === 'known' ? component.operator.value.entity : undefined);
  const jurisdictionOf = (component: InfraComponent | undefined) => (component?.control.status === 'known' ? component.control.value.jurisdiction : undefined);

  test('the collection holds the DKIM keys found and the DMARC addresses, every answer as DNS evidence', () => {
    const infra = report.collection.infrastructure!;
    const dkim = infra.dkim?.find((d) => d.domain === 'maison.fr');
    assert.deepEqual(dkim?.found.map((f) => `${f.selector} ${f.cnameChain.join(' → ')}`).sort(), ['brevo1 b1.maison-fr.dkim.brevo.com', 'google ', 'k1 dkim.mcsv.net']);
    const dmarc = infra.dmarc?.find((d) => d.domain === 'maison.fr');
    assert.equal(dmarc?.policy, 'quarantine');
    assert.deepEqual(dmarc?.aggregate.map((a) => a.domain ?? '-'), ['vali.email', '-']);
    assert.ok(report.collection.dns.some((a) => a.name === '_dmarc.maison.fr' && a.type === 'TXT' && a.status === 'ok'));
    assert.ok(report.collection.dns.some((a) => a.name === 'k1._domainkey.maison.fr' && a.type === 'CNAME'));
  });

  test('JSON: Mailchimp and Brevo sign as the domain, Valimail and Agari receive its reports', () => {
    const mailchimp = components().find((c) => c.subject.startsWith('DKIM k1._domainkey.maison.fr'));
    assert.equal(operatorOf(mailchimp), 'mailchimp');
    assert.equal(mailchimp?.role, 'mail-sender');
    assert.equal(jurisdictionOf(mailchimp), 'US');
    const brevo = components().find((c) => c.subject.startsWith('DKIM brevo1._domainkey.maison.fr'));
    assert.equal(operatorOf(brevo), 'brevo');
    assert.equal(jurisdictionOf(brevo), 'FR');
    const valimail = components().find((c) => c.role === 'mail-reports' && c.subject.includes('dmarc_agg@vali.email'));
    assert.equal(operatorOf(valimail), 'valimail');
    assert.equal(jurisdictionOf(valimail), 'US');
    assert.match(valimail?.alternative?.en ?? '', /DMARC reports to a mailbox of your own/, 'the alternative fits a report processor, not a newsletter tool');
    const agari = components().find((c) => c.role === 'mail-reports' && c.subject.includes('ruf.agari.com'));
    assert.equal(operatorOf(agari), 'agari', 'Agari is named; its control stays unknown while its facts are low confidence');
    assert.ok(!components().some((c) => c.subject.includes('google._domainkey')), 'a key in the own zone attributes nobody');
    assert.ok(report.enrichment.infrastructure?.problems.includes("DKIM key google._domainkey.maison.fr is published in the domain's own zone: it names no operator"));
  });

  test('the mail rule judges the US signer and receiver', () => {
    const rule = report.assessment.rules.find((r) => r.id === 'foreign-mail-operator');
    assert.equal(rule?.status, 'fail');
    const messages = (rule?.findings ?? []).map((f) => f.message.en);
    assert.ok(messages.some((m) => /^mail sending \(SPF, DKIM\) for maison\.fr: DKIM k1\._domainkey\.maison\.fr → dkim\.mcsv\.net is run by .*US/.test(m)), messages.join('\n'));
    assert.ok(messages.some((m) => /^DMARC reports about the mail of maison\.fr: rua=dmarc_agg@vali\.email is run by .*Valimail.*US/.test(m)), messages.join('\n'));
  });

  test('HTML lists the signer and the receiver with their operator, and escapes the hostile address', () => {
    assert.match(html, /mail sender<\/td>\s*<td[^>]*><code>DKIM k1\._domainkey\.maison\.fr → dkim\.mcsv\.net<\/code>/);
    assert.match(html, /DMARC report receiver<\/td>\s*<td[^>]*><code>rua=dmarc_agg@vali\.email<\/code><\/td>\s*<td[^>]*>[^<]*<\/td>\s*<td[^>]*>Valimail<\/td>/);
    assert.doesNotMatch(html, /<img src=x/);
    assert.match(html, /Infrastructure: DMARC rua= (?:&quot;|&#34;)mailto:&lt;img src=x onerror=alert\(1\)&gt;@evil\.test!10m(?:&quot;|&#34;): not a valid mailbox/, 'the refused address is shown, escaped');
    assert.doesNotMatch(html, /why unknown: first party/, 'an infrastructure unknown is not explained by the site host');
  });

  test('CSV has one row per signer and receiver', () => {
    assert.match(csv, /DKIM k1\._domainkey\.maison\.fr → dkim\.mcsv\.net/);
    assert.match(csv, /rua=dmarc_agg@vali\.email/);
  });
});
