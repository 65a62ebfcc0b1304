/** Every text of the web app, in English and French (the report itself has its own tables). */
export type Lang = 'en' | 'fr';

const TEXTS = {
  appName: { en: 'souverain — monitoring', fr: 'souverain — surveillance' },
  overview: { en: 'Sites', fr: 'Sites' },
  organisations: { en: 'Organisations', fr: 'Organisations' },
  webhooks: { en: 'Alerts', fr: 'Alertes' },
  tokens: { en: 'API tokens', fr: 'Jetons d’API' },
  logout: { en: 'Log out', fr: 'Se déconnecter' },
  login: { en: 'Log in', fr: 'Se connecter' },
  user: { en: 'User name', fr: 'Nom d’utilisateur' },
  password: { en: 'Password', fr: 'Mot de passe' },
  badLogin: { en: 'Wrong user name or password.', fr: 'Nom d’utilisateur ou mot de passe incorrect.' },
  tooMany: { en: 'Too many attempts: wait a minute and try again.', fr: 'Trop de tentatives : attendez une minute et réessayez.' },
  site: { en: 'Site', fr: 'Site' },
  verdict: { en: 'Verdict', fr: 'Verdict' },
  trend: { en: 'Trend', fr: 'Tendance' },
  lastAudit: { en: 'Last audit', fr: 'Dernier audit' },
  nextAudit: { en: 'Next audit', fr: 'Prochain audit' },
  group: { en: 'Group', fr: 'Groupe' },
  tags: { en: 'Tags', fr: 'Étiquettes' },
  filter: { en: 'Filter', fr: 'Filtrer' },
  search: { en: 'Name or address', fr: 'Nom ou adresse' },
  any: { en: 'any', fr: 'tous' },
  never: { en: 'never', fr: 'jamais' },
  manual: { en: 'manual', fr: 'manuel' },
  noAudit: { en: 'not audited yet', fr: 'pas encore audité' },
  addSite: { en: 'Add a site', fr: 'Ajouter un site' },
  url: { en: 'Address (https://…)', fr: 'Adresse (https://…)' },
  name: { en: 'Name', fr: 'Nom' },
  policy: { en: 'Policy (fr, eu)', fr: 'Politique (fr, eu)' },
  consent: { en: 'Consent states (none, reject, accept)', fr: 'États de consentement (none, reject, accept)' },
  journey: { en: 'Journey file on the server', fr: 'Fichier de parcours sur le serveur' },
  schedule: { en: 'Schedule (daily, weekly, a cron expression, or empty)', fr: 'Planification (daily, weekly, une expression cron, ou vide)' },
  save: { en: 'Save', fr: 'Enregistrer' },
  add: { en: 'Add', fr: 'Ajouter' },
  delete: { en: 'Delete', fr: 'Supprimer' },
  auditNow: { en: 'Audit now', fr: 'Auditer maintenant' },
  queued: { en: 'queued', fr: 'en attente' },
  running: { en: 'running', fr: 'en cours' },
  done: { en: 'done', fr: 'terminé' },
  failed: { en: 'failed', fr: 'échec' },
  timeline: { en: 'Audits', fr: 'Audits' },
  changes: { en: 'What changed', fr: 'Ce qui a changé' },
  since: { en: 'since', fr: 'depuis le' },
  report: { en: 'report', fr: 'rapport' },
  json: { en: 'JSON', fr: 'JSON' },
  refused: { en: 'Refused by the address guard', fr: 'Refusé par le filtre d’adresses' },
  settings: { en: 'Settings', fr: 'Réglages' },
  reach: { en: 'Sites reached', fr: 'Sites concernés' },
  jurisdiction: { en: 'Jurisdiction', fr: 'Juridiction' },
  laws: { en: 'Laws', fr: 'Lois' },
  organisation: { en: 'Organisation', fr: 'Organisation' },
  webhookUrl: { en: 'Webhook address (Slack, Mattermost, Matrix or any JSON receiver)', fr: 'Adresse du webhook (Slack, Mattermost, Matrix ou tout récepteur JSON)' },
  deliveries: { en: 'Delivery log', fr: 'Journal des envois' },
  attempts: { en: 'Attempts', fr: 'Tentatives' },
  status: { en: 'Status', fr: 'État' },
  event: { en: 'Event', fr: 'Événement' },
  error: { en: 'Error', fr: 'Erreur' },
  scope: { en: 'Scope', fr: 'Portée' },
  newToken: { en: 'New token (shown once, copy it now):', fr: 'Nouveau jeton (affiché une seule fois, copiez-le maintenant) :' },
  create: { en: 'Create', fr: 'Créer' },
  previous: { en: 'Previous', fr: 'Précédent' },
  next: { en: 'Next', fr: 'Suivant' },
  shown: { en: 'shown', fr: 'affichés' },
  of: { en: 'of', fr: 'sur' },
  databaseDown: { en: 'The database is unreachable: retrying. Data shown may be stale.', fr: 'La base de données est injoignable : nouvelle tentative en cours. Les données affichées peuvent être anciennes.' },
  notFound: { en: 'Not found.', fr: 'Introuvable.' },
  badInput: { en: 'Invalid input', fr: 'Saisie invalide' },
  forbidden: { en: 'Forbidden.', fr: 'Interdit.' },
  csrf: { en: 'The form expired or did not come from this site: reload the page and try again.', fr: 'Le formulaire a expiré ou ne vient pas de ce site : rechargez la page et réessayez.' },
  ranking: { en: 'Ranking', fr: 'Classement' },
  publicNote: { en: 'Public read-only observatory.', fr: 'Observatoire public en lecture seule.' },
  language: { en: 'Français', fr: 'English' },
  auditQueued: { en: 'Audit queued.', fr: 'Audit mis en file.' },
  alreadyQueued: { en: 'An audit of this site is already queued or running.', fr: 'Un audit de ce site est déjà en file ou en cours.' },
  slowDown: { en: 'Too many audit requests: wait a minute.', fr: 'Trop de demandes d’audit : attendez une minute.' },
  sovereign: { en: 'sovereign', fr: 'souverain' },
  'not-sovereign': { en: 'not sovereign', fr: 'non souverain' },
  inconclusive: { en: 'inconclusive', fr: 'non concluant' },
  none: { en: 'not audited', fr: 'non audité' },
} as const;

export type TextKey = keyof typeof TEXTS;

export function t(lang: Lang, key: TextKey): string {
  return TEXTS[key][lang];
}

/** The language from ?lang=, the lang cookie, then Accept-Language; English by default. */
export function pickLang(query: string | undefined, cookie: string | undefined, acceptLanguage: string | undefined): Lang {
  for (const value of [query, cookie]) if (value === 'fr' || value === 'en') return value;
  const ranked = (acceptLanguage ?? '').split(',').map((part) => {
    const [tag = '', ...params] = part.trim().toLowerCase().split(';');
    const q = Number(params.find((p) => p.trim().startsWith('q='))?.trim().slice(2) ?? '1');
    return { tag, q: Number.isFinite(q) ? q : 0 };
  }).filter((entry) => entry.tag).sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag.startsWith('fr')) return 'fr';
    if (tag.startsWith('en')) return 'en';
  }
  return 'en';
}

export function verdictText(lang: Lang, verdict: string | null): string {
  if (verdict === 'sovereign' || verdict === 'not-sovereign' || verdict === 'inconclusive') return t(lang, verdict);
  return t(lang, 'none');
}

// Formatters are built once: constructing Intl objects per call dominated the overview's render time.
const LONG = {
  en: new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }),
  fr: new Intl.DateTimeFormat('fr-FR', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }),
};
const SHORT = {
  en: new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' }),
  fr: new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'short', timeZone: 'UTC' }),
};

export function formatDate(lang: Lang, iso: string | null | undefined): string {
  if (!iso) return t(lang, 'never');
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${LONG[lang].format(date)} UTC`;
}

export function shortDate(lang: Lang, iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : SHORT[lang].format(date);
}
