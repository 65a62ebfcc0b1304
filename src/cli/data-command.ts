/**
 * `souverain data export|check|stats`: the knowledge tables as an open dataset, their validation
 * (run in CI through test/enrich/data-check.test.ts) and their coverage figures. Offline; never
 * loads the browser.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LocalisedUsageError, type Lang } from '../shared/errors.js';
import { UsageError } from '../shared/errors.js';
import { checkData, type CheckReport } from '../enrich/data-tools/check.js';
import { coverage, readEcosystem, type Coverage } from '../enrich/data-tools/coverage.js';
import { readInfrastructureList } from '../enrich/data-tools/infrastructure-list-coverage.js';
import { exportTables, licenceText, toCsv, toJson } from '../enrich/data-tools/export.js';
import { checkGlobalNetworks, readGlobalNetworks, renderNetworkGaps, renderNetworkRanking } from '../enrich/data-tools/network-ranking.js';
import { byRole, readInfrastructureRows } from '../enrich/data-tools/tables.js';
import { loadInfrastructurePatterns } from '../enrich/infrastructure.js';
import { loadOfflineKnowledge } from '../enrich/knowledge.js';

/** Where the command writes (process.stdout, or the in-process io of main()). */
type Output = { write(text: string): unknown };

interface DataOptions {
  data?: string[];
  format?: string;
  lang?: Lang;
}

export async function runDataExport(options: DataOptions & { output: string }, stdout: Output = process.stdout): Promise<number> {
  const format = options.format ?? 'json';
  if (format !== 'csv' && format !== 'json') {
    throw new LocalisedUsageError({ en: `data export has no format "${format}"`, fr: `data export n’a pas de format « ${format} »` }, { en: 'use --format csv or --format json', fr: 'utilisez --format csv ou --format json' });
  }
  const knowledge = await loadOfflineKnowledge({ extraDataFiles: options.data ?? [] });
  const rows = await readInfrastructureRows(options.data ?? []);
  try {
    await mkdir(options.output, { recursive: true });
  } catch {
    throw new LocalisedUsageError({ en: `cannot create directory ${options.output}`, fr: `impossible de créer le répertoire ${options.output}` }, { en: 'give a writable --output directory', fr: 'donnez un répertoire --output accessible en écriture' });
  }
  const tables = exportTables(knowledge, rows);
  for (const table of tables) await writeFile(join(options.output, `${table.name}.${format}`), format === 'csv' ? toCsv(table) : toJson(table));
  const sources = knowledge.dataSources();
  const revision = sources.filter((source) => source.id.startsWith('curated-')).map((source) => `${source.id} ${source.version}`).join(', ');
  const thirdParty = sources.filter((source) => !source.id.startsWith('curated-') && !source.id.startsWith('user-data')).map((source) => ({ name: `${source.name} ${source.version}`, licence: source.licence, ...(source.url ? { url: source.url } : {}) }));
  await writeFile(join(options.output, 'LICENCE'), licenceText(revision, thirdParty));
  const lang = options.lang ?? 'en';
  const counts = tables.map((table) => `${table.name} ${table.rows.length}`).join(', ');
  stdout.write(lang === 'fr' ? `souverain : jeu de données écrit dans ${options.output} (${counts}) + LICENCE\n` : `souverain: dataset written to ${options.output} (${counts}) + LICENCE\n`);
  return 0;
}

/** Exit 0 when the tables hold together, 1 when `check` finds errors (a table that does not load is one). */
export async function runDataCheck(options: DataOptions, stdout: Output = process.stdout, today = new Date().toISOString().slice(0, 10)): Promise<number> {
  let report: CheckReport;
  try {
    const knowledge = await loadOfflineKnowledge({ extraDataFiles: options.data ?? [] });
    report = checkData(knowledge, await readInfrastructureRows(options.data ?? []), await readEcosystem(), today, await readInfrastructureList());
    report.errors.push(...checkGlobalNetworks(knowledge, await readGlobalNetworks()));
  } catch (error) {
    if (!(error instanceof UsageError) && !(error instanceof Error && error.name === 'ZodError')) throw error;
    report = { errors: [error.message.split('\n')[0] ?? String(error)], warnings: [], stale: [], disagreements: [] };
  }
  if (options.format === 'json') stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else stdout.write(renderCheck(report, options.lang ?? 'en'));
  return report.errors.length > 0 ? 1 : 0;
}

export function renderCheck(report: CheckReport, lang: Lang): string {
  const fr = lang === 'fr';
  const lines: string[] = [];
  for (const error of report.errors) lines.push(`${fr ? 'ERREUR' : 'ERROR'} ${error}`);
  for (const warning of report.warnings) lines.push(`${fr ? 'AVERTISSEMENT' : 'WARNING'} ${warning}`);
  if (report.stale.length > 0) {
    lines.push(fr
      ? `${report.stale.length} organisations dont la source la plus récente date de plus de 12 mois : ${report.stale.map((s) => `${s.entity} (${s.asOf})`).join(', ')}`
      : `${report.stale.length} organisations whose latest source is older than 12 months: ${report.stale.map((s) => `${s.entity} (${s.asOf})`).join(', ')}`);
  }
  const recorded = report.disagreements.filter((d) => d.recorded).length;
  lines.push(fr
    ? `${report.errors.length} erreur(s), ${report.warnings.length} avertissement(s) ; ${report.disagreements.length} désaccord(s) avec third-party-web (la donnée organisée l’emporte), dont ${recorded} consigné(s).`
    : `${report.errors.length} error(s), ${report.warnings.length} warning(s); ${report.disagreements.length} disagreement(s) with third-party-web (curated wins), ${recorded} recorded.`);
  return `${lines.join('\n')}\n`;
}

export async function runDataStats(options: DataOptions, stdout: Output = process.stdout): Promise<number> {
  const knowledge = await loadOfflineKnowledge({ extraDataFiles: options.data ?? [] });
  const figures = await coverage(knowledge, byRole(await readInfrastructureRows(options.data ?? [])), 500, await loadInfrastructurePatterns(options.data ?? []));
  stdout.write(options.format === 'json' ? `${JSON.stringify(figures, null, 2)}\n` : renderCoverage(figures, options.lang ?? 'en'));
  return 0;
}

/** The coverage figures as text, shared with bench/coverage.ts. */
export function renderCoverage(figures: Coverage, lang: Lang, detail = 0): string {
  const fr = lang === 'fr';
  const t = figures.thirdPartyWeb;
  const lines = [
    fr
      ? `(a) ${t.entities} entités third-party-web les plus fréquentes : ${t.known} connues pour tous leurs domaines (${t.entityPercent} % des entités, ${t.prevalencePercent} % pondéré par la fréquence) ; ${t.mostDomains.known} pour la plupart de leurs domaines (${t.mostDomains.entityPercent} %, ${t.mostDomains.prevalencePercent} % pondéré) — propriétaire ultime et juridiction issus d’un fait organisé et sourcé (motif d’hôte, domaine détenu ou numéro d’AS)`
      : `(a) ${t.entities} most prevalent third-party-web entities: ${t.known} known for every domain (${t.entityPercent} % of entities, ${t.prevalencePercent} % prevalence-weighted); ${t.mostDomains.known} for most of their domains (${t.mostDomains.entityPercent} %, ${t.mostDomains.prevalencePercent} % weighted) — ultimate parent and jurisdiction from a curated cited fact (host pattern, owned domain or AS number)`,
  ];
  if (t.misFiled.length > 0) {
    const known = t.misFiled.filter((domain) => domain.known).length;
    const list = t.misFiled.map((domain) => `${domain.domain} → ${domain.owner}`).join(', ');
    lines.push(fr
      ? `    dont ${t.misFiled.length} domaines classés par third-party-web sous une autre entité, jugés à part (${known} connus) : ${list}`
      : `    ${t.misFiled.length} domains third-party-web files under another entity, judged on their own (${known} known): ${list}`);
  }
  const e = figures.ecosystem;
  lines.push(e
    ? (fr ? `(b) liste de l’écosystème FR/UE : ${e.known}/${e.services} services connus (${e.percent} %), ${e.mismatches.length} rattachés à une autre organisation que prévu` : `(b) FR/EU ecosystem list: ${e.known}/${e.services} services known (${e.percent} %), ${e.mismatches.length} attributed to another organisation than the list expects`)
    : (fr ? '(b) liste de l’écosystème FR/UE : absente (data/ecosystem/fr-eu.yaml)' : '(b) FR/EU ecosystem list: missing (data/ecosystem/fr-eu.yaml)'));
  const n = figures.networks;
  lines.push(fr
    ? `(c) réseaux : ${n.asns} numéros d’AS rattachés à ${n.organisationsWithAsns} organisations (sur ${n.organisations})`
    : `(c) networks: ${n.asns} AS numbers linked to ${n.organisationsWithAsns} organisations (of ${n.organisations})`);
  const i = figures.infrastructure;
  const roles = Object.entries(i.patterns).map(([role, count]) => `${role} ${count}`).join(', ');
  lines.push(fr
    ? `(d) infrastructure : ${i.providers} fournisseurs nommés par des motifs (${roles}) ; ${i.ownedDomains} domaines détenus par ${i.organisationsWithDomains} organisations`
    : `(d) infrastructure: ${i.providers} providers named by patterns (${roles}); ${i.ownedDomains} owned domains of ${i.organisationsWithDomains} organisations`);
  lines.push(...renderNetworkRanking(figures.networkRanking, lang));
  const f = figures.infrastructureList;
  if (f) {
    lines.push(fr
      ? `(f) fournisseurs d’infrastructure les plus courants en Europe : ${f.known}/${f.providers} connus (${f.percent} %) — chaque NS, MX, include SPF, hôte DKIM/return-path et nom d’émetteur de certificat rattaché par le chemin de l’audit d’infrastructure (${f.namesKnown}/${f.names} noms)`
      : `(f) infrastructure providers most common in Europe: ${f.known}/${f.providers} known (${f.percent} %) — every NS, MX, SPF include, DKIM/return-path host and certificate issuer name attributed by the infrastructure audit's path (${f.namesKnown}/${f.names} names)`);
    for (const missing of f.missing) lines.push(`  - ${fr ? 'inconnu :' : 'unknown:'} ${missing.name} (${missing.entity}): ${missing.reason}`);
  }
  if (detail > 0) {
    lines.push(fr ? `Entités fréquentes non connues (les ${detail} premières) :` : `Most prevalent unknown entities (first ${detail}):`);
    for (const missing of t.missing.slice(0, detail)) lines.push(`  - ${missing.name} (${missing.company}, ${missing.occurrences}): ${missing.reason}`);
    if (e) for (const missing of e.missing.slice(0, detail)) lines.push(`  - ecosystem: ${missing.name}: ${missing.reason}`);
    if (e) for (const mismatch of e.mismatches.slice(0, detail)) lines.push(`  - ecosystem mismatch: ${mismatch.name}: expected ${mismatch.expected}, found ${mismatch.found}`);
    lines.push(...renderNetworkGaps(figures.networkRanking, lang));
  }
  return `${lines.join('\n')}\n`;
}
