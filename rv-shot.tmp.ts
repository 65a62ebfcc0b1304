import { writeFileSync, readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { render } from './src/report/index.js';
import { sampleReports } from './test/fixtures/reports/index.js';
const [name = 'seed-not-sovereign', lang = 'en', file] = process.argv.slice(2);
const report = file ? JSON.parse(readFileSync(file, 'utf8')) : sampleReports[name]!;
const out = render('html', report, { lang: lang as 'en', color: false });
writeFileSync(`/tmp/rv/${name}.${lang}.html`, out);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless','--no-sandbox','--disable-gpu','--host-resolver-rules=MAP * ~NOTFOUND'] });
for (const width of [1366, 390]) {
  const page = await browser.newPage({ viewport: { width, height: 768 } });
  await page.goto(`file:///tmp/rv/${name}.${lang}.html`);
  const m = await page.evaluate(() => ({ h: document.documentElement.scrollHeight, sw: document.documentElement.scrollWidth, iw: innerWidth }));
  console.log(width, JSON.stringify(m), 'screens', (m.h / 768).toFixed(2));
  const step = width > 500 ? 1100 : 1400;
  for (let y = 0, i = 0; y < m.h && i < 6; y += step, i++) await page.screenshot({ path: `/tmp/rv/${name}.${lang}.${width}.${i}.png`, fullPage: true, clip: { x: 0, y, width, height: Math.min(step, m.h - y) } });
  await page.close();
}
await browser.close();
