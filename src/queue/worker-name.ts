import { hostname } from 'node:os';

/** The worker name of this process, `host:pid`: stored with each lease and result (the embedded queue uses it to spot dead local workers). */
export function defaultWorkerName(): string {
  return `${hostname()}:${process.pid}`;
}
