import assert from 'node:assert/strict';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Command, Option } from 'commander';
import { applyConfig, buildFullProgram, prescan, translateCommanderError } from '../../src/cli/main.js';
import { langFromEnv, messages } from '../../src/cli/messages.js';
import { parseFormats, planOutputs } from '../../src/cli/output.js';
import { findConfigFile, loadConfig, parseConfig } from '../../src/config/config.js';
import { LANGS } from '../../src/report/i18n.js';

const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '').sort();

describe('configuration files', () => {
  it('are found from the working directory upward, souverain.config.json first', async () => {
    const root = await mkdtemp(join(tmpdir(), 'souverain-config-'));
    const deep = join(root, 'a', 'b');
    await mkdir(deep, { recursive: true });
    const before = await findConfigFile(deep);
    assert.ok(before === undefined || !before.path.startsWith(root), 'none yet under the temporary root');
    await writeFile(join(root, '.souverainrc.yaml'), 'lang: fr\n');
    assert.equal((await findConfigFile(deep))?.path, join(root, '.souverainrc.yaml'));
    await writeFile(join(root, 'a', 'souverain.config.json'), '{"lang": "en"}');
    assert.equal((await findConfigFile(deep))?.path, join(root, 'a', 'souverain.config.json'));
  });

  it('resolve their paths against their own directory, built-in policy ids excepted', () => {
    const config = parseConfig('policy: policies/agency.yaml\nbaseline: ci/baseline.json\ndata: [extra.yaml]\noutput: out/report\n', '/repo/.souverainrc');
    assert.equal(config.values.policy, '/repo/policies/agency.yaml');
    assert.equal(config.values.baseline, '/repo/ci/baseline.json');
    assert.deepEqual(config.values.data, ['/repo/extra.yaml']);
    assert.equal(config.values.output, '/repo/out/report');
    assert.equal(parseConfig('{"policy": "eu"}', '/repo/souverain.config.json').values.policy, 'eu');
  });

  it('are validated against their schema, with the file, the field and the line', () => {
    assert.throws(() => parseConfig('{\n  "timeout": "soon",\n  "formats": ["json"]\n}\n', 'souverain.config.json'),
      /configuration file souverain\.config\.json: timeout: expected a number \(line 2\); formats: unknown field \(known: policy, lang, .*\) \(line 3\)/);
  });

  it('given with --config must exist', async () => {
    await assert.rejects(loadConfig({ cwd: tmpdir(), explicitPath: 'no-such-souverain.json' }), /configuration file no-such-souverain\.json does not exist/);
  });

  it('fill the options the command line did not give; flags win', () => {
    const command = new Command('audit').exitOverride()
      .addOption(new Option('--format <formats>').default('terminal'))
      .addOption(new Option('--timeout <seconds>').argParser(Number).default(30))
      .option('--no-infra')
      .option('--output <file>');
    command.action(() => {});
    const config = parseConfig('{"format": ["json", "sarif"], "timeout": 5, "infra": false, "output": "/x/report", "baseline": "/x/b.json"}', '/x/souverain.config.json');
    command.hook('preAction', (self) => applyConfig(self, config));
    command.parse(['--timeout', '9'], { from: 'user' });
    const options = command.opts();
    assert.deepEqual(options.format, ['json', 'sarif']);
    assert.equal(options.timeout, 9, 'the flag wins');
    assert.equal(options.infra, false);
    assert.equal(options.output, '/x/report');
    assert.equal(options.baseline, undefined, 'an option the command does not declare is ignored');
  });
});

describe('output plan', () => {
  it('writes one file per format next to a base name, or in a directory', () => {
    assert.deepEqual(planOutputs(['json', 'sarif', 'junit'], 'out/report.json'), [
      { format: 'json', path: 'out/report.json' }, { format: 'sarif', path: 'out/report.sarif' }, { format: 'junit', path: 'out/report.xml' },
    ]);
    assert.deepEqual(planOutputs(['markdown', 'csv'], undefined, 'dir'), [
      { format: 'markdown', path: join('dir', 'souverain-report.md') }, { format: 'csv', path: join('dir', 'souverain-report.csv') },
    ]);
    assert.deepEqual(planOutputs(['html'], 'page.htm'), [{ format: 'html', path: 'page.htm' }], 'one format: the file as given');
    assert.deepEqual(planOutputs(['json']), [{ format: 'json' }]);
  });

  it('refuses unknown formats, several formats on stdout, and --output with --output-dir', () => {
    assert.deepEqual(parseFormats('json, sarif,json'), ['json', 'sarif']);
    assert.throws(() => parseFormats('json,docx'), /unknown report format "docx"/);
    assert.throws(() => planOutputs(['json', 'sarif']), /several formats \(json, sarif\) cannot all be written to standard output/);
    assert.throws(() => planOutputs(['json'], 'a', 'b'), /--output and --output-dir cannot be used together/);
  });
});

describe('language of the command line', () => {
  it('follows LC_ALL, then LC_MESSAGES, then LANG', () => {
    assert.equal(langFromEnv({ LANG: 'fr_FR.UTF-8' }), 'fr');
    assert.equal(langFromEnv({ LANG: 'fr_FR.UTF-8', LC_ALL: 'C' }), 'en');
    assert.equal(langFromEnv({ LANG: 'en_GB.UTF-8', LC_MESSAGES: 'fr_CA' }), 'fr');
    assert.equal(langFromEnv({ LANG: 'C.UTF-8' }), 'en');
    assert.equal(langFromEnv({ LANG: 'fy_NL' }), 'en');
    assert.equal(langFromEnv({}), 'en');
  });

  it('reads --lang and --config before the program is built', () => {
    assert.deepEqual(prescan(['node', 'x', 'audit', 'u', '--lang', 'fr', '--config=c.json']), { lang: 'fr', config: 'c.json', noConfig: false });
    assert.deepEqual(prescan(['node', 'x', '--no-config', '--lang=de']), { noConfig: true });
  });

  it('has every message in English and French, with the same placeholders', () => {
    for (const [key, text] of Object.entries(messages)) {
      for (const lang of LANGS) assert.ok(text[lang].trim() !== '', `${key} in ${lang}`);
      assert.deepEqual(placeholders(text.fr), placeholders(text.en), key);
    }
  });

  it('builds the help in French, commander titles and defaults included', async () => {
    const help = (await buildFullProgram({ lang: 'fr' })).commands.find((command) => command.name() === 'audit')!.helpInformation();
    assert.match(help, /^Utilisation : souverain audit \[options\] <url>/);
    assert.match(help, /Options :/);
    assert.match(help, /\(par défaut : terminal\)/);
    assert.doesNotMatch(help, /^(Usage|Options|Arguments):/m);
    assert.doesNotMatch(help, /\(default: terminal\)/);
  });

  it('translates commander errors', () => {
    assert.equal(translateCommanderError("error: unknown option '--nope'\n(Did you mean --no-infra?)\n", 'fr'), 'erreur : option inconnue « --nope »\n(Vouliez-vous dire --no-infra ?)\n');
    assert.equal(translateCommanderError("error: option '--lang <lang>' argument 'de' is invalid. Allowed choices are en, fr.\n", 'fr'), 'erreur : la valeur « de » de l’option « --lang <lang> » n’est pas valide. Valeurs possibles : en, fr.\n');
    assert.equal(translateCommanderError("error: unknown option '--nope'\n", 'en'), "error: unknown option '--nope'\n");
  });
});
