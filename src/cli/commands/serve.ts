/**
 * `souverain serve`: the monitoring server (src/server/). Subcommands manage credentials from the
 * machine itself: `serve token create`, `serve password reset`.
 */
import { InvalidArgumentError, Option, type Command } from 'commander';
import { collect, type CliCommand } from '../command.js';

const TEXT = {
  description: { en: 'monitoring server: dashboard, history, alerts, JSON API (French and English)', fr: 'serveur de surveillance : tableau de bord, historique, alertes, API JSON (français et anglais)' },
  database: { en: 'SQLite file or postgres:// URL', fr: 'fichier SQLite ou URL postgres://' },
  port: { en: 'TCP port', fr: 'port TCP' },
  host: { en: 'address to listen on', fr: 'adresse d’écoute' },
  public: { en: 'public read-only mode: ranking pages and GET API, no login, no admin', fr: 'mode public en lecture seule : classements et API GET, sans connexion ni administration' },
  allowPrivate: { en: 'let audits reach loopback, private, link-local and other non-public addresses (SSRF guard off)', fr: 'autoriser les audits vers des adresses locales, privées, lien-local et autres adresses non publiques (filtre SSRF désactivé)' },
  allowAddress: { en: 'one non-public ADDRESS:PORT audits may reach while the guard stays on (repeatable)', fr: 'une ADRESSE:PORT non publique que les audits peuvent joindre, le filtre restant actif (répétable)' },
  connectTo: { en: 'server-wide --connect-to for every audit (repeatable)', fr: '--connect-to pour tous les audits du serveur (répétable)' },
  dnsServer: { en: 'resolver for audits and for the SSRF guard, IP[:PORT]', fr: 'résolveur des audits et du filtre SSRF, IP[:PORT]' },
  insecure: { en: 'accept TLS certificates that do not verify', fr: 'accepter les certificats TLS non vérifiables' },
  timeout: { en: 'per-page timeout in seconds', fr: 'délai par page en secondes' },
  noInfra: { en: 'skip the infrastructure audit (hosting, CDN, DNS, mail, CA)', fr: 'ne pas auditer l’infrastructure (hébergement, CDN, DNS, courrier, AC)' },
  chromium: { en: 'Chromium executable', fr: 'exécutable Chromium' },
  noWorker: { en: 'run no audit in this process: leave the queued jobs to `souverain worker --database …` processes', fr: 'n’exécuter aucun audit dans ce processus : laisser les tâches en file aux processus `souverain worker --database …`' },
  concurrency: { en: 'audits this process runs at once', fr: 'audits exécutés en même temps par ce processus' },
  badConcurrency: { en: 'a whole number from 1 to 16', fr: 'un nombre entier de 1 à 16' },
  caFile: { en: 'extra root certificates (PEM) for souverain’s own TLS check', fr: 'certificats racines supplémentaires (PEM) pour la vérification TLS de souverain' },
  lang: { en: 'language of messages', fr: 'langue des messages' },
  debug: { en: 'stack traces on failure', fr: 'traces de pile en cas d’échec' },
  token: { en: 'API tokens', fr: 'jetons d’API' },
  tokenCreate: { en: 'create an API token (printed once)', fr: 'créer un jeton d’API (affiché une seule fois)' },
  scope: { en: 'read or write', fr: 'read (lecture) ou write (écriture)' },
  name: { en: 'label of the token', fr: 'libellé du jeton' },
  password: { en: 'passwords', fr: 'mots de passe' },
  passwordReset: { en: 'give a user (created if missing) a new one-time password', fr: 'donner à un utilisateur (créé au besoin) un nouveau mot de passe à usage unique' },
  user: { en: 'user name', fr: 'nom d’utilisateur' },
  badPort: { en: 'a port between 0 and 65535', fr: 'un port entre 0 et 65535' },
} as const;

export const command: CliCommand = {
  name: 'serve',
  register(program, ctx) {
  const { lang } = ctx;
  const m = (key: keyof typeof TEXT) => TEXT[key][lang];
  const port = (value: string): number => {
    const n = Number(value);
    if (!/^\d{1,5}$/.test(value) || n > 65535) throw new InvalidArgumentError(m('badPort'));
    return n;
  };
  const concurrency = (value: string): number => {
    const n = Number(value);
    if (!/^\d{1,2}$/.test(value) || n < 1 || n > 16) throw new InvalidArgumentError(m('badConcurrency'));
    return n;
  };
  const database = () => new Option('--database <url>', m('database'));
  const serve = program
    .command('serve')
    .description(m('description'))
    .addOption(database())
    .addOption(new Option('--port <port>', m('port')).argParser(port).default(8080))
    .option('--host <address>', m('host'), '127.0.0.1')
    .option('--public', m('public'), false)
    .option('--allow-private-targets', m('allowPrivate'), false)
    .option('--allow-address <address:port>', m('allowAddress'), collect)
    .option('--connect-to <address>', m('connectTo'), collect)
    .option('--dns-server <ip[:port]>', m('dnsServer'))
    .option('--insecure', m('insecure'), false)
    .addOption(new Option('--timeout <seconds>', m('timeout')).argParser(Number).default(30))
    .option('--no-infra', m('noInfra'))
    .option('--chromium <path>', m('chromium'))
    .option('--no-worker', m('noWorker'))
    .addOption(new Option('--concurrency <n>', m('concurrency')).argParser(concurrency).default(1))
    .option('--ca-file <file>', m('caFile'))
    .addOption(new Option('--lang <lang>', m('lang')).choices(['en', 'fr']).default(lang))
    .option('--debug', m('debug'))
    .action(async (options) => {
      const { runServe } = await import('../serve-command.js');
      ctx.setExitCode(await runServe(options, ctx.io));
    });
  serve.command('token').description(m('token'))
    .command('create').description(m('tokenCreate'))
    .addOption(database())
    .addOption(new Option('--scope <scope>', m('scope')).choices(['read', 'write']).default('read'))
    .option('--name <name>', m('name'), 'cli')
    // optsWithGlobals: `serve token create --database X` — commander gives --database to `serve` too.
    .action(async (_options: unknown, command: Command) => {
      const { createTokenCommand } = await import('../../server/serve.js');
      ctx.io.stdout.write(`${await createTokenCommand(command.optsWithGlobals<{ database?: string; scope: 'read' | 'write'; name: string }>())}\n`);
      ctx.setExitCode(0);
    });
  serve.command('password').description(m('password'))
    .command('reset').description(m('passwordReset'))
    .addOption(database())
    .option('--user <name>', m('user'), 'admin')
    .action(async (_options: unknown, command: Command) => {
      const { resetPasswordCommand } = await import('../../server/serve.js');
      ctx.io.stdout.write(`${await resetPasswordCommand(command.optsWithGlobals<{ database?: string; user: string }>())}\n`);
      ctx.setExitCode(0);
    });
  },
};
