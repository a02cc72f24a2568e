// The dashboard's endpoints through Fastify's inject, on every store: GET /events/points (columns for every
// matching event, the same filters as GET /events), GET /documents/:id (a report's text, inert in JSON), read
// auth like the other read routes, and the built app at / without shadowing any API path.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import type { Coder } from '../../src/jobs/ingest.ts';
import { buildApp } from '../../src/server/app.ts';
import type { ServerConfig } from '../../src/server/config.ts';
import { decodePoints, POINTS_BINARY_TYPE } from '../../src/server/points-binary.ts';
import { dashboardBuilt, type DocumentResponse, type PointsResponse } from '../../src/server/routes/dashboard.ts';
import { EventStore } from '../../src/store/store.ts';
import { readingColumns } from '../../src/store/rows.ts';
import { createToken } from '../../src/store/tokens.ts';
import { sampleEvent } from '../export/fixture.ts';
import { TARGETS, withStore } from '../store/targets.ts';
import { COUNT_BY_COUNTRY, EVENT_COUNT, REPORTS, SCRIPT_TEXT, seed } from './fixture.ts';

const noCoder = async (): Promise<Coder> => { throw new Error('not used'); };

async function app(store: EventStore, config: Partial<ServerConfig> = {}): Promise<FastifyInstance> {
  return buildApp({ store, coder: noCoder, config });
}

async function points(a: FastifyInstance, query = ''): Promise<PointsResponse> {
  const r = await a.inject({ method: 'GET', url: `/events/points${query}` });
  assert.equal(r.statusCode, 200, r.body);
  return r.json() as PointsResponse;
}

/** The binary answer (what the dashboard asks for), as the JSON answer's plain arrays (NaN back to null). */
async function binaryPoints(a: FastifyInstance, query = ''): Promise<PointsResponse> {
  const r = await a.inject({ method: 'GET', url: `/events/points?format=binary${query === '' ? '' : `&${query.replace(/^\?/, '')}`}` });
  assert.equal(r.statusCode, 200, r.body);
  assert.equal(r.headers['content-type'], POINTS_BINARY_TYPE);
  const bytes = r.rawPayload;
  const p = decodePoints(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  const nullable = (xs: Float64Array): (number | null)[] => Array.from(xs, (x) => (Number.isNaN(x) ? null : x));
  return {
    count: p.count, truncated: p.truncated, types: p.types, subTypes: p.subTypes, locations: p.locations, id: Array.from(p.id), lon: nullable(p.lon), lat: nullable(p.lat),
    type: Array.from(p.type), sub: Array.from(p.sub), loc: Array.from(p.loc), fatalities: Array.from(p.fatalities), day: Array.from(p.day),
  };
}

/** The columns back as one object per event, for comparisons. */
function rows(p: PointsResponse): { id: number; lon: number | null; lat: number | null; type: string; sub: string; location: string; fatalities: number; date: string }[] {
  return p.id.map((id, i) => ({
    id, lon: p.lon[i]!, lat: p.lat[i]!, type: p.types[p.type[i]!]!, sub: p.subTypes[p.sub[i]!]!, location: p.locations[p.loc[i]!]!,
    fatalities: p.fatalities[i]!, date: new Date(p.day[i]! * 86_400_000).toISOString().slice(0, 10),
  }));
}

for (const target of TARGETS) {
  const t = (name: string, body: (store: EventStore) => Promise<void>): void => {
    test(`${target.name}: ${name}`, { skip: target.skip }, () => withStore(target, async (store) => {
      await seed(store);
      await body(store);
    }));
  };

  t('GET /events/points gives every matching event as columns, newest first, as GET /events has them', async (store) => {
    const a = await app(store);
    try {
      const all = await points(a);
      assert.equal(all.count, EVENT_COUNT);
      assert.equal(all.truncated, false);
      for (const col of [all.id, all.lon, all.lat, all.type, all.sub, all.loc, all.fatalities, all.day]) assert.equal(col.length, EVENT_COUNT);
      const listed = (await a.inject({ method: 'GET', url: '/events?limit=1000' })).json() as { events: { id: number; event_type: string; sub_event_type: string; location: string; fatalities: number; event_date: string; latitude: number; longitude: number }[] };
      assert.deepEqual(rows(all), listed.events.map((e) => ({ id: e.id, lon: e.longitude, lat: e.latitude, type: e.event_type, sub: e.sub_event_type, location: e.location, fatalities: e.fatalities, date: e.event_date })));
      // Each dictionary holds a string once.
      assert.equal(new Set(all.types).size, all.types.length);
      assert.equal(new Set(all.locations).size, all.locations.length);
    } finally {
      await a.close();
    }
  });

  t('GET /events/points takes the filters of GET /events, a limit, and refuses what GET /events refuses', async (store) => {
    const a = await app(store);
    try {
      assert.equal((await points(a, '?country=Burkina%20Faso')).count, COUNT_BY_COUNTRY('Burkina Faso'));
      assert.equal((await points(a, '?country=Mali,Niger')).count, COUNT_BY_COUNTRY('Mali') + COUNT_BY_COUNTRY('Niger'));
      assert.deepEqual(rows(await points(a, '?min_fatalities=10')).map((r) => r.fatalities).sort((x, y) => x - y), [12, 15]);
      assert.deepEqual(rows(await points(a, '?from=2025-09-01&to=2025-09-30')).map((r) => r.date), ['2025-09-14', '2025-09-01']);
      assert.deepEqual(rows(await points(a, '?event_type=Riots')).map((r) => r.location), ['Gao']);
      assert.equal((await points(a, `?text=${encodeURIComponent("x' OR 1=1 --")}`)).count, 0);
      const two = await points(a, '?limit=2');
      assert.equal(two.count, 2);
      assert.equal(two.truncated, true);
      assert.deepEqual(two.id, (await points(a)).id.slice(0, 2), 'the newest');
      for (const bad of ['from=yesterday', 'limit=0', 'limit=500001', 'min_fatalities=-1', 'bbox=1,2', 'nope=1']) {
        assert.equal((await a.inject({ method: 'GET', url: `/events/points?${bad}` })).statusCode, 400, bad);
      }
    } finally {
      await a.close();
    }
  });

  t('GET /events/points keeps events without coordinates, with null lon/lat', async (store) => {
    await store.ingestDocument({ id: 'nowhere.txt', text: 'Clashes were reported somewhere in the north.', lang: 'en', published: '2025-10-10' },
      [sampleEvent({ doc_id: 'nowhere.txt', event_date: '2025-10-09', latitude: null, longitude: null, geo_precision: null, location: '', admin1: '', admin2: '', admin3: '', evidence: [], claims: [], flags: [] })]);
    const a = await app(store);
    try {
      const p = await points(a);
      assert.equal(p.count, EVENT_COUNT + 1);
      const i = p.locations.indexOf('');
      const row = p.loc.indexOf(i);
      assert.equal(p.lon[row], null);
      assert.equal(p.lat[row], null);
    } finally {
      await a.close();
    }
  });

  t('GET /events/points?format=binary carries the same columns as the JSON answer, filters and limit included', async (store) => {
    await store.ingestDocument({ id: 'nowhere.txt', text: 'Clashes were reported somewhere in the north.', lang: 'en', published: '2025-10-10' },
      [sampleEvent({ doc_id: 'nowhere.txt', event_date: '2025-10-09', latitude: null, longitude: null, geo_precision: null, location: '', admin1: '', admin2: '', admin3: '', evidence: [], claims: [], flags: [] })]);
    const a = await app(store);
    try {
      for (const query of ['', '?country=Mali,Niger', '?min_fatalities=10', '?limit=2', '?text=nothing-matches-this']) {
        assert.deepEqual(await binaryPoints(a, query), await points(a, query), query);
      }
      assert.equal((await binaryPoints(a)).count, EVENT_COUNT + 1);
      assert.equal((await a.inject({ method: 'GET', url: '/events/points?format=xml' })).statusCode, 400);
    } finally {
      await a.close();
    }
  });

  t('GET /documents/:id gives the report text, markup inert in the JSON; unknown ids are 404s', async (store) => {
    const a = await app(store);
    try {
      const detail = (await a.inject({ method: 'GET', url: `/events/${(await points(a, '?text=Sokolo')).id[0]}` })).json() as { sources: { document: { id: number } }[] };
      const r = await a.inject({ method: 'GET', url: `/documents/${detail.sources[0]!.document.id}` });
      assert.equal(r.statusCode, 200);
      assert.ok(!r.body.includes('<script>'), 'no raw <script> in the JSON');
      const doc = r.json() as DocumentResponse;
      assert.equal(doc.text, REPORTS[0]!.doc.text);
      assert.ok(doc.text.includes(SCRIPT_TEXT));
      assert.deepEqual(Object.keys(doc).sort(), ['external_id', 'id', 'lang', 'published', 'source', 'text', 'title', 'url']);
      assert.equal(doc.url, 'https://example.org/sokolo');
      assert.equal((await a.inject({ method: 'GET', url: '/documents/99999' })).statusCode, 404);
      assert.equal((await a.inject({ method: 'GET', url: '/documents/abc' })).statusCode, 400);
    } finally {
      await a.close();
    }
  });

  t('with --read-auth token, points and documents need a viewer token like the other reads', async (store) => {
    const a = await app(store, { readAuth: 'token' });
    try {
      const viewer = (await createToken(store.db, 'vera', 'viewer')).token;
      for (const url of ['/events/points', '/documents/1']) {
        assert.equal((await a.inject({ method: 'GET', url })).statusCode, 401, url);
        assert.equal((await a.inject({ method: 'GET', url, headers: { authorization: `Bearer ${viewer}` } })).statusCode, 200, url);
      }
    } finally {
      await a.close();
    }
  });
}

test('sqlite: GET /events/points reads page by page: more events than a page come back whole, in order, once each', async () => {
  await withStore(TARGETS[0]!, async (store) => {
    const n = 21_000; // pages of a few thousand, the last one part-filled
    const base = readingColumns(sampleEvent());
    const row = (k: number) => ({
      ...base, event_id_cnty: `BULK${k}`, event_date: new Date(Date.UTC(2024, 0, 1) + (k % 400) * 86_400_000).toISOString().slice(0, 10),
      fatalities_low: 0, fatalities_best: 0, fatalities_high: 0, flags: '[]', conflicts: '[]', locked_fields: '[]', status: 'new', origin: 'extracted',
      sources_count: 1, created_at: '2025-01-01T00:00:00Z', updated_at: '2025-01-01T00:00:00Z', version: 1,
    });
    await store.db.transaction().execute(async (trx) => {
      for (let k = 0; k < n; k += 500) await trx.insertInto('events').values(Array.from({ length: Math.min(500, n - k) }, (_, j) => row(k + j))).execute();
    });
    const a = await app(store);
    try {
      const all = await points(a);
      assert.equal(all.count, n);
      assert.equal(new Set(all.id).size, n, 'each event once');
      for (let k = 1; k < n; k++) {
        const newer = all.day[k - 1]! > all.day[k]! || (all.day[k - 1] === all.day[k] && all.id[k - 1]! > all.id[k]!);
        assert.ok(newer, `row ${k} is older than row ${k - 1}`);
      }
      const cut = await points(a, '?limit=15000');
      assert.equal(cut.truncated, true);
      assert.deepEqual(cut.id, all.id.slice(0, 15_000));
      const exact = await points(a, `?limit=${n}`);
      assert.equal(exact.truncated, false);
      assert.equal(exact.count, n);
    } finally {
      await a.close();
    }
  });
});

test('sqlite: GET /events/points answers from memory while the store is unchanged, reads again after any write, and honours its ETag', async () => {
  await withStore(TARGETS[0]!, async (store, url) => {
    await seed(store);
    const a = await app(store);
    const get = (query: string, etag?: string) => a.inject({ method: 'GET', url: `/events/points${query}`, headers: etag === undefined ? {} : { 'if-none-match': etag } });
    try {
      const first = await get('');
      const etag = String(first.headers['etag']);
      assert.equal(first.headers['cache-control'], 'no-cache');
      assert.equal((await get('', etag)).statusCode, 304, 'unchanged: the browser keeps its copy');
      assert.deepEqual((await get('')).json(), first.json(), 'the same answer again');
      assert.notEqual(String((await get('?format=binary')).headers['etag']), etag, 'each form its own ETag');
      assert.notEqual(String((await get('?country=Mali')).headers['etag']), etag, 'each filter its own ETag');
      assert.equal(String((await get('?limit=500000')).headers['etag']), etag, 'the same filters spelled otherwise: the same answer');
      // A write by this server's store: read again.
      await store.ingestDocument({ id: 'late.txt', text: 'A late report from Mali.', lang: 'en', published: '2025-10-11' },
        [sampleEvent({ doc_id: 'late.txt', event_date: '2025-10-10', country: 'Mali', location: 'Late', evidence: [], claims: [], flags: [] })]);
      const second = await get('', etag);
      assert.equal(second.statusCode, 200);
      assert.equal((second.json() as PointsResponse).count, EVENT_COUNT + 1);
      // A write by another connection (another process, say `faultline ingest`): read again too.
      const other = await EventStore.open(url);
      try {
        const id = (second.json() as PointsResponse).id[0]!;
        await other.db.deleteFrom('events').where('id', '=', id).execute();
      } finally {
        await other.close();
      }
      const third = await get('', String(second.headers['etag']));
      assert.equal(third.statusCode, 200);
      assert.equal((third.json() as PointsResponse).count, EVENT_COUNT);
    } finally {
      await a.close();
    }
  });
});

test('the dashboard is served at / with a strict Content-Security-Policy, and every API path stays the API\'s', async (t) => {
  if (!dashboardBuilt()) {
    t.skip('web/dist is not built (npm run build:web): the page itself is tested once it is');
    return;
  }
  await withStore(TARGETS[0]!, async (store) => {
    await seed(store);
    const a = await app(store);
    try {
      const page = await a.inject({ method: 'GET', url: '/?country=Mali' });
      assert.equal(page.statusCode, 200);
      assert.match(String(page.headers['content-type']), /text\/html/);
      assert.match(String(page.headers['content-security-policy']), /script-src 'self'/);
      assert.equal(page.headers['cache-control'], 'no-cache');
      const asset = /src="\.\/(assets\/[^"]+\.js)"/.exec(page.body)?.[1];
      assert.ok(asset !== undefined, 'index.html loads a script from assets/');
      const js = await a.inject({ method: 'GET', url: `/${asset}` });
      assert.equal(js.statusCode, 200);
      assert.match(String(js.headers['content-type']), /javascript/);
      assert.match(String(js.headers['cache-control']), /immutable/);
      for (const url of ['/events', '/events/points', '/stats', '/docs', '/health', `/events/${(await points(a)).id[0]}`]) {
        const r = await a.inject({ method: 'GET', url });
        assert.equal(r.statusCode, 200, url);
        assert.match(String(r.headers['content-type']), /json/, `${url} is the API's`);
      }
      const missing = await a.inject({ method: 'GET', url: '/no/such/page' });
      assert.equal(missing.statusCode, 404);
      assert.doesNotMatch(missing.body, /<html/i, 'no catch-all page');
      const docs = (await a.inject({ method: 'GET', url: '/docs' })).json() as { paths: Record<string, Record<string, unknown>> };
      assert.ok(docs.paths['/events/points']?.['get'] !== undefined);
      assert.ok(docs.paths['/documents/{id}']?.['get'] !== undefined);
      assert.equal(docs.paths['/'], undefined, 'the page is not part of the API document');
    } finally {
      await a.close();
    }
  });
});
