import type { CDPSession } from 'playwright-core';
import type { Collector } from '../collector.js';

/** The screenshot's height bound: four desktop screens; a longer page is cut there (decision 0028). */
export const MAX_SCREENSHOT_HEIGHT = 4 * 768;

/**
 * A PNG of the whole page as the visitor would scroll through it, at the viewport's width (1366 CSS
 * pixels) and scale 1, cut at {@link MAX_SCREENSHOT_HEIGHT}; base64, straight from CDP: Playwright's
 * page.screenshot waits for fonts and animations, which a busy page may never finish.
 */
export async function captureScreenshot(cdp: CDPSession): Promise<string> {
  const { cssContentSize: content, cssVisualViewport: view } = await cdp.send('Page.getLayoutMetrics');
  const width = Math.max(1, Math.round(view.clientWidth));
  const height = Math.max(1, Math.min(MAX_SCREENSHOT_HEIGHT, Math.ceil(content.height)));
  const { data } = await cdp.send('Page.captureScreenshot', {
    format: 'png',
    clip: { x: 0, y: 0, width, height, scale: 1 },
    captureBeyondViewport: true,
    optimizeForSpeed: true,
  });
  return data;
}

/** The screenshot of the page as shown at the end (unless CaptureOptions.screenshot is false). */
export const collector: Collector = {
  id: 'screenshot',
  attach() {
    let image: string | undefined;
    return {
      async read(end) {
        if (end.committed && end.screenshot) image = await end.bounded('screenshot', () => captureScreenshot(end.session.cdp));
      },
      finish: async () => ({ evidence: image ? { screenshot: image } : {} }),
    };
  },
};
