import { loadOfflineKnowledge } from '../src/enrich/knowledge.js';
import { announcedNetworks, bundledAddressFiles } from '../src/enrich/data-tools/network-ranking.js';
import { writeFileSync } from 'node:fs';
const k = await loadOfflineKnowledge();
const f = bundledAddressFiles();
const n = await announcedNetworks(f.asnFile, f.countryFile);
writeFileSync('/tmp/knet-asns.tsv', n.sort((a,b)=>b.addresses-a.addresses).map(x => [x.asn, x.country, x.addresses, k.entityGraph.idForAsn(x.asn) ?? '-', x.name].join('\t')).join('\n') + '\n');
