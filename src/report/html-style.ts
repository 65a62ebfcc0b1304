/**
 * The HTML report's stylesheet, inlined in a <style> element (the report's CSP allows inline styles
 * and nothing else). System fonts only: the report must not load a font. Print rules keep cards and
 * table rows whole, for a report printed to PDF and handed to a DPO.
 */
export const REPORT_CSS = `
:root {
  --ink: #1c2430; --muted: #5b6675; --faint: #8a94a3; --line: #dde2e8; --paper: #ffffff; --bg: #f4f6f8;
  --red: #b42318; --red-bg: #fef3f2; --red-line: #f4c7c3;
  --green: #067647; --green-bg: #ecfdf3; --green-line: #abefc6;
  --amber: #93370d; --amber-bg: #fffaeb; --amber-line: #fedf89;
  --blue: #1f4e8c; --code-bg: #f2f4f7;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0; background: var(--bg); color: var(--ink);
  font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif;
}
.page { max-width: 1180px; margin: 0 auto; padding: 14px 32px 40px; }
code, .mono { font-family: ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 12.5px; }
code { background: var(--code-bg); border-radius: 3px; padding: 1px 4px; overflow-wrap: anywhere; word-break: break-word; }
h1, h2, h3 { line-height: 1.25; margin: 0; }
h2 small { font-size: 12.5px; font-weight: 400; }
h2 { font-size: 18px; margin: 22px 0 8px; padding-bottom: 4px; border-bottom: 2px solid var(--ink); }
h3 { font-size: 16px; }
p { margin: 0 0 6px; }
.muted { color: var(--muted); }
.small { font-size: 12.5px; }
.unknown { color: var(--muted); font-style: italic; }

.masthead { display: flex; justify-content: space-between; align-items: baseline; gap: 16px; flex-wrap: wrap;
  border-bottom: 1px solid var(--line); padding-bottom: 6px; margin-bottom: 10px; }
.brand { font-weight: 700; font-size: 15px; letter-spacing: .08em; text-transform: uppercase; }
.brand span { color: var(--muted); font-weight: 400; letter-spacing: normal; text-transform: none; margin-left: 8px; }
.masthead .meta { color: var(--muted); font-size: 12.5px; text-align: right; }

.verdict { display: flex; gap: 20px; align-items: flex-start; border: 1px solid; border-left-width: 8px; border-radius: 6px;
  padding: 16px 22px; background: var(--paper); }
.verdict--not-sovereign { border-color: var(--red-line); border-left-color: var(--red); background: var(--red-bg); }
.verdict--sovereign { border-color: var(--green-line); border-left-color: var(--green); background: var(--green-bg); }
.verdict--inconclusive { border-color: var(--amber-line); border-left-color: #dc6803; background: var(--amber-bg); }
.verdict__mark { flex: none; width: 52px; height: 52px; border-radius: 50%; color: #fff; font-size: 30px; font-weight: 700;
  display: flex; align-items: center; justify-content: center; }
.verdict--not-sovereign .verdict__mark { background: var(--red); }
.verdict--sovereign .verdict__mark { background: var(--green); }
.verdict--inconclusive .verdict__mark { background: #dc6803; }
.verdict__label { font-size: 28px; font-weight: 800; letter-spacing: .02em; margin: 0; }
.verdict--not-sovereign .verdict__label { color: var(--red); }
.verdict--sovereign .verdict__label { color: var(--green); }
.verdict--inconclusive .verdict__label { color: var(--amber); }
.verdict__policy { font-size: 15px; font-weight: 600; margin: 2px 0 10px; }
.verdict__why { font-size: 15px; margin: 8px 0 4px; }
.verdict__target code { font-size: 13px; background: rgba(255,255,255,.7); }

.warnings { margin-top: 16px; border: 1px solid var(--amber-line); background: var(--amber-bg); border-radius: 6px; padding: 12px 18px; }
.warnings h2 { border: 0; margin: 0 0 6px; padding: 0; font-size: 15px; color: var(--amber); }
.warnings ul { margin: 0; padding-left: 20px; }
.warnings li { margin: 3px 0; }

.overview { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 400px); gap: 20px; margin-top: 20px; align-items: start; }
.overview--noshot { grid-template-columns: minmax(0, 1fr); }
.stats { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 10px; margin: 0; }
.stat { background: var(--paper); border: 1px solid var(--line); border-radius: 6px; padding: 12px 14px; margin: 0; }
.stat dt { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .04em; }
.stat dd { margin: 2px 0 0; font-size: 24px; font-weight: 700; }
.stat dd small { font-size: 12px; font-weight: 400; color: var(--muted); display: block; }
.stat--alert dd { color: var(--red); }
.facts-card { background: var(--paper); border: 1px solid var(--line); border-radius: 6px; padding: 12px 16px; margin-top: 10px; }
.shot { margin: 0; background: var(--paper); border: 1px solid var(--line); border-radius: 6px; padding: 8px; }
.shot img { display: block; width: 100%; height: auto; border: 1px solid var(--line); }
.shot figcaption { color: var(--muted); font-size: 12px; margin-top: 6px; overflow-wrap: anywhere; }

.company { background: var(--paper); border: 1px solid var(--line); border-left: 5px solid var(--faint); border-radius: 6px;
  margin: 0 0 16px; }
.company--blocking { border-left-color: var(--red); }
.company__head { padding: 14px 18px 10px; border-bottom: 1px solid var(--line); }
.company__title { display: flex; gap: 10px; align-items: baseline; flex-wrap: wrap; }
.company__count { margin-left: auto; color: var(--muted); font-size: 12.5px; }
.laws { list-style: none; margin: 8px 0 0; padding: 0; }
.laws li { margin: 3px 0; font-size: 13px; }
.law { display: inline-block; font-weight: 700; font-size: 12px; color: var(--red); background: var(--red-bg);
  border: 1px solid var(--red-line); border-radius: 3px; padding: 0 6px; margin-right: 6px; }
.items { list-style: none; margin: 0; padding: 0; }
.item { padding: 12px 18px; border-top: 1px solid var(--line); break-inside: avoid; }
.item:first-child { border-top: 0; }
.item__head { display: flex; gap: 8px; align-items: baseline; flex-wrap: wrap; }
.item__subject { font-weight: 700; font-size: 14px; background: none; padding: 0; }
.item__about { color: var(--muted); }
.item__message { margin: 4px 0 6px; color: var(--muted); font-size: 13px; }
.intro { color: var(--muted); margin: 0 0 8px; max-width: 1000px; font-size: 13px; }
.role { display: inline-block; font-size: 12px; font-weight: 600; border-radius: 3px; padding: 0 6px; margin-right: 4px;
  background: #eef2f7; color: var(--blue); }
.chain__top { font-weight: 700; }
.facts { display: grid; grid-template-columns: 11.5em minmax(0, 1fr); gap: 3px 14px; margin: 6px 0 0; font-size: 13px; }
ul.plain { list-style: none; margin: 0; padding: 0; }
ul.plain li { margin: 1px 0; }
.facts dt { color: var(--muted); }
.facts dd { margin: 0; min-width: 0; }
.chain { margin: 0; padding: 0; list-style: none; }
.chain li { display: inline; }
.chain li + li::before { content: " → "; color: var(--faint); }
.alt { color: var(--green); font-weight: 600; }
.tag { display: inline-block; border: 1px solid var(--line); border-radius: 10px; padding: 0 7px; font-size: 11.5px;
  color: var(--muted); background: var(--paper); margin: 1px 2px 1px 0; white-space: nowrap; }
.tag--warn { color: var(--amber); border-color: var(--amber-line); background: var(--amber-bg); }
.jur { display: inline-block; font-weight: 700; font-size: 11.5px; border-radius: 3px; padding: 0 5px; border: 1px solid; white-space: nowrap; }
.jur--foreign { color: var(--red); background: var(--red-bg); border-color: var(--red-line); }
.jur--allowed { color: var(--green); background: var(--green-bg); border-color: var(--green-line); }
.jur--unknown { color: var(--muted); background: var(--code-bg); border-color: var(--line); font-style: italic; }
.empty { background: var(--paper); border: 1px dashed var(--line); border-radius: 6px; padding: 12px 16px; color: var(--muted); }
details.more summary { cursor: pointer; color: var(--blue); font-size: 12.5px; }
details.more ul { margin: 4px 0 0; }

.table-wrap { overflow-x: auto; background: var(--paper); border: 1px solid var(--line); border-radius: 6px; }
table { border-collapse: collapse; width: 100%; font-size: 12.5px; }
th, td { text-align: left; vertical-align: top; padding: 7px 8px; border-bottom: 1px solid var(--line); }
code.host { overflow-wrap: normal; word-break: normal; background: none; padding: 0; font-weight: 600; }
th { background: #f9fafb; color: var(--muted); font-weight: 600; font-size: 11px; text-transform: uppercase; letter-spacing: .03em; }
tr:last-child td { border-bottom: 0; }
tbody tr { break-inside: avoid; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
td .sub { display: block; color: var(--muted); font-size: 11.5px; }
td code { font-size: 12px; }
.status-pass { color: var(--green); font-weight: 700; }
.status-fail { color: var(--red); font-weight: 700; }
.status-unknown { color: var(--amber); font-weight: 700; }
.status-reported { color: var(--muted); font-weight: 700; }
.kv { display: grid; grid-template-columns: 9.5em minmax(0, 1fr); gap: 4px 16px; margin: 0; }
.kv dt { color: var(--muted); }
.kv dd { margin: 0; min-width: 0; }
.requests { margin-top: 10px; }
.requests summary { cursor: pointer; font-weight: 600; padding: 6px 0; }
.attribution { font-size: 12.5px; color: var(--ink); background: #f9fafb; }
footer { margin-top: 40px; padding-top: 12px; border-top: 1px solid var(--line); color: var(--muted); font-size: 12px; }

.first { margin-top: 4px; display: block; }
.verdict__head { display: flex; gap: 16px; align-items: center; }
.verdict__mark { width: 44px; height: 44px; font-size: 26px; }
h1.verdict__label { font-size: 30px; }
.verdict__meta { margin: 2px 0 0; color: var(--muted); font-size: 13px; overflow-wrap: anywhere; }
.verdict__meta code { font-weight: 700; color: var(--ink); background: rgba(255,255,255,.7); font-size: 13px; }
.lead { font-size: 18px; line-height: 1.4; margin: 14px 0 4px; font-weight: 600; max-width: 1000px; }
.first .verdict__why { font-size: 13px; margin: 2px 0 8px; }
.first__h { font-size: 14.5px; border: 0; margin: 14px 0 6px; padding: 0; }
.bars { margin: 12px 0 4px; display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 6px 28px; }
.bars__label { font-size: 13.5px; margin-bottom: 3px; }
.bars__label small { color: var(--muted); font-weight: 400; }
.bars__row { display: grid; grid-template-columns: 5.2em minmax(0, 1fr); align-items: center; gap: 6px; margin: 2px 0; }
.bars__unit { color: var(--muted); font-size: 11.5px; text-align: right; }
svg.bar { display: block; border-radius: 3px; overflow: hidden; background: var(--line); }
.bar__text { font: 700 12px system-ui, sans-serif; fill: #fff; }
.bar__text--unknown { fill: var(--ink); }
.bars__text { font-size: 12px; color: var(--muted); margin: 3px 0 0 5.6em; }
.legend { grid-column: 1 / -1; font-size: 11.5px; color: var(--muted); margin: 0; }
.legend__item { display: inline-flex; align-items: center; gap: 4px; margin-right: 14px; }
.legend__item svg { border: 1px solid var(--line); }
.cards { list-style: none; margin: 0; padding: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(260px, 1fr)); gap: 8px; }
.card { background: var(--paper); border: 1px solid var(--line); border-left: 4px solid var(--faint); border-radius: 5px; padding: 7px 10px; font-size: 13px; break-inside: avoid; }
.card--foreign { border-left-color: var(--red); }
.card--allowed { border-left-color: var(--blue); }
.card__head strong { font-size: 14px; }
.card__body { color: var(--muted); margin-top: 2px; }
.card__flux { color: var(--amber); font-size: 12px; }
.card__laws { margin-top: 3px; }
.card__laws .law, .glossary .law { text-decoration: none; }
a.ref { font-size: 10.5px; vertical-align: super; text-decoration: none; color: var(--blue); margin-left: 1px; }
.fix { margin: 0; padding-left: 22px; font-size: 13.5px; }
.fix li { margin: 4px 0; }
.fix__effect { font-weight: 600; color: var(--red); }
.verdict--sovereign .fix__effect { color: var(--green); }
.fix__item > summary { display: flex; gap: 12px; align-items: baseline; cursor: pointer; }
.fix__item > summary::marker, .fix__item > summary::-webkit-details-marker { content: ""; display: none; }
.fix__what { flex: 1 1 auto; min-width: 0; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.fix__effect { flex: none; white-space: nowrap; }
.fix__how { color: var(--ink); font-size: 12.5px; margin: 2px 0; }
.fix__hosts { font-size: 12px; margin: 0 0 6px; }
.fix__hosts a { text-decoration: none; }
.fix__none { color: var(--green); font-weight: 600; }
.toc { margin: 12px 0 0; font-size: 12.5px; display: flex; flex-wrap: wrap; gap: 2px 12px; background: var(--paper); border: 1px solid var(--line); border-radius: 6px; padding: 8px 14px; }
.toc a { color: var(--blue); }
.flow { margin: 0; background: var(--paper); border: 1px solid var(--line); border-radius: 6px; padding: 10px; }
.flow__svg { display: block; }
.flow__head { font: 700 12px system-ui, sans-serif; fill: var(--muted); }
.flow__node { font: 12px system-ui, sans-serif; fill: var(--ink); }
.flow__node--foreign { font-weight: 700; }
.flow__list { display: none; margin: 0; padding-left: 18px; font-size: 13px; }
.flow__list ul { padding-left: 16px; }
.flow__law--foreign > strong { color: var(--red); }
.hgroup { font-size: 14px; margin: 10px 0 4px; }
.hgroup small { color: var(--muted); font-weight: 400; }
.hrows { background: var(--paper); border: 1px solid var(--line); border-radius: 6px; }
.hrow { border-top: 1px solid var(--line); border-left: 4px solid var(--faint); }
.hrow:first-child { border-top: 0; }
.hrow--foreign { border-left-color: var(--red); }
.hrow--allowed { border-left-color: var(--blue); }
.hrow > summary { display: grid; grid-template-columns: minmax(0, 2.4fr) minmax(0, 1.7fr) minmax(0, 1.9fr) minmax(0, .8fr) minmax(0, .9fr) minmax(0, 1.4fr); gap: 10px; padding: 4px 10px; cursor: pointer; list-style: none; font-size: 12.5px; align-items: baseline; }
.hrow > summary > span { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.hrow__about, .hrow__by { color: var(--muted); }
.hrow > summary::-webkit-details-marker { display: none; }
.hrow > summary::before { content: "▸"; position: absolute; margin-left: -9px; color: var(--faint); font-size: 10px; }
.hrow[open] > summary::before { content: "▾"; }
.hrow > summary .sub { display: block; color: var(--muted); font-size: 11.5px; }
.hrow__more { padding: 4px 14px 10px; font-size: 12.5px; border-top: 1px dashed var(--line); }
.reqs li { overflow-wrap: anywhere; }
.glossary { margin: 0; background: var(--paper); border: 1px solid var(--line); border-radius: 6px; padding: 8px 14px; }
.law-entry { padding: 5px 0; border-top: 1px solid var(--line); }
.law-entry:first-child { border-top: 0; }
.glossary dt { font-weight: 600; }
.glossary dd { margin: 2px 0 0; font-size: 13px; }
details.sec { margin-top: 10px; }
details.sec > summary { cursor: pointer; list-style: none; }
details.sec > summary::-webkit-details-marker { display: none; }
details.sec > summary h2 { margin: 16px 0 8px; font-size: 16px; border-bottom: 1px solid var(--line); }
details.sec > summary h2::before { content: "▸ "; color: var(--faint); }
details.sec[open] > summary h2::before { content: "▾ "; }
details.sec > summary h2 small { color: var(--muted); font-weight: 400; font-size: 13px; }
.refs { font-size: 12.5px; padding-left: 28px; }
.refs li { margin: 4px 0; overflow-wrap: anywhere; }
.ref__kind { color: var(--muted); font-size: 11px; text-transform: uppercase; letter-spacing: .03em; }
.refs .sub { display: block; color: var(--muted); }
.prose p { max-width: 900px; margin: 0 0 8px; }
.unknowns { background: var(--paper); border: 1px solid var(--line); border-radius: 6px; padding: 8px 14px 8px 30px; font-size: 13px; }
.unknowns .sub { display: block; color: var(--muted); font-size: 12px; }
.shot { max-width: 700px; margin-bottom: 10px; }
.shot img { max-height: 2400px; object-fit: cover; object-position: top; }

@media screen and (max-width: 860px) {
  .page { padding: 16px; }
  .overview { grid-template-columns: minmax(0, 1fr); }
  .stats { grid-template-columns: repeat(2, minmax(0, 1fr)); }
  .facts, .kv { grid-template-columns: minmax(0, 1fr); gap: 0; }
  .facts dd, .kv dd { margin-bottom: 4px; }
}
@media screen and (max-width: 700px) {
  .bars { grid-template-columns: minmax(0, 1fr); }
  .bars__text { margin-left: 0; }
  .hrow > summary { grid-template-columns: minmax(0, 1fr) auto; gap: 0 8px; padding: 6px 10px; }
  .hrow > summary > span { white-space: normal; overflow-wrap: anywhere; }
  .hrow__host, .hrow__about, .hrow__chain, .hrow__by { grid-column: 1 / -1; }
  .fix__item > summary { display: block; }
  .fix__what { white-space: normal; }
  .fix__effect { display: block; white-space: normal; }
  .flow__svg { display: none; }
  .flow__list { display: block; }
  .cards { grid-template-columns: minmax(0, 1fr); }
  table, thead, tbody, tr, th, td { display: block; }
  thead { display: none; }
  tr { border-bottom: 1px solid var(--line); padding: 6px 0; }
  td { border: 0; padding: 2px 8px; }
  td[data-label]::before { content: attr(data-label) " "; color: var(--muted); font-size: 11px; text-transform: uppercase; margin-right: 6px; }
  td.num { text-align: left; }
  h1.verdict__label { font-size: 24px; }
  .lead { font-size: 16px; }
}

@media print {
  @page { margin: 14mm; }
  body { background: #fff; font-size: 11.5px; }
  .page { max-width: none; padding: 0; }
  .table-wrap { overflow: visible; }
  table { font-size: 10px; }
  th, td { padding: 4px 5px; }
  .overview { grid-template-columns: minmax(0, 1fr) minmax(0, 34%); }
  .company { break-inside: auto; }
  .company__head, .item, tbody tr, .stat, .facts-card { break-inside: avoid; }
  td code, td .sub { font-size: 9.5px; }
  h2 { break-after: avoid; }
  .verdict, .warnings, .stat, .company, .jur, .law, .tag { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  html.print .first { break-after: page; }
  .toc { display: none; }
  .lead { font-size: 14px; }
  h1.verdict__label { font-size: 24px; }
  .fix, .card { font-size: 11px; }
  .fix__how { font-size: 10.5px; }
  .flow { break-inside: avoid; }
  details > summary::before, details.sec > summary h2::before { content: "" !important; }
  .hrow, .card, .law-entry, .refs li { break-inside: avoid; }
  .flow, .bars { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  details::details-content { content-visibility: visible; display: block; }
  a.ref { color: var(--ink); }
  .shot img { max-height: none; }
  .hrow > summary > span, .fix__what { white-space: normal; overflow: visible; }
  .fix__item > summary { display: block; }
  .fix__effect { white-space: normal; }

}
`;
