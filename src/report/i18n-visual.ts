/**
 * Labels of the first screen, the data-flow picture, the per-host rows, the citations and the PDF
 * dossier, in English and French side by side (same rules as ./i18n.ts: both languages required,
 * the same {placeholders} in both; test/report/i18n-visual.test.ts checks them).
 */
import type { Lang } from './i18n.js';

export const visualLabels = {
  'first.policy': { en: 'policy “{name}” ({id})', fr: 'politique « {name} » ({id})' },
  'first.allowed': { en: 'allowed: {list}', fr: 'admis : {list}' },
  'bar.location': { en: 'Where the servers are', fr: 'Où sont les serveurs' },
  'bar.locationHint': { en: 'server IP location', fr: 'localisation IP du serveur' },
  'bar.law': { en: 'Whose law reaches them', fr: 'Quel droit les atteint' },
  'bar.lawHint': { en: 'country of the ultimate parent company', fr: 'pays de la société mère ultime' },
  'bar.requests': { en: 'requests', fr: 'requêtes' },
  'bar.hosts': { en: 'hosts', fr: 'hôtes' },
  'bar.unknown': { en: 'unknown', fr: 'inconnu' },
  'bar.legendAllowed': { en: 'allowed by the policy', fr: 'admis par la politique' },
  'bar.legendForeign': { en: 'foreign law', fr: 'droit étranger' },
  'bar.legendOther': { en: 'other country', fr: 'autre pays' },
  'bar.legendUnknown': { en: 'unknown', fr: 'inconnu' },
  'cards.title': { en: 'Who receives the data', fr: 'Qui reçoit les données' },
  'card.requests': { en: '{count} req.', fr: '{count} req.' },
  'card.hosts': { en: '{count} host(s)', fr: '{count} hôte(s)' },
  'card.servers': { en: 'servers: {list}', fr: 'serveurs : {list}' },
  'card.alsoYour': { en: 'also your {list}', fr: 'aussi votre {list}' },
  'card.yourSite': { en: 'your site', fr: 'votre site' },
  'card.qualifications': { en: 'holds {list} for some offers — whether this site runs on one cannot be seen from outside', fr: 'détient {list} pour certaines offres — rien ne permet de voir de l’extérieur si ce site en relève' },
  'card.more': { en: '+ {count} more organisation(s) in the details', fr: '+ {count} autre(s) organisation(s) dans le détail' },
  'fix.title': { en: 'Fix first', fr: 'À corriger d’abord' },
  'fix.allRemoved': { en: '{actions} change(s) remove all {requests} foreign request(s)', fr: '{actions} changement(s) suppriment les {requests} requête(s) étrangères' },
  'fix.someRemoved': { en: '{actions} change(s) remove {removed} of {requests} foreign request(s)', fr: '{actions} changement(s) suppriment {removed} des {requests} requête(s) étrangères' },
  'fix.removes': { en: 'removes {hosts} host(s), {requests} request(s)', fr: 'supprime {hosts} hôte(s), {requests} requête(s)' },
  'fix.removesCookies': { en: '{count} cookie(s)', fr: '{count} cookie(s)' },
  'fix.removesComponents': { en: 'moves {count} infrastructure component(s)', fr: 'déplace {count} composant(s) d’infrastructure' },
  'fix.none': { en: 'Nothing to fix under this policy.', fr: 'Rien à corriger selon cette politique.' },
  'fix.notBlocking': { en: 'not blocking', fr: 'non bloquant' },
  'toc.title': { en: 'Contents', fr: 'Sommaire' },
  'flow.title': { en: 'Where the data goes', fr: 'Où vont les données' },
  'flow.intro': {
    en: 'From the page, through what loaded what, to each host, the company behind it, its ultimate parent and the law that reaches it. Thick solid lines: under a foreign law; dashed: allowed; dotted: unknown.',
    fr: 'De la page, en suivant ce qui a chargé quoi, jusqu’à chaque hôte, la société derrière lui, sa société mère ultime et le droit qui l’atteint. Traits épais pleins : droit étranger ; tirets : admis ; pointillés : inconnu.',
  },
  'flow.page': { en: 'Page', fr: 'Page' },
  'flow.pages': { en: '{count} pages', fr: '{count} pages' },
  'flow.direct': { en: 'Loaded by the page', fr: 'Chargé par la page' },
  'flow.indirect': { en: 'Loaded by other hosts', fr: 'Chargé par d’autres hôtes' },
  'flow.organisation': { en: 'Organisation', fr: 'Organisation' },
  'flow.parent': { en: 'Ultimate parent', fr: 'Société mère ultime' },
  'flow.law': { en: 'Law', fr: 'Droit' },
  'flow.hostsCount': { en: '{domain} ×{count}', fr: '{domain} ×{count}' },
  'flow.via': { en: 'via {host}', fr: 'via {host}' },
  'hosts.title': { en: 'Hosts, one row each', fr: 'Hôtes, une ligne chacun' },
  'hosts.intro': { en: 'Open a row for its evidence, requests and sources.', fr: 'Ouvrir une ligne pour ses preuves, requêtes et sources.' },
  'hosts.groupForeign': { en: 'Under a foreign law', fr: 'Sous un droit étranger' },
  'hosts.groupUnknown': { en: 'Not fully attributed', fr: 'Attribution incomplète' },
  'hosts.groupAllowed': { en: 'Allowed by the policy', fr: 'Admis par la politique' },
  'host.server': { en: 'server {country}', fr: 'serveur {country}' },
  'host.page': { en: 'the page', fr: 'la page' },
  'host.vendorChain': { en: 'service: {chain}', fr: 'service : {chain}' },
  'host.operatorChain': { en: 'servers: {chain}', fr: 'serveurs : {chain}' },
  'host.requestsList': { en: 'Requests ({count})', fr: 'Requêtes ({count})' },
  'host.cookies': { en: 'Cookies', fr: 'Cookies' },
  'host.network': { en: 'network', fr: 'réseau' },
  'host.candidates': { en: 'jurisdiction in flux', fr: 'juridiction en évolution' },
  'glossary.title': { en: 'The laws, explained once', fr: 'Les lois, expliquées une fois' },
  'glossary.reaches': { en: 'reaches: {list}', fr: 'atteint : {list}' },
  'glossary.none': { en: 'No foreign law reaches the hosts of this page.', fr: 'Aucun droit étranger n’atteint les hôtes de cette page.' },
  'refs.title': { en: 'References', fr: 'Références' },
  'refs.intro': { en: 'Every statement above links to its source here: documents and official texts (addresses printed as text, not links), and the data sets with their versions.', fr: 'Chaque affirmation ci-dessus renvoie ici à sa source : documents et textes officiels (adresses imprimées comme texte, sans lien), et jeux de données avec leurs versions.' },
  'refs.asOf': { en: 'as of {date}', fr: 'à jour au {date}' },
  'refs.organisation': { en: 'Organisation', fr: 'Organisation' },
  'refs.law': { en: 'Law', fr: 'Loi' },
  'refs.dataset': { en: 'Data set', fr: 'Jeu de données' },
  'refs.licence': { en: 'licence {licence}', fr: 'licence {licence}' },
  'scope.title': { en: 'Scope, method and limits', fr: 'Périmètre, méthode et limites' },
  'scope.method': {
    en: 'souverain loaded the page in a real Chromium browser, recorded every request, cookie and storage key, then traced each host name to the company that provides it and the network that serves it, up to the ultimate parent company and the law of its country. The verdict applies the policy to these facts; a fact that could not be established is “unknown” and never counts as sovereign.',
    fr: 'souverain a chargé la page dans un vrai navigateur Chromium, enregistré chaque requête, cookie et clé de stockage, puis remonté chaque nom d’hôte jusqu’à la société qui fournit le service et au réseau qui le sert, jusqu’à la société mère ultime et au droit de son pays. Le verdict applique la politique à ces faits ; un fait non établi est « inconnu » et ne vaut jamais souveraineté.',
  },
  'scope.sees': {
    en: 'A page load shows what the browser contacts during this visit: scripts, frames, images, beacons and the cookies they set, and who brought each in.',
    fr: 'Un chargement de page montre ce que le navigateur contacte pendant cette visite : scripts, cadres, images, balises et les cookies qu’ils déposent, et qui a introduit chacun.',
  },
  'scope.cannotSee': {
    en: 'It cannot see what the site’s servers send to others (server-side analytics, back-office tools, processors), what loads only after a login, a click or consent not given here, nor contracts and data-processing terms.',
    fr: 'Il ne voit pas ce que les serveurs du site transmettent à d’autres (mesure côté serveur, outils internes, sous-traitants), ce qui ne se charge qu’après connexion, clic ou consentement non donné ici, ni les contrats et clauses de sous-traitance.',
  },
  'scope.location': {
    en: 'Where a server is (IP location) and whose law reaches it (country of the ultimate parent company) are separate facts: a server in the EU run by a US company is still reached by US law.',
    fr: 'L’emplacement d’un serveur (localisation IP) et le droit qui l’atteint (pays de la société mère ultime) sont deux faits distincts : un serveur dans l’UE exploité par une société américaine reste atteint par le droit américain.',
  },
  'scope.asOf': { en: 'Knowledge as of: organisation facts checked between {from} and {to}; data sets: {datasets}.', fr: 'État des connaissances : faits sur les organisations vérifiés entre le {from} et le {to} ; jeux de données : {datasets}.' },
  'scope.asOfUnknown': { en: 'Knowledge as of: data sets {datasets}.', fr: 'État des connaissances : jeux de données {datasets}.' },
  'scope.when': { en: 'Captured on {date}; a page can change at every load.', fr: 'Capturé le {date} ; une page peut changer à chaque chargement.' },
  'shot.title': { en: 'Screenshot of the page as loaded', fr: 'Capture d’écran de la page chargée' },
  'pdf.footer': { en: '{target} · {date} · policy {policy} · {tool} {version} · data {data}', fr: '{target} · {date} · politique {policy} · {tool} {version} · données {data}' },
  'pdf.page': { en: 'page', fr: 'page' },
  'pdf.of': { en: 'of', fr: 'sur' },
  'section.details': { en: 'Details', fr: 'Détails' },
} as const;

export type VisualLabelKey = keyof typeof visualLabels;

/** A first-screen label in the report's language, placeholders filled. */
export function tv(lang: Lang, key: VisualLabelKey, params: Record<string, string | number> = {}): string {
  const template: string = visualLabels[key][lang];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
