import type { Collector } from '../collector.js';
import { domHints } from '../frame-state.js';
import { uniqueHints } from '../resource-hints.js';
import { collector as frames } from './frames.js';
import { collector as network } from './network.js';

/**
 * Resource hints (preconnect, dns-prefetch, preload …) that name a host even when the browser never
 * contacts it: the links of every frame's DOM, then the documents' Link headers, without repeats.
 */
export const collector: Collector = {
  id: 'hints',
  attach() {
    return {
      async finish(end) {
        const [states, { headerHints }] = await Promise.all([end.resultOf(frames), end.resultOf(network)]);
        return { evidence: { hints: uniqueHints([...domHints(states), ...headerHints]) } };
      },
    };
  },
};
