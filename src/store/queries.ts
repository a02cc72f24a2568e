// Reading the store: the filters GET /events, `faultline export` and the dashboard share, keyset pagination,
// and the counts of GET /stats. Every value reaches SQL as a parameter.
import { sql, SqliteAdapter, type ExpressionBuilder, type Kysely, type SelectQueryBuilder } from 'kysely';
import { z } from 'zod';
import { storedEvent, type StoredEvent } from './rows.ts';
import type { StoreDatabase } from './schema.ts';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
const list = z.union([z.string(), z.array(z.string())]).transform((v) => (Array.isArray(v) ? v : v.split(',')).map((s) => s.trim()).filter((s) => s !== ''));

/** The filters, as the API's query string and the CLI's options give them. */
export const EventFilterSchema = z.object({
  from: isoDate.optional(),
  to: isoDate.optional(),
  country: list.optional(),
  admin1: list.optional(),
  admin2: list.optional(),
  event_type: list.optional(),
  sub_event_type: list.optional(),
  /** any actor column, exact name or part of it */
  actor: z.string().min(1).max(200).optional(),
  /** west,south,east,north in degrees */
  bbox: z.string().regex(/^\s*-?\d+(\.\d+)?\s*(,\s*-?\d+(\.\d+)?\s*){3}$/, 'expected west,south,east,north').optional(),
  /** words in the notes, the location or the actors */
  text: z.string().min(1).max(200).optional(),
  min_fatalities: z.coerce.number().int().min(0).optional(),
  /** an outlet among the event's sources */
  source: z.string().min(1).max(200).optional(),
  /** 'new', 'confirmed', 'corrected', 'rejected'; default: all but rejected */
  status: list.optional(),
}).strict();
export type EventFilter = z.infer<typeof EventFilterSchema>;

type EventsQuery = SelectQueryBuilder<StoreDatabase, 'events', object>;

/** LIKE with the user's text taken literally: %, _ and the escape character are escaped. */
function likeContains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

const ACTOR_ROLES = ['actor1', 'actor2', 'assoc_actor_1', 'assoc_actor_2'] as const;
type ActorRole = typeof ACTOR_ROLES[number];

// Case-insensitive on both stores (SQLite's LIKE folds ASCII only, PostgreSQL's not at all); the names table
// is small, so lower() on it costs nothing.
function matchesActor(pattern: string) {
  return sql<boolean>`lower(actor_values.value) LIKE ${pattern} ESCAPE '\\'`;
}

/** The WHERE of a filter on `events`; exported for the dashboard's points query (src/server/routes/dashboard.ts). */
export function applyFilter<Q extends EventsQuery>(q: Q, f: EventFilter, postgis: boolean): Q {
  let out = q.where('events.status', '!=', 'merged') as Q;
  out = (f.status !== undefined && f.status.length > 0 ? out.where('events.status', 'in', f.status) : out.where('events.status', '!=', 'rejected')) as Q;
  if (f.from !== undefined) out = out.where('events.event_date', '>=', f.from) as Q;
  if (f.to !== undefined) out = out.where('events.event_date', '<=', f.to) as Q;
  if (f.country?.length) out = out.where('events.country', 'in', f.country) as Q;
  if (f.admin1?.length) out = out.where('events.admin1', 'in', f.admin1) as Q;
  if (f.admin2?.length) out = out.where('events.admin2', 'in', f.admin2) as Q;
  if (f.event_type?.length) out = out.where('events.event_type', 'in', f.event_type) as Q;
  if (f.sub_event_type?.length) out = out.where('events.sub_event_type', 'in', f.sub_event_type) as Q;
  if (f.min_fatalities !== undefined) out = out.where('events.fatalities', '>=', f.min_fatalities) as Q;
  if (f.actor !== undefined) {
    const pattern = likeContains(f.actor.toLowerCase());
    out = out.where((eb: ExpressionBuilder<StoreDatabase, 'events'>) => eb.or(ACTOR_ROLES.map((role) => eb(sql.ref(`events.${role}`), 'in',
      eb.selectFrom('actor_values').select('actor_values.value').where('actor_values.role', '=', role).where(matchesActor(pattern)))))) as Q;
  }
  if (f.text !== undefined) {
    const pattern = likeContains(f.text);
    out = out.where((eb: ExpressionBuilder<StoreDatabase, 'events'>) => eb.or(
      (['notes', 'location', 'actor1', 'actor2', 'admin1', 'admin2'] as const).map((c) => sql<boolean>`${sql.ref(`events.${c}`)} LIKE ${pattern} ESCAPE '\\'`),
    )) as Q;
  }
  if (f.source !== undefined) {
    const source = f.source;
    out = out.where(({ exists, selectFrom }) => exists(selectFrom('event_sources as s').select('s.id')
      .whereRef('s.event_id', '=', 'events.id').where('s.source', '=', source))) as Q;
  }
  if (f.bbox !== undefined) {
    const [west, south, east, north] = f.bbox.split(',').map(Number) as [number, number, number, number];
    if (postgis) {
      out = out.where(sql<boolean>`events.geom && ST_MakeEnvelope(${west}, ${south}, ${east}, ${north}, 4326)`) as Q;
    } else {
      out = out.where('events.latitude', '>=', south).where('events.latitude', '<=', north)
        .where('events.longitude', '>=', west).where('events.longitude', '<=', east) as Q;
    }
  }
  return out;
}

export interface Page {
  events: StoredEvent[];
  /** pass as `cursor` for the next page; null on the last */
  nextCursor: string | null;
}

interface Cursor { d: string; i: number }

function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

export class CursorError extends Error {}

function decodeCursor(text: string): Cursor {
  try {
    const c = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Partial<Cursor>;
    if (typeof c.d === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(c.d) && Number.isInteger(c.i)) return { d: c.d, i: c.i as number };
  } catch { /* below */ }
  throw new CursorError('cursor: not a cursor this API gave out');
}

// How an actor filter is run, from the names it matches and their event counts: up to this many names, one
// branch per name; more names than that holding at least this share of the events, the date index walked
// (a page is met early in it); more names but rare ones, their events collected and sorted (few by definition).
export interface ActorTuning { maxBranches: number; commonShare: number }
const ACTOR_TUNING: ActorTuning = { maxBranches: 128, commonShare: 0.02 };

/** A page of events, newest first (event_date, then id), continuing after `cursor`. */
export async function listEvents(db: Kysely<StoreDatabase>, filter: EventFilter, opts: { limit: number; cursor?: string; postgis: boolean; actorTuning?: ActorTuning }): Promise<Page> {
  const cursor = opts.cursor === undefined ? undefined : decodeCursor(opts.cursor);
  const page = (q: EventsQuery): EventsQuery => {
    const after = cursor === undefined ? q : q.where((eb) => eb.or([eb('events.event_date', '<', cursor.d), eb.and([eb('events.event_date', '=', cursor.d), eb('events.id', '<', cursor.i)])]));
    return after.orderBy('events.event_date', 'desc').orderBy('events.id', 'desc').limit(opts.limit + 1);
  };
  const plan = filter.actor === undefined ? null : await actorPlan(db, filter.actor, opts.actorTuning ?? ACTOR_TUNING);
  // The page's ids first (often from an index alone, no wide row read for each candidate), then its rows by
  // those ids: two short queries whose plans cannot go wrong, where one query let PostgreSQL walk the date
  // index testing each row against the ids.
  let ids: number[];
  if (plan?.kind === 'branches' && plan.names.length === 0) {
    ids = [];
  } else if (plan?.kind === 'branches') {
    // One ordered, limited branch per (column, name) walks that name's index in date order; the page is the
    // newest of their union (UNION: an event found under two names counts once). Each branch stops after a
    // page, however common the name.
    const { actor: _actor, ...rest } = filter;
    const branches = plan.names.map(({ role, value }, i) => db.selectFrom(
      page(applyFilter(db.selectFrom('events'), rest, opts.postgis).where(sql.ref(`events.${role}`), '=', value)).select(['events.id', 'events.event_date']).as(`b${i}`),
    ).select([`b${i}.id as id`, `b${i}.event_date as event_date`]));
    const union = branches.slice(1).reduce((u, b) => u.union(b), branches[0]!);
    ids = (await db.selectFrom(union.as('u')).select('u.id').orderBy('u.event_date', 'desc').orderBy('u.id', 'desc').limit(opts.limit + 1).execute()).map((r) => r.id);
  } else {
    let q = applyFilter(db.selectFrom('events'), plan?.kind === 'common' ? { ...filter, actor: undefined } : filter, opts.postgis);
    if (plan?.kind === 'common') {
      const pattern = likeContains(filter.actor!);
      q = q.where((eb) => eb.or(ACTOR_ROLES.map((c) => sql<boolean>`lower(${sql.ref(`events.${c}`)}) LIKE lower(${pattern}) ESCAPE '\\'`)));
    }
    ids = (await page(q).select('events.id').execute()).map((r) => r.id);
  }
  const rows = ids.length === 0 ? [] : await db.selectFrom('events').selectAll().where('events.id', 'in', ids)
    .orderBy('events.event_date', 'desc').orderBy('events.id', 'desc').execute();
  const events = rows.slice(0, opts.limit).map(storedEvent);
  const last = events[events.length - 1];
  return { events, nextCursor: rows.length > opts.limit && last !== undefined ? encodeCursor({ d: last.event_date, i: last.id }) : null };
}

type ActorPlan = { kind: 'branches'; names: { role: ActorRole; value: string }[] } | { kind: 'common' } | { kind: 'rare' };

async function actorPlan(db: Kysely<StoreDatabase>, text: string, tuning: ActorTuning): Promise<ActorPlan> {
  const names = await db.selectFrom('actor_values').select(['actor_values.role', 'actor_values.value', 'actor_values.events'])
    .where(matchesActor(likeContains(text.toLowerCase()))).where('actor_values.events', '>', 0).execute();
  if (names.length <= tuning.maxBranches) {
    return { kind: 'branches', names: names.filter((r): r is typeof r & { role: ActorRole } => (ACTOR_ROLES as readonly string[]).includes(r.role)) };
  }
  const all = await db.selectFrom('actor_values').select((eb) => eb.fn.sum<number>('actor_values.events').as('n')).where('actor_values.role', '=', 'actor1').executeTakeFirst();
  const matched = names.reduce((n, r) => n + Number(r.events), 0);
  return matched >= tuning.commonShare * Number(all?.n ?? 0) ? { kind: 'common' } : { kind: 'rare' };
}

/** Every event of a filter, page by page (for exports of any size in bounded memory). */
export async function* allEvents(db: Kysely<StoreDatabase>, filter: EventFilter, postgis: boolean, pageSize = 1000): AsyncGenerator<StoredEvent> {
  let cursor: string | undefined;
  for (;;) {
    const page = await listEvents(db, filter, { limit: pageSize, postgis, ...(cursor === undefined ? {} : { cursor }) });
    yield* page.events;
    if (page.nextCursor === null) return;
    cursor = page.nextCursor;
  }
}

export interface Stats {
  total: { events: number; fatalities: number };
  byWeek: { week: string; events: number; fatalities: number }[];
  byType: { event_type: string; events: number; fatalities: number }[];
  byAdmin1: { country: string; admin1: string; events: number; fatalities: number }[];
  byActor: { actor: string; events: number; fatalities: number }[];
}

/** Monday of the ISO week of a date. */
export function weekOf(date: string): string {
  const t = Date.parse(`${date}T00:00:00Z`);
  const day = (new Date(t).getUTCDay() + 6) % 7;
  return new Date(t - day * 86400000).toISOString().slice(0, 10);
}

/** Counts and fatalities by week, type, admin1 and actor for the filtered events. */
export async function stats(db: Kysely<StoreDatabase>, filter: EventFilter, postgis: boolean, top = 20): Promise<Stats> {
  const base = (): EventsQuery => applyFilter(db.selectFrom('events'), filter, postgis);
  const n = (v: unknown): number => Number(v ?? 0);
  // SQLite would rather walk an index in the order of a GROUP BY column (the actor and type indexes) than use
  // the filter's own index, then fetch every row at random: seconds. Grouping by `+col` (an expression, same
  // values) leaves it the filter's index and a sort. PostgreSQL plans this well and has no unary + on text.
  const key = isSqlite(db)
    ? <C extends 'event_date' | 'event_type' | 'country' | 'admin1' | 'actor1'>(c: C) => sql<string>`+${sql.ref(`events.${c}`)}`
    : <C extends 'event_date' | 'event_type' | 'country' | 'admin1' | 'actor1'>(c: C) => sql.ref<string>(`events.${c}`);
  const byDate = await base().select((eb) => ['events.event_date', eb.fn.countAll().as('events'), eb.fn.sum('events.fatalities').as('fatalities')])
    .groupBy(key('event_date')).execute();
  const total = { events: 0, fatalities: 0 };
  const weeks = new Map<string, { events: number; fatalities: number }>();
  for (const r of byDate) {
    const w = weekOf(r.event_date);
    const cur = weeks.get(w) ?? { events: 0, fatalities: 0 };
    cur.events += n(r.events);
    cur.fatalities += n(r.fatalities);
    weeks.set(w, cur);
    total.events += n(r.events);
    total.fatalities += n(r.fatalities);
  }
  const byType = await base().select((eb) => ['events.event_type', eb.fn.countAll().as('events'), eb.fn.sum('events.fatalities').as('fatalities')])
    .groupBy(key('event_type')).orderBy('events.event_type').execute();
  const byAdmin1 = await base().select((eb) => ['events.country', 'events.admin1', eb.fn.countAll().as('events'), eb.fn.sum('events.fatalities').as('fatalities')])
    .groupBy([key('country'), key('admin1')]).orderBy('events', 'desc').orderBy('events.admin1').limit(top * 5).execute();
  const byActor = await base().where('events.actor1', '!=', '').select((eb) => ['events.actor1', eb.fn.countAll().as('events'), eb.fn.sum('events.fatalities').as('fatalities')])
    .groupBy(key('actor1')).orderBy('events', 'desc').orderBy('events.actor1').limit(top).execute();
  return {
    total,
    byWeek: [...weeks].sort(([a], [b]) => a.localeCompare(b)).map(([week, v]) => ({ week, ...v })),
    byType: byType.map((r) => ({ event_type: r.event_type, events: n(r.events), fatalities: n(r.fatalities) })),
    byAdmin1: byAdmin1.map((r) => ({ country: r.country, admin1: r.admin1, events: n(r.events), fatalities: n(r.fatalities) })),
    byActor: byActor.map((r) => ({ actor: r.actor1, events: n(r.events), fatalities: n(r.fatalities) })),
  };
}

function isSqlite(db: Kysely<StoreDatabase>): boolean {
  return db.getExecutor().adapter instanceof SqliteAdapter;
}
