// What the dashboard (web/) needs beyond the event routes: every matching event as compact columns for the
// map and timeline (GET /events/points), a report's text for its evidence (GET /documents/:id), and the
// built app itself at / (web/dist, served as files: no catch-all, so no API path is ever shadowed).
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { extname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Statement } from 'better-sqlite3';
import { applyFilter, EventFilterSchema, type EventFilter } from '../../store/queries.ts';
import type { EventStore } from '../../store/store.ts';
import { requireRole } from '../auth.ts';
import type { ServerConfig } from '../config.ts';
import { encodePoints, POINTS_BINARY_TYPE } from '../points-binary.ts';

/** Most points one response carries: 500,000 rows is ~20 MB of JSON, about what a browser tab handles well. */
export const MAX_POINTS = 500_000;

export const PointsQuerySchema = EventFilterSchema.extend({
  limit: z.coerce.number().int().min(1).max(MAX_POINTS).default(MAX_POINTS),
  /** binary: the same columns as typed arrays (src/server/points-binary.ts), what the dashboard asks for */
  format: z.enum(['json', 'binary']).default('json'),
});

/**
 * Every matching event, newest first, as parallel arrays (one entry per event at the same index). Repeated
 * strings (event types, sub-event types, place names) come once in a dictionary and are referred to by
 * index, and dates are day numbers: 100,000 events fit in ~3.5 MB of JSON instead of ~40 MB of objects.
 * With `format=binary` the same columns come as typed arrays (src/server/points-binary.ts): no JSON to parse.
 */
export interface PointsResponse {
  /** events in the arrays */
  count: number;
  /** more events matched than `limit`: the arrays hold the newest */
  truncated: boolean;
  types: string[];
  subTypes: string[];
  locations: string[];
  id: number[];
  /** null when the event has no coordinates */
  lon: (number | null)[];
  lat: (number | null)[];
  /** index into `types` */
  type: number[];
  /** index into `subTypes` */
  sub: number[];
  /** index into `locations` */
  loc: number[];
  fatalities: number[];
  /** event_date as days since 1970-01-01 (UTC) */
  day: number[];
}

export interface DocumentResponse {
  id: number; external_id: string; url: string | null; title: string | null; source: string | null;
  published: string | null; lang: string | null; text: string;
}

const DocumentParamsSchema = z.object({ id: z.coerce.number().int().positive() });

/** Assigns each distinct string a small number, in order of first appearance. */
function dictionary(): { values: string[]; index(v: string): number } {
  const values: string[] = [];
  const seen = new Map<string, number>();
  return {
    values,
    index(v) {
      let i = seen.get(v);
      if (i === undefined) {
        i = values.length;
        values.push(v);
        seen.set(v, i);
      }
      return i;
    },
  };
}

const DAY_MS = 86_400_000;
/**
 * Rows read between two turns of the event loop: ~10 ms of SQLite work on this machine, so that other
 * requests (the page's own files among them: MapLibre's worker is asked for while the events are read)
 * wait no longer than that.
 */
const POINTS_PAGE = 2_000;

/** A row of the points read: id, longitude, latitude, event_type, sub_event_type, location, fatalities, event_date. */
type PointRow = [number, number | string | null, number | string | null, string, string, string, number | string, string];

/** Every event matching the filter (newest first, `limit` at most) as the columns of GET /events/points. */
export async function readPoints(store: EventStore, filter: EventFilter, limit: number): Promise<PointsResponse> {
  const types = dictionary();
  const subTypes = dictionary();
  const locations = dictionary();
  const out: PointsResponse = {
    count: 0, truncated: false, types: types.values, subTypes: subTypes.values, locations: locations.values,
    id: [], lon: [], lat: [], type: [], sub: [], loc: [], fatalities: [], day: [],
  };
  // Dates repeat (a few thousand days against 100,000 events): each is parsed once.
  const days = new Map<string, number>();
  // SQLite: better-sqlite3's raw mode (rows as arrays), each statement prepared once per read.
  const sqlite = store.sqlite;
  const statements = new Map<string, Statement>();
  // Read a page at a time (newest first, continuing after the last row read) and let the event loop run
  // between pages: SQLite reads block it, and one 100,000-row read would hold back every other request.
  let after: { date: string; id: number } | null = null;
  for (;;) {
    const want = Math.min(POINTS_PAGE, limit + 1 - out.count);
    let q = applyFilter(store.db.selectFrom('events'), filter, store.postgis)
      .select(['events.id', 'events.longitude', 'events.latitude', 'events.event_type', 'events.sub_event_type', 'events.location', 'events.fatalities', 'events.event_date']);
    if (after !== null) {
      const { date, id } = after;
      q = q.where((eb) => eb(eb.refTuple('events.event_date', 'events.id'), '<', eb.tuple(date, id)));
    }
    q = q.orderBy('events.event_date', 'desc').orderBy('events.id', 'desc').limit(want);
    let rows: PointRow[];
    if (sqlite !== null) {
      const { sql: text, parameters } = q.compile();
      let stmt = statements.get(text);
      if (stmt === undefined) {
        stmt = sqlite.prepare(text).raw(true);
        statements.set(text, stmt);
      }
      const page = stmt;
      // Through Kysely's connection all the same: it waits for a transaction in progress on the handle to end
      // (it would see its uncommitted rows), and none starts meanwhile.
      rows = await store.db.connection().execute(async () => page.all(parameters) as PointRow[]);
    } else {
      rows = (await q.execute()).map((e) => [e.id, e.longitude, e.latitude, e.event_type, e.sub_event_type, e.location, e.fatalities, e.event_date]);
    }
    for (let k = 0; k < rows.length; k++) {
      const row = rows[k]!;
      const lon = row[1];
      const lat = row[2];
      const date = row[7];
      out.id.push(row[0]);
      // PostgreSQL may hand numerics back as strings; the arrays are numbers whatever the store.
      out.lon.push(lon === null || typeof lon === 'number' ? lon : Number(lon));
      out.lat.push(lat === null || typeof lat === 'number' ? lat : Number(lat));
      out.type.push(types.index(row[3]));
      out.sub.push(subTypes.index(row[4]));
      out.loc.push(locations.index(row[5]));
      out.fatalities.push(Number(row[6]));
      let day = days.get(date);
      if (day === undefined) {
        day = Math.round(Date.parse(`${date.slice(0, 10)}T00:00:00Z`) / DAY_MS);
        days.set(date, day);
      }
      out.day.push(day);
    }
    out.count += rows.length;
    const last = rows[rows.length - 1];
    if (rows.length < want || last === undefined || out.count > limit) break;
    after = { date: last[7], id: last[0] };
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  if (out.count > limit) {
    // One row past the limit was read only to know that there are more.
    out.truncated = true;
    out.count = limit;
    for (const col of [out.id, out.lon, out.lat, out.type, out.sub, out.loc, out.fatalities, out.day]) col.length = limit;
  }
  return out;
}

/**
 * What a SQLite store has been through: another connection's commits (another process's too) change
 * data_version, this connection's writes total_changes(). The same twice means nothing was written in
 * between. Null on PostgreSQL, which has no such number.
 */
async function storeVersion(store: EventStore): Promise<string | null> {
  const sqlite = store.sqlite;
  if (sqlite === null) return null;
  // Through Kysely's connection: never in the middle of one of its transactions.
  return store.db.connection().execute(async () => `${String(sqlite.pragma('data_version', { simple: true }))}.${String(sqlite.prepare('SELECT total_changes()').pluck().get())}`);
}

/** Answers kept at once (the unfiltered view and a few filters: ~4 MB each per 100,000 events). */
const CACHED_ANSWERS = 4;

/**
 * The last few answers of GET /events/points, each kept while the store stays as it was when its read began
 * (storeVersion): a second visitor, a reload, a filter set back, get the answer without a read (on 100,000
 * events the read is ~0.3 s of the server's time, more on a busy machine). Any write, by this server or
 * another process, makes the next request read again. SQLite only: on PostgreSQL every request reads.
 */
class PointsCache {
  private readonly entries = new Map<string, { version: string; points: Promise<PointsResponse>; json?: string; binary?: Buffer }>();

  async get(key: string, version: string, read: () => Promise<PointsResponse>): Promise<{ points: PointsResponse; json(): string; binary(): Buffer }> {
    let entry = this.entries.get(key);
    if (entry === undefined || entry.version !== version) {
      entry = { version, points: read() };
      this.entries.delete(key);
      this.entries.set(key, entry);
      for (const old of this.entries.keys()) {
        if (this.entries.size <= CACHED_ANSWERS) break;
        this.entries.delete(old);
      }
    } else {
      // Most recently used last: the first key is the one to drop.
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    const e = entry;
    try {
      const points = await e.points;
      return { points, json: () => (e.json ??= JSON.stringify(points)), binary: () => (e.binary ??= Buffer.from(encodePoints(points).buffer)) };
    } catch (err) {
      if (this.entries.get(key) === e) this.entries.delete(key);
      throw err;
    }
  }
}

/** Tells this process's ETags from another's (the store versions start again with every connection). */
const BOOT = randomBytes(6).toString('base64url');

export function dashboardRoutes(store: EventStore, config: ServerConfig) {
  return async (app: FastifyInstance): Promise<void> => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const read = config.readAuth === 'token' ? { preHandler: requireRole(store, 'viewer') } : {};
    const cache = new PointsCache();

    r.get('/events/points', {
      ...read,
      schema: { tags: ['events'], summary: 'Every event matching the filters as compact columns (id, lon, lat, type, fatalities, day), for maps and timelines', querystring: PointsQuerySchema },
    }, async (req, reply) => {
      const { limit, format, ...filter } = req.query;
      const version = await storeVersion(store);
      if (version === null) {
        const out = await readPoints(store, filter, limit);
        if (format === 'binary') return reply.type(POINTS_BINARY_TYPE).send(Buffer.from(encodePoints(out).buffer));
        return out satisfies PointsResponse;
      }
      // The same filters whatever the order or spelling of the URL's parameters.
      const key = JSON.stringify([limit, Object.entries(filter).filter(([, v]) => v !== undefined).sort(([a], [b]) => a.localeCompare(b))]);
      // A browser that has this answer already (same store, same filters, same form) is told so, and keeps it.
      const etag = `"${BOOT}.${version}.${createHash('sha1').update(`${format} ${key}`).digest('base64url').slice(0, 16)}"`;
      reply.header('etag', etag).header('cache-control', 'no-cache');
      if (req.headers['if-none-match'] === etag) return reply.code(304).send();
      const answer = await cache.get(key, version, () => readPoints(store, filter, limit));
      if (format === 'binary') return reply.type(POINTS_BINARY_TYPE).send(answer.binary());
      return reply.type('application/json; charset=utf-8').send(answer.json());
    });

    r.get('/documents/:id', {
      ...read,
      schema: { tags: ['documents'], summary: 'A stored report with its full text (the evidence spans of its events point into it)', params: DocumentParamsSchema },
    }, async (req, reply) => {
      const doc = await store.getDocument(req.params.id);
      if (doc === null) return reply.code(404).send({ error: 'not_found', message: `document ${req.params.id}: no such document` });
      return doc satisfies DocumentResponse;
    });

    await serveDashboard(app);
  };
}

/** Where `npm run build:web` puts the dashboard. */
export const DASHBOARD_DIST = fileURLToPath(new URL('../../../web/dist/', import.meta.url));
const WEB_ROOT = fileURLToPath(new URL('../../../web/', import.meta.url));

export function dashboardBuilt(): boolean {
  return existsSync(join(DASHBOARD_DIST, 'index.html'));
}

// The page runs only its own scripts: even if report text ever reached the DOM as markup, no inline script
// or injected <script src> from elsewhere would run. The app styles elements through the CSSOM only (as
// MapLibre does), so inline style attributes can be refused too; MapLibre's worker is a file of our origin.
const CSP = [
  "default-src 'self'", "script-src 'self'", "worker-src 'self'", "style-src 'self'",
  "img-src 'self' data: blob:", "connect-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "form-action 'self'",
].join('; ');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json; charset=utf-8', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.webp': 'image/webp', '.ico': 'image/x-icon', '.woff2': 'font/woff2', '.txt': 'text/plain; charset=utf-8', '.map': 'application/json; charset=utf-8',
};

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? filesUnder(join(dir, d.name)) : [join(dir, d.name)]));
}

/**
 * The built files, read into memory at start-up (~2.5 MB) and each sent in one write. Streamed from disk
 * they went out one 64 KB chunk per turn of the event loop, and a turn waits for a page of a points read
 * (GET /events/points): MapLibre's 1.1 MB arrived with the last of 100,000 events, seconds late, and the page
 * could start nothing before it. From memory it arrives in milliseconds whatever else the server is doing.
 * It also keeps the app whole: a `npm run build:web` while the server runs changes nothing it serves.
 */
async function serveDashboard(app: FastifyInstance): Promise<void> {
  if (!dashboardBuilt()) {
    app.get('/', { schema: { hide: true } }, async (_req, reply) => reply.code(503).type('text/plain; charset=utf-8')
      .send('The dashboard is not built. Run `npm run build:web` (or `npm ci`, which builds it) and restart `faultline serve`.\nThe API is up: see /docs.\n'));
    return;
  }
  for (const path of filesUnder(DASHBOARD_DIST)) {
    const name = relative(DASHBOARD_DIST, path).split(sep).join('/');
    const body = readFileSync(path);
    const etag = `"${createHash('sha1').update(body).digest('base64url').slice(0, 20)}"`;
    const headers: Record<string, string> = {
      'content-type': TYPES[extname(name)] ?? 'application/octet-stream',
      // Vite names assets by content hash, so they never change; index.html must be asked for each time.
      'cache-control': name.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      etag,
    };
    if (name.endsWith('.html')) headers['content-security-policy'] = CSP;
    // One route per built file instead of a catch-all: /events, /docs, /stats... stay the API's.
    const urls = name === 'index.html' ? ['/', '/index.html'] : [`/${name}`];
    for (const url of urls) {
      app.get(url, { schema: { hide: true } }, async (req, reply) => {
        reply.headers(headers);
        if (req.headers['if-none-match'] === etag) return reply.code(304).send();
        return reply.send(body);
      });
    }
  }
}

/** True when a source of the dashboard (web/src, web/index.html, web/vite.config.ts) is newer than the build. */
function dashboardStale(): boolean {
  const sources = [join(WEB_ROOT, 'index.html'), join(WEB_ROOT, 'vite.config.ts'), ...filesUnder(join(WEB_ROOT, 'src'))].filter((p) => existsSync(p));
  const built = statSync(join(DASHBOARD_DIST, 'index.html')).mtimeMs;
  return sources.some((p) => statSync(p).mtimeMs > built);
}

/**
 * Builds web/dist when it is missing (a clone where `npm ci` did not run the prepare script) or older than
 * its sources (a pull or an edit since the build), with the Vite of the dev dependencies. Returns why it
 * could not, or null when the dashboard is there (a stale build is kept when Vite is not installed).
 */
export function ensureDashboardBuilt(log: (line: string) => void): string | null {
  const built = dashboardBuilt();
  if (built && (!existsSync(join(WEB_ROOT, 'src')) || !dashboardStale())) return null;
  let viteBin: string;
  try {
    const require = createRequire(import.meta.url);
    viteBin = join(require.resolve('vite/package.json').replace(/package\.json$/, ''), 'bin', 'vite.js');
  } catch {
    return built ? null : 'the dashboard is not built and Vite (a dev dependency) is not installed: run `npm ci` then `npm run build:web`';
  }
  log(built ? 'faultline: the dashboard sources changed since its build: building web/dist again' : 'faultline: building the dashboard (web/dist), once');
  const result = spawnSync(process.execPath, [viteBin, 'build', WEB_ROOT, '--logLevel', 'warn'], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0 || !dashboardBuilt()) return 'the dashboard could not be built: run `npm run build:web` to see why';
  return null;
}
