import { createHash } from 'node:crypto';
import type { Lang } from '../../shared/errors.js';
import { html, SafeHtml, type HtmlValue } from '../../report/html-kit.js';
import type { Ranking, RankingRow } from '../ranking.js';
import { jurisdictionEntries, percent } from './text.js';

const LABELS = {
  title: { en: 'Sovereignty ranking', fr: 'Classement de souveraineté' },
  targets: { en: 'targets', fr: 'cibles' },
  rank: { en: 'Rank', fr: 'Rang' },
  target: { en: 'Target', fr: 'Cible' },
  group: { en: 'Group', fr: 'Groupe' },
  status: { en: 'Verdict', fr: 'Verdict' },
  foreign: { en: 'Foreign organisations', fr: 'Organisations étrangères' },
  jurisdictions: { en: 'Jurisdictions (hosts / requests)', fr: 'Juridictions (hôtes / requêtes)' },
  foreignShare: { en: 'Foreign requests', fr: 'Requêtes étrangères' },
  operators: { en: 'Infrastructure operators', fr: 'Opérateurs d’infrastructure' },
  laws: { en: 'Laws', fr: 'Lois' },
  reason: { en: 'Failure', fr: 'Échec' },
  report: { en: 'Report', fr: 'Rapport' },
  orgsTitle: { en: 'Organisations outside the policy reaching the most targets', fr: 'Organisations hors politique atteignant le plus de cibles' },
  lawsTitle: { en: 'Laws reaching the most targets', fr: 'Lois atteignant le plus de cibles' },
  groupsTitle: { en: 'Sovereign share per group (of the audited targets)', fr: 'Part souveraine par groupe (des cibles auditées)' },
  organisation: { en: 'Organisation', fr: 'Organisation' },
  jurisdiction: { en: 'Jurisdiction', fr: 'Juridiction' },
  reached: { en: 'Targets reached', fr: 'Cibles atteintes' },
  law: { en: 'Law', fr: 'Loi' },
  audited: { en: 'Audited', fr: 'Auditées' },
  sovereign: { en: 'Sovereign', fr: 'Souveraines' },
  filter: { en: 'Filter', fr: 'Filtrer' },
  all: { en: 'all', fr: 'tous' },
  none: { en: '(none)', fr: '(aucun)' },
  generated: { en: 'Generated', fr: 'Généré le' },
  'not-sovereign': { en: 'not sovereign', fr: 'non souverain' },
  'sovereign-v': { en: 'sovereign', fr: 'souverain' },
  inconclusive: { en: 'inconclusive', fr: 'non concluant' },
  failed: { en: 'failed', fr: 'échec' },
  pending: { en: 'pending', fr: 'en attente' },
} as const;

const STYLE = `body{font:14px/1.4 system-ui,sans-serif;margin:1.5rem;color:#1b1b1b}table{border-collapse:collapse;margin:.5rem 0 1.5rem;width:100%}
th,td{border:1px solid #ccc;padding:.25rem .4rem;text-align:left;vertical-align:top}th{background:#f2f2f2}th button{all:unset;cursor:pointer}
th button::after{content:" \\2195";color:#888}.s-not-sovereign{color:#a30000;font-weight:600}.s-sovereign{color:#006b2e;font-weight:600}
.s-inconclusive{color:#8a5a00;font-weight:600}.s-failed,.s-pending{color:#555}.totals span{margin-right:1rem}#filters{margin:.5rem 0}
#filters label{margin-right:1rem}td.num{text-align:right}small{color:#555}`;

const SCRIPT = `(function(){var t=document.getElementById('ranking');var f=document.getElementById('filters');if(!t||!f)return;f.hidden=false;
var q=document.getElementById('q'),st=document.getElementById('st'),gr=document.getElementById('gr');var rows=[].slice.call(t.tBodies[0].rows);
function apply(){var text=q.value.toLowerCase();rows.forEach(function(r){var ok=(!text||r.textContent.toLowerCase().indexOf(text)>=0)&&(!st.value||r.dataset.status===st.value)&&(!gr.value||r.dataset.group===gr.value);r.hidden=!ok;});}
[q,st,gr].forEach(function(e){e.addEventListener('input',apply);});
[].forEach.call(t.tHead.rows[0].cells,function(th,i){var b=th.querySelector('button');if(!b)return;var asc=true;b.addEventListener('click',function(){
rows.sort(function(a,c){var x=a.cells[i].dataset.v||a.cells[i].textContent,y=c.cells[i].dataset.v||c.cells[i].textContent;var nx=parseFloat(x),ny=parseFloat(y);
var r=(!isNaN(nx)&&!isNaN(ny))?nx-ny:x.localeCompare(y);return asc?r:-r;});asc=!asc;rows.forEach(function(r){t.tBodies[0].appendChild(r);});});});})();`;

function sha256(text: string): string {
  return `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
}

/**
 * ranking.html: one self-contained page. The tables are rendered here, so the page reads without
 * JavaScript; the inline script (allowed by its hash in the CSP, like the style) only adds sorting and
 * filtering. No request leaves the page: default-src 'none'.
 */
export function rankingHtml(ranking: Ranking, lang: Lang): string {
  const l = (key: keyof typeof LABELS): string => LABELS[key][lang];
  const csp = `default-src 'none'; style-src ${sha256(STYLE)}; script-src ${sha256(SCRIPT)}; img-src data:; base-uri 'none'; form-action 'none'`;
  const groups = [...new Set(ranking.rows.map((row) => row.group))].sort();
  const statusLabel = (status: string): string => l(status === 'sovereign' ? 'sovereign-v' : (status as keyof typeof LABELS)) ?? status;
  const page = html`<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${l('title')} — ${ranking.rows.length} ${l('targets')}</title>
<style>${new SafeHtml(STYLE)}</style></head><body>
<h1>${l('title')}</h1>
<p class="totals">${['not-sovereign', 'inconclusive', 'sovereign', 'failed', 'pending'].map((s) => html`<span class="s-${s}">${statusLabel(s)}: ${ranking.totals[s] ?? 0}</span>`)}
<span>${l('targets')}: ${ranking.rows.length}</span> <small>${l('generated')} ${ranking.generatedAt}</small></p>
<h2>${l('orgsTitle')}</h2>
${aggregateTable([l('organisation'), l('jurisdiction'), l('reached')], ranking.organisations.map((o) => [o.name, o.jurisdiction, `${o.targets} (${percent(o.share)})`]), l('none'))}
<h2>${l('lawsTitle')}</h2>
${aggregateTable([l('law'), l('reached')], ranking.laws.map((x) => [x.law, `${x.targets} (${percent(x.share)})`]), l('none'))}
<h2>${l('groupsTitle')}</h2>
${aggregateTable([l('group'), l('targets'), l('audited'), l('sovereign')], ranking.groups.map((g) => [g.group || l('none'), String(g.targets), String(g.audited), `${g.sovereign} (${percent(g.sovereignShare)})`]), l('none'))}
<div id="filters" hidden><label>${l('filter')} <input id="q" type="search"></label>
<label>${l('status')} <select id="st"><option value="">${l('all')}</option>${['not-sovereign', 'inconclusive', 'sovereign', 'failed', 'pending'].map((s) => html`<option value="${s}">${statusLabel(s)}</option>`)}</select></label>
<label>${l('group')} <select id="gr"><option value="">${l('all')}</option>${groups.map((g) => html`<option value="${g}">${g || l('none')}</option>`)}</select></label></div>
<table id="ranking"><thead><tr>${[l('rank'), l('target'), l('group'), l('status'), l('foreignShare'), l('foreign'), l('jurisdictions'), l('operators'), l('laws'), l('reason'), l('report')].map((h) => html`<th><button type="button">${h}</button></th>`)}</tr></thead>
<tbody>${ranking.rows.map((row) => rankingRow(row, statusLabel))}</tbody></table>
<script>${new SafeHtml(SCRIPT)}</script>
</body></html>
`;
  return page.value;
}

function rankingRow(row: RankingRow, statusLabel: (s: string) => string): SafeHtml {
  const s = row.summary;
  const jurisdictions = s ? jurisdictionEntries(s).map(([code, j]) => html`${code} ${percent(j.hostShare)} / ${percent(j.requestShare)}<br>`) : '';
  const href = row.reportPath && /^reports\/[\w.-]+\.json$/.test(row.reportPath) ? row.reportPath : '';
  return html`<tr data-status="${row.status}" data-group="${row.group}"><td class="num" data-v="${row.rank}">${row.rank}</td>
<td>${row.name ? html`${row.name}<br>` : ''}<small>${row.url}</small></td><td>${row.group}</td>
<td class="s-${row.status}">${statusLabel(row.status)}</td><td class="num" data-v="${s?.foreignRequestShare ?? -1}">${s ? percent(s.foreignRequestShare) : ''}</td>
<td>${(s?.foreignOrganisations ?? []).map((o) => html`${o.name} (${o.jurisdiction})<br>`)}</td><td>${jurisdictions}</td>
<td>${(s?.operators ?? []).map((o) => html`${o.name} (${o.jurisdiction})<br>`)}</td><td>${(s?.laws ?? []).join(', ')}</td>
<td>${row.failureReason}</td><td>${href ? html`<a href="${href}">JSON</a>` : ''}</td></tr>
`;
}

function aggregateTable(headers: string[], rows: string[][], empty: string): SafeHtml {
  const body: HtmlValue = rows.length ? rows.map((cells) => html`<tr>${cells.map((c) => html`<td>${c}</td>`)}</tr>`) : html`<tr><td colspan="${headers.length}">${empty}</td></tr>`;
  return html`<table><thead><tr>${headers.map((h) => html`<th>${h}</th>`)}</tr></thead><tbody>${body}</tbody></table>`;
}
