/**
 * Contents of the demo sites: the signup page (one template, two variants), its stylesheet, small
 * SVG images and hand-written stand-ins for the third-party scripts. Every script here is a
 * harmless imitation written for souverain: it reproduces what the real tag did on the wire in 2014
 * (which hosts it contacted, from which script, which cookies it set), never the vendor's code.
 */

/** The URLs one variant of the signup page loads. */
export interface SignupPageAssets {
  variant: 'seed' | 'twin';
  /** Extra tags for <head>: resource hints. */
  headHints: string;
  fontCss: string;
  siteCss: string;
  logo: string;
  jquery: string;
  jqueryMigrate: string;
  slider: string;
  slides: [string, string, string];
  /** The captcha placeholder and the script tag that fills it. */
  captcha: string;
  /** Inline analytics snippet (creates the tag's script element itself, as real snippets do). */
  analytics: string;
  /** Right-hand column: an ad frame (seed) or a hosting note (twin). */
  aside: string;
  badge: string;
}

const BANNERS = {
  seed: `<strong>Réplique hors ligne, fictive.</strong> « Nuage Souverain » n’existe pas : cette page imite la page
      d’inscription d’un « cloud souverain » français telle qu’elle fut décrite en 2014 (reCAPTCHA et Google Analytics,
      jQuery et Revolution Slider sur des CDN, publicité DoubleClick, fichiers sur Amazon S3). Tous les scripts sont
      des imitations inoffensives servies en local par <code>souverain demo</code>.`,
  twin: `<strong>Réplique hors ligne, fictive — la jumelle corrigée.</strong> Même page, mais tout est servi depuis la
      France par un hébergeur français : scripts auto-hébergés, captcha par preuve de travail, Matomo auto-hébergé,
      images sur le stockage objet OVHcloud. Servie en local par <code>souverain demo</code>.`,
} as const;

/** The signup page; the two variants differ only by the URLs they load. */
export function signupPage(assets: SignupPageAssets): string {
  const [slide1, slide2, slide3] = assets.slides;
  return `<!DOCTYPE html>
<html lang="fr">
<head>
  <meta charset="utf-8">
  <title>Créer un compte — Nuage Souverain (réplique fictive)</title>
  <meta name="viewport" content="width=device-width, initial-scale=1">
  ${assets.headHints}
  <link rel="stylesheet" href="${assets.fontCss}">
  <link rel="stylesheet" href="${assets.siteCss}">
  <script src="${assets.jquery}"></script>
  <script src="${assets.jqueryMigrate}"></script>
  <script src="${assets.slider}"></script>
</head>
<body class="variant-${assets.variant}">
  <div class="replica-banner">${BANNERS[assets.variant]}</div>
  <header class="site-header">
    <div class="container">
      <a href="/" class="logo"><img src="${assets.logo}" alt="Nuage Souverain" width="250" height="48"></a>
      <nav><a href="#">Offres</a><a href="#">Tarifs</a><a href="#">Documentation</a><a href="#">Connexion</a></nav>
    </div>
  </header>
  <div class="tp-banner-container">
    <ul class="tp-banner">
      <li data-src="${slide1}" data-title="Centre de données"><p class="tp-caption">Le cloud souverain, à la française</p></li>
      <li data-src="${slide2}" data-title="OpenStack"><p class="tp-caption">OpenStack, 100 % ouvert</p></li>
      <li data-src="${slide3}" data-title="Données"><p class="tp-caption">Vos données restent en France</p></li>
    </ul>
  </div>
  <main class="container columns">
    <section class="card signup">
      <h1>Créer votre compte</h1>
      <p class="lead">Quelques secondes suffisent pour lancer vos premières instances.</p>
      <form method="post" action="/authentification">
        <div class="row"><label>Prénom<input name="prenom" autocomplete="given-name"></label>
          <label>Nom<input name="nom" autocomplete="family-name"></label></div>
        <label>Société<input name="societe" autocomplete="organization"></label>
        <label>Adresse e-mail<input type="email" name="email" autocomplete="email"></label>
        <div class="row"><label>Mot de passe<input type="password" name="motdepasse" autocomplete="new-password"></label>
          <label>Confirmation<input type="password" name="confirmation" autocomplete="new-password"></label></div>
        ${assets.captcha}
        <label class="check"><input type="checkbox" name="cgu"> J’accepte les conditions générales d’utilisation</label>
        <button type="submit">Créer mon compte</button>
      </form>
    </section>
    <aside class="side">${assets.aside}</aside>
  </main>
  <footer class="site-footer">
    <div class="container">
      <img src="${assets.badge}" alt="Label cloud souverain" width="160" height="60">
      <p>© 2014 Nuage Souverain (nom fictif) — « Le cloud souverain à la française ». Réplique de démonstration.</p>
    </div>
  </footer>
  <script>
    jQuery(function () { jQuery('.tp-banner').revolution({ delay: 6000 }); });
  </script>
  ${assets.analytics}
</body>
</html>
`;
}

/** The page a form submission gets: nothing is stored anywhere. */
export function submittedPage(): string {
  return `<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Réplique — rien n’a été envoyé</title></head>
<body style="font-family: sans-serif; max-width: 40em; margin: 3em auto"><h1>Réplique de démonstration</h1>
<p>Ce formulaire n’enregistre rien : il fait partie de la démonstration hors ligne de souverain.</p>
<p><a href="/authentification">Retour</a></p></body></html>
`;
}

/** The site stylesheet; the header background comes from the variant's object storage. */
export function siteCss(headerBackground: string): string {
  return `/* Nuage Souverain (fictitious) — site stylesheet, souverain demo replica */
* { box-sizing: border-box; }
body { margin: 0; font-family: 'Open Sans', 'DejaVu Sans', Arial, sans-serif; color: #1d2b3a; background: #eef2f6; font-size: 14px; }
.container { width: 960px; margin: 0 auto; }
.replica-banner { background: #fff4c2; border-bottom: 1px solid #e0c860; padding: 8px 16px; font-size: 12px; line-height: 1.4; }
.replica-banner code { background: #fff; padding: 0 3px; }
.site-header { background: #12355b url(${headerBackground}) center / cover no-repeat; color: #fff; }
.site-header .container { display: flex; align-items: center; justify-content: space-between; height: 72px; }
.site-header nav a { color: #fff; text-decoration: none; margin-left: 24px; font-weight: 600; }
.tp-banner-container { width: 960px; height: 200px; margin: 16px auto 0; position: relative; overflow: hidden; border-radius: 4px; background: #0c2540; }
.tp-banner { list-style: none; margin: 0; padding: 0; }
.tp-slide { position: absolute; inset: 0; opacity: 0; transition: opacity .8s; }
.tp-slide.tp-active { opacity: 1; }
.tp-slide img { width: 960px; height: 200px; display: block; }
.tp-caption { position: absolute; left: 40px; bottom: 24px; margin: 0; color: #fff; font-size: 28px; font-weight: 600; text-shadow: 0 2px 6px rgba(0,0,0,.5); }
.columns { display: flex; gap: 24px; margin-top: 24px; align-items: flex-start; }
.card { background: #fff; border-radius: 4px; padding: 24px 28px; box-shadow: 0 1px 3px rgba(0,0,0,.12); }
.signup { flex: 1; }
.signup h1 { margin: 0 0 4px; font-size: 24px; color: #12355b; }
.lead { margin: 0 0 16px; color: #52657a; }
.signup label { display: block; margin-bottom: 12px; font-weight: 600; font-size: 13px; }
.signup input:not([type=checkbox]) { display: block; width: 100%; margin-top: 4px; padding: 8px; border: 1px solid #b8c4d0; border-radius: 3px; font: inherit; }
.signup .row { display: flex; gap: 16px; }
.signup .row label { flex: 1; }
.signup .check { font-weight: normal; }
.signup button { background: #e8590c; color: #fff; border: 0; border-radius: 3px; padding: 10px 22px; font: inherit; font-weight: 600; font-size: 15px; cursor: pointer; }
.side { width: 300px; }
.side .note { background: #fff; border-radius: 4px; padding: 16px; box-shadow: 0 1px 3px rgba(0,0,0,.12); margin-bottom: 16px; }
.side .ad-label { font-size: 11px; color: #7a8794; margin: 0 0 4px; }
.site-footer { margin-top: 32px; padding: 20px 0; background: #12355b; color: #c9d6e3; font-size: 12px; }
.site-footer .container { display: flex; align-items: center; gap: 20px; }
.pow-box { border: 1px solid #b8c4d0; border-radius: 3px; padding: 10px 12px; margin-bottom: 12px; background: #f7fafc; display: flex; align-items: center; gap: 10px; }
.pow-box .pow-mark { width: 22px; height: 22px; border-radius: 50%; border: 2px solid #7a8794; display: inline-block; }
.pow-box.pow-done .pow-mark { border-color: #2b8a3e; background: #2b8a3e; }
.pow-box small { margin-left: auto; color: #7a8794; }
`;
}

/** Open Sans-like @font-face rules pointing at `fontUrl`. */
export function fontCss(fontUrl: string): string {
  return `/* souverain demo: stand-in for a web-font stylesheet */
@font-face { font-family: 'Open Sans'; font-style: normal; font-weight: 400; src: url(${fontUrl}) format('woff2'); }
@font-face { font-family: 'Open Sans'; font-style: normal; font-weight: 600; src: url(${fontUrl}) format('woff2'); }
`;
}

/**
 * Not a usable font: only the WOFF2 signature and padding. The browser requests it (which is what
 * the audit observes), fails to decode it, and falls back to the next family.
 */
export const FAKE_FONT = Buffer.concat([Buffer.from('wOF2'), Buffer.alloc(60)]);

/** A 1×1 transparent GIF: the body of tracking pixels. */
export const PIXEL_GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

// ───────────────────────────── images ─────────────────────────────

export function logoSvg(): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="250" height="48" viewBox="0 0 250 48">
<path d="M14 36a9 9 0 0 1 1-18 12 12 0 0 1 23-2 8 8 0 0 1 6 14 6 6 0 0 1-4 6z" fill="#fff"/>
<path d="M20 30h18" stroke="#e8590c" stroke-width="3"/>
<text x="54" y="31" font-family="DejaVu Sans, Arial, sans-serif" font-size="19" font-weight="bold" fill="#fff">Nuage Souverain</text>
</svg>`;
}

export function cloudsBackgroundSvg(): string {
  const cloud = (x: number, y: number, s: number) =>
    `<ellipse cx="${x}" cy="${y}" rx="${60 * s}" ry="${18 * s}" fill="#fff" opacity=".08"/>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="72" viewBox="0 0 1200 72">
<defs><linearGradient id="g" x1="0" x2="1"><stop offset="0" stop-color="#0c2540"/><stop offset="1" stop-color="#1e4f82"/></linearGradient></defs>
<rect width="1200" height="72" fill="url(#g)"/>${cloud(200, 20, 1.4)}${cloud(520, 55, 1)}${cloud(860, 18, 1.6)}${cloud(1100, 50, 1.1)}
</svg>`;
}

export function slideSvg(title: string, from: string, to: string): string {
  const rack = (x: number) =>
    `<rect x="${x}" y="40" width="46" height="150" rx="3" fill="#000" opacity=".25"/>` +
    [0, 1, 2, 3, 4, 5].map((i) => `<rect x="${x + 6}" y="${50 + i * 22}" width="34" height="12" fill="#7fd1ff" opacity=".35"/>`).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="960" height="200" viewBox="0 0 960 200">
<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${from}"/><stop offset="1" stop-color="${to}"/></linearGradient></defs>
<rect width="960" height="200" fill="url(#g)"/>${[600, 660, 720, 780, 840].map(rack).join('')}
<text x="40" y="60" font-family="DejaVu Sans, Arial, sans-serif" font-size="14" fill="#fff" opacity=".7">${title}</text>
</svg>`;
}

export function badgeSvg(): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="160" height="60" viewBox="0 0 160 60">
<rect x="1" y="1" width="158" height="58" rx="8" fill="#fff" stroke="#e8590c" stroke-width="2"/>
<rect x="12" y="14" width="10" height="32" fill="#0055a4"/><rect x="22" y="14" width="10" height="32" fill="#fff" stroke="#ddd"/><rect x="32" y="14" width="10" height="32" fill="#ef4135"/>
<text x="52" y="27" font-family="DejaVu Sans, Arial, sans-serif" font-size="11" font-weight="bold" fill="#12355b">LABEL CLOUD</text>
<text x="52" y="43" font-family="DejaVu Sans, Arial, sans-serif" font-size="11" font-weight="bold" fill="#12355b">SOUVERAIN</text>
</svg>`;
}

/** A reCAPTCHA-v1-like image: two warped words. */
export function challengeSvg(): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="300" height="57" viewBox="0 0 300 57">
<rect width="300" height="57" fill="#fff"/>
<path d="M10 40 C 60 10, 120 50, 170 25 S 260 45, 290 20" stroke="#000" stroke-width="2" fill="none"/>
<text x="18" y="40" font-family="DejaVu Serif, serif" font-size="30" transform="skewX(-12) rotate(-3 80 30)">nuage</text>
<text x="150" y="42" font-family="DejaVu Serif, serif" font-size="25" transform="skewX(8) rotate(4 210 30)">souverain</text>
</svg>`;
}

export function adSvg(): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="300" height="250" viewBox="0 0 300 250">
<rect width="300" height="250" fill="#ffd43b"/>
<text x="150" y="80" text-anchor="middle" font-family="DejaVu Sans, Arial, sans-serif" font-size="26" font-weight="bold" fill="#212529">Serveurs -50 %</text>
<text x="150" y="120" text-anchor="middle" font-family="DejaVu Sans, Arial, sans-serif" font-size="15" fill="#212529">Offre limitée, sans engagement</text>
<rect x="85" y="160" width="130" height="40" rx="6" fill="#212529"/>
<text x="150" y="186" text-anchor="middle" font-family="DejaVu Sans, Arial, sans-serif" font-size="15" fill="#fff">J’en profite</text>
<text x="292" y="244" text-anchor="end" font-family="DejaVu Sans, Arial, sans-serif" font-size="9" fill="#495057">publicité fictive</text>
</svg>`;
}

// ───────────────────────────── scripts ─────────────────────────────

/** A few lines standing in for jQuery: `$(fn)`, `$(selector).each`, `$.fn`. */
export function fakeJquery(version: string): string {
  return `/*! souverain demo: stand-in for jQuery ${version} (not jQuery's code) */
(function (w, d) {
  function Query(nodes) { this.nodes = Array.prototype.slice.call(nodes); this.length = this.nodes.length; }
  Query.prototype.each = function (fn) { this.nodes.forEach(function (node, i) { fn.call(node, i, node); }); return this; };
  function $(selector) {
    if (typeof selector === 'function') {
      if (d.readyState === 'loading') d.addEventListener('DOMContentLoaded', selector); else selector();
      return undefined;
    }
    return new Query(typeof selector === 'string' ? d.querySelectorAll(selector) : [selector]);
  }
  $.fn = Query.prototype;
  $.fn.jquery = '${version}-souverain-demo';
  w.jQuery = w.$ = $;
})(window, document);
`;
}

export function fakeJqueryMigrate(): string {
  return `/*! souverain demo: stand-in for jQuery Migrate 1.2.1 (not jQuery's code) */
(function ($) { $.migrateVersion = '1.2.1-souverain-demo'; $.migrateWarnings = []; })(window.jQuery);
`;
}

/** Stand-in for jquery.themepunch.revolution.min.js: builds the slides' <img> from data-src. */
export function fakeRevolutionSlider(): string {
  return `/*! souverain demo: stand-in for the ThemePunch "Revolution" slider plugin (not ThemePunch's code) */
(function ($) {
  $.fn.revolution = function (options) {
    var delay = (options && options.delay) || 5000;
    return this.each(function () {
      var items = this.querySelectorAll('li[data-src]');
      var slides = [];
      for (var i = 0; i < items.length; i++) {
        var img = document.createElement('img');
        img.src = items[i].getAttribute('data-src');
        img.alt = items[i].getAttribute('data-title') || '';
        items[i].insertBefore(img, items[i].firstChild);
        slides.push(items[i]);
      }
      var current = 0;
      function show(n) { slides.forEach(function (s, j) { s.className = j === n ? 'tp-slide tp-active' : 'tp-slide'; }); }
      show(0);
      if (slides.length > 1) setInterval(function () { current = (current + 1) % slides.length; show(current); }, delay);
    });
  };
})(window.jQuery);
`;
}

/** www.google.com/recaptcha/api.js stand-in: loads the widget script from the vendor's static host. */
export function fakeCaptchaLoader(widgetScriptUrl: string): string {
  return `/* souverain demo: stand-in for a third-party captcha loader (not the vendor's code) */
(function (d) {
  var s = d.createElement('script');
  s.src = '${widgetScriptUrl}';
  s.async = true;
  d.head.appendChild(s);
})(document);
`;
}

/**
 * www.gstatic.com widget stand-in: draws the 2014 look (a frame from the vendor, a two-word image
 * challenge with id "recaptcha_challenge_image", as quoted in the seed) and loads the vendor's CSS.
 */
export function fakeCaptchaWidget(cssUrl: string, anchorUrl: string, imageUrl: string): string {
  return `/* souverain demo: stand-in for a third-party captcha widget (not the vendor's code) */
(function (d) {
  var css = d.createElement('link');
  css.rel = 'stylesheet';
  css.href = '${cssUrl}';
  d.head.appendChild(css);
  var boxes = d.querySelectorAll('.g-recaptcha');
  for (var i = 0; i < boxes.length; i++) {
    var key = encodeURIComponent(boxes[i].getAttribute('data-sitekey') || '');
    var token = Math.random().toString(36).slice(2);
    boxes[i].innerHTML =
      '<div class="rc-box">' +
      '<iframe class="rc-anchor" title="reCAPTCHA" width="300" height="60" frameborder="0" scrolling="no" src="${anchorUrl}?k=' + key + '&hl=fr"></iframe>' +
      '<img id="recaptcha_challenge_image" alt="Image reCAPTCHA" width="300" height="57" src="${imageUrl}?c=03AHJ_souverain_demo_' + token + '">' +
      '<input name="recaptcha_response_field" placeholder="Saisissez les deux mots" autocomplete="off">' +
      '</div>';
  }
})(document);
`;
}

export function captchaCss(): string {
  return `/* souverain demo: stand-in captcha styles */
.rc-box { width: 318px; border: 1px solid #d3d3d3; background: #f9f9f9; border-radius: 3px; padding: 8px; margin-bottom: 12px; }
.rc-box iframe { display: block; margin-bottom: 6px; }
.rc-box img { display: block; border: 1px solid #ccc; margin-bottom: 6px; }
.rc-box input { width: 300px !important; }
`;
}

/** The frame the captcha widget shows (served by the captcha vendor). */
export function captchaAnchorPage(cssUrl: string): string {
  return `<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><link rel="stylesheet" href="${cssUrl}">
<style>body{margin:0;font:13px Arial,sans-serif;background:#f9f9f9}.a{display:flex;align-items:center;gap:10px;height:60px;padding:0 10px}
.b{width:24px;height:24px;border:2px solid #c1c1c1;border-radius:2px;background:#fff}.l{margin-left:auto;font-size:10px;color:#555;text-align:center}</style></head>
<body><div class="a"><span class="b"></span>Je ne suis pas un robot<span class="l">reCAPTCHA<br>(imitation)</span></div></body></html>
`;
}

/**
 * www.google-analytics.com/analytics.js stand-in: what the 2014 tag did on the wire: a _ga cookie
 * written from script on the site's registrable domain, a pageview pixel and a timing beacon.
 */
export function fakeAnalytics(collectUrl: string): string {
  return `/* souverain demo: stand-in for a third-party analytics tag (not the vendor's code) */
(function (w, d) {
  var queue = (w.ga && w.ga.q) || [];
  var trackingId = '';
  var clientId = '';
  function readOrSetClientId() {
    var found = /(?:^|; )_ga=GA1\\.2\\.([0-9]+\\.[0-9]+)/.exec(d.cookie);
    if (found) return found[1];
    var id = Math.floor(Math.random() * 2147483647) + '.' + Math.floor(Date.now() / 1000);
    var domain = location.hostname.replace(/^www\\./, '');
    d.cookie = '_ga=GA1.2.' + id + '; path=/; domain=' + domain + '; max-age=63072000; SameSite=Lax';
    return id;
  }
  function hit(type, extra) {
    return '${collectUrl}?v=1&_v=j30&tid=' + encodeURIComponent(trackingId) + '&cid=' + clientId + '&t=' + type +
      '&dl=' + encodeURIComponent(location.href) + '&dt=' + encodeURIComponent(d.title) + (extra || '') +
      '&z=' + Math.floor(Math.random() * 1e9);
  }
  function run(args) {
    if (args[0] === 'create') { trackingId = args[1]; clientId = readOrSetClientId(); }
    if (args[0] === 'send' && args[1] === 'pageview') { var pixel = new Image(1, 1); pixel.src = hit('pageview'); }
  }
  for (var i = 0; i < queue.length; i++) run(queue[i]);
  w.ga = function () { run(arguments); };
  function timing() {
    if (navigator.sendBeacon) navigator.sendBeacon(hit('timing', '&utc=page&utv=load&utt=' + Math.round(performance.now())));
  }
  if (d.readyState === 'complete') setTimeout(timing, 0); else w.addEventListener('load', function () { setTimeout(timing, 0); });
})(window, document);
`;
}

/** Inline snippet that queues commands and inserts the analytics script, as such snippets do. */
export function analyticsSnippet(scriptUrl: string, trackingId: string): string {
  return `<script>
    (function (w, d, src) {
      w.ga = w.ga || function () { (w.ga.q = w.ga.q || []).push(arguments); };
      var s = d.createElement('script'); s.async = true; s.src = src; d.head.appendChild(s);
    })(window, document, '${scriptUrl}');
    ga('create', '${trackingId}', 'auto');
    ga('send', 'pageview');
  </script>`;
}

/** The DoubleClick-like ad frame: sets an ad cookie and shows an image from the ad CDN. */
export function adFramePage(imageUrl: string): string {
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><style>body{margin:0}</style></head>
<body><a href="#" target="_blank"><img src="${imageUrl}" width="300" height="250" alt="Publicité"></a></body></html>
`;
}

/** Self-hosted Matomo-like tracker: first-party cookies and a pixel to the site's own analytics host. */
export function fakeMatomo(): string {
  return `/* souverain demo: stand-in for a self-hosted Matomo tracker (not Matomo's code) */
(function (w, d) {
  var queue = w._paq || [];
  var trackerUrl = '';
  var siteId = '';
  var pendingPageView = false;
  var started = false;
  function visitorId() {
    var name = '_pk_id.' + siteId + '.souv';
    var found = new RegExp('(?:^|; )' + name.replace(/\\./g, '\\\\.') + '=([0-9a-f]{16})').exec(d.cookie);
    var id = found ? found[1] : Array.from(crypto.getRandomValues(new Uint8Array(8)), function (b) { return ('0' + b.toString(16)).slice(-2); }).join('');
    d.cookie = name + '=' + id + '; path=/; max-age=33696000; SameSite=Lax';
    d.cookie = '_pk_ses.' + siteId + '.souv=1; path=/; max-age=1800; SameSite=Lax';
    return id;
  }
  function trackPageView() {
    var pixel = new Image(1, 1);
    pixel.src = trackerUrl + '?idsite=' + encodeURIComponent(siteId) + '&rec=1&url=' + encodeURIComponent(location.href) +
      '&action_name=' + encodeURIComponent(d.title) + '&_id=' + visitorId() + '&rand=' + Math.random().toString(36).slice(2);
  }
  function run(command) {
    if (command[0] === 'setTrackerUrl') trackerUrl = command[1];
    if (command[0] === 'setSiteId') siteId = command[1];
    if (command[0] === 'trackPageView') { if (started) trackPageView(); else pendingPageView = true; }
  }
  queue.forEach(run);
  started = true;
  if (pendingPageView) trackPageView();
  w._paq = { push: run };
})(window, document);
`;
}

export function matomoSnippet(baseUrl: string, siteId: string): string {
  return `<script>
    var _paq = window._paq = window._paq || [];
    _paq.push(['trackPageView']);
    (function (base) {
      _paq.push(['setTrackerUrl', base + 'matomo.php']);
      _paq.push(['setSiteId', '${siteId}']);
      var s = document.createElement('script'); s.async = true; s.src = base + 'matomo.js'; document.head.appendChild(s);
    })('${baseUrl}');
  </script>`;
}

/**
 * Self-hosted proof-of-work captcha: fetches a challenge from the site itself and finds a nonce
 * whose SHA-256 starts with `difficulty` zero bits. No third party, no cookie.
 */
export function proofOfWorkCaptcha(challengeUrl: string): string {
  return `/* souverain demo: self-hosted proof-of-work captcha */
(function (d) {
  function zeroBits(bytes) {
    var bits = 0;
    for (var i = 0; i < bytes.length; i++) {
      if (bytes[i] === 0) { bits += 8; continue; }
      return bits + Math.clz32(bytes[i]) - 24;
    }
    return bits;
  }
  async function solve(box) {
    var state = box.querySelector('.pow-state');
    var response = await fetch('${challengeUrl}', { cache: 'no-store' });
    var task = await response.json();
    var encoder = new TextEncoder();
    for (var nonce = 0; ; nonce++) {
      var digest = new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(task.challenge + ':' + nonce)));
      if (zeroBits(digest) >= task.difficulty) break;
    }
    box.querySelector('input').value = task.challenge + ':' + nonce;
    box.classList.add('pow-done');
    state.textContent = 'Vérifié : vous n’êtes pas un robot (' + (nonce + 1) + ' calculs)';
  }
  var boxes = d.querySelectorAll('.pow-captcha');
  for (var i = 0; i < boxes.length; i++) {
    boxes[i].innerHTML = '<div class="pow-box"><span class="pow-mark"></span><span class="pow-state">Vérification anti-robot en cours…</span>' +
      '<small>captcha auto-hébergé</small><input type="hidden" name="pow"></div>';
    solve(boxes[i].firstChild).catch(function () {});
  }
})(document);
`;
}
