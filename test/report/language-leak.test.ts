/**
 * Every format rendered from real assess() output of the demo pages, in French, must not let an
 * English word through — and in English no French word. Proper names (organisations, services and
 * data sets as the data names them, law titles), URLs, host names, identifiers and code are set
 * aside first: what remains is what souverain itself says.
 *
 * JSON is left out: its keys and enum values are identifiers, and its texts come localised in both
 * languages ({ en, fr }).
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { render } from '../../src/report/index.js';
import type { Lang } from '../../src/report/index.js';
import type { AuditReport } from '../../src/types.js';
import { demoReports } from '../fixtures/demo/index.js';

const FORMATS = ['terminal', 'html', 'markdown', 'csv', 'sarif', 'junit'] as const;

/** Words only English uses (no French homograph: "on", "a", "page", "type", "source", "cookie" are left out). */
const ENGLISH = [
  'the', 'and', 'of', 'is', 'are', 'was', 'were', 'not', 'with', 'which', 'under', 'from', 'by', 'to', 'in', 'or', 'for',
  'found', 'loaded', 'provided', 'served', 'server', 'located', 'unknown', 'brought', 'policy', 'finding', 'findings',
  'rule', 'rules', 'blocking', 'hosts', 'host', 'requests', 'request', 'companies', 'company', 'law', 'none', 'yes',
  'sovereign', 'jurisdiction', 'jurisdictions', 'allowed', 'evidence', 'report', 'more', 'see', 'what', 'third', 'party',
  'still', 'built', 'generated', 'new', 'passed', 'failed', 'warning', 'summary', 'location', 'operator', 'vendor',
  'unchanged', 'nothing', 'every', 'whose', 'where', 'reached', 'went', 'countries', 'country', 'states', 'united',
];

/** Words only French uses. */
const FRENCH = [
  'le', 'la', 'les', 'des', 'du', 'est', 'sont', 'une', 'avec', 'pour', 'sur', 'chez', 'aux', 'dont', 'selon',
  'serveur', 'serveurs', 'hôte', 'hôtes', 'requête', 'requêtes', 'société', 'sociétés', 'politique', 'droit', 'constat',
  'constats', 'règle', 'règles', 'inconnu', 'inconnue', 'aucun', 'aucune', 'introduit', 'fourni', 'servi', 'situé',
  'juridiction', 'juridictions', 'admises', 'preuves', 'rapport', 'souverain', 'tiers', 'états-unis', 'conforme', 'échec',
];

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The names the data gives (organisations, services, laws, data sets): proper names, not souverain's words. */
function properNames(report: AuditReport): string[] {
  const names = new Set<string>(['souverain', 'CLOUD Act', 'FISA', 'Executive Order', 'CC BY', 'CC-BY', 'Let’s Encrypt']);
  for (const entity of Object.values(report.enrichment.entities)) {
    names.add(entity.name);
    if (entity.legalName) names.add(entity.legalName);
    // Cited documents and their notes are quoted as the source wrote them.
    for (const provenance of entity.provenance) { if (provenance.note) names.add(provenance.note); if (provenance.title) names.add(provenance.title); }
  }
  // Law titles and their official citations ("18 U.S.C. § 2713, added by…") are references, quoted as published.
  for (const law of Object.values(report.enrichment.laws)) { names.add(law.name); if (law.provenance.note) names.add(law.provenance.note); }
  for (const source of report.enrichment.dataSources) {
    names.add(source.name); names.add(source.licence);
    if (source.attribution) names.add(source.attribution);
  }
  for (const host of report.enrichment.hosts) {
    if (host.vendor.status === 'known' && host.vendor.value.service) names.add(host.vendor.value.service);
    if (host.network.status === 'known') names.add(host.network.value.asOrganisation);
  }
  for (const component of report.enrichment.infrastructure?.components ?? []) names.add(component.subject);
  // Every cited note (network facts, data sets…) is quoted as its source wrote it, like the organisation notes above.
  JSON.stringify(report.enrichment, (_key, value: unknown) => {
    const cited = value as { source?: unknown; note?: unknown } | null;
    if (cited && typeof cited === 'object' && cited.source !== undefined && typeof cited.note === 'string') names.add(cited.note);
    return value;
  });
  names.add(report.collection.pages[0]?.title ?? '');
  return [...names].filter((name) => name.length > 1).sort((a, b) => b.length - a.length);
}

/** What the reader reads, without markup, code, URLs, hosts and proper names. */
function readerText(format: string, output: string, names: string[]): string {
  let text = output;
  if (format === 'html') text = text.replace(/<style[\s\S]*?<\/style>|<script[\s\S]*?<\/script>|<svg[\s\S]*?<\/svg>|<code[\s\S]*?<\/code>/g, ' ').replace(/<[^>]+>/g, ' ')
    .replace(/&(amp|lt|gt|quot|#39|#x27);/g, (_, entity: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'" })[entity] ?? ' ').replace(/&[a-z#0-9]+;/g, ' ');
  if (format === 'sarif') {
    const texts: string[] = [];
    JSON.stringify(JSON.parse(output), (key, value) => { if (['text', 'markdown', 'alternative'].includes(key) && typeof value === 'string') texts.push(value); return value; });
    text = texts.join('\n');
  }
  if (format === 'junit') text = [...output.matchAll(/(?:message|name)="([^"]*)"|>([^<]+)</g)].map((match) => match[1] ?? match[2] ?? '').join('\n').replace(/&[a-z#0-9]+;/g, ' ');
  if (format === 'csv') text = output.split('\r\n').slice(1).join('\n');
  if (format === 'markdown') text = text.replace(/<\/?[a-z]+>/g, ' ').replace(/\\(.)/g, '$1');
  text = text.replace(/`[^`\n]*`/g, ' ');
  // A name may be wrapped over two lines (terminal): any run of white space matches a space.
  for (const name of names) text = text.replace(new RegExp(escapeRegExp(name).replace(/ +/g, '\\s+'), 'gi'), ' ');
  return text
    .replace(/\b\w+=\w+/g, ' ')
    .replace(/\b[a-z][a-z0-9+.-]*:\/\/\S+/gi, ' ')              // URLs
    .replace(/\bin fine\b/g, ' ')                                // a Latin phrase French uses
    .replace(/\b[\w-]+(\.[\w-]+)+\b/g, ' ')                    // host names, file names, versions, property names
    .replace(/\.[a-z][\w]*\b/gi, ' ')                           // what is left of "souverain.policy"
    .replace(/\b[a-z0-9]+(-[a-z0-9]+)+\b/gi, ' ')              // identifiers: rule ids, categories
    .replace(/--[\w-]+/g, ' ');                                // options
}

function leaks(text: string, words: readonly string[]): string[] {
  const found = new Set<string>();
  for (const word of words) {
    const pattern = new RegExp(`(^|[^\\p{L}\\p{N}'’-])${escapeRegExp(word)}(?=$|[^\\p{L}\\p{N}'’-])`, 'giu');
    for (const match of text.matchAll(pattern)) {
      const at = match.index ?? 0;
      found.add(`${word} … ${text.slice(Math.max(0, at - 40), at + 50).replace(/\s+/g, ' ')}`);
      break;
    }
  }
  return [...found];
}

describe('no English in French reports, no French in English ones (demo pages, every format)', () => {
  let reports: Record<'seed' | 'twin', AuditReport>;
  before(async () => { reports = await demoReports(); });

  for (const format of FORMATS) {
    for (const [lang, words] of [['fr', ENGLISH], ['en', FRENCH]] as const) {
      it(`${format} in ${lang === 'fr' ? 'French' : 'English'}`, () => {
        for (const name of ['seed', 'twin'] as const) {
          const report = reports[name];
          const output = render(format, report, { lang: lang as Lang, color: false });
          const found = leaks(readerText(format, output, properNames(report)), words);
          assert.deepEqual(found, [], `${name} ${format} (${lang}) lets through:\n${found.join('\n')}`);
        }
      });
    }
  }
});
