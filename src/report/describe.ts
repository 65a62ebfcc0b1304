/**
 * Sentences shared by the human-readable formats, in the report's language. Plain text: each
 * format escapes it for its medium (terminalSafe, HTML escaping).
 */
import type { AuditReport, DataSourceInfo } from '../types.js';
import { type Lang, categoryLabel, colon, roleLabel, t } from './i18n.js';
import { type CaptureWarning, type CompanyGroup, type FindingItem, blockingCount, groupViolations } from './model.js';

/** One sentence that says why the verdict is what it is. */
export function verdictReason(report: AuditReport, lang: Lang): string {
  const verdict = report.assessment.verdict;
  if (verdict === 'sovereign') return t(lang, 'verdict.why.sovereign');
  if (verdict === 'inconclusive') return t(lang, 'verdict.why.inconclusive', { count: blockingCount(report, 'unknown') });
  const companies = groupViolations(report).companies.filter((group) => group.blocking);
  const count = blockingCount(report, 'violation');
  if (companies.length === 0) return t(lang, 'verdict.why.not-sovereign.noCompany', { count });
  return t(lang, 'verdict.why.not-sovereign', { count, list: companies.map(companyTitle).join(', ') });
}

/** "Alphabet Inc. (US)". */
export function companyTitle(group: CompanyGroup): string {
  return `${group.name} (${group.jurisdiction})`;
}

/** The subject alone: a host, "cookie NAME @ host", or "DNS: ns1.example.net" for infrastructure. */
export function subjectName(item: FindingItem, lang: Lang): string {
  const { type, host, detail } = item.subject;
  if (type === 'cookie') return `${t(lang, 'finding.cookie', { name: detail ?? '' })} @ ${host}`;
  if (type === 'infrastructure') {
    const role = item.roles.find((entry) => entry.role !== '')?.role;
    return [role ? `${roleLabel(lang, role)}${colon(lang)}` : `${host} ·`, detail ?? host].join(' ');
  }
  return host;
}

/** What the subject is: "reCAPTCHA · captcha · AS15169 GOOGLE" (service, categories, the rules' qualifiers). */
export function subjectAbout(item: FindingItem, lang: Lang): string {
  const parts: string[] = [];
  for (const part of [item.service, ...item.categories.map((category) => categoryLabel(lang, category)), ...item.details]) {
    if (part && !parts.includes(part)) parts.push(part);
  }
  return parts.join(' · ');
}

/** "vendor, operator · company chain: Google → Alphabet", one chain per role when they differ. */
export function roleDescription(item: FindingItem, lang: Lang): string | undefined {
  const roles = item.roles.filter((entry) => entry.role !== '' || entry.chain.length > 0);
  if (roles.length === 0) return undefined;
  const chains = new Set(roles.map((entry) => entry.chain.join(' → ')));
  if (chains.size > 1) return roles.map((entry) => `${roleLabel(lang, entry.role)} (${entry.chain.join(' → ')})`).join(', ');
  const names = roles.map((entry) => roleLabel(lang, entry.role)).filter(Boolean).join(', ');
  const chain = [...chains][0] ?? '';
  return [names, chain && `${t(lang, 'finding.chain')}${colon(lang)} ${chain}`].filter(Boolean).join(' · ');
}

/** The sovereign alternatives of an item, or "as for HOST" when an earlier item had the same. */
export function alternativesText(item: FindingItem, lang: Lang): string {
  if (item.alternativesAsFor) return t(lang, 'finding.asFor', { subject: subjectName(item.alternativesAsFor, lang) });
  return item.alternatives.map((text) => text[lang]).join(' / ');
}

/** "server: US" for a host whose server location is known. */
export function serverDescription(item: FindingItem, lang: Lang): string | undefined {
  if (item.subject.type !== 'host' || !item.serverCountry) return undefined;
  return `${t(lang, 'finding.servedFrom')}${colon(lang)} ${item.serverCountry}`;
}

/** "5 host(s), 2 cookie(s)": what a company group holds. */
export function groupSize(group: CompanyGroup, lang: Lang): string {
  const count = (type: FindingItem['subject']['type']): number => group.items.filter((item) => item.subject.type === type).length;
  return [
    count('host') > 0 ? t(lang, 'finding.hostsCount', { count: count('host') }) : '',
    count('cookie') > 0 ? t(lang, 'finding.cookiesCount', { count: count('cookie') }) : '',
    count('infrastructure') > 0 ? t(lang, 'finding.componentsCount', { count: count('infrastructure') }) : '',
  ].filter(Boolean).join(', ');
}

/** A capture warning as a sentence. */
export function warningText(warning: CaptureWarning, lang: Lang): string {
  if (warning.key === 'warning.partial') {
    return t(lang, warning.key, { url: warning.params.url, reason: warning.params.reason || t(lang, 'warning.partialNoReason') });
  }
  return t(lang, warning.key, warning.params);
}

/** "name [id] version, built DATE — licence: LICENCE — url" (the URL as text). */
export function sourceLine(source: DataSourceInfo, lang: Lang): string {
  const built = source.builtAt ? `, ${t(lang, 'source.builtAt', { date: source.builtAt })}` : '';
  const url = source.url ? ` — ${source.url}` : '';
  return `${source.name} [${source.id}] ${source.version}${built} — ${t(lang, 'source.licenceInline')}${colon(lang)} ${source.licence}${url}`;
}
