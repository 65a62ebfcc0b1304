import type { RequestRecord, ResourceHint } from '../../types.js';
import type { Collector } from '../collector.js';
import { PlaywrightRequestLog } from '../network/playwright-requests.js';
import { NetworkRecorder, type SetCookieAttempt } from '../network/recorder.js';

/** What the network collector hands to the others. */
export interface NetworkShared {
  /** Every Set-Cookie line seen (CDP and Playwright), each with the URL of the response that carried it. */
  setCookieAttempts: SetCookieAttempt[];
  /** Hints announced in the documents' Link headers. */
  headerHints: ResourceHint[];
}

/**
 * Every request of every target of the page (CDP Network events fanned out by the capture), completed
 * by Playwright's own view of the context (what a new worker sends before our session can see it):
 * requests with their redirect hops, WebSockets, Set-Cookie lines and Link-header hints. Tells the
 * capture when a request starts (quiet window) and what answered the navigation.
 */
export const collector: Collector<NetworkShared> = {
  id: 'network',
  attach(ctx) {
    const recorder = new NetworkRecorder(ctx.startedAtMs, () => ctx.noteActivity(), ctx.debug);
    const crossCheck = new PlaywrightRequestLog(ctx.session.context, () => ctx.noteActivity());
    return {
      cdp: recorder,
      mainDocument: (finalUrl) => recorder.mainDocument(finalUrl),
      async finish(end) {
        await recorder.outgoing.settle();
        const network = await crossCheck.reconcile(recorder.records(end.typedValues), ctx.startedAtMs);
        return {
          evidence: { requests: inStartOrder(network.records), websockets: [...recorder.websockets] },
          shared: { setCookieAttempts: [...recorder.setCookieAttempts(), ...network.setCookies], headerHints: recorder.headerHints },
          errors: recorder.errors,
        };
      },
    };
  },
};

/** Records sorted by start time (stable), numbered r1, r2, … in that order. */
export function inStartOrder(records: RequestRecord[]): RequestRecord[] {
  return records
    .map((record, index) => ({ record, index }))
    .sort((a, b) => (a.record.startMs ?? 0) - (b.record.startMs ?? 0) || a.index - b.index)
    .map(({ record }, index) => ({ ...record, id: `r${index + 1}` }));
}
