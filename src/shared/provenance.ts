/**
 * The one provenance de-duplication. Two provenances are the same citation when source, version,
 * as-of date and note agree; `perSourceVersion` lists each source version once whatever the notes
 * (a finding over several facts of one source cites that source once).
 */
interface ProvenanceLike {
  source: string;
  version?: string | undefined;
  asOf?: string | undefined;
  note?: string | undefined;
}

/** The key two provenances are compared by. */
export function provenanceKey(p: ProvenanceLike, perSourceVersion = false): string {
  return [p.source, p.version ?? '', p.asOf ?? '', perSourceVersion ? '' : (p.note ?? '')].join('\u0000');
}

/** The list without repeats, first occurrence kept, order kept. */
export function uniqueProvenance<P extends ProvenanceLike>(list: readonly P[], options: { perSourceVersion?: boolean } = {}): P[] {
  const seen = new Set<string>();
  return list.filter((p) => {
    const key = provenanceKey(p, options.perSourceVersion);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
