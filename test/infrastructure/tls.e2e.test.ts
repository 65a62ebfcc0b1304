import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { isExpired, observeTlsCertificate } from '../../src/collect/tls-certificate.js';
import { startFixtureWorld, type FixtureWorld } from '../../src/fixture-world/index.js';

describe('TLS certificate observation (real TLS on loopback)', () => {
  let world: FixtureWorld;
  let silent: Server;
  let silentPort: number;

  before(async () => {
    const route = { '/': { body: 'ok' } };
    world = await startFixtureWorld({
      sites: [
        { host: 'www.mairie.test', routes: route, tlsIssuer: 'Dhimyotis' },
        { host: 'self.mairie.test', routes: route, certificate: 'self-signed' },
        { host: 'old.mairie.test', routes: route, tlsIssuer: "Let's Encrypt", certificate: 'expired' },
      ],
      dns: [],
    });
    // Accepts TCP and never speaks TLS: the handshake must time out.
    silent = createServer(() => undefined);
    silentPort = await new Promise((resolve) => silent.listen(0, '127.0.0.1', () => resolve((silent.address() as { port: number }).port)));
  });
  after(async () => {
    silent.close();
    await world.close();
  });

  const observe = (host: string, extra: { ca?: string } = {}) =>
    observeTlsCertificate(host, 443, { address: world.address, connectPort: world.httpsPort, timeoutMs: 3000, ...extra });

  test('records the chain leaf first, with the issuer organisation, dates and fingerprint', async () => {
    const tls = await observe('www.mairie.test');
    assert.equal(tls.status, 'ok');
    assert.equal(tls.port, 443, 'the site port is recorded, not the loopback port');
    const [leaf, root] = tls.chain;
    assert.match(leaf!.subject, /CN=www\.mairie\.test/);
    assert.equal(leaf!.issuerOrganisation, 'Dhimyotis');
    assert.equal(leaf!.selfSigned, false);
    assert.match(leaf!.fingerprintSha256, /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    assert.ok(Date.parse(leaf!.validFrom) < Date.now() && Date.parse(leaf!.validTo) > Date.now());
    assert.equal(root!.selfSigned, true, 'the root vouches for itself');
    assert.equal(tls.authorized, false, 'the fixture root is not in the system store');
    assert.ok(tls.authorizationError);
  });

  test('verifies when the root is trusted', async () => {
    const tls = await observe('www.mairie.test', { ca: world.caCertificatePem });
    assert.equal(tls.authorized, true);
    assert.equal(tls.authorizationError, undefined);
  });

  test('marks a self-signed certificate', async () => {
    const tls = await observe('self.mairie.test', { ca: world.caCertificatePem });
    assert.equal(tls.chain.length, 1);
    assert.equal(tls.chain[0]!.selfSigned, true);
    assert.equal(tls.authorized, false);
  });

  test('an expired certificate is observed and recognised as expired', async () => {
    const tls = await observe('old.mairie.test', { ca: world.caCertificatePem });
    assert.equal(tls.status, 'ok');
    assert.equal(isExpired(tls.chain[0]!), true);
    assert.equal(tls.chain[0]!.issuerOrganisation, "Let's Encrypt");
    assert.match(tls.authorizationError ?? '', /EXPIRED/);
  });

  test('a refused connection and a silent server are error observations within the timeout', async () => {
    const refused = await observeTlsCertificate('www.mairie.test', 443, { address: '127.0.0.1', connectPort: 9, timeoutMs: 2000 });
    assert.equal(refused.status, 'error');
    assert.match(refused.error ?? '', /ECONNREFUSED/);
    const started = Date.now();
    const hung = await observeTlsCertificate('www.mairie.test', 443, { address: '127.0.0.1', connectPort: silentPort, timeoutMs: 300 });
    assert.equal(hung.status, 'error');
    assert.match(hung.error ?? '', /no TLS handshake within 300 ms/);
    assert.ok(Date.now() - started < 1500);
  });
});
