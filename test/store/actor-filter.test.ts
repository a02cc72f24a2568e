// The actor filter on every target: a part of any actor column's value, any case, matched against the
// distinct names first (src/store/queries.ts). Each answer is checked against the same filter done by hand over
// the events put in, through pages, with other filters, past the number of names that switches strategy, and
// after an analyst renames an actor.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FaultlineEvent } from '../../src/domain/index.ts';
import { correctEvent } from '../../src/store/corrections.ts';
import { listEvents, stats, type ActorTuning, type EventFilter } from '../../src/store/queries.ts';
import type { EventStore } from '../../src/store/store.ts';
import { sampleEvent } from '../export/fixture.ts';
import { TARGETS, withStore } from './targets.ts';

const ACTOR_COLUMNS = ['actor1', 'actor2', 'assoc_actor_1', 'assoc_actor_2'] as const;

/** 60 events four days apart (never one event to the deduplicator), with 50 distinct armed groups. */
function events(): FaultlineEvent[] {
  return Array.from({ length: 60 }, (_, i) => sampleEvent({
    event_date: new Date(Date.UTC(2024, 0, 1) + i * 4 * 86400000).toISOString().slice(0, 10),
    actor1: `Katiba ${i % 50} Militia`,
    actor2: i % 3 === 0 ? 'Civilians (Mali)' : 'Military Forces of Mali (2021-)',
    assoc_actor_1: i % 7 === 0 ? 'Dozo Militia; Dan Na Ambassagou' : '',
    admin1: i % 2 === 0 ? 'Mopti' : 'Segou',
    latitude: 13 + (i % 10) * 0.3,
    longitude: -5 + (i % 10) * 0.3,
    notes: `Event ${i}.`,
  }));
}

async function load(store: EventStore): Promise<Map<number, FaultlineEvent>> {
  const byId = new Map<number, FaultlineEvent>();
  for (const [i, e] of events().entries()) {
    const r = await store.ingestDocument({ id: `r${i}`, text: `report ${i}`, published: '2025-10-06', lang: 'en' }, [e]);
    assert.equal(r.events.length, 1);
    byId.set(r.events[0]!.id, e);
  }
  return byId;
}

/** The filter done by hand: ids of the events whose actor columns contain `text` (any case), newest first. */
function expected(byId: Map<number, FaultlineEvent>, text: string, admin1?: string): number[] {
  const needle = text.toLowerCase();
  return [...byId].filter(([, e]) => ACTOR_COLUMNS.some((c) => e[c].toLowerCase().includes(needle)) && (admin1 === undefined || e.admin1 === admin1))
    .sort(([a, ea], [b, eb]) => eb.event_date.localeCompare(ea.event_date) || b - a).map(([id]) => id);
}

// The three ways the store runs an actor filter (one branch per name; the date index walked for common names;
// the events of many rare names sorted), each forced here by its thresholds: all must give the same pages.
const STRATEGIES: [string, ActorTuning | undefined][] = [
  ['default', undefined], ['branches', { maxBranches: 1000, commonShare: 0 }], ['common', { maxBranches: 0, commonShare: 0 }], ['rare', { maxBranches: 0, commonShare: 2 }],
];

async function allPages(store: EventStore, filter: EventFilter, limit: number, actorTuning?: ActorTuning): Promise<number[]> {
  const ids: number[] = [];
  let cursor: string | undefined;
  do {
    const page = await listEvents(store.db, filter, { limit, postgis: store.postgis, ...(actorTuning === undefined ? {} : { actorTuning }), ...(cursor === undefined ? {} : { cursor }) });
    ids.push(...page.events.map((e) => e.id));
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
  return ids;
}

for (const target of TARGETS) {
  const t = (name: string, body: (store: EventStore) => Promise<void>): void => {
    test(`${target.name}: ${name}`, { skip: target.skip }, () => withStore(target, body));
  };

  t('the actor filter finds a part of any actor column, in any case, page after page', async (store) => {
    const byId = await load(store);
    for (const text of ['Katiba 1', 'katiba 4', 'KATIBA 7 MILITIA', 'dozo', 'ambassagou', 'civilians (mali)', 'militia', 'Katiba', 'nobody at all']) {
      const want = expected(byId, text);
      for (const [strategy, tuning] of STRATEGIES) {
        assert.deepEqual(await allPages(store, { actor: text }, 4, tuning), want, `actor "${text}" (${strategy}): ${want.length} events, in order, each once`);
        assert.deepEqual(await allPages(store, { actor: text, admin1: ['Mopti'] }, 3, tuning), expected(byId, text, 'Mopti'), `actor "${text}" in Mopti (${strategy})`);
      }
      const s = await stats(store.db, { actor: text }, store.postgis);
      assert.equal(s.total.events, want.length, `stats for actor "${text}"`);
    }
  });

  t('an actor an analyst renames is found under the new name', async (store) => {
    const byId = await load(store);
    const [id] = [...byId.keys()];
    const before = byId.get(id!)!.actor1;
    await correctEvent(store, id!, { actor1: 'Front for the Liberation of the Test' }, { actor: 'analyst', reason: 'renamed' });
    assert.deepEqual((await listEvents(store.db, { actor: 'liberation of the' }, { limit: 10, postgis: store.postgis })).events.map((e) => e.id), [id]);
    assert.ok(!(await listEvents(store.db, { actor: before }, { limit: 10, postgis: store.postgis })).events.some((e) => e.id === id), 'not under the old name');
    // The names' counts, kept by triggers, are the counts of the events as they are now.
    for (const role of ACTOR_COLUMNS) {
      const counted = await store.db.selectFrom('events').select([`events.${role} as value`, (eb) => eb.fn.countAll<number>().as('n')])
        .where(`events.${role}`, '!=', '').groupBy(`events.${role}`).execute();
      const kept = await store.db.selectFrom('actor_values').select(['value', 'events']).where('role', '=', role).where('events', '>', 0).execute();
      assert.deepEqual(new Map(kept.map((k) => [k.value, Number(k.events)])), new Map(counted.map((c) => [c.value, Number(c.n)])), `counts of ${role}`);
    }
  });
}
