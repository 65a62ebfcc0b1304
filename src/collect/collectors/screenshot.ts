import type { CDPSession } from 'playwright-core';

/**
 * Half the CSS size: a 1280×720 viewport becomes a 640×360 PNG (tens of kilobytes instead of
 * hundreds), enough to recognise the page in a report that embeds it.
 */
const SCALE = 0.5;

/**
 * A PNG of what the visitor sees (the viewport only), base64, straight from CDP: Playwright's
 * page.screenshot waits for fonts and animations, which a busy page may never finish.
 */
export async function captureScreenshot(cdp: CDPSession): Promise<string> {
  const { cssVisualViewport: view } = await cdp.send('Page.getLayoutMetrics');
  const { data } = await cdp.send('Page.captureScreenshot', {
    format: 'png',
    clip: { x: view.pageX, y: view.pageY, width: view.clientWidth, height: view.clientHeight, scale: SCALE },
    optimizeForSpeed: true,
  });
  return data;
}
