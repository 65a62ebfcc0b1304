import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { hostKnown, thirdPartyWebCoverage } from '../../../src/enrich/data-tools/coverage.js';
import { loadOfflineKnowledge, type OfflineKnowledge } from '../../../src/enrich/knowledge.js';

describe('coverage of the third-party-web entities (decision 0049)', () => {
  let knowledge: OfflineKnowledge;
  before(async () => {
    knowledge = await loadOfflineKnowledge();
  });

  it('judges a domain filed under the wrong product on its own, and the product on its own domains', () => {
    const figures = thirdPartyWebCoverage(knowledge, 500);
    const filed = figures.misFiled.find((entry) => entry.domain === '*.01net.com');
    assert.deepEqual(filed && { entity: filed.entity, owner: filed.owner }, { entity: 'Smart AdServer', owner: 'groupe-01' });
    assert.ok(!figures.missing.some((entry) => entry.name === 'Smart AdServer'), 'Smart AdServer is judged on sascdn.com, smartadserver.com…, which Equativ runs');
  });

  it('keeps a domain whose company name alone was wrong as part of its entity (Smartlook, filed under Smartsupp)', () => {
    const figures = thirdPartyWebCoverage(knowledge, 5000);
    assert.ok(!figures.misFiled.some((entry) => entry.domain === '*.smartlook.com'), JSON.stringify(figures.misFiled));
  });

  it('counts every measured entity once, as known or missing', () => {
    const figures = thirdPartyWebCoverage(knowledge, 500);
    assert.equal(figures.entities, 500);
    assert.equal(figures.known + figures.missing.length, figures.entities);
  });

  it('judges a bare address by its AS number and the organisation linked to it', () => {
    const jio = hostKnown(knowledge, '23.62.3.183');
    assert.deepEqual(jio, { known: true, entity: 'reliance-jio' });
    const documentation = hostKnown(knowledge, '192.0.2.1');
    assert.equal(documentation.known, false);
    assert.match(documentation.known ? '' : documentation.reason, /192\.0\.2\.1: no curated host pattern, owned domain or linked AS number/);
  });
});
