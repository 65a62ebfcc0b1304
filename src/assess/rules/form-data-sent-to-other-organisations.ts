import { hostOfUrl, pageUrl, siteOf } from '../../shared/url.js';
import type { Collection, Enrichment, FormSubmission, HostAttribution } from '../../types.js';
import { describeControl, hostProvenance, text } from '../evidence.js';
import type { Rule, RuleFinding, RuleInput } from '../rule.js';
import { REPLACE_FOREIGN_SERVICE } from '../rule-help.js';

/**
 * Form data sent to another organisation: a journey submitted a form, or the page posted by XHR or
 * fetch, to a host that is not the site's own. What visitors type (name, e-mail, message) then goes
 * to that organisation, whoever controls it; when a foreign-controlled company receives it, the
 * foreign-controlled-third-parties rule already blocks, so this rule warns by default.
 */
export const rule: Rule = {
  meta: {
    id: 'form-data-sent-to-other-organisations',
    title: text('Form data sent to another organisation', 'Données de formulaire envoyées à une autre organisation'),
    description: text(
      'A form or a script sends what the visitor typed to a host that does not belong to the site.',
      "Un formulaire ou un script envoie ce que le visiteur a saisi à un hôte qui n'appartient pas au site.",
    ),
    help: REPLACE_FOREIGN_SERVICE,
    defaultLevel: 'warn',
  },
  evaluate({ collection, enrichment }: RuleInput): RuleFinding[] {
    const lawName = (id: string) => enrichment.laws[id]?.name ?? id;
    const seen = new Set<string>();
    return collection.pages.flatMap((page) => (page.formSubmissions ?? []).flatMap((submission): RuleFinding[] => {
      const host = enrichment.hosts.find((h) => h.host === submission.host);
      if (!isOtherOrganisation(submission, host, collection)) return [];
      const key = `${page.journey?.name ?? page.finalUrl} ${submission.method} ${submission.url}`;
      if (seen.has(key)) return [];
      seen.add(key);
      const control = host?.vendorControl.status === 'known' ? host.vendorControl.value : undefined;
      const who = control ? describeControl(control, lawName).en : 'an organisation souverain could not identify';
      const whoFr = control ? describeControl(control, lawName).fr : 'une organisation que souverain n\u2019a pas pu identifier';
      const fields = submission.fields?.length ? ` (${submission.fields.join(', ')})` : '';
      const where = page.journey ? `journey "${page.journey.name}", step ${submission.step ?? '?'}` : page.finalUrl;
      const whereFr = page.journey ? `parcours « ${page.journey.name} », étape ${submission.step ?? '?'}` : page.finalUrl;
      return [{
        kind: 'violation',
        subject: { type: 'host', host: submission.host, detail: `${submission.via} ${submission.method} ${submission.url}` },
        role: 'vendor',
        message: text(
          `${where}: a ${submission.via === 'form' ? 'form' : submission.via} sends data${fields} to ${submission.host}, run by ${who}.`,
          `${whereFr} : ${submission.via === 'form' ? 'un formulaire' : `une requête ${submission.via}`} envoie des données${fields} à ${submission.host}, exploité par ${whoFr}.`,
        ),
        broughtInBy: [pageUrl(page)],
        evidence: [`${submission.method} ${submission.url}`],
        ...(control ? { control } : {}),
        provenance: host ? hostProvenance(host) : [],
      }];
    }));
  },
};

/** Whether a submission leaves the site: a third-party host, or (no request seen) another registrable domain. */
export function isOtherOrganisation(submission: FormSubmission, host: HostAttribution | undefined, collection: Collection): boolean {
  if (!submission.host) return false;
  if (host) return !host.firstParty;
  const own = new Set([collection.target, ...collection.pages.map((p) => p.finalUrl)].map((url) => siteOfUrl(url)));
  return !own.has(siteOf(submission.host));
}

function siteOfUrl(url: string): string {
  const host = hostOfUrl(url);
  return host === undefined ? '' : siteOf(host);
}

/** The rules a site audit runs: every built-in rule, plus form submissions. */
/** The vendor entity of a submission's host, when attributed. */
export function entityOf(submission: FormSubmission, enrichment: Enrichment): string | undefined {
  const host = enrichment.hosts.find((h) => h.host === submission.host);
  return host?.vendor.status === 'known' ? host.vendor.value.entity : undefined;
}
