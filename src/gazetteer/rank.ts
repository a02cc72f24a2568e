// How places rank against each other, and which feature classes of a full dump the gazetteer keeps:
// shared by the in-memory index (gazetteer.ts) and the SQLite index of imported dumps (index-store.ts).
import type { GazetteerEntry } from './types.ts';

// Features a full country dump adds that reporters name: populated places, relief (Adrar Tigharghar),
// water (wells, wadis, ponds), areas (forests, plains). Admin areas come from the admin tables,
// spots (schools, mosques) are too fine.
export const DUMP_CLASSES: readonly string[] = ['P', 'T', 'H', 'L', 'V'];

const ADMIN_RANK: Record<string, number> = { PPLC: 3, PPLA: 2.5, PPLG: 2, PPLA2: 1.5, PPLA3: 1, PPLA4: 0.8, PPL: 0.5 };

/** Best-first order: populated places, then administrative rank and population. */
export function entryScore(e: Pick<GazetteerEntry, 'featureClass' | 'featureCode' | 'population'>): number {
  return (e.featureClass === 'P' ? 2 : 0) + (ADMIN_RANK[e.featureCode] ?? 0) + Math.log10(e.population + 1);
}
