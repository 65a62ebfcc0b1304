import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseConnectTo, hostResolverRules } from '../../src/collect/connect-to.js';
import { parseTarget, parseTargetWithCredentials } from '../../src/core/target.js';
import { UsageError } from '../../src/errors.js';
import { isWebUrl, parseJourney } from '../../src/journey/journey-file.js';
import { withoutCredentials } from '../../src/shared/sanitize.js';

describe('target URL with credentials', () => {
  it('takes the user name and password out of the URL and keeps them apart', () => {
    const { url, credentials } = parseTargetWithCredentials('https://me:s%40cret@intranet.example:8443/app');
    assert.equal(url.href, 'https://intranet.example:8443/app');
    assert.deepEqual(credentials, { username: 'me', password: 's@cret', origin: 'https://intranet.example:8443' });
    assert.equal(parseTarget('https://me:secret@intranet.example/').href, 'https://intranet.example/');
    assert.equal(parseTargetWithCredentials('https://intranet.example/').credentials, undefined);
  });

  it('error lines never echo the password', () => {
    assert.throws(() => parseTarget('ftp://me:secret@files.example/'), (error: UsageError) => !error.message.includes('secret') && /ftp:/.test(error.message));
  });

  it('withoutCredentials cleans command lines', () => {
    assert.deepEqual(['audit', 'https://me:pw@a.example/x', '--policy', 'eu'].map(withoutCredentials), ['audit', 'https://a.example/x', '--policy', 'eu']);
  });
});

describe('target URL without a scheme', () => {
  it('"localhost:3000" gets a hint naming both full forms, not "unsupported scheme"', () => {
    assert.throws(() => parseTarget('localhost:3000'), (error: UsageError) => /has no scheme/.test(error.message) && /http:\/\/localhost:3000 or https:\/\/localhost:3000/.test(error.hint));
    assert.throws(() => parseTarget('127.0.0.1:8080/path'), /has no scheme/);
    assert.equal(parseTarget('www.example.fr').href, 'https://www.example.fr/');
  });
});

describe('journeys go to http(s) pages only', () => {
  for (const target of ['file:///etc/passwd', 'chrome://settings', 'data:text/html,<b>x</b>', 'javascript:alert(1)', 'view-source:https://a.example/', ' \tfile:///etc/passwd', 'FILE:///etc/passwd']) {
    it(`refuses goto ${JSON.stringify(target)} at load time, naming file:line:field`, () => {
      const text = `name: evil\nsteps:\n  - goto: /\n  - goto: ${JSON.stringify(target)}\n`;
      assert.throws(() => parseJourney(text, 'evil.yaml'), (error: UsageError) => {
        assert.match(error.message, /^journey file evil\.yaml:4: steps\.1\.goto: .* is not an http\(s\) address/);
        return true;
      });
    });
  }

  it('accepts http(s) and relative targets', () => {
    for (const target of ['https://a.example/', 'http://a.example/x', '/inscription', 'contact?x=1', '//cdn.example/x', '#top']) assert.equal(isWebUrl(target), true, target);
    const journey = parseJourney('steps:\n  - goto: /signup\n  - goto: https://a.example/next\n', 'ok.yaml');
    assert.equal(journey.steps.length, 2);
  });
});

describe('--connect-to is validated strictly', () => {
  it('no extra resolver rule can be smuggled into Chromium', () => {
    for (const value of ['127.0.0.1, MAP * 10.0.0.1', '127.0.0.1,EXCLUDE x', 'a.example:443:127.0.0.1 MAP:443', 'x y:443:127.0.0.1:443', '[::1],MAP']) {
      assert.throws(() => parseConnectTo(value), UsageError, value);
    }
  });

  it('still accepts addresses, host names and the curl form', () => {
    assert.equal(hostResolverRules([parseConnectTo('127.0.0.1')]), 'MAP * 127.0.0.1, EXCLUDE localhost');
    assert.equal(hostResolverRules([parseConnectTo('www.site.test:443:127.0.0.1:8443')]), 'MAP www.site.test:443 127.0.0.1:8443, EXCLUDE localhost');
    assert.equal(hostResolverRules([parseConnectTo(':443:[::1]:8443')]), 'MAP *:443 [::1]:8443, EXCLUDE localhost');
    assert.equal(parseConnectTo('WWW.site.test::localhost:').host, 'www.site.test');
  });
});
