/**
 * The values a journey types, and what kind of personal data each is — judged from the field's
 * selector and the value's shape at capture time. The report keeps the selector and the kind,
 * never the value.
 */
import { caselessForms, valueForms, type TypedValue } from '../collect/network/outgoing.js';
import type { TypedFieldKind } from '../types.js';
import type { Journey } from './journey-file.js';

const BY_SELECTOR: Array<[TypedFieldKind, RegExp]> = [
  ['email', /e-?mail|courriel|mel\b/i],
  ['phone', /phone|t[ée]l[ée]?phone|\btel\b|mobile|portable|gsm/i],
  ['postcode', /post(al)?[-_ ]?code|zip|code[-_ ]?postal|\bcp\b|plz/i],
  ['birth-date', /birth|naissance|\bdob\b/i],
  ['address', /address|adresse|street|\brue\b|city|ville|commune/i],
  ['name', /name|\bnom\b|pr[ée]nom|surname|given|family|first|last|civilit/i],
];

/** The kind of a field, from its selector, else from the value typed. */
export function fieldKind(selector: string, value: string): TypedFieldKind {
  for (const [kind, pattern] of BY_SELECTOR) if (pattern.test(selector)) return kind;
  const trimmed = value.trim();
  if (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(trimmed)) return 'email';
  if (/^\+?[\d\s().-]{8,}$/.test(trimmed) && trimmed.replace(/\D/g, '').length >= 8) return 'phone';
  return 'other';
}

/** The values a journey types (fill steps; select values are option ids, not visitor data). */
export function typedValues(journey: Journey): TypedValue[] {
  return journey.steps.filter((step) => step.action === 'fill' && step.value !== undefined).map((step) => ({ field: step.target, value: step.value! }));
}

/** The fields a journey types, with their kind; the values are left out. */
export function typedFieldKinds(journey: Journey): { field: string; kind: TypedFieldKind }[] {
  const seen = new Set<string>();
  return typedValues(journey).flatMap(({ field, value }) => {
    if (seen.has(field)) return [];
    seen.add(field);
    return [{ field, kind: fieldKind(field, value) }];
  });
}

/** Personal data in the sense of the finding (what identifies or reaches a person). */
export function isPersonal(kind: TypedFieldKind): boolean {
  return kind !== 'other';
}

/**
 * Replaces every trace of the typed values in a capture (request URLs carrying a GET form, page
 * addresses, redirect chains, step URLs…) with "[typed:SELECTOR]": the report names the field,
 * never the value. Encoded forms (URL, form, JSON, base64, SHA-256) are replaced too.
 */
export function redactTypedValues<T>(value: T, typed: readonly TypedValue[]): T {
  const rules = typed
    .filter(({ value: text }) => text.trim().length >= 4)
    .flatMap(({ field, value: text }) => [
      ...valueForms(text).map((form) => ({ pattern: new RegExp(escapeRegExp(form), 'g'), field })),
      ...caselessForms(text).map((form) => ({ pattern: new RegExp(escapeRegExp(form), 'gi'), field })),
    ])
    .sort((a, b) => b.pattern.source.length - a.pattern.source.length);
  if (rules.length === 0) return value;
  const redact = (text: string): string => rules.reduce((current, { pattern, field }) => current.replace(pattern, `[typed:${field}]`), text);
  const walk = (node: unknown): unknown => {
    if (typeof node === 'string') return redact(node);
    if (Array.isArray(node)) return node.map(walk);
    if (node && typeof node === 'object') return Object.fromEntries(Object.entries(node).map(([key, child]) => [key, key === 'screenshot' ? child : walk(child)]));
    return node;
  };
  return walk(value) as T;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
