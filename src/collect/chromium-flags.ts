import type { ConnectToRule } from './connect-to.js';
import { hostResolverRules } from './connect-to.js';

/**
 * Playwright's own `--disable-features` list (playwright-core 1.65.1,
 * packages/playwright-core/src/server/chromium/chromiumSwitches.ts). Chromium keeps only the last
 * `--disable-features` switch, so passing ours would silently drop these (measured,
 * shared/design/BROWSER-NOTES.md); test/collect/chromium-flags.test.ts fails when the installed
 * playwright-core adds one we do not carry.
 */
export const PLAYWRIGHT_DISABLED_FEATURES = [
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'ThirdPartyStoragePartitioning',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'TcpPortRandomizationWin',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
  'msForceBrowserSignIn',
  'msEdgeUpdateLaunchServicesPreferredVersion',
] as const;

/**
 * Features souverain disables on top of Playwright's. The omnibox popups: Chromium 156 preloads a
 * popup renderer per window, disabling it halved CPU per page (BROWSER-NOTES.md, "Launching").
 * AutofillServerCommunication: any page with a form makes Chromium ask
 * content-autofill.googleapis.com on its own (seen by the fixture world's demo test).
 */
export const SOUVERAIN_DISABLED_FEATURES = ['WebUIOmniboxPopup', 'WebUIOmniboxAimPopup', 'WebUIOmniboxFullPopup', 'AutofillServerCommunication'] as const;

/** Where Chromium's own phone-home traffic goes instead: the discard port on loopback, which refuses. */
export const DIVERTED_URL = 'http://127.0.0.1:9/';

export interface FlagOptions {
  connectTo?: readonly ConnectToRule[];
  insecure?: boolean;
}

/**
 * The command-line switches for an audit browser: quiet (no sync, no updater, no Gaia, no
 * domain-reliability beacons), routed by --connect-to rules, and trusting any certificate only
 * when the user asked for it.
 *
 * @example chromiumArgs({ insecure: true }).includes('--ignore-certificate-errors') // true
 */
export function chromiumArgs(options: FlagOptions = {}): string[] {
  const args = [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-domain-reliability',
    '--disable-client-side-phishing-detection',
    `--component-updater=url-source=${DIVERTED_URL}`,
    `--gaia-url=${DIVERTED_URL}`,
    `--disable-features=${disabledFeatures().join(',')}`,
  ];
  const rules = hostResolverRules(options.connectTo ?? []);
  if (rules) args.push(`--host-resolver-rules=${rules}`);
  if (options.insecure) args.push('--ignore-certificate-errors');
  return args;
}

/** Playwright's disabled features merged with souverain's, without duplicates. */
export function disabledFeatures(): string[] {
  return [...new Set<string>([...PLAYWRIGHT_DISABLED_FEATURES, ...SOUVERAIN_DISABLED_FEATURES])];
}
