import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import {
  adFramePage, adSvg, analyticsSnippet, badgeSvg, captchaAnchorPage, captchaCss, challengeSvg, cloudsBackgroundSvg,
  FAKE_FONT, fakeAnalytics, fakeCaptchaLoader, fakeCaptchaWidget, fakeJquery, fakeJqueryMigrate, fakeMatomo,
  fakeRevolutionSlider, fontCss, logoSvg, matomoSnippet, PIXEL_GIF, proofOfWorkCaptcha, signupPage, siteCss,
  slideSvg, submittedPage, type SignupPageAssets,
} from './demo-assets.js';
import type { DnsRecordSpec, FixtureRoute, FixtureSite, FixtureWorldOptions } from './types.js';

/**
 * The offline demo: a replica of the seed case and its sovereign twin.
 *
 * In 2014 the signup page of Cloudwatt, a French "sovereign cloud" (Orange, Thales, Caisse des
 * Dépôts), loaded Google reCAPTCHA, Google Analytics, jQuery and the ThemePunch "Revolution" slider
 * from CDNs, a DoubleClick ad, and its assets from Amazon S3 (reader comment under NXi's
 * 25/09/2014 "Cloud souverain : deux ans après"). The replica uses a fictitious name, says so on
 * the page, and serves harmless hand-written stand-ins for every script. The twin is the same page
 * with everything self-hosted in France by a French host.
 *
 * DNS answers carry real public IPs inside the real operators' announced ranges, so the offline
 * IP → ASN data attributes them as in production. Each was checked against
 * @ip-location-db/asn (asn-ipv4-num.csv / asn-ipv6-num.csv); the test re-checks them. They are
 * addresses in the right networks, not a claim about what the real names resolve to today.
 *
 *  host                                                    IP                        ASN      stands for
 *  ── seed page (https://www.nuage-souverain.fr/authentification) ───────────────────────────────────
 *  www.nuage-souverain.fr, nuage-souverain.fr              81.252.220.37 / .36       AS3215   the "sovereign cloud" itself, Orange-hosted (Cloudwatt was Orange's)
 *  www.google.com                                          142.250.179.100, 2a00:1450:4007:80e::2004  AS15169  reCAPTCHA loader, anchor frame, image challenge
 *  www.gstatic.com                                         142.250.75.227            AS15169  reCAPTCHA widget script and CSS
 *  www.google-analytics.com → www-google-analytics.l.google.com  142.250.201.174     AS15169  Google Analytics tag, pixel and beacon
 *  ajax.googleapis.com                                     216.58.214.170            AS15169  Google Hosted Libraries (jQuery)
 *  fonts.googleapis.com                                    172.217.18.202            AS15169  Google Fonts CSS
 *  fonts.gstatic.com → gstaticadssl.l.google.com           142.250.178.131           AS15169  Google Fonts font file
 *  googleads.g.doubleclick.net → pagead46.l.doubleclick.net  142.250.74.226          AS15169  DoubleClick ad frame (sets the IDE cookie)
 *  tpc.googlesyndication.com                               172.217.20.194            AS15169  ad image CDN
 *  code.jquery.com                                         151.101.2.137, 151.101.66.137  AS54113  jQuery CDN, served by Fastly
 *  cdnjs.cloudflare.com                                    104.17.24.14, 104.17.25.14, 2606:4700::6811:180e  AS13335  cdnjs (Revolution slider plugin)
 *  s3.amazonaws.com                                        52.216.21.45              AS16509  S3 path-style, global (logo)
 *  nuage-souverain-assets.s3.amazonaws.com → s3-1-w.amazonaws.com → s3-w.us-east-1.amazonaws.com
 *                                                          54.231.131.56             AS16509  S3 virtual-hosted, global (CSS, header background)
 *  nuage-souverain-media.s3.eu-west-1.amazonaws.com → s3-r-w.eu-west-1.amazonaws.com
 *                                                          52.218.104.98             AS16509  S3 virtual-hosted, regional (slide 1)
 *  s3.eu-west-1.amazonaws.com                              52.218.24.83              AS16509  S3 path-style, regional (slide 2)
 *  s3-eu-west-1.amazonaws.com                              52.92.18.42               AS16509  S3 path-style, legacy dash form (slide 3)
 *  nuage-souverain-www.s3-website-eu-west-1.amazonaws.com  52.218.132.12             AS16509  S3 static website endpoint (footer badge)
 *  ── seed infrastructure (DNS only) ──────────────────────────────────────────────────────────────────
 *  ns-286.awsdns-35.com, ns-722.awsdns-26.net,             205.251.193.30, 205.251.194.210,   AS16509  Amazon Route 53 name servers
 *  ns-1034.awsdns-01.org, ns-1587.awsdns-06.co.uk          205.251.196.10, 205.251.198.51
 *  aspmx.l.google.com, alt1.aspmx.l.google.com,            142.250.102.27, 64.233.184.27,     AS15169  Google Workspace mail (MX), SPF include:_spf.google.com
 *  alt2.aspmx.l.google.com                                 173.194.76.26
 *  ── twin page (https://www.nuage-souverain-corrige.fr/authentification) ─────────────────────────────
 *  www.nuage-souverain-corrige.fr, nuage-souverain-corrige.fr  51.91.236.193, 2001:41d0:301::21  AS16276  the twin, OVH-hosted: page, scripts, fonts, captcha
 *  analytics.nuage-souverain-corrige.fr                    54.36.91.62               AS16276  self-hosted Matomo
 *  nuage-souverain-media.s3.gra.io.cloud.ovh.net           141.94.16.10              AS16276  OVHcloud Object Storage, S3 API (slides)
 *  storage.gra.cloud.ovh.net                               51.68.2.10                AS16276  OVHcloud Object Storage, Swift API (logo, background, badge)
 *  ── twin infrastructure (DNS only) ──────────────────────────────────────────────────────────────────
 *  dns10.ovh.net, ns10.ovh.net                             213.251.188.130, 213.251.128.130   AS16276  OVH name servers
 *  mx1/mx2/mx3.mail.ovh.net                                188.165.36.237, 178.32.124.10, 54.38.32.10  AS16276  OVH mail (MX), SPF include:mx.ovh.com
 */

export const DEMO_SEED_DOMAIN = 'nuage-souverain.fr';
export const DEMO_TWIN_DOMAIN = 'nuage-souverain-corrige.fr';

/** The 2014 replica (fictitious name): a signup page full of US-controlled third parties. */
export const DEMO_SEED_URL = `https://www.${DEMO_SEED_DOMAIN}/authentification`;
/** Its fixed twin: the same page, everything served from France by a French host. */
export const DEMO_TWIN_URL = `https://www.${DEMO_TWIN_DOMAIN}/authentification`;

/** One name of the demo zone that has addresses, with the network they belong to. */
export interface DemoHost {
  name: string;
  /** A CNAME to follow first (the addresses then belong to the CNAME's target entry). */
  cname?: string;
  ipv4?: string[];
  ipv6?: string[];
  /** The AS that announces the addresses (checked against @ip-location-db/asn). */
  asn?: number;
  /** Which demo page requests it; 'infrastructure' for names only DNS mentions (NS, MX). */
  usedBy: 'seed' | 'twin' | 'infrastructure' | 'alias-target';
  role: string;
}

const GOOGLE = 15169;
const AMAZON = 16509;
const CLOUDFLARE = 13335;
const FASTLY = 54113;
const ORANGE = 3215;
const OVH = 16276;

const SEED_BUCKET_ASSETS = 'nuage-souverain-assets';
const SEED_BUCKET_MEDIA = 'nuage-souverain-media';
const SEED_BUCKET_WEBSITE = 'nuage-souverain-www';
const TWIN_BUCKET = 'nuage-souverain-media';
const TWIN_SWIFT_ACCOUNT = 'AUTH_5e6a1b2c3d4e4f5a8b9c0d1e2f3a4b5c';

/** Every name with addresses, as in the table above. */
export const DEMO_HOSTS: readonly DemoHost[] = [
  // seed
  { name: `www.${DEMO_SEED_DOMAIN}`, ipv4: ['81.252.220.37'], asn: ORANGE, usedBy: 'seed', role: 'the replica page, Orange-hosted' },
  { name: DEMO_SEED_DOMAIN, ipv4: ['81.252.220.36'], asn: ORANGE, usedBy: 'infrastructure', role: 'apex of the replica' },
  { name: 'www.google.com', ipv4: ['142.250.179.100'], ipv6: ['2a00:1450:4007:80e::2004'], asn: GOOGLE, usedBy: 'seed', role: 'reCAPTCHA loader, frame and image challenge' },
  { name: 'www.gstatic.com', ipv4: ['142.250.75.227'], asn: GOOGLE, usedBy: 'seed', role: 'reCAPTCHA widget script and CSS' },
  { name: 'www.google-analytics.com', cname: 'www-google-analytics.l.google.com', usedBy: 'seed', role: 'Google Analytics tag, pixel, beacon' },
  { name: 'www-google-analytics.l.google.com', ipv4: ['142.250.201.174'], asn: GOOGLE, usedBy: 'alias-target', role: 'Google Analytics front end' },
  { name: 'ajax.googleapis.com', ipv4: ['216.58.214.170'], asn: GOOGLE, usedBy: 'seed', role: 'Google Hosted Libraries (jQuery)' },
  { name: 'fonts.googleapis.com', ipv4: ['172.217.18.202'], asn: GOOGLE, usedBy: 'seed', role: 'Google Fonts CSS' },
  { name: 'fonts.gstatic.com', cname: 'gstaticadssl.l.google.com', usedBy: 'seed', role: 'Google Fonts files' },
  { name: 'gstaticadssl.l.google.com', ipv4: ['142.250.178.131'], asn: GOOGLE, usedBy: 'alias-target', role: 'Google static content front end' },
  { name: 'googleads.g.doubleclick.net', cname: 'pagead46.l.doubleclick.net', usedBy: 'seed', role: 'DoubleClick ad frame' },
  { name: 'pagead46.l.doubleclick.net', ipv4: ['142.250.74.226'], asn: GOOGLE, usedBy: 'alias-target', role: 'DoubleClick front end' },
  { name: 'tpc.googlesyndication.com', ipv4: ['172.217.20.194'], asn: GOOGLE, usedBy: 'seed', role: 'ad image CDN' },
  { name: 'code.jquery.com', ipv4: ['151.101.2.137', '151.101.66.137'], asn: FASTLY, usedBy: 'seed', role: 'jQuery CDN (jQuery Migrate), served by Fastly' },
  { name: 'cdnjs.cloudflare.com', ipv4: ['104.17.24.14', '104.17.25.14'], ipv6: ['2606:4700::6811:180e'], asn: CLOUDFLARE, usedBy: 'seed', role: 'cdnjs (Revolution slider plugin)' },
  { name: 's3.amazonaws.com', ipv4: ['52.216.21.45'], asn: AMAZON, usedBy: 'seed', role: 'S3 path-style, global endpoint (logo)' },
  { name: `${SEED_BUCKET_ASSETS}.s3.amazonaws.com`, cname: 's3-1-w.amazonaws.com', usedBy: 'seed', role: 'S3 virtual-hosted, global (CSS, header background)' },
  { name: 's3-1-w.amazonaws.com', cname: 's3-w.us-east-1.amazonaws.com', usedBy: 'alias-target', role: 'S3 front-end alias' },
  { name: 's3-w.us-east-1.amazonaws.com', ipv4: ['54.231.131.56'], asn: AMAZON, usedBy: 'alias-target', role: 'S3 us-east-1' },
  { name: `${SEED_BUCKET_MEDIA}.s3.eu-west-1.amazonaws.com`, cname: 's3-r-w.eu-west-1.amazonaws.com', usedBy: 'seed', role: 'S3 virtual-hosted, regional (slide 1)' },
  { name: 's3-r-w.eu-west-1.amazonaws.com', ipv4: ['52.218.104.98'], asn: AMAZON, usedBy: 'alias-target', role: 'S3 eu-west-1' },
  { name: 's3.eu-west-1.amazonaws.com', ipv4: ['52.218.24.83'], asn: AMAZON, usedBy: 'seed', role: 'S3 path-style, regional (slide 2)' },
  { name: 's3-eu-west-1.amazonaws.com', ipv4: ['52.92.18.42'], asn: AMAZON, usedBy: 'seed', role: 'S3 path-style, legacy dash form (slide 3)' },
  { name: `${SEED_BUCKET_WEBSITE}.s3-website-eu-west-1.amazonaws.com`, ipv4: ['52.218.132.12'], asn: AMAZON, usedBy: 'seed', role: 'S3 static website endpoint (badge)' },
  { name: 'ns-286.awsdns-35.com', ipv4: ['205.251.193.30'], asn: AMAZON, usedBy: 'infrastructure', role: 'Route 53 name server' },
  { name: 'ns-722.awsdns-26.net', ipv4: ['205.251.194.210'], asn: AMAZON, usedBy: 'infrastructure', role: 'Route 53 name server' },
  { name: 'ns-1034.awsdns-01.org', ipv4: ['205.251.196.10'], asn: AMAZON, usedBy: 'infrastructure', role: 'Route 53 name server' },
  { name: 'ns-1587.awsdns-06.co.uk', ipv4: ['205.251.198.51'], asn: AMAZON, usedBy: 'infrastructure', role: 'Route 53 name server' },
  { name: 'aspmx.l.google.com', ipv4: ['142.250.102.27'], asn: GOOGLE, usedBy: 'infrastructure', role: 'Google Workspace mail' },
  { name: 'alt1.aspmx.l.google.com', ipv4: ['64.233.184.27'], asn: GOOGLE, usedBy: 'infrastructure', role: 'Google Workspace mail' },
  { name: 'alt2.aspmx.l.google.com', ipv4: ['173.194.76.26'], asn: GOOGLE, usedBy: 'infrastructure', role: 'Google Workspace mail' },
  // twin
  { name: `www.${DEMO_TWIN_DOMAIN}`, ipv4: ['51.91.236.193'], ipv6: ['2001:41d0:301::21'], asn: OVH, usedBy: 'twin', role: 'the twin page, OVH-hosted' },
  { name: DEMO_TWIN_DOMAIN, ipv4: ['51.91.236.193'], asn: OVH, usedBy: 'infrastructure', role: 'apex of the twin' },
  { name: `analytics.${DEMO_TWIN_DOMAIN}`, ipv4: ['54.36.91.62'], asn: OVH, usedBy: 'twin', role: 'self-hosted Matomo' },
  { name: `${TWIN_BUCKET}.s3.gra.io.cloud.ovh.net`, ipv4: ['141.94.16.10'], asn: OVH, usedBy: 'twin', role: 'OVHcloud Object Storage, S3 API (slides)' },
  { name: 'storage.gra.cloud.ovh.net', ipv4: ['51.68.2.10'], asn: OVH, usedBy: 'twin', role: 'OVHcloud Object Storage, Swift API (logo, background, badge)' },
  { name: 'dns10.ovh.net', ipv4: ['213.251.188.130'], asn: OVH, usedBy: 'infrastructure', role: 'OVH name server' },
  { name: 'ns10.ovh.net', ipv4: ['213.251.128.130'], asn: OVH, usedBy: 'infrastructure', role: 'OVH name server' },
  { name: 'mx1.mail.ovh.net', ipv4: ['188.165.36.237'], asn: OVH, usedBy: 'infrastructure', role: 'OVH mail' },
  { name: 'mx2.mail.ovh.net', ipv4: ['178.32.124.10'], asn: OVH, usedBy: 'infrastructure', role: 'OVH mail' },
  { name: 'mx3.mail.ovh.net', ipv4: ['54.38.32.10'], asn: OVH, usedBy: 'infrastructure', role: 'OVH mail' },
];

/** NS, MX and SPF of the two first-party domains, so an infrastructure audit has something to find. */
const FIRST_PARTY_INFRASTRUCTURE: DnsRecordSpec[] = [
  ...['ns-286.awsdns-35.com', 'ns-722.awsdns-26.net', 'ns-1034.awsdns-01.org', 'ns-1587.awsdns-06.co.uk'].map(
    (value): DnsRecordSpec => ({ name: DEMO_SEED_DOMAIN, type: 'NS', value, ttl: 172800 }),
  ),
  { name: DEMO_SEED_DOMAIN, type: 'MX', value: 'aspmx.l.google.com', priority: 1, ttl: 3600 },
  { name: DEMO_SEED_DOMAIN, type: 'MX', value: 'alt1.aspmx.l.google.com', priority: 5, ttl: 3600 },
  { name: DEMO_SEED_DOMAIN, type: 'MX', value: 'alt2.aspmx.l.google.com', priority: 5, ttl: 3600 },
  { name: DEMO_SEED_DOMAIN, type: 'TXT', value: 'v=spf1 include:_spf.google.com ~all', ttl: 3600 },
  { name: DEMO_TWIN_DOMAIN, type: 'NS', value: 'dns10.ovh.net', ttl: 86400 },
  { name: DEMO_TWIN_DOMAIN, type: 'NS', value: 'ns10.ovh.net', ttl: 86400 },
  { name: DEMO_TWIN_DOMAIN, type: 'MX', value: 'mx1.mail.ovh.net', priority: 1, ttl: 3600 },
  { name: DEMO_TWIN_DOMAIN, type: 'MX', value: 'mx2.mail.ovh.net', priority: 5, ttl: 3600 },
  { name: DEMO_TWIN_DOMAIN, type: 'MX', value: 'mx3.mail.ovh.net', priority: 100, ttl: 3600 },
  { name: DEMO_TWIN_DOMAIN, type: 'TXT', value: 'v=spf1 include:mx.ovh.com ~all', ttl: 3600 },
  // The providers' own SPF records, so the include chains end as they do on the real Internet.
  { name: '_spf.google.com', type: 'TXT', value: 'v=spf1 include:_netblocks.google.com ~all', ttl: 300 },
  { name: '_netblocks.google.com', type: 'TXT', value: 'v=spf1 ip4:35.190.247.0/24 ip4:64.233.160.0/19 ~all', ttl: 300 },
  { name: 'mx.ovh.com', type: 'TXT', value: 'v=spf1 ip4:188.165.0.0/16 ip4:178.32.0.0/15 ~all', ttl: 300 },
];

function hostRecords(host: DemoHost): DnsRecordSpec[] {
  if (host.cname) return [{ name: host.name, type: 'CNAME', value: host.cname, ttl: 300 }];
  return [
    ...(host.ipv4 ?? []).map((value): DnsRecordSpec => ({ name: host.name, type: 'A', value, ttl: 300 })),
    ...(host.ipv6 ?? []).map((value): DnsRecordSpec => ({ name: host.name, type: 'AAAA', value, ttl: 300 })),
  ];
}

/** The hosts the seed page makes the browser contact (first party included). */
export const DEMO_SEED_HOSTS: readonly string[] = DEMO_HOSTS.filter((h) => h.usedBy === 'seed').map((h) => h.name);
/** The hosts the twin page makes the browser contact (first party included). */
export const DEMO_TWIN_HOSTS: readonly string[] = DEMO_HOSTS.filter((h) => h.usedBy === 'twin').map((h) => h.name);

// ───────────────────────────── routes ─────────────────────────────

const CACHE = { 'cache-control': 'public, max-age=600' };
const js = (body: string): FixtureRoute => ({ body, contentType: 'application/javascript; charset=utf-8', headers: CACHE });
const css = (body: string): FixtureRoute => ({ body, contentType: 'text/css; charset=utf-8', headers: CACHE });
const svg = (body: string): FixtureRoute => ({ body, contentType: 'image/svg+xml', headers: CACHE });
const html = (body: string, headers: Record<string, string> = {}): FixtureRoute => ({ body, contentType: 'text/html; charset=utf-8', headers });
const pixel = (): FixtureRoute => ({ body: PIXEL_GIF, contentType: 'image/gif', headers: { 'cache-control': 'no-cache, no-store, must-revalidate' } });
// Chromium asks for /favicon.ico on its own: answer it, so the logs show no error that the page did not make.
const favicon = (): FixtureRoute => ({ body: PIXEL_GIF, contentType: 'image/gif', headers: CACHE });
const redirect = (location: string): FixtureRoute => ({ status: 302, headers: { location }, body: '' });

/** GET shows the page, POST (the form) shows that nothing was stored. */
function signupRoute(page: string): FixtureRoute {
  return {
    handler: (req: IncomingMessage, res: ServerResponse) => {
      req.resume();
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' });
      res.end(req.method === 'POST' ? submittedPage() : page);
    },
  };
}

const SLIDES: [string, string, string][] = [
  ['Centre de données', '#0c2540', '#1e6091'],
  ['OpenStack', '#1b4332', '#2d6a4f'],
  ['Données', '#3c096c', '#5a189a'],
];
const slide = (i: number): string => {
  const [title, from, to] = SLIDES[i] as [string, string, string];
  return slideSvg(title, from, to);
};

function seedSites(): FixtureSite[] {
  const google = 'Google Trust Services';
  const page = signupPage(seedAssets());
  return [
    {
      host: `www.${DEMO_SEED_DOMAIN}`,
      tlsIssuer: 'DigiCert Inc',
      routes: { '/': redirect('/authentification'), '/authentification': signupRoute(page), '/favicon.ico': favicon() },
    },
    {
      host: 'www.google.com',
      tlsIssuer: google,
      routes: {
        '/recaptcha/api.js': {
          ...js(fakeCaptchaLoader('https://www.gstatic.com/recaptcha/releases/souverain-demo/recaptcha__fr.js')),
          // The captcha vendor's domain sets its own cookie: a third-party cookie on the signup page.
          headers: { ...CACHE, 'set-cookie': 'NID=204=souverain-demo; Domain=.google.com; Path=/; Max-Age=15724800; Secure; HttpOnly; SameSite=None' },
        },
        '/recaptcha/api2/anchor': html(captchaAnchorPage('https://www.gstatic.com/recaptcha/releases/souverain-demo/styles__ltr.css')),
        '/recaptcha/api/image': svg(challengeSvg()),
      },
    },
    {
      host: 'www.gstatic.com',
      tlsIssuer: google,
      routes: {
        '/recaptcha/releases/souverain-demo/recaptcha__fr.js': js(fakeCaptchaWidget(
          'https://www.gstatic.com/recaptcha/releases/souverain-demo/styles__ltr.css',
          'https://www.google.com/recaptcha/api2/anchor',
          'https://www.google.com/recaptcha/api/image',
        )),
        '/recaptcha/releases/souverain-demo/styles__ltr.css': css(captchaCss()),
      },
    },
    {
      host: 'www.google-analytics.com',
      tlsIssuer: google,
      routes: { '/analytics.js': js(fakeAnalytics('https://www.google-analytics.com/collect')), '/collect': pixel() },
    },
    { host: 'ajax.googleapis.com', tlsIssuer: google, routes: { '/ajax/libs/jquery/1.11.1/jquery.min.js': js(fakeJquery('1.11.1')) } },
    {
      host: 'fonts.googleapis.com',
      tlsIssuer: google,
      routes: { '/css': css(fontCss('https://fonts.gstatic.com/s/opensans/v10/souverain-demo-open-sans.woff2')) },
    },
    {
      host: 'fonts.gstatic.com',
      tlsIssuer: google,
      routes: { '/s/opensans/v10/souverain-demo-open-sans.woff2': { body: FAKE_FONT, contentType: 'font/woff2', headers: { ...CACHE, 'access-control-allow-origin': '*' } } },
    },
    {
      host: 'googleads.g.doubleclick.net',
      tlsIssuer: google,
      routes: {
        '/pagead/ads': html(adFramePage('https://tpc.googlesyndication.com/simgad/10731646214862466069'), {
          'set-cookie': 'IDE=AHWqTUsouverainDemo; Domain=.doubleclick.net; Path=/; Max-Age=33696000; Secure; HttpOnly; SameSite=None',
        }),
      },
    },
    { host: 'tpc.googlesyndication.com', tlsIssuer: google, routes: { '/simgad/10731646214862466069': svg(adSvg()) } },
    { host: 'code.jquery.com', tlsIssuer: 'Sectigo Limited', routes: { '/jquery-migrate-1.2.1.min.js': js(fakeJqueryMigrate()) } },
    {
      host: 'cdnjs.cloudflare.com',
      tlsIssuer: google,
      routes: { '/ajax/libs/revolution-slider/4.6.0/jquery.themepunch.revolution.min.js': js(fakeRevolutionSlider()) },
    },
    { host: 's3.amazonaws.com', tlsIssuer: 'Amazon', routes: { [`/${SEED_BUCKET_ASSETS}/img/logo.svg`]: svg(logoSvg()) } },
    {
      host: `${SEED_BUCKET_ASSETS}.s3.amazonaws.com`,
      tlsIssuer: 'Amazon',
      routes: {
        '/css/site.css': css(siteCss(`https://${SEED_BUCKET_ASSETS}.s3.amazonaws.com/img/fond-nuages.svg`)),
        '/img/fond-nuages.svg': svg(cloudsBackgroundSvg()),
      },
    },
    { host: `${SEED_BUCKET_MEDIA}.s3.eu-west-1.amazonaws.com`, tlsIssuer: 'Amazon', routes: { '/slides/centre-de-donnees.svg': svg(slide(0)) } },
    { host: 's3.eu-west-1.amazonaws.com', tlsIssuer: 'Amazon', routes: { [`/${SEED_BUCKET_MEDIA}/slides/openstack.svg`]: svg(slide(1)) } },
    { host: 's3-eu-west-1.amazonaws.com', tlsIssuer: 'Amazon', routes: { [`/${SEED_BUCKET_MEDIA}/slides/donnees.svg`]: svg(slide(2)) } },
    {
      host: `${SEED_BUCKET_WEBSITE}.s3-website-eu-west-1.amazonaws.com`,
      tlsIssuer: 'Amazon',
      routes: { '/badges/label-cloud-souverain.svg': svg(badgeSvg()) },
    },
  ];
}

function seedAssets(): SignupPageAssets {
  return {
    variant: 'seed',
    headHints: '<link rel="dns-prefetch" href="//www.google-analytics.com">\n  <link rel="preconnect" href="https://fonts.gstatic.com" crossorigin>',
    fontCss: 'https://fonts.googleapis.com/css?family=Open+Sans:400,600',
    siteCss: `https://${SEED_BUCKET_ASSETS}.s3.amazonaws.com/css/site.css`,
    logo: `https://s3.amazonaws.com/${SEED_BUCKET_ASSETS}/img/logo.svg`,
    jquery: 'https://ajax.googleapis.com/ajax/libs/jquery/1.11.1/jquery.min.js',
    jqueryMigrate: 'https://code.jquery.com/jquery-migrate-1.2.1.min.js',
    slider: 'https://cdnjs.cloudflare.com/ajax/libs/revolution-slider/4.6.0/jquery.themepunch.revolution.min.js',
    slides: [
      `https://${SEED_BUCKET_MEDIA}.s3.eu-west-1.amazonaws.com/slides/centre-de-donnees.svg`,
      `https://s3.eu-west-1.amazonaws.com/${SEED_BUCKET_MEDIA}/slides/openstack.svg`,
      `https://s3-eu-west-1.amazonaws.com/${SEED_BUCKET_MEDIA}/slides/donnees.svg`,
    ],
    captcha: `<div class="g-recaptcha" data-sitekey="6LcSouverainDemoNotARealSiteKey0000000000"></div>
        <script src="https://www.google.com/recaptcha/api.js?hl=fr" async defer></script>`,
    analytics: analyticsSnippet('https://www.google-analytics.com/analytics.js', 'UA-00000000-1'),
    aside: `<p class="ad-label">Annonce</p>
      <iframe src="https://googleads.g.doubleclick.net/pagead/ads?client=ca-pub-0000000000000000&amp;output=html&amp;slotname=0000000000&amp;w=300&amp;h=250"
        width="300" height="250" frameborder="0" scrolling="no" title="Publicité"></iframe>`,
    // S3 website endpoints speak HTTP only; Chromium upgrades this mixed-content image to HTTPS.
    badge: `http://${SEED_BUCKET_WEBSITE}.s3-website-eu-west-1.amazonaws.com/badges/label-cloud-souverain.svg`,
  };
}

function twinSites(): FixtureSite[] {
  const page = signupPage(twinAssets());
  const swift = `/v1/${TWIN_SWIFT_ACCOUNT}/nuage-souverain-assets`;
  return [
    {
      host: `www.${DEMO_TWIN_DOMAIN}`,
      tlsIssuer: 'Certigna',
      routes: {
        '/': redirect('/authentification'),
        '/authentification': signupRoute(page),
        '/favicon.ico': favicon(),
        '/css/site.css': css(siteCss(`https://storage.gra.cloud.ovh.net${swift}/img/fond-nuages.svg`)),
        '/css/fonts.css': css(fontCss('/fonts/open-sans.woff2')),
        '/fonts/open-sans.woff2': { body: FAKE_FONT, contentType: 'font/woff2', headers: CACHE },
        '/js/jquery-1.11.1.min.js': js(fakeJquery('1.11.1')),
        '/js/jquery-migrate-1.2.1.min.js': js(fakeJqueryMigrate()),
        '/js/jquery.themepunch.revolution.min.js': js(fakeRevolutionSlider()),
        '/captcha/pow.js': js(proofOfWorkCaptcha('/captcha/challenge')),
        '/captcha/challenge': {
          handler: (_req, res) => {
            res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
            res.end(JSON.stringify({ challenge: randomBytes(12).toString('hex'), difficulty: 10 }));
          },
        },
      },
    },
    {
      host: `analytics.${DEMO_TWIN_DOMAIN}`,
      tlsIssuer: 'Certigna',
      routes: { '/matomo.js': js(fakeMatomo()), '/matomo.php': pixel() },
    },
    {
      host: `${TWIN_BUCKET}.s3.gra.io.cloud.ovh.net`,
      tlsIssuer: 'Certigna',
      routes: {
        '/slides/centre-de-donnees.svg': svg(slide(0)),
        '/slides/openstack.svg': svg(slide(1)),
        '/slides/donnees.svg': svg(slide(2)),
      },
    },
    {
      host: 'storage.gra.cloud.ovh.net',
      tlsIssuer: 'Certigna',
      routes: {
        [`${swift}/img/logo.svg`]: svg(logoSvg()),
        [`${swift}/img/fond-nuages.svg`]: svg(cloudsBackgroundSvg()),
        [`${swift}/badges/label-cloud-souverain.svg`]: svg(badgeSvg()),
      },
    },
  ];
}

function twinAssets(): SignupPageAssets {
  const swift = `https://storage.gra.cloud.ovh.net/v1/${TWIN_SWIFT_ACCOUNT}/nuage-souverain-assets`;
  const bucket = `https://${TWIN_BUCKET}.s3.gra.io.cloud.ovh.net`;
  return {
    variant: 'twin',
    headHints: '',
    fontCss: '/css/fonts.css',
    siteCss: '/css/site.css',
    logo: `${swift}/img/logo.svg`,
    jquery: '/js/jquery-1.11.1.min.js',
    jqueryMigrate: '/js/jquery-migrate-1.2.1.min.js',
    slider: '/js/jquery.themepunch.revolution.min.js',
    slides: [`${bucket}/slides/centre-de-donnees.svg`, `${bucket}/slides/openstack.svg`, `${bucket}/slides/donnees.svg`],
    captcha: `<div class="pow-captcha"></div>
        <script src="/captcha/pow.js" defer></script>`,
    analytics: matomoSnippet(`https://analytics.${DEMO_TWIN_DOMAIN}/`, '1'),
    aside: `<div class="note"><strong>Hébergé en France</strong><p>Serveurs, scripts, mesure d’audience (Matomo) et
      stockage objet chez OVHcloud, à Gravelines. Aucun service tiers, aucune publicité.</p></div>`,
    badge: `${swift}/badges/label-cloud-souverain.svg`,
  };
}

/**
 * The demo world: the seed replica, its twin, and a DNS zone with NS, MX, SPF and addresses in the
 * real operators' networks.
 *
 * @example
 * const world = await startFixtureWorld(demoWorldOptions());
 * // audit DEMO_SEED_URL and DEMO_TWIN_URL with --connect-to world.connectTo and --dns world.dnsServer
 */
export function demoWorldOptions(): FixtureWorldOptions {
  return {
    sites: [...seedSites(), ...twinSites()],
    dns: [...DEMO_HOSTS.flatMap(hostRecords), ...FIRST_PARTY_INFRASTRUCTURE],
  };
}
