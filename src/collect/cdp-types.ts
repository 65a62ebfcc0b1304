/**
 * The few Chrome DevTools Protocol shapes the capture reads, written out because playwright-core
 * does not export its Protocol types. Only the fields used are listed; see
 * https://chromedevtools.github.io/devtools-protocol/tot/Network/ for the full definitions.
 */

export interface CdpCallFrame {
  url: string;
  functionName?: string;
}

export interface CdpStackTrace {
  description?: string;
  callFrames: CdpCallFrame[];
  parent?: CdpStackTrace;
}

export interface CdpInitiator {
  /** parser, script, preload, SignedExchange, preflight, FedCM, other. */
  type: string;
  url?: string;
  stack?: CdpStackTrace;
  requestId?: string;
}

export interface CdpSecurityDetails {
  protocol?: string;
  subjectName?: string;
  issuer?: string;
  /** Seconds since the epoch. */
  validFrom?: number;
  validTo?: number;
}

export interface CdpResponse {
  url: string;
  status: number;
  headers: Record<string, string>;
  mimeType?: string;
  remoteIPAddress?: string;
  remotePort?: number;
  securityDetails?: CdpSecurityDetails;
}

export interface RequestWillBeSent {
  requestId: string;
  documentURL?: string;
  request: { url: string; method: string } & CdpOutgoingRequest;
  /** Seconds since the epoch. */
  wallTime?: number;
  initiator: CdpInitiator;
  redirectResponse?: CdpResponse;
  type?: string;
  frameId?: string;
}

export interface ResponseReceived {
  requestId: string;
  type?: string;
  frameId?: string;
  response: CdpResponse;
}

export interface ResponseReceivedExtraInfo {
  requestId: string;
  headers: Record<string, string>;
  statusCode?: number;
}

export interface LoadingFailed {
  requestId: string;
  type?: string;
  errorText: string;
  canceled?: boolean;
  blockedReason?: string;
  corsErrorStatus?: { corsError?: string };
}

export interface WebSocketCreated {
  requestId: string;
  url: string;
  initiator?: CdpInitiator;
}

export interface WebSocketHandshakeResponseReceived {
  requestId: string;
  response: { status: number; headers?: Record<string, string> };
}

export interface TargetInfo {
  targetId: string;
  type: string;
  url: string;
  browserContextId?: string;
}

export interface AttachedToTarget {
  sessionId: string;
  targetInfo: TargetInfo;
  waitingForDebugger?: boolean;
}

/** The CDP request as the Network events carry it (the fields this file reads). */
export interface CdpOutgoingRequest {
  url: string;
  headers?: Record<string, string>;
  postData?: string;
  hasPostData?: boolean;
  postDataEntries?: Array<{ bytes?: string }>;
  referrerPolicy?: string;
}
