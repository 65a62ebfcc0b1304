/**
 * launchWhileLoading: the tables the judging reads are prepared while Chromium starts; the launch's own
 * failure is the one reported, a failure to prepare is left for the judging. Fakes stand for the
 * browser and the knowledge base (the seam is the two promises and the launch function).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AuditBrowser } from '../../src/collect/browser.js';
import { launchWhileLoading } from '../../src/core/run-audit.js';
import type { Knowledge } from '../../src/enrich/knowledge.js';
import type { InfrastructurePatternIndex } from '../../src/enrich/infrastructure.js';

const fakeBrowser = { info: { name: 'fake' } } as unknown as AuditBrowser;

function tables(onPreload: () => void): { knowledge: Promise<Knowledge>; patterns: Promise<InfrastructurePatternIndex> } {
  return {
    knowledge: Promise.resolve({ preloadAddressTables: onPreload } as unknown as Knowledge),
    patterns: Promise.resolve({} as InfrastructurePatternIndex),
  };
}

describe('launchWhileLoading', () => {
  it('reads the address tables while the browser launches, and returns the browser once both are done', async () => {
    const order: string[] = [];
    const browser = await launchWhileLoading(tables(() => order.push('preload')), async () => {
      order.push('launch started');
      await new Promise((resolve) => setTimeout(resolve, 10));
      order.push('launched');
      return fakeBrowser;
    });
    assert.equal(browser, fakeBrowser);
    assert.deepEqual(order, ['launch started', 'preload', 'launched']);
  });

  it('throws the launch failure, and ignores a failure to prepare (the judging reports it)', async () => {
    const failedTables = { knowledge: Promise.reject(new Error('bad data')), patterns: Promise.resolve({} as InfrastructurePatternIndex) };
    failedTables.knowledge.catch(() => undefined);
    assert.equal(await launchWhileLoading(failedTables, async () => fakeBrowser), fakeBrowser);
    await assert.rejects(launchWhileLoading(tables(() => {}), async () => { throw new Error('Chromium did not start'); }), /Chromium did not start/);
  });
});
