/**
 * Qualifications (SecNumCloud, HDS…) an organisation holds through itself or an organisation above it,
 * on a given date. Shared by the `requireQualifications` rule and the report's organisation cards, so
 * both read "held on the audit date" the same way (decision 0020: information about offers, never
 * proof about the audited site).
 */
import type { Enrichment, EntityFacts, Qualification } from '../types.js';

/** How each scheme is named to a reader. */
export const SCHEME_NAMES: Record<string, string> = {
  secnumcloud: 'SecNumCloud', hds: 'HDS', eucs: 'EUCS', c5: 'C5', iso27001: 'ISO/IEC 27001', other: 'other',
};

/** Whether a qualification is valid on `date` (YYYY-MM-DD): open ends count as valid. */
export function heldOn(qualification: Pick<Qualification, 'since' | 'until'>, date: string): boolean {
  return (!qualification.since || qualification.since <= date) && (!qualification.until || qualification.until >= date);
}

/** The qualifications valid on `date` of the entity and every organisation above it, with who holds each. */
export function qualificationsHeld(entities: Enrichment['entities'], entityId: string, date: string): { holder: EntityFacts; qualification: Qualification }[] {
  const found: { holder: EntityFacts; qualification: Qualification }[] = [];
  const seen = new Set<string>();
  for (let facts = entities[entityId]; facts && !seen.has(facts.id); facts = facts.parent ? entities[facts.parent] : undefined) {
    seen.add(facts.id);
    for (const qualification of facts.qualifications ?? []) if (heldOn(qualification, date)) found.push({ holder: facts, qualification });
  }
  return found;
}
