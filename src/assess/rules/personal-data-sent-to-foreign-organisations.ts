import type { LocalisedText, PageCapture, TypedFieldKind } from '../../types.js';
import { broughtInBy, describeControl, hostProvenance, text } from '../evidence.js';
import { organisationOutsidePolicy } from '../outside-policy.js';
import type { Rule, RuleFinding, RuleInput } from '../rule.js';

const KIND_NAMES: Record<TypedFieldKind, LocalisedText> = {
  email: text('e-mail', 'e-mail'),
  name: text('name', 'nom'),
  phone: text('phone', 'téléphone'),
  postcode: text('postcode', 'code postal'),
  address: text('address', 'adresse'),
  'birth-date': text('date of birth', 'date de naissance'),
  other: text('other', 'autre'),
};

/** "e-mail (#email), name (#last-name)": kinds named, fields given by selector, values never. */
function fieldList(fields: { field: string; kind: TypedFieldKind }[], lang: 'en' | 'fr'): string {
  return fields.map(({ field, kind }) => `${KIND_NAMES[kind][lang]} (${field})`).join(', ');
}

/**
 * Personal data sent to an organisation outside the policy: during a journey, souverain typed the
 * values itself, so it can tell which of them (e-mail, name, phone, postcode…) reached which host —
 * even re-packed by a script into JSON under other names, URL-encoded, base64 or hashed — and
 * which company, under which law, received them. Blocking by default: it is the data itself.
 */
export const rule: Rule = {
  meta: {
    id: 'personal-data-sent-to-foreign-organisations',
    title: text('Personal data sent to organisations outside the policy', 'Données personnelles envoyées à des organisations hors politique'),
    description: text(
      'Values souverain typed during a journey (e-mail, name, phone, postcode…) reached a host whose organisation is under a jurisdiction the policy does not allow, or could not be identified.',
      'Des valeurs saisies par souverain pendant un parcours (e-mail, nom, téléphone, code postal…) ont atteint un hôte dont l’organisation relève d’une juridiction que la politique n’admet pas, ou n’a pu être identifiée.',
    ),
    defaultLevel: 'block',
    help: text(
      'Stop sending these fields to that organisation: remove or replace the tag or form service that receives them (the report names the fields and who brings the tag in), or have the data processed by a provider under an allowed jurisdiction. If the transfer is accepted, allow the organisation in the policy or accept the finding in a baseline.',
      'Cessez d’envoyer ces champs à cette organisation : retirez ou remplacez la balise ou le service de formulaire qui les reçoit (le rapport nomme les champs et qui introduit la balise), ou faites traiter les données par un prestataire relevant d’une juridiction admise. Si le transfert est accepté, admettez l’organisation dans la politique ou acceptez le constat dans une référence.',
    ),
  },
  evaluate({ collection, enrichment, policy }: RuleInput): RuleFinding[] {
    const lawName = (id: string) => enrichment.laws[id]?.name ?? id;
    return collection.pages.flatMap((page) => {
      const kinds = new Map((page.journey?.typedFields ?? []).map((entry) => [entry.field, entry.kind]));
      return hostsReached(page).flatMap(({ host: name, fields, urls }): RuleFinding[] => {
        const personal = fields.map((field) => ({ field, kind: kinds.get(field) ?? 'other' as TypedFieldKind })).filter(({ kind }) => kind !== 'other');
        const host = enrichment.hosts.find((candidate) => candidate.host === name);
        if (personal.length === 0 || !host) return [];
        const verdict = organisationOutsidePolicy(host, policy, enrichment.laws);
        if (verdict.outside === false) return [];
        const journey = page.journey?.name ?? page.finalUrl;
        const base = {
          subject: { type: 'host' as const, host: name, detail: personal.map(({ field }) => field).join(', ') },
          broughtInBy: broughtInBy(collection, name),
          evidence: urls,
          provenance: hostProvenance(host),
        };
        if (verdict.outside === 'unknown') {
          return [{
            ...base,
            kind: 'unknown',
            message: text(
              `Journey “${journey}”: ${fieldList(personal, 'en')} reached ${name}, whose organisation souverain could not identify.`,
              `Parcours « ${journey} » : ${fieldList(personal, 'fr')} ont atteint ${name}, dont souverain n’a pu identifier l’organisation.`,
            ),
          }];
        }
        const chain = describeControl(verdict.control, lawName);
        return [{
          ...base,
          kind: 'violation',
          control: verdict.control,
          role: verdict.control.entity === (host.vendorControl.status === 'known' ? host.vendorControl.value.entity : undefined) ? 'vendor' : 'operator',
          message: text(
            `Journey “${journey}”: ${fieldList(personal, 'en')} were sent to ${name}, run by ${chain.en}.`,
            `Parcours « ${journey} » : ${fieldList(personal, 'fr')} ont été envoyés à ${name}, exploité par ${chain.fr}.`,
          ),
          ...(host.alternative ? { alternative: host.alternative } : {}),
        }];
      });
    });
  },
};

/** Per host of a page: the typed fields its requests carried, and up to three request URLs. */
function hostsReached(page: PageCapture): { host: string; fields: string[]; urls: string[] }[] {
  const byHost = new Map<string, { host: string; fields: string[]; urls: string[] }>();
  for (const request of page.requests) {
    if (!request.typedFields?.length) continue;
    const entry = byHost.get(request.host) ?? { host: request.host, fields: [], urls: [] };
    for (const field of request.typedFields) if (!entry.fields.includes(field)) entry.fields.push(field);
    if (entry.urls.length < 3) entry.urls.push(`${request.method} ${request.url}`);
    byHost.set(request.host, entry);
  }
  return [...byHost.values()];
}
