/**
 * Opens the HTML reports in real Chromium from file:// and counts every request the page makes:
 * a report handed to a DPO must not contact anyone when opened.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { CONTENT_SECURITY_POLICY } from '../../src/report/formats/html.js';
import { render } from '../../src/report/index.js';
import { sampleReports } from '../fixtures/reports/index.js';

const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
  // Chromium phones home even with the flags above (BROWSER-NOTES.md): divert to a closed loopback port.
  '--component-updater=url-source=http://127.0.0.1:9/', '--gaia-url=http://127.0.0.1:9/',
  // No name resolution at all: a report needs none, and a lookup would leave the machine.
  '--host-resolver-rules=MAP * ~NOTFOUND',
];

let browser: Browser;
let dir: string;

before(async () => {
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  dir = mkdtempSync(join(tmpdir(), 'souverain-report-'));
});

after(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Opens an HTML file and returns the requests other than the file itself, and the console messages. */
async function open(name: string, content: string): Promise<{ requests: string[]; failures: string[]; console: string[]; verdict: string | null }> {
  const file = join(dir, name);
  writeFileSync(file, content);
  const url = pathToFileURL(file).href;
  const context = await browser.newContext();
  const requests: string[] = [];
  const messages: string[] = [];
  const failures: string[] = [];
  context.on('request', (request) => { if (request.url() !== url && !request.url().startsWith('data:')) requests.push(request.url()); });
  context.on('requestfailed', (request) => failures.push(`${request.url()} ${request.failure()?.errorText ?? ''}`));
  const page = await context.newPage();
  page.on('console', (message) => messages.push(message.text()));
  try {
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForTimeout(300);
    const verdict = await page.locator('.verdict__label').first().textContent({ timeout: 5000 }).catch(() => null);
    return { requests, failures, console: messages, verdict };
  } finally {
    await context.close();
  }
}

const withoutCsp = (content: string): string => content.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, '');

describe('html report in Chromium', () => {
  it('makes zero network requests and triggers no CSP violation when opened', async () => {
    for (const [name, report] of Object.entries(sampleReports)) {
      const result = await open(`${name}.html`, render('html', report, { lang: 'fr', color: false }));
      assert.deepEqual(result.requests, [], `${name}: no request`);
      assert.deepEqual(result.console, [], `${name}: nothing refused, nothing logged`);
      assert.ok(result.verdict, `${name}: the verdict banner rendered`);
    }
  });

  it('references nothing external even without its CSP (hostile and seed reports)', async () => {
    for (const name of ['hostile', 'seed-not-sovereign']) {
      const result = await open(`${name}-nocsp.html`, withoutCsp(render('html', sampleReports[name]!, { lang: 'en', color: false })));
      assert.deepEqual(result.requests, [], `${name}: no request without CSP either`);
      assert.deepEqual(result.console, [], `${name}: no script ran`);
    }
  });

  it('would see a request if the markup made one, and the CSP would block it (control)', async () => {
    const leaky = '<!doctype html><html><head><meta charset="utf-8"></head><body><img src="http://127.0.0.1:9/pixel.png"></body></html>';
    const seen = await open('control.html', leaky);
    assert.ok(seen.requests.some((url) => url.startsWith('http://127.0.0.1:9/')), 'the counter sees a load');
    const blocked = await open('control-csp.html', leaky.replace('<meta charset="utf-8">', `<meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">`));
    // Chromium reports the attempt, then fails it before it reaches the network.
    assert.equal(blocked.failures.length, 1);
    assert.match(blocked.failures[0] ?? '', /^http:\/\/127\.0\.0\.1:9\/pixel\.png .*csp/i, 'the CSP stops it');
    assert.ok(blocked.console.some((text) => /Content Security Policy/i.test(text)), 'and Chromium says so');
  });

  it('has no horizontal scroll at 1366 and 390 px, one <h1>, and shows the first screen on a desktop', async () => {
    for (const lang of ['en', 'fr'] as const) {
      const file = join(dir, `layout-${lang}.html`);
      writeFileSync(file, render('html', sampleReports['seed-not-sovereign']!, { lang, color: false }));
      for (const width of [1366, 390]) {
        const context = await browser.newContext({ viewport: { width, height: 768 } });
        const page = await context.newPage();
        try {
          await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
          const layout = await page.evaluate(() => ({
            scrollWidth: document.documentElement.scrollWidth,
            innerWidth: window.innerWidth,
            h1: document.querySelectorAll('h1').length,
            fixTop: (document.querySelector('ol.fix') as HTMLElement | null)?.getBoundingClientRect().top ?? -1,
            height: document.documentElement.scrollHeight,
          }));
          assert.ok(layout.scrollWidth <= layout.innerWidth, `${lang} at ${width}px: scrollWidth ${layout.scrollWidth} > ${layout.innerWidth}`);
          assert.equal(layout.h1, 1);
          if (width === 1366) {
            assert.ok(layout.fixTop > 0 && layout.fixTop < 768 * 1.2, `${lang}: the fix plan starts near the first screen (${layout.fixTop}px)`);
            assert.ok(layout.height <= 4 * 768, `${lang}: the folded report fits in 4 desktop screens (${layout.height}px)`);
          }
        } finally {
          await context.close();
        }
      }
    }
  });
});
