// Weekly trends per admin1, the way ACLED's weekly monitoring reads its data: this week's events and
// fatalities in each admin1 against the four weeks before it and against the year before it, a flag where
// this week is far above both, and the actors that appear there for the first time in a year.
//
// Everything is aggregated by SQL over the 53 weeks that matter (the reference week and the 52 before it),
// grouped by admin1 and week, so the cost follows the events of one year, not the size of the store.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { z } from 'zod';
import type { Dialect } from './connect.ts';
import { applyFilter, EventFilterSchema, weekOf, type EventFilter } from './queries.ts';
import type { StoreDatabase } from './schema.ts';

/** The filters of GET /events but the dates: the reference week and the weeks before it are the window. */
export const TrendsFilterSchema = EventFilterSchema.omit({ from: true, to: true });
export type TrendsFilter = z.infer<typeof TrendsFilterSchema>;

/**
 * When a week is flagged. ACLED's subnational monitoring calls a rise unusual when it stands out both from
 * the recent past (a surge against the last month) and from the usual variation of the last year (above
 * the year's mean plus two standard deviations); both, so that neither a place coming out of a calm month
 * nor one that is always violent is flagged for an ordinary week. The minimum counts keep one event (or a
 * handful of deaths) in a quiet place from being an alarm: from a baseline of zero, any single event would
 * pass both tests. Without a few weeks of history there is no "usual" to stand out from: no flag.
 */
export const SURGE_RULE = {
  /** this week at least this many times the 4-week average */
  recentRatio: 2,
  /** and above the 52-week mean plus this many standard deviations */
  yearSd: 2,
  /** and at least this many events (for the events flag) */
  minEvents: 3,
  /** or at least this many fatalities (for the fatalities flag) */
  minFatalities: 10,
  /** weeks of history the store must have before the reference week */
  minBaselineWeeks: 4,
} as const;

export interface TrendSeries {
  this_week: number;
  /** mean per week over the 4 weeks before (weeks without events count as zeros); null without history */
  avg_4w: number | null;
  /** mean per week over the 52 weeks before (fewer when the store's data starts later) */
  avg_52w: number | null;
  /** population standard deviation of the weekly counts over the same weeks */
  sd_52w: number | null;
}

export interface TrendFlag {
  kinds: ('events' | 'fatalities')[];
  /** why, in words: the numbers the rule compared */
  reason: string;
}

export interface Admin1Trend {
  country: string;
  /** '' for events whose admin1 is not known */
  admin1: string;
  events: TrendSeries;
  fatalities: TrendSeries;
  flag: TrendFlag | null;
  /** actor1/actor2 names seen here this week and not in the 52 weeks before, sorted */
  new_actors: string[];
}

export interface Trends {
  /** Monday of the reference week (ISO week); null when the store has no events and no week was asked for */
  week: string | null;
  /** Sunday of the reference week */
  week_end: string | null;
  /** weeks before the reference week that the averages cover: 52, or fewer when the store's events start later */
  baseline_weeks: number;
  rule: typeof SURGE_RULE;
  /** admin1s with events in the 53 weeks */
  total: number;
  flagged: number;
  /** flagged first, then by how far this week is above the year's average */
  admin1s: Admin1Trend[];
}

const DAY_MS = 86_400_000;
const YEAR_WEEKS = 52;
const RECENT_WEEKS = 4;
/** Names per IN (...) list: well under SQLite's and PostgreSQL's limits on bound parameters. */
const IN_CHUNK = 500;

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** Whole weeks from `start` to the event's date: 0 for the first week of the window. */
function weekIndex(dialect: Dialect, start: string): RawBuilder<number> {
  return dialect === 'postgres'
    ? sql<number>`(CAST(events.event_date AS date) - CAST(${start} AS date)) / 7`
    : sql<number>`CAST((julianday(events.event_date) - julianday(${start})) / 7 AS INTEGER)`;
}

const round2 = (x: number | null): number | null => (x === null ? null : Math.round(x * 100) / 100);

/** One admin1's weekly counts summed up, unrounded: the rule compares these. */
interface Summary { thisWeek: number; recent: number | null; mean: number | null; sd: number | null }

/** The summary of weekly counts (index 0 = 52 weeks before, YEAR_WEEKS = this week) over the weeks with coverage. */
function summarise(weekly: Map<number, number>, baselineWeeks: number): Summary {
  const thisWeek = weekly.get(YEAR_WEEKS) ?? 0;
  if (baselineWeeks === 0) return { thisWeek, recent: null, mean: null, sd: null };
  const recentWeeks = Math.min(RECENT_WEEKS, baselineWeeks);
  let recentSum = 0;
  let sum = 0;
  let squares = 0;
  // Every week counts, those without events as zeros: a quiet year is a low baseline, not a missing one.
  for (let w = YEAR_WEEKS - baselineWeeks; w < YEAR_WEEKS; w++) {
    const n = weekly.get(w) ?? 0;
    sum += n;
    squares += n * n;
    if (w >= YEAR_WEEKS - recentWeeks) recentSum += n;
  }
  const mean = sum / baselineWeeks;
  return { thisWeek, recent: recentSum / recentWeeks, mean, sd: Math.sqrt(Math.max(0, squares / baselineWeeks - mean * mean)) };
}

function publicSeries(s: Summary): TrendSeries {
  return { this_week: s.thisWeek, avg_4w: round2(s.recent), avg_52w: round2(s.mean), sd_52w: round2(s.sd) };
}

/** A number as the reason states it: to two decimals at most, so the ratio it quotes can be checked. */
function fmt(x: number): string {
  return String(Math.round(x * 100) / 100);
}

/** Why this week passes the rule, or null when it does not. */
function surge(label: 'events' | 'fatalities', s: Summary, baselineWeeks: number): string | null {
  if (baselineWeeks < SURGE_RULE.minBaselineWeeks || s.recent === null || s.mean === null || s.sd === null) return null;
  const min = label === 'events' ? SURGE_RULE.minEvents : SURGE_RULE.minFatalities;
  const yearBar = s.mean + SURGE_RULE.yearSd * s.sd;
  if (s.thisWeek < min || s.thisWeek < SURGE_RULE.recentRatio * s.recent || s.thisWeek <= yearBar) return null;
  const recent = s.recent === 0
    ? `none in the ${Math.min(RECENT_WEEKS, baselineWeeks)} weeks before`
    : `${fmt(s.thisWeek / s.recent)}× the 4-week average of ${fmt(s.recent)}`;
  return `${s.thisWeek} ${label} this week: ${recent}, above the ${baselineWeeks}-week mean + ${SURGE_RULE.yearSd} SD (${fmt(s.mean)} + ${SURGE_RULE.yearSd} × ${fmt(s.sd)} = ${fmt(yearBar)})`;
}

const key = (country: string, admin1: string): string => `${country}\u0000${admin1}`;

function chunks<T>(xs: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size));
  return out;
}

/**
 * The actors seen this week in these admin1s that the 52 weeks before did not see there. Only the admin1s
 * returned are looked at, and only for this week's names: the year's rows are read through the
 * (admin1, event_date) index, once for both actor columns.
 */
async function newActors(db: Kysely<StoreDatabase>, filter: EventFilter, postgis: boolean, places: { country: string; admin1: string }[],
  week: string, weekEnd: string, start: string): Promise<Map<string, string[]>> {
  const wanted = new Set(places.map((p) => key(p.country, p.admin1)));
  const seenNow = new Map<string, Set<string>>();
  const current = await applyFilter(db.selectFrom('events'), { ...filter, from: week, to: weekEnd }, postgis)
    .select(['events.country', 'events.admin1', 'events.actor1', 'events.actor2']).distinct().execute();
  for (const r of current) {
    const k = key(r.country, r.admin1);
    if (!wanted.has(k)) continue;
    for (const actor of [r.actor1, r.actor2]) {
      if (actor === '') continue;
      let set = seenNow.get(k);
      if (set === undefined) seenNow.set(k, (set = new Set()));
      set.add(actor);
    }
  }
  const seenBefore = new Set<string>();
  const active = [...new Set(places.filter((p) => seenNow.has(key(p.country, p.admin1))).map((p) => p.admin1))];
  for (const admin1s of chunks(active, IN_CHUNK)) {
    const inChunk = new Set(admin1s);
    const names = [...new Set([...seenNow].filter(([k]) => inChunk.has(k.split('\u0000')[1]!)).flatMap(([, set]) => [...set]))];
    for (const some of chunks(names, IN_CHUNK)) {
      const rows = await applyFilter(db.selectFrom('events'), { ...filter, from: start, to: addDays(week, -1) }, postgis)
        .where('events.admin1', 'in', admin1s)
        .where((eb) => eb.or([eb('events.actor1', 'in', some), eb('events.actor2', 'in', some)]))
        .select(['events.country', 'events.admin1', 'events.actor1', 'events.actor2']).distinct().execute();
      for (const r of rows) {
        for (const actor of [r.actor1, r.actor2]) seenBefore.add(`${key(r.country, r.admin1)}\u0000${actor}`);
      }
    }
  }
  const out = new Map<string, string[]>();
  for (const [k, set] of seenNow) {
    const fresh = [...set].filter((a) => !seenBefore.has(`${k}\u0000${a}`)).sort();
    if (fresh.length > 0) out.set(k, fresh);
  }
  return out;
}

/**
 * Trends per admin1 for the ISO week (Monday to Sunday) holding `week`, by default the week of the store's
 * latest event (so a historical store shows its own last week, not an empty current one).
 */
export async function trends(
  db: Kysely<StoreDatabase>,
  filter: TrendsFilter,
  opts: { dialect: Dialect; postgis: boolean; week?: string; limit?: number },
): Promise<Trends> {
  // The store's span, under the same status rule as the events counted: where its data begins bounds the
  // history (weeks before the first event are no coverage, not calm weeks).
  const statusOnly: EventFilter = filter.status === undefined ? {} : { status: filter.status };
  const edge = (dir: 'asc' | 'desc') => applyFilter(db.selectFrom('events'), statusOnly, opts.postgis)
    .select('events.event_date').orderBy('events.event_date', dir).limit(1).executeTakeFirst();
  const [first, last] = [await edge('asc'), await edge('desc')];
  const anchor = opts.week ?? last?.event_date.slice(0, 10);
  if (anchor === undefined) return { week: null, week_end: null, baseline_weeks: 0, rule: SURGE_RULE, total: 0, flagged: 0, admin1s: [] };
  const week = weekOf(anchor);
  const weekEnd = addDays(week, 6);
  const start = addDays(week, -7 * YEAR_WEEKS);
  const firstWeek = first === undefined ? week : weekOf(first.event_date.slice(0, 10));
  const baselineWeeks = Math.max(0, Math.min(YEAR_WEEKS, Math.floor(daysBetween(firstWeek, week) / 7)));

  const windowed = applyFilter(db.selectFrom('events'), { ...filter, from: start, to: weekEnd }, opts.postgis)
    .select(['events.country', 'events.admin1', 'events.fatalities', weekIndex(opts.dialect, start).as('wk')]);
  const rows = await db.selectFrom(windowed.as('w'))
    .select((eb) => ['w.country', 'w.admin1', 'w.wk', eb.fn.countAll().as('events'), eb.fn.sum('w.fatalities').as('fatalities')])
    .groupBy(['w.country', 'w.admin1', 'w.wk'])
    .execute();

  const places = new Map<string, { country: string; admin1: string; events: Map<number, number>; fatalities: Map<number, number> }>();
  for (const r of rows) {
    const k = key(r.country, r.admin1);
    let p = places.get(k);
    if (p === undefined) places.set(k, (p = { country: r.country, admin1: r.admin1, events: new Map(), fatalities: new Map() }));
    // PostgreSQL may hand counts and sums back as strings.
    p.events.set(Number(r.wk), Number(r.events));
    p.fatalities.set(Number(r.wk), Number(r.fatalities ?? 0));
  }
  const scored = [...places.values()].map((p) => {
    const ev = summarise(p.events, baselineWeeks);
    const fa = summarise(p.fatalities, baselineWeeks);
    const why = { events: surge('events', ev, baselineWeeks), fatalities: surge('fatalities', fa, baselineWeeks) };
    const kinds = (['events', 'fatalities'] as const).filter((kind) => why[kind] !== null);
    const trend: Admin1Trend = {
      country: p.country,
      admin1: p.admin1,
      events: publicSeries(ev),
      fatalities: publicSeries(fa),
      flag: kinds.length === 0 ? null : { kinds, reason: kinds.map((kind) => why[kind]).join('; ') },
      new_actors: [],
    };
    // "This week against the year": smoothed by one so that places without history compare by their count.
    return { trend, score: (ev.thisWeek + 1) / ((ev.mean ?? 0) + 1) };
  });
  scored.sort((a, b) => Number(b.trend.flag !== null) - Number(a.trend.flag !== null) || b.score - a.score
    || b.trend.events.this_week - a.trend.events.this_week || a.trend.country.localeCompare(b.trend.country) || a.trend.admin1.localeCompare(b.trend.admin1));
  const all = scored.map((s) => s.trend);
  const admin1s = opts.limit === undefined ? all : all.slice(0, opts.limit);
  const fresh = await newActors(db, filter, opts.postgis, admin1s, week, weekEnd, start);
  for (const a of admin1s) a.new_actors = fresh.get(key(a.country, a.admin1)) ?? [];
  return {
    week, week_end: weekEnd, baseline_weeks: baselineWeeks, rule: SURGE_RULE,
    total: all.length, flagged: all.filter((a) => a.flag !== null).length, admin1s,
  };
}
