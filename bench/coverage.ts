/**
 * Coverage of the knowledge tables (issue 8 targets in brackets), the same computation as
 * `souverain data stats`:
 * (a) the 500 most prevalent third-party-web entities (by the bundled package's totalOccurrences):
 *     share with a known ultimate parent and jurisdiction from a curated, cited fact reached through
 *     a host pattern or an owned domain — never third-party-web's company name [≥ 95 %, ≥ 99 % weighted];
 * (b) the FR/EU ecosystem list data/ecosystem/fr-eu.yaml: services known [≥ 95 %];
 * (c) networks: AS numbers linked to organisations; (d) infrastructure providers;
 * (e) the 300 largest networks registered in the EU/EEA by announced IPv4 space, and the global clouds
 *     and CDNs of data/ecosystem/networks.yaml, linked to a curated organisation [all, where a fact exists].
 * (f) the ~100 infrastructure providers most common in Europe (data/ecosystem/infrastructure.yaml):
 *     every NS, MX, SPF, DKIM/return-path and CA name attributed by the audit's path, misses listed.
 * Then the most prevalent gaps, for the maintainers. Run: `node --import tsx bench/coverage.ts [N]`.
 */
import { renderCoverage } from '../src/cli/data-command.js';
import { coverage } from '../src/enrich/data-tools/coverage.js';
import { byRole, readInfrastructureRows } from '../src/enrich/data-tools/tables.js';
import { auditThirdPartyWeb } from '../src/enrich/data-tools/third-party-web-audit.js';
import { loadInfrastructurePatterns } from '../src/enrich/infrastructure.js';
import { loadOfflineKnowledge } from '../src/enrich/knowledge.js';

const detail = Number(process.argv[2] ?? 20);
const knowledge = await loadOfflineKnowledge();
const figures = await coverage(knowledge, byRole(await readInfrastructureRows()), 500, await loadInfrastructurePatterns());
process.stdout.write(renderCoverage(figures, 'en', detail));
const audit = auditThirdPartyWeb(knowledge);
console.log(`third-party-web audit: ${audit.entities} entities, ${audit.domains} domains; ${audit.curatedDomains} covered by a curated pattern or owned domain, ${audit.nameOnlyDomains} named only (company name matches a curated organisation, no curated pattern), ${audit.unmappedCompanies} companies unmapped; ${audit.disagreements.length} disagreements (curated wins), ${audit.disagreements.filter((d) => d.recorded).length} recorded`);
for (const d of audit.disagreements.slice(0, detail)) console.log(`  - ${d.domain} (${d.thirdPartyWebEntity}): third-party-web "${d.company}" → ${d.thirdPartyWebSays}; curated ${d.table} ${d.pattern} → ${d.curatedSays}${d.recorded ? ` (recorded on ${d.recorded.entity})` : ''}`);
