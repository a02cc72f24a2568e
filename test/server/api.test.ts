// The HTTP API on a SQLite store, through Fastify's inject (no socket): auth for writes, body limits,
// filters, formats, corrections in the history, and report text that stays inert in every format.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import type { Document, FaultlineEvent } from '../../src/domain/index.ts';
import type { Coder } from '../../src/jobs/ingest.ts';
import { buildApp } from '../../src/server/app.ts';
import type { ServerConfig } from '../../src/server/config.ts';
import { EventStore } from '../../src/store/store.ts';
import { createToken } from '../../src/store/tokens.ts';
import { sampleEvent } from '../export/fixture.ts';
import { TARGETS, type Target } from '../store/targets.ts';

// A coder that reads one event out of any report: the API is under test here, not the extractor.
const stubCoder: Coder = {
  extract: (doc: Document): FaultlineEvent[] => [sampleEvent({ doc_id: doc.id, notes: doc.text.slice(0, 200), source: doc.source ?? 'stub' })],
};

interface Fixture { app: FastifyInstance; store: EventStore; tokens: Record<'viewer' | 'analyst' | 'admin', string>; close(): Promise<void> }

async function fixture(target: Target, config: Partial<ServerConfig> = {}): Promise<Fixture> {
  const place = await target.fresh();
  const store = await EventStore.open(place.url, target.postgis === false ? { postgis: false } : {});
  const app = await buildApp({ store, coder: async () => stubCoder, config });
  const tokens = {
    viewer: (await createToken(store.db, 'vera', 'viewer')).token,
    analyst: (await createToken(store.db, 'ana', 'analyst')).token,
    admin: (await createToken(store.db, 'ada', 'admin')).token,
  };
  return { app, store, tokens, close: async () => { await app.close(); await store.close(); await place.dispose(); } };
}

const auth = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });
const report = { id: 'r1', text: 'Air strikes hit militants west of Sokolo on Saturday, the army said. <script>alert(1)</script> =HYPERLINK("http://evil")', published: '2025-10-06', lang: 'en', source: 'Outlet <b>A</b>' };

for (const target of TARGETS) {
  test(`${target.name}: writes need a token of the analyst role; the same report twice is stored once`, { skip: target.skip }, async () => {
    const f = await fixture(target);
    try {
      assert.equal((await f.app.inject({ method: 'POST', url: '/documents', payload: report })).statusCode, 401);
      assert.equal((await f.app.inject({ method: 'POST', url: '/documents', payload: report, headers: auth('flt_notarealtokenatallxxxxxx') })).statusCode, 401);
      assert.equal((await f.app.inject({ method: 'POST', url: '/documents', payload: report, headers: auth(f.tokens.viewer) })).statusCode, 403);
      const created = await f.app.inject({ method: 'POST', url: '/documents', payload: report, headers: auth(f.tokens.analyst) });
      assert.equal(created.statusCode, 201, created.body);
      const body = created.json() as { status: string; events: { id: number; action: string }[] };
      assert.equal(body.status, 'stored');
      assert.equal(body.events[0]?.action, 'created');
      const again = await f.app.inject({ method: 'POST', url: '/documents', payload: report, headers: auth(f.tokens.admin) });
      assert.equal(again.statusCode, 200);
      assert.equal((again.json() as { status: string }).status, 'duplicate');
      assert.equal((await f.store.counts()).documents, 1);
      // A report the validator refuses: a clear 422, nothing stored.
      const empty = await f.app.inject({ method: 'POST', url: '/documents', payload: { id: 'e', text: '   ' }, headers: auth(f.tokens.analyst) });
      assert.equal(empty.statusCode, 422);
      assert.match((empty.json() as { message: string }).message, /e: /);
    } finally {
      await f.close();
    }
  });

  test(`${target.name}: oversized bodies and documents are refused`, { skip: target.skip }, async () => {
    const f = await fixture(target, { bodyLimit: 10_000, maxDocumentBytes: 2_000 });
    try {
      const huge = await f.app.inject({ method: 'POST', url: '/documents', payload: { ...report, text: 'x '.repeat(20_000) }, headers: auth(f.tokens.analyst) });
      assert.equal(huge.statusCode, 413);
      const long = await f.app.inject({ method: 'POST', url: '/documents', payload: { ...report, text: 'The army said. '.repeat(300) }, headers: auth(f.tokens.analyst) });
      assert.equal(long.statusCode, 422);
      assert.match(long.body, /over the limit/);
      assert.equal((await f.store.counts()).documents, 0);
    } finally {
      await f.close();
    }
  });

  test(`${target.name}: report text with HTML and formulas comes back inert in JSON, GeoJSON and ACLED CSV`, { skip: target.skip }, async () => {
    const f = await fixture(target);
    try {
      await f.app.inject({ method: 'POST', url: '/documents', payload: report, headers: auth(f.tokens.analyst) });
      const json = await f.app.inject({ method: 'GET', url: '/events' });
      assert.equal(json.statusCode, 200);
      assert.match(String(json.headers['content-type']), /application\/json/);
      assert.equal(json.headers['x-content-type-options'], 'nosniff');
      assert.ok(!json.body.includes('<script>') && json.body.includes('\\u003cscript>'), 'no raw <script> in JSON');
      const events = (JSON.parse(json.body) as { events: { notes: string }[] }).events;
      assert.match(events[0]!.notes, /<script>alert\(1\)<\/script>/, 'the text itself is intact');
      const geo = await f.app.inject({ method: 'GET', url: '/events?format=geojson' });
      assert.match(String(geo.headers['content-type']), /application\/geo\+json/);
      assert.equal((JSON.parse(geo.body) as { features: unknown[] }).features.length, 1);
      const csv = await f.app.inject({ method: 'GET', url: '/events?format=acled-csv' });
      assert.match(String(csv.headers['content-type']), /text\/csv/);
      assert.ok(!/(^|,|")=HYPERLINK/.test(csv.body.split('\n')[1] ?? ''), 'a cell starting with = is neutralised');
      const detail = await f.app.inject({ method: 'GET', url: `/events/${(JSON.parse(json.body) as { events: { id: number }[] }).events[0]!.id}` });
      assert.equal(detail.statusCode, 200);
      assert.ok(!detail.body.includes('<script>'));
    } finally {
      await f.close();
    }
  });

  test(`${target.name}: filters: SQL metacharacters in every filter are harmless; bad values are 400s`, { skip: target.skip }, async () => {
    const f = await fixture(target);
    try {
      await f.app.inject({ method: 'POST', url: '/documents', payload: report, headers: auth(f.tokens.analyst) });
      const nasty = encodeURIComponent("x' OR '1'='1'; DROP TABLE events; --");
      for (const p of ['country', 'admin1', 'admin2', 'event_type', 'sub_event_type', 'actor', 'text', 'source', 'status']) {
        const r = await f.app.inject({ method: 'GET', url: `/events?${p}=${nasty}` });
        assert.equal(r.statusCode, 200, `${p}: ${r.body}`);
        assert.equal((r.json() as { events: unknown[] }).events.length, 0, p);
      }
      for (const bad of ['from=yesterday', 'bbox=1,2,3', 'min_fatalities=-1', 'limit=0', 'cursor=abc', 'format=xml', 'nope=1']) {
        const r = await f.app.inject({ method: 'GET', url: `/events?${bad}` });
        assert.equal(r.statusCode, 400, `${bad}: ${r.body}`);
      }
      assert.equal((await f.store.counts()).events, 1, 'nothing dropped');
      const ok = await f.app.inject({ method: 'GET', url: '/events?country=Mali&admin1=S%C3%A9gou&min_fatalities=10&bbox=-7,14,-6,15' });
      assert.equal((ok.json() as { events: unknown[] }).events.length, 1);
      const stats = await f.app.inject({ method: 'GET', url: '/stats?country=Mali' });
      assert.deepEqual((stats.json() as { total: unknown }).total, { events: 1, fatalities: 15 });
    } finally {
      await f.close();
    }
  });

  test(`${target.name}: an analyst corrects an event and it is in the history; a viewer cannot`, { skip: target.skip }, async () => {
    const f = await fixture(target);
    try {
      const posted = await f.app.inject({ method: 'POST', url: '/documents', payload: report, headers: auth(f.tokens.analyst) });
      const id = (posted.json() as { events: { id: number }[] }).events[0]!.id;
      const patch = { changes: { fatalities: 12 }, reason: 'hospital figure' };
      assert.equal((await f.app.inject({ method: 'PATCH', url: `/events/${id}`, payload: patch })).statusCode, 401);
      assert.equal((await f.app.inject({ method: 'PATCH', url: `/events/${id}`, payload: patch, headers: auth(f.tokens.viewer) })).statusCode, 403);
      const done = await f.app.inject({ method: 'PATCH', url: `/events/${id}`, payload: patch, headers: auth(f.tokens.analyst) });
      assert.equal(done.statusCode, 200, done.body);
      const detail = done.json() as { event: { fatalities: number; status: string }; history: { action: string; actor: string; reason: string }[] };
      assert.equal(detail.event.fatalities, 12);
      assert.deepEqual(detail.history.at(-1), { ...detail.history.at(-1), action: 'update', actor: 'ana', reason: 'hospital figure' });
      const bad = await f.app.inject({ method: 'PATCH', url: `/events/${id}`, payload: { changes: { event_type: 'Picnic' }, reason: 'x' }, headers: auth(f.tokens.analyst) });
      assert.equal(bad.statusCode, 400);
      // Valid values the codebook cannot hold together: 422, with the event's own words for it, and no status set.
      const incoherent = await f.app.inject({ method: 'PATCH', url: `/events/${id}`, payload: { changes: { event_type: 'Riots', sub_event_type: 'Armed clash' }, status: 'confirmed', reason: 'x' }, headers: auth(f.tokens.analyst) });
      assert.equal(incoherent.statusCode, 422);
      assert.match((incoherent.json() as { message: string }).message, /sub_event_type "Armed clash" is not one of event type "Riots"/);
      assert.equal((await f.app.inject({ method: 'GET', url: `/events/${id}` })).json().event.status, 'corrected');
      const stale = await f.app.inject({ method: 'PATCH', url: `/events/${id}`, payload: { changes: { notes: 'n' }, reason: 'x', version: 1 }, headers: auth(f.tokens.analyst) });
      assert.equal(stale.statusCode, 409);
      assert.equal((await f.app.inject({ method: 'PATCH', url: '/events/99999', payload: patch, headers: auth(f.tokens.analyst) })).statusCode, 404);
    } finally {
      await f.close();
    }
  });

  test(`${target.name}: an analyst splits an event through PATCH; the answer names the new event; bad splits are refused`, { skip: target.skip }, async () => {
    const f = await fixture(target);
    try {
      // The stub codes the same strike from any report: two reports, one event with two sources.
      for (const [id, source] of [['r1', 'Outlet A'], ['r2', 'Outlet B']] as const) {
        await f.app.inject({ method: 'POST', url: '/documents', payload: { ...report, id, source, text: `${source} report: strikes west of Sokolo.` }, headers: auth(f.tokens.analyst) });
      }
      const listed = (await f.app.inject({ method: 'GET', url: '/events' })).json() as { events: { id: number }[] };
      assert.equal(listed.events.length, 1);
      const id = listed.events[0]!.id;
      const before = (await f.app.inject({ method: 'GET', url: `/events/${id}` })).json() as { event: { version: number }; sources: { id: number; source: string }[] };
      const outB = before.sources.find((s) => s.source === 'Outlet B')!;
      const body = { split: { sources: [outB.id] }, reason: 'two strikes, two days apart', version: before.event.version };
      assert.equal((await f.app.inject({ method: 'PATCH', url: `/events/${id}`, payload: body, headers: auth(f.tokens.viewer) })).statusCode, 403);
      for (const [bad, code] of [
        [{ ...body, split: { sources: [] } }, 400],
        [{ ...body, split: { sources: [outB.id], extra: 1 } }, 400],
        [{ ...body, status: 'confirmed' }, 400],
        [{ ...body, split: { sources: before.sources.map((s) => s.id) } }, 422],
        [{ ...body, split: { sources: [987654] } }, 422],
        [{ ...body, version: before.event.version - 1 }, 409],
      ] as const) {
        const r = await f.app.inject({ method: 'PATCH', url: `/events/${id}`, payload: bad, headers: auth(f.tokens.analyst) });
        assert.equal(r.statusCode, code, `${JSON.stringify(bad)}: ${r.body}`);
      }
      const done = await f.app.inject({ method: 'PATCH', url: `/events/${id}`, payload: body, headers: auth(f.tokens.analyst) });
      assert.equal(done.statusCode, 200, done.body);
      const d = done.json() as { event: { id: number; sources_count: number; version: number }; sources: { source: string }[]; history: { action: string; actor: string; reason: string }[]; new_event: { id: number; event_id_cnty: string } };
      assert.deepEqual([d.event.id, d.event.sources_count, d.event.version, d.sources.map((s) => s.source)], [id, 1, before.event.version + 1, ['Outlet A']]);
      assert.deepEqual(d.history.at(-1), { ...d.history.at(-1), action: 'split', actor: 'ana', reason: 'two strikes, two days apart' });
      assert.match(d.new_event.event_id_cnty, /^MLIFL\d+$/);
      const made = (await f.app.inject({ method: 'GET', url: `/events/${d.new_event.id}` })).json() as { sources: { source: string }[]; history: { action: string }[] };
      assert.deepEqual([made.sources.map((s) => s.source), made.history.map((h) => h.action)], [['Outlet B'], ['split_from']]);
      assert.equal(((await f.app.inject({ method: 'GET', url: '/events' })).json() as { events: unknown[] }).events.length, 2);
    } finally {
      await f.close();
    }
  });

  test(`${target.name}: GET /review/queue lists events waiting for review, lowest confidence first; GET /me names the token`, { skip: target.skip }, async () => {
    const f = await fixture(target, { readAuth: 'token' });
    try {
      const confidences = [0.8, 0.2, 0.6, 0.4];
      const ids: number[] = [];
      for (const [i, confidence] of confidences.entries()) {
        // Far apart in time: four events, not one.
        const event_date = `2025-0${i + 2}-10`;
        const r = await f.store.ingestDocument({ id: `q${i}`, text: `report ${i}` }, [sampleEvent({ event_date, confidence, location: `Place ${i}`, country: i === 3 ? 'Niger' : 'Mali' })]);
        ids.push(r.events[0]!.id);
      }
      assert.equal((await f.app.inject({ method: 'GET', url: '/review/queue' })).statusCode, 401, 'reads follow the read-auth setting');
      const get = async (query: string): Promise<{ events: { id: number; confidence: number; status: string }[]; next_cursor: string | null; total: number }> => {
        const r = await f.app.inject({ method: 'GET', url: `/review/queue${query}`, headers: auth(f.tokens.viewer) });
        assert.equal(r.statusCode, 200, r.body);
        return r.json() as { events: { id: number; confidence: number; status: string }[]; next_cursor: string | null; total: number };
      };
      const all = await get('');
      assert.deepEqual(all.events.map((e) => e.confidence), [0.2, 0.4, 0.6, 0.8]);
      assert.deepEqual([all.total, all.next_cursor], [4, null]);
      // Confirmed through the API: it leaves the queue.
      const confirm = await f.app.inject({ method: 'PATCH', url: `/events/${ids[1]}`, payload: { status: 'confirmed', reason: 'checked', version: 1 }, headers: auth(f.tokens.analyst) });
      assert.equal(confirm.statusCode, 200, confirm.body);
      const first = await get('?limit=2');
      assert.deepEqual([first.events.map((e) => e.id), first.total], [[ids[3], ids[2]], 3]);
      const rest = await get(`?limit=2&cursor=${first.next_cursor}`);
      assert.deepEqual([rest.events.map((e) => e.id), rest.next_cursor], [[ids[0]], null]);
      assert.deepEqual((await get('?country=Niger')).events.map((e) => e.id), [ids[3]], 'the filters of GET /events apply');
      for (const bad of ['status=new', 'limit=0', 'cursor=abc', 'from=soon']) {
        assert.equal((await f.app.inject({ method: 'GET', url: `/review/queue?${bad}`, headers: auth(f.tokens.viewer) })).statusCode, 400, bad);
      }
      // A confirmation made on a version seen before a change is refused, like every other action.
      const stale = await f.app.inject({ method: 'PATCH', url: `/events/${ids[0]}`, payload: { status: 'rejected', reason: 'x', version: 7 }, headers: auth(f.tokens.analyst) });
      assert.equal(stale.statusCode, 409);

      const me = async (token: string | null): Promise<unknown> => (await f.app.inject({ method: 'GET', url: '/me', headers: token === null ? {} : auth(token) })).json();
      assert.deepEqual(await me(null), { signed_in: false, name: null, role: null, can_review: false });
      assert.deepEqual(await me('flt_notarealtokenatallxxxxxx'), { signed_in: false, name: null, role: null, can_review: false });
      assert.deepEqual(await me(f.tokens.viewer), { signed_in: true, name: 'vera', role: 'viewer', can_review: false });
      assert.deepEqual(await me(f.tokens.analyst), { signed_in: true, name: 'ana', role: 'analyst', can_review: true });
      assert.deepEqual(await me(f.tokens.admin), { signed_in: true, name: 'ada', role: 'admin', can_review: true });
    } finally {
      await f.close();
    }
  });

  test(`${target.name}: reads can require a token; the OpenAPI document lists the routes`, { skip: target.skip }, async () => {
    const f = await fixture(target, { readAuth: 'token' });
    try {
      assert.equal((await f.app.inject({ method: 'GET', url: '/events' })).statusCode, 401);
      assert.equal((await f.app.inject({ method: 'GET', url: '/events', headers: auth(f.tokens.viewer) })).statusCode, 200);
      assert.equal((await f.app.inject({ method: 'GET', url: '/stats' })).statusCode, 401);
      const docs = (await f.app.inject({ method: 'GET', url: '/docs' })).json() as { openapi: string; paths: Record<string, Record<string, unknown>> };
      assert.match(docs.openapi, /^3\./);
      for (const [path, method] of [['/events', 'get'], ['/events/{id}', 'get'], ['/events/{id}', 'patch'], ['/documents', 'post'], ['/stats', 'get'], ['/review/queue', 'get'], ['/me', 'get']] as const) {
        assert.ok(docs.paths[path]?.[method] !== undefined, `${method} ${path} documented`);
      }
      assert.match(JSON.stringify(docs.paths['/events/{id}']?.['patch']), /"split"/, 'the split member is in the PATCH body schema');
    } finally {
      await f.close();
    }
  });
}
