/**
 * IP address parsing and the address ranges that never identify a public server (private,
 * loopback, link-local, documentation…): looking those up would attribute the test world's
 * 127.0.0.1 or a home router to whoever happens to own the number in a registry.
 */
import { isIP } from 'node:net';

/** An IPv4 address as an unsigned 32-bit number, or an IPv6 address as four 32-bit limbs, most significant first. */
export type ParsedIp =
  | { version: 4; value: number }
  | { version: 6; limbs: [number, number, number, number] };

/**
 * Parses an IPv4 or IPv6 address (brackets and an IPv6 zone are tolerated). IPv4-mapped IPv6
 * addresses (`::ffff:192.0.2.1`) are returned as IPv4.
 */
export function parseIp(text: string): ParsedIp | undefined {
  const address = stripDecorations(text);
  const version = isIP(address);
  if (version === 4) return { version: 4, value: ipv4ToNumber(address) };
  if (version !== 6) return undefined;
  const limbs = ipv6ToLimbs(address);
  if (limbs[0] === 0 && limbs[1] === 0 && limbs[2] === 0xffff) return { version: 4, value: limbs[3] };
  return { version: 6, limbs };
}

function stripDecorations(text: string): string {
  let address = text.trim();
  if (address.startsWith('[') && address.endsWith(']')) address = address.slice(1, -1);
  const zone = address.indexOf('%');
  return zone >= 0 ? address.slice(0, zone) : address;
}

function ipv4ToNumber(address: string): number {
  const [a, b, c, d] = address.split('.').map(Number) as [number, number, number, number];
  return ((a << 24) | (b << 16) | (c << 8) | d) >>> 0;
}

/** Expects an address that node:net accepted as IPv6. */
function ipv6ToLimbs(address: string): [number, number, number, number] {
  let text = address.toLowerCase();
  const lastColon = text.lastIndexOf(':');
  const tail = text.slice(lastColon + 1);
  if (tail.includes('.')) {
    const v4 = ipv4ToNumber(tail);
    text = `${text.slice(0, lastColon + 1)}${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  }
  const [head = '', rest] = text.split('::') as [string, string | undefined];
  const headGroups = head === '' ? [] : head.split(':');
  const restGroups = rest === undefined || rest === '' ? [] : rest.split(':');
  const zeros = new Array<string>(8 - headGroups.length - restGroups.length).fill('0');
  const groups = [...headGroups, ...(rest === undefined ? [] : zeros), ...restGroups].map((g) => parseInt(g, 16));
  const limb = (i: number) => (((groups[2 * i] ?? 0) << 16) | (groups[2 * i + 1] ?? 0)) >>> 0;
  return [limb(0), limb(1), limb(2), limb(3)];
}

/** [first address, prefix length] of IPv4 ranges that are not public unicast (RFC 6890 and friends). */
const SPECIAL_IPV4: [string, number][] = [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16],
  ['172.16.0.0', 12], ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.88.99.0', 24], ['192.168.0.0', 16],
  ['198.18.0.0', 15], ['198.51.100.0', 24], ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
];

const SPECIAL_IPV4_RANGES = SPECIAL_IPV4.map(([first, bits]) => {
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return { network: (ipv4ToNumber(first) & mask) >>> 0, mask };
});

/**
 * True for addresses that cannot identify a public server: private, loopback, link-local,
 * carrier-grade NAT, documentation, benchmarking, multicast, reserved; for IPv6 also unspecified,
 * unique-local, link-local, multicast, documentation and anything outside global unicast 2000::/3.
 */
export function isSpecialIp(ip: ParsedIp): boolean {
  if (ip.version === 4) {
    return SPECIAL_IPV4_RANGES.some(({ network, mask }) => ((ip.value & mask) >>> 0) === network);
  }
  const [first, second] = ip.limbs;
  const notGlobalUnicast = (first >>> 29) !== 0b001; // 2000::/3; also covers ::, ::1, fc00::/7, fe80::/10, ff00::/8
  const documentation = first === 0x20010db8; // 2001:db8::/32
  const orchid = (first & 0xfffffff0) === 0x20010010; // 2001:10::/28
  const teredoOrBenchmark = first === 0x20010000 || (first === 0x20010002 && (second >>> 16) === 0); // 2001::/32, 2001:2::/48
  return notGlobalUnicast || documentation || orchid || teredoOrBenchmark;
}

/** Parses and keeps only addresses that can identify a public server. */
export function usableIp(text: string): ParsedIp | undefined {
  const ip = parseIp(text);
  return ip && !isSpecialIp(ip) ? ip : undefined;
}
