import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { ACLED_COLUMNS, EventSchema, type FaultlineEvent } from '../../src/domain/index.ts';
import { createExporter, type Format } from '../../src/export/index.ts';
import { asciiName, neutraliseFormula, restoreFormula } from '../../src/export/cells.ts';
import { interText } from '../../src/export/acled-csv.ts';
import { sampleEvent } from './fixture.ts';

function render(format: Format, events: FaultlineEvent[]): string {
  const ex = createExporter(format);
  return ex.begin() + events.map((e) => ex.event(e)).join('') + ex.end();
}

const events = [sampleEvent(), sampleEvent({ doc_id: 'report-2', location: '-Tessit', latitude: null, longitude: null, geo_precision: null, actor1: '@JNIM', admin1: 'Gao' })];

test('jsonl: one complete event a line that passes the schema', () => {
  const lines = render('jsonl', events).trimEnd().split('\n');
  assert.equal(lines.length, 2);
  const back = lines.map((l) => EventSchema.parse(JSON.parse(l)));
  assert.deepEqual(back[0], events[0]);
});

test('json: an array, also when empty', () => {
  assert.deepEqual(JSON.parse(render('json', events)), events);
  assert.deepEqual(JSON.parse(render('json', [])), []);
});

test('csv: quotes, newlines and commas survive; formulas neutralised; negative numbers left alone', () => {
  const rows = parse(render('csv', events), { columns: true }) as Record<string, string>[];
  assert.equal(rows.length, 2);
  const [a, b] = rows as [Record<string, string>, Record<string, string>];
  assert.equal(a.notes, events[0]?.notes); // begins with "Strikes": not a formula
  assert.equal(a.longitude, '-6.1228');
  assert.equal(b.actor1, "'@JNIM");
  assert.equal(b.location, "'-Tessit");
  assert.equal(b.latitude, '');
  assert.deepEqual(JSON.parse(a.evidence ?? ''), events[0]?.evidence);
  assert.deepEqual(JSON.parse(a.flags ?? ''), ['date_conflict']);
});

test('formula neutralisation follows OWASP', () => {
  for (const cell of ['=1+1', '+33 6', '-2+3', '@SUM(A1)', '\tx', '\rx']) assert.equal(neutraliseFormula(cell), `'${cell}`);
  for (const cell of ['-3.2', '+4', '-0.5e3', 'Gao', '']) assert.equal(neutraliseFormula(cell), cell);
  assert.equal(restoreFormula("'=1+1"), '=1+1');
  assert.equal(restoreFormula("'t Hooft"), "'t Hooft");
});

test('acled-csv: exactly the ACLED columns in order, ASCII places, inter as labels', () => {
  const text = render('acled-csv', [sampleEvent({ notes: '=cmd|calc', location: 'Ségou', admin2: 'Tominian' })]);
  const [header, row] = parse(text) as [string[], string[]];
  assert.deepEqual(header, [...ACLED_COLUMNS]);
  const cell = (c: string): string => row[(header as string[]).indexOf(c)] ?? '';
  assert.equal(cell('admin1'), 'Segou');
  assert.equal(cell('location'), 'Segou');
  assert.equal(cell('inter1'), 'State forces');
  assert.equal(cell('inter2'), 'Political militia'); // "3" from the extractor becomes its label
  assert.equal(cell('interaction'), 'State forces-Political militia');
  assert.equal(cell('notes'), "'=cmd|calc");
  assert.equal(cell('longitude'), '-6.1228');
  assert.equal(asciiName('Tillabéri, Ménaka, Œuvre'), 'Tillaberi, Menaka, OEuvre');
  assert.equal(interText('8'), 'External/Other forces');
});

test('geojson: a valid FeatureCollection of Points at [lon, lat], unlocated events with null geometry', () => {
  const fc = JSON.parse(render('geojson', events)) as {
    type: string; features: { type: string; geometry: { type: string; coordinates: number[] } | null; properties: Record<string, unknown> }[];
  };
  assert.equal(fc.type, 'FeatureCollection');
  assert.equal(fc.features.length, 2);
  const [located, unlocated] = fc.features;
  assert.equal(located?.type, 'Feature');
  assert.deepEqual(located?.geometry, { type: 'Point', coordinates: [-6.1228, 14.7328] });
  assert.equal(located?.properties.admin1, 'Ségou');
  assert.deepEqual(located?.properties.evidence, events[0]?.evidence);
  assert.equal(unlocated?.geometry, null);
  assert.deepEqual(JSON.parse(render('geojson', [])), { type: 'FeatureCollection', features: [] });
});

test('table: one row per event with date, types, actors, place and fatalities', () => {
  const text = render('table', events);
  const lines = text.trimEnd().split('\n');
  assert.equal(lines.length, 5); // header, rule, 2 rows, count
  assert.match(lines[2] ?? '', /2025-10-04 +Explosions\/Remote violence \/ Air\/drone strike +Military Forces of Mali \(2021-\) → Unidentified Armed Group \(Mali\) +Sokolo \/ Ségou +15$/);
  assert.equal(lines[4], '2 events');
  assert.equal(render('table', []), '(no events)\n');
});
