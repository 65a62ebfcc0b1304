import { text } from '../evidence.js';
import type { Rule, RuleFinding, RuleInput } from '../rule.js';
import type { PageCapture } from '../../types.js';
import { pageUrl } from '../../shared/url.js';

function pageProblem(page: PageCapture): { en: string; fr: string } | undefined {
  if (page.navigationError) {
    return text(`the page did not load (${page.navigationError.message})`, `la page ne s'est pas chargée (${page.navigationError.message})`);
  }
  if (page.partial) {
    return text(`the page never settled (${page.partialReason ?? 'timeout'}); later requests may be missing`, `la page ne s'est jamais stabilisée (${page.partialReason ?? 'délai dépassé'}) ; des requêtes plus tardives peuvent manquer`);
  }
  return undefined;
}

/**
 * Pages whose capture is incomplete. Evidence that was not seen cannot be judged, so an audit whose
 * page failed or never settled cannot be called sovereign.
 */
export const rule: Rule = {
  meta: {
    id: 'incomplete-captures',
    title: text('Pages whose capture is incomplete', 'Pages dont la capture est incomplète'),
    description: text(
      'A page failed to load or never settled before the timeout: what it would have loaded afterwards is not known.',
      "Une page n'a pas pu être chargée ou ne s'est pas stabilisée avant le délai : ce qu'elle aurait chargé ensuite n'est pas connu.",
    ),
    help: {
      en: 'The page did not load or never settled: make it reachable, or raise --timeout, then audit again.',
      fr: 'La page ne s’est pas chargée ou ne s’est jamais stabilisée : rendez-la accessible, ou augmentez --timeout, puis refaites l’audit.',
    },
    defaultLevel: 'block',
  },
  evaluate({ collection }: RuleInput): RuleFinding[] {
    const noPages: RuleFinding[] = collection.pages.length === 0
      ? [{ kind: 'unknown', subject: { type: 'host', host: safeHost(collection.target) }, message: text('No page was captured.', "Aucune page n'a été capturée."), broughtInBy: [], evidence: [collection.target], provenance: [] }]
      : [];
    return [...noPages, ...collection.pages.flatMap((page): RuleFinding[] => {
      const problem = pageProblem(page);
      if (!problem) return [];
      const url = pageUrl(page);
      return [{
        kind: 'unknown',
        subject: { type: 'host', host: safeHost(url), detail: url },
        message: text(`${url}: ${problem.en}.`, `${url} : ${problem.fr}.`),
        broughtInBy: [],
        evidence: [url],
        provenance: [],
      }];
    })];
  },
};

function safeHost(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return url;
  }
}
