/** What-to-do texts several rules share (each rule's meta.help; SARIF shows it). */
import type { LocalisedText } from '../types.js';

/** For findings about a company under a jurisdiction the policy does not allow. */
export const REPLACE_FOREIGN_SERVICE: LocalisedText = {
  en: 'Replace the service with one whose ultimate parent is under an allowed jurisdiction (the report suggests sovereign alternatives). If the dependency is accepted, list it in the policy (allow.organisations or allow.hosts, or a category rule), or accept it in a baseline (souverain baseline URL).',
  fr: 'Remplacez le service par un service dont la maison mère relève d’une juridiction autorisée (le rapport propose des alternatives souveraines). Si la dépendance est acceptée, inscrivez-la dans la politique (allow.organisations ou allow.hosts, ou une règle de catégorie), ou acceptez-la dans une référence (souverain baseline URL).',
};
