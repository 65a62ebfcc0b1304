/**
 * Shared by the infrastructure rules (foreign-cdn, foreign-dns-operator, foreign-mail-operator,
 * foreign-certificate-authority): one finding per infrastructure component of the rule's roles
 * whose controlling company is outside the allowed jurisdictions (violation) or unknown (unknown).
 */
import type { InfraComponent, LocalisedText, Provenance } from '../types.js';
import { describeControl, text } from './evidence.js';
import { controlAllowed, hostAllowed } from './policy.js';
import type { RuleFinding, RuleInput } from './rule.js';

type Role = InfraComponent['role'];

/** How each role reads in a sentence. */
export const ROLE_NAMES: Record<Role, LocalisedText> = {
  'web-hosting': text('web hosting', 'hébergement web'),
  cdn: text('CDN/WAF in front of the site', 'CDN/WAF devant le site'),
  dns: text('DNS zone', 'zone DNS'),
  mail: text('mail reception (MX)', 'réception du courrier (MX)'),
  'mail-sender': text('mail sending (SPF)', 'envoi de courrier (SPF)'),
  'certificate-authority': text('certificate authority', 'autorité de certification'),
};

/**
 * Findings for the site's infrastructure components of `roles`.
 *
 * @example
 * evaluate: (input) => infrastructureFindings(input, ['dns'])
 */
export function infrastructureFindings({ enrichment, policy }: RuleInput, roles: readonly Role[]): RuleFinding[] {
  const infra = enrichment.infrastructure;
  if (!infra) return [];
  const lawName = (id: string) => enrichment.laws[id]?.name ?? id;
  return infra.components.flatMap((component): RuleFinding[] => {
    if (!roles.includes(component.role) || allHostsAllowed(component.subject, policy)) return [];
    const role = ROLE_NAMES[component.role];
    const base = {
      subject: { type: 'infrastructure' as const, host: infra.host, detail: component.subject },
      role: component.role,
      broughtInBy: [],
      evidence: [component.evidence],
      provenance: provenanceOf(component),
      ...(component.alternative ? { alternative: component.alternative } : {}),
    };
    if (component.control.status !== 'known') {
      const reason = unknownReason(component);
      return [{
        ...base,
        kind: 'unknown',
        message: text(
          `${role.en} of ${infra.host}: ${component.subject} — operator unknown (${reason}).`,
          `${role.fr} de ${infra.host} : ${component.subject} — opérateur inconnu (${reason}).`,
        ),
      }];
    }
    const control = component.control.value;
    if (controlAllowed(control, policy)) return [];
    const chain = describeControl(control, lawName);
    return [{
      ...base,
      kind: 'violation',
      control,
      message: text(
        `${role.en} of ${infra.host}: ${component.subject} is run by ${chain}.`,
        `${role.fr} de ${infra.host} : ${component.subject} est opéré par ${chain}.`,
      ),
    }];
  });
}

function unknownReason(component: InfraComponent): string {
  if (component.operator.status === 'unknown') return component.operator.reason ?? `tried ${component.operator.triedSources.join(', ') || 'nothing'}`;
  if (component.control.status === 'unknown') return component.control.reason ?? `tried ${component.control.triedSources.join(', ') || 'nothing'}`;
  return '';
}

/** A subject may list several host names ("ns1.x, ns2.x"); the policy exempts it only if it exempts them all. */
function allHostsAllowed(subject: string, policy: RuleInput['policy']): boolean {
  const names = subject.split(', ').map((part) => part.replace(/\s*\(.*\)$/, '').trim()).filter((name) => /^[a-z0-9.-]+$/i.test(name));
  return names.length > 0 && names.every((name) => hostAllowed(name.toLowerCase(), policy));
}

function provenanceOf(component: InfraComponent): Provenance[] {
  const all = [component.operator, component.control, ...(component.serverLocation ? [component.serverLocation] : [])]
    .flatMap((attribution) => (attribution.status === 'known' ? attribution.provenance : []));
  const seen = new Set<string>();
  return all.filter((p) => {
    const key = JSON.stringify(p);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
