/**
 * Whether a host's organisation is outside the policy, for rules about data that left the page
 * (typed values, the page address): the vendor's control is judged first, then the server
 * operator's; neither known is "unknown" (never counted as inside the policy).
 */
import type { Control, HostAttribution, LawRef } from '../types.js';
import { hostAllowed, judgeControl } from './policy.js';
import type { Policy } from './policy-schema.js';

export type OutsideVerdict = { outside: false } | { outside: true; control: Control } | { outside: 'unknown' };

export function organisationOutsidePolicy(host: HostAttribution, policy: Policy, laws: Readonly<Record<string, LawRef>>): OutsideVerdict {
  if (host.firstParty || hostAllowed(host.host, policy)) return { outside: false };
  const categories = host.vendor.status === 'known' ? host.vendor.value.categories : [];
  const controls = [host.vendorControl, host.operatorControl].flatMap((attribution) => (attribution.status === 'known' ? [attribution.value] : []));
  if (controls.length === 0) return { outside: 'unknown' };
  const refused = controls.find((control) => !judgeControl(control, policy, laws, { hosts: [host.host], categories }).allowed);
  return refused ? { outside: true, control: refused } : { outside: false };
}
