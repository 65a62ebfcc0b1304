import type { AddressInfo } from 'node:net';
import { Packet, TCPServer, UDPServer } from 'dns2';
import type { DnsFault, DnsRecordSpec } from './types.js';

/**
 * An authoritative DNS server for the fixture zone, over UDP and TCP on one port, speaking the real
 * protocol (dns2), so that souverain's DNS collector and Node's resolver are exercised for real.
 * It answers what the zone says and nothing more: CNAME chains are followed inside the zone (a loop
 * stops when a name repeats), faults are played as written.
 */

const DEFAULT_TTL = 300;
const DEFAULT_MX_PRIORITY = 10;
/** TXT character-strings are at most 255 bytes (RFC 1035 §3.3). */
const TXT_CHUNK = 255;

type Fault = DnsFault['fault'];
type Zone = { records: Map<string, DnsRecordSpec[]>; faults: Map<string, Fault> };
type Answer = { rcode: number; answers: object[] } | 'no-answer';

export interface RunningDnsServer {
  port: number;
  close(): Promise<void>;
}

function normaliseName(name: string): string {
  return name.trim().toLowerCase().replace(/\.$/, '');
}

function buildZone(entries: (DnsRecordSpec | DnsFault)[]): Zone {
  const zone: Zone = { records: new Map(), faults: new Map() };
  for (const entry of entries) {
    const name = normaliseName(entry.name);
    if ('fault' in entry) zone.faults.set(name, entry.fault);
    else zone.records.set(name, [...(zone.records.get(name) ?? []), entry]);
  }
  return zone;
}

function splitTxt(value: string): string[] {
  const chunks: string[] = [];
  for (let start = 0; start < value.length; start += TXT_CHUNK) chunks.push(value.slice(start, start + TXT_CHUNK));
  return chunks.length > 0 ? chunks : [''];
}

function toResource(name: string, record: DnsRecordSpec): object {
  const base = { name, type: Packet.TYPE[record.type], class: Packet.CLASS.IN, ttl: record.ttl ?? DEFAULT_TTL };
  switch (record.type) {
    case 'A':
    case 'AAAA':
      return { ...base, address: record.value };
    case 'CNAME':
      return { ...base, domain: normaliseName(record.value) };
    case 'NS':
      return { ...base, ns: normaliseName(record.value) };
    case 'MX':
      return { ...base, exchange: normaliseName(record.value), priority: record.priority ?? DEFAULT_MX_PRIORITY };
    case 'TXT':
      return { ...base, data: splitTxt(record.value) };
  }
}

function faultAnswer(fault: Fault, answers: object[]): Answer {
  if (fault === 'timeout') return 'no-answer';
  return { rcode: fault === 'servfail' ? Packet.RCODE.SERVFAIL : Packet.RCODE.NXDOMAIN, answers };
}

/** Resolves one question against the zone, following CNAMEs the way a recursive answer would. */
export function answerQuestion(zone: Zone, questionName: string, questionType: number): Answer {
  const answers: object[] = [];
  const visited = new Set<string>();
  let name = normaliseName(questionName);
  for (;;) {
    const fault = zone.faults.get(name);
    if (fault) return faultAnswer(fault, answers);
    const records = zone.records.get(name);
    if (!records) return { rcode: Packet.RCODE.NXDOMAIN, answers };
    visited.add(name);
    const wanted = records.filter((r) => questionType === Packet.TYPE.ANY || Packet.TYPE[r.type] === questionType);
    if (wanted.length > 0) return { rcode: Packet.RCODE.NOERROR, answers: [...answers, ...wanted.map((r) => toResource(name, r))] };
    const alias = records.find((r) => r.type === 'CNAME');
    if (!alias) return { rcode: Packet.RCODE.NOERROR, answers };
    answers.push(toResource(name, alias));
    name = normaliseName(alias.value);
    if (visited.has(name)) return { rcode: Packet.RCODE.NOERROR, answers };
  }
}

function handler(zone: Zone) {
  return (request: Packet, send: (response: Packet) => unknown): void => {
    const response = Packet.createResponseFromRequest(request);
    const question = request.questions[0];
    if (!question) {
      response.header.rcode = Packet.RCODE.FORMERR;
      void send(response);
      return;
    }
    const answer = answerQuestion(zone, question.name, question.type);
    if (answer === 'no-answer') return; // the 'timeout' fault: stay silent
    response.header.aa = 1;
    response.header.ra = 1;
    response.header.rcode = answer.rcode;
    response.answers = answer.answers as Packet['answers'];
    void send(response);
  };
}

function listenTcp(server: TCPServer, port: number, address: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, address, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** Binds UDP on an ephemeral port, then TCP on the same port (retrying if another process holds it). */
async function bindSamePort(udp: UDPServer, tcp: TCPServer, address: string): Promise<number> {
  for (let attempt = 0; ; attempt++) {
    await udp.listen(0, address);
    const port = (udp.address() as AddressInfo).port;
    try {
      await listenTcp(tcp, port, address);
      return port;
    } catch (error) {
      await new Promise<void>((resolve) => udp.close(() => resolve()));
      if (attempt >= 20 || (error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    }
  }
}

/** Starts the zone's DNS server on `address` (UDP + TCP, same ephemeral port). */
export async function startDnsServer(entries: (DnsRecordSpec | DnsFault)[], address: string): Promise<RunningDnsServer> {
  const zone = buildZone(entries);
  const respond = handler(zone);
  const family = address.includes(':') ? 'udp6' : 'udp4';
  // A fresh UDP socket per attempt: a closed dgram socket cannot be bound again.
  for (let attempt = 0; ; attempt++) {
    const udp = new UDPServer({ type: family });
    const tcp = new TCPServer();
    udp.on('request', respond);
    tcp.on('request', respond);
    udp.on('requestError', () => undefined);
    tcp.on('requestError', () => undefined);
    try {
      const port = await bindSamePort(udp, tcp, address);
      return { port, close: () => closeBoth(udp, tcp) };
    } catch (error) {
      if (attempt >= 5) throw error;
    }
  }
}

function closeBoth(udp: UDPServer, tcp: TCPServer): Promise<void> {
  const udpClosed = new Promise<void>((resolve) => udp.close(() => resolve()));
  const tcpClosed = new Promise<void>((resolve) => tcp.close(() => resolve()));
  // Clients that hold a TCP connection open (pipelining) would keep close() waiting.
  (tcp as unknown as { connections?: Set<{ destroy(): void }> }).connections?.forEach((socket) => socket.destroy());
  return Promise.all([udpClosed, tcpClosed]).then(() => undefined);
}
