/**
 * Every text the command line prints or shows in --help, in English and French. Each entry holds
 * both languages, so a message cannot exist in one only (test/ci/config.test.ts and
 * test/ci/i18n-messages.test.ts check that none is empty and that both use the same {placeholders}).
 */
import type { Lang } from '../shared/errors.js';
import { fill } from '../shared/messages.js';
import type { LocalisedText } from '../types.js';

export const messages = {
  // ── program ──
  'program.description': {
    en: 'Is this online service really sovereign? Audits a page in real Chromium and traces every host to the company and the law that reach it.',
    fr: 'Ce service en ligne est-il vraiment souverain ? Audite une page dans un vrai Chromium et rattache chaque hôte à la société et au droit qui l’atteignent.',
  },
  'program.afterError': { en: '(run "souverain --help" for the options)', fr: '(lancez « souverain --help » pour voir les options)' },
  'option.help': { en: 'display help for command', fr: 'affiche l’aide de la commande' },
  'option.version': { en: 'output the version number', fr: 'affiche le numéro de version' },
  'command.help': { en: 'display help for command', fr: 'affiche l’aide d’une commande' },
  'option.config': { en: 'read settings from FILE instead of the souverain.config.json or .souverainrc found from the working directory up', fr: 'lit les réglages dans FICHIER au lieu du souverain.config.json ou .souverainrc trouvé en remontant depuis le répertoire courant' },
  'option.noConfig': { en: 'ignore configuration files', fr: 'ignore les fichiers de configuration' },
  'option.lang': { en: 'language of the reports and messages (default: $LC_ALL, $LC_MESSAGES or $LANG, else en)', fr: 'langue des rapports et des messages (par défaut : $LC_ALL, $LC_MESSAGES ou $LANG, sinon en)' },
  'option.debug': { en: 'print stack traces and browser details on failure', fr: 'affiche les traces d’appel et les détails du navigateur en cas d’échec' },

  // ── audit and baseline ──
  'audit.description': { en: 'audit a page: exit 0 sovereign, 1 not sovereign or inconclusive (or, with --baseline, a new blocking finding), 2 the tool failed', fr: 'audite une page : code 0 souverain, 1 non souverain ou non concluant (ou, avec --baseline, un nouveau constat bloquant), 2 échec de l’outil' },
  'audit.url': { en: 'the page to audit (http:// or https://)', fr: 'la page à auditer (http:// ou https://)' },
  'option.format': { en: 'report format(s), comma-separated: {formats}', fr: 'format(s) du rapport, séparés par des virgules : {formats}' },
  'option.output': { en: 'write the report to FILE; with several formats, FILE is a base name and each format gets its extension (report → report.json, report.sarif…); the terminal summary still prints', fr: 'écrit le rapport dans FICHIER ; avec plusieurs formats, FICHIER est un nom de base auquel chaque format ajoute son extension (report → report.json, report.sarif…) ; la synthèse s’affiche toujours' },
  'option.outputDir': { en: 'write each format to DIR/souverain-report.<extension>', fr: 'écrit chaque format dans RÉP/souverain-report.<extension>' },
  'option.policy': { en: 'fr, eu or the path of a policy file', fr: 'fr, eu ou le chemin d’un fichier de politique' },
  'option.connectTo': { en: 'send every connection to ADDRESS, or [HOST]:PORT:ADDRESS:PORT (repeatable); Host and SNI stay the original', fr: 'envoie chaque connexion vers ADRESSE, ou [HÔTE]:PORT:ADRESSE:PORT (répétable) ; Host et SNI restent ceux d’origine' },
  'option.dnsServer': { en: "resolver for souverain's own DNS look-ups", fr: 'résolveur pour les requêtes DNS de souverain' },
  'option.insecure': { en: 'accept TLS certificates that do not verify (recorded in the report)', fr: 'accepte les certificats TLS invalides (noté dans le rapport)' },
  'option.timeout': { en: 'per-page timeout in seconds', fr: 'délai maximal par page, en secondes' },
  'option.noInfra': { en: 'skip the infrastructure audit (hosting, CDN, DNS, mail, CA)', fr: 'saute l’audit d’infrastructure (hébergement, CDN, DNS, courrier, AC)' },
  'option.chromium': { en: 'Chromium executable (default: $SOUVERAIN_CHROMIUM or chromium on PATH)', fr: 'exécutable Chromium (par défaut : $SOUVERAIN_CHROMIUM ou chromium dans le PATH)' },
  'option.data': { en: 'extra data file: entities, services or infrastructure patterns (repeatable)', fr: 'fichier de données supplémentaire : entités, services ou motifs d’infrastructure (répétable)' },
  'option.baseline': { en: 'fail only on blocking findings that are not in this baseline file, and list the baseline entries no longer seen', fr: 'n’échoue que sur les constats bloquants absents de ce fichier de référence, et liste les entrées de la référence qui ne sont plus observées' },
  'option.sourceDir': { en: 'SARIF: folder of the site\'s templates and sources; each finding points at the first line that names its host (paths relative to the working directory)', fr: 'SARIF : dossier des gabarits et sources du site ; chaque constat pointe vers la première ligne qui nomme son hôte (chemins relatifs au répertoire courant)' },
  'option.reportUrl': { en: 'Markdown: http(s) address of the full report (e.g. the CI artifact), linked from the comment', fr: 'Markdown : adresse http(s) du rapport complet (par ex. l’artefact de CI), en lien dans le commentaire' },
  'option.csvSeparator': { en: 'CSV field separator: comma (RFC 4180, default) or semicolon (French spreadsheets)', fr: 'séparateur des champs CSV : comma (virgule, RFC 4180, par défaut) ou semicolon (point-virgule, tableurs français)' },
  'error.reportUrl': { en: '--report-url must be an http(s) address, not "{value}"', fr: '--report-url doit être une adresse http(s), pas « {value} »' },
  'error.reportUrlFix': { en: 'give the full address, e.g. https://ci.example.org/job/42/artifacts/report.html', fr: 'donnez l’adresse complète, par ex. https://ci.example.org/job/42/artifacts/report.html' },
  'option.updateBaseline': { en: 'after the audit, write the baseline file (--baseline, default {file}) with every finding', fr: 'après l’audit, écrit le fichier de référence (--baseline, par défaut {file}) avec tous les constats' },
  'baseline.description': { en: 'audit a page and write a baseline of its findings, for souverain audit --baseline', fr: 'audite une page et écrit une référence de ses constats, pour souverain audit --baseline' },
  'baseline.output': { en: 'the baseline file to write', fr: 'le fichier de référence à écrire' },
  'baseline.written': { en: 'Baseline written to {file}: {count} finding(s) accepted.', fr: 'Référence écrite dans {file} : {count} constat(s) accepté(s).' },
  'baseline.notWritten': { en: 'the page could not be captured, so no baseline was written', fr: 'la page n’a pas pu être capturée, aucune référence n’a donc été écrite' },

  // ── assess ──
  'assess.description': { en: 'judge a saved JSON report again, offline, under another policy (or against a baseline)', fr: 'rejuge hors ligne un rapport JSON enregistré, selon une autre politique (ou par rapport à une référence)' },
  'assess.report': { en: 'a report written with --format json', fr: 'un rapport écrit avec --format json' },

  // ── diff ──
  'diff.description': { en: 'compare two JSON reports: organisations, hosts, jurisdictions and findings added and removed, verdict changes; exit 1 when something non-sovereign was added', fr: 'compare deux rapports JSON : organisations, hôtes, juridictions et constats ajoutés ou retirés, changements de verdict ; code 1 si un élément non souverain a été ajouté' },
  'diff.old': { en: 'the earlier report (JSON)', fr: 'le rapport le plus ancien (JSON)' },
  'diff.new': { en: 'the later report (JSON)', fr: 'le rapport le plus récent (JSON)' },
  'diff.format': { en: 'output format: terminal, json or markdown (a merge-request comment)', fr: 'format de sortie : terminal, json ou markdown (commentaire de demande de fusion)' },
  'diff.output': { en: 'write the diff to FILE (the terminal summary still prints)', fr: 'écrit la comparaison dans FICHIER (la synthèse s’affiche toujours)' },

  // ── policy ──
  'policy.description': { en: 'write and explain policy files', fr: 'écrire et expliquer des fichiers de politique' },
  'policy.init.description': { en: 'write a commented starter policy file', fr: 'écrit un fichier de politique de départ, commenté' },
  'policy.init.from': { en: 'built-in policy to start from', fr: 'politique intégrée de départ' },
  'policy.init.output': { en: 'file to write ("-" for standard output)', fr: 'fichier à écrire (« - » pour la sortie standard)' },
  'policy.init.force': { en: 'overwrite the file if it exists', fr: 'écrase le fichier s’il existe' },
  'policy.init.written': { en: 'Policy written to {file} (from "{from}"). Check it with: souverain policy explain {file}', fr: 'Politique écrite dans {file} (à partir de « {from} »). Vérifiez-la avec : souverain policy explain {file}' },
  'policy.init.exists': { en: '{file} already exists', fr: '{file} existe déjà' },
  'policy.init.existsFix': { en: 'add --force to overwrite it, or choose another --output', fr: 'ajoutez --force pour l’écraser, ou choisissez une autre --output' },
  'policy.explain.description': { en: 'say in plain words what a policy allows and blocks (and check the file)', fr: 'dit en clair ce qu’une politique autorise et bloque (et vérifie le fichier)' },
  'policy.explain.policy': { en: 'fr, eu or the path of a policy file (default: the configured policy, else fr)', fr: 'fr, eu ou le chemin d’un fichier de politique (par défaut : la politique configurée, sinon fr)' },

  // ── whole-site audits (audit --pages/--depth/--consent/--journey/--evidence) ──
  'site.pages': { en: 'audit the site: up to N pages, found by following same-site links and sitemap.xml', fr: 'audite le site : jusqu’à N pages, trouvées en suivant les liens du même site et sitemap.xml' },
  'site.depth': { en: 'follow links at most N clicks from the start page (implies a site audit of up to 100 pages)', fr: 'suit les liens à N clics au plus de la page de départ (implique un audit du site de 100 pages au plus)' },
  'site.perPattern': { en: 'audit at most N pages of one URL template, e.g. /produits/:n (default 5)', fr: 'audite au plus N pages d’un même modèle d’URL, par exemple /produits/:n (par défaut 5)' },
  'site.include': { en: 'only crawl URLs matching the glob (* = anything) or /regex/ (repeatable)', fr: 'n’explore que les URL qui correspondent au motif (* = n’importe quoi) ou à la /regex/ (répétable)' },
  'site.exclude': { en: 'never crawl URLs matching the glob or /regex/ (repeatable)', fr: 'n’explore jamais les URL qui correspondent au motif ou à la /regex/ (répétable)' },
  'site.noRobots': { en: 'ignore robots.txt (it is obeyed by default)', fr: 'ignore robots.txt (respecté par défaut)' },
  'site.noSitemap': { en: 'do not read sitemap.xml', fr: 'ne lit pas sitemap.xml' },
  'site.concurrency': { en: 'pages captured at once, each in its own browser context (default: one per CPU, at most 4)', fr: 'pages capturées en même temps, chacune dans son propre contexte de navigateur (par défaut : une par processeur, 4 au plus)' },
  'site.consent': { en: 'capture each page in these consent states: none, reject, accept (comma-separated)', fr: 'capture chaque page dans ces états de consentement : none, reject, accept (séparés par des virgules)' },
  'site.journey': { en: 'play a journey file (YAML/JSON: goto, click, fill, select, submit, wait-for) (repeatable)', fr: 'joue un fichier de parcours (YAML/JSON : goto, click, fill, select, submit, wait-for) (répétable)' },
  'site.evidence': { en: 'write an evidence bundle (report, HARs, screenshots, DNS, certificates, versions, SHA-256 manifest) to DIR', fr: 'écrit un dossier de preuves (rapport, HAR, captures d’écran, DNS, certificats, versions, manifeste SHA-256) dans RÉP' },
  'site.startFailedFix': { en: 'check the start URL; the report lists what was seen', fr: 'vérifiez l’URL de départ ; le rapport liste ce qui a été vu' },
  'site.journeyFailedFix': { en: "check the journey's selectors against the page (the report shows what each step loaded)", fr: 'vérifiez les sélecteurs du parcours sur la page (le rapport montre ce que chaque étape a chargé)' },
  'site.evidenceWritten': { en: 'evidence bundle {dir}: {files} files, SHA256SUMS {sha256}', fr: 'dossier de preuves {dir} : {files} fichiers, SHA256SUMS {sha256}' },
  'site.progress': { en: 'auditing {bar} {value}/{total} pages | {failed} failed | {url}', fr: 'audit {bar} {value}/{total} pages | {failed} en échec | {url}' },
  'error.wholeNumberMin1': { en: 'give a whole number of at least 1, e.g. 20', fr: 'donnez un nombre entier d’au moins 1, par exemple 20' },
  'error.wholeNumber': { en: 'give a whole number, e.g. 2', fr: 'donnez un nombre entier, par exemple 2' },
  'error.consentState': { en: '--consent "{value}": "{wrong}" is not a consent state', fr: '--consent « {value} » : « {wrong} » n’est pas un état de consentement' },
  'error.consentStateFix': { en: 'use none, reject and/or accept, e.g. --consent none,reject,accept', fr: 'utilisez none, reject et/ou accept, par exemple --consent none,reject,accept' },

  // ── verify ──
  'verify.description': { en: 'check an evidence bundle (every SHA-256) and judge its saved evidence again, offline: exit 3 when a file was changed', fr: 'vérifie un dossier de preuves (chaque SHA-256) et rejuge hors ligne les preuves enregistrées : code 3 si un fichier a été modifié' },
  'verify.bundle': { en: 'the directory written by audit --evidence', fr: 'le dossier écrit par audit --evidence' },
  'verify.policy': { en: 'judge under this policy instead of the saved one (fr, eu or a policy file)', fr: 'juge selon cette politique au lieu de celle enregistrée (fr, eu ou un fichier de politique)' },
  'verify.format': { en: 'output format', fr: 'format de sortie' },
  'verify.data': { en: 'extra data file used when attributing again (repeatable)', fr: 'fichier de données supplémentaire utilisé pour la nouvelle attribution (répétable)' },
  'verify.failed': { en: 'evidence bundle {bundle} failed verification: {problem}', fr: 'le dossier de preuves {bundle} n’a pas passé la vérification : {problem}' },
  'verify.failedFix': { en: 'the bundle is not the one souverain wrote; get it again from its author', fr: 'ce dossier n’est pas celui que souverain a écrit ; redemandez-le à son auteur' },
  'verify.notIntact': { en: '{bundle}: NOT INTACT ({checked} files checked)', fr: '{bundle} : ALTÉRÉ ({checked} fichiers vérifiés)' },
  'verify.intact': { en: '{bundle}: intact — {checked} files match SHA256SUMS ({sha256})', fr: '{bundle} : intact — {checked} fichiers conformes à SHA256SUMS ({sha256})' },
  'verify.saved': { en: 'saved verdict: {verdict} ({policy})', fr: 'verdict enregistré : {verdict} ({policy})' },
  'verify.reassessed': { en: 're-assessed offline under {policy}: {verdict}', fr: 'rejugé hors ligne selon {policy} : {verdict}' },
  'verify.reproduced': { en: ' — the saved assessment is reproduced exactly', fr: ' — l’évaluation enregistrée est reproduite à l’identique' },
  'verify.differs': { en: ' — DIFFERS from the saved assessment', fr: ' — DIFFÈRE de l’évaluation enregistrée' },
  'verify.currentData': { en: 'attributed again with the data installed here: {verdict}', fr: 'attribué de nouveau avec les données installées ici : {verdict}' },
  'verify.dataChanged': { en: ' (data changed since: {changes})', fr: ' (données modifiées depuis : {changes})' },
  'verify.sameData': { en: ' (same data versions)', fr: ' (mêmes versions des données)' },

  // ── demo ──
  'demo.description': { en: 'offline demo: audits a replica of the 2014 "sovereign cloud" signup page and its sovereign twin', fr: 'démonstration hors ligne : audite une réplique de la page d’inscription du « cloud souverain » de 2014 et sa jumelle souveraine' },
  'demo.outputDir': { en: 'where to write the demo reports', fr: 'où écrire les rapports de démonstration' },

  // ── errors ──
  'error.unexpected': { en: 'unexpected failure: {message} — run again with --debug and report the output', fr: 'échec inattendu : {message} — relancez avec --debug et signalez la sortie' },
  'error.interrupted': { en: 'interrupted by {signal}: the report written holds only what was collected before (partial: true)', fr: 'interrompu par {signal} : le rapport écrit ne contient que ce qui a été collecté avant (partial: true)' },
  'error.interruptedFix': { en: 'run the audit again to the end for a complete verdict', fr: 'relancez l’audit jusqu’au bout pour un verdict complet' },
  'error.seconds': { en: 'give a number of seconds greater than 0 and at most 2147483 (2^31-1 ms), e.g. 30', fr: 'donnez un nombre de secondes supérieur à 0 et d’au plus 2147483 (2^31-1 ms), par exemple 30' },
  'error.unknownFormat': { en: 'unknown report format "{format}"', fr: 'format de rapport inconnu « {format} »' },
  'error.unknownFormatFix': { en: 'use one or more of: {formats}', fr: 'utilisez un ou plusieurs de : {formats}' },
  'error.severalToStdout': { en: 'several formats ({formats}) cannot all be written to standard output', fr: 'plusieurs formats ({formats}) ne peuvent pas tous être écrits sur la sortie standard' },
  'error.severalToStdoutFix': { en: 'add --output BASE (BASE.json, BASE.sarif…) or --output-dir DIR', fr: 'ajoutez --output BASE (BASE.json, BASE.sarif…) ou --output-dir RÉP' },
  'error.outputAndDir': { en: '--output and --output-dir cannot be used together', fr: '--output et --output-dir ne peuvent pas être utilisés ensemble' },
  'error.outputAndDirFix': { en: 'keep one of them', fr: 'gardez l’une des deux' },
  'error.cannotWrite': { en: 'cannot write {file} ({reason})', fr: 'impossible d’écrire {file} ({reason})' },
  'error.cannotWriteFix': { en: 'choose a writable output path', fr: 'choisissez un chemin de sortie accessible en écriture' },
  'error.diffFormat': { en: 'souverain diff writes terminal, json or markdown, not "{format}"', fr: 'souverain diff écrit en terminal, json ou markdown, pas en « {format} »' },
  'error.diffFormatFix': { en: 'use --format terminal, --format json or --format markdown', fr: 'utilisez --format terminal, --format json ou --format markdown' },

  // ── commander's own messages ──
  'commander.unknownOption': { en: "error: unknown option '{option}'", fr: 'erreur : option inconnue « {option} »' },
  'commander.unknownCommand': { en: "error: unknown command '{command}'", fr: 'erreur : commande inconnue « {command} »' },
  'commander.missingArgument': { en: "error: missing required argument '{argument}'", fr: 'erreur : argument obligatoire manquant « {argument} »' },
  'commander.missingValue': { en: "error: option '{option}' argument missing", fr: 'erreur : l’option « {option} » attend une valeur' },
  'commander.tooMany': { en: 'error: too many arguments', fr: 'erreur : trop d’arguments' },
  'commander.invalidChoice': { en: "error: option '{option}' argument '{value}' is invalid. Allowed choices are {choices}.", fr: 'erreur : la valeur « {value} » de l’option « {option} » n’est pas valide. Valeurs possibles : {choices}.' },
  'commander.invalidArgument': { en: "error: option '{option}' argument '{value}' is invalid. {reason}", fr: 'erreur : la valeur « {value} » de l’option « {option} » n’est pas valide. {reason}' },
  'commander.didYouMean': { en: '(Did you mean {suggestion}?)', fr: '(Vouliez-vous dire {suggestion} ?)' },

  // ── progress ──
  'progress.policy': { en: 'loading policy', fr: 'chargement de la politique' },
  'progress.browser': { en: 'starting Chromium', fr: 'démarrage de Chromium' },
  'progress.capture': { en: 'loading the page and recording every request', fr: 'chargement de la page et enregistrement de chaque requête' },
  'progress.dns': { en: 'resolving every host', fr: 'résolution de chaque hôte' },
  'progress.enrich': { en: 'tracing hosts to operators, parents and jurisdictions', fr: 'rattachement des hôtes aux opérateurs, maisons mères et juridictions' },
  'progress.assess': { en: 'judging under the policy', fr: 'jugement selon la politique' },
  'progress.done': { en: 'done', fr: 'terminé' },

  // ── help section titles (commander) ──
  'help.usage': { en: 'Usage:', fr: 'Utilisation :' },
  'help.options': { en: 'Options:', fr: 'Options :' },
  'help.commands': { en: 'Commands:', fr: 'Commandes :' },
  'help.arguments': { en: 'Arguments:', fr: 'Arguments :' },
  'help.globalOptions': { en: 'Global Options:', fr: 'Options globales :' },
  'help.default': { en: 'default', fr: 'par défaut' },
  'help.choices': { en: 'choices', fr: 'valeurs' },
} satisfies Record<string, LocalisedText>;

export type MessageKey = keyof typeof messages;

/**
 * A message in the given language with its {placeholders} filled.
 *
 * @example msg('fr', 'baseline.written', { file: 'b.json', count: 3 })
 */
export function msg(lang: Lang, key: MessageKey, params: Record<string, string | number> = {}): string {
  return fill(messages[key][lang], params);
}

/** Both languages of a message, for errors that carry their French wording. */
export function both(key: MessageKey, params: Record<string, string | number> = {}): LocalisedText {
  return { en: msg('en', key, params), fr: msg('fr', key, params) };
}

/**
 * The language from the environment, as POSIX orders it: LC_ALL, then LC_MESSAGES, then LANG.
 * "fr", "fr_FR.UTF-8", "fr_CA"… give French; anything else, or nothing, English.
 */
export function langFromEnv(env: NodeJS.ProcessEnv): Lang {
  const value = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((candidate) => candidate !== undefined && candidate !== '');
  return value && /^fr(?:[_.@-]|$)/i.test(value) ? 'fr' : 'en';
}
