import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  csvCell, forTerminal, markdownCode, markdownText, toJson, wellFormed, xmlCdata, xmlText,
} from '../../src/shared/sanitize.js';

/** Strings a hostile page or file can carry. */
export const HOSTILE = {
  clearScreen: 'a\u001b[2J\u001b[Hb',
  osc: 'x\u001b]0;owned\u0007y',
  c1Csi: 'p\u009b31mq',
  bidi: 'moc.elgoog\u202e',
  lineSeparator: 'one\u2028two',
  loneHigh: 'bad\uD800end',
  loneLow: '\uDC00start',
  pair: 'ok 😀',
  cdataEnd: 'x]]><evil/>',
  formula: '=HYPERLINK("http://evil.example","x")',
  url: 'see https://evil.example/path and www.evil.example or a@evil.example',
  megabyte: 'A'.repeat(1024 * 1024),
};

describe('forTerminal', () => {
  it('shows ESC, C1 and bidi characters as visible escapes, never raw', () => {
    for (const text of [HOSTILE.clearScreen, HOSTILE.osc, HOSTILE.c1Csi, HOSTILE.bidi, HOSTILE.lineSeparator]) {
      const safe = forTerminal(text);
      assert.doesNotMatch(safe, /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2028\u2029]/, JSON.stringify(safe));
    }
    assert.equal(forTerminal(HOSTILE.clearScreen), 'a\\x1b[2J\\x1b[Hb');
    assert.equal(forTerminal(HOSTILE.bidi), 'moc.elgoog\\u202e');
  });

  it('keeps printable Unicode and emoji pairs, replaces lone surrogates', () => {
    assert.equal(forTerminal('Éléphant 中文 😀'), 'Éléphant 中文 😀');
    assert.equal(forTerminal(HOSTILE.loneHigh), 'bad\uFFFDend');
    assert.equal(forTerminal(HOSTILE.loneLow), '\uFFFDstart');
  });

  it('keeps newlines only when asked, and caps the length', () => {
    assert.equal(forTerminal('a\nb'), 'a\\x0ab');
    assert.equal(forTerminal('a\nb\u001b', { keepNewlines: true }), 'a\nb\\x1b');
    assert.equal(forTerminal(HOSTILE.megabyte, { max: 100 }).length, 100);
  });
});

describe('csvCell', () => {
  it('neutralises formula prefixes, also after spaces and in full-width form', () => {
    for (const text of ['=1+1', '+1', '-1', '@SUM(A1)', '\t=1', '\r=1', ' =1', '\uFF1D1+1']) {
      const cell = csvCell(text);
      const unquoted = cell.startsWith('"') ? cell.slice(1, -1) : cell;
      assert.ok(unquoted.startsWith("'"), `${JSON.stringify(text)} → ${cell}`);
    }
  });

  it('removes control characters and quotes separators and quotes', () => {
    assert.equal(csvCell('a\u001b[31mb'), 'a [31mb');
    assert.equal(csvCell('line\nbreak'), 'line break');
    assert.equal(csvCell('a,b'), '"a,b"');
    assert.equal(csvCell('a;b', ';'), '"a;b"');
    assert.equal(csvCell('say "hi"'), '"say ""hi"""');
    assert.equal(csvCell(HOSTILE.formula), `"'=HYPERLINK(""http://evil.example"",""x"")"`);
    assert.equal(csvCell(HOSTILE.loneHigh), 'bad\uFFFDend');
  });
});

describe('markdown', () => {
  it('breaks GFM auto-links of URLs, www. and e-mail addresses', () => {
    const text = markdownText(HOSTILE.url);
    assert.doesNotMatch(text, /https:\/\//);
    assert.doesNotMatch(text, /(^|[^\\])www\./);
    assert.doesNotMatch(text, /[^\\]@/);
  });

  it('escapes markup and removes controls', () => {
    assert.equal(markdownText('[x](javascript:alert(1))'), '\\[x\\](javascript\\:alert(1))');
    assert.equal(markdownText('<img src=x>'), '\\<img src=x\\>');
    assert.equal(markdownText('a\u001bb\nc'), 'a b c');
  });

  it('code spans survive backticks and pipes', () => {
    assert.equal(markdownCode('plain'), '`plain`');
    assert.equal(markdownCode('a`b'), '`` a`b ``');
    assert.equal(markdownCode('a|b'), '`a\\|b`');
  });
});

describe('JSON', () => {
  it('replaces lone surrogates in values and keys, keeps pairs', () => {
    const value = wellFormed({ [HOSTILE.loneLow]: [HOSTILE.loneHigh, HOSTILE.pair, 3, null] });
    assert.deepEqual(value, { '\uFFFDstart': ['bad\uFFFDend', 'ok 😀', 3, null] });
    const text = toJson({ title: HOSTILE.loneHigh });
    assert.doesNotMatch(text, /\\ud800/i);
    assert.ok(Buffer.from(text, 'utf8').toString('utf8') === text);
  });
});

describe('XML', () => {
  it('escapes markup, replaces characters XML cannot carry', () => {
    assert.equal(xmlText('<a b="c">&\u0000\uD800'), '&lt;a b=&quot;c&quot;&gt;&amp;\uFFFD\uFFFD');
  });

  it('a CDATA end inside text cannot close the section', () => {
    const cdata = xmlCdata(HOSTILE.cdataEnd);
    assert.equal(cdata, '<![CDATA[x]]]]><![CDATA[><evil/>]]>');
    // Exactly two sections: the text's "]]>" was split, so "<evil/>" stays character data.
    assert.equal(cdata.split('<![CDATA[').length - 1, 2);
  });
});

describe('spinner and progress bar', () => {
  it('never animate on a 0-column or non-TTY stream', async () => {
    const { canAnimate } = await import('../../src/cli/progress.js');
    const saved = process.env.CI;
    delete process.env.CI;
    try {
      assert.equal(canAnimate({ isTTY: true, columns: 0 }), false);
      assert.equal(canAnimate({ isTTY: false, columns: 120 }), false);
      assert.equal(canAnimate({ isTTY: true }), false);
      assert.equal(canAnimate({ isTTY: true, columns: 80 }), true);
    } finally {
      if (saved !== undefined) process.env.CI = saved;
    }
  });
});
