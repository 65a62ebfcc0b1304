import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../../src/config/config.js';
import { UsageError } from '../../src/errors.js';

describe('configuration files found upward', () => {
  let root: string;
  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'souverain-config-trust-'));
  });
  after(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('refuses a discovered file that names a program or weakens checks, naming the file and the fix', async () => {
    const dir = join(root, 'evil');
    await mkdir(join(dir, 'deep', 'er'), { recursive: true });
    await writeFile(join(dir, 'souverain.config.json'), JSON.stringify({ chromium: './evil.sh', insecure: true }));
    await assert.rejects(loadConfig({ cwd: join(dir, 'deep', 'er'), home: '/nonexistent-home' }), (error: unknown) => {
      assert.ok(error instanceof UsageError);
      assert.match(error.message, /evil\/souverain\.config\.json/);
      assert.match(error.message, /"chromium", "insecure"/);
      assert.match(error.hint, /--config/);
      return true;
    });
  });

  for (const field of [{ connectTo: ['a.example=127.0.0.1'] }, { dnsServer: '127.0.0.1' }]) {
    it(`refuses ${Object.keys(field)[0]} from a discovered file`, async () => {
      const dir = await mkdtemp(join(root, 'field-'));
      await writeFile(join(dir, '.souverainrc.json'), JSON.stringify(field));
      await assert.rejects(loadConfig({ cwd: dir, home: '/nonexistent-home' }), UsageError);
    });
  }

  it('accepts the same settings from a file named with --config', async () => {
    const dir = await mkdtemp(join(root, 'explicit-'));
    await writeFile(join(dir, 'ci.json'), JSON.stringify({ chromium: '/usr/bin/chromium', insecure: true }));
    const config = await loadConfig({ cwd: dir, explicitPath: 'ci.json' });
    assert.equal(config?.values.chromium, '/usr/bin/chromium');
    assert.equal(config?.values.insecure, true);
  });

  it('still applies harmless settings of a discovered file', async () => {
    const dir = await mkdtemp(join(root, 'harmless-'));
    await mkdir(join(dir, 'sub'));
    await writeFile(join(dir, 'souverain.config.json'), JSON.stringify({ lang: 'fr', policy: 'eu' }));
    const config = await loadConfig({ cwd: join(dir, 'sub'), home: '/nonexistent-home' });
    assert.equal(config?.values.lang, 'fr');
    assert.equal(config?.discovered, true);
  });

  it('stops at the repository root (.git)', async () => {
    const outer = await mkdtemp(join(root, 'outer-'));
    await writeFile(join(outer, 'souverain.config.json'), JSON.stringify({ lang: 'fr' }));
    await mkdir(join(outer, 'repo', '.git'), { recursive: true });
    await mkdir(join(outer, 'repo', 'src'));
    assert.equal(await loadConfig({ cwd: join(outer, 'repo', 'src'), home: '/nonexistent-home' }), undefined);
  });

  it('stops at the home directory', async () => {
    const outer = await mkdtemp(join(root, 'home-parent-'));
    await writeFile(join(outer, 'souverain.config.json'), JSON.stringify({ lang: 'fr' }));
    await mkdir(join(outer, 'home', 'project'), { recursive: true });
    assert.equal(await loadConfig({ cwd: join(outer, 'home', 'project'), home: join(outer, 'home') }), undefined);
  });

  it('refuses a FIFO or directory-free special file as configuration without blocking', async () => {
    const dir = await mkdtemp(join(root, 'fifo-'));
    const { execFileSync } = await import('node:child_process');
    execFileSync('mkfifo', [join(dir, 'souverain.config.json')]);
    await assert.rejects(loadConfig({ cwd: dir, home: '/nonexistent-home' }), /not a regular file/);
  });
});
