import { Option } from 'commander';
import { collect, commonOptions, notFromConfig, type CliCommand } from '../command.js';

/** `souverain lookup HOST|URL|IP …`: what souverain knows offline about names and addresses (issue 8). */
export const command: CliCommand = {
  name: 'lookup',
  register(program, ctx) {
    const t = (text: { en: string; fr: string }) => text[ctx.lang];
    const options = commonOptions(ctx);
    program
      .command('lookup')
      .description(t({ en: 'what souverain knows offline about host names, URLs or IP addresses: vendor, operator, owners, jurisdiction, laws, sources (exit 0; 2 for invalid input)', fr: 'ce que souverain sait hors ligne de noms d’hôte, URL ou adresses IP : fournisseur, opérateur, propriétaires, juridiction, lois, sources (code 0 ; 2 pour une entrée invalide)' }))
      .argument('<targets...>', t({ en: 'host names, URLs or IP addresses', fr: 'noms d’hôte, URL ou adresses IP' }))
      .addOption(notFromConfig(new Option('--format <format>', t({ en: 'terminal or json', fr: 'terminal ou json' })).choices(['terminal', 'json']).default('terminal')))
      .option('--dns-server <ip[:port]>', t({ en: 'resolve host names through this resolver first, to find their operator', fr: 'résout d’abord les noms d’hôte avec ce résolveur, pour trouver leur opérateur' }))
      .option('--data <file>', ctx.m('option.data'), collect)
      .addOption(options.lang())
      .addOption(options.debug())
      .action(async (targets: string[], opts) => {
        const { runLookupCommand } = await import('../lookup-command.js');
        ctx.setExitCode(await runLookupCommand(targets, opts, ctx.io.stdout));
      });
  },
};
