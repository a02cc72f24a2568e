// Reads an ACLED export (their CSV, or Faultline's acled-csv) into events, row by row, streaming: each row
// is checked as the extractor's events are, and a bad row is an error naming its line, never a crash.
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import { ACLED_COLUMNS, EventSchema, type FaultlineEvent } from '../domain/index.ts';
import { restoreFormula } from '../export/cells.ts';
import { DocumentError } from './errors.ts';

export type AcledRow = { ok: true; event: FaultlineEvent; line: number } | { ok: false; error: DocumentError; line: number };

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** ACLED's dates: "2025-10-01" (current exports) or "01 October 2025" (older ones). */
export function acledDate(text: string): string | null {
  const t = text.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(t)) return t;
  const m = /^(\d{1,2})[\s-]+([A-Za-z]+)[\s-]+(\d{4})$/.exec(t);
  if (m === null) return null;
  const month = MONTHS.findIndex((name) => name.startsWith(m[2]!.toLowerCase()) && m[2]!.length >= 3);
  if (month < 0) return null;
  return `${m[3]}-${String(month + 1).padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
}

const NUMBER = /^-?\d+(\.\d+)?$/;

function num(v: string | undefined): number | null {
  const t = (v ?? '').trim();
  return NUMBER.test(t) ? Number(t) : null;
}

/** One CSV record (column -> cell) as an event; throws a message for what is wrong. */
export function eventFromAcledRecord(rec: Record<string, string>): FaultlineEvent {
  const cell = (c: string): string => restoreFormula((rec[c] ?? '').trim());
  const date = acledDate(cell('event_date'));
  if (date === null) throw new Error(`event_date '${cell('event_date')}' is not a date (YYYY-MM-DD or "01 October 2025")`);
  const precision = num(cell('geo_precision'));
  const raw = {
    doc_id: '',
    event_id_cnty: cell('event_id_cnty'),
    event_date: date,
    year: num(cell('year')) ?? Number(date.slice(0, 4)),
    time_precision: num(cell('time_precision')) ?? 1,
    disorder_type: cell('disorder_type'),
    event_type: cell('event_type'),
    sub_event_type: cell('sub_event_type'),
    actor1: cell('actor1'),
    assoc_actor_1: cell('assoc_actor_1'),
    inter1: cell('inter1'),
    actor2: cell('actor2'),
    assoc_actor_2: cell('assoc_actor_2'),
    inter2: cell('inter2'),
    interaction: cell('interaction'),
    civilian_targeting: cell('civilian_targeting'),
    iso: num(cell('iso')),
    region: cell('region'),
    country: cell('country'),
    admin1: cell('admin1'),
    admin2: cell('admin2'),
    admin3: cell('admin3'),
    location: cell('location'),
    latitude: num(cell('latitude')),
    longitude: num(cell('longitude')),
    geo_precision: precision,
    source: cell('source'),
    source_scale: cell('source_scale'),
    notes: cell('notes'),
    fatalities: num(cell('fatalities')) ?? 0,
    tags: cell('tags'),
    timestamp: num(cell('timestamp')) ?? 0,
    geonameid: null,
    evidence: [],
    claims: [],
    confidence: 1,
    flags: [],
  };
  const parsed = EventSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${issue.path.join('.') || 'row'}: ${issue.message}`);
  }
  if (parsed.data.event_id_cnty === '') throw new Error('event_id_cnty is empty');
  return parsed.data;
}

/** The rows of an ACLED CSV file; a file without ACLED's key columns fails at once with the columns it lacks. */
export async function* readAcledCsv(path: string): AsyncGenerator<AcledRow> {
  const parser = createReadStream(path).pipe(parse({ columns: true, bom: true, skip_empty_lines: true, relax_column_count: false }));
  let line = 1;
  let checked = false;
  try {
    for await (const rec of parser as AsyncIterable<Record<string, string>>) {
      line = (parser.info.lines as number) ?? line + 1;
      if (!checked) {
        const missing = ['event_id_cnty', 'event_date', 'event_type', 'sub_event_type', 'country'].filter((c) => !(c in rec));
        if (missing.length > 0) throw new DocumentError(path, `not an ACLED export: no ${missing.join(', ')} column${missing.length > 1 ? 's' : ''} (expected ACLED's columns: ${ACLED_COLUMNS.slice(0, 6).join(', ')}, …)`);
        checked = true;
      }
      try {
        yield { ok: true, event: eventFromAcledRecord(rec), line };
      } catch (err) {
        const id = rec['event_id_cnty'] ?? '';
        yield { ok: false, error: new DocumentError(id !== '' ? id : `line ${line}`, (err as Error).message), line };
      }
    }
  } catch (err) {
    if (err instanceof DocumentError) throw err;
    throw new DocumentError(path, `malformed CSV near line ${line}: ${(err as Error).message}`);
  }
}
