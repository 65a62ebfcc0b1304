/**
 * Qualifications of the bundled data (decisions 0020 and 0060): each is sourced with the address of a
 * document, its dates hold together, `lookup` shows it as information with its validity, and a policy
 * that requires one still ends "not verifiable from outside" with the real facts.
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { assess } from '../../src/assess/assess.js';
import { parsePolicy } from '../../src/assess/policy-file.js';
import { renderLookups, validity } from '../../src/cli/lookup-command.js';
import { loadKnowledge, type Knowledge } from '../../src/enrich/knowledge.js';
import { describeHost } from '../../src/enrich/lookup.js';
import { loadCuratedData, type CuratedData } from '../../src/enrich/sources/curated/load.js';
import { collection, enrichment, host } from '../assess/builders.js';

let data: CuratedData;
let knowledge: Knowledge;
before(async () => {
  data = await loadCuratedData();
  knowledge = await loadKnowledge();
});

describe('qualifications in the bundled data', () => {
  test('each cites a document address; since comes before until and not after the newest source was read', () => {
    let count = 0;
    for (const entity of data.entities.values()) {
      for (const qualification of entity.qualifications ?? []) {
        count += 1;
        const where = `${entity.id}: ${qualification.offer}`;
        assert.ok(qualification.sources.some((source) => source.url), `${where} has no source with a url`);
        assert.equal(qualification.scheme === 'other', qualification.name !== undefined, `${where}: name is for scheme "other" only`);
        if (qualification.since && qualification.until) assert.ok(qualification.since < qualification.until, `${where}: since after until`);
        const newestRead = qualification.sources.map((source) => String(source.asOf)).sort().at(-1) ?? '';
        if (qualification.since) assert.ok(qualification.since <= newestRead, `${where}: since ${qualification.since} is after the sources were read (${newestRead})`);
      }
    }
    assert.ok(count > 0, 'no qualification in the bundled data');
  });
});

describe('lookup shows qualifications as information, with their validity', () => {
  test('validity reads as a range, a start or an end, in English and French', () => {
    assert.equal(validity({ since: '2025-09-12', until: '2028-09-11' }, 'en'), ' (2025-09-12 to 2028-09-11)');
    assert.equal(validity({ since: '2025-09-12', until: '2028-09-11' }, 'fr'), ' (du 2025-09-12 au 2028-09-11)');
    assert.equal(validity({ since: '2025-12-17' }, 'en'), ' (since 2025-12-17)');
    assert.equal(validity({ until: '2025-09-11' }, 'fr'), ' (jusqu’au 2025-09-11)');
    assert.equal(validity({}, 'en'), '');
  });

  test('a host under an owned domain of a qualified provider names the holder, the offer and what cannot be seen', () => {
    const result = describeHost(knowledge, 'portal.cloud-temple.com', 'portal.cloud-temple.com');
    assert.equal(result.vendorControl?.status, 'known');
    const held = result.vendorControl?.status === 'known' ? result.vendorControl.qualifications : [];
    assert.ok(held.some((qualification) => qualification.scheme === 'secnumcloud' && qualification.holder === 'Cloud Temple'), JSON.stringify(held));
    assert.match(renderLookups([result], 'en'), /qualifications \(held for these offers; whether this host runs on one cannot be seen from outside\):\n\s+- Cloud Temple: secnumcloud — /);
    assert.match(renderLookups([result], 'fr'), /qualifications \(détenues pour ces offres ; rien ne permet de voir de l’extérieur si cet hôte en relève\) :\n\s+- Cloud Temple: secnumcloud — /);
  });

  test('every dated certificate prints its validity, however long the offers before it', () => {
    const text = renderLookups([describeHost(knowledge, 'dashboard.scalingo.com', 'dashboard.scalingo.com')], 'en');
    const dated = text.split('\n').filter((line) => /^\s+- Scalingo: hds — .*\(\d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2}\)$/.test(line));
    assert.ok(dated.length >= 2, text);
  });
});

describe('a policy requiring a qualification, with the real facts of the hosting operator', () => {
  const policy = parsePolicy('id: snc\nname: Sensitive data\nallowedJurisdictions: [FR]\nrequireQualifications: [secnumcloud, hds]\n', 'snc.yaml');

  test('OVHcloud holds both schemes for some offers: still inconclusive, "cannot be seen from outside"', () => {
    const facts = knowledge.entity('ovhcloud');
    assert.ok(facts?.qualifications?.some((qualification) => qualification.scheme === 'secnumcloud'));
    if (!facts) return;
    const enriched = enrichment([host('www.site.fr', { firstParty: true })]);
    enriched.entities.ovhcloud = facts;
    const result = assess(collection(), enriched, policy, 'snc.yaml');
    assert.equal(result.verdict, 'inconclusive');
    const findings = result.rules.find((rule) => rule.id === 'unverifiable-hosting-qualifications')?.findings ?? [];
    assert.ok(findings.length > 0);
    for (const finding of findings) assert.equal(finding.kind, 'unknown');
    const messages = findings.map((finding) => finding.message.en).join('\n');
    assert.match(messages, /OVHcloud holds SecNumCloud for Hosted Private Cloud/);
    assert.match(messages, /cannot be seen from outside/);
  });
});
