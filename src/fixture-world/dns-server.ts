import type { AddressInfo, Socket } from 'node:net';
import { Packet, TCPServer, UDPServer, type Resource } from 'dns2';
import type { DnsFault, DnsRecordSpec } from './types.js';

/**
 * An authoritative DNS server for the fixture zone, over UDP and TCP on one port, speaking the real
 * protocol (dns2), so that souverain's DNS collector and Node's resolver are exercised for real.
 * It answers what the zone says and nothing more: CNAME chains are followed inside the zone (a loop
 * stops when a name repeats), faults are played as written.
 */

/** Response codes (RFC 1035 §4.1.1); dns2 has them at run time but its typings omit them. */
const RCODE = { NOERROR: 0, FORMERR: 1, SERVFAIL: 2, NXDOMAIN: 3 } as const;
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
  return { rcode: fault === 'servfail' ? RCODE.SERVFAIL : RCODE.NXDOMAIN, answers };
}

/** Resolves one question against the zone, following CNAMEs the way a recursive answer would. */
function answerQuestion(zone: Zone, questionName: string, questionType: number): Answer {
  const answers: object[] = [];
  const visited = new Set<string>();
  let name = normaliseName(questionName);
  for (;;) {
    const fault = zone.faults.get(name);
    if (fault) return faultAnswer(fault, answers);
    const records = zone.records.get(name);
    if (!records) return { rcode: RCODE.NXDOMAIN, answers };
    visited.add(name);
    const wanted = records.filter((r) => questionType === Packet.TYPE.ANY || Packet.TYPE[r.type] === questionType);
    if (wanted.length > 0) return { rcode: RCODE.NOERROR, answers: [...answers, ...wanted.map((r) => toResource(name, r))] };
    const alias = records.find((r) => r.type === 'CNAME');
    if (!alias) return { rcode: RCODE.NOERROR, answers };
    answers.push(toResource(name, alias));
    name = normaliseName(alias.value);
    if (visited.has(name)) return { rcode: RCODE.NOERROR, answers };
  }
}

type Respond = (request: Packet, send: (response: Packet) => unknown) => void;

function handler(zone: Zone): Respond {
  return (request, send) => {
    const response = Packet.createResponseFromRequest(request);
    const question = request.questions[0];
    if (!question) {
      response.header.rcode = RCODE.FORMERR;
      sendQuietly(send, response);
      return;
    }
    const answer = answerQuestion(zone, question.name, question.type);
    if (answer === 'no-answer') return; // the 'timeout' fault: stay silent
    response.header.aa = 1;
    response.header.ra = 1;
    response.header.rcode = answer.rcode;
    response.answers = answer.answers as Resource[];
    sendQuietly(send, response);
  };
}

/** UDP sends return a promise that rejects once the socket is closed; TCP sends return nothing. */
function sendQuietly(send: (response: Packet) => unknown, response: Packet): void {
  Promise.resolve()
    .then(() => send(response))
    .catch(() => undefined);
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

function closeUdp(udp: UDPServer): Promise<void> {
  return new Promise((resolve) => udp.close(() => resolve()));
}

/**
 * Binds UDP on an ephemeral port, then TCP on the same port, since resolvers retry a truncated UDP
 * answer over TCP on the same port. Another process may hold that TCP port: then try again with
 * fresh sockets (a closed dgram socket cannot be bound again).
 */
async function bindSamePort(respond: Respond, address: string): Promise<{ port: number; udp: UDPServer; tcp: TCPServer }> {
  for (let attempt = 0; ; attempt++) {
    const udp = new UDPServer({ type: address.includes(':') ? 'udp6' : 'udp4' });
    const tcp = new TCPServer();
    for (const server of [udp, tcp]) {
      server.on('request', respond);
      server.on('requestError', () => undefined); // a malformed query is the client's problem
    }
    await udp.listen(0, address);
    const port = (udp.address() as AddressInfo).port;
    try {
      await listenTcp(tcp, port, address);
      return { port, udp, tcp };
    } catch (error) {
      await closeUdp(udp);
      if (attempt >= 20 || (error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    }
  }
}

/** Starts the zone's DNS server on `address` (UDP + TCP, same ephemeral port). */
export async function startDnsServer(entries: (DnsRecordSpec | DnsFault)[], address: string): Promise<RunningDnsServer> {
  const { port, udp, tcp } = await bindSamePort(handler(buildZone(entries)), address);
  // Clients may keep a TCP connection open (pipelining): close() destroys them.
  const sockets = new Set<Socket>();
  tcp.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const close = async (): Promise<void> => {
    const tcpClosed = new Promise<void>((resolve) => tcp.close(() => resolve()));
    sockets.forEach((socket) => socket.destroy());
    await Promise.all([closeUdp(udp), tcpClosed]);
  };
  return { port, close };
}
