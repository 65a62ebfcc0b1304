/**
 * Shared by the infrastructure rules (foreign-cdn, foreign-dns-operator, foreign-mail-operator,
 * foreign-certificate-authority): one finding per infrastructure component of the rule's roles
 * whose controlling company is outside the allowed jurisdictions (violation) or unknown (unknown).
 */
import type { InfraComponent, LocalisedText, Provenance } from '../types.js';
import { describeControl, text } from './evidence.js';
import { categoryOfRole, decisionNote, findingKind, hostAllowed, judgeControl } from './policy.js';
import type { RuleFinding, RuleInput } from './rule.js';
import { uniqueProvenance } from '../shared/provenance.js';

type Role = InfraComponent['role'];

/** How each role reads before the name it concerns: "DNS zone of" example.fr. */
export const ROLE_NAMES: Record<Role, LocalisedText> = {
  'web-hosting': text('web hosting of', 'hébergement web de'),
  cdn: text('CDN/WAF in front of', 'CDN/WAF devant'),
  dns: text('DNS zone of', 'zone DNS de'),
  mail: text('mail reception (MX) of', 'réception du courrier (MX) de'),
  'mail-sender': text('mail sending (SPF, DKIM) for', 'envoi de courrier (SPF, DKIM) pour'),
  'mail-reports': text('DMARC reports about the mail of', 'rapports DMARC sur le courrier de'),
  'certificate-authority': text('certificate authority of', 'autorité de certification de'),
};

/** DNS and mail belong to the domain; hosting, CDN and certificate to the site's host name. */
function concerned(role: Role, infra: { host: string; registrableDomain: string }): string {
  return role === 'dns' || role === 'mail' || role === 'mail-sender' || role === 'mail-reports' ? infra.registrableDomain : infra.host;
}

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
    const name = concerned(component.role, infra);
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
          `${role.en} ${name}: ${component.subject} — operator unknown (${reason}).`,
          `${role.fr} ${name} : ${component.subject} — opérateur inconnu (${reason}).`,
        ),
      }];
    }
    const control = component.control.value;
    const decision = judgeControl(control, policy, enrichment.laws, { categories: [categoryOfRole(component.role)] });
    if (decision.allowed) return [];
    const note = decisionNote(decision);
    const chain = describeControl(control, lawName);
    return [{
      ...base,
      kind: findingKind(decision),
      control,
      message: text(
        `${role.en} ${name}: ${component.subject} is run by ${chain.en}.${note.en}`,
        `${role.fr} ${name} : ${component.subject} est opéré par ${chain.fr}.${note.fr}`,
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
  return uniqueProvenance(all);
}
