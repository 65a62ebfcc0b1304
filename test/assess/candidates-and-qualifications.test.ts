/**
 * Jurisdiction candidates (decision 0019) and required qualifications: an unsettled jurisdiction
 * is judged sovereign only if every candidate is allowed, not sovereign if none is, inconclusive
 * otherwise; a required qualification is never guessed from outside.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assess } from '../../src/assess/assess.js';
import { loadPolicy, parsePolicy } from '../../src/assess/policy-file.js';
import { describeCandidates, judgeControl } from '../../src/assess/policy.js';
import type { Control, JurisdictionCandidate } from '../../src/types.js';
import { collection, control, enrichment, host, known } from './builders.js';

const fr = (await loadPolicy('fr')).policy;
const eu = (await loadPolicy('eu')).policy;

const candidate = (country: string, en: string, fr: string, laws: string[] = []): JurisdictionCandidate => ({ country, note: { en, fr }, laws, provenance: [{ source: 'test', asOf: '2026-11-01' }] });

function inFlux(...candidates: JurisdictionCandidate[]): Control {
  return { ...control('adtech', 'adtech', 'FR'), jurisdictionCandidates: candidates };
}

const FR = candidate('FR', 'the last confirmed jurisdiction', 'la dernière juridiction confirmée');
const LU = candidate('LU', 'if the conversion to an SE in Luxembourg is completed', 'si la transformation en SE luxembourgeoise aboutit');
const US = candidate('US', 'if the announced merger with a US group closes', 'si la fusion annoncée avec un groupe américain aboutit', ['us-cloud-act']);
const laws = enrichment([]).laws;

describe('jurisdiction candidates', () => {
  test('every candidate allowed → allowed; none allowed → refused; some → uncertain, in words', () => {
    assert.equal(judgeControl(inFlux(FR, LU), eu, laws).allowed, true);
    const onlyFrance = judgeControl(inFlux(FR, LU), fr, laws);
    assert.equal(onlyFrance.allowed, false);
    assert.equal(onlyFrance.by, 'uncertain-jurisdiction');
    const mixed = judgeControl(inFlux(FR, LU, US), eu, laws);
    assert.equal(mixed.by, 'uncertain-jurisdiction');
    assert.equal(mixed.by === 'uncertain-jurisdiction' && mixed.words.en, 'FR, or LU (if the conversion to an SE in Luxembourg is completed), or US (if the announced merger with a US group closes)');
    assert.match(describeCandidates(inFlux(US, LU, FR)).fr, /^FR, ou US \(si la fusion/);
    const none = judgeControl({ ...inFlux(candidate('US', 'a', 'a', ['us-cloud-act']), candidate('CN', 'b', 'b')), jurisdiction: 'US' }, eu, laws);
    assert.equal(none.allowed, false);
    assert.equal(none.by, 'jurisdiction');
  });

  test('a verdict with an unsettled vendor is inconclusive, with a finding that names the candidates in both languages', () => {
    const vendor = host('static.adtech.example', { vendor: known({ entity: 'adtech', categories: ['advertising'] }), vendorControl: known(inFlux(FR, LU, US)) });
    const result = assess(collection(), enrichment([vendor]), eu, 'built-in:eu');
    assert.equal(result.verdict, 'inconclusive');
    const finding = result.rules.flatMap((rule) => rule.findings).find((f) => f.rule === 'foreign-controlled-third-parties');
    assert.equal(finding?.kind, 'unknown');
    assert.match(finding?.message.en ?? '', /not settled: FR, or LU \(if .*\), or US \(if/);
    assert.match(finding?.message.fr ?? '', /n’est pas établie : FR, ou LU/);
    const settled = host('static.adtech.example', { vendor: known({ entity: 'adtech', categories: ['advertising'] }), vendorControl: known(inFlux(FR, LU)) });
    assert.equal(assess(collection(), enrichment([settled]), eu, 'built-in:eu').verdict, 'sovereign');
  });
});

describe('required qualifications of the hosting operator', () => {
  const policy = parsePolicy('id: hds\nname: Health data\nallowedJurisdictions: [FR]\nrequireQualifications: [secnumcloud]\n', 'test.yaml');
  const site = host('www.site.fr', { firstParty: true });

  test('held for some offers → inconclusive, naming the offers and that it cannot be seen from outside', () => {
    const data = enrichment([site]);
    data.entities.ovhcloud = {
      id: 'ovhcloud', name: 'OVHcloud', country: 'FR', ultimateParent: 'ovhcloud', provenance: [],
      qualifications: [
        { scheme: 'secnumcloud', offer: 'Hosted Private Cloud', since: '2021-12-01', provenance: [{ source: 'test', url: 'https://cyber.gouv.fr/' }] },
        { scheme: 'secnumcloud', offer: 'Expired offer', until: '2020-01-01', provenance: [] },
      ],
    };
    const result = assess(collection(), data, policy, 'test.yaml');
    assert.equal(result.verdict, 'inconclusive');
    const finding = result.rules.find((rule) => rule.id === 'unverifiable-hosting-qualifications')?.findings[0];
    assert.equal(finding?.kind, 'unknown');
    assert.match(finding?.message.en ?? '', /OVHcloud holds SecNumCloud for Hosted Private Cloud \(2021-12-01\); whether www\.site\.fr runs on one of these offers cannot be seen from outside/);
    assert.doesNotMatch(finding?.message.en ?? '', /Expired offer/);
    assert.equal(finding?.provenance[0]?.url, 'https://cyber.gouv.fr/');
  });

  test('not held → still inconclusive (absence in the data is not proof), and no finding without the requirement', () => {
    const result = assess(collection(), enrichment([site]), policy, 'test.yaml');
    assert.equal(result.verdict, 'inconclusive');
    assert.match(result.rules.find((rule) => rule.id === 'unverifiable-hosting-qualifications')?.findings[0]?.message.fr ?? '', /aucune qualification SecNumCloud/);
    assert.equal(assess(collection(), enrichment([site]), fr, 'built-in:fr').verdict, 'sovereign');
  });

  test('an unknown scheme in a policy is refused', () => {
    assert.throws(() => parsePolicy('id: x\nname: X\nallowedJurisdictions: [FR]\nrequireQualifications: [gold-star]\n', 'x.yaml'), /requireQualifications/);
  });
});
