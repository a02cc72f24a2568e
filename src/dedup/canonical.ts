// A content-based order for reports, so that every choice made among them (clusters, merged fields,
// tie-breaks) is the same whatever order the store hands them over in.

/** JSON with object keys sorted at every level: equal content gives an equal string. */
export function canonicalKey(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries.map(([k, v]) => [k, sortKeys(v)]));
  }
  return value;
}

/** Plain code-unit comparison: locale-aware collation could differ between machines. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function inCanonicalOrder<T>(items: readonly T[]): T[] {
  return items
    .map((item) => ({ item, key: canonicalKey(item) }))
    .sort((x, y) => compareStrings(x.key, y.key))
    .map((x) => x.item);
}
