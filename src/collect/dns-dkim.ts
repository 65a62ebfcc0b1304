/**
 * Who signs mail as a domain, from its DKIM key records (RFC 6376 §3.6.2): a key lives at
 * `<selector>._domainkey.<domain>`, and a mail provider that manages the key for its customer has the
 * customer publish a CNAME to a name in the provider's own zone — that CNAME target is the operator
 * signal enrichment reads. The selector is chosen by the sender and cannot be listed from DNS, so a
 * bounded list of the selectors the common providers document is tried, in parallel.
 *
 * A selector counts as found only when a DKIM key record answers at the end of its chain: a CNAME
 * to a name with no key is stale or a wildcard, and is reported, not counted. Never rejects.
 */
import type { DkimObservation, DkimSelectorObservation, DnsAnswer } from '../types.js';
import { describeFailure, normaliseDnsName, type DnsClient } from './dns.js';
import { tagList } from './dns-tag-list.js';

/**
 * Selectors tried, each with the provider whose documented convention it is and where that was
 * read. Providers whose selector carries a per-customer token cannot be guessed and are left out:
 * Amazon SES Easy DKIM (`TOKEN._domainkey` → `TOKEN.dkim.amazonses.com`, SES developer guide),
 * HubSpot (`hsN-ACCOUNT._domainkey`), and any provider whose customers pick the selector (Zoho Mail,
 * self-hosted signers). Their CNAME targets are still attributed when a listed selector reaches them.
 */
export const DKIM_SELECTORS: readonly { selector: string; provider: string; source: string }[] = [
  // The default prefix selector of Google Workspace is "google"; the key is a TXT record in the customer's zone.
  { selector: 'google', provider: 'Google Workspace', source: 'https://support.google.com/a/answer/11611356' },
  // Microsoft 365: selector1/selector2 CNAMEs to selectorN-DOMAIN._domainkey.TENANT.onmicrosoft.com (data/ecosystem/infrastructure.yaml, Microsoft 365 row).
  { selector: 'selector1', provider: 'Microsoft 365', source: 'https://learn.microsoft.com/en-us/microsoft-365/enterprise/external-domain-name-system-records' },
  { selector: 'selector2', provider: 'Microsoft 365', source: 'https://learn.microsoft.com/en-us/microsoft-365/enterprise/external-domain-name-system-records' },
  // Mailchimp domain authentication: k1 → dkim.mcsv.net, k2 → dkim2.mcsv.net (Klaviyo's kN → dkim.klaviyo.com share the names).
  { selector: 'k1', provider: 'Mailchimp', source: 'https://mailchimp.com/help/set-up-email-domain-authentication/' },
  { selector: 'k2', provider: 'Mailchimp', source: 'https://mailchimp.com/help/set-up-email-domain-authentication/' },
  // Mailchimp Transactional (Mandrill): two CNAMEs mte1/mte2 → dkim1/dkim2.mandrillapp.com.
  { selector: 'mte1', provider: 'Mailchimp Transactional (Mandrill)', source: 'https://mailchimp.com/developer/transactional/docs/authentication-delivery/' },
  { selector: 'mte2', provider: 'Mailchimp Transactional (Mandrill)', source: 'https://mailchimp.com/developer/transactional/docs/authentication-delivery/' },
  // SendGrid domain authentication: sN._domainkey → sN.domainkey.uNNNN.wlNNN.sendgrid.net.
  { selector: 's1', provider: 'Twilio SendGrid', source: 'https://www.twilio.com/docs/sendgrid/api-reference/domain-authentication/authenticate-a-domain' },
  { selector: 's2', provider: 'Twilio SendGrid', source: 'https://www.twilio.com/docs/sendgrid/api-reference/domain-authentication/authenticate-a-domain' },
  // Brevo: brevoN._domainkey → bN.DOMAIN-TLD.dkim.brevo.com, as published in customer zones (data/ecosystem/infrastructure.yaml, Brevo row).
  { selector: 'brevo1', provider: 'Brevo', source: 'https://help.brevo.com/hc/en-us/articles/12163873383186' },
  { selector: 'brevo2', provider: 'Brevo', source: 'https://help.brevo.com/hc/en-us/articles/12163873383186' },
  // Proton Mail custom domains: CNAMEs protonmail, protonmail2, protonmail3 → … .domains.proton.ch (key rotation by CNAME).
  { selector: 'protonmail', provider: 'Proton Mail', source: 'https://proton.me/support/cname-problems' },
  { selector: 'protonmail2', provider: 'Proton Mail', source: 'https://proton.me/support/cname-problems' },
  // Fastmail: fmN._domainkey → fmN.DOMAIN.dkim.fmhosted.com, as published in customer zones.
  { selector: 'fm1', provider: 'Fastmail', source: 'https://www.fastmail.com/' },
  { selector: 'fm2', provider: 'Fastmail', source: 'https://www.fastmail.com/' },
  // IONOS: s1-ionos/s2-ionos → sN.dkim.ionos.com, as published in customer zones.
  { selector: 's1-ionos', provider: 'IONOS', source: 'https://www.ionos.de/hilfe/domains/mailserver-und-verwandte-records-konfigurieren/spam-versand-vermeiden-mit-spf-record' },
  { selector: 's2-ionos', provider: 'IONOS', source: 'https://www.ionos.de/hilfe/domains/mailserver-und-verwandte-records-konfigurieren/spam-versand-vermeiden-mit-spf-record' },
  // Zendesk: CNAMEs zendesk1/zendesk2 to Zendesk's domain keys.
  { selector: 'zendesk1', provider: 'Zendesk', source: 'https://support.zendesk.com/hc/en-us/articles/4408822303386' },
  { selector: 'zendesk2', provider: 'Zendesk', source: 'https://support.zendesk.com/hc/en-us/articles/4408822303386' },
  // MailerLite: litesrv._domainkey → litesrv._domainkey.mlsend.com, as published in customer zones.
  { selector: 'litesrv', provider: 'MailerLite', source: 'https://www.mailerlite.com/' },
];

/** CNAME hops followed from a selector name; provider chains are one or two hops. */
export const MAX_DKIM_CNAME_HOPS = 4;
/** Longest TXT value read as a key record: a 4096-bit RSA key is under 1 kB of base64. */
const MAX_KEY_RECORD_CHARS = 4096;

export interface DkimCollectOptions {
  /** Selectors to try (default DKIM_SELECTORS). */
  selectors?: readonly string[];
}

/**
 * What a TXT value says as a DKIM key record (RFC 6376 §3.6.1): `v=DKIM1` (optional, first when
 * present) and a `p=` tag; an empty `p=` is a revoked key.
 *
 * @example dkimKeyState(['v=DKIM1; k=rsa; p=MIGfMA0…']) // 'key'
 * @example dkimKeyState(['v=DKIM1; p=']) // 'revoked'
 * @example dkimKeyState(['v=spf1 -all']) // 'none'
 */
export function dkimKeyState(txtValues: readonly string[]): 'key' | 'revoked' | 'none' {
  let state: 'key' | 'revoked' | 'none' = 'none';
  for (const raw of txtValues) {
    if (raw.length > MAX_KEY_RECORD_CHARS) continue;
    const tags = tagList(raw);
    // v= is optional, but when present it must be first and say DKIM1.
    if (tags.has('v') && (tags.get('v') !== 'DKIM1' || [...tags.keys()][0] !== 'v')) continue;
    const key = tags.get('p');
    if (key === undefined) continue;
    if (key.replace(/\s+/g, '') !== '') return 'key';
    state = 'revoked';
  }
  return state;
}

/**
 * Tries every selector under `domain`. Only selectors with a key are listed; failures and dangling
 * CNAMEs are in `problems`.
 *
 * @example
 * const dkim = await collectDkim(dns, 'example.fr');
 * dkim.found.map((s) => s.cnameChain[0]) // ['dkim.mcsv.net']
 */
export async function collectDkim(client: DnsClient, domain: string, options: DkimCollectOptions = {}): Promise<DkimObservation> {
  const name = normaliseDnsName(domain);
  const selectors = [...new Set(options.selectors ?? DKIM_SELECTORS.map((entry) => entry.selector))];
  const problems: string[] = [];
  const failures: DnsAnswer[] = [];
  const probes = await Promise.all(selectors.map((selector) => probe(client, name, selector, problems, failures)));
  return { domain: name, tried: selectors, found: probes.filter((found): found is DkimSelectorObservation => found !== undefined), problems: [...failureLines(name, selectors.length, failures), ...problems] };
}

/** Failed look-ups, one line each when they are few; one summary line when the resolver fails them all. */
function failureLines(domain: string, tried: number, failures: DnsAnswer[]): string[] {
  if (failures.length <= 2) return failures.map((answer) => `DKIM ${describeFailure(answer)}`);
  const statuses = [...new Set(failures.map((answer) => answer.status.toUpperCase()))].join(', ');
  return [`DKIM: ${failures.length} look-ups for the ${tried} selectors under ${domain} failed (${statuses}), e.g. ${describeFailure(failures[0]!)}`];
}

async function probe(client: DnsClient, domain: string, selector: string, problems: string[], failures: DnsAnswer[]): Promise<DkimSelectorObservation | undefined> {
  const name = `${selector}._domainkey.${domain}`;
  const alias = await client.resolve(name, 'CNAME');
  // NXDOMAIN: nothing published under this selector, the common case and no problem.
  if (alias.status === 'nxdomain') return undefined;
  if (alias.status !== 'ok' && alias.status !== 'nodata') {
    failures.push(alias);
    return undefined;
  }
  const chain = alias.status === 'ok' && alias.values[0] ? await followChain(client, name, alias.values[0], problems) : [];
  const txt = await client.resolve(name, 'TXT');
  if (txt.status !== 'ok' && txt.status !== 'nodata' && txt.status !== 'nxdomain') {
    failures.push(txt);
    return undefined;
  }
  const key = dkimKeyState(txt.values);
  if (key === 'none') {
    if (chain.length > 0) problems.push(`${name} points to ${chain[chain.length - 1]} but no DKIM key answers there (a stale record or a wildcard); not counted`);
    return undefined;
  }
  return { selector, name, cnameChain: chain, key };
}

/** The CNAME chain from `name`, bounded and loop-safe; its first hop is already known. */
async function followChain(client: DnsClient, name: string, first: string, problems: string[]): Promise<string[]> {
  const chain = [normaliseDnsName(first)];
  const seen = new Set([name, chain[0]!]);
  while (chain.length < MAX_DKIM_CNAME_HOPS) {
    const next = await client.resolve(chain[chain.length - 1]!, 'CNAME');
    const target = next.status === 'ok' ? next.values[0] : undefined;
    if (!target) return chain;
    if (seen.has(target)) {
      problems.push(`DKIM CNAME loop: ${[name, ...chain, target].join(' → ')}`);
      return chain;
    }
    chain.push(target);
    seen.add(target);
  }
  return chain;
}
