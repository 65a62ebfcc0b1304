/**
 * The networks measure (src/enrich/data-tools/network-ranking.ts) on small fake CSV files in the
 * formats of @ip-location-db/asn and geo-whois-asn-country: announced space, registry-country
 * majority, ranking and linked counts.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  announcedNetworks, bundledAddressFiles, checkGlobalNetworks, countryOfCode, globalNetworkCoverage, networkRanking, rankEuropeanNetworks, readCountrySegments,
  renderNetworkGaps, renderNetworkRanking, sameNameCandidates, type AsnLinks,
} from '../../src/enrich/data-tools/network-ranking.js';
import { loadOfflineKnowledge } from '../../src/enrich/knowledge.js';

/** 10.0.0.0 as a number: the fixtures use small blocks from there. */
const BASE = 167772160;
const range = (from: number, size: number) => `${BASE + from},${BASE + from + size - 1}`;

// AS3320 (Deutsche Telekom in the curated data): 1000 addresses, 600 of them registered in DE, 400 in FR.
// AS64500: 1500 addresses, 1000 in FR, 500 in US → FR. AS64501: 2000 addresses in US → not EU/EEA.
// AS64502: 100 addresses in a NO block with a nested /32-like SE range listed after it → NO.
// AS64503: 1000 addresses, same size as AS3320 → ranked after it (ties by ASN).
const ASN_CSV = [
  `${range(0, 600)},3320,Deutsche Telekom AG`,
  `${range(600, 1500)},64500,"Example, ""Hosting"" SA"`,
  `${range(2100, 400)},3320,Deutsche Telekom AG`,
  `${range(3000, 2000)},64501,US Cloud Inc.`,
  `${range(5000, 100)},64502,Nordic Net AS`,
  `${range(6000, 1000)},64503,Other Telecom`,
  'not,a,row',
  '',
].join('\r\n');

const COUNTRY_CSV = [
  `${range(0, 600)},DE`,
  `${range(600, 1000)},FR`,
  `${range(1600, 500)},US`,
  `${range(2100, 400)},FR`,
  `${range(3000, 2000)},US`,
  `${range(5000, 100)},NO`,
  `${range(5010, 60)},SE`,
  `${range(6000, 1000)},IT`,
].join('\n');

let directory: string;
let asnFile: string;
let countryFile: string;

before(async () => {
  directory = await mkdtemp(join(tmpdir(), 'souverain-networks-'));
  asnFile = join(directory, 'asn-ipv4-num.csv');
  countryFile = join(directory, 'geo-whois-asn-country-ipv4-num.csv');
  await writeFile(asnFile, ASN_CSV);
  await writeFile(countryFile, COUNTRY_CSV);
});

after(async () => {
  await rm(directory, { recursive: true, force: true });
});

const fakeLinks = (linked: Record<number, string>, groups: Record<string, string> = {}, uncertain: string[] = []): AsnLinks => ({
  entityForAsn: (asn) => linked[asn],
  controlKnown: (entity) => !uncertain.includes(entity),
  group: (entity) => groups[entity] ?? entity,
});

describe('network ranking', () => {
  it('sums announced space per ASN and gives each the registry country holding most of it', async () => {
    const networks = new Map((await announcedNetworks(asnFile, countryFile)).map((network) => [network.asn, network]));
    assert.deepEqual([...networks.keys()].sort((a, b) => a - b), [3320, 64500, 64501, 64502, 64503]);
    assert.deepEqual(networks.get(3320), { asn: 3320, name: 'Deutsche Telekom AG', country: 'DE', addresses: 1000 });
    assert.deepEqual(networks.get(64500), { asn: 64500, name: 'Example, "Hosting" SA', country: 'FR', addresses: 1500 });
    assert.equal(networks.get(64501)?.country, 'US');
    // 60 of its 100 addresses are in the nested SE range: the range listed later wins over the block.
    assert.equal(networks.get(64502)?.country, 'SE');
  });

  it('ranks the EU/EEA networks by space, keeps the top N, and counts the linked ones and their space', async () => {
    const networks = await announcedNetworks(asnFile, countryFile);
    const ranking = rankEuropeanNetworks(networks, ['DE', 'FR', 'IT', 'SE', 'NO'], fakeLinks({ 64500: 'example', 64503: 'other' }, {}, ['other']), 3);
    assert.deepEqual(ranking.ranked.map((network) => [network.rank, network.asn]), [[1, 64500], [2, 3320], [3, 64503]]);
    assert.equal(ranking.top, 3);
    assert.equal(ranking.linked, 2);
    assert.equal(ranking.linkedPercent, 66.7);
    assert.equal(ranking.spacePercent, 71.4); // (1500 + 1000) of 3500 addresses
    assert.equal(ranking.controlKnown, 1);
    assert.deepEqual(ranking.unlinked.map((network) => network.asn), [3320]);
  });

  it('measures the global list per AS number: linked to the expected group, to another group, or not at all', () => {
    const list = { networks: [
      { name: 'Cloud A', entity: 'cloud-a', asns: [1, 2] },
      { name: 'CDN B', entity: 'cdn-b', asns: [3, 4] },
    ] };
    const links = fakeLinks({ 1: 'cloud-a-eu', 2: 'cloud-a', 3: 'someone-else' }, { 'cloud-a-eu': 'cloud-a' });
    const figures = globalNetworkCoverage(list, 'networks.yaml', links, new Map([[4, 'CDN B Ltd']]));
    assert.equal(figures.asns, 4);
    assert.equal(figures.linked, 2);
    assert.equal(figures.percent, 50);
    assert.equal(figures.providersLinked, 1);
    assert.deepEqual(figures.mismatches, [{ provider: 'CDN B', asn: 3, expected: 'cdn-b', found: 'someone-else' }]);
    assert.deepEqual(figures.unlinked, [{ provider: 'CDN B', asn: 4, name: 'CDN B Ltd' }]);
  });

  it('links through the curated tables and the EU/EEA list of data/laws.yaml, and renders line (e) in English and French', async () => {
    const knowledge = await loadOfflineKnowledge();
    const globalFile = join(directory, 'networks.yaml');
    await writeFile(globalFile, 'networks:\n  - { name: Telekom, entity: deutsche-telekom, asns: [3320, 64499] }\n');
    const figures = await networkRanking(knowledge, { asnFile, countryFile, data: 'fixture' }, globalFile);
    // US is not in the EU/EEA; AS3320 is Deutsche Telekom's in data/entities/networks.yaml.
    assert.deepEqual(figures.europe.ranked.map((network) => [network.asn, network.entity ?? null]), [[64500, null], [3320, 'deutsche-telekom'], [64503, null], [64502, null]]);
    assert.equal(figures.europe.linked, 1);
    assert.equal(figures.global?.linked, 1);
    assert.deepEqual(figures.global?.unlinked, [{ provider: 'Telekom', asn: 64499 }]);
    assert.match(renderNetworkRanking(figures, 'en')[0] ?? '', /^\(e\) the 4 largest networks registered in the EU\/EEA .*: 1 linked to an organisation \(25 %, 27\.8 % of their space\).*1\/2 AS numbers of 1 providers/);
    assert.match(renderNetworkRanking(figures, 'fr')[0] ?? '', /^\(e\) les 4 plus grands réseaux immatriculés dans l’UE\/EEE .*: 1 rattachés à une organisation/);
    assert.ok(renderNetworkGaps(figures, 'en').includes('  - network #1 AS64500 Example, "Hosting" SA (FR, 1,500 addresses): not linked to an organisation'));
  });

  it('data check names a provider of the global list whose organisation does not exist', async () => {
    const knowledge = await loadOfflineKnowledge();
    const errors = checkGlobalNetworks(knowledge, { networks: [{ name: 'Nobody', entity: 'no-such-entity', asns: [1] }, { name: 'Telekom', entity: 'deutsche-telekom', asns: [3320] }] });
    assert.deepEqual(errors, ['networks list (data/ecosystem/networks.yaml): "Nobody" names unknown entity "no-such-entity"']);
  });

  it('flattens the bundled country file into sorted, disjoint segments (its nested ranges are cut, none is lost)', async () => {
    const file = bundledAddressFiles().countryFile;
    const { starts, ends, codes } = await readCountrySegments(file);
    assert.ok(starts.length > 300_000, `${starts.length} segments`);
    let overlaps = 0;
    let covered = 0;
    for (let i = 0; i < starts.length; i++) {
      if (i > 0 && (starts[i] as number) <= (ends[i - 1] as number)) overlaps++;
      covered += (ends[i] as number) - (starts[i] as number) + 1;
    }
    assert.equal(overlaps, 0);
    assert.ok([...new Set(codes)].every((code) => /^[A-Z]{2}$/.test(countryOfCode(code))));
    // The addresses the file covers (the union of its ranges, nested or not) are all still covered.
    const ranges = (await readFile(file, 'utf8')).split('\n').filter(Boolean).map((line) => line.split(',').slice(0, 2).map(Number) as [number, number]);
    ranges.sort((a, b) => a[0] - b[0]);
    let union = 0;
    let [start, end] = ranges[0] as [number, number];
    for (const [s, e] of ranges.slice(1)) {
      if (s > end + 1) { union += end - start + 1; [start, end] = [s, e]; } else end = Math.max(end, e);
    }
    union += end - start + 1;
    assert.equal(covered, union);
  });

  it('lists unlinked AS numbers carrying the exact AS name of AS numbers linked to one organisation only', () => {
    const networks = [
      { asn: 1, name: 'Example Telecom SA', country: 'FR', addresses: 100 },
      { asn: 2, name: ' example telecom sa', country: 'FR', addresses: 50 },
      { asn: 3, name: 'Shared Name', country: 'DE', addresses: 10 },
      { asn: 4, name: 'Shared Name', country: 'DE', addresses: 10 },
      { asn: 5, name: 'Shared Name', country: 'DE', addresses: 10 },
      { asn: 6, name: 'Nobody Linked', country: 'IT', addresses: 10 },
    ];
    const candidates = sameNameCandidates(networks, { entityForAsn: (asn) => ({ 1: 'example', 3: 'one', 4: 'two' } as Record<number, string>)[asn] });
    // AS5's name is claimed by two organisations: no guess. AS6's name is nobody's.
    assert.deepEqual(candidates, [{ asn: 2, name: ' example telecom sa', entity: 'example', addresses: 50 }]);
  });

  it('never takes a registry\'s own name (an artefact of the AS data) as the registrant of other AS numbers', () => {
    const networks = [
      { asn: 719, name: 'RIPE Network Coordination Centre', country: 'FI', addresses: 1000 },
      { asn: 3130, name: 'RIPE Network Coordination Centre', country: 'US', addresses: 10 },
      { asn: 8, name: 'Example Telecom SA', country: 'FR', addresses: 100 },
      { asn: 9, name: 'Example Telecom SA', country: 'FR', addresses: 10 },
    ];
    const candidates = sameNameCandidates(networks, { entityForAsn: (asn) => ({ 719: 'elisa', 8: 'example' } as Record<number, string>)[asn] });
    assert.deepEqual(candidates, [{ asn: 9, name: 'Example Telecom SA', entity: 'example', addresses: 10 }]);
  });
});
