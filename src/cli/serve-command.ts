/** The running part of `souverain serve`, imported only when the command runs (keeps other commands fast). */
import { readFile } from 'node:fs/promises';
import { startServer } from '../server/serve.js';
import type { CliIo } from './command.js';

export interface ServeCliOptions {
  database?: string;
  port: number;
  host: string;
  public: boolean;
  allowPrivateTargets: boolean;
  allowAddress?: string[];
  connectTo?: string[];
  dnsServer?: string;
  insecure: boolean;
  timeout: number;
  infra: boolean;
  chromium?: string;
  caFile?: string;
  /** false with --no-worker. */
  worker: boolean;
  concurrency: number;
}

/** Starts the server and keeps it until SIGINT/SIGTERM; resolves with the exit code. */
export async function runServe(options: ServeCliOptions, io: CliIo): Promise<number> {
  const server = await startServer({
    ...(options.database ? { database: options.database } : {}),
    port: options.port,
    host: options.host,
    publicMode: options.public,
    workerConcurrency: options.worker ? options.concurrency : 0,
    audit: {
      connectTo: options.connectTo ?? [],
      ...(options.dnsServer ? { dnsServer: options.dnsServer } : {}),
      insecure: options.insecure,
      timeoutSeconds: options.timeout,
      infra: options.infra,
      ...(options.chromium ? { executablePath: options.chromium } : {}),
      allowPrivateTargets: options.allowPrivateTargets,
      allowAddresses: options.allowAddress ?? [],
      ...(options.caFile ? { trustedCertificates: await readFile(options.caFile, 'utf8') } : {}),
    },
    print: (line) => io.stdout.write(`${line}\n`),
    log: (line) => io.stderr.write(`${line}\n`),
  });
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
  return 0;
}
