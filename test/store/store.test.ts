// The store on every target: idempotent ingestion, reports of one event as one event with several sources
// (whatever the order), analysts' corrections kept, filters and pages, SQL metacharacters harmless.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { correctEvent, mergeEvents, setStatus } from '../../src/store/corrections.ts';
import { allEvents, listEvents, stats } from '../../src/store/queries.ts';
import type { EventStore } from '../../src/store/store.ts';
import { ambush, doc, strike } from './fixtures.ts';
import { TARGETS, withStore } from './targets.ts';


async function eventRows(store: EventStore): Promise<string[]> {
  const out: string[] = [];
  for await (const e of allEvents(store.db, {}, store.postgis)) {
    out.push([e.event_date, e.sub_event_type, e.location, e.fatalities, e.sources_count, e.source, e.conflicts.join('|')].join(' / '));
  }
  return out.sort();
}

for (const target of TARGETS) {
  const t = (name: string, body: (store: EventStore, url: string) => Promise<void>): void => {
    test(`${target.name}: ${name}`, { skip: target.skip }, () => withStore(target, body));
  };

  t('the same report twice, or the same URL, is stored once', async (store) => {
    const a = doc('a.txt', 'FAMa struck west of Sokolo on Saturday.', { url: 'https://example.org/a#top', source: 'Outlet A' });
    const first = await store.ingestDocument(a, [strike({ source: 'Outlet A' })]);
    assert.equal(first.status, 'stored');
    const again = await store.ingestDocument({ ...a, text: `  ${a.text.replace(/ /g, '  ')}\n` }, [strike()]);
    assert.equal(again.status, 'duplicate', 'whitespace does not make another report');
    assert.deepEqual(again.events.map((e) => e.id), first.events.map((e) => e.id));
    const sameUrl = await store.ingestDocument(doc('a2.txt', 'An updated version of the page.', { url: 'https://example.org/a' }), [strike()]);
    assert.equal(sameUrl.status, 'duplicate');
    assert.deepEqual(await store.counts(), { documents: 1, events: 1, sources: 1, failures: 0 });
  });

  t('two reports of the same events: one set of events, two sources each, in either order', async (store) => {
    const reportA = doc('a', 'Report A text.', { source: 'Outlet A' });
    const reportB = doc('b', 'Report B text, told otherwise.', { source: 'Outlet B' });
    const aEvents = [strike({ source: 'Outlet A', fatalities: 15 }), ambush({ source: 'Outlet A' })];
    // Outlet B: the strike a few km off, called clashes elsewhere, its toll from another count.
    const bEvents = [ambush({ source: 'Outlet B', sub_event_type: 'Attack', event_type: 'Violence against civilians', actor2: 'Military Forces of Mali (2021-)', location: 'Kayes road', latitude: 14.8, longitude: -11.0 }),
      strike({ source: 'Outlet B', fatalities: 12, latitude: 14.75, longitude: -6.13 })];
    await store.ingestDocument(reportA, aEvents);
    const b = await store.ingestDocument(reportB, bEvents);
    assert.deepEqual(b.events.map((e) => e.action).sort(), ['added', 'added'].slice(0, b.events.length));
    const forward = await eventRows(store);
    assert.equal(forward.length, 2, forward.join('\n'));
    for (const row of forward) assert.match(row, / \/ 2 \/ Outlet A; Outlet B/);
    // The other order gives the same events.
    await withStore(target, async (other) => {
      await other.ingestDocument(reportB, bEvents);
      await other.ingestDocument(reportA, aEvents);
      assert.deepEqual(await eventRows(other), forward);
    });
    // The fatalities disagree: kept per source and flagged, not overwritten.
    const page = await listEvents(store.db, { sub_event_type: ['Air/drone strike'] }, { limit: 10, postgis: store.postgis });
    const e = page.events[0]!;
    assert.ok(e.conflicts.includes('fatalities'), JSON.stringify(e.conflicts));
    assert.equal(e.fatalities_low, 12);
    assert.equal(e.fatalities_high, 15);
    const detail = (await store.getEvent(e.id))!;
    assert.deepEqual(detail.sources.map((s) => [s.source, s.fatalities]).sort(), [['Outlet A', 15], ['Outlet B', 12]]);
    assert.equal(detail.sources[0]!.document?.external_id, 'a');
    assert.deepEqual(detail.history.map((h) => h.action), ['create', 'add_source']);
  });

  t('a report that ties two stored events together merges them, and the history says so', async (store) => {
    // "JNIM attacked travellers" and "soldiers clashed with gunmen" share no actor: two events, until a
    // third report says JNIM ambushed the soldiers there.
    await store.ingestDocument(doc('radio', 'one'), [ambush({ source: 'Radio', sub_event_type: 'Attack', event_type: 'Violence against civilians', actor2: 'Civilians (Mali)', inter2: 'Civilians' })]);
    await store.ingestDocument(doc('wire', 'two'), [ambush({ source: 'Wire', actor1: 'Military Forces of Mali (2021-)', inter1: 'State forces', actor2: 'Unidentified Armed Group (Mali)', inter2: 'Political militia' })]);
    assert.equal((await store.counts()).events, 2);
    const r = await store.ingestDocument(doc('state', 'three'), [ambush({ source: 'State TV' })]);
    assert.equal(r.events[0]!.action, 'merged');
    assert.equal((await store.counts()).events, 1);
    const detail = (await store.getEvent(r.events[0]!.id))!;
    assert.equal(detail.event.sources_count, 3);
    assert.ok(detail.history.some((h) => h.action === 'merge'));
  });

  t('a vague report matching two different events does not chain them', async (store) => {
    await store.ingestDocument(doc('a', 'a'), [ambush({ source: 'A' })]);
    await store.ingestDocument(doc('b', 'b'), [ambush({ source: 'B', actor1: 'Islamic State (Greater Sahara)' })]);
    await store.ingestDocument(doc('c', 'c'), [ambush({ source: 'C', actor1: 'Unidentified Armed Group (Mali)', inter1: 'Political militia' })]);
    assert.equal((await store.counts()).events, 2);
  });

  t('one report never tells one event twice: its own events are not merged', async (store) => {
    await store.ingestDocument(doc('twin', 'two strikes'), [strike(), strike({ latitude: 14.74, longitude: -6.12 })]);
    assert.equal((await store.counts()).events, 2);
  });

  t('an analyst correction is kept in the history and survives later sources', async (store) => {
    const r = await store.ingestDocument(doc('a', 'text a', { source: 'A' }), [strike({ source: 'A', fatalities: 15 })]);
    const id = r.events[0]!.id;
    const corrected = await correctEvent(store, id, { fatalities: 9, location: 'Sokolo' }, { actor: 'analyst-1', reason: 'hospital count' });
    assert.equal(corrected.fatalities, 9);
    assert.equal(corrected.status, 'corrected');
    await store.ingestDocument(doc('b', 'text b', { source: 'B' }), [strike({ source: 'B', fatalities: 20 })]);
    const detail = (await store.getEvent(id))!;
    assert.equal(detail.event.fatalities, 9, 'the analyst\'s figure stays');
    assert.equal(detail.event.sources_count, 2);
    const update = detail.history.find((h) => h.action === 'update')!;
    assert.deepEqual([update.actor, update.reason, update.changes['fatalities']], ['analyst-1', 'hospital count', [15, 9]]);
    await assert.rejects(correctEvent(store, id, { sub_event_type: 'Not a sub-event' as never }, { actor: 'x', reason: 'y' }));
    await assert.rejects(correctEvent(store, id, { notes: 'stale' }, { actor: 'x', reason: 'y', expectedVersion: 1 }), /changed meanwhile/);
    const rejected = await setStatus(store, id, 'rejected', { actor: 'analyst-1', reason: 'not an event' });
    assert.equal(rejected.status, 'rejected');
    assert.equal((await listEvents(store.db, {}, { limit: 10, postgis: store.postgis })).events.length, 0, 'rejected events are left out by default');
  });

  t('an analyst merges two events: sources join, the other is gone from lists', async (store) => {
    const a = await store.ingestDocument(doc('a', 'a'), [strike({ source: 'A' })]);
    const b = await store.ingestDocument(doc('b', 'b'), [ambush({ source: 'B' })]);
    const merged = await mergeEvents(store, a.events[0]!.id, b.events[0]!.id, { actor: 'analyst-1', reason: 'same event' });
    assert.equal(merged.sources_count, 2);
    assert.equal((await store.counts()).events, 1);
    assert.equal(await store.getEvent(b.events[0]!.event_id_cnty).then((d) => d?.event.status), 'merged');
  });

  t('filters, keyset pages and stats; SQL metacharacters are plain text', async (store) => {
    for (let i = 0; i < 25; i++) {
      const day = String(1 + i).padStart(2, '0');
      await store.ingestDocument(doc(`r${i}`, `report ${i}`, { source: i % 2 === 0 ? 'Even' : 'Odd' }), [
        strike({ event_date: `2025-10-${day}`, latitude: 14 + i * 0.5, longitude: -6 + i * 0.5, fatalities: i, admin1: i < 10 ? 'Ségou' : 'Mopti', source: i % 2 === 0 ? 'Even' : 'Odd', actor2: i === 3 ? "O'Brien %_ Group" : 'Unidentified Armed Group (Mali)' }),
      ]);
    }
    const seen: number[] = [];
    let cursor: string | undefined;
    do {
      const page = await listEvents(store.db, {}, { limit: 10, postgis: store.postgis, ...(cursor === undefined ? {} : { cursor }) });
      seen.push(...page.events.map((e) => e.fatalities));
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
    assert.deepEqual(seen, [...Array(25).keys()].reverse(), 'every event once, newest first');
    const count = async (f: Parameters<typeof listEvents>[1]): Promise<number> => (await listEvents(store.db, f, { limit: 100, postgis: store.postgis })).events.length;
    assert.equal(await count({ from: '2025-10-05', to: '2025-10-09' }), 5);
    assert.equal(await count({ admin1: ['Mopti'] }), 15);
    assert.equal(await count({ min_fatalities: 20 }), 5);
    assert.equal(await count({ source: 'Odd' }), 12);
    assert.equal(await count({ bbox: '-6.1,13.9,-4.9,15.1' }), 3);
    assert.equal(await count({ actor: "O'Brien %_" }), 1);
    assert.equal(await count({ actor: '%' }), 1, '% is a character, not a wildcard');
    assert.equal(await count({ text: "'; DROP TABLE events; --" }), 0);
    assert.equal(await count({ country: ["Mali' OR '1'='1"] }), 0);
    assert.equal((await store.counts()).events, 25, 'nothing dropped');
    const s = await stats(store.db, { admin1: ['Ségou'] }, store.postgis);
    assert.deepEqual(s.total, { events: 10, fatalities: 45 });
    assert.equal(s.byWeek.reduce((n, w) => n + w.events, 0), 10);
    assert.deepEqual(s.byAdmin1.map((a) => [a.admin1, a.events]), [['Ségou', 10]]);
  });

  t('ties the report states between its events are kept as links, both ways', async (store) => {
    const a = ambush({ event_id_cnty: 'doc-1' });
    const s = strike({ event_id_cnty: 'doc-2', links: [{ relation: 'after', event: 'doc-1', days: 3, span: { start: 0, end: 16, text: 'three days after' } }] });
    const r = await store.ingestDocument(doc('doc', 'three days after the ambush'), [a, s]);
    const [ambushId, strikeId] = r.events.map((e) => e.id) as [number, number];
    assert.deepEqual((await store.getEvent(strikeId))!.links.map((l) => [l.event_id, l.relation, l.direction]), [[ambushId, 'after', 'to']]);
    assert.deepEqual((await store.getEvent(ambushId))!.links.map((l) => [l.event_id, l.relation, l.direction]), [[strikeId, 'after', 'from']]);
    await store.ingestDocument(doc('doc', 'three days after the ambush'), [a, s]);
    assert.equal((await store.getEvent(strikeId))!.links.length, 1, 'stored once');
    // Another report of the same two events: sources added, the links still one each way.
    const again = await store.ingestDocument(doc('doc2', 'the strikes came three days after an ambush'), [{ ...a, source: 'B' }, { ...s, source: 'B' }]);
    assert.deepEqual(again.events.map((e) => e.action), ['added', 'added']);
    assert.equal((await store.getEvent(strikeId))!.links.length, 1);
  });

  t('failed documents are recorded with their reason, and cleared', async (store) => {
    await store.recordFailure('in.jsonl', 'line 3', 'invalid JSON');
    await store.recordFailure('in.jsonl', 'line 3', 'invalid JSON again');
    assert.deepEqual((await store.failures()).map((f) => [f.doc_ref, f.reason, f.attempts]), [['line 3', 'invalid JSON again', 2]]);
    await store.clearFailure('in.jsonl', 'line 3');
    assert.equal((await store.failures()).length, 0);
  });

  t('ACLED events are imported once, as their own events', async (store) => {
    const row = strike({ event_id_cnty: 'MLI12345', source: 'ACLED source' });
    assert.equal((await store.importAcledEvent(row)).status, 'stored');
    assert.equal((await store.importAcledEvent(row)).status, 'duplicate');
    await store.ingestDocument(doc('a', 'a', { source: 'A' }), [strike({ source: 'A' })]);
    const events = await eventRows(store);
    assert.equal(events.length, 2, 'an ACLED row is not merged into Faultline\'s events automatically');
    assert.equal((await store.getEvent('MLI12345'))?.event.origin, 'acled');
  });
}
