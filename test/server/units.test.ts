import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseConnectTo } from '../../src/collect/connect-to.js';
import type { DnsClient } from '../../src/collect/dns.js';
import type { DnsAnswer, DnsRecordType } from '../../src/types.js';
import { hashPassword, sameSecret, verifyPassword } from '../../src/server/auth.js';
import { redactUrl } from '../../src/server/database.js';
import { pickLang } from '../../src/server/i18n.js';
import { RateLimiter } from '../../src/server/rate-limit.js';
import { chatSafe, checkSchedule, nextRun, retryDelayMs } from '../../src/server/runner.js';
import { createTargetGuard, parseAllowEntry } from '../../src/server/ssrf-guard.js';
import { normaliseTarget } from '../../src/server/app.js';

/** A resolver at a clear seam: fixed A/AAAA answers, NXDOMAIN otherwise. */
function fakeDns(records: Record<string, string[]>): DnsClient {
  return {
    resolver: 'fake',
    answers: [],
    async resolve(name: string, type: DnsRecordType): Promise<DnsAnswer> {
      const values = (records[name] ?? []).filter((ip) => (type === 'A' ? !ip.includes(':') : type === 'AAAA' ? ip.includes(':') : false));
      const known = name in records;
      return { name, type, status: !known ? 'nxdomain' : values.length ? 'ok' : 'nodata', values } as DnsAnswer;
    },
  };
}

describe('SSRF guard', () => {
  const dns = fakeDns({ 'www.public.fr': ['51.91.236.193'], 'rebind.example': ['51.91.236.193', '127.0.0.1'], 'v6.example': ['fd00::1'], 'meta.example': ['169.254.169.254'] });
  const guard = () => createTargetGuard({ allowPrivate: false, allow: ['127.0.0.1:8443'], dns, connectTo: [] });

  it('lets public addresses through and refuses every non-public range', async () => {
    const g = guard();
    assert.equal(await g.check('https://www.public.fr/'), undefined);
    for (const url of ['http://127.0.0.1/', 'http://10.1.2.3/', 'http://172.16.0.1/', 'http://192.168.1.1/', 'http://169.254.169.254/latest/', 'http://100.64.0.1/', 'http://224.0.0.1/', 'http://[::1]/', 'http://[fd00::1]/', 'http://[fe80::1]/', 'http://[::ffff:127.0.0.1]/', 'http://0.0.0.0/']) {
      assert.match(await g.check(url) ?? 'allowed', /not a public address/, url);
    }
  });

  it('checks every address a name resolves to', async () => {
    const g = guard();
    assert.match(await g.check('https://rebind.example/') ?? '', /rebind\.example → 127\.0\.0\.1:443/);
    assert.match(await g.check('https://v6.example/') ?? '', /\[fd00::1\]:443/);
    assert.match(await g.check('https://meta.example/') ?? '', /169\.254\.169\.254/);
    assert.match(await g.check('https://nowhere.example/') ?? '', /does not resolve/);
  });

  it('allows exactly the listed address:port, not the same address on another port', async () => {
    const g = guard();
    assert.equal(await g.check('https://127.0.0.1:8443/x'), undefined);
    assert.match(await g.check('https://127.0.0.1:8444/x') ?? '', /not a public address/);
  });

  it('checks where --connect-to really sends a connection', async () => {
    const rules = [parseConnectTo(':443:127.0.0.1:8443'), parseConnectTo(':80:127.0.0.1:9080')];
    const g = createTargetGuard({ allowPrivate: false, allow: ['127.0.0.1:8443'], dns, connectTo: rules });
    assert.equal(await g.check('https://www.public.fr/'), undefined);
    assert.match(await g.check('http://www.public.fr/') ?? '', /127\.0\.0\.1:9080/);
  });

  it('refuses other schemes, passes browser-internal ones, records refusals, and is off with --allow-private-targets', async () => {
    const g = guard();
    assert.match(await g.check('ftp://www.public.fr/') ?? '', /scheme/);
    assert.equal(await g.check('data:text/plain,hi'), undefined);
    assert.equal(g.refusals.length, 1);
    const open = createTargetGuard({ allowPrivate: true, allow: [], dns, connectTo: [] });
    assert.equal(await open.check('http://127.0.0.1/'), undefined);
  });

  it('parses allow-list entries and rejects malformed ones', () => {
    assert.equal(parseAllowEntry('[::1]:8443'), '[::1]:8443');
    assert.throws(() => parseAllowEntry('localhost:80'));
    assert.throws(() => parseAllowEntry('127.0.0.1'));
  });
});

describe('server helpers', () => {
  it('hashes passwords with a per-user salt and verifies them', async () => {
    const a = await hashPassword('correct horse');
    const b = await hashPassword('correct horse');
    assert.notEqual(a, b);
    assert.match(a, /^scrypt\$32768\$8\$1\$/);
    assert.equal(await verifyPassword('correct horse', a), true);
    assert.equal(await verifyPassword('wrong', a), false);
    assert.equal(sameSecret('abc', 'abc'), true);
    assert.equal(sameSecret('abc', 'abd'), false);
  });

  it('redacts database credentials', () => {
    assert.equal(redactUrl('postgres://souverain:s3cr%40t@db.local:5432/obs'), 'postgres://souverain:***@db.local:5432/obs');
    assert.equal(redactUrl('postgresql://u@h/db?password=x&sslmode=require'), 'postgresql://u@h/db?password=***&sslmode=require');
    assert.equal(redactUrl('/var/lib/souverain.db'), '/var/lib/souverain.db');
  });

  it('picks the language from the switch, the cookie, then Accept-Language', () => {
    assert.equal(pickLang(undefined, undefined, 'de-DE,fr;q=0.8,en;q=0.5'), 'fr');
    assert.equal(pickLang(undefined, 'en', 'fr-FR'), 'en');
    assert.equal(pickLang('fr', 'en', 'en'), 'fr');
    assert.equal(pickLang(undefined, undefined, undefined), 'en');
  });

  it('schedules daily, weekly and cron runs, and refuses a bad expression', () => {
    const from = new Date('2026-12-05T06:00:00Z');
    assert.equal(nextRun('', from), null);
    assert.equal(nextRun('daily', from), '2026-12-06T06:00:00.000Z');
    assert.equal(nextRun('weekly', from), '2026-12-12T06:00:00.000Z');
    assert.equal(nextRun('30 2 * * 1', from), '2026-12-07T02:30:00.000Z');
    assert.throws(() => checkSchedule('every tuesday'));
  });

  it('backs off webhook retries exponentially, capped', () => {
    assert.deepEqual([1, 2, 3].map((n) => retryDelayMs(n, 1000)), [1000, 2000, 4000]);
    assert.equal(retryDelayMs(30), 30 * 60_000);
  });

  it('limits attempts per key and window', () => {
    const limiter = new RateLimiter(2, 1000);
    assert.deepEqual([limiter.allow('a', 0), limiter.allow('a', 1), limiter.allow('a', 2), limiter.allow('b', 2), limiter.allow('a', 1001)], [true, true, false, true, true]);
  });

  it('neutralises page-derived text for chat hooks', () => {
    assert.equal(chatSafe('<!channel> @here *bold* [x](y)'), '‹!channel› ＠here \\*bold\\* \\[x\\](y)');
  });

  it('accepts http(s) targets only, without credentials', () => {
    assert.equal(normaliseTarget('www.example.fr'), 'https://www.example.fr/');
    assert.throws(() => normaliseTarget('file:///etc/passwd'));
    assert.throws(() => normaliseTarget('https://user:pw@example.fr/'));
  });
});
