import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'parse5';
import { CONTENT_SECURITY_POLICY, renderHtml } from '../../src/report/formats/html.js';
import { escapeHtml, html } from '../../src/report/html-kit.js';
import { LANGS, verdictLabel } from '../../src/report/i18n.js';
import { render } from '../../src/report/index.js';
import { HOSTILE, sampleReports } from '../fixtures/reports/index.js';

interface Node {
  nodeName: string;
  tagName?: string;
  value?: string;
  attrs?: { name: string; value: string }[];
  childNodes?: Node[];
  content?: Node;
}

function elements(root: Node): Node[] {
  const found: Node[] = [];
  const visit = (node: Node): void => {
    if (node.tagName) found.push(node);
    for (const child of node.childNodes ?? []) visit(child);
    if (node.content) visit(node.content);
  };
  visit(root);
  return found;
}

function textOf(node: Node): string {
  if (node.nodeName === '#text') return node.value ?? '';
  return (node.childNodes ?? []).map(textOf).join('');
}

const attr = (node: Node, name: string): string | undefined => node.attrs?.find((a) => a.name === name)?.value;
const htmlOf = (name: string, lang: 'en' | 'fr' = 'en'): string => render('html', sampleReports[name]!, { lang, color: false });
const documentOf = (name: string, lang: 'en' | 'fr' = 'en'): Node => parse(htmlOf(name, lang)) as unknown as Node;

/** Elements that could run code, load something or navigate when the file is opened. */
const ACTIVE = new Set(['script', 'iframe', 'frame', 'object', 'embed', 'link', 'base', 'math', 'form', 'video', 'image', 'use', 'foreignobject', 'foreignObject', 'animate', 'set', 'audio', 'source', 'track', 'input', 'button', 'meta-refresh', 'template', 'noscript']);

describe('html report', () => {
  it('is one document whose CSP, first in <head>, forbids every load but inline styles and data: images', () => {
    for (const name of Object.keys(sampleReports)) {
      const root = documentOf(name);
      const head = elements(root).find((node) => node.tagName === 'head')!;
      const headElements = (head.childNodes ?? []).filter((node) => node.tagName);
      assert.equal(attr(headElements[0]!, 'charset'), 'utf-8');
      assert.equal(attr(headElements[1]!, 'http-equiv'), 'Content-Security-Policy');
      assert.equal(attr(headElements[1]!, 'content'), CONTENT_SECURITY_POLICY);
      assert.equal(CONTENT_SECURITY_POLICY, "default-src 'none'; img-src data:; style-src 'unsafe-inline'");
      const metas = elements(root).filter((node) => node.tagName === 'meta' && attr(node, 'http-equiv'));
      assert.equal(metas.length, 1, 'no other http-equiv (no refresh)');
    }
  });

  it('contains no script, no event handler, nothing that loads or navigates', () => {
    for (const name of Object.keys(sampleReports)) {
      for (const lang of LANGS) {
        const all = elements(documentOf(name, lang));
        for (const node of all) {
          assert.ok(!ACTIVE.has(node.tagName!), `${name}/${lang}: no <${node.tagName}>`);
          for (const { name: attribute, value } of node.attrs ?? []) {
            assert.ok(!/^on/i.test(attribute), `${name}/${lang}: no ${attribute} on <${node.tagName}>`);
            if (attribute === 'href' && node.tagName === 'a') {
              assert.match(value, /^#[\w.-]+$/, `${name}: <a href> only points inside the report`);
            } else if (['src', 'href', 'xlink:href', 'srcset', 'action', 'poster', 'background'].includes(attribute)) {
              assert.ok(node.tagName === 'img' && attribute === 'src' && value.startsWith('data:image/png;base64,'), `${name}: <${node.tagName} ${attribute}> is a data: image`);
            }
            if (/url\(/i.test(value) && attribute !== 'style') assert.match(value, /^url\(#[\w-]+\)$/, `${name}: ${attribute} only refers to a pattern inside the report`);
            assert.ok(!/url\(/i.test(attribute === 'style' ? value : ''), 'no inline style that loads');
          }
        }
        assert.equal(all.filter((node) => node.tagName === 'style').length, 1, 'one stylesheet, ours');
      }
    }
  });

  it('shows hostile page strings as text, and only as text', () => {
    const root = documentOf('hostile');
    const all = elements(root);
    const title = all.find((node) => node.tagName === 'title')!;
    assert.ok(textOf(title).includes('https://evil.example/?q="><img src=x onerror=alert(\'target\')>'), 'the target stays in the title text');
    const body = textOf(all.find((node) => node.tagName === 'body')!);
    for (const value of [HOSTILE.target, HOSTILE.scriptUrl, HOSTILE.cookie, HOSTILE.cookieDomain, HOSTILE.storageKey, HOSTILE.header, HOSTILE.policy, HOSTILE.error, HOSTILE.host]) {
      assert.ok(body.includes(value), `shown as text: ${value}`);
    }
    assert.ok(body.includes('</title><script>alert("title")</script>\\x1b]0;pwned\\x07\\x1b[2J\\u202eevil'), 'title shown with its control characters visible');
    assert.ok(!all.some((node) => node.tagName === 'img'), 'the invalid screenshot is left out');
    assert.ok(body.includes('The screenshot was not a valid PNG and was left out.'));
  });

  it('embeds a valid screenshot as a data: PNG with a text alternative', () => {
    const images = elements(documentOf('seed-not-sovereign')).filter((node) => node.tagName === 'img');
    assert.equal(images.length, 1);
    assert.equal(attr(images[0]!, 'src'), `data:image/png;base64,${sampleReports['seed-not-sovereign']!.collection.pages[0]!.screenshot}`);
    assert.match(attr(images[0]!, 'alt') ?? '', /^Screenshot of https:\/\/www\.actu-numerique\.example/);
  });

  it('opens on the verdict banner, in the report’s language', () => {
    for (const [name, report] of Object.entries(sampleReports)) {
      for (const lang of LANGS) {
        const all = elements(documentOf(name, lang));
        assert.equal(attr(all.find((node) => node.tagName === 'html')!, 'lang'), lang);
        const main = all.find((node) => node.tagName === 'main')!;
        const first = (main.childNodes ?? []).find((node) => node.tagName)!;
        assert.match(attr(first, 'class') ?? '', new RegExp(`verdict--${report.assessment.verdict}`));
        assert.ok(textOf(first).includes(verdictLabel(lang, report.assessment.verdict)));
      }
    }
  });

  it('opens on a first screen: h1 verdict, the sentence, two bars, organisation cards and the fix plan', () => {
    const all = elements(documentOf('seed-not-sovereign'));
    const h1 = all.filter((node) => node.tagName === 'h1');
    assert.equal(h1.length, 1);
    assert.match(textOf(h1[0]!), /NOT SOVEREIGN/);
    const first = all.find((node) => node.tagName === 'section' && /\bfirst\b/.test(attr(node, 'class') ?? ''))!;
    const text = textOf(first);
    assert.match(text, /\d+ of \d+ requests \(\d+%\) went to 3 companies under US law/);
    assert.equal(elements(first).filter((node) => node.tagName === 'svg' && attr(node, 'class') === 'bar').length, 4, 'location and law, per request and per host');
    const cards = elements(first).filter((node) => node.tagName === 'li' && /\bcard\b/.test(attr(node, 'class') ?? ''));
    assert.deepEqual(cards.map((card) => textOf(elements(card).find((node) => node.tagName === 'strong')!)), ['Alphabet', 'Amazon', 'Cloudflare', 'OVH Groupe']);
    const fixes = elements(first).filter((node) => node.tagName === 'ol' && attr(node, 'class') === 'fix');
    assert.equal(fixes.length, 1);
    assert.match(textOf(fixes[0]!), /removes 2 host\(s\), 3 request\(s\)/);
  });

  it('draws the data flow and lists every host once, with its chain, server, law and evidence', () => {
    const all = elements(documentOf('seed-not-sovereign'));
    const flow = all.find((node) => node.tagName === 'section' && attr(node, 'id') === 'flow')!;
    assert.ok(elements(flow).some((node) => node.tagName === 'svg'), 'an SVG picture');
    assert.match(textOf(flow), /Alphabet/);
    const rows = elements(all.find((node) => node.tagName === 'section' && attr(node, 'id') === 'hosts')!).filter((node) => node.tagName === 'details');
    assert.equal(rows.length, sampleReports['seed-not-sovereign']!.enrichment.hosts.length, 'one row per host');
    const s3 = rows.map(textOf).find((row) => row.includes('amazonaws'))!;
    for (const fact of ['Amazon S3', 'Amazon Web Services → Amazon', 'server FR', 'US', 'AS16509', '2014/09/cloud-souverain.jpg']) {
      assert.ok(s3.includes(fact), `S3 row shows ${fact}`);
    }
    const page = htmlOf('seed-not-sovereign');
    assert.equal(page.match(/18 U\.S\.C\. § 2713/g)?.length, 1, 'each law is explained once');
  });

  it('cites sources with numbers and prints data sets with licence and attribution in the references', () => {
    const all = elements(documentOf('seed-not-sovereign'));
    const references = all.find((node) => node.tagName === 'details' && attr(node, 'id') === 'references')!;
    const text = textOf(references);
    assert.match(text, /2026-06-17/);
    assert.match(text, /ASN data by RouteViews \(University of Oregon\), the NRO and DB-IP \(https:\/\/db-ip\.com\), licensed under CC BY 4\.0/);
    assert.match(text, /CC-BY-4\.0/);
    const targets = new Set(elements(references).filter((node) => node.tagName === 'li').map((node) => attr(node, 'id')));
    const links = all.filter((node) => node.tagName === 'a' && /^#ref-/.test(attr(node, 'href') ?? ''));
    assert.ok(links.length > 0);
    for (const link of links) assert.ok(targets.has(attr(link, 'href')!.slice(1)), `${attr(link, 'href')} has its entry`);
  });

  it('prints with every fold open in print mode', () => {
    const printed = renderHtml(sampleReports['seed-not-sovereign']!, { lang: 'en', color: false, print: true });
    const details = printed.match(/<details\b[^>]*>/g) ?? [];
    assert.ok(details.length > 5);
    assert.ok(details.every((tag) => / open\b/.test(tag)), 'every <details> open');
    assert.doesNotMatch(htmlOf('seed-not-sovereign'), /<details\b[^>]* open\b/, 'folded on screen');
  });
});

describe('html tag', () => {
  it('escapes every interpolation unless it is markup it made', () => {
    const hostile = '"><img src=x onerror=alert(1)>';
    assert.equal(html`<td title="${hostile}">${hostile}</td>`.value, '<td title="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;">&quot;&gt;&lt;img src=x onerror=alert(1)&gt;</td>');
    assert.equal(html`<p>${html`<b>${'<i>'}</b>`}</p>`.value, '<p><b>&lt;i&gt;</b></p>');
    assert.equal(html`${['<a>', html`<br>`, 1, null, undefined, false]}`.value, '&lt;a&gt;<br>1');
    assert.equal(escapeHtml("'&\u202e"), '&#39;&amp;\\u202e');
  });
});
