/**
 * SIGTERM/SIGINT during a real audit (subprocess, real Chromium, real signal): the run stops, the
 * report is written with what was collected and `partial: true`, exit 2, and no Chromium profile is
 * left behind. The page's server never answers, so without the signal the audit would wait --timeout.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

const BIN = new URL('../../bin/souverain.js', import.meta.url).pathname;
let server: Server;
let port: number;
let requested: () => void = () => {};

before(async () => {
  // Accepts the page request and never answers it.
  server = createServer(() => requested());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
after(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  describe(`${signal} during an audit`, () => {
    it('writes a partial report, exits 2 and removes the browser profile', async () => {
      const dir = await mkdtemp(join(tmpdir(), 'souverain-hostile-signal-'));
      const temp = join(dir, 'tmp');
      await import('node:fs/promises').then((fs) => fs.mkdir(temp));
      const output = join(dir, 'report.json');
      const child = spawn(process.execPath, [BIN, 'audit', 'http://site.test/', '--connect-to', `:80:127.0.0.1:${port}`, '--no-infra', '--timeout', '120', '--format', 'json', '--output', output], {
        env: { ...process.env, TMPDIR: temp, CI: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.stdout.resume();
      const loading = new Promise<void>((resolve) => (requested = resolve));
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      await loading;
      child.kill(signal);
      const code = await exited;
      try {
        assert.equal(code, 2, stderr);
        assert.match(stderr, new RegExp(`interrupted by ${signal}`));
        const report = JSON.parse(await readFile(output, 'utf8')) as { partial?: boolean; assessment: { verdict: string }; collection: { pages: unknown[] } };
        assert.equal(report.partial, true);
        assert.notEqual(report.assessment.verdict, 'sovereign');
        assert.equal(report.collection.pages.length, 1);
        assert.deepEqual((await readdir(temp)).filter((name) => name.startsWith('souverain-chromium-')), []);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });
  });
}
