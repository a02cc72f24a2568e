// GET /trends on every store, and the admin1 outlines (GET /boundaries, GET /boundaries/admin1, `serve
// --boundaries`), through Fastify's inject: the route answers what the store function computes, takes the
// usual filters and a week, refuses bad values with a 400 naming them, and follows the read auth.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { UsageError } from '../../src/cli/exit.ts';
import { runServe } from '../../src/cli/serve-command.ts';
import type { Coder } from '../../src/jobs/ingest.ts';
import { buildApp } from '../../src/server/app.ts';
import { BoundariesError, loadAdmin1Boundaries } from '../../src/server/boundaries.ts';
import type { ServerConfig } from '../../src/server/config.ts';
import type { BoundariesInfo } from '../../src/server/routes/boundaries.ts';
import type { EventStore } from '../../src/store/store.ts';
import { createToken } from '../../src/store/tokens.ts';
import { trends, type Trends } from '../../src/store/trends.ts';
import { sampleEvent } from '../export/fixture.ts';
import { TARGETS, withStore } from '../store/targets.ts';

const noCoder = async (): Promise<Coder> => { throw new Error('not used'); };
const app = (store: EventStore, config: Partial<ServerConfig> = {}): Promise<FastifyInstance> => buildApp({ store, coder: noCoder, config });

/** A few weeks of events in two countries, with a burst in Gao in the last week (6 October 2025). */
async function seed(store: EventStore): Promise<void> {
  const day = (offset: number): string => new Date(Date.parse('2025-10-06T00:00:00Z') + offset * 86_400_000).toISOString().slice(0, 10);
  const rows: [string, string, string, number][] = [];
  for (let w = 1; w <= 8; w++) rows.push(['Mali', 'Gao', day(1 - 7 * w), 1]);
  for (let k = 0; k < 5; k++) rows.push(['Mali', 'Gao', day(k), 4]);
  rows.push(['Niger', 'Diffa', '2025-10-08', 0], ['Niger', 'Diffa', '2025-09-10', 2]);
  for (const [i, [country, admin1, date, fatalities]] of rows.entries()) {
    await store.importAcledEvent(sampleEvent({
      event_id_cnty: `S${i}`, event_date: date, country, iso: country === 'Mali' ? 466 : 562, admin1, admin2: '', admin3: '', location: admin1,
      fatalities, actor2: i === rows.length - 3 ? 'Newcomers (Mali)' : 'Unidentified Armed Group (Mali)', claims: [], evidence: [], flags: [],
    }));
  }
}

for (const target of TARGETS) {
  test(`${target.name}: GET /trends answers what the store computes, with filters and a week; bad values are 400s`, { skip: target.skip }, () => withStore(target, async (store) => {
    await seed(store);
    const a = await app(store);
    try {
      const res = await a.inject({ method: 'GET', url: '/trends' });
      assert.equal(res.statusCode, 200, res.body);
      const body = res.json() as Trends;
      assert.deepEqual(body, await trends(store.db, {}, { dialect: store.dialect, postgis: store.postgis, limit: 100 }));
      assert.equal(body.week, '2025-10-06');
      const gao = body.admin1s[0]!;
      assert.deepEqual([gao.country, gao.admin1, gao.events.this_week, gao.fatalities.this_week], ['Mali', 'Gao', 5, 20]);
      assert.ok(gao.flag !== null && gao.flag.kinds.includes('events'), JSON.stringify(gao.flag));
      assert.deepEqual(gao.new_actors, ['Newcomers (Mali)']);

      const niger = (await a.inject({ method: 'GET', url: '/trends?country=Niger&week=2025-09-11' })).json() as Trends;
      assert.equal(niger.week, '2025-09-08');
      assert.deepEqual(niger.admin1s.map((x) => [x.admin1, x.events.this_week]), [['Diffa', 1]]);
      const one = (await a.inject({ method: 'GET', url: '/trends?limit=1' })).json() as Trends;
      assert.deepEqual([one.admin1s.length, one.total], [1, 2]);

      for (const [query, name] of [['week=2025-13-01', 'week'], ['week=2025-02-30', 'week'], ['limit=0', 'limit'], ['from=2025-01-01', 'from'], ['min_fatalities=-1', 'min_fatalities']] as const) {
        const bad = await a.inject({ method: 'GET', url: `/trends?${query}` });
        assert.equal(bad.statusCode, 400, `${query}: ${bad.body}`);
        assert.match((bad.json() as { message: string }).message, new RegExp(name), query);
      }
    } finally {
      await a.close();
    }
  }));
}

test('GET /trends and the outlines follow the read auth; the OpenAPI document lists them', () => withStore(TARGETS[0]!, async (store) => {
  await seed(store);
  const a = await app(store, { readAuth: 'token' });
  try {
    for (const url of ['/trends', '/boundaries', '/boundaries/admin1']) assert.equal((await a.inject({ method: 'GET', url })).statusCode, 401, url);
    const viewer = (await createToken(store.db, 'vera', 'viewer')).token;
    const ok = await a.inject({ method: 'GET', url: '/trends', headers: { authorization: `Bearer ${viewer}` } });
    assert.equal(ok.statusCode, 200);
    const docs = (await a.inject({ method: 'GET', url: '/docs' })).json() as { paths: Record<string, unknown> };
    for (const path of ['/trends', '/boundaries', '/boundaries/admin1']) assert.ok(path in docs.paths, path);
  } finally {
    await a.close();
  }
}));

const square = (x: number, y: number): Polygon => ({ type: 'Polygon', coordinates: [[[x, y], [x + 1.123456789, y], [x + 1, y + 1], [x, y + 1], [x, y]]] });

test('admin1 outlines: from a Natural Earth-like GeoJSON or a TopoJSON file, reduced, by country, cached by ETag', () => withStore(TARGETS[0]!, async (store) => {
  const dir = mkdtempSync(join(tmpdir(), 'faultline-boundaries-'));
  try {
    // Natural Earth's property names: `name` for the admin1, `admin` for the country; a point to be dropped.
    const ne: FeatureCollection = { type: 'FeatureCollection', features: [
      { type: 'Feature', properties: { name: 'Gao', admin: 'Mali', adm0_a3: 'MLI', gn_id: 1, note: '<b>x</b>' }, geometry: square(-1, 15) },
      { type: 'Feature', properties: { name: 'Diffa', admin: 'Niger', adm0_a3: 'NER' }, geometry: { type: 'MultiPolygon', coordinates: [square(12, 13).coordinates] } },
      { type: 'Feature', properties: { name: 'A town' }, geometry: { type: 'Point', coordinates: [0, 0] } },
    ] };
    const file = join(dir, 'admin1.geojson');
    writeFileSync(file, JSON.stringify(ne));
    const b = loadAdmin1Boundaries(file);
    assert.equal(b.source, 'admin1.geojson');
    assert.deepEqual(b.collection.features.map((f) => f.properties), [{ admin1: 'Gao', country: 'Mali' }, { admin1: 'Diffa', country: 'Niger' }]);
    assert.deepEqual((b.collection.features[0]!.geometry as Polygon).coordinates[0]![1], [0.1235, 15], 'coordinates to 4 decimals');

    let a = await app(store, { admin1Boundaries: b });
    try {
      assert.deepEqual((await a.inject({ method: 'GET', url: '/boundaries' })).json() as BoundariesInfo, { admin1: { source: 'admin1.geojson', features: 2 } });
      const all = await a.inject({ method: 'GET', url: '/boundaries/admin1' });
      assert.equal(all.statusCode, 200);
      assert.match(String(all.headers['content-type']), /^application\/geo\+json/);
      assert.equal((all.json() as FeatureCollection).features.length, 2);
      const mali = (await a.inject({ method: 'GET', url: '/boundaries/admin1?country=mali' })).json() as FeatureCollection<Polygon | MultiPolygon>;
      assert.deepEqual(mali.features.map((f: Feature) => f.properties?.['admin1']), ['Gao']);
      const again = await a.inject({ method: 'GET', url: '/boundaries/admin1', headers: { 'if-none-match': String(all.headers['etag']) } });
      assert.equal(again.statusCode, 304);
      assert.equal((await a.inject({ method: 'GET', url: '/boundaries/admin1?bogus=1' })).statusCode, 400);
    } finally {
      await a.close();
    }

    // TopoJSON: the admin1 collection of a topology, decoded (one arc per ring here).
    const topo = {
      type: 'Topology', arcs: [[[0, 10], [2, 10], [2, 12], [0, 12], [0, 10]]],
      objects: { land: { type: 'GeometryCollection', geometries: [] }, states_provinces: { type: 'GeometryCollection', geometries: [
        { type: 'Polygon', arcs: [[0]], properties: { NAME_1: 'Tillaberi', NAME_0: 'Niger' } },
      ] } },
    };
    const topoFile = join(dir, 'admin1.topo.json');
    writeFileSync(topoFile, JSON.stringify(topo));
    const t = loadAdmin1Boundaries(topoFile);
    assert.deepEqual(t.collection.features.map((f) => [f.properties.admin1, f.properties.country, f.geometry.type]), [['Tillaberi', 'Niger', 'Polygon']]);

    // Files that are not outlines say why; `serve --boundaries` turns that into a usage error before anything starts.
    const notJson = join(dir, 'bad.geojson');
    writeFileSync(notJson, '{"type": "FeatureCollection", ');
    assert.throws(() => loadAdmin1Boundaries(notJson), (e: unknown) => e instanceof BoundariesError && /not JSON/.test(e.message));
    const points = join(dir, 'points.geojson');
    writeFileSync(points, JSON.stringify({ type: 'FeatureCollection', features: [ne.features[2]] }));
    assert.throws(() => loadAdmin1Boundaries(points), /no polygons/);
    assert.throws(() => loadAdmin1Boundaries(join(dir, 'missing.geojson')), /cannot read it \(ENOENT\)/);
    await assert.rejects(runServe({ boundaries: join(dir, 'missing.geojson'), db: join(dir, 'unused.db') }), (e: unknown) => e instanceof UsageError && /--boundaries/.test(e.message));

    // Without a file: the dashboard learns there is none, and the outlines route says how to add them.
    a = await app(store);
    try {
      assert.deepEqual((await a.inject({ method: 'GET', url: '/boundaries' })).json(), { admin1: null });
      const none = await a.inject({ method: 'GET', url: '/boundaries/admin1' });
      assert.equal(none.statusCode, 404);
      assert.match(none.body, /--boundaries/);
    } finally {
      await a.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}));
