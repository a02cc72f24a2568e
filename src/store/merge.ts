// The store's side of deduplication: which stored event a reading reports (dedup/match) and the columns of an
// event told by several sources (dedup/cluster, dedup/fatalities), plus what only the store knows: outlets,
// notes, flags, confidence.
import type { FaultlineEvent } from '../domain/index.ts';
import { mergeEvent } from '../dedup/cluster.ts';
import { mergeFatalities } from '../dedup/fatalities.ts';
import { compareReports, sameEvent, type Codable } from '../dedup/match.ts';
import { READING_COLUMNS, type ReadingColumn, type StoredEvent } from './rows.ts';

export type MergedColumns = Record<ReadingColumn, unknown> & Pick<FaultlineEvent, ReadingColumn> & {
  fatalities_low: number;
  fatalities_best: number;
  fatalities_high: number;
  flags: string[];
  conflicts: string[];
};

export function sameEventAs(stored: StoredEvent, reading: FaultlineEvent): { same: boolean; score: number; reasons: string[] } {
  const { same, score, reasons } = sameEvent(stored as Codable, reading);
  return { same, score, reasons };
}

/** Two stored events that cannot be one (different named actors, places apart…): a vague report that
 * matches both must not chain them together. */
export function contradict(a: StoredEvent, b: StoredEvent): boolean {
  return compareReports(a as Codable, b as Codable).contradicted;
}

/** The columns of one event from all its readings, whatever order they came in. */
export function mergeReadings(sources: { reading: FaultlineEvent; outlet: string }[]): MergedColumns {
  if (sources.length === 0) throw new Error('mergeReadings: no reading');
  const readings = sources.map((s) => s.reading);
  const merged = mergeEvent(readings);
  const fat = mergeFatalities(sources.map((s) => ({ source: s.outlet, fatalities: s.reading.fatalities, claims: s.reading.claims })));
  // The reading whose place and type the merge kept lends the columns the merge does not decide.
  const base = readings.find((r) => r.location === merged.location && r.sub_event_type === merged.sub_event_type)
    ?? readings.find((r) => r.location === merged.location) ?? readings[0]!;
  const outlets = [...new Set(sources.map((s) => s.outlet).filter((s) => s !== ''))].sort();
  return {
    ...pickReading(base),
    ...pickCodable(merged),
    year: Number(merged.event_date.slice(0, 4)),
    source: outlets.join('; '),
    fatalities: fat.fatalities,
    fatalities_low: fat.low,
    fatalities_best: fat.best,
    fatalities_high: fat.high,
    confidence: Math.max(...readings.map((r) => r.confidence)),
    timestamp: Math.max(...readings.map((r) => r.timestamp)),
    flags: [...new Set(readings.flatMap((r) => r.flags))].sort(),
    conflicts: [...new Set([...merged.conflicts, ...(fat.conflict ? ['fatalities'] : [])])].sort(),
  };
}

function pickReading(r: FaultlineEvent): Pick<FaultlineEvent, ReadingColumn> {
  const out: Record<string, unknown> = {};
  for (const c of READING_COLUMNS) out[c] = r[c];
  return out as Pick<FaultlineEvent, ReadingColumn>;
}

function pickCodable(c: Codable): Partial<Pick<FaultlineEvent, ReadingColumn>> {
  const { fatalities: _f, ...rest } = c;
  return rest;
}
