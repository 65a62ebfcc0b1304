import assert from 'node:assert/strict';
import { connect as tlsConnect } from 'node:tls';
import { after, before, describe, test } from 'node:test';
import { startFixtureWorld, type FixtureWorld, type FixtureWorldOptions } from '../../src/fixture-world/index.js';
import { fetchFromWorld } from './helpers.js';

const OPTIONS: FixtureWorldOptions = {
  sites: [
    {
      host: 'www.shop.test',
      tlsIssuer: 'Certigna',
      routes: {
        '/': { body: '<h1>shop</h1>' },
        '/app.js': { body: 'window.app = 1;' },
        '/teapot': { status: 418, headers: { 'x-fixture': 'yes' }, contentType: 'text/plain', body: 'short and stout' },
        '/slow': { body: 'late', delayMs: 150 },
        '/echo': {
          handler: (req, res, url) => {
            res.writeHead(200, { 'content-type': 'text/plain' });
            res.end(`${req.method} ${url.searchParams.get('q')}`);
          },
        },
        '/broken': {
          handler: () => {
            throw new Error('boom');
          },
        },
      },
    },
    { host: 'cdn.tracker.test', tlsIssuer: "Let's Encrypt", routes: { '/t.js': { body: 'track()' } } },
    { host: 'plain.test', routes: { '/': { body: 'default CA' } } },
    { host: 'self-signed.test', certificate: 'self-signed', routes: { '/': { body: 'self' } } },
    { host: 'expired.test', certificate: 'expired', tlsIssuer: 'Certigna', routes: { '/': { body: 'old' } } },
  ],
  dns: [],
};

describe('fixture world: web servers', () => {
  let world: FixtureWorld;
  let startupMs = 0;

  before(async () => {
    const started = performance.now();
    world = await startFixtureWorld(OPTIONS);
    startupMs = performance.now() - started;
  });
  after(() => world.close());

  test('starts in well under a second of work (keys made by Node, not forge)', (t) => {
    t.diagnostic(`startup ${startupMs.toFixed(0)} ms`);
    // RSA key generation time is random (0.1–0.8 s measured); forge's pure-JS keygen took several seconds.
    assert.ok(startupMs < 2000, `startup took ${startupMs} ms`);
  });

  test('serves each virtual host by its Host header over HTTP, with a guessed content type', async () => {
    const page = await fetchFromWorld(world, 'http', 'www.shop.test', '/');
    assert.equal(page.status, 200);
    assert.equal(page.body, '<h1>shop</h1>');
    assert.match(String(page.headers['content-type']), /^text\/html/);
    const script = await fetchFromWorld(world, 'http', 'cdn.tracker.test', '/t.js');
    assert.equal(script.body, 'track()');
    assert.match(String(script.headers['content-type']), /^application\/javascript/);
  });

  test('serves HTTPS with a certificate for the SNI name, issued by the site\'s CA name and verifiable with caCertificatePem', async () => {
    const shop = await fetchFromWorld(world, 'https', 'www.shop.test', '/app.js');
    assert.equal(shop.body, 'window.app = 1;');
    assert.equal(shop.certificate?.subject.CN, 'www.shop.test');
    assert.equal(shop.certificate?.subjectaltname, 'DNS:www.shop.test');
    assert.equal(shop.certificate?.issuer.O, 'Certigna');
    const tracker = await fetchFromWorld(world, 'https', 'cdn.tracker.test', '/t.js');
    assert.equal(tracker.certificate?.issuer.O, "Let's Encrypt");
    assert.equal(tracker.certificate?.issuer.CN, "Let's Encrypt");
    const plain = await fetchFromWorld(world, 'https', 'plain.test', '/');
    assert.equal(plain.certificate?.issuer.O, 'souverain fixture CA');
  });

  test('a self-signed site fails verification, and its certificate is its own issuer', async () => {
    await assert.rejects(fetchFromWorld(world, 'https', 'self-signed.test', '/'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
    const page = await fetchFromWorld(world, 'https', 'self-signed.test', '/', { verify: false });
    assert.equal(page.body, 'self');
    assert.equal(page.certificate?.issuer.CN, 'self-signed.test');
  });

  test('an expired site fails verification with CERT_HAS_EXPIRED', async () => {
    await assert.rejects(fetchFromWorld(world, 'https', 'expired.test', '/'), { code: 'CERT_HAS_EXPIRED' });
    const page = await fetchFromWorld(world, 'https', 'expired.test', '/', { verify: false });
    assert.ok(new Date(page.certificate?.valid_to ?? '') < new Date());
    assert.equal(page.certificate?.issuer.O, 'Certigna');
  });

  test('routes send their status and headers, run handlers, and wait delayMs', async () => {
    const teapot = await fetchFromWorld(world, 'http', 'www.shop.test', '/teapot');
    assert.equal(teapot.status, 418);
    assert.equal(teapot.headers['x-fixture'], 'yes');
    assert.equal(teapot.headers['content-type'], 'text/plain');
    const echo = await fetchFromWorld(world, 'https', 'www.shop.test', '/echo?q=bonjour', { method: 'POST' });
    assert.equal(echo.body, 'POST bonjour');
    const started = performance.now();
    const slow = await fetchFromWorld(world, 'http', 'www.shop.test', '/slow');
    assert.equal(slow.body, 'late');
    assert.ok(performance.now() - started >= 140);
    const broken = await fetchFromWorld(world, 'http', 'www.shop.test', '/broken');
    assert.equal(broken.status, 500);
  });

  test('an unknown path on a planned host is a 404 and does not count as unplanned', async () => {
    const missing = await fetchFromWorld(world, 'https', 'www.shop.test', '/nope.js');
    assert.equal(missing.status, 404);
    assert.ok(!world.unplannedHosts().includes('www.shop.test'));
  });

  test('every request is logged with scheme, host, method, path and time', async () => {
    await fetchFromWorld(world, 'https', 'CDN.Tracker.test', '/t.js?v=2');
    const last = world.requests.at(-1);
    assert.deepEqual({ ...last, at: undefined }, { scheme: 'https', host: 'cdn.tracker.test', method: 'GET', path: '/t.js?v=2', at: undefined });
    assert.ok(!Number.isNaN(Date.parse(last?.at ?? '')));
  });

  test('requests to an unplanned host get 421 and are reported by unplannedHosts', async () => {
    const stray = await fetchFromWorld(world, 'http', 'analytics.unplanned.test', '/collect');
    assert.equal(stray.status, 421);
    const strayTls = await fetchFromWorld(world, 'https', 'cdn.unplanned.test', '/x.js', { verify: false });
    assert.equal(strayTls.status, 421);
    const unplanned = world.unplannedHosts();
    assert.ok(unplanned.includes('analytics.unplanned.test'));
    assert.ok(unplanned.includes('cdn.unplanned.test'));
    assert.ok(!unplanned.includes('www.shop.test'));
  });

  test('a TLS handshake for an unplanned SNI name counts even without any HTTP request', async () => {
    await new Promise<void>((resolve, reject) => {
      const socket = tlsConnect({ host: world.address, port: world.httpsPort, servername: 'preconnect-only.test', rejectUnauthorized: false }, () => {
        socket.end();
        resolve();
      });
      socket.on('error', reject);
    });
    assert.ok(world.unplannedHosts().includes('preconnect-only.test'));
  });

  test('connectTo, hostResolverRules and url() point clients at the world', () => {
    assert.deepEqual(world.connectTo, [`:80:127.0.0.1:${world.httpPort}`, `:443:127.0.0.1:${world.httpsPort}`]);
    assert.equal(world.hostResolverRules, `MAP *:443 127.0.0.1:${world.httpsPort}, MAP *:80 127.0.0.1:${world.httpPort}, EXCLUDE localhost`);
    assert.equal(world.url('www.shop.test'), 'https://www.shop.test/');
    assert.equal(world.url('www.shop.test', '/app.js', 'http'), 'http://www.shop.test/app.js');
    assert.match(world.caCertificatePem, /^-----BEGIN CERTIFICATE-----/);
    assert.equal(world.caCertificatePem.match(/BEGIN CERTIFICATE/g)?.length, 3); // default, Certigna, Let's Encrypt
  });
});

describe('fixture world: lifecycle', () => {
  test('close() returns even while a client holds a keep-alive connection', async () => {
    const world = await startFixtureWorld({ sites: [{ host: 'a.test', routes: { '/': { body: 'a' } } }], dns: [] });
    const { Agent, request } = await import('node:http');
    const agent = new Agent({ keepAlive: true });
    await new Promise<void>((resolve, reject) => {
      request({ host: world.address, port: world.httpPort, headers: { host: 'a.test' }, agent }, (res) => {
        res.resume();
        res.on('end', resolve);
      }).on('error', reject).end();
    });
    await world.close();
    agent.destroy();
  });

  test('listens on an IPv6 loopback address, with brackets in the routing rules', async () => {
    const world = await startFixtureWorld({ sites: [{ host: 'v6.test', routes: { '/': { body: 'six' } } }], dns: [], address: '::1' });
    try {
      assert.deepEqual(world.connectTo, [`:80:[::1]:${world.httpPort}`, `:443:[::1]:${world.httpsPort}`]);
      assert.equal(world.dnsServer, `[::1]:${world.dnsServer.split(':').at(-1)}`);
      const page = await fetchFromWorld(world, 'https', 'v6.test', '/');
      assert.equal(page.body, 'six');
    } finally {
      await world.close();
    }
  });
});
