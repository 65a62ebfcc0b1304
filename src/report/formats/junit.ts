/**
 * JUnit XML, for the test views of CI systems (GitLab, Jenkins, Azure DevOps…): one <testsuite> per
 * page, one <testcase> per rule that ran. A test case fails when the rule has a blocking finding on
 * that page — a violation (type "violation") or an unknown (type "unknown": fail closed). Findings
 * that do not block, or that a baseline accepts, are listed in <system-out> of a passing case.
 *
 * Text from pages (URLs, titles) is escaped, and characters XML cannot carry are replaced.
 */
import { findingKey, findingPages, pageUrls } from '../findings.js';
import type { AuditReport, Finding, RuleResult } from '../../types.js';
import type { Renderer, RenderOptions } from '../renderer.js';
import { fill } from '../../shared/messages.js';
import { type Lang, policyName, t } from '../i18n.js';
import { pageUrl } from '../../shared/url.js';

import { xmlText } from '../../shared/sanitize.js';

export { xmlText };

const WORDS = {
  blocking: { en: 'blocking', fr: 'bloquant' },
  notBlocking: { en: 'not blocking', fr: 'non bloquant' },
  accepted: { en: 'accepted by the baseline', fr: 'accepté par la référence' },
  broughtInBy: { en: 'brought in by', fr: 'introduit par' },
  alternative: { en: 'sovereign alternative', fr: 'alternative souveraine' },
  failure: { en: '{count} blocking finding(s): {subjects}', fr: '{count} constat(s) bloquant(s) : {subjects}' },
  built: { en: 'built {date}', fr: 'construite le {date}' },
} as const;

function word(lang: Lang, key: keyof typeof WORDS, params: Record<string, string | number> = {}): string {
  return fill(WORDS[key][lang], params);
}

/** "2026-11-30T09:15:02": the timestamp form of the JUnit schema (no zone, no fraction). */
function junitTimestamp(iso: string): string | undefined {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/.test(iso) ? iso.slice(0, 19) : undefined;
}

function findingLines(finding: Finding, lang: Lang, note: string): string[] {
  const lines = [`- [${note}] ${finding.message[lang]}`];
  const colon = lang === 'fr' ? ' :' : ':';
  if (finding.broughtInBy.length > 0) lines.push(`  ${word(lang, 'broughtInBy')}${colon} ${finding.broughtInBy.join(' → ')}`);
  if (finding.alternative) lines.push(`  ${word(lang, 'alternative')}${colon} ${finding.alternative[lang]}`);
  return lines;
}

interface Case {
  rule: RuleResult;
  page: string;
  failing: Finding[];
  reported: { finding: Finding; note: string }[];
}

function casesFor(report: AuditReport, page: string, options: RenderOptions): Case[] {
  return report.assessment.rules.map((rule) => {
    const onPage = rule.findings.filter((finding) => findingPages(report, finding).includes(page));
    const accepted = (finding: Finding): boolean => options.baseline?.acceptedKeys.has(findingKey(finding)) ?? false;
    const failing = onPage.filter((finding) => finding.blocking && !accepted(finding));
    const reported = onPage.filter((finding) => !failing.includes(finding)).map((finding) => ({
      finding,
      note: accepted(finding) ? word(options.lang, 'accepted') : word(options.lang, finding.blocking ? 'blocking' : 'notBlocking'),
    }));
    return { rule, page, failing, reported };
  });
}

function testcase(item: Case, lang: Lang): string[] {
  const name = `${item.rule.id}: ${item.rule.title[lang]}`;
  const open = `    <testcase name="${xmlText(name)}" classname="${xmlText(`souverain.${item.rule.id}`)}" time="0"`;
  if (item.failing.length === 0 && item.reported.length === 0) return [`${open}/>`];
  const lines = [`${open}>`];
  if (item.failing.length > 0) {
    const subjects = [...new Set(item.failing.map((finding) => finding.subject.detail && finding.subject.type !== 'host' ? `${finding.subject.host} (${finding.subject.detail})` : finding.subject.host))];
    const type = item.failing.some((finding) => finding.kind === 'violation') ? 'violation' : 'unknown';
    const message = word(lang, 'failure', { count: item.failing.length, subjects: subjects.join(', ') });
    const body = item.failing.flatMap((finding) => findingLines(finding, lang, word(lang, 'blocking'))).join('\n');
    lines.push(`      <failure message="${xmlText(message)}" type="${type}">${xmlText(body)}</failure>`);
  }
  if (item.reported.length > 0) {
    const body = item.reported.flatMap(({ finding, note }) => findingLines(finding, lang, note)).join('\n');
    lines.push(`      <system-out>${xmlText(body)}</system-out>`);
  }
  lines.push('    </testcase>');
  return lines;
}

function properties(report: AuditReport, lang: Lang): string[] {
  const { policy, verdict } = report.assessment;
  const entries: [string, string][] = [
    ['souverain.version', report.tool.version],
    ['souverain.reportSchemaVersion', report.schemaVersion],
    ['souverain.target', report.target],
    ['souverain.verdict', verdict],
    ['souverain.policy', `${policy.id} (${policyName(lang, policy)}) — ${policy.source}`],
    ...report.enrichment.dataSources.map((source): [string, string] => [
      `souverain.dataSource.${source.id}`,
      `${source.name} ${source.version}${source.builtAt ? `, ${word(lang, 'built', { date: source.builtAt })}` : ''} — ${source.licence}`,
    ]),
  ];
  return ['    <properties>', ...entries.map(([name, value]) => `      <property name="${xmlText(name)}" value="${xmlText(value)}"/>`), '    </properties>'];
}

/**
 * A page that did not load was not judged: one errored case says so, and no rule is reported as
 * passing on it (a CI view would otherwise show green rules for a site that does not exist).
 */
function failedSuite(report: AuditReport, page: string, failure: { code: string; message: string }, lang: Lang): { failures: number; errors: number; tests: number; lines: string[] } {
  const message = `${t(lang, 'failed.title')} ${t(lang, 'verdict.failedCapture', failure)}`;
  return {
    failures: 0,
    errors: 1,
    tests: 1,
    lines: [
      `  <testsuite name="${xmlText(page)}" tests="1" failures="0" errors="1" skipped="0" time="0">`,
      ...properties(report, lang),
      `    <testcase name="${xmlText(lang === 'fr' ? 'chargement de la page' : 'page load')}" classname="souverain.audit" time="0">`,
      `      <error message="${xmlText(message)}" type="audit-failed">${xmlText(t(lang, 'failed.explain'))}</error>`,
      '    </testcase>',
      '  </testsuite>',
    ],
  };
}

function junitXml(report: AuditReport, options: RenderOptions): string {
  const suites = pageUrls(report).map((page) => {
    const failure = report.collection.pages.find((candidate) => pageUrl(candidate) === page)?.navigationError;
    if (failure) return failedSuite(report, page, failure, options.lang);
    const cases = casesFor(report, page, options);
    const failures = cases.filter((item) => item.failing.length > 0).length;
    const started = report.collection.pages.find((candidate) => pageUrl(candidate) === page)?.startedAt ?? report.collection.startedAt;
    const timestamp = junitTimestamp(started);
    return {
      failures,
      errors: 0,
      tests: cases.length,
      lines: [
        `  <testsuite name="${xmlText(page)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="0" time="0"${timestamp ? ` timestamp="${timestamp}"` : ''}>`,
        ...properties(report, options.lang),
        ...cases.flatMap((item) => testcase(item, options.lang)),
        '  </testsuite>',
      ],
    };
  });
  const tests = suites.reduce((sum, suite) => sum + suite.tests, 0);
  const failures = suites.reduce((sum, suite) => sum + suite.failures, 0);
  const errors = suites.reduce((sum, suite) => sum + suite.errors, 0);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${xmlText(`souverain — ${report.target}`)}" tests="${tests}" failures="${failures}" errors="${errors}" skipped="0" time="0">`,
    ...suites.flatMap((suite) => suite.lines),
    '</testsuites>',
    '',
  ].join('\n');
}

/** JUnit XML format: `*.xml`. */
export const junit: Renderer = {
  id: 'junit',
  extension: 'xml',
  render: junitXml,
};
