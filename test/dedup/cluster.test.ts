// clusterEvents and mergeEvent: one cluster per event whatever the order, and merged fields that follow
// precision, majority and the codebook hierarchy.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clusterEvents, mergeEvent } from '../../src/dedup/cluster.ts';
import {
  ambushReports, CIVILIANS_MALI, GUNMEN_MALI, ISGS, JNIM, MALI_ARMY, nearSokolo, permutations, report, shuffles, type TestReport,
} from './reports.ts';

const ids = (clusters: TestReport[][]): string[][] => clusters.map((c) => c.map((r) => r.id).sort()).sort((x, y) => (x[0]! < y[0]! ? -1 : 1));

const protestAtSokolo = report('protest', { event_type: 'Protests', sub_event_type: 'Peaceful protest', actor1: 'Protesters (Mali)', actor2: '' });
const attackFarAway = report('far', { location: 'Far', ...nearSokolo(200, 'east') });
const douentza = { country: 'Mali', admin1: 'Mopti', admin2: 'Douentza' };
const villageInDouentza = report('douentza-village', { ...douentza, location: 'Boni', latitude: 15.05, longitude: -1.95, event_date: '2025-10-12' });
const cercleOfDouentza = report('douentza-cercle', { ...douentza, location: 'Douentza', latitude: 15.0, longitude: -2.95, geo_precision: 3, event_date: '2025-10-12' });
const burkinaTwin = report('burkina', { country: 'Burkina Faso', admin1: 'Boucle du Mouhoun', admin2: 'Kossi', ...nearSokolo(2) });

const batch = (): TestReport[] => [...ambushReports(), protestAtSokolo, attackFarAway, villageInDouentza, cercleOfDouentza, burkinaTwin];
const expected = [
  ['ambush-ortm', 'ambush-radio', 'ambush-wire'],
  ['burkina'],
  ['douentza-cercle', 'douentza-village'],
  ['far'],
  ['protest'],
];

test('a mixed batch: the ambush told three ways is one event; protest, distant attack, other country are not', () => {
  assert.deepEqual(ids(clusterEvents(batch())), expected);
});

test('the three ambush reports join although two of them share no actor: the third links them', () => {
  // the radio's "JNIM attacked travellers" and the wire's "soldiers clashed with gunmen" alone are unproven...
  const [ortm, radio, wire] = ambushReports() as [TestReport, TestReport, TestReport];
  assert.deepEqual(ids(clusterEvents([radio, wire])), [['ambush-radio'], ['ambush-wire']]);
  // ...the state broadcaster's "JNIM attacked our units" shares an actor with each
  assert.deepEqual(ids(clusterEvents([radio, wire, ortm])), [['ambush-ortm', 'ambush-radio', 'ambush-wire']]);
});

test('order independence: every ordering gives the same clusters, in the same order, with the same merged fields', () => {
  const reference = clusterEvents(batch());
  const referenceMerged = reference.map((c) => mergeEvent(c));
  const orderings = [...permutations(batch().slice(0, 5)).map((p) => [...p, ...batch().slice(5)]), ...shuffles(batch(), 300)];
  for (const ordering of orderings) {
    const clusters = clusterEvents(ordering);
    assert.deepEqual(clusters.map((c) => c.map((r) => r.id)), reference.map((c) => c.map((r) => r.id)));
    assert.deepEqual(clusters.map((c) => mergeEvent(c)), referenceMerged);
  }
  for (const ordering of permutations(ambushReports())) assert.deepEqual(mergeEvent(ordering), referenceMerged[0]);
});

test('a vague report does not chain two attacks by different named groups into one', () => {
  const attack = { event_type: 'Violence against civilians' as const, sub_event_type: 'Attack' as const, actor2: CIVILIANS_MALI };
  const reports = [
    report('jnim', { ...attack, actor1: JNIM }),
    report('isgs', { ...attack, actor1: ISGS }),
    report('gunmen', { ...attack, actor1: GUNMEN_MALI }),
  ];
  const reference = ids(clusterEvents(reports));
  assert.equal(reference.length, 2);
  assert.ok(!reference.some((c) => c.includes('jnim') && c.includes('isgs')));
  for (const ordering of permutations(reports)) assert.deepEqual(ids(clusterEvents(ordering)), reference);
});

test('steps of 8 km do not make an event 16 km wide', () => {
  const reports = [report('west'), report('middle', nearSokolo(8, 'east')), report('east', nearSokolo(16, 'east'))];
  const reference = ids(clusterEvents(reports));
  assert.equal(reference.length, 2);
  assert.ok(!reference.some((c) => c.includes('west') && c.includes('east')));
  for (const ordering of permutations(reports)) assert.deepEqual(ids(clusterEvents(ordering)), reference);
});

test('merged ambush: majority type, most precise place, actors oriented, party claims weighed, conflicts listed', () => {
  const [ortm, radio, wire] = ambushReports() as [TestReport, TestReport, TestReport];
  const merged = mergeEvent([
    { ...ortm, claims: [{ field: 'fatalities', value: 12, claimant: 'the army' }] },
    { ...radio, claims: [{ field: 'fatalities', value: 4, claimant: 'a local official' }] },
    wire,
  ]);
  assert.deepEqual(merged, {
    event_date: '2025-10-04',
    time_precision: 1,
    event_type: 'Battles',
    sub_event_type: 'Armed clash',
    actor1: JNIM,
    // the wire named the army first: its associate (Wagner) fought on the army's side
    assoc_actor_1: '',
    actor2: MALI_ARMY,
    assoc_actor_2: 'Wagner Group',
    country: 'Mali',
    admin1: 'Segou',
    admin2: 'Niono',
    location: 'Sokolo',
    latitude: ortm.latitude,
    longitude: ortm.longitude,
    geo_precision: 1,
    fatalities: 4,
    conflicts: ['event_type', 'sub_event_type', 'event_date', 'actor2', 'location', 'fatalities'],
  });
});

test('type ties go to the codebook hierarchy: Armed clash before Attack, Air/drone strike before Shelling', () => {
  const [ortm, radio] = ambushReports() as [TestReport, TestReport];
  assert.equal(mergeEvent([radio, ortm]).sub_event_type, 'Armed clash');
  const remote = { event_type: 'Explosions/Remote violence' as const, actor1: MALI_ARMY, actor2: JNIM };
  const shelling = report('shelling', { ...remote, sub_event_type: 'Shelling/artillery/missile attack' });
  const strike = report('strike', { ...remote, sub_event_type: 'Air/drone strike' });
  assert.equal(mergeEvent([shelling, strike]).sub_event_type, 'Air/drone strike');
  // but a majority wins over the hierarchy
  assert.equal(mergeEvent([shelling, { ...shelling, id: 'shelling-2' }, strike]).sub_event_type, 'Shelling/artillery/missile attack');
});

test('an Attack keeps the civilians as actor2 even when a Battle report names soldiers', () => {
  const [ortm, radio] = ambushReports() as [TestReport, TestReport];
  const merged = mergeEvent([radio, { ...radio, id: 'radio-2', location: 'Sokolo', latitude: ortm.latitude, longitude: ortm.longitude }, ortm]);
  assert.equal(merged.sub_event_type, 'Attack');
  assert.equal(merged.actor2, CIVILIANS_MALI);
  assert.ok(merged.conflicts.includes('actor2'));
});

test('dates: the most precise wins; equally precise ones by majority, then the earliest', () => {
  const week = report('week', { event_date: '2025-10-08', time_precision: 2 });
  const day5 = report('day5', { event_date: '2025-10-05' });
  const day4 = report('day4', { event_date: '2025-10-04' });
  assert.deepEqual(pickDate(mergeEvent([week, day5])), ['2025-10-05', 1, false]);
  assert.deepEqual(pickDate(mergeEvent([week, day5, day4])), ['2025-10-04', 1, true]);
  assert.deepEqual(pickDate(mergeEvent([day5, { ...day5, id: 'day5b' }, day4])), ['2025-10-05', 1, true]);
});

function pickDate(e: ReturnType<typeof mergeEvent>): [string, number, boolean] {
  return [e.event_date, e.time_precision, e.conflicts.includes('event_date')];
}

test('place: the most specific report, then the location most reports give', () => {
  const region = report('region', { location: 'Niono', geo_precision: 3, latitude: 14.25, longitude: -5.99 });
  const near = report('near', { location: 'Sokolo', geo_precision: 2 });
  const hamlet = report('hamlet', { location: 'Kourouma', ...nearSokolo(4) });
  const merged = mergeEvent([region, near, hamlet]);
  assert.deepEqual([merged.location, merged.geo_precision, merged.latitude], ['Kourouma', 1, hamlet.latitude]);
  // two precise candidates: the one more reports name, even at a coarser precision
  const sokolo = report('sokolo', { location: 'Sokolo' });
  assert.equal(mergeEvent([region, near, hamlet, sokolo]).location, 'Sokolo');
});

test('mergeEvent of one report is that report, without conflicts', () => {
  const { id: _id, source: _source, ...fields } = ambushReports()[0]!;
  assert.deepEqual(mergeEvent([fields]), { ...fields, conflicts: [] });
  assert.throws(() => mergeEvent([]));
});
