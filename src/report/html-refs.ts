/**
 * Numbered references for the HTML report: each statement that rests on a source (an organisation's
 * ownership and country, a law, a data set) links to a number; the appendix prints every source in
 * full — document, address as text (never a link: the report makes no request), as-of date, version.
 * Numbers follow the order of first citation, so rendering must cite in document order.
 */
import type { AuditReport, DataSourceInfo, LawRef, Provenance } from '../types.js';
import { html as h, type SafeHtml } from './html-kit.js';
import type { Lang } from './i18n.js';
import { tv } from './i18n-visual.js';
import { t } from './i18n.js';

const builtLabel = (lang: Lang, date: string): string => t(lang, 'source.builtAt', { date });

/** Provenance as the data may carry it: k-engine adds `url` and `title` to sources. */
type Source = Provenance & { url?: string; title?: string };

interface Reference {
  key: string;
  kind: 'organisation' | 'law' | 'dataset';
  label: string;
  sources: Source[];
  dataset?: DataSourceInfo;
}

/** The references of one rendering, numbered as they are first cited. */
export class References {
  private readonly entries: Reference[] = [];

  constructor(private readonly report: AuditReport, private readonly lang: Lang) {}

  private cite(reference: Reference): SafeHtml {
    let index = this.entries.findIndex((entry) => entry.key === reference.key);
    if (index < 0) {
      this.entries.push(reference);
      index = this.entries.length - 1;
    }
    return h`<a class="ref" href="#ref-${index + 1}">[${index + 1}]</a>`;
  }

  /** Citations for an organisation's facts (country, parent): one per entity with a source. */
  organisation(...ids: (string | undefined)[]): SafeHtml {
    const marks: SafeHtml[] = [];
    for (const id of new Set(ids.filter((value): value is string => Boolean(value)))) {
      const facts = this.report.enrichment.entities[id];
      if (!facts || facts.provenance.length === 0) continue;
      marks.push(this.cite({ key: `org:${id}`, kind: 'organisation', label: facts.legalName ?? facts.name, sources: facts.provenance }));
    }
    return h`${marks}`;
  }

  /** Citation for a law's official text. */
  law(law: LawRef | undefined): SafeHtml {
    if (!law) return h``;
    return this.cite({ key: `law:${law.id}`, kind: 'law', label: law.name, sources: [law.provenance] });
  }

  /** Citation for a data set, by source id (a provenance's `source`). */
  dataset(id: string): SafeHtml {
    const dataset = this.report.enrichment.dataSources.find((source) => source.id === id);
    if (!dataset) return h``;
    return this.cite({ key: `data:${id}`, kind: 'dataset', label: dataset.name, sources: [], dataset });
  }

  /** Citations for the data sets behind a list of provenances (curated tables excepted: cited as organisations). */
  datasets(provenance: readonly Provenance[]): SafeHtml {
    return h`${[...new Set(provenance.map((entry) => entry.source))].map((id) => this.dataset(id))}`;
  }

  /** Every data set not yet cited, so the appendix lists them all. */
  citeAllDatasets(): void {
    for (const dataset of this.report.enrichment.dataSources) this.dataset(dataset.id);
  }

  /** The appendix: every reference in full, in number order. */
  appendix(): SafeHtml {
    const { lang } = this;
    const kind = (reference: Reference): string => tv(lang, reference.kind === 'organisation' ? 'refs.organisation' : reference.kind === 'law' ? 'refs.law' : 'refs.dataset');
    const items = this.entries.map((reference, index) => h`<li id="ref-${index + 1}"><span class="ref__kind">${kind(reference)}</span> <strong>${reference.label}</strong>${reference.dataset ? datasetText(lang, reference.dataset) : reference.sources.map((source) => sourceText(lang, source))}</li>`);
    return h`<ol class="refs">${items}</ol>`;
  }
}

function sourceText(lang: Lang, source: Source): SafeHtml {
  const document = source.title ?? source.note;
  return h`<span class="ref__source">${document ? h` — ${document}` : ''}${source.url ? h` — <span class="mono url">${source.url}</span>` : ''}${source.asOf ? h` — ${tv(lang, 'refs.asOf', { date: source.asOf })}` : ''} <span class="muted">(${[source.source, source.version].filter(Boolean).join(' ')})</span></span>`;
}

function datasetText(lang: Lang, dataset: DataSourceInfo): SafeHtml {
  return h` — <span class="mono">${dataset.id}</span> ${dataset.version}${dataset.builtAt ? h` (${builtLabel(lang, dataset.builtAt)})` : ''} — ${tv(lang, 'refs.licence', { licence: dataset.licence })}${dataset.url ? h` — <span class="mono url">${dataset.url}</span>` : ''}${dataset.attribution ? h`<span class="sub">${dataset.attribution}</span>` : ''}`;
}
