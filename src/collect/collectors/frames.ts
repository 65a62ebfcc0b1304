import type { Collector } from '../collector.js';
import { readFrameStates, storageRecords, type FrameState } from '../frame-state.js';

/**
 * Every frame of every page of the context, read in an isolated world (frame-state.ts): the storage
 * keys per origin (evidence) and the hint links of each DOM (shared with the hints collector).
 */
export const collector: Collector<FrameState[]> = {
  id: 'frames',
  attach() {
    let frames: FrameState[] = [];
    return {
      async read(end) {
        if (end.committed) frames = await readFrameStates(end.session.context, end.session.context.pages(), end.readTimeoutMs);
      },
      finish: async () => ({ evidence: { storage: storageRecords(frames) }, shared: frames }),
    };
  },
};
