/**
 * One-line advice per rule for lists of findings (the Markdown comment), where the rule's full help
 * text (rule meta `help`, SARIF's help) would be too long. A finding's own sovereign alternative
 * (from the data) comes first where a format shows one finding; this is the fallback.
 */
import type { LocalisedText } from '../types.js';

/** One-line advice, for a list of findings (the Markdown comment). */
const SHORT_FIX: Record<string, LocalisedText> = {
  'unattributed-hosts': {
    en: 'find out who runs it, then add the facts with --data or accept the host in the policy',
    fr: 'établir qui l’exploite, puis ajouter les faits avec --data ou admettre l’hôte dans la politique',
  },
  'incomplete-captures': { en: 'make the page load, or raise --timeout', fr: 'rendre la page accessible, ou augmenter --timeout' },
  'cname-cloaked-trackers': { en: 'remove the CNAME alias to the third party', fr: 'supprimer l’alias CNAME vers le tiers' },
};
const SHORT_FIX_FOREIGN: LocalisedText = {
  en: 'replace it with a service under an allowed jurisdiction, or accept it in the policy or the baseline',
  fr: 'le remplacer par un service relevant d’une juridiction admise, ou l’accepter dans la politique ou la référence',
};

/** The short advice for a rule. */
export function shortFix(ruleId: string): LocalisedText {
  return SHORT_FIX[ruleId] ?? SHORT_FIX_FOREIGN;
}
