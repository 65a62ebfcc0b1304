/**
 * `souverain lookup --format json` writes its array one result at a time (10,000 names are ~25 MB of
 * JSON): the text must stay exactly what JSON.stringify(results, null, 2) gives, and a full pipe
 * must be waited for, not overfilled.
 */
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { describe, it } from 'node:test';
import { runLookupCommand } from '../../src/cli/lookup-command.js';

const NAMES = ['www.google-analytics.com', 'cdn.jsdelivr.net', 'www.nobody-knows-this.invalid', '8.8.8.8', 'https://fonts.googleapis.com/css'];

describe('lookup --format json, written per result', () => {
  it('is exactly JSON.stringify(results, null, 2), one result per name, in order', async () => {
    const chunks: string[] = [];
    const code = await runLookupCommand(NAMES, { format: 'json' }, { write: (text: string) => chunks.push(text) });
    assert.equal(code, 0);
    const text = chunks.join('');
    const parsed = JSON.parse(text) as { input: string }[];
    assert.deepEqual(parsed.map((result) => result.input), NAMES);
    assert.equal(text, `${JSON.stringify(parsed, null, 2)}\n`);
    assert.ok(chunks.length > NAMES.length, 'written in pieces, not as one string');
  });

  it('prints an empty array for no names', async () => {
    const chunks: string[] = [];
    await runLookupCommand([], { format: 'json' }, { write: (text: string) => chunks.push(text) });
    assert.equal(chunks.join(''), '[]\n');
  });

  it('waits for "drain" when the output says it is full, and still writes everything', async () => {
    const chunks: string[] = [];
    let waits = 0;
    const full = Object.assign(new EventEmitter(), {
      write(text: string): boolean {
        chunks.push(text);
        // Report "full" every time; empty the pipe on the next turn of the event loop.
        setImmediate(() => full.emit('drain'));
        return false;
      },
    });
    const listen = full.once.bind(full);
    full.once = ((event: string, listener: () => void) => {
      waits++;
      return listen(event, listener);
    }) as typeof full.once;
    await runLookupCommand(NAMES.slice(0, 3), { format: 'json' }, full);
    assert.equal(waits, 3, 'one wait per result written while full');
    assert.deepEqual((JSON.parse(chunks.join('')) as { input: string }[]).map((result) => result.input), NAMES.slice(0, 3));
  });
});
