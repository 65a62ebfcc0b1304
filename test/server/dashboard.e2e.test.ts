import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { chromiumArgs } from '../../src/collect/chromium-flags.js';
import { startFixtureWorld, type FixtureWorld } from '../../src/fixture-world/index.js';
import { APP_CSP, REPORT_CSP } from '../../src/server/app.js';
import { startServer, type RunningServer } from '../../src/server/serve.js';
import { newApiToken, tokenHash } from '../../src/server/auth.js';
import { runCli } from '../e2e/helpers.js';

// The whole server in real parts: the fixture world on loopback (DNS + HTTPS), the server with its
// SQLite database, real Chromium both for the audits and to drive the dashboard, a loopback webhook
// receiver. The guard stays ON: only the world's two address:port pairs are allowed, so the
// redirect to another loopback port and the page fetching 169.254.169.254 must be refused.
// Six audits in all (two of the shop, two SSRF, two short ones), one dashboard browser.

const FR_IP = '51.91.236.193'; // OVH (AS16276), FR
const US_IP = '142.250.179.100'; // Google (AS15169)
const HOSTILE_NAME = '<img src=x id=xss onerror=alert(1)>Boutique "test"';

let shopHasFonts = false;
let world: FixtureWorld;
let server: RunningServer;
let receiver: Server;
const received: { text: string; events: string[]; site: { name: string } }[] = [];
let receiverUrl = '';
let browser: Browser;
let dir: string;
let password = '';
let writeToken = '';
let readToken = '';

function listen(s: Server): Promise<number> {
  return new Promise((resolve) => s.listen(0, '127.0.0.1', () => resolve((s.address() as AddressInfo).port)));
}

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'souverain-serve-'));
  world = await startFixtureWorld({
    sites: [
      {
        host: 'www.boutique.fr',
        routes: {
          '/': {
            handler: (_req, res) => {
              res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
              res.end(`<!doctype html><title>Boutique</title>${shopHasFonts ? '<link rel="stylesheet" href="https://fonts.googleapis.com/css2?family=Inter">' : ''}<p>Bienvenue</p>`);
            },
          },
        },
      },
      { host: 'fonts.googleapis.com', routes: { '/css2': { body: 'body{}', contentType: 'text/css' } } },
      // Redirects to another loopback port: the server must not follow it into the machine.
      { host: 'www.redirige.fr', routes: { '/': { status: 302, headers: { location: 'http://127.0.0.1:9999/admin' } } } },
      // A page that asks for the cloud metadata address.
      {
        host: 'www.metadonnees.fr',
        routes: { '/': { body: '<!doctype html><title>m</title><img src="http://169.254.169.254/latest/meta-data/iam">' } },
      },
    ],
    dns: [
      { name: 'www.boutique.fr', type: 'A', value: FR_IP },
      { name: 'fonts.googleapis.com', type: 'A', value: US_IP },
      { name: 'www.redirige.fr', type: 'A', value: FR_IP },
      { name: 'www.metadonnees.fr', type: 'A', value: FR_IP },
    ],
  });
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      received.push(JSON.parse(body));
      res.writeHead(200).end('ok');
    });
  });
  receiverUrl = `http://127.0.0.1:${await listen(receiver)}/hook`;
  server = await startServer({
    // SOUVERAIN_TEST_SERVER_DATABASE=postgres://… runs the same scenario on an empty PostgreSQL database.
    database: process.env.SOUVERAIN_TEST_SERVER_DATABASE || join(dir, 'server.db'),
    port: 0,
    host: '127.0.0.1',
    publicMode: false,
    audit: {
      connectTo: world.connectTo,
      dnsServer: world.dnsServer,
      insecure: true,
      timeoutSeconds: 15,
      infra: false,
      allowPrivateTargets: false,
      allowAddresses: [`127.0.0.1:${world.httpPort}`, `127.0.0.1:${world.httpsPort}`],
    },
    print: (line) => {
      const match = /one-time password: (\S+)/.exec(line);
      if (match) password = match[1]!;
    },
    log: () => {},
  });
  writeToken = newApiToken();
  readToken = newApiToken();
  await server.store.createToken('test-write', tokenHash(writeToken), 'write');
  await server.store.createToken('test-read', tokenHash(readToken), 'read');
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs({}), headless: true });
});

after(async () => {
  await browser?.close();
  await server?.close();
  await world?.close();
  receiver?.close();
  await rm(dir, { recursive: true, force: true });
});

async function waitForAudit(siteId: number, count: number): Promise<void> {
  for (let i = 0; i < 240; i++) {
    const { items } = await server.store.listAudits(siteId, 0, 10);
    if (items.length >= count && items.every((audit) => audit.status === 'done' || audit.status === 'failed')) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`audit of site ${siteId} did not finish`);
}

const api = (path: string, init: RequestInit & { token?: string } = {}) =>
  fetch(`${server.url}${path}`, { ...init, headers: { 'content-type': 'application/json', ...(init.token ? { authorization: `Bearer ${init.token}` } : {}), ...(init.headers as Record<string, string>) } });

describe('souverain serve, end to end in Chromium', () => {
  let page: Page;
  let siteId = 0;

  it('prints a one-time admin password and lets the admin log in', async () => {
    assert.ok(password.length >= 20, 'a one-time password was printed');
    page = await (await browser.newContext()).newPage();
    const first = await page.goto(server.url);
    assert.equal(new URL(page.url()).pathname, '/login');
    assert.equal(first?.headers()['content-security-policy'], APP_CSP);
    await page.fill('input[name=name]', 'admin');
    await page.fill('input[name=password]', 'wrong');
    await page.click('button:has-text("Log in")');
    assert.match(await page.textContent('body') ?? '', /Wrong user name or password/);
    await page.fill('input[name=name]', 'admin');
    await page.fill('input[name=password]', password);
    await page.click('button:has-text("Log in")');
    assert.equal(new URL(page.url()).pathname, '/');
    const cookie = (await page.context().cookies()).find((c) => c.name === 'souverain_session');
    assert.ok(cookie?.httpOnly && cookie.sameSite === 'Strict');
  });

  it('adds a site with a hostile name, shown as text, never as markup', async () => {
    await page.fill('input[name=url]', 'https://www.boutique.fr/');
    await page.fill('input[name=name]', HOSTILE_NAME);
    await page.fill('input[name=tags]', 'commerce, fr');
    await page.click('button:has-text("Add")');
    siteId = Number(/\/sites\/(\d+)/.exec(page.url())?.[1]);
    assert.ok(siteId > 0);
    assert.equal(await page.locator('#xss').count(), 0, 'the name was not parsed as HTML');
    assert.equal(await page.locator('h1').textContent(), HOSTILE_NAME);
  });

  it('adds a webhook from the alerts page', async () => {
    await page.goto(`${server.url}/webhooks`);
    await page.fill('input[name=url]', receiverUrl);
    await page.click('button:has-text("Add")');
    assert.match(await page.textContent('body') ?? '', /127\.0\.0\.1/);
  });

  it('audits now, shows the verdict and serves the report under its own strict CSP', async () => {
    await page.goto(`${server.url}/sites/${siteId}`);
    await page.click('button:has-text("Audit now")');
    assert.match(await page.textContent('body') ?? '', /Audit queued/);
    await waitForAudit(siteId, 1);
    // It went through the shared queue: one result, stored once by the in-process worker under the job's key.
    const results = await server.store.db.selectFrom('audits').select(['job_key', 'status', 'report']).where('site_id', '=', String(siteId)).execute();
    assert.equal(results.length, 1);
    assert.match(results[0]!.job_key, new RegExp(`^site:${siteId}:`));
    assert.equal(results[0]!.status, 'complete');
    assert.ok(results[0]!.report?.includes('www.boutique.fr'));
    await page.reload();
    assert.equal(await page.locator('#audit-1 .v-sovereign').count(), 1, await page.textContent('main') ?? '');
    const [report] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/report')), page.click('#audit-1 a:has-text("report")')]);
    assert.equal(report.headers()['content-security-policy'], REPORT_CSP);
    assert.match(await page.textContent('body') ?? '', /www\.boutique\.fr/);
    await page.goBack();
  });

  it('re-audits after the site gains Google Fonts: the timeline says what changed, the webhook fires', async () => {
    shopHasFonts = true;
    await page.goto(`${server.url}/sites/${siteId}`);
    await page.click('button:has-text("Audit now")');
    await waitForAudit(siteId, 2);
    assert.equal((await server.store.db.selectFrom('audits').select('job_key').where('site_id', '=', String(siteId)).execute()).length, 2, 'one stored result per audit');
    await page.goto(`${server.url}/sites/${siteId}?lang=fr`);
    const latest = await page.locator('li#audit-2').textContent() ?? '';
    assert.match(latest, /non souverain/);
    assert.match(latest, /Ce qui a changé \(depuis le/);
    assert.match(latest, /(Google Fonts|fonts\.googleapis\.com)[^\n]* ajouté, apporté par \//);
    for (let i = 0; i < 40 && received.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 250));
    assert.equal(received.length, 1);
    assert.equal(received[0]!.site.name, HOSTILE_NAME);
    assert.ok(received[0]!.events.includes('non-sovereign-added'));
    assert.match(received[0]!.text, /sovereign → not sovereign/);
    assert.doesNotMatch(received[0]!.text, /<img/, 'page-derived text is neutralised for chat hooks');
    const deliveries = await (await api('/api/deliveries', { token: readToken })).json() as { items: { status: string }[] };
    assert.equal(deliveries.items[0]?.status, 'delivered');
    const organisations = await page.goto(`${server.url}/organisations?lang=en`);
    assert.ok(organisations?.ok());
    assert.match(await page.textContent('main') ?? '', /US/);
  });

  it('refuses a target that redirects to another loopback port', async () => {
    const created = await api('/api/sites', { method: 'POST', token: writeToken, body: JSON.stringify({ url: 'https://www.redirige.fr/' }) });
    assert.equal(created.status, 201);
    const { id } = await created.json() as { id: number };
    assert.equal((await api(`/api/sites/${id}/audits`, { method: 'POST', token: writeToken })).status, 202);
    await waitForAudit(id, 1);
    const { items } = await (await api(`/api/sites/${id}/audits`, { token: readToken })).json() as { items: { status: string; error: string; refused: { url: string }[] }[] };
    assert.equal(items[0]!.status, 'failed');
    assert.match(items[0]!.error, /refused/);
    assert.ok(items[0]!.refused.some((r) => r.url.startsWith('http://127.0.0.1:9999/')), JSON.stringify(items[0]));
  });

  it('refuses the metadata address a page asks for, and the page audit still completes', async () => {
    const created = await api('/api/sites', { method: 'POST', token: writeToken, body: JSON.stringify({ url: 'https://www.metadonnees.fr/' }) });
    const { id } = await created.json() as { id: number };
    await api(`/api/sites/${id}/audits`, { method: 'POST', token: writeToken });
    await waitForAudit(id, 1);
    const { items } = await (await api(`/api/sites/${id}/audits`, { token: readToken })).json() as { items: { status: string; refused: { url: string; reason: string }[] }[] };
    assert.equal(items[0]!.status, 'done');
    assert.ok(items[0]!.refused.some((r) => r.url.startsWith('http://169.254.169.254/') && /not a public address/.test(r.reason)), JSON.stringify(items[0]));
  });

  it('refuses a target typed as a private address before any browser starts', async () => {
    const created = await api('/api/sites', { method: 'POST', token: writeToken, body: JSON.stringify({ url: 'http://10.0.0.1/' }) });
    const { id } = await created.json() as { id: number };
    await api(`/api/sites/${id}/audits`, { method: 'POST', token: writeToken });
    await waitForAudit(id, 1);
    const audit = (await server.store.listAudits(id, 0, 1)).items[0]!;
    assert.equal(audit.status, 'failed');
    assert.match(audit.error ?? '', /10\.0\.0\.1:80 is not a public address/);
  });

  it('rejects forms without the CSRF token or from another origin', async () => {
    const cookie = (await page.context().cookies()).find((c) => c.name === 'souverain_session')!;
    const form = (headers: Record<string, string>, body: string) =>
      fetch(`${server.url}/sites`, { method: 'POST', redirect: 'manual', headers: { cookie: `souverain_session=${cookie.value}`, 'content-type': 'application/x-www-form-urlencoded', ...headers }, body });
    assert.equal((await form({ origin: server.url }, 'url=https%3A%2F%2Fa.example%2F')).status, 403, 'no synchronizer token');
    assert.equal((await form({ origin: server.url }, 'url=https%3A%2F%2Fa.example%2F&_csrf=forged')).status, 403, 'wrong token');
    const csrf = await page.goto(`${server.url}/`).then(() => page.locator('input[name=_csrf]').first().getAttribute('value'));
    assert.equal((await form({ origin: 'https://evil.example' }, `url=https%3A%2F%2Fa.example%2F&_csrf=${csrf}`)).status, 403, 'foreign origin');
    assert.equal((await form({ origin: server.url }, `url=https%3A%2F%2Fa.example%2F&_csrf=${csrf}`)).status, 303, 'the real form passes');
  });

  it('requires authentication for pages and API, and a write token to write', async () => {
    const anonymous = await fetch(`${server.url}/sites/${siteId}`, { redirect: 'manual' });
    assert.equal(anonymous.status, 303);
    assert.match(anonymous.headers.get('location') ?? '', /^\/login/);
    assert.equal((await api('/api/sites')).status, 401);
    assert.equal((await api('/api/sites', { token: 'sov_not-a-token' })).status, 401);
    assert.equal((await api('/api/sites', { method: 'POST', token: readToken, body: '{"url":"https://x.example/"}' })).status, 403);
    const listed = await (await api('/api/sites?limit=2', { token: readToken })).json() as { items: unknown[]; total: number; limit: number };
    assert.equal(listed.items.length, 2);
    assert.equal(listed.limit, 2);
    assert.ok(listed.total >= 4);
    const openapi = await (await api('/api/openapi.json')).json() as { openapi: string; paths: Record<string, unknown> };
    assert.equal(openapi.openapi, '3.1.0');
    assert.ok(openapi.paths['/api/reports']);
  });

  it('takes an uploaded report into the site timeline', async () => {
    const report = await (await api('/api/audits/2/report', { token: readToken })).json();
    const uploaded = await api('/api/reports', { method: 'POST', token: writeToken, body: JSON.stringify(report) });
    assert.equal(uploaded.status, 201);
    const audit = await uploaded.json() as { siteId: number; origin: string; verdict: string };
    assert.deepEqual([audit.siteId, audit.origin, audit.verdict], [siteId, 'upload', 'not-sovereign']);
    assert.equal((await api('/api/reports', { method: 'POST', token: writeToken, body: '{"target":"x"}' })).status, 400);
  });

  it('souverain audit --upload pushes the report into the server (and checks its options before any browser)', async () => {
    const world_ = [...world.connectTo.flatMap((c) => ['--connect-to', c]), '--dns-server', world.dnsServer, '--insecure', '--no-infra', '--no-config'];
    const missing = await runCli(['audit', 'https://www.boutique.fr/', ...world_, '--upload', server.url], { env: { SOUVERAIN_TOKEN: '' } });
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /--upload needs an API token/);
    const before = (await server.store.listAudits(siteId, 0, 1)).total;
    const result = await runCli(['audit', 'https://www.boutique.fr/', ...world_, '--upload', server.url, '--token', writeToken]);
    assert.equal(result.code, 1, result.stderr); // not sovereign: Google Fonts
    assert.match(result.stdout, /Report uploaded: http:\/\/127\.0\.0\.1:\d+ \(audit \d+\)/);
    const after = await server.store.listAudits(siteId, 0, 1);
    assert.equal(after.total, before + 1);
    assert.equal(after.items[0]!.origin, 'upload');
  });
});
