// What the dashboard (web/) needs beyond the event routes: every matching event as compact columns for the
// map and timeline (GET /events/points), a report's text for its evidence (GET /documents/:id), and the
// built app itself at / (web/dist, served as files: no catch-all, so no API path is ever shadowed).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { extname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { applyFilter, EventFilterSchema } from '../../store/queries.ts';
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

export function dashboardRoutes(store: EventStore, config: ServerConfig) {
  return async (app: FastifyInstance): Promise<void> => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const read = config.readAuth === 'token' ? { preHandler: requireRole(store, 'viewer') } : {};

    r.get('/events/points', {
      ...read,
      schema: { tags: ['events'], summary: 'Every event matching the filters as compact columns (id, lon, lat, type, fatalities, day), for maps and timelines', querystring: PointsQuerySchema },
    }, async (req, reply) => {
      const { limit, format, ...filter } = req.query;
      const types = dictionary();
      const subTypes = dictionary();
      const locations = dictionary();
      const out: PointsResponse = {
        count: 0, truncated: false, types: types.values, subTypes: subTypes.values, locations: locations.values,
        id: [], lon: [], lat: [], type: [], sub: [], loc: [], fatalities: [], day: [],
      };
      // Dates repeat (a few thousand days against 100,000 events): each is parsed once.
      const days = new Map<string, number>();
      // Read a page at a time (newest first, continuing after the last row read) and let the event loop run
      // between pages: SQLite reads block it, and one 100,000-row read would hold back every other request
      // meanwhile, the dashboard's own script files among them.
      let after: { date: string; id: number } | null = null;
      for (;;) {
        const want = Math.min(POINTS_PAGE, limit + 1 - out.count);
        let q = applyFilter(store.db.selectFrom('events'), filter, store.postgis)
          .select(['events.id', 'events.longitude', 'events.latitude', 'events.event_type', 'events.sub_event_type', 'events.location', 'events.fatalities', 'events.event_date']);
        if (after !== null) {
          const { date, id } = after;
          q = q.where((eb) => eb(eb.refTuple('events.event_date', 'events.id'), '<', eb.tuple(date, id)));
        }
        const rows = await q.orderBy('events.event_date', 'desc').orderBy('events.id', 'desc').limit(want).execute();
        for (const row of rows) {
          out.id.push(row.id);
          // PostgreSQL may hand numerics back as strings; the arrays are numbers whatever the store.
          out.lon.push(row.longitude === null ? null : Number(row.longitude));
          out.lat.push(row.latitude === null ? null : Number(row.latitude));
          out.type.push(types.index(row.event_type));
          out.sub.push(subTypes.index(row.sub_event_type));
          out.loc.push(locations.index(row.location));
          out.fatalities.push(Number(row.fatalities));
          let day = days.get(row.event_date);
          if (day === undefined) {
            day = Math.round(Date.parse(`${row.event_date.slice(0, 10)}T00:00:00Z`) / DAY_MS);
            days.set(row.event_date, day);
          }
          out.day.push(day);
        }
        out.count += rows.length;
        const last = rows[rows.length - 1];
        if (rows.length < want || last === undefined || out.count > limit) break;
        after = { date: last.event_date, id: last.id };
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
      if (out.count > limit) {
        // One row past the limit was read only to know that there are more.
        out.truncated = true;
        out.count = limit;
        for (const col of [out.id, out.lon, out.lat, out.type, out.sub, out.loc, out.fatalities, out.day]) col.length = limit;
      }
      if (format === 'binary') return reply.type(POINTS_BINARY_TYPE).send(Buffer.from(encodePoints(out).buffer));
      return out satisfies PointsResponse;
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

/**
 * Builds web/dist when it is missing (a clone where `npm ci` did not run the prepare script), with the Vite
 * of the dev dependencies. Returns why it could not, or null when the dashboard is there.
 */
export function ensureDashboardBuilt(log: (line: string) => void): string | null {
  if (dashboardBuilt()) return null;
  let viteBin: string;
  try {
    const require = createRequire(import.meta.url);
    viteBin = join(require.resolve('vite/package.json').replace(/package\.json$/, ''), 'bin', 'vite.js');
  } catch {
    return 'the dashboard is not built and Vite (a dev dependency) is not installed: run `npm ci` then `npm run build:web`';
  }
  log('faultline: building the dashboard (web/dist), once');
  const built = spawnSync(process.execPath, [viteBin, 'build', WEB_ROOT, '--logLevel', 'warn'], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (built.status !== 0 || !dashboardBuilt()) return 'the dashboard could not be built: run `npm run build:web` to see why';
  return null;
}
