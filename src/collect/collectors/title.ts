import type { Collector } from '../collector.js';

/** The document's title (empty when no document was shown or it did not answer in time). */
export const collector: Collector = {
  id: 'title',
  attach() {
    let title: string | undefined;
    return {
      async read(end) {
        if (end.committed) title = await end.bounded('title', () => end.session.page.title());
      },
      finish: async () => ({ evidence: { title: title ?? '' } }),
    };
  },
};
