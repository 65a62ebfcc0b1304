/**
 * SARIF 2.1.0 (OASIS), for code-scanning and review tools: one result per finding, one rule
 * descriptor per rule that ran (with its description and help text), and the data sources (with
 * their build dates and licences) as tool extensions.
 *
 * Locations follow GitHub code scanning's documented subset (docs/decisions/0031): every result has
 * one physical location whose artifactLocation.uri is a path relative to the repository root (never
 * the page's https URL, which GitHub rejects) and a region with startLine ≥ 1 — the source line that
 * loads the host with --source-dir, else the baseline entry, the policy file or a stable virtual
 * path (src/report/source-locations.ts). The pages where the finding was seen go in
 * properties.pages; the audited host is the logical location.
 *
 * Each result carries `partialFingerprints["souverain/v1"]`, the finding's stable key (the same
 * identity a baseline uses), so tools can follow a finding from run to run. With a baseline,
 * results say `baselineState` new or unchanged, and baseline entries no longer seen are listed as
 * results in state `absent`.
 */
import { rules as registeredRules } from '../../assess/rules/index.js';
import { findingKey, findingPages, pageUrls } from '../findings.js';
import type { AuditReport, DataSourceInfo, Finding, LocalisedText, RuleResult } from '../../types.js';
import type { Renderer, RenderOptions } from '../renderer.js';
import { type Lang, t } from '../i18n.js';
import { failedNavigation } from '../model.js';
import { positionOf, virtualPath, type SourceLocations } from '../source-locations.js';
import { toJson } from '../../shared/sanitize.js';

const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

/** Key of souverain's fingerprint in partialFingerprints; bump the suffix if findingKey changes. */
export const SARIF_FINGERPRINT = 'souverain/v1';

/** What to do about a rule's findings: the rule's own help text (its meta), when this version knows the rule. */
function helpOf(rule: RuleResult): LocalisedText | undefined {
  return registeredRules.find((candidate) => candidate.meta.id === rule.id)?.meta.help;
}

function descriptionOf(rule: RuleResult): LocalisedText {
  return registeredRules.find((candidate) => candidate.meta.id === rule.id)?.meta.description ?? rule.title;
}

/** "foreign-cdn" → "ForeignCdn": SARIF's readable rule name. */
function pascalCase(id: string): string {
  return id.split(/[^a-zA-Z0-9]+/).filter(Boolean).map((part) => part[0]!.toUpperCase() + part.slice(1)).join('');
}

function ruleDescriptor(rule: RuleResult, lang: Lang): Record<string, unknown> {
  const description = descriptionOf(rule)[lang];
  const fix = helpOf(rule)?.[lang];
  const helpTitle = lang === 'fr' ? 'Que faire' : 'What to do';
  return {
    id: rule.id,
    name: pascalCase(rule.id),
    shortDescription: { text: rule.title[lang] },
    fullDescription: { text: description },
    help: fix
      ? { text: `${description}\n\n${helpTitle}: ${fix}`, markdown: `${description}\n\n**${helpTitle}**: ${fix}` }
      : { text: description, markdown: description },
    defaultConfiguration: { level: rule.blocking ? 'error' : 'warning' },
    properties: { tags: ['sovereignty'], blocking: rule.blocking },
  };
}

/** error: blocks the verdict; warning: a violation the policy only reports; note: an unknown that does not block. */
function levelOf(finding: Finding): 'error' | 'warning' | 'note' {
  if (finding.blocking) return 'error';
  return finding.kind === 'violation' ? 'warning' : 'note';
}

/** A URL as a valid URI reference (page URLs are already encoded by the browser; be safe anyway). */
function uri(url: string): string {
  try {
    return new URL(url).href;
  } catch {
    return encodeURI(url);
  }
}

function messageOf(finding: Finding, lang: Lang): string {
  const alternative = finding.alternative ? ` ${lang === 'fr' ? 'Alternative souveraine' : 'Sovereign alternative'}: ${finding.alternative[lang]}` : '';
  return `${finding.message[lang]}${alternative}`;
}

/** Where results go when the CLI resolved no repository positions (library use, tests). */
function defaultLocations(report: AuditReport): SourceLocations {
  return { fallback: { uri: virtualPath(report.target), startLine: 1 }, byHost: new Map(), byFindingKey: new Map() };
}

function physicalLocation(position: { uri: string; startLine: number }, artifacts: string[]): Record<string, unknown> {
  const index = artifacts.indexOf(position.uri);
  return { artifactLocation: { uri: position.uri, ...(index >= 0 ? { index } : {}) }, region: { startLine: Math.max(1, position.startLine) } };
}

function resultOf(report: AuditReport, finding: Finding, ruleIndex: number, locations: SourceLocations, artifacts: string[], options: RenderOptions): Record<string, unknown> {
  const key = findingKey(finding);
  const position = positionOf(locations, finding);
  return {
    ruleId: finding.rule,
    ruleIndex,
    kind: 'fail',
    level: levelOf(finding),
    message: { text: messageOf(finding, options.lang) },
    locations: [{
      physicalLocation: physicalLocation(position, artifacts),
      logicalLocations: [{ name: finding.subject.host, kind: finding.subject.type === 'infrastructure' ? 'module' : 'resource' }],
    }],
    partialFingerprints: { [SARIF_FINGERPRINT]: key },
    ...(options.baseline ? { baselineState: options.baseline.acceptedKeys.has(key) ? 'unchanged' : 'new' } : {}),
    properties: {
      kind: finding.kind,
      blocking: finding.blocking,
      subject: finding.subject,
      pages: findingPages(report, finding).map(uri),
      ...(finding.role ? { role: finding.role } : {}),
      ...(finding.control ? { jurisdiction: finding.control.jurisdiction, ultimateParent: finding.control.ultimateParentName, chain: finding.control.chain, laws: finding.control.laws } : {}),
      broughtInBy: finding.broughtInBy,
      evidence: finding.evidence,
      ...(finding.alternative ? { alternative: finding.alternative[options.lang] } : {}),
    },
  };
}

function absentResults(locations: SourceLocations, ruleIds: string[], artifacts: string[], options: RenderOptions): Record<string, unknown>[] {
  if (!options.baseline) return [];
  return options.baseline.absent.map((entry) => ({
    ruleId: entry.rule,
    ...(ruleIds.includes(entry.rule) ? { ruleIndex: ruleIds.indexOf(entry.rule) } : {}),
    kind: 'pass',
    level: 'none',
    message: { text: entry.message[options.lang] },
    locations: [{
      physicalLocation: physicalLocation(locations.byFindingKey.get(entry.key) ?? locations.fallback, artifacts),
      logicalLocations: [{ name: entry.subject.host, kind: 'resource' }],
    }],
    partialFingerprints: { [SARIF_FINGERPRINT]: entry.key },
    baselineState: 'absent',
    properties: { kind: entry.kind, blocking: entry.blocking, subject: entry.subject },
  }));
}

/** A data source as a tool extension: its version, build date and licence travel with the results. */
function extensionOf(source: DataSourceInfo): Record<string, unknown> {
  return {
    name: source.id,
    fullName: source.name,
    version: source.version,
    ...(source.builtAt ? { releaseDateUtc: source.builtAt } : {}),
    ...(source.url && /^https?:\/\/[^\s]+$/.test(source.url) ? { informationUri: source.url } : {}),
    properties: { licence: source.licence, ...(source.attribution ? { attribution: source.attribution } : {}) },
  };
}

/** An ISO timestamp SARIF accepts (RFC 3339 date-time), or undefined. */
function dateTime(value: string | undefined): string | undefined {
  return value && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(value) ? value : undefined;
}

function sarifLog(report: AuditReport, options: RenderOptions): Record<string, unknown> {
  const rules = report.assessment.rules;
  const ruleIds = rules.map((rule) => rule.id);
  const locations = options.sourceLocations ?? defaultLocations(report);
  const findings = rules.flatMap((rule, index) => rule.findings.map((finding) => ({ finding, index })));
  const positions = [
    ...findings.map(({ finding }) => positionOf(locations, finding)),
    ...(options.baseline?.absent ?? []).map((entry) => locations.byFindingKey.get(entry.key) ?? locations.fallback),
  ];
  const artifacts = [...new Set(positions.map((position) => position.uri))];
  // A page that did not load was not judged: no result at all, the failure as a tool notification.
  const failure = failedNavigation(report);
  const results = failure ? [] : findings.map(({ finding, index }) => resultOf(report, finding, index, locations, artifacts, options));
  const navigationFailed = report.collection.pages.some((page) => page.navigationError);
  const start = dateTime(report.collection.startedAt);
  const end = dateTime(report.collection.finishedAt);
  const { policy, verdict } = report.assessment;
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'souverain',
          fullName: `souverain ${report.tool.version}`,
          version: report.tool.version,
          semanticVersion: report.tool.version,
          rules: rules.map((rule) => ruleDescriptor(rule, options.lang)),
        },
        extensions: report.enrichment.dataSources.map(extensionOf),
      },
      invocations: [{
        executionSuccessful: !navigationFailed,
        ...(failure ? { toolExecutionNotifications: [{ level: 'error', message: { text: `${t(options.lang, 'failed.title')} ${t(options.lang, 'verdict.failedCapture', failure)}` } }] } : {}),
        ...(start ? { startTimeUtc: start } : {}),
        ...(end ? { endTimeUtc: end } : {}),
      }],
      // One category per audited host, so several targets audited in one repository keep apart.
      automationDetails: { id: `${virtualPath(report.target)}/` },
      artifacts: (failure ? [] : artifacts).map((location) => ({ location: { uri: location }, roles: ['analysisTarget'] })),
      results: failure ? [] : [...results, ...absentResults(locations, ruleIds, artifacts, options)],
      language: options.lang,
      properties: {
        target: report.target,
        pages: pageUrls(report).map(uri),
        verdict: failure ? 'audit-failed' : verdict,
        policy: { id: policy.id, name: policy.name, source: policy.source, allowedJurisdictions: policy.allowedJurisdictions },
        reportSchemaVersion: report.schemaVersion,
        generatedAt: report.generatedAt,
        ...(options.baseline ? { baseline: { source: options.baseline.source, passed: options.baseline.passed } } : {}),
      },
    }],
  };
}

/** SARIF format: `*.sarif`, JSON. */
export const sarif: Renderer = {
  id: 'sarif',
  extension: 'sarif',
  render: (report, options) => toJson(sarifLog(report, options)),
};
