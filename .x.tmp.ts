import { loadOfflineKnowledge } from './src/enrich/knowledge.js';
const k = await loadOfflineKnowledge();
const n = k.networkForIp('23.62.3.183'); console.log(JSON.stringify(n));
const a = (n as any).value?.asn; if (a) console.log(JSON.stringify(k.operatorForAsn(a)));
