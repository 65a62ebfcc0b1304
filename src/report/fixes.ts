/**
 * What to do about a finding, per rule, in both languages: shared by SARIF (rule help) and the
 * Markdown comment (each new finding with its fix). A finding's own sovereign alternative (from
 * the data) comes first where a format shows one finding; this is the rule-level advice.
 */
import type { LocalisedText } from '../types.js';

export const FIX_FOREIGN: LocalisedText = {
  en: 'Replace the service with one whose ultimate parent is under an allowed jurisdiction (the report suggests sovereign alternatives). If the dependency is accepted, list it in the policy (allow.organisations or allow.hosts, or a category rule), or accept it in a baseline (souverain baseline URL).',
  fr: 'Remplacez le service par un service dont la maison mère relève d’une juridiction autorisée (le rapport propose des alternatives souveraines). Si la dépendance est acceptée, inscrivez-la dans la politique (allow.organisations ou allow.hosts, ou une règle de catégorie), ou acceptez-la dans une référence (souverain baseline URL).',
};

export const FIX_BY_RULE: Record<string, LocalisedText> = {
  'unattributed-hosts': {
    en: 'souverain could not establish who controls these hosts; unknown never counts as sovereign. Add the missing facts with --data FILE (entities, services), or accept the host in the policy (allow.hosts) if you know who runs it.',
    fr: 'souverain n’a pas pu établir qui contrôle ces hôtes ; l’inconnu ne vaut jamais souveraineté. Ajoutez les faits manquants avec --data FICHIER (entités, services), ou acceptez l’hôte dans la politique (allow.hosts) si vous savez qui l’exploite.',
  },
  'incomplete-captures': {
    en: 'The page did not load or never settled: make it reachable, or raise --timeout, then audit again.',
    fr: 'La page ne s’est pas chargée ou ne s’est jamais stabilisée : rendez-la accessible, ou augmentez --timeout, puis refaites l’audit.',
  },
  'cname-cloaked-trackers': {
    en: 'Remove the CNAME alias to the third party, or replace the vendor with one under an allowed jurisdiction; visitors’ data goes to the vendor under the site’s name.',
    fr: 'Supprimez l’alias CNAME vers le tiers, ou remplacez le fournisseur par un fournisseur relevant d’une juridiction autorisée ; les données des visiteurs partent chez lui sous le nom du site.',
  },
};

/** The advice for a rule: its own, or the general one for foreign-controlled services. */
export function ruleFix(ruleId: string): LocalisedText {
  return FIX_BY_RULE[ruleId] ?? FIX_FOREIGN;
}

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
