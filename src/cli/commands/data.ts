import { Option, type Command } from 'commander';
import { collect, commonOptions, notFromConfig, type CliCommand, type CommandContext } from '../command.js';

/** `souverain data export|check|stats`: the knowledge tables as an open dataset, checked and measured (issue 8). */
export const command: CliCommand = {
  name: 'data',
  register(program, ctx) {
    const t = (text: { en: string; fr: string }) => text[ctx.lang];
    const data = program.command('data').description(t({ en: 'the knowledge tables as an open dataset: export, check, stats', fr: 'les tables de connaissances en jeu de données ouvert : export, check, stats' }));
    const shared = (command: Command, formats: [string, string]): Command => {
      const options = commonOptions(ctx);
      return command
        .addOption(notFromConfig(new Option('--format <format>', formats.join(' | ')).choices(formats).default(formats[0])))
        .option('--data <file>', ctx.m('option.data'), collect)
        .addOption(options.lang())
        .addOption(options.debug());
    };
    shared(data
      .command('export')
      .description(t({ en: 'write organisations, host patterns, infrastructure patterns, laws, qualifications, ownership changes and the licence to a directory', fr: 'écrit organisations, motifs d’hôte, motifs d’infrastructure, lois, qualifications, changements de propriétaire et la licence dans un répertoire' }))
      .requiredOption('--output <dir>', t({ en: 'directory to write (created if missing)', fr: 'répertoire où écrire (créé s’il manque)' })), ['json', 'csv'])
      .action(async (opts) => run(ctx, async (stdout) => (await import('../data-command.js')).runDataExport(opts, stdout)));
    shared(data
      .command('check')
      .description(t({ en: 'validate every table: schema, duplicate or overlapping patterns, unknown ids, parent cycles, facts older than 12 months, third-party-web disagreements (exit 1 on errors)', fr: 'valide chaque table : schéma, motifs en double ou qui se recouvrent, identifiants inconnus, cycles de détention, faits de plus de 12 mois, désaccords avec third-party-web (code 1 en cas d’erreur)' })), ['terminal', 'json'])
      .action(async (opts) => run(ctx, async (stdout) => (await import('../data-command.js')).runDataCheck(opts, stdout)));
    shared(data
      .command('stats')
      .description(t({ en: 'coverage figures of the knowledge tables', fr: 'chiffres de couverture des tables de connaissances' })), ['terminal', 'json'])
      .action(async (opts) => run(ctx, async (stdout) => (await import('../data-command.js')).runDataStats(opts, stdout)));
  },
};

async function run(ctx: CommandContext, work: (stdout: CommandContext['io']['stdout']) => Promise<number>): Promise<void> {
  ctx.setExitCode(await work(ctx.io.stdout));
}
