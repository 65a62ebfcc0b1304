import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { collector, MAX_SCREENSHOT_HEIGHT } from '../../../src/collect/collectors/screenshot.js';
import { fakeEnd, fakeSession, runCollector } from './fakes.js';

/** A CDP session that answers the layout metrics of a page `height` CSS pixels high and records the clip asked for. */
function cdpOfPage(height: number) {
  const clips: Array<{ width: number; height: number }> = [];
  const cdp = {
    clips,
    send: async (method: string, params?: { clip: { width: number; height: number } }) => {
      if (method === 'Page.getLayoutMetrics') return { cssContentSize: { height }, cssVisualViewport: { clientWidth: 1366 } };
      if (method === 'Page.captureScreenshot') {
        clips.push(params!.clip);
        return { data: 'iVBORw0KGgo=' };
      }
      throw new Error(`unexpected ${method}`);
    },
  };
  return cdp;
}

describe('screenshot collector', () => {
  it('the whole page at the viewport width, cut at four screens', async () => {
    const cdp = cdpOfPage(20_000);
    const session = fakeSession({ cdp });
    const output = await runCollector(collector, session, fakeEnd(session));
    assert.deepEqual(output.evidence, { screenshot: 'iVBORw0KGgo=' });
    assert.deepEqual(cdp.clips.map(({ width, height }) => [width, height]), [[1366, MAX_SCREENSHOT_HEIGHT]]);
  });

  it('none when screenshots are off or no document is shown', async () => {
    const cdp = cdpOfPage(500);
    const session = fakeSession({ cdp });
    assert.deepEqual((await runCollector(collector, session, fakeEnd(session, { screenshot: false }))).evidence, {});
    assert.deepEqual((await runCollector(collector, session, fakeEnd(session, { committed: false }))).evidence, {});
    assert.equal(cdp.clips.length, 0);
  });
});
