// `faultline export`: the stored events a filter selects, in ACLED CSV, GeoJSON, JSONL or JSON, written
// atomically, page by page (any size in bounded memory).
import { createExporter, FORMATS, isFormat } from '../export/index.ts';
import { allEvents, EventFilterSchema, type EventFilter } from '../store/queries.ts';
import { asFaultlineEvent } from '../store/rows.ts';
import { EventStore } from '../store/store.ts';
import { EXIT, UsageError } from './exit.ts';
import { fileOutput, stdoutOutput, type Output } from './output.ts';
import { resolveStoreUrl } from './store-url.ts';

export interface ExportOptions {
  db?: string;
  home?: string;
  format?: string;
  output?: string;
  from?: string;
  to?: string;
  country?: string;
  admin1?: string;
  admin2?: string;
  eventType?: string;
  subEventType?: string;
  actor?: string;
  bbox?: string;
  text?: string;
  minFatalities?: string;
  source?: string;
}

export function filterFromOptions(o: ExportOptions): EventFilter {
  const raw = {
    from: o.from, to: o.to, country: o.country, admin1: o.admin1, admin2: o.admin2, event_type: o.eventType,
    sub_event_type: o.subEventType, actor: o.actor, bbox: o.bbox, text: o.text, min_fatalities: o.minFatalities, source: o.source,
  };
  const parsed = EventFilterSchema.safeParse(Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined)));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UsageError(`--${String(issue.path[0] ?? 'filter').replace(/_/g, '-')}: ${issue.message}`);
  }
  return parsed.data;
}

export async function runExport(opts: ExportOptions): Promise<number> {
  const format = opts.format ?? 'acled-csv';
  if (!isFormat(format) || format === 'table') throw new UsageError(`--format expects one of ${FORMATS.filter((f) => f !== 'table').join(', ')}, got '${format}'`);
  const filter = filterFromOptions(opts);
  const store = await EventStore.open(resolveStoreUrl(opts.db, opts.home));
  const out: Output = opts.output === undefined || opts.output === '-' ? stdoutOutput() : await fileOutput(opts.output);
  try {
    const exporter = createExporter(format);
    await out.write(exporter.begin());
    for await (const e of allEvents(store.db, filter, store.postgis)) await out.write(exporter.event(asFaultlineEvent(e)));
    await out.write(exporter.end());
    await out.commit();
    return EXIT.OK;
  } catch (err) {
    out.abort();
    throw err;
  } finally {
    await store.close();
  }
}
