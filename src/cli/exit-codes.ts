import type { Verdict } from '../types.js';

export const EXIT_SOVEREIGN = 0;
export const EXIT_NOT_SOVEREIGN = 1;
export const EXIT_TOOL_FAILED = 2;

/** 0 sovereign; 1 not sovereign or inconclusive (fail closed). */
export function exitCodeFor(verdict: Verdict): number {
  return verdict === 'sovereign' ? EXIT_SOVEREIGN : EXIT_NOT_SOVEREIGN;
}
