// The event store: documents in, deduplicated events with all their sources out, every change in the history.
// The same functions serve the CLI, the HTTP API and the workers, on SQLite or PostgreSQL.
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Document, FaultlineEvent } from '../domain/index.ts';
import { connect, type Connection, type Dialect } from './connect.ts';
import { diff, historyOf, recordHistory, type HistoryEntry } from './history.ts';
import { contradict, mergeReadings, sameEventAs, type MergedColumns } from './merge.ts';
import { migrate } from './migrations.ts';
import { eventIdCnty, readingColumns, storedEvent, type StoredEvent } from './rows.ts';
import type { StoreDatabase } from './schema.ts';

type Db = Kysely<StoreDatabase> | Transaction<StoreDatabase>;

/** Who does something to the store, and when (tests pin the clock). */
export interface Actor {
  actor?: string;
  now?: string;
}

export interface IngestOptions extends Actor {
  /** the file, "file:line" or URL the document was read from */
  origin?: string;
}

export interface IngestedEvent {
  id: number;
  event_id_cnty: string;
  /** created: a new event; added: a source of an event already stored; merged: it joined two or more stored events into one */
  action: 'created' | 'added' | 'merged';
}

export type IngestOutcome =
  | { status: 'stored'; documentId: number; events: IngestedEvent[] }
  | { status: 'duplicate'; documentId: number; events: IngestedEvent[] };

export interface SourceDetail {
  /** the event_sources row: what an analyst names to split the event (PATCH /events/:id {split}) */
  id: number;
  document: { id: number; external_id: string; url: string | null; title: string | null; source: string | null; published: string | null } | null;
  source: string;
  fatalities: number;
  /** the event as coded from this source alone, with its evidence spans and claims */
  reading: FaultlineEvent;
  added_at: string;
}

export interface EventLink { event_id: number; event_id_cnty: string; relation: string; direction: 'from' | 'to' }

export interface EventDetail {
  event: StoredEvent;
  sources: SourceDetail[];
  history: HistoryEntry[];
  links: EventLink[];
}

// Wider than any match sameEvent accepts (a month-precision date), so every possible match is a candidate.
const CANDIDATE_WINDOW_DAYS = 31;

function shiftDate(date: string, days: number): string {
  const t = Date.parse(`${date}T00:00:00Z`) + days * 86400000;
  return new Date(t).toISOString().slice(0, 10);
}

/** The text's fingerprint: whitespace differences do not make another report. */
export function contentHash(text: string): string {
  return createHash('sha256').update(text.replace(/\s+/g, ' ').trim()).digest('hex');
}

/** A URL as the key of a report: without its fragment. */
export function normaliseUrl(url: string | undefined): string | null {
  if (url === undefined || url.trim() === '') return null;
  return url.trim().replace(/#.*$/, '');
}

export class EventStore {
  private constructor(private readonly conn: Connection, readonly postgis: boolean) {}

  get db(): Kysely<StoreDatabase> {
    return this.conn.db;
  }

  get dialect(): Dialect {
    return this.conn.dialect;
  }

  get label(): string {
    return this.conn.label;
  }

  /**
   * A SQLite store's better-sqlite3 handle (null on PostgreSQL), for reads of many rows: its raw mode gives
   * each row as an array, twice as fast as Kysely's objects on 100,000 rows (GET /events/points).
   */
  get sqlite(): Database.Database | null {
    return this.conn.sqlite ?? null;
  }

  /**
   * Opens (and creates or upgrades) the store at a URL: a SQLite path or postgres://. On PostgreSQL, PostGIS
   * is used when the server has it (and created if allowed), unless `postgis: false`.
   */
  static async open(url: string, opts: { postgis?: boolean } = {}): Promise<EventStore> {
    const conn = connect(url);
    try {
      const postgis = conn.dialect === 'postgres' && opts.postgis !== false ? await ensurePostgis(conn.db) : false;
      await migrate(conn.db as unknown as Kysely<unknown>, { dialect: conn.dialect, postgis });
      await conn.db.insertInto('store_meta').values({ key: 'postgis', value: postgis ? 'yes' : 'no' })
        .onConflict((oc) => oc.column('key').doNothing()).execute();
      const stored = await conn.db.selectFrom('store_meta').select('value').where('key', '=', 'postgis').executeTakeFirst();
      // SQLite plans from statistics only ANALYZE gathers (a bounding box without them walks the latitude
      // index and sorts; with them, the date index: 20x faster). `optimize` analyses what changed much since
      // the last time, and nothing otherwise: seconds once for a million new events, then nothing.
      // PostgreSQL's autovacuum does this itself.
      if (conn.dialect === 'sqlite') await sql`PRAGMA optimize=0x10002`.execute(conn.db);
      return new EventStore(conn, stored?.value === 'yes');
    } catch (err) {
      await conn.close();
      throw err;
    }
  }

  async close(): Promise<void> {
    // What this connection changed (an ingest, an import) gets its statistics before the next reader plans;
    // a store that cannot be written (read-only disk) still closes.
    if (this.dialect === 'sqlite') await sql`PRAGMA optimize`.execute(this.db).catch(() => undefined);
    return this.conn.close();
  }

  /**
   * Stores a report and its coded events. The same text (or URL) again changes nothing. Each event joins
   * the stored event it reports (sameEvent), or several it proves to be one, or starts a new one.
   */
  async ingestDocument(doc: Document, events: FaultlineEvent[], opts: IngestOptions = {}): Promise<IngestOutcome> {
    const now = opts.now ?? new Date().toISOString();
    const actor = opts.actor ?? 'faultline';
    const hash = contentHash(doc.text);
    const url = normaliseUrl(doc.url);
    return this.db.transaction().execute(async (trx) => {
      const existing = await this.findDocument(trx, hash, url);
      if (existing !== null) return { status: 'duplicate', documentId: existing, events: await this.eventsOfDocument(trx, existing) };
      const inserted = await trx.insertInto('documents').values({
        external_id: doc.id, url, title: doc.title ?? null, source: doc.source ?? null, published: doc.published ?? null,
        lang: doc.lang ?? null, text: doc.text, content_hash: hash, origin: opts.origin ?? null, ingested_at: now, events: events.length,
      }).onConflict((oc) => oc.doNothing()).returning('id').executeTakeFirst();
      if (inserted === undefined) {
        // Another writer stored the same report between our look-up and insert.
        const id = await this.findDocument(trx, hash, url);
        return { status: 'duplicate', documentId: id ?? -1, events: id === null ? [] : await this.eventsOfDocument(trx, id) };
      }
      const out: IngestedEvent[] = [];
      for (const reading of events) {
        out.push(await this.attach(trx, reading, { documentId: inserted.id, source: outletOf(doc, reading), actor, now }));
      }
      await this.linkEvents(trx, events, out, inserted.id);
      return { status: 'stored', documentId: inserted.id, events: out };
    });
  }

  /** The ties the report states between its events ("two days after the ambush"), between their stored events. */
  private async linkEvents(db: Db, readings: FaultlineEvent[], stored: IngestedEvent[], documentId: number): Promise<void> {
    const idOf = new Map(readings.map((r, i) => [r.event_id_cnty, stored[i]!.id]));
    for (const [i, r] of readings.entries()) {
      for (const link of r.links ?? []) {
        const from = stored[i]!.id;
        const to = idOf.get(link.event);
        if (to === undefined || to === from) continue;
        const known = await db.selectFrom('event_links').select('id').where('from_event', '=', from).where('to_event', '=', to)
          .where('relation', '=', link.relation).executeTakeFirst();
        if (known !== undefined) continue;
        await db.insertInto('event_links').values({ from_event: from, to_event: to, relation: link.relation, document_id: documentId,
          evidence: JSON.stringify({ ...link.span, ...(link.days === undefined ? {} : { days: link.days }) }) }).execute();
      }
    }
  }

  private async findDocument(db: Db, hash: string, url: string | null): Promise<number | null> {
    let q = db.selectFrom('documents').select('id').where('content_hash', '=', hash);
    if (url !== null) q = db.selectFrom('documents').select('id').where((eb) => eb.or([eb('content_hash', '=', hash), eb('url', '=', url)]));
    const row = await q.orderBy('id').executeTakeFirst();
    return row?.id ?? null;
  }

  private async eventsOfDocument(db: Db, documentId: number): Promise<IngestedEvent[]> {
    const rows = await db.selectFrom('event_sources as s').innerJoin('events as e', 'e.id', 's.event_id')
      .select(['e.id', 'e.event_id_cnty']).where('s.document_id', '=', documentId).orderBy('s.id').execute();
    return rows.map((r) => ({ id: r.id, event_id_cnty: r.event_id_cnty, action: 'added' as const }));
  }

  /** One coded reading into the store: a new event, a new source of one, or the proof that several are one. */
  async attach(db: Db, reading: FaultlineEvent, ctx: { documentId: number | null; source: string; actor: string; now: string; origin?: string; dedup?: boolean }): Promise<IngestedEvent> {
    if (this.dialect === 'postgres' && ctx.dedup !== false) {
      // Two workers coding reports of one event at once must not both create it.
      await sql`SELECT pg_advisory_xact_lock(hashtext(${`faultline-events:${reading.country}`}))`.execute(db);
    }
    const matches = ctx.dedup === false ? [] : await this.matchingEvents(db, reading, ctx.documentId);
    const source = { document_id: ctx.documentId, source: ctx.source, reading: JSON.stringify(reading), fatalities: reading.fatalities, added_at: ctx.now };
    if (matches.length === 0) {
      const created = await db.insertInto('events').values({
        ...readingColumns(reading),
        source: ctx.source,
        event_id_cnty: `pending-${ctx.now}-${Math.random()}`,
        fatalities_low: reading.fatalities, fatalities_best: reading.fatalities, fatalities_high: reading.fatalities,
        flags: JSON.stringify(reading.flags), conflicts: '[]', locked_fields: '[]', status: 'new', origin: ctx.origin ?? 'extracted',
        sources_count: 1, created_at: ctx.now, updated_at: ctx.now, version: 1,
      }).returning('id').executeTakeFirstOrThrow();
      const idCnty = reading.event_id_cnty !== '' && ctx.origin === 'acled' ? reading.event_id_cnty : eventIdCnty(reading.iso, created.id);
      await db.updateTable('events').set({ event_id_cnty: idCnty }).where('id', '=', created.id).execute();
      await db.insertInto('event_sources').values({ event_id: created.id, ...source }).execute();
      await recordHistory(db, created.id, { at: ctx.now, actor: ctx.actor, action: ctx.origin === 'acled' ? 'import' : 'create', changes: { source: ctx.source, document_id: ctx.documentId }, reason: 'first report of this event' });
      return { id: created.id, event_id_cnty: idCnty, action: 'created' };
    }
    // The best match takes the report; other matches join it only where nothing rules the pair out.
    const ranked = matches.sort((a, b) => b.score - a.score || a.event.id - b.event.id).map((m) => m.event);
    const primary = ranked[0]!;
    const others = ranked.slice(1).filter((o) => !contradict(primary, o));
    for (const other of others) {
      await db.updateTable('event_sources').set({ event_id: primary.id }).where('event_id', '=', other.id).execute();
      await db.updateTable('events').set({ status: 'merged', updated_at: ctx.now, version: other.version + 1 }).where('id', '=', other.id).execute();
      await db.updateTable('event_links').set({ from_event: primary.id }).where('from_event', '=', other.id).execute();
      await db.updateTable('event_links').set({ to_event: primary.id }).where('to_event', '=', other.id).execute();
      await recordHistory(db, other.id, { at: ctx.now, actor: ctx.actor, action: 'merged_into', changes: { into: primary.id, event_id_cnty: primary.event_id_cnty }, reason: 'a new report ties it to the same event' });
      await recordHistory(db, primary.id, { at: ctx.now, actor: ctx.actor, action: 'merge', changes: { merged: other.id, event_id_cnty: other.event_id_cnty }, reason: 'a new report ties it to the same event' });
    }
    await db.insertInto('event_sources').values({ event_id: primary.id, ...source }).execute();
    const why = matches.find((m) => m.event.id === primary.id)?.reasons ?? [];
    await this.recompute(db, primary.id, { actor: ctx.actor, now: ctx.now, action: 'add_source', reason: why.join('; ') || 'same event', extra: { source: ctx.source, document_id: ctx.documentId } });
    return { id: primary.id, event_id_cnty: primary.event_id_cnty, action: others.length > 0 ? 'merged' : 'added' };
  }

  private async matchingEvents(db: Db, reading: FaultlineEvent, documentId: number | null): Promise<{ event: StoredEvent; score: number; reasons: string[] }[]> {
    let q = db.selectFrom('events').selectAll()
      .where('country', '=', reading.country)
      .where('status', 'not in', ['merged', 'rejected'])
      // ACLED's events stay beside Faultline's for comparison: an analyst merges them, not the store.
      .where('origin', '!=', 'acled')
      .where('event_date', '>=', shiftDate(reading.event_date, -CANDIDATE_WINDOW_DAYS))
      .where('event_date', '<=', shiftDate(reading.event_date, CANDIDATE_WINDOW_DAYS));
    // One report never tells one event twice: its other events are not candidates.
    if (documentId !== null) {
      q = q.where(({ not, exists, selectFrom }) => not(exists(selectFrom('event_sources as s').select('s.id')
        .whereRef('s.event_id', '=', 'events.id').where('s.document_id', '=', documentId))));
    }
    const out: { event: StoredEvent; score: number; reasons: string[] }[] = [];
    for (const row of await q.execute()) {
      const event = storedEvent(row);
      const verdict = sameEventAs(event, reading);
      if (verdict.same) out.push({ event, score: verdict.score, reasons: verdict.reasons });
    }
    return out;
  }

  /**
   * The event's columns anew from all its sources; fields an analyst set stay as they are. Public for the
   * analysts' actions (store/split.ts) that move sources inside their own transaction.
   */
  async recompute(db: Db, eventId: number, how: { actor: string; now: string; action: 'add_source' | 'merge' | 'split'; reason: string; extra?: Record<string, unknown> }): Promise<void> {
    const row = await db.selectFrom('events').selectAll().where('id', '=', eventId).executeTakeFirstOrThrow();
    const current = storedEvent(row);
    const sources = await db.selectFrom('event_sources').select(['reading', 'source']).where('event_id', '=', eventId).orderBy('id').execute();
    const merged: MergedColumns = mergeReadings(sources.map((s) => ({ reading: JSON.parse(s.reading) as FaultlineEvent, outlet: s.source })));
    const next: Partial<MergedColumns> = { ...merged };
    for (const f of current.locked_fields) delete (next as Record<string, unknown>)[f];
    const { flags, conflicts, ...columns } = next;
    const update = {
      ...columns,
      ...(flags === undefined ? {} : { flags: JSON.stringify(flags) }),
      ...(conflicts === undefined ? {} : { conflicts: JSON.stringify(conflicts) }),
      sources_count: sources.length,
    };
    const changes = diff(current, { ...columns, ...(conflicts === undefined ? {} : { conflicts }), sources_count: sources.length });
    await db.updateTable('events').set({ ...update, updated_at: how.now, version: current.version + 1 }).where('id', '=', eventId).execute();
    await recordHistory(db, eventId, { at: how.now, actor: how.actor, action: how.action, changes: { ...how.extra, ...changes }, reason: how.reason });
  }

  /**
   * An event of an ACLED export, kept as its own event (origin 'acled', source 'ACLED') beside Faultline's, so
   * users can compare and merge; the same event_id_cnty twice is stored once.
   */
  async importAcledEvent(event: FaultlineEvent, opts: Actor = {}): Promise<{ status: 'stored' | 'duplicate'; event: IngestedEvent }> {
    const now = opts.now ?? new Date().toISOString();
    return this.db.transaction().execute(async (trx) => {
      const known = await trx.selectFrom('events').select(['id', 'event_id_cnty']).where('event_id_cnty', '=', event.event_id_cnty).executeTakeFirst();
      if (known !== undefined) return { status: 'duplicate' as const, event: { id: known.id, event_id_cnty: known.event_id_cnty, action: 'added' as const } };
      const stored = await this.attach(trx, event, { documentId: null, source: event.source !== '' ? event.source : 'ACLED', actor: opts.actor ?? 'acled-import', now, origin: 'acled', dedup: false });
      return { status: 'stored' as const, event: stored };
    });
  }

  async getEvent(id: number | string): Promise<EventDetail | null> {
    const row = await (typeof id === 'number'
      ? this.db.selectFrom('events').selectAll().where('id', '=', id)
      : this.db.selectFrom('events').selectAll().where('event_id_cnty', '=', id)).executeTakeFirst();
    if (row === undefined) return null;
    const event = storedEvent(row);
    const sources = await this.db.selectFrom('event_sources as s').leftJoin('documents as d', 'd.id', 's.document_id')
      .select(['s.id', 's.source', 's.fatalities', 's.reading', 's.added_at', 'd.id as doc_id', 'd.external_id', 'd.url', 'd.title', 'd.source as outlet', 'd.published'])
      .where('s.event_id', '=', event.id).orderBy('s.id').execute();
    const links = [
      ...(await this.db.selectFrom('event_links as l').innerJoin('events as e', 'e.id', 'l.to_event').select(['e.id', 'e.event_id_cnty', 'l.relation'])
        .where('l.from_event', '=', event.id).execute()).map((l) => ({ event_id: l.id, event_id_cnty: l.event_id_cnty, relation: l.relation, direction: 'to' as const })),
      ...(await this.db.selectFrom('event_links as l').innerJoin('events as e', 'e.id', 'l.from_event').select(['e.id', 'e.event_id_cnty', 'l.relation'])
        .where('l.to_event', '=', event.id).execute()).map((l) => ({ event_id: l.id, event_id_cnty: l.event_id_cnty, relation: l.relation, direction: 'from' as const })),
    ];
    return {
      event,
      sources: sources.map((s) => ({
        id: s.id,
        document: s.doc_id === null ? null : { id: s.doc_id, external_id: s.external_id ?? '', url: s.url ?? null, title: s.title ?? null, source: s.outlet ?? null, published: s.published ?? null },
        source: s.source, fatalities: s.fatalities, reading: JSON.parse(s.reading) as FaultlineEvent, added_at: s.added_at,
      })),
      history: await historyOf(this.db, event.id),
      links,
    };
  }

  async getDocument(id: number): Promise<{ id: number; external_id: string; url: string | null; title: string | null; source: string | null; published: string | null; lang: string | null; text: string } | null> {
    const row = await this.db.selectFrom('documents').select(['id', 'external_id', 'url', 'title', 'source', 'published', 'lang', 'text']).where('id', '=', id).executeTakeFirst();
    return row ?? null;
  }

  async counts(): Promise<{ documents: number; events: number; sources: number; failures: number }> {
    const n = async (table: 'documents' | 'event_sources' | 'ingest_failures'): Promise<number> =>
      Number((await this.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const events = Number((await this.db.selectFrom('events').select((eb) => eb.fn.countAll().as('n')).where('status', 'not in', ['merged']).executeTakeFirstOrThrow()).n);
    return { documents: await n('documents'), events, sources: await n('event_sources'), failures: await n('ingest_failures') };
  }

  /** A document that could not be read or coded, kept for `ingest --retry-failed`. */
  async recordFailure(origin: string, docRef: string, reason: string, now = new Date().toISOString()): Promise<void> {
    await this.db.insertInto('ingest_failures').values({ origin, doc_ref: docRef, reason, attempts: 1, first_at: now, last_at: now })
      .onConflict((oc) => oc.columns(['origin', 'doc_ref']).doUpdateSet((eb) => ({ reason, last_at: now, attempts: eb('ingest_failures.attempts', '+', 1) })))
      .execute();
  }

  async clearFailure(origin: string, docRef: string): Promise<void> {
    await this.db.deleteFrom('ingest_failures').where('origin', '=', origin).where('doc_ref', '=', docRef).execute();
  }

  async failures(): Promise<{ origin: string; doc_ref: string; reason: string; attempts: number; last_at: string }[]> {
    return this.db.selectFrom('ingest_failures').select(['origin', 'doc_ref', 'reason', 'attempts', 'last_at']).orderBy('id').execute();
  }
}

/** The outlet a source is known by: the document's, else the event's, else the URL's host. */
function outletOf(doc: Document, reading: FaultlineEvent): string {
  if (doc.source !== undefined && doc.source !== '') return doc.source;
  if (doc.url !== undefined) {
    try {
      return new URL(doc.url).host;
    } catch { /* not a URL */ }
  }
  return reading.source !== '' ? reading.source : doc.id;
}

/** PostGIS when the server has it and we may create it; plain lat/lon otherwise. */
async function ensurePostgis(db: Kysely<StoreDatabase>): Promise<boolean> {
  const has = async (): Promise<boolean> =>
    (await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_extension WHERE extname = 'postgis'`.execute(db)).rows[0]?.n === 1;
  // A store made earlier keeps the choice it was made with.
  const meta = await sql<{ n: number }>`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name = 'store_meta' AND table_schema = current_schema()`.execute(db);
  if ((meta.rows[0]?.n ?? 0) > 0) {
    const row = await sql<{ value: string }>`SELECT value FROM store_meta WHERE key = 'postgis'`.execute(db);
    if (row.rows[0] !== undefined) return row.rows[0].value === 'yes';
  }
  if (await has()) return true;
  const available = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_available_extensions WHERE name = 'postgis'`.execute(db);
  if ((available.rows[0]?.n ?? 0) === 0) return false;
  try {
    await sql`CREATE EXTENSION IF NOT EXISTS postgis`.execute(db);
  } catch {
    return false; // no right to create it: plain lat/lon
  }
  return has();
}
