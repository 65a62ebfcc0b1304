import type { PageSession } from '../collect/browser.js';
import type { CaptureHooks } from '../collect/capture-page.js';

/** Links read at most from one page (a page with more is a link farm; the rest are ignored). */
const MAX_LINKS = 2000;

/**
 * Reads the links of the live DOM of the main frame once the page settled: what scripts added is
 * there, what they removed is not. `rel=nofollow` links are kept (they are still the site's pages).
 *
 * @example const links = await readLinks(session); // ['https://s.fr/a', …]
 */
export async function readLinks(session: PageSession): Promise<string[]> {
  const hrefs = await session.page
    .evaluate((max: number) => {
      const found: string[] = [];
      for (const anchor of Array.from(document.querySelectorAll('a[href], area[href]'))) {
        const href = (anchor as HTMLAnchorElement).href;
        if (typeof href === 'string' && href) found.push(href);
        if (found.length >= max) break;
      }
      return found;
    }, MAX_LINKS)
    .catch(() => [] as string[]);
  return [...new Set(hrefs)];
}

/** Hooks that run one after the other, in the order given (consent before journey before links). */
export function combineHooks(...all: (CaptureHooks | undefined)[]): CaptureHooks {
  const hooks = all.filter((h): h is CaptureHooks => h !== undefined);
  return {
    beforeNavigation: async (session) => {
      for (const h of hooks) await h.beforeNavigation?.(session);
    },
    afterLoad: async (session, timing) => {
      for (const h of hooks) await h.afterLoad?.(session, timing);
    },
    beforeEvidence: async (session) => {
      for (const h of hooks) await h.beforeEvidence?.(session);
    },
    typedValues: () => hooks.flatMap((h) => h.typedValues?.() ?? []),
  };
}
