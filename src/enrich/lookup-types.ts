/** The JSON shape of `souverain lookup --format json` (one object per input, in an array). */
import type {
  Attribution, Category, Control, CountryCode, EntityFacts, JurisdictionCandidate, LawRef, OwnershipEvent, Provenance, Qualification,
} from '../types.js';
import type { Knowledge } from './knowledge.js';

export type { Attribution, Control, EntityFacts, Knowledge, Provenance };

/** Which table named the organisation: a curated host pattern, an owned domain, third-party-web (name only), an ASN. */
export type DecidingTable = 'curated-services' | 'owned-domain' | 'third-party-web' | 'asn';

export type LookupControl =
  | { status: 'unknown'; reason: string }
  | {
    status: 'known';
    /** From the organisation up to its ultimate parent. */
    chain: { id: string; name: string; legalName?: string; country: CountryCode | 'unknown'; confidence?: 'high' | 'medium' | 'low' }[];
    ultimateParent: { id: string; name: string };
    jurisdiction: CountryCode | 'unknown';
    jurisdictionCandidates?: JurisdictionCandidate[];
    laws: LawRef[];
    /** The weakest confidence of the chain. */
    confidence: 'high' | 'medium' | 'low';
    qualifications: (Qualification & { holder: string })[];
    history: (OwnershipEvent & { entity: string })[];
    sources: (Provenance & { entity: string })[];
  };

export interface LookupResult {
  input: string;
  kind: 'host' | 'ip';
  host?: string;
  ip?: string;
  /** Addresses used for the operator (resolved with --dns-server, or the IP given). */
  addresses: string[];
  /** known when the vendor's or the operator's control is known. */
  status: 'known' | 'unknown';
  vendor?: { entity: string; name: string; service?: string; categories: Category[]; decidedBy: DecidingTable; pattern?: string; sources: Provenance[] };
  vendorControl?: LookupControl;
  network?: { ip: string; asn: number; asOrganisation: string; sources: Provenance[] };
  operator?: { entity: string; name: string; decidedBy: 'asn'; sources: Provenance[] };
  operatorControl?: LookupControl;
  serverLocation?: { country: CountryCode; sources: Provenance[] };
  /** What was tried and found nothing. */
  tried: string[];
}
