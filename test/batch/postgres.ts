import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * The PostgreSQL the tests use: SOUVERAIN_TEST_DATABASE_URL (.ci/run starts one with
 * scripts/test-postgres.sh). Locally without it the tests skip with this reason; under CI they fail.
 */
export function testDatabaseUrl(): { url?: string; skip: string | false } {
  const url = process.env.SOUVERAIN_TEST_DATABASE_URL;
  if (url) return { url, skip: false };
  if (process.env.CI) throw new Error('SOUVERAIN_TEST_DATABASE_URL is not set: .ci/run must start PostgreSQL (scripts/test-postgres.sh)');
  return { skip: 'no PostgreSQL: set SOUVERAIN_TEST_DATABASE_URL (source scripts/test-postgres.sh) to run it' };
}

/** A fresh database on the test server, so that tests never see each other's jobs. */
export async function freshDatabase(serverUrl: string): Promise<string> {
  const name = `souverain_test_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
