// Groups a batch of reports into events. Reports join through pairs that sameEvent accepts (union-find
// style), but two groups never join when any report of one rules out any report of the other
// (compareReports' `contradicted`): a vague "gunmen attacked Boni" must not chain a JNIM attack and an
// Islamic State attack at Boni into one event, nor 8 km + 8 km steps make a 16 km-wide event.
// Pairs are tried best score first, ties in content order, so the clusters do not depend on the order
// the reports arrive in.
import type { Codable } from './codable.ts';
import { inCanonicalOrder } from './canonical.ts';
import { compareReports } from './match.ts';

export { mergeEvent, type MergedEvent, type MergeableReport } from './merge.ts';

interface MatchingPair {
  i: number;
  j: number;
  score: number;
}

export function clusterEvents<T extends Codable>(events: T[]): T[][] {
  const items = inCanonicalOrder(events);
  const n = items.length;
  const ruledOut: boolean[][] = items.map(() => new Array<boolean>(n).fill(false));
  const pairs: MatchingPair[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const verdict = compareReports(items[i]!, items[j]!);
      if (verdict.contradicted) ruledOut[i]![j] = ruledOut[j]![i] = true;
      if (verdict.same) pairs.push({ i, j, score: verdict.score });
    }
  }
  pairs.sort((p, q) => q.score - p.score || p.i - q.i || p.j - q.j);

  const clusterOf = items.map((_, i) => i);
  const members = items.map((_, i) => [i]);
  for (const { i, j } of pairs) {
    const [keep, drop] = [Math.min(clusterOf[i]!, clusterOf[j]!), Math.max(clusterOf[i]!, clusterOf[j]!)];
    if (keep === drop) continue;
    const kept = members[keep]!;
    const dropped = members[drop]!;
    if (kept.some((x) => dropped.some((y) => ruledOut[x]![y]))) continue;
    for (const y of dropped) clusterOf[y] = keep;
    members[keep] = [...kept, ...dropped].sort((x, y) => x - y);
    members[drop] = [];
  }
  return members.filter((m) => m.length > 0).map((m) => m.map((k) => items[k]!));
}
