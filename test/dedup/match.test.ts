// sameEvent: type, date, place and actor rules, one at a time, and the words the store records.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sameEvent } from '../../src/dedup/match.ts';
import {
  ambushReports, CIVILIANS_MALI, GUNMEN_MALI, ISGS, JNIM, MALI_ARMY, nearSokolo, report, type TestReport,
} from './reports.ts';

function assertSymmetric(a: TestReport, b: TestReport): void {
  const ab = sameEvent(a, b);
  const ba = sameEvent(b, a);
  assert.equal(ab.same, ba.same, `${a.id}/${b.id}: same is not symmetric`);
  assert.equal(ab.score, ba.score, `${a.id}/${b.id}: score is not symmetric`);
}

test('ambush: Armed clash vs Attack, a day apart, 4 km apart -> same, with the disagreements listed', () => {
  const [ortm, radio] = ambushReports() as [TestReport, TestReport];
  const v = sameEvent(ortm, radio);
  assert.equal(v.same, true, v.reasons.join('\n'));
  assert.ok(v.score > 0 && v.score < 1, `score ${v.score}`);
  assert.deepEqual(v.conflicts, ['event_type', 'sub_event_type', 'event_date', 'actor2', 'location', 'fatalities']);
  const words = v.reasons.join('\n');
  assert.match(words, /compatible sub-event types Armed clash ~ Attack/);
  assert.match(words, /dates 1 day apart/);
  assert.match(words, /places 4\.0 km apart \(Sokolo \/ Kourouma\), within 10 km/);
  assert.match(words, /actor1: both name JNIM/);
});

test('actors in reverse order, with the group unidentified by one outlet, still match', () => {
  const [ortm, , wire] = ambushReports() as [TestReport, TestReport, TestReport];
  const v = sameEvent(ortm, wire);
  assert.equal(v.same, true, v.reasons.join('\n'));
  assert.ok(v.reasons.includes('actors in reverse order'));
  // naming the group the other left unidentified refines the event: nothing to flag
  assert.deepEqual(v.conflicts, []);
});

test('same day, same place: a protest and an attack are two events', () => {
  const protest = report('protest', {
    event_type: 'Protests', sub_event_type: 'Peaceful protest', actor1: 'Protesters (Mali)', actor2: '',
  });
  const attack = report('attack', {
    event_type: 'Violence against civilians', sub_event_type: 'Attack', actor1: GUNMEN_MALI, actor2: CIVILIANS_MALI,
  });
  const v = sameEvent(protest, attack);
  assert.equal(v.same, false);
  assert.equal(v.score, 0);
  assert.match(v.reasons.join('\n'), /incompatible sub-event types Peaceful protest \/ Attack/);
});

test('battles and protests never match, even with the same actors', () => {
  const clash = report('clash');
  const protest = report('protest', { event_type: 'Protests', sub_event_type: 'Protest with intervention' });
  assert.equal(sameEvent(clash, protest).same, false);
});

test('two attacks on the same day 200 km apart are two events', () => {
  const here = report('here');
  const there = report('there', { location: 'Elsewhere', ...nearSokolo(200, 'east') });
  const v = sameEvent(here, there);
  assert.equal(v.same, false);
  assert.match(v.reasons.join('\n'), /places 200\.0 km apart .* beyond 10 km/);
  // 12 km is already beyond what two outlets' geolocations of one place differ by
  assert.equal(sameEvent(here, report('twelve', { ...nearSokolo(12) })).same, false);
  assert.equal(sameEvent(here, report('nine', { ...nearSokolo(9) })).same, true);
});

test('a report that knows only the region matches by admin2, or admin1 when admin2 is empty', () => {
  const village = report('village', { location: 'Boni', admin1: 'Mopti', admin2: 'Douentza', latitude: 15.05, longitude: -1.95 });
  const region = report('cercle', { location: 'Douentza', admin1: 'Mopti', admin2: 'Douentza', latitude: 15.0, longitude: -2.95, geo_precision: 3 });
  const v = sameEvent(village, region);
  assert.equal(v.same, true, v.reasons.join('\n'));
  assert.match(v.reasons.join('\n'), /same admin2 Douentza/);
  assert.ok(!v.conflicts.includes('location'), 'a region is not contradicted by a village inside it');

  const otherCercle = { ...region, id: 'other', admin2: 'Bandiagara', location: 'Bandiagara' };
  assert.equal(sameEvent(village, otherCercle).same, false);

  const admin1Only = { ...region, id: 'admin1', admin2: '', location: 'Mopti region' };
  assert.equal(sameEvent(village, admin1Only).same, true);
  assert.equal(sameEvent(village, { ...admin1Only, admin1: 'Gao' }).same, false);
});

test('different countries never match, even 2 km apart across a border', () => {
  const mali = report('mali');
  const burkina = report('burkina', { country: 'Burkina Faso', admin1: 'Boucle du Mouhoun', admin2: 'Kossi', ...nearSokolo(2) });
  const v = sameEvent(mali, burkina);
  assert.equal(v.same, false);
  assert.match(v.reasons.join('\n'), /different countries: Mali \/ Burkina Faso/);
});

test('dates: a day of slack; week and month precision widen the window', () => {
  const day = report('day');
  assert.equal(sameEvent(day, report('next', { event_date: '2025-10-05' })).same, true);
  assert.equal(sameEvent(day, report('two-days', { event_date: '2025-10-06' })).same, false);
  // week coded at its middle (Oct 8): stands for Oct 5-11, plus a day of slack
  assert.equal(sameEvent(day, report('week', { event_date: '2025-10-08', time_precision: 2 })).same, true);
  assert.equal(sameEvent(day, report('week-late', { event_date: '2025-10-09', time_precision: 2 })).same, false);
  // month coded at its middle stands for the whole month
  assert.equal(sameEvent(report('oct30', { event_date: '2025-10-30' }), report('month', { event_date: '2025-10-15', time_precision: 3 })).same, true);
  assert.equal(sameEvent(report('nov3', { event_date: '2025-11-03' }), report('month', { event_date: '2025-10-15', time_precision: 3 })).same, false);
});

test('actors: two different named groups on one side never match; vague or missing actors do', () => {
  const jnim = report('jnim', { event_type: 'Violence against civilians', sub_event_type: 'Attack', actor2: CIVILIANS_MALI });
  const isgs = { ...jnim, id: 'isgs', actor1: ISGS };
  const gunmen = { ...jnim, id: 'gunmen', actor1: GUNMEN_MALI };
  const either = { ...jnim, id: 'either', actor1: `${JNIM} and/or ${ISGS}` };
  const noVictims = { ...jnim, id: 'no-victims', actor2: '' };
  const v = sameEvent(jnim, isgs);
  assert.equal(v.same, false);
  assert.match(v.reasons.join('\n'), /two different named actors/);
  assert.equal(sameEvent(jnim, gunmen).same, true);
  assert.equal(sameEvent(isgs, gunmen).same, true);
  assert.equal(sameEvent(jnim, either).same, true);
  assert.equal(sameEvent(isgs, either).same, true);
  assert.equal(sameEvent(jnim, noVictims).same, true);
  // the victims are a shared actor, and an unidentified group contradicts nobody
  const dozo = { ...jnim, id: 'dozo', actor1: 'Dozo Communal Militia (Mali)' };
  assert.equal(sameEvent(gunmen, dozo).same, true);
  // nothing in common at all: not enough to call it one event
  const v2 = sameEvent(report('a', { actor1: GUNMEN_MALI, actor2: '' }), report('b', { actor1: MALI_ARMY, actor2: '' }));
  assert.equal(v2.same, false);
  assert.match(v2.reasons.join('\n'), /no actor in common/);
});

test('an associated actor counts as shared: the VDP fighting beside the army', () => {
  const bf = { country: 'Burkina Faso', admin1: 'Sahel', admin2: 'Soum', location: 'Djibo', latitude: 14.1, longitude: -1.63 };
  const army = report('army', { ...bf, actor1: JNIM, actor2: 'Military Forces of Burkina Faso (2022-)', assoc_actor_2: 'VDP: Volunteers for the Defense of the Homeland' });
  const vdp = report('vdp', { ...bf, actor1: JNIM, actor2: 'VDP: Volunteers for the Defense of the Homeland' });
  const v = sameEvent(army, vdp);
  assert.equal(v.same, true, v.reasons.join('\n'));
  assert.ok(v.conflicts.includes('actor2'), 'who fought the attackers differs: flag it');
});

test('protesters and rioters are one crowd seen two ways', () => {
  const march = report('march', { event_type: 'Protests', sub_event_type: 'Peaceful protest', actor1: 'Protesters (Mali)', actor2: '' });
  const riot = report('riot', { event_type: 'Riots', sub_event_type: 'Violent demonstration', actor1: 'Rioters (Mali)', actor2: '' });
  assert.equal(sameEvent(march, riot).same, true);
  assert.equal(sameEvent(march, { ...riot, actor1: 'Rioters (Niger)' }).same, false);
});

test('sameEvent is symmetric', () => {
  const all = [
    ...ambushReports(),
    report('far', { ...nearSokolo(200) }),
    report('week', { event_date: '2025-10-07', time_precision: 2 }),
    report('isgs', { actor1: ISGS }),
    report('region', { geo_precision: 3, location: 'Niono' }),
  ];
  for (const a of all) for (const b of all) assertSymmetric(a, b);
});
