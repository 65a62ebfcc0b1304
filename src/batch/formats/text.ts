import type { AuditSummary } from '../summary.js';

/** "US 60 % hosts / 75 % requests; FR …", most reached first. */
export function jurisdictionText(summary: AuditSummary): string {
  return jurisdictionEntries(summary)
    .map(([code, j]) => `${code} ${percent(j.hostShare)} hosts / ${percent(j.requestShare)} requests`)
    .join('; ');
}

export function jurisdictionEntries(summary: AuditSummary): [string, AuditSummary['jurisdictions'][string]][] {
  return Object.entries(summary.jurisdictions).sort((a, b) => b[1].requestShare - a[1].requestShare || b[1].hostShare - a[1].hostShare || a[0].localeCompare(b[0]));
}

export function percent(share: number): string {
  return `${Math.round(share * 100)} %`;
}
