/**
 * Every collector of a page capture, one file each in this folder (the contract: ../collector.ts).
 * Adding one = its file, its test in test/collect/collectors/<id>.test.ts, and one line here;
 * test/collect/collector-registry.test.ts checks this list against the folder and the tests.
 */
import type { Collector } from '../collector.js';
import { collector as cookies } from './cookies.js';
import { collector as frames } from './frames.js';
import { collector as hints } from './hints.js';
import { collector as network } from './network.js';
import { collector as screenshot } from './screenshot.js';
import { collector as title } from './title.js';

export const collectors: readonly Collector<unknown>[] = [network, cookies, frames, hints, title, screenshot];
