// The dashboard's pure parts, without a browser: the URL state, evidence runs, and what the views compute
// from the points columns (dates, weeks, the map's view, the map's clusters).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PointsResponse } from '../../src/server/routes/dashboard.ts';
import { areaAround, CLUSTER_MAX_ZOOM, covers, EventClusters } from '../../web/src/cluster.ts';
import { runs } from '../../web/src/highlight.ts';
import { dayOf, extent, inView, isoOf, mondayOf, selectByDate, weekly } from '../../web/src/points.ts';
import { apiQuery, parseState, SERVER_KEYS, stateToSearch } from '../../web/src/state.ts';
import { paletteIndex } from '../../web/src/colors.ts';
import { abbreviate } from '../../web/src/count-labels.ts';

test('the URL state round-trips, drops what the API would refuse, and splits server from browser filters', () => {
  const s = parseState('?country=Mali%2CNiger&from=2025-01-01&to=nope&min_fatalities=-3&text=%3Cscript%3E&event=42&view=-1.5,13.25,5&junk=1');
  assert.deepEqual(s.filters, { country: 'Mali,Niger', from: '2025-01-01', text: '<script>' });
  assert.equal(s.event, 42);
  assert.deepEqual(s.view, { lon: -1.5, lat: 13.25, zoom: 5 });
  assert.deepEqual(parseState(stateToSearch(s)), s);
  assert.equal(stateToSearch({ filters: {}, event: null, view: null }), '');
  assert.equal(parseState('?view=500,0,3&event=1;drop').view, null);
  assert.equal(parseState('?event=abc').event, null);
  assert.equal(apiQuery(s.filters, SERVER_KEYS).toString(), 'country=Mali%2CNiger&text=%3Cscript%3E');
  assert.equal(apiQuery(s.filters).get('from'), '2025-01-01');
});

test('evidence runs: spans at their offsets, overlapping ones split, drifted ones found by their words', () => {
  const text = 'Gunmen killed four near Djibo on Sunday.';
  const { runs: r, unplaced } = runs(text, [
    { field: 'location', start: 24, end: 29, text: 'Djibo' },
    { field: 'fatalities', start: 14, end: 18, text: 'four' },
    { field: 'event_date', start: 0, end: 3, text: 'Sunday' }, // offsets drifted: found by its words
    { field: 'actor1', start: 0, end: 22, text: '' }, // no words to check: trusted at its offsets
    { field: 'notes', start: 0, end: 5, text: 'absent' },
  ]);
  assert.equal(r.map((x) => x.text).join(''), text, 'nothing lost or repeated');
  assert.deepEqual(r.filter((x) => x.fields.length > 0).map((x) => [x.text, x.fields.join('+')]), [
    ['Gunmen killed ', 'actor1'], ['four', 'fatalities+actor1'], [' nea', 'actor1'], ['Djibo', 'location'], ['Sunday', 'event_date'],
  ]);
  assert.deepEqual(unplaced.map((u) => u.field), ['notes']);
  assert.deepEqual(runs('', [{ field: 'x', start: 0, end: 3, text: 'abc' }]).runs, []);
});

function cols(events: { lon: number | null; lat: number | null; type: string; f: number; date: string }[]): PointsResponse {
  const types = [...new Set(events.map((e) => e.type))];
  return {
    count: events.length, truncated: false, types, subTypes: ['x'], locations: ['here'],
    id: events.map((_, i) => i + 1), lon: events.map((e) => e.lon), lat: events.map((e) => e.lat), type: events.map((e) => types.indexOf(e.type)),
    sub: events.map(() => 0), loc: events.map(() => 0), fatalities: events.map((e) => e.f), day: events.map((e) => dayOf(e.date)),
  };
}

test('points: date selection, ISO weeks stacked by type, extent, and the events in a map view', () => {
  assert.equal(isoOf(dayOf('2025-10-04')), '2025-10-04');
  assert.equal(isoOf(mondayOf(dayOf('2025-10-05'))), '2025-09-29', 'a Sunday belongs to the week of the Monday before');
  assert.equal(isoOf(mondayOf(dayOf('2025-09-29'))), '2025-09-29');
  assert.equal(isoOf(mondayOf(dayOf('1969-12-31'))), '1969-12-29');
  const p = cols([
    { lon: -6, lat: 14, type: 'Battles', f: 3, date: '2025-10-05' },
    { lon: -1.5, lat: 12.4, type: 'Protests', f: 0, date: '2025-09-30' },
    { lon: 170, lat: -15, type: 'Battles', f: 1, date: '2025-09-15' },
    { lon: null, lat: null, type: 'Odd type', f: 2, date: '2025-09-15' },
  ]);
  assert.deepEqual([...selectByDate(p, '2025-09-16', undefined)], [0, 1]);
  assert.deepEqual([...selectByDate(p, undefined, '2025-09-15')], [2, 3]);
  const w = weekly(p, selectByDate(p, undefined, undefined));
  assert.equal(isoOf(w.start), '2025-09-15');
  assert.equal(w.weeks, 3);
  assert.deepEqual([...w.counts[paletteIndex('Battles')]!], [1, 0, 1]);
  assert.deepEqual([...w.counts[paletteIndex('Protests')]!], [0, 0, 1]);
  assert.deepEqual([...w.counts[paletteIndex('Odd type')]!], [1, 0, 0], 'types outside the codebook count as other');
  assert.deepEqual([...w.fatalities], [3, 0, 3]);
  const all = selectByDate(p, undefined, undefined);
  assert.deepEqual(extent(p, all), [-6, -15, 170, 14]);
  const sahel = inView(p, all, [-10, 10, 0, 20]);
  assert.deepEqual([...sahel.located], [0, 1]);
  assert.deepEqual([...sahel.unlocated], [3]);
  // A view across the antimeridian (east beyond 180) still finds the Pacific event.
  assert.deepEqual([...inView(p, all, [160, -20, 200, -10]).located], [2]);
  assert.deepEqual([...inView(p, all, [-540, -85, 540, 85]).located], [0, 1, 2]);
  assert.equal(weekly(p, new Uint32Array(0)).weeks, 0);
});

test('map clusters: every event once per zoom level, near ones merged, far ones apart, a cluster opens one level deeper or more', () => {
  // A tight group of 5 in Mali, two a degree apart in Niger, one in the Pacific, one without coordinates.
  const p = cols([
    ...[0, 1, 2, 3, 4].map((k) => ({ lon: -4 + k * 0.001, lat: 14 + k * 0.001, type: 'Battles', f: k, date: '2025-10-01' })),
    { lon: 2, lat: 13.5, type: 'Protests', f: 0, date: '2025-10-01' },
    { lon: 3, lat: 13.5, type: 'Protests', f: 1, date: '2025-10-01' },
    { lon: 170, lat: -15, type: 'Riots', f: 0, date: '2025-10-01' },
    { lon: null, lat: null, type: 'Battles', f: 9, date: '2025-10-01' },
  ]);
  const c = new EventClusters(p, selectByDate(p, undefined, undefined));
  assert.equal(c.n, 8, 'the event without coordinates is not on the map');
  const summary = (zoom: number): { clusters: number[]; singles: number[] } => {
    const level = c.level(zoom, null);
    const clusters: number[] = [];
    const singles: number[] = [];
    for (const f of level.data.features) {
      if ('cluster' in f.properties) clusters.push(f.properties.point_count);
      else singles.push(f.properties.i);
    }
    assert.equal(clusters.reduce((a, b) => a + b, 0) + singles.length, 8, `zoom ${zoom}: every located event once`);
    return { clusters: clusters.sort(), singles: singles.sort() };
  };
  assert.deepEqual(summary(2), { clusters: [7], singles: [7] }, 'zoom 2: West Africa one cluster, the Pacific alone');
  assert.deepEqual(summary(6), { clusters: [5], singles: [5, 6, 7] }, 'zoom 6: the Niger pair apart');
  assert.deepEqual(summary(CLUSTER_MAX_ZOOM + 1), { clusters: [], singles: [0, 1, 2, 3, 4, 5, 6, 7] }, 'past the last cluster level: every event alone');
  const level = c.level(6, null);
  const group = level.data.features.find((f) => 'cluster' in f.properties)!;
  assert.ok('cluster' in group.properties);
  assert.equal(group.properties.f, 0 + 1 + 2 + 3 + 4, 'a cluster sums its fatalities');
  assert.equal(group.properties.v, 5, 'and counts its political violence');
  const [lon, lat] = group.geometry.coordinates;
  assert.ok(Math.abs(lon! - -3.998) < 1e-6 && Math.abs(lat! - 14.002) < 1e-3, 'at the middle of its events');
  const opens = c.expansionZoom(level, group.properties.cluster_id)!;
  assert.ok(opens > 6 && opens <= CLUSTER_MAX_ZOOM + 1, `opens at ${opens}`);
  assert.equal(c.expansionZoom(c.level(6, null), group.properties.cluster_id), null, 'a cluster of a level since replaced is not found');
  // Only around the view: a view of the Sahel at zoom 6 leaves the Pacific out.
  const area = areaAround(-6, 12, 4, 16);
  assert.equal(c.level(6, area).data.features.length, 3);
  assert.ok(covers(area, -5, 13, 3, 15));
  assert.ok(!covers(area, 150, -20, 175, -10));
  // A view across the antimeridian.
  assert.equal(c.level(6, areaAround(165, -20, 185, -10)).data.features.length, 1);
});

test('cluster counts fit in four characters and never round up', () => {
  assert.deepEqual([2, 999, 1000, 1999, 9999, 10_000, 99_999, 999_999, 1_250_000].map(abbreviate),
    ['2', '999', '1.0k', '1.9k', '9.9k', '10k', '99k', '999k', '1.2M']);
});
