import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DnsRecordSpec, FixtureRoute, FixtureSite, FixtureWorldOptions } from '../../src/fixture-world/index.js';

/**
 * A 200-page fixture site on loopback, "L'Atelier Exemple" (fictitious), for whole-site audits:
 *
 *  /                      home: a CookieYes-style banner (markup autoconsent recognises); Google Analytics
 *                         loads before any choice and beacons again after "reject all"; DoubleClick only after "accept all"
 *  /produits/, /produits/1…130     a product template: Google Fonts
 *  /blog/, /blog/conseil-<mot>-1…65  an article template: cdnjs (Cloudflare)
 *  /a-propos              first party only
 *  /inscription           signup form posting to HubSpot (forms.hsforms.com, another organisation)
 *  /lettre                newsletter form (not linked): a script re-packs what is typed — JSON under other
 *                         names, base64, URL-encoded — and posts it with the page address to Google
 *                         Analytics; the page's referrer policy (unsafe-url) sends its full address
 *  /agenda/YYYY/MM        an infinite calendar (link trap); /prive/… disallowed by robots.txt
 *  /hors-site             redirects to another site; /contact is a broken link (404)
 *  /panne/…               faults: /panne/erreur answers 500, /panne/lent never answers
 *  /sitemap.xml           an index: two sitemaps, itself (a loop) and a malformed one
 *
 * DNS answers carry addresses in the real operators' networks (as in the demo world), so attribution
 * works as in production.
 */

export const SITE_HOST = 'www.atelier-exemple.fr';
export const SITE = `https://${SITE_HOST}`;
export const PRODUCTS = 130;
export const ARTICLES = 65;
const WORDS = ['jardin', 'cuisine', 'atelier', 'bois', 'metal', 'textile', 'papier', 'verre', 'cuir', 'argile', 'peinture', 'lumiere', 'outil'];

export const productUrl = (n: number) => `${SITE}/produits/${n}`;
export const articleUrl = (n: number) => `${SITE}/blog/conseil-${WORDS[n % WORDS.length]}-${n}`;

/** The 200 pages of the site proper (what the sitemap lists). */
export function sitePages(): string[] {
  return [
    `${SITE}/`, `${SITE}/produits/`, `${SITE}/blog/`, `${SITE}/a-propos`, `${SITE}/inscription`,
    ...Array.from({ length: PRODUCTS }, (_, i) => productUrl(i + 1)),
    ...Array.from({ length: ARTICLES }, (_, i) => articleUrl(i + 1)),
  ];
}

const HTML = 'text/html; charset=utf-8';
const page = (title: string, body: string, head = ''): FixtureRoute => ({
  contentType: HTML,
  body: `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>${title}</title>${head}</head><body><h1>${title}</h1>${body}</body></html>`,
});
const nav = `<nav><a href="/">Accueil</a> <a href="/produits/">Produits</a> <a href="/blog/">Blog</a> <a href="/a-propos?sessionid=8f3a2c">À propos</a></nav>`;

/** The banner: markup of CookieYes (class names and data-cky-tag attributes), behaviour hand-written. */
const BANNER = `
<div class="cky-consent-container" id="cky-consent" style="position:fixed;bottom:0;left:0;right:0;background:#fff;border-top:2px solid #333;padding:16px">
  <div class="cky-consent-bar">
    <p class="cky-notice-des">Nous utilisons des cookies pour mesurer l'audience et afficher des publicités.</p>
    <div class="cky-notice-btn-wrapper">
      <button class="cky-btn cky-btn-customize" data-cky-tag="settings-button">Personnaliser</button>
      <button class="cky-btn cky-btn-reject" data-cky-tag="reject-button">Tout refuser</button>
      <button class="cky-btn cky-btn-accept" data-cky-tag="accept-button">Tout accepter</button>
    </div>
  </div>
</div>
<script>
  (function () {
    var banner = document.getElementById('cky-consent');
    function close(choice) {
      document.cookie = 'cookieyes-consent=consent:' + choice + ',advertisement:' + choice + '; path=/';
      banner.style.display = 'none';
    }
    banner.querySelector('[data-cky-tag=accept-button]').addEventListener('click', function () {
      close('yes');
      var ad = document.createElement('iframe');
      ad.src = 'https://googleads.g.doubleclick.net/pagead/ads?client=ca-pub-0000';
      ad.width = 300; ad.height = 250;
      document.body.appendChild(ad);
    });
    banner.querySelector('[data-cky-tag=reject-button]').addEventListener('click', function () {
      close('no');
      // What many sites do: the analytics tag keeps reporting after "reject all".
      new Image().src = 'https://www.google-analytics.com/collect?v=1&consent=denied';
    });
  })();
</script>`;

function home(): FixtureRoute {
  const links = [
    '<a href="/produits/">Nos produits</a>', '<a href="/blog/">Le blog</a>', '<a href="/a-propos">À propos</a>',
    '<a href="/inscription">Créer un compte</a>', '<a href="/agenda/2026/01">Agenda</a>', '<a href="/prive/donnees">Espace privé</a>',
    '<a href="/hors-site">Notre partenaire</a>', '<a href="/contact">Contact</a>', '<a href="/?sessionid=abc123">Accueil</a>',
    '<a href="/produits/1?utm_source=accueil#haut">Produit vedette</a>', '<a href="/catalogue.pdf">Catalogue (PDF)</a>',
    '<a href="mailto:contact@atelier-exemple.fr">Écrire</a>',
  ].join(' ');
  return page("L'Atelier Exemple", `${nav}<p>${links}</p>${BANNER}`, '<script src="https://www.google-analytics.com/analytics.js"></script>');
}

function product(n: number): FixtureRoute {
  const next = n < PRODUCTS ? `<a href="/produits/${n + 1}">Produit suivant</a>` : '';
  return page(`Produit ${n}`, `${nav}<p>Un bel objet.</p>${next}`, '<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Lato">');
}

function article(n: number): FixtureRoute {
  const next = n < ARTICLES ? `<a href="${new URL(articleUrl(n + 1)).pathname}">Article suivant</a>` : '';
  return page(`Conseil ${n}`, `${nav}<p>Un conseil.</p>${next}`, '<script src="https://cdnjs.cloudflare.com/ajax/libs/lodash.js/4.17.21/lodash.min.js"></script>');
}

const SIGNUP = page('Créer un compte', `${nav}
<form id="inscription" action="https://forms.hsforms.com/submissions/v3/public/submit/formsnext/multipart/1234567/5f3c" method="post">
  <label>Courriel <input id="courriel" name="email" type="email" required></label>
  <label>Nom <input id="nom" name="lastname"></label>
  <label>Pays <select id="pays" name="country"><option value="">—</option><option value="FR">France</option><option value="BE">Belgique</option></select></label>
  <label><input id="cgu" name="terms" type="checkbox" required> J'accepte les conditions</label>
  <button id="envoyer" type="submit">Créer mon compte</button>
</form>`);

/**
 * The newsletter page: a tag re-packs the typed values under other field names before sending them
 * (as marketing tags do), so only value tracing — not field names — can tell what left.
 */
const NEWSLETTER = page('Lettre d’information', `${nav}
<form id="lettre">
  <label>Prénom <input id="prenom" name="prenom"></label>
  <label>Nom <input id="nom" name="nom"></label>
  <label>Courriel <input id="email" name="email" type="email"></label>
  <label>Code postal <input id="cp" name="cp"></label>
  <label>Centres d’intérêt <input id="sujet" name="sujet"></label>
  <button id="abonner" type="submit">S’abonner</button>
</form>
<script>
  document.getElementById('lettre').addEventListener('submit', function (event) {
    event.preventDefault();
    var v = function (id) { return document.getElementById(id).value; };
    var payload = { ctx: { loc: location.href }, u: { contact: v('email'), given: v('prenom') }, z: btoa('zone=' + v('cp')) };
    fetch('https://www.google-analytics.com/g/collect?ln=' + encodeURIComponent(v('nom')), { method: 'POST', mode: 'no-cors', body: JSON.stringify(payload) })
      .then(function () { document.body.insertAdjacentHTML('beforeend', '<p class="merci">Merci !</p>'); });
  });
</script>`, '<meta name="referrer" content="unsafe-url">');

/** /agenda/YYYY/MM: every month links to the next one, forever. */
function agenda(): FixtureRoute {
  return {
    handler: (_req: IncomingMessage, res: ServerResponse, url: URL) => {
      const [, , year = '2026', month = '01'] = url.pathname.split('/');
      const index = Number(year) * 12 + Number(month) - 1 + 1;
      const next = `/agenda/${Math.floor(index / 12)}/${String((index % 12) + 1).padStart(2, '0')}`;
      res.writeHead(200, { 'content-type': HTML });
      res.end(`<!doctype html><title>Agenda ${month}/${year}</title>${nav}<a href="${next}">Mois suivant</a>`);
    },
  };
}

function sitemap(urls: string[]): FixtureRoute {
  return { contentType: 'application/xml', body: `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.map((u) => `  <url><loc>${u}</loc></url>`).join('\n')}\n</urlset>\n` };
}

function siteRoutes(): Record<string, FixtureRoute> {
  const routes: Record<string, FixtureRoute> = {
    '/': home(),
    '/produits/': page('Produits', `${nav}${Array.from({ length: PRODUCTS }, (_, i) => `<a href="/produits/${i + 1}">Produit ${i + 1}</a>`).join(' ')}`),
    '/blog/': page('Blog', `${nav}${Array.from({ length: ARTICLES }, (_, i) => `<a href="${new URL(articleUrl(i + 1)).pathname}">Conseil ${i + 1}</a>`).join(' ')}`),
    '/a-propos': page('À propos', `${nav}<p>Un atelier français.</p>`),
    '/inscription': SIGNUP,
    '/lettre': NEWSLETTER,
    '/hors-site': { status: 302, headers: { location: 'https://www.autre-site.com/' }, body: '' },
    '/prive/donnees': page('Privé', 'secret'),
    '/panne/': page('Pannes', '<a href="/panne/erreur">erreur</a> <a href="/panne/lent">lent</a> <a href="/panne/ok">ok</a>'),
    '/panne/ok': page('OK', 'tout va bien'),
    '/panne/erreur': { status: 500, contentType: HTML, body: '<!doctype html><title>Erreur</title>Erreur interne' },
    '/panne/lent': { handler: () => new Promise<void>(() => undefined) },
    '/favicon.ico': { body: '', contentType: 'image/x-icon' },
    '/robots.txt': { contentType: 'text/plain', body: `User-agent: *\nDisallow: /prive/\n\nSitemap: ${SITE}/sitemap.xml\n` },
    '/sitemap.xml': {
      contentType: 'application/xml',
      body: `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n  <sitemap><loc>${SITE}/sitemap-pages.xml</loc></sitemap>\n  <sitemap><loc>${SITE}/sitemap-produits.xml</loc></sitemap>\n  <sitemap><loc>${SITE}/sitemap.xml</loc></sitemap>\n  <sitemap><loc>${SITE}/sitemap-casse.xml</loc></sitemap>\n</sitemapindex>\n`,
    },
    '/sitemap-pages.xml': sitemap(sitePages().filter((u) => !u.includes('/produits/') || u.endsWith('/produits/'))),
    '/sitemap-produits.xml': sitemap(Array.from({ length: PRODUCTS }, (_, i) => productUrl(i + 1))),
    '/sitemap-casse.xml': { contentType: 'application/xml', body: '<?xml version="1.0"?><urlset><url><loc>https://www.atelier-exemple.fr/x</url></urlset>' },
  };
  for (let n = 1; n <= PRODUCTS; n++) routes[`/produits/${n}`] = product(n);
  for (let n = 1; n <= ARTICLES; n++) routes[new URL(articleUrl(n)).pathname] = article(n);
  for (let year = 2020; year <= 2040; year++) for (let month = 1; month <= 12; month++) routes[`/agenda/${year}/${String(month).padStart(2, '0')}`] = agenda();
  return routes;
}

const thankYou: FixtureRoute = {
  handler: (req: IncomingMessage, res: ServerResponse) => {
    req.resume();
    res.writeHead(200, { 'content-type': HTML });
    res.end('<!doctype html><title>Merci</title><p class="merci">Merci, votre compte est créé.</p>');
  },
};

const CACHE = { 'cache-control': 'public, max-age=600' };

function thirdParties(): FixtureSite[] {
  return [
    { host: 'www.google-analytics.com', routes: { '/analytics.js': { body: '/* tag */', contentType: 'application/javascript', headers: CACHE }, '/collect': { body: 'GIF89a', contentType: 'image/gif' }, '/g/collect': { status: 204, body: '' } } },
    { host: 'googleads.g.doubleclick.net', routes: { '/pagead/ads': { contentType: HTML, body: '<!doctype html><title>ad</title>publicité' } } },
    { host: 'fonts.googleapis.com', routes: { '/css': { body: 'body{font-family:Lato}', contentType: 'text/css', headers: CACHE } } },
    { host: 'cdnjs.cloudflare.com', routes: { '/ajax/libs/lodash.js/4.17.21/lodash.min.js': { body: '/* lodash */', contentType: 'application/javascript', headers: CACHE } } },
    { host: 'forms.hsforms.com', routes: { '/submissions/v3/public/submit/formsnext/multipart/1234567/5f3c': thankYou } },
    { host: 'www.autre-site.com', routes: { '/': page('Autre site', 'ailleurs') } },
  ];
}

const OVH = '51.91.236.193';

/** DNS of the site world: addresses in the networks of OVH, Google and Cloudflare. */
function siteDns(): DnsRecordSpec[] {
  return [
    { name: SITE_HOST, type: 'A', value: OVH },
    { name: 'atelier-exemple.fr', type: 'A', value: OVH },
    { name: 'atelier-exemple.fr', type: 'NS', value: 'dns10.ovh.net' },
    { name: 'dns10.ovh.net', type: 'A', value: '213.251.188.130' },
    { name: 'www.google-analytics.com', type: 'A', value: '142.250.201.174' },
    { name: 'googleads.g.doubleclick.net', type: 'A', value: '142.250.74.226' },
    { name: 'fonts.googleapis.com', type: 'A', value: '172.217.18.202' },
    { name: 'cdnjs.cloudflare.com', type: 'A', value: '104.17.24.14' },
    { name: 'forms.hsforms.com', type: 'A', value: '104.17.25.14' },
    { name: 'www.autre-site.com', type: 'A', value: OVH },
  ];
}

/** The site world: the site, its third parties, an off-site partner, and DNS. */
export function siteWorldOptions(): FixtureWorldOptions {
  return { sites: [{ host: SITE_HOST, routes: siteRoutes() }, ...thirdParties()], dns: siteDns() };
}
