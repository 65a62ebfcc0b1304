import type { Initiator } from '../../types.js';
import type { CdpInitiator, CdpStackTrace } from '../cdp-types.js';

/**
 * Turns a CDP initiator into evidence: which document or script caused a request. With
 * Debugger.setAsyncCallStackDepth on, a pixel made by `new Image().src` inside a setTimeout
 * carries an empty synchronous stack and the script in its async parents, so parents are walked.
 *
 * @example toInitiator({ type: 'script', stack: { callFrames: [], parent: { callFrames: [{ url: 'https://tag.test/t.js' }] } } })
 * // { type: 'script', url: 'https://tag.test/t.js', stack: ['https://tag.test/t.js'] }
 */
export function toInitiator(raw: CdpInitiator): Initiator {
  const stack = stackUrls(raw.stack);
  const url = raw.type === 'script' ? (stack[0] ?? raw.url) : (raw.url ?? stack[0]);
  const initiator: Initiator = { type: raw.type };
  if (url) initiator.url = url;
  if (stack.length > 0) initiator.stack = stack;
  return initiator;
}

/** Script URLs of a (possibly async) stack, innermost first, each once; eval'd code has no URL. */
export function stackUrls(stack: CdpStackTrace | undefined): string[] {
  const urls: string[] = [];
  for (let trace = stack; trace; trace = trace.parent) {
    for (const frame of trace.callFrames) {
      if (frame.url && !urls.includes(frame.url)) urls.push(frame.url);
    }
  }
  return urls;
}
