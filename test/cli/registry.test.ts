import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import { commandLoaders } from '../../src/cli/commands/index.js';
import { buildFullProgram, commandNamed } from '../../src/cli/main.js';

describe('command registry', () => {
  it('lists exactly the files of src/cli/commands/, each registering the command of its name', async () => {
    const files = readdirSync(new URL('../../src/cli/commands/', import.meta.url))
      .filter((name) => name.endsWith('.ts') && name !== 'index.ts')
      .map((name) => name.replace(/\.ts$/, ''))
      .sort();
    assert.deepEqual(Object.keys(commandLoaders).sort(), files);
    for (const [name, load] of Object.entries(commandLoaders)) assert.equal((await load()).command.name, name);
    const program = await buildFullProgram({ lang: 'en' });
    assert.deepEqual(program.commands.map((command) => command.name()), Object.keys(commandLoaders));
  });

  it('finds the command to load from the arguments, skipping options and the --config value', () => {
    assert.equal(commandNamed(['--config', 'audit', 'diff', 'a', 'b']), 'diff');
    assert.equal(commandNamed(['--no-config', 'policy', 'explain']), 'policy');
    assert.equal(commandNamed(['--help']), undefined);
    assert.equal(commandNamed(['help', 'audit']), undefined);
    assert.equal(commandNamed(['constructor']), undefined);
  });
});
