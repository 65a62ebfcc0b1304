import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { messages } from '../../src/cli/messages.js';
import { LANGS } from '../../src/report/i18n.js';
import { sampleReports } from '../fixtures/reports/index.js';
import { meaningfulStderr, type CliResult } from '../e2e/helpers.js';
import { runInProcess } from '../cli/in-process.js';

// The command line's own texts (errors, help) in French and English, in-process through main(argv, io). Every case
// fails before a browser starts and touches no network: the targets are loopback IP literals, with
// --no-infra and no --dns-server, and each error is raised by the input check that precedes the capture.

const FRENCH = { LANG: 'fr_FR.UTF-8', LC_ALL: '', LC_MESSAGES: '' };
const ENGLISH = { LANG: 'C.UTF-8', LC_ALL: '', LC_MESSAGES: '' };
/** A page no test ever loads: every case below is refused first. */
const LOOPBACK = 'http://127.0.0.1:9/';

let dir: string;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'souverain-i18n-'));
  await writeFile(join(dir, 'report.json'), JSON.stringify(sampleReports['seed-not-sovereign']));
  await writeFile(join(dir, 'a-file'), 'not a directory');
  await writeFile(join(dir, 'broken-journey.yaml'), 'steps:\n  - goto: /\n  - click: [unclosed\n');
});

after(async () => rm(dir, { recursive: true, force: true }));

const cli = (args: string[], env: Record<string, string>): Promise<CliResult> => runInProcess([...args, '--no-config'], { cwd: dir, env });

/** The command failed as a known error: exit 2 and exactly one line on stderr, which is returned. */
async function failsWithOneLine(args: string[], env: Record<string, string>): Promise<string> {
  const result = await cli(args, env);
  const lines = meaningfulStderr(result.stderr);
  assert.equal(result.code, 2, `${args.join(' ')}: exit ${result.code}\n${result.stderr}`);
  assert.equal(lines.length, 1, `${args.join(' ')}: one line expected\n${result.stderr}`);
  return lines[0]!;
}

describe('errors in French (LANG=fr_FR.UTF-8)', () => {
  it('an unsupported scheme', async () => {
    const line = await failsWithOneLine(['audit', 'ftp://example.fr/'], FRENCH);
    assert.equal(line, 'souverain : schéma « ftp: » non pris en charge dans « ftp://example.fr/ » — souverain audite des services web : donnez une URL http:// ou https://');
  });

  it('an invalid --connect-to', async () => {
    const line = await failsWithOneLine(['audit', LOOPBACK, '--connect-to', 'a:b', '--no-infra'], FRENCH);
    assert.match(line, /^souverain : --connect-to « a:b » n’est pas compris — utilisez ADRESSE ou \[HÔTE\]:PORT:ADRESSE:PORT/);
  });

  it('a Chromium that does not exist', async () => {
    const line = await failsWithOneLine(['audit', LOOPBACK, '--chromium', '/nonexistent', '--no-infra'], FRENCH);
    assert.equal(line, 'souverain : Chromium introuvable à /nonexistent — installez-le : apt-get install chromium, ou indiquez --chromium CHEMIN / SOUVERAIN_CHROMIUM');
  });

  it('an --output that cannot be written', async () => {
    const line = await failsWithOneLine(['assess', 'report.json', '--format', 'json', '--output', 'a-file/report.json'], FRENCH);
    assert.match(line, /^souverain : impossible d’écrire a-file\/report\.json \((ENOTDIR|EEXIST)\) — donnez le chemin d’un fichier ordinaire dans un dossier accessible en écriture \(ou aucun, pour écrire sur la sortie standard\)$/);
  });

  it('a --consent value that is not a consent state', async () => {
    const line = await failsWithOneLine(['audit', LOOPBACK, '--consent', 'none,maybe', '--no-infra'], FRENCH);
    assert.equal(line, 'souverain : --consent « none,maybe » : « maybe » n’est pas un état de consentement — utilisez none, reject et/ou accept, par exemple --consent none,reject,accept');
  });

  it('a journey file that does not parse', async () => {
    const line = await failsWithOneLine(['audit', LOOPBACK, '--journey', 'broken-journey.yaml', '--no-infra'], FRENCH);
    assert.match(line, /^souverain : le fichier de parcours broken-journey\.yaml:\d+ est illisible \(.+\) — corrigez la syntaxe YAML\/JSON \(voir docs\/site-audits\.md\)$/);
  });

  it('souverain verify on a folder that does not exist', async () => {
    const line = await failsWithOneLine(['verify', 'no-such-bundle'], FRENCH);
    assert.equal(line, 'souverain : no-such-bundle n’est pas un dossier de preuves — donnez le dossier écrit par souverain audit --evidence RÉP');
  });

  it('--lang fr wins over an English environment', async () => {
    const line = await failsWithOneLine(['audit', 'ftp://example.fr/', '--lang', 'fr'], ENGLISH);
    assert.match(line, /^souverain : schéma « ftp: » non pris en charge/);
  });
});

/** Help text with commander's line wrapping undone, so a description reads as one line. */
async function help(args: string[], env: Record<string, string>): Promise<string> {
  const result = await cli(args, env);
  assert.equal(result.code, 0, result.stderr);
  return result.stdout.replace(/\s+/g, ' ');
}

describe('help in French', () => {
  it('souverain --help', async () => {
    const text = await help(['--help'], FRENCH);
    assert.match(text, /^Utilisation : souverain/);
    assert.match(text, /Ce service en ligne est-il vraiment souverain \?/);
    assert.match(text, /verify \[options\] <bundle> vérifie un dossier de preuves \(chaque SHA-256\)/);
    assert.doesNotMatch(text, /Usage:|check an evidence bundle|display help/);
  });

  it('souverain audit --help, the site options included', async () => {
    const text = await help(['audit', '--help'], FRENCH);
    assert.match(text, /Options :/);
    assert.match(text, /--pages <n> audite le site : jusqu’à N pages, trouvées en suivant les liens du même site et sitemap\.xml/);
    assert.match(text, /--consent <states> capture chaque page dans ces états de consentement/);
    assert.match(text, /--evidence <dir> écrit un dossier de preuves/);
    assert.doesNotMatch(text, /audit the site|follow links|consent states|evidence bundle/);
  });

  it('souverain verify --help', async () => {
    const text = await help(['verify', '--help'], FRENCH);
    assert.match(text, /bundle le dossier écrit par audit --evidence/);
    assert.match(text, /--format <format> format de sortie \(valeurs : terminal, json, par défaut : terminal\)/);
  });

  it('a bad --pages value is refused in French', async () => {
    const result = await cli(['audit', LOOPBACK, '--pages', '0'], FRENCH);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /erreur : la valeur « 0 » de l’option « --pages <n> » n’est pas valide\. donnez un nombre entier d’au moins 1/);
  });
});

describe('built-in policies in French', () => {
  it('souverain policy explain fr names and describes the policy in French', async () => {
    const text = await help(['policy', 'explain', 'eu', '--lang', 'fr'], ENGLISH);
    assert.match(text, /^Politique « eu » — Juridiction UE\/EEE uniquement \(built-in:eu\) Les fournisseurs et les opérateurs des serveurs/);
  });

  it('and in English as before', async () => {
    const text = await help(['policy', 'explain', 'eu'], ENGLISH);
    assert.match(text, /^Policy "eu" — EU\/EEA jurisdiction only \(built-in:eu\) Vendors and server operators/);
  });
});

describe('the same in English', () => {
  it('an unsupported scheme', async () => {
    const line = await failsWithOneLine(['audit', 'ftp://example.fr/'], ENGLISH);
    assert.equal(line, 'souverain: unsupported scheme "ftp:" in "ftp://example.fr/" — souverain audits web services: give an http:// or https:// URL');
  });

  it('souverain verify on a folder that does not exist', async () => {
    const line = await failsWithOneLine(['verify', 'no-such-bundle'], ENGLISH);
    assert.equal(line, 'souverain: no-such-bundle is not an evidence bundle directory — give the directory written by souverain audit --evidence DIR');
  });

  it('souverain audit --help', async () => {
    const text = await help(['audit', '--help'], ENGLISH);
    assert.match(text, /--pages <n> audit the site: up to N pages, found by following same-site links and sitemap\.xml/);
    assert.doesNotMatch(text, /audite le site/);
  });
});

describe('the message catalogue', () => {
  const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!).sort();

  it('has every message in both languages, with the same placeholders', () => {
    for (const [key, text] of Object.entries(messages)) {
      for (const lang of LANGS) assert.ok(text[lang].trim() !== '', `${key} in ${lang}`);
      assert.deepEqual(placeholders(text.fr), placeholders(text.en), key);
    }
  });

  it('has no French message left in English', () => {
    // A few words are the same in both languages ("Options:", "Arguments:"): those stay allowed.
    const sameInBoth = new Set(['help.options', 'help.arguments']);
    for (const [key, text] of Object.entries(messages)) {
      if (!sameInBoth.has(key)) assert.notEqual(text.fr.replace(/\s*:$/, ''), text.en.replace(/\s*:$/, ''), key);
    }
  });
});
