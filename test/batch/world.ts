import { startFixtureWorld, type FixtureWorld } from '../../src/fixture-world/index.js';

export const FR_IP = '51.91.236.193'; // OVH (AS16276), FR
export const US_IP = '142.250.179.100'; // Google (AS15169)

/**
 * A small loopback world for batch tests: sovereign pages, a page with Google Analytics, a 404, a
 * page slower than the tests' timeout, and a name that does not exist.
 */
export async function batchWorld(extraSovereign = 0, slowMs = 4000): Promise<FixtureWorld> {
  const sound = Array.from({ length: 2 + extraSovereign }, (_, i) => `www.site${i}.fr`);
  return startFixtureWorld({
    sites: [
      ...sound.map((host) => ({ host, routes: { '/': { body: `<!doctype html><title>${host}</title><p>First-party only.</p>` } } })),
      { host: 'www.tracked.fr', routes: { '/': { body: '<!doctype html><title>t</title><script src="https://www.google-analytics.com/analytics.js"></script>' } } },
      { host: 'www.google-analytics.com', routes: { '/analytics.js': { body: '/* tag */', contentType: 'text/javascript' } } },
      { host: 'www.missing.fr', routes: {} },
      { host: 'www.slow.fr', routes: { '/': { body: '<!doctype html><title>slow</title>', delayMs: slowMs } } },
    ],
    dns: [
      ...[...sound, 'www.tracked.fr', 'www.missing.fr', 'www.slow.fr'].map((name) => ({ name, type: 'A' as const, value: FR_IP })),
      { name: 'www.google-analytics.com', type: 'A', value: US_IP },
      { name: 'www.nowhere.fr', fault: 'nxdomain' as const },
    ],
  });
}

export function worldArgs(world: FixtureWorld): string[] {
  return [...world.connectTo.flatMap((c) => ['--connect-to', c]), '--dns-server', world.dnsServer, '--insecure'];
}
