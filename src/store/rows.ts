// Between the domain's events and the store's rows: what a stored event looks like to its readers, and how a
// coded reading becomes the columns of a row.
import { createRequire } from 'node:module';
import type { Insertable, Selectable } from 'kysely';
import type { FaultlineEvent } from '../domain/index.ts';
import type { EventsTable } from './schema.ts';

export type EventRow = Selectable<EventsTable>;

/** The columns a reading sets (ACLED's and Faultline's own); the rest is the store's bookkeeping. */
export const READING_COLUMNS = [
  'event_date', 'year', 'time_precision', 'disorder_type', 'event_type', 'sub_event_type', 'actor1', 'assoc_actor_1', 'inter1',
  'actor2', 'assoc_actor_2', 'inter2', 'interaction', 'civilian_targeting', 'iso', 'region', 'country', 'admin1', 'admin2',
  'admin3', 'location', 'latitude', 'longitude', 'geo_precision', 'geonameid', 'source', 'source_scale', 'notes', 'fatalities',
  'tags', 'timestamp', 'confidence',
] as const satisfies readonly (keyof EventsTable & keyof FaultlineEvent)[];
export type ReadingColumn = (typeof READING_COLUMNS)[number];

/** An event as the store gives it out: the row, with its codes typed and its JSON lists parsed. */
export type StoredEvent = Omit<EventRow, 'time_precision' | 'event_type' | 'sub_event_type' | 'geo_precision' | 'flags' | 'conflicts' | 'locked_fields'> & {
  time_precision: 1 | 2 | 3;
  event_type: FaultlineEvent['event_type'];
  sub_event_type: FaultlineEvent['sub_event_type'];
  geo_precision: 1 | 2 | 3 | null;
  flags: string[];
  conflicts: string[];
  locked_fields: string[];
};

function jsonList(text: string): string[] {
  try {
    const v: unknown = JSON.parse(text);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

export function storedEvent(row: EventRow): StoredEvent {
  return {
    ...row,
    time_precision: row.time_precision as 1 | 2 | 3,
    event_type: row.event_type as StoredEvent['event_type'],
    sub_event_type: row.sub_event_type as StoredEvent['sub_event_type'],
    geo_precision: row.geo_precision as StoredEvent['geo_precision'],
    timestamp: Number(row.timestamp),
    flags: jsonList(row.flags),
    conflicts: jsonList(row.conflicts),
    locked_fields: jsonList(row.locked_fields),
  };
}

/** The domain event of a stored one (for the exporters): evidence and claims live with the sources. */
export function asFaultlineEvent(e: StoredEvent): FaultlineEvent {
  const { id: _id, fatalities_low: _l, fatalities_best: _b, fatalities_high: _h, conflicts: _c, locked_fields: _lf, status: _s,
    origin: _o, sources_count: _n, created_at: _ca, updated_at: _ua, version: _v, ...acled } = e;
  return { ...acled, doc_id: '', evidence: [], claims: [] };
}

/** The reading columns of a coded event. */
export function readingColumns(e: FaultlineEvent): Pick<Insertable<EventsTable>, ReadingColumn> {
  const out: Record<string, unknown> = {};
  for (const c of READING_COLUMNS) out[c] = e[c];
  return out as Pick<Insertable<EventsTable>, ReadingColumn>;
}

const require = createRequire(import.meta.url);
interface WorldCountry { cca3: string; ccn3: string }
let iso3ByNumeric: Map<number, string> | null = null;

/** ACLED's ids start with the country's ISO3 ("MLI1234"); Faultline's add FL so they never collide with ACLED's. */
export function eventIdCnty(iso: number | null, id: number): string {
  iso3ByNumeric ??= new Map((require('world-countries/countries.json') as WorldCountry[]).map((c) => [Number(c.ccn3), c.cca3]));
  const iso3 = iso === null ? 'XXX' : (iso3ByNumeric.get(iso) ?? 'XXX');
  return `${iso3}FL${id}`;
}
