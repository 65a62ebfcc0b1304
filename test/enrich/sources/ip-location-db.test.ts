/** The ip-location-db data source (src/enrich/sources/ip-location-db): lazily parsed IP tables. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseIp } from '../../../src/enrich/ip-address.js';
import { source } from '../../../src/enrich/sources/ip-location-db/index.js';

describe('ip-location-db data source', () => {
  it('load() parses no table: each is read on its first look-up, IPv6 only for an IPv6 address', async () => {
    const db = await source.load();
    assert.deepEqual(Object.keys(db.loadTimings), []);
    assert.equal(db.asn(parseIp('142.250.74.238')!)?.asn, 15169);
    assert.deepEqual(Object.keys(db.loadTimings), ['asn-ipv4-num.csv']);
    assert.equal(db.country(parseIp('51.91.0.1')!), 'FR');
    assert.deepEqual(Object.keys(db.loadTimings).sort(), ['asn-ipv4-num.csv', 'geo-whois-asn-country-ipv4-num.csv']);
  });

  it('names both package versions, and each table set has its own licence', async () => {
    const db = await source.load();
    assert.equal(source.version(), `asn ${db.asnPackage.version}, geo-whois-asn-country ${db.countryPackage.version}`);
    assert.deepEqual(db.dataSources().map((info) => [info.id, info.licence]), [['ip-location-db/asn', 'CC-BY-4.0'], ['ip-location-db/geo-whois-asn-country', 'CC0-1.0']]);
  });
});
