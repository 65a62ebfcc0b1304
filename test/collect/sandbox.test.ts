import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseConnectTo } from '../../src/collect/connect-to.js';
import { chromiumArgs } from '../../src/collect/chromium-flags.js';

// Decision 0041: Chromium runs with --no-sandbox in every run (as root it would not start otherwise, and
// the namespace sandbox is refused in many containers); nothing else weakens the browser.

const WEAKENING = ['--disable-web-security', '--allow-file-access-from-files', '--allow-running-insecure-content', '--remote-debugging-port', '--remote-debugging-address', '--disable-site-isolation-trials', '--single-process'];

describe('Chromium sandbox (decision 0041)', () => {
  it('--no-sandbox is passed once, whatever the options', () => {
    for (const options of [{}, { insecure: true }, { connectTo: [parseConnectTo('127.0.0.1')] }]) {
      assert.equal(chromiumArgs(options).filter((arg) => arg === '--no-sandbox').length, 1);
    }
  });

  it('no flag weakens the browser further: no web-security or file access switches, no debugging port', () => {
    for (const options of [{}, { insecure: true }]) {
      const args = chromiumArgs(options);
      for (const flag of WEAKENING) assert.ok(!args.some((arg) => arg.startsWith(flag)), `${flag} is never passed`);
    }
  });
});
