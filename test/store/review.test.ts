// The analysts' review on every store target: splitting an event whose sources tell two events (each side
// recomputed from its own readings, the analyst's locked fields kept, the report's links following the report,
// a history line on both sides, stale versions refused) and the queue of events waiting for review, lowest
// confidence first, in keyset pages that neither skip nor repeat.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConflictError, correctEvent, InvalidActionError, mergeEvents, setStatus } from '../../src/store/corrections.ts';
import { reviewQueue } from '../../src/store/review.ts';
import { splitEvent } from '../../src/store/split.ts';
import type { EventStore } from '../../src/store/store.ts';
import { ambush, doc, strike } from './fixtures.ts';
import { TARGETS, withStore } from './targets.ts';


const who = (over: { expectedVersion?: number; now?: string } = {}): { actor: string; reason: string; expectedVersion?: number; now?: string } =>
  ({ actor: 'analyst-1', reason: 'two events in one', ...over });

for (const target of TARGETS) {
  const t = (name: string, body: (store: EventStore) => Promise<void>): void => {
    test(`${target.name}: ${name}`, { skip: target.skip }, () => withStore(target, body));
  };

  t('a wrong merge is undone by a split: each event recomputed from its own sources, both histories say so', async (store) => {
    const a = await store.ingestDocument(doc('a', 'a', { source: 'Outlet A' }), [strike()]);
    const b = await store.ingestDocument(doc('b', 'b', { source: 'Outlet B' }), [ambush()]);
    const id = a.events[0]!.id;
    await mergeEvents(store, id, b.events[0]!.id, { actor: 'analyst-1', reason: 'looked like one' });
    // An analyst's own figure on the merged event: a split recomputes the columns but never this one.
    await correctEvent(store, id, { notes: 'Checked by phone.' }, { actor: 'analyst-1', reason: 'called the outlet' });
    const before = (await store.getEvent(id))!;
    assert.equal(before.sources.length, 2);
    const ambushSource = before.sources.find((s) => s.source === 'Outlet B')!;

    const done = await splitEvent(store, id, [ambushSource.id], who({ expectedVersion: before.event.version, now: '2025-10-20T10:00:00.000Z' }));
    assert.equal(done.event.version, before.event.version + 1);
    assert.deepEqual([done.event.sub_event_type, done.event.location, done.event.fatalities, done.event.sources_count, done.event.source],
      ['Air/drone strike', 'Sokolo', 15, 1, 'Outlet A']);
    assert.equal(done.event.notes, 'Checked by phone.', 'the field the analyst set stays locked');
    assert.deepEqual([done.created.sub_event_type, done.created.location, done.created.fatalities, done.created.sources_count, done.created.source],
      ['Armed clash', 'between Kayes and Yelimane', 4, 1, 'Outlet B']);
    assert.equal(done.created.notes, 'Ambush between Kayes and Yelimane.', 'the new event is its sources\' reading');
    assert.deepEqual([done.created.status, done.created.version, done.created.origin, done.created.locked_fields], ['new', 1, 'extracted', []]);
    assert.match(done.created.event_id_cnty, /^MLIFL\d+$/);
    assert.equal(done.created.created_at, '2025-10-20T10:00:00.000Z');

    const kept = (await store.getEvent(id))!;
    assert.deepEqual(kept.sources.map((s) => s.source), ['Outlet A']);
    const split = kept.history.at(-1)!;
    assert.deepEqual([split.action, split.actor, split.reason], ['split', 'analyst-1', 'two events in one']);
    assert.deepEqual([split.changes['split_into'], split.changes['event_id_cnty'], split.changes['sources']], [done.created.id, done.created.event_id_cnty, [ambushSource.id]]);
    assert.deepEqual(split.changes['sources_count'], [2, 1]);
    const made = (await store.getEvent(done.created.id))!;
    assert.deepEqual(made.sources.map((s) => [s.id, s.source]), [[ambushSource.id, 'Outlet B']]);
    assert.deepEqual(made.history.map((h) => [h.action, h.changes['from'], h.changes['event_id_cnty'], h.reason]),
      [['split_from', id, before.event.event_id_cnty, 'two events in one']]);
    assert.equal((await store.counts()).events, 2);
  });

  t('a split is refused when the version is stale, a source is another event\'s, or no source would stay', async (store) => {
    const a = await store.ingestDocument(doc('a', 'a', { source: 'Outlet A' }), [strike({ fatalities: 15 })]);
    const b = await store.ingestDocument(doc('b', 'b', { source: 'Outlet B' }), [strike({ fatalities: 12, latitude: 14.75, longitude: -6.13 })]);
    const other = await store.ingestDocument(doc('c', 'c', { source: 'Outlet C' }), [ambush()]);
    const id = a.events[0]!.id;
    assert.equal(b.events[0]!.id, id, 'the two reports made one event');
    const d = (await store.getEvent(id))!;
    const [first, second] = d.sources.map((s) => s.id) as [number, number];
    const otherSource = (await store.getEvent(other.events[0]!.id))!.sources[0]!.id;
    await assert.rejects(splitEvent(store, id, [second], who({ expectedVersion: d.event.version - 1 })), ConflictError);
    await assert.rejects(splitEvent(store, id, [otherSource], who()), (err: unknown) => err instanceof InvalidActionError && /not one of its sources/.test(err.message));
    await assert.rejects(splitEvent(store, id, [first, second], who()), (err: unknown) => err instanceof InvalidActionError && /at least one source must stay/.test(err.message));
    await assert.rejects(splitEvent(store, id, [], who()), InvalidActionError);
    await assert.rejects(splitEvent(store, 999_999, [first], who()), /no such event/);
    const after = (await store.getEvent(id))!;
    assert.deepEqual([after.event.version, after.sources.length, after.history.length], [d.event.version, 2, d.history.length], 'nothing changed');
    assert.ok(after.event.conflicts.includes('fatalities'));
    // Done right, the disagreement on the toll goes with the sources that made it.
    const done = await splitEvent(store, id, [second], who({ expectedVersion: d.event.version }));
    assert.deepEqual([done.event.fatalities, done.event.conflicts, done.created.fatalities, done.created.conflicts], [15, [], 12, []]);
  });

  t('a split moves the ties a report stated along with that report\'s source', async (store) => {
    const first = ambush({ event_id_cnty: 'doc-1' });
    const then = strike({ event_id_cnty: 'doc-2', links: [{ relation: 'after', event: 'doc-1', days: 3, span: { start: 0, end: 16, text: 'three days after' } }] });
    const r = await store.ingestDocument(doc('doc', 'three days after the ambush', { source: 'Radio' }), [first, then]);
    const [ambushId, strikeId] = r.events.map((e) => e.id) as [number, number];
    await store.ingestDocument(doc('other', 'strikes near Sokolo', { source: 'Wire' }), [strike({ source: 'Wire' })]);
    const d = (await store.getEvent(strikeId))!;
    assert.deepEqual(d.sources.map((s) => s.source), ['Radio', 'Wire']);
    const done = await splitEvent(store, strikeId, [d.sources[0]!.id], who());
    assert.deepEqual((await store.getEvent(strikeId))!.links, [], 'the tie went with the report that stated it');
    assert.deepEqual((await store.getEvent(done.created.id))!.links.map((l) => [l.event_id, l.relation, l.direction]), [[ambushId, 'after', 'to']]);
    assert.deepEqual((await store.getEvent(ambushId))!.links.map((l) => [l.event_id, l.direction]), [[done.created.id, 'from']]);
  });

  t('the review queue: events waiting for review, lowest confidence first, filtered, in pages', async (store) => {
    // Dates 40 days apart and places apart: no two of these are one event.
    const confidences = [0.9, 0.3, 0.55, 0.3, 0.7, 0.2, 0.45];
    const ids: number[] = [];
    for (const [i, confidence] of confidences.entries()) {
      const date = new Date(Date.UTC(2025, 0, 1) + i * 40 * 86_400_000).toISOString().slice(0, 10);
      const niger = i === 2 || i === 5 ? { country: 'Niger', iso: 562, admin1: 'Tillaberi' } : {};
      const r = await store.ingestDocument(doc(`d${i}`, `report ${i}`), [strike({ event_date: date, confidence, location: `Place ${i}`, latitude: 14 + i, ...niger })]);
      ids.push(r.events[0]!.id);
    }
    // Reviewed events leave the queue, whatever the review said.
    await setStatus(store, ids[5]!, 'confirmed', { actor: 'a', reason: 'checked' });
    await setStatus(store, ids[6]!, 'rejected', { actor: 'a', reason: 'not an event' });
    await correctEvent(store, ids[0]!, { fatalities: 3 }, { actor: 'a', reason: 'fixed' });
    const expected = [ids[1], ids[3], ids[2], ids[4]]; // 0.3 (older id first), 0.3, 0.55, 0.7
    const all = await reviewQueue(store.db, {}, { limit: 100, postgis: store.postgis });
    assert.deepEqual(all.events.map((e) => e.id), expected);
    assert.ok(all.events.every((e) => e.status === 'new'));
    assert.deepEqual([all.total, all.nextCursor], [4, null]);
    const seen: number[] = [];
    let cursor: string | undefined;
    for (let n = 0; n < 10; n++) {
      const page = await reviewQueue(store.db, {}, { limit: 1, postgis: store.postgis, ...(cursor === undefined ? {} : { cursor }) });
      assert.equal(page.total, 4);
      seen.push(...page.events.map((e) => e.id));
      if (page.nextCursor === null) break;
      cursor = page.nextCursor;
    }
    assert.deepEqual(seen, expected, 'pages of one give the same order, none skipped or repeated');
    const niger = await reviewQueue(store.db, { country: ['Niger'] }, { limit: 10, postgis: store.postgis });
    assert.deepEqual([niger.events.map((e) => e.id), niger.total], [[ids[2]], 1]);
    await assert.rejects(reviewQueue(store.db, {}, { limit: 10, postgis: store.postgis, cursor: 'bm9wZQ' }), /not a cursor/);
  });
}
