// An analyst's correction as the codebook ties fields together, on every store target: the fields that follow
// from those set are written with them, a correction the codebook cannot hold is refused with nothing written
// (not even the merge asked in the same action), and what the analyst set stays put, with the fields it goes
// with, when later sources are merged in.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { correctEvent, InvalidActionError, reviewEvent } from '../../src/store/corrections.ts';
import type { EventStore } from '../../src/store/store.ts';
import { ambush, doc, strike } from './fixtures.ts';
import { TARGETS, withStore } from './targets.ts';

const who = { actor: 'analyst-1', reason: 'read the report again' };

for (const target of TARGETS) {
  const t = (name: string, body: (store: EventStore) => Promise<void>): void => {
    test(`${target.name}: ${name}`, { skip: target.skip }, () => withStore(target, body));
  };

  t('a sub-event type brings its event type and disorder type; the history names all three', async (store) => {
    const id = (await store.ingestDocument(doc('a', 'a'), [strike()])).events[0]!.id;
    const e = await correctEvent(store, id, { sub_event_type: 'Attack' }, who);
    assert.deepEqual([e.event_type, e.sub_event_type, e.disorder_type], ['Violence against civilians', 'Attack', 'Political violence']);
    const protest = await correctEvent(store, id, { event_type: 'Protests', sub_event_type: 'Peaceful protest' }, who);
    assert.equal(protest.disorder_type, 'Demonstrations');
    const changed = (await store.getEvent(id))!.history.filter((h) => h.action === 'update').map((h) => Object.keys(h.changes).sort());
    assert.deepEqual(changed, [['event_type', 'sub_event_type'], ['disorder_type', 'event_type', 'sub_event_type']]);
  });

  t('a sub-event type of another event type, or an event type alone that the sub-type does not fit, is refused and nothing changes', async (store) => {
    const id = (await store.ingestDocument(doc('a', 'a'), [strike()])).events[0]!.id;
    await assert.rejects(correctEvent(store, id, { event_type: 'Battles', sub_event_type: 'Air/drone strike' }, who),
      (err: Error) => err instanceof InvalidActionError && /event \d+: sub_event_type "Air\/drone strike" is not one of event type "Battles".*Armed clash/.test(err.message));
    await assert.rejects(correctEvent(store, id, { event_type: 'Riots' }, who), InvalidActionError);
    const e = (await store.getEvent(id))!;
    assert.deepEqual([e.event.event_type, e.event.status, e.event.version, e.history.length], ['Explosions/Remote violence', 'new', 1, 1]);
  });

  t('actor types: a label of the codebook, the interaction and civilian targeting following them unless set too', async (store) => {
    const id = (await store.ingestDocument(doc('a', 'a'), [strike()])).events[0]!.id;
    // The second actor's type is stored as an older ACLED file writes it ('3'): still read as Political militia.
    const e = await correctEvent(store, id, { inter1: 'Rebel group' }, who);
    assert.deepEqual([e.interaction, e.civilian_targeting], ['Rebel group-Political militia', '']);
    const civilians = await correctEvent(store, id, { inter2: 'Civilians' }, who);
    assert.deepEqual([civilians.interaction, civilians.civilian_targeting], ['Rebel group-Civilians', 'Civilian targeting']);
    const own = await correctEvent(store, id, { inter2: '', interaction: 'Rebel group only, as the analyst writes it' }, who);
    assert.deepEqual([own.interaction, own.civilian_targeting], ['Rebel group only, as the analyst writes it', '']);
    await assert.rejects(correctEvent(store, id, { inter1: 'Jihadists' }, who), /inter1 "Jihadists" is not an actor type of the codebook/);
  });

  t('a country by any of its names takes ACLED\'s name and its ISO code; an unlisted one loses the old code', async (store) => {
    const id = (await store.ingestDocument(doc('a', 'a'), [strike()])).events[0]!.id;
    const e = await correctEvent(store, id, { country: 'burkina' }, who);
    assert.deepEqual([e.country, e.iso], ['Burkina Faso', 854]);
    const accents = await correctEvent(store, id, { country: 'COTE D’IVOIRE' }, who);
    assert.deepEqual([accents.country, accents.iso], ['Ivory Coast', 384]);
    const other = await correctEvent(store, id, { country: 'Atlantis' }, who);
    assert.deepEqual([other.country, other.iso], ['Atlantis', null]);
  });

  t('a merge asked with a refused correction is undone with it', async (store) => {
    const keep = (await store.ingestDocument(doc('a', 'a', { source: 'Outlet A' }), [strike()])).events[0]!.id;
    const other = (await store.ingestDocument(doc('b', 'b', { source: 'Outlet B' }), [ambush()])).events[0]!.id;
    await assert.rejects(reviewEvent(store, keep, { merge: other, changes: { event_type: 'Protests' }, status: 'confirmed' }, who), InvalidActionError);
    const [a, b] = [(await store.getEvent(keep))!, (await store.getEvent(other))!];
    assert.deepEqual([a.sources.length, a.event.status, a.event.version, b.event.status, b.sources.length], [1, 'new', 1, 'new', 1]);
    const done = await reviewEvent(store, keep, { merge: other, changes: { fatalities: 19 }, status: 'confirmed' }, { ...who, expectedVersion: 1 });
    assert.deepEqual([done.sources_count, done.fatalities, done.status], [2, 19, 'confirmed']);
    assert.deepEqual((await store.getEvent(keep))!.history.map((h) => h.action), ['create', 'merge', 'merge', 'update', 'confirm']);
  });

  t('what an analyst set stays with the fields it goes with when another report is merged in', async (store) => {
    const keep = (await store.ingestDocument(doc('a', 'a', { source: 'Outlet A' }), [strike()])).events[0]!.id;
    await correctEvent(store, keep, { location: 'Diabaly', sub_event_type: 'Shelling/artillery/missile attack' }, who);
    // Another outlet's reading of the event, placed and typed otherwise: only the fields nobody corrected follow it.
    const other = (await store.ingestDocument(doc('b', 'b', { source: 'Outlet B' }), [ambush({ event_date: '2025-10-04', actor1: 'JNIM', fatalities: 30 })])).events[0]!.id;
    const e = await reviewEvent(store, keep, { merge: other }, who);
    assert.deepEqual([e.location, e.latitude, e.longitude, e.admin1, e.geonameid], ['Diabaly', 14.7328, -6.1228, 'Ségou', 2451185]);
    assert.deepEqual([e.event_type, e.sub_event_type, e.disorder_type], ['Explosions/Remote violence', 'Shelling/artillery/missile attack', 'Political violence']);
    assert.ok(e.locked_fields.includes('latitude') && e.locked_fields.includes('event_type'), e.locked_fields.join(', '));
    assert.ok(!e.locked_fields.includes('fatalities') && !e.locked_fields.includes('actor1'));
    assert.equal(e.sources_count, 2);
  });
}
