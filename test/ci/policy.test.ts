import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assess } from '../../src/assess/assess.js';
import { CATEGORIES, loadPolicy, parsePolicy, type Policy } from '../../src/assess/policy-file.js';
import { judgeControl } from '../../src/assess/policy.js';
import { rules } from '../../src/assess/rules/index.js';
import { explainPolicy, starterPolicy } from '../../src/cli/policy-text.js';
import { formatErrorLine, LocalisedUsageError } from '../../src/shared/errors.js';
import type { Assessment, Category, InfraComponent } from '../../src/types.js';
import { collection, control, enrichment, google, host, known, ovh } from '../assess/builders.js';

const BASE = 'id: t\nname: t\nallowedJurisdictions: [FR]\n';
const laws = enrichment([]).laws;

function errorOf(text: string, origin = 'p.yaml'): LocalisedUsageError {
  try {
    parsePolicy(text, origin);
  } catch (error) {
    assert.ok(error instanceof LocalisedUsageError, 'a localised usage error');
    return error;
  }
  assert.fail('the policy was accepted');
}

function findingHosts(assessment: Assessment, rule: string): string[] {
  return assessment.rules.find((result) => result.id === rule)?.findings.map((finding) => finding.subject.host) ?? [];
}

const analytics = (name: string, entity = google) =>
  host(name, { vendor: known({ entity: entity.entity, service: 'Analytics', categories: ['analytics'] as Category[] }), vendorControl: known(entity), operatorControl: known(ovh) });
const fonts = host('fonts.googleapis.com', { vendor: known({ entity: 'google', service: 'Google Fonts', categories: ['fonts'] as Category[] }), vendorControl: known(google), operatorControl: known(google) });

describe('policy file errors', () => {
  it('name the file, the field and the line of every problem, in English and French', () => {
    const error = errorOf(`${BASE}rules:\n  foreign-cdn: maybe\n  no-such-rule: block\ncategories:\n  analytic: deny\nallow:\n  hosts: [1]\n`);
    assert.match(error.message, /^policy file p\.yaml: /);
    assert.match(error.message, /rules\.foreign-cdn: must be one of: block, warn, off \(line 5\)/);
    assert.match(error.message, /rules\.no-such-rule: unknown field \(known: foreign-controlled-third-parties, .*\) \(line 6\)/);
    assert.match(error.message, /categories\.analytic: unknown field \(known: analytics, .*\) \(line 8\)/);
    assert.match(error.message, /allow\.hosts\.0: expected a string \(line 10\)/);
    assert.match(formatErrorLine(error, 'fr'), /^souverain : fichier de politique p\.yaml : .*rules\.foreign-cdn : valeurs possibles : block, warn, off \(ligne 5\)/);
  });

  it('give lines for JSON policies too, and say what is missing', () => {
    const error = errorOf('{\n  "id": "x",\n  "allowedJurisdictions": ["FR", "usa"]\n}\n', 'p.json');
    assert.match(error.message, /p\.json: name: is required \(a string\)/);
    assert.match(error.message, /allowedJurisdictions\.1: an ISO 3166-1 alpha-2 code in capitals, e\.g\. "FR" \(line 3\)/);
  });

  it('reject unknown top-level fields at their line, and an empty file', () => {
    assert.match(errorOf(`${BASE}allowedJurisdiction: [DE]\n`).message, /allowedJurisdiction: unknown field .* \(line 4\)/);
    assert.match(errorOf('').message, /\(top level\): the file is empty/);
  });

  it('keep the syntax error format: file:line does not parse', () => {
    assert.match(errorOf('id: x\nname: [oops\n', 'broken.yaml').message, /^policy file broken\.yaml:\d+ does not parse/);
  });

  it('accept a JSON policy that names its schema', () => {
    const policy = parsePolicy('{"$schema": "./schemas/policy.schema.json", "id": "j", "name": "J", "allowedJurisdictions": ["FR"]}', 'p.json');
    assert.equal(policy.id, 'j');
    assert.deepEqual(policy.deny, { organisations: [], hosts: [] });
  });
});

describe('policy decisions', () => {
  const policy = (extra: string): Policy => parsePolicy(`${BASE}${extra}`, 't.yaml');

  it('accept a foreign certificate authority through a category rule, and nothing else', () => {
    const ca: InfraComponent = { role: 'certificate-authority', subject: "Let's Encrypt", evidence: 'issuer', operator: known({ entity: 'isrg' }), control: known(control('isrg', 'isrg', 'US')) };
    const withCa = { ...enrichment([]), infrastructure: { host: 'www.site.fr', registrableDomain: 'site.fr', components: [ca], problems: [] } };
    const strict = policy('rules: { foreign-certificate-authority: block }\n');
    const lenient = policy('rules: { foreign-certificate-authority: block }\ncategories: { certificate-authority: allow }\n');
    assert.equal(assess(collection(), withCa, strict, 't').verdict, 'not-sovereign');
    assert.equal(assess(collection(), withCa, lenient, 't').verdict, 'sovereign');
    assert.equal(judgeControl(google, lenient, laws, { categories: ['analytics'] }).allowed, false, 'other categories still follow the jurisdictions');
  });

  it('deny foreign analytics even from an allowed organisation, but not French analytics', () => {
    const p = policy('allow: { organisations: [alphabet] }\ncategories: { analytics: deny }\n');
    const result = assess(collection(), enrichment([analytics('www.google-analytics.com'), analytics('stats.fr-analytics.fr', ovh), fonts]), p, 't');
    assert.deepEqual(findingHosts(result, 'foreign-controlled-third-parties'), ['www.google-analytics.com']);
    const finding = result.rules.find((r) => r.id === 'foreign-controlled-third-parties')!.findings[0]!;
    assert.match(finding.message.en, /The policy denies foreign analytics services\./);
    assert.match(finding.message.fr, /La politique refuse les services analytics étrangers\./);
    assert.equal(result.verdict, 'not-sovereign');
  });

  it('deny an organisation or a host whatever its jurisdiction, and let a denied host beat an allowed one', () => {
    const deniedOrg = policy('deny: { organisations: [ovh-groupe] }\n');
    const result = assess(collection(), enrichment([host('cdn.ovh.net')]), deniedOrg, 't');
    assert.deepEqual(findingHosts(result, 'foreign-controlled-third-parties'), ['cdn.ovh.net']);
    assert.match(result.rules[0]!.findings[0]!.message.en, /The policy denies the organisation ovh-groupe\./);
    const deniedHost = policy('allow: { hosts: ["*.example.fr"] }\ndeny: { hosts: ["tracker.example.fr"] }\n');
    const hosts = [host('tracker.example.fr'), host('cdn.example.fr', { vendorControl: known(google) })];
    assert.deepEqual(findingHosts(assess(collection(), enrichment(hosts), deniedHost, 't'), 'foreign-controlled-third-parties'), ['tracker.example.fr']);
  });

  it('never accept an unknown jurisdiction through a category', () => {
    const p = policy('categories: { analytics: allow }\n');
    assert.equal(judgeControl(control('x', 'x', 'unknown'), p, laws, { categories: ['analytics'] }).allowed, false);
    assert.deepEqual(judgeControl(google, p, laws, { categories: ['analytics'] }), { allowed: true, by: 'category', detail: 'analytics' });
  });

  it('let "hosting: allow" accept foreign server operators of hosts whose vendor passes', () => {
    const onAws = host('static.site.fr', { operatorControl: known(control('aws', 'amazon', 'US', ['us-cloud-act'])) });
    assert.equal(assess(collection(), enrichment([onAws]), policy(''), 't').verdict, 'not-sovereign');
    assert.equal(assess(collection(), enrichment([onAws]), policy('categories: { hosting: allow }\n'), 't').verdict, 'sovereign');
  });
});

describe('policy init and explain', () => {
  for (const from of ['fr', 'eu'] as const) {
    for (const lang of ['en', 'fr'] as const) {
      it(`write a ${lang} starter from "${from}" that parses back to the same rules and jurisdictions`, async () => {
        const { policy } = await loadPolicy(from);
        const text = starterPolicy(policy, from, rules, lang);
        const parsed = parsePolicy(text, 'starter.yaml');
        assert.deepEqual(parsed.allowedJurisdictions, policy.allowedJurisdictions);
        for (const rule of rules) assert.equal(parsed.rules[rule.meta.id], policy.rules[rule.meta.id] ?? rule.meta.defaultLevel);
        assert.match(text, /^# yaml-language-server: \$schema=/);
        for (const category of ['certificate-authority', 'analytics']) assert.ok(text.includes(category));
        if (lang === 'fr') assert.match(text, /Niveau de chaque règle/);
      });
    }
  }

  it('explain what blocks, what warns, the exceptions and unknown organisation ids', () => {
    const policy = parsePolicy(`${BASE}rules: { foreign-dns-operator: off }\ncategories: { certificate-authority: allow }\nallow: { organisations: [alphabet, nobody-knows] }\n`, 't.yaml');
    const lookup = (id: string) => (id === 'alphabet' ? { name: 'Alphabet', jurisdiction: 'US' } : undefined);
    const en = explainPolicy(policy, 't.yaml', rules, 'en', lookup);
    assert.match(en, /Decide the verdict \(level block\):\n {2}- foreign-controlled-third-parties/);
    assert.match(en, /Not run \(level off\):\n {2}- foreign-dns-operator/);
    assert.match(en, /certificate-authority: a foreign company is accepted/);
    assert.match(en, /organisations: alphabet \(Alphabet, US\), nobody-knows/);
    assert.match(en, /Warning: organisation "nobody-knows" is not in souverain's data/);
    assert.match(en, /FR \(France\)/);
    const fr = explainPolicy(policy, 't.yaml', rules, 'fr', lookup);
    assert.match(fr, /Décident du verdict \(niveau block\)/);
    assert.match(fr, /FR \(France\)/);
    assert.doesNotMatch(fr, /Decide the verdict|Always accepted/);
  });

  it('list every category in the schema', () => {
    assert.equal(new Set(CATEGORIES).size, CATEGORIES.length);
  });
});
