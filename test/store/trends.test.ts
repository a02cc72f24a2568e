// Weekly trends per admin1 on every store: this week against the 4 and 52 weeks before (zeros counted), the
// surge flag (a surge, not a busy place as usual, a volatile place or a single event in a quiet one), new
// actors, merged and rejected events left out, the filters, and a history shorter than a year. The expected
// figures come from a plain count over the fixture's own list of events, not from the store.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FaultlineEvent } from '../../src/domain/index.ts';
import { weekOf } from '../../src/store/queries.ts';
import type { EventStore } from '../../src/store/store.ts';
import { SURGE_RULE, trends, type Admin1Trend, type Trends, type TrendsFilter } from '../../src/store/trends.ts';
import { sampleEvent } from '../export/fixture.ts';
import { TARGETS, withStore } from './targets.ts';

/** The reference week: Monday 6 October 2025. */
const WEEK = '2025-10-06';
const DAY_MS = 86_400_000;
const addDays = (d: string, n: number): string => new Date(Date.parse(`${d}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
/** A day in week `i` of the window: 0 is 52 weeks before WEEK, 52 is WEEK itself. */
const dayOfWeek = (i: number, weekday = 2): string => addDays(WEEK, (i - 52) * 7 + weekday);

interface Spec { country: string; admin1: string; date: string; fatalities: number; actor1: string; actor2: string }

const mali = (admin1: string) => ({ country: 'Mali', admin1 });
const niger = (admin1: string) => ({ country: 'Niger', admin1 });

/** The fixture: each place shows one thing the rule must tell apart. */
function fixture(): Spec[] {
  const out: Spec[] = [];
  const add = (place: { country: string; admin1: string }, week: number, n: number, fatalities: number, actor1 = 'JNIM', actor2 = 'Military Forces of Mali (2021-)', weekday = 2): void => {
    for (let k = 0; k < n; k++) out.push({ ...place, date: dayOfWeek(week, (weekday + k) % 7), fatalities, actor1, actor2 });
  };
  // Segou: one event every four weeks, then a surge of five this week: flagged, for events and fatalities.
  for (let w = 0; w < 52; w += 4) add(mali('Segou'), w, 1, 2);
  add(mali('Segou'), 52, 4, 3);
  add(mali('Segou'), 52, 1, 3, 'Dozo Communal Militia (Mali)', 'Civilians (Mali)');
  // Gao: two events every week and three this week: busy, as usual, not flagged.
  for (let w = 0; w <= 52; w++) add(mali('Gao'), w, w === 52 ? 3 : 2, 1);
  // Kidal: nothing for a year, one event this week: a new actor, but one event is no alarm.
  add(mali('Kidal'), 52, 1, 0, 'Azawad Liberation Front', '');
  // Menaka: four spikes of ten in the year, none lately, five this week: twice the (zero) recent average,
  // but within the year's usual variation: not flagged.
  for (const w of [0, 13, 26, 39]) add(mali('Menaka'), w, 10, 0, 'Islamic State (Sahel)', 'Civilians (Mali)');
  add(mali('Menaka'), 52, 5, 0, 'Islamic State (Sahel)', 'Civilians (Mali)');
  // Tillaberi: three a week over the last four weeks, then seven, with many deaths: flagged for both.
  for (let w = 48; w < 52; w++) add(niger('Tillaberi'), w, 3, 1, 'Islamic State (Sahel)', 'Military Forces of Niger (2023-)');
  add(niger('Tillaberi'), 52, 7, 4, 'Islamic State (Sahel)', 'Military Forces of Niger (2023-)');
  return out;
}

/** The same figures counted plainly from the fixture's list. */
function expected(specs: Spec[], week: string): Map<string, { ev: number[]; fa: number[]; actorsNow: Set<string>; actorsBefore: Set<string> }> {
  const out = new Map<string, { ev: number[]; fa: number[]; actorsNow: Set<string>; actorsBefore: Set<string> }>();
  for (const s of specs) {
    const back = Math.floor((Date.parse(`${week}T00:00:00Z`) - Date.parse(`${weekOf(s.date)}T00:00:00Z`)) / (7 * DAY_MS));
    if (back < 0 || back > 52) continue;
    const k = `${s.country}/${s.admin1}`;
    let e = out.get(k);
    if (e === undefined) out.set(k, (e = { ev: new Array<number>(53).fill(0), fa: new Array<number>(53).fill(0), actorsNow: new Set(), actorsBefore: new Set() }));
    e.ev[back]! += 1;
    e.fa[back]! += s.fatalities;
    for (const a of [s.actor1, s.actor2].filter((x) => x !== '')) (back === 0 ? e.actorsNow : e.actorsBefore).add(a);
  }
  return out;
}

function mean(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

function sd(xs: number[]): number {
  const m = mean(xs);
  return Math.sqrt(mean(xs.map((x) => (x - m) ** 2)));
}

async function seedSpecs(store: EventStore, specs: Spec[], prefix = 'T'): Promise<void> {
  for (const [i, s] of specs.entries()) {
    const e: FaultlineEvent = sampleEvent({
      event_id_cnty: `${prefix}${i + 1}`, doc_id: `${prefix}${i + 1}`, event_date: s.date, year: Number(s.date.slice(0, 4)), country: s.country,
      iso: s.country === 'Mali' ? 466 : 562, admin1: s.admin1, admin2: '', admin3: '', location: s.admin1, actor1: s.actor1, actor2: s.actor2,
      fatalities: s.fatalities, claims: [], evidence: [], flags: [],
    });
    await store.importAcledEvent(e, { now: '2025-10-13T00:00:00Z' });
  }
}

const byPlace = (t: Trends, country: string, admin1: string): Admin1Trend => {
  const row = t.admin1s.find((a) => a.country === country && a.admin1 === admin1);
  assert.ok(row !== undefined, `${country}/${admin1} is in the trends: ${t.admin1s.map((a) => a.admin1).join(', ')}`);
  return row;
};

const close = (actual: number | null, want: number, what: string): void => {
  assert.ok(actual !== null && Math.abs(actual - want) < 0.006, `${what}: ${actual} ≈ ${want}`);
};

for (const target of TARGETS) {
  const t = (name: string, body: (store: EventStore) => Promise<void>): void => {
    test(`${target.name}: ${name}`, { skip: target.skip }, () => withStore(target, body));
  };
  const run = (store: EventStore, filter: TrendsFilter = {}, week?: string): Promise<Trends> =>
    trends(store.db, filter, { dialect: store.dialect, postgis: store.postgis, ...(week === undefined ? {} : { week }) });

  t('trends: this week against the 4- and 52-week averages, the flag and the new actors', async (store) => {
    const specs = fixture();
    await seedSpecs(store, specs);
    const got = await run(store);
    assert.equal(got.week, WEEK, 'by default the week of the latest event');
    assert.equal(got.week_end, addDays(WEEK, 6));
    assert.equal(got.baseline_weeks, 52);
    assert.deepEqual(await run(store, {}, addDays(WEEK, 3)), got, 'any day of the week gives the week');

    const want = expected(specs, WEEK);
    assert.equal(got.total, want.size);
    for (const [k, e] of want) {
      const [country, admin1] = k.split('/') as [string, string];
      const row = byPlace(got, country, admin1);
      const before = (xs: number[]): number[] => xs.slice(1, 53); // weeks 1..52 back, zeros included
      assert.equal(row.events.this_week, e.ev[0], `${k} events this week`);
      assert.equal(row.fatalities.this_week, e.fa[0], `${k} fatalities this week`);
      close(row.events.avg_4w, mean(e.ev.slice(1, 5)), `${k} events 4-week average`);
      close(row.events.avg_52w, mean(before(e.ev)), `${k} events 52-week average`);
      close(row.events.sd_52w, sd(before(e.ev)), `${k} events 52-week SD`);
      close(row.fatalities.avg_4w, mean(e.fa.slice(1, 5)), `${k} fatalities 4-week average`);
      close(row.fatalities.avg_52w, mean(before(e.fa)), `${k} fatalities 52-week average`);
      assert.deepEqual(row.new_actors, [...e.actorsNow].filter((a) => !e.actorsBefore.has(a)).sort(), `${k} new actors`);
    }

    const flagged = got.admin1s.filter((a) => a.flag !== null).map((a) => `${a.admin1}:${a.flag!.kinds.join('+')}`).sort();
    assert.deepEqual(flagged, ['Segou:events+fatalities', 'Tillaberi:events+fatalities']);
    assert.equal(got.flagged, 2);
    assert.deepEqual(got.admin1s.slice(0, 2).map((a) => a.admin1).sort(), ['Segou', 'Tillaberi'], 'flagged first');
    const segou = byPlace(got, 'Mali', 'Segou');
    assert.match(segou.flag!.reason, /5 events this week/);
    assert.match(segou.flag!.reason, /52-week mean \+ 2 SD/);
    assert.deepEqual(segou.new_actors, ['Civilians (Mali)', 'Dozo Communal Militia (Mali)']);
    assert.equal(byPlace(got, 'Mali', 'Kidal').events.this_week, 1);
    assert.ok(byPlace(got, 'Mali', 'Kidal').events.this_week < SURGE_RULE.minEvents, 'one event in a quiet place is no alarm');
    assert.deepEqual(byPlace(got, 'Mali', 'Kidal').new_actors, ['Azawad Liberation Front']);
    assert.equal(byPlace(got, 'Mali', 'Menaka').flag, null, 'within a volatile year\'s usual variation');
    assert.equal(byPlace(got, 'Mali', 'Gao').flag, null, 'busy as usual');
    // After the flagged ones: the most above its own year first.
    const rest = got.admin1s.filter((a) => a.flag === null);
    const score = (a: Admin1Trend): number => (a.events.this_week + 1) / ((a.events.avg_52w ?? 0) + 1);
    for (let i = 1; i < rest.length; i++) assert.ok(score(rest[i - 1]!) >= score(rest[i]!) - 0.05, 'sorted by this week against the year');

    // The filters of GET /events apply: one country, one actor.
    const nigerOnly = await run(store, { country: ['Niger'] });
    assert.deepEqual(nigerOnly.admin1s.map((a) => a.admin1), ['Tillaberi']);
    assert.equal(nigerOnly.week, WEEK);
    const limited = await trends(store.db, {}, { dialect: store.dialect, postgis: store.postgis, limit: 1 });
    assert.equal(limited.admin1s.length, 1);
    assert.equal(limited.total, want.size);
  });

  t('trends: merged and rejected events do not count; events after the week do not either', async (store) => {
    const specs = fixture();
    await seedSpecs(store, specs);
    const before = await run(store);
    // Two more Segou events this week, one merged into another event and one rejected by an analyst.
    const extra: Spec[] = [
      { ...mali('Segou'), date: dayOfWeek(52, 0), fatalities: 50, actor1: 'Ghost Actor A', actor2: '' },
      { ...mali('Segou'), date: dayOfWeek(52, 1), fatalities: 50, actor1: 'Ghost Actor B', actor2: '' },
    ];
    await seedSpecs(store, extra, 'X');
    const ids = await store.db.selectFrom('events').select('id').where('event_id_cnty', 'in', ['X1', 'X2']).orderBy('event_id_cnty').execute();
    await store.db.updateTable('events').set({ status: 'merged' }).where('id', '=', ids[0]!.id).execute();
    await store.db.updateTable('events').set({ status: 'rejected' }).where('id', '=', ids[1]!.id).execute();
    assert.deepEqual(await run(store), before);
    // An event the week after: the default week moves on, the asked-for week stays as it was.
    await seedSpecs(store, [{ ...mali('Gao'), date: addDays(WEEK, 8), fatalities: 0, actor1: 'JNIM', actor2: '' }], 'N');
    assert.deepEqual(await run(store, {}, WEEK), before);
    assert.equal((await run(store)).week, addDays(WEEK, 7));
  });

  t('trends: a history shorter than a year averages over the weeks the store covers', async (store) => {
    const specs = fixture();
    await seedSpecs(store, specs);
    // Ten weeks after the first event: the averages cover those ten weeks only.
    const week = dayOfWeek(10, 0);
    const got = await run(store, {}, week);
    assert.equal(got.baseline_weeks, 10);
    const gao = byPlace(got, 'Mali', 'Gao');
    assert.equal(gao.events.this_week, 2);
    close(gao.events.avg_52w, 2, 'Gao: two a week over the ten weeks covered, not diluted by 42 empty ones');
    const segou = byPlace(got, 'Mali', 'Segou');
    close(segou.events.avg_52w, 3 / 10, 'Segou: weeks 0, 4 and 8 over ten weeks');
    // Before the store's first event: no baseline, so no flag whatever the counts.
    const earliest = await run(store, {}, dayOfWeek(0, 0));
    assert.equal(earliest.baseline_weeks, 0);
    assert.ok(earliest.admin1s.every((a) => a.flag === null && a.events.avg_52w === null));
    // An empty store: no week, no rows.
    await withStore(target, async (empty) => {
      const none = await run(empty);
      assert.deepEqual([none.week, none.total, none.admin1s.length], [null, 0, 0]);
    });
  });
}
