// Time to first map: how long the dashboard takes, from navigation until the map has drawn every event.
//   npm run bench:web [-- --events N] [--runs R] [--keep]
// N generated events (default 100,000: 3 years, 12 West African countries, ACLED's types in realistic
// proportions, skewed fatalities, one source each) go straight into a SQLite store in a temporary folder (bulk
// inserts in transactions of 5,000, no deduplication: this measures the dashboard, not ingestion). The app
// and API are served on 127.0.0.1 and Debian's chromium (headless, WebGL through SwiftShader) opens the
// dashboard 2 × R times (R: 5 by default), each in a fresh browser context (a first visit: nothing cached in
// the browser). The page sets window.__faultlineFirstMap = performance.now() when the map is idle after
// drawing the events (every event drawn, as a dot or inside a cluster, over the base map; the page clusters
// them itself, see web/src/cluster.ts, and MapLibre draws the clusters); the timeline and the list are drawn
// right after it, not before. The server keeps its last answers of GET /events/points while the store is
// unchanged, so the runs go in pairs: one just after a write to the store (a no-op UPDATE of one row: the
// server reads the events again, as for the first visitor after a change), then one with the store unchanged
// (the server answers from memory, as for every later visitor). Each kind's median is a figure, with the
// steps that lead to it; the first is the one to compare with figures from before the cache. A benchmark,
// not a test: it prints, it never asserts.
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql, type Insertable } from 'kysely';
import { DISORDER_TYPE, EVENT_TYPES, type EventType, type FaultlineEvent } from '../src/domain/index.ts';
import { buildApp } from '../src/server/app.ts';
import { ensureDashboardBuilt } from '../src/server/routes/dashboard.ts';
import { eventIdCnty } from '../src/store/rows.ts';
import type { EventSourcesTable, EventsTable } from '../src/store/schema.ts';
import { EventStore } from '../src/store/store.ts';
import { CHROMIUM, chromiumSkip, launchChromium } from '../test/web/harness.ts';
import { rng } from './common.ts';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i < 0 ? undefined : Number(process.argv[i + 1]);
  return v !== undefined && Number.isInteger(v) && v > 0 ? v : fallback;
}
const N = arg('events', 100_000);
const RUNS = arg('runs', 5);
const KEEP = process.argv.includes('--keep');


// Country, ISO number, a few admin1 centres [name, lat, lon], and a weight close to ACLED's event counts.
const COUNTRIES: [string, number, number, [string, number, number][]][] = [
  ['Nigeria', 566, 30, [['Borno', 11.8, 13.1], ['Zamfara', 12.1, 6.2], ['Kaduna', 10.5, 7.4], ['Benue', 7.3, 8.7], ['Lagos', 6.5, 3.4], ['Rivers', 4.8, 6.9], ['Plateau', 9.2, 9.5]]],
  ['Burkina Faso', 854, 18, [['Centre', 12.37, -1.52], ['Sahel', 14.0, -0.5], ['Nord', 13.5, -2.3], ['Est', 12.0, 0.8], ['Boucle du Mouhoun', 12.5, -3.6]]],
  ['Mali', 466, 15, [['Bamako', 12.65, -8.0], ['Segou', 13.8, -5.8], ['Mopti', 14.5, -3.8], ['Tombouctou', 17.0, -3.0], ['Gao', 16.3, 0.0], ['Kidal', 19.5, 1.2]]],
  ['Niger', 562, 8, [['Tillaberi', 14.2, 1.4], ['Tahoua', 15.0, 5.3], ['Diffa', 13.3, 12.6], ['Maradi', 13.5, 7.1], ['Niamey', 13.5, 2.1]]],
  ['Ghana', 288, 4, [['Greater Accra', 5.6, -0.2], ['Northern', 9.4, -0.85], ['Upper East', 10.8, -0.9]]],
  ['Guinea', 324, 4, [['Conakry', 9.54, -13.68], ['Kankan', 10.4, -9.3], ['Nzerekore', 7.75, -8.8]]],
  ['Benin', 204, 4, [['Littoral', 6.37, 2.43], ['Alibori', 11.3, 2.9], ['Atacora', 10.6, 1.5]]],
  ['Ivory Coast', 384, 3, [['Abidjan', 5.35, -4.0], ['Savanes', 9.5, -5.6], ['Montagnes', 7.4, -7.5]]],
  ['Senegal', 686, 3, [['Dakar', 14.7, -17.4], ['Ziguinchor', 12.6, -16.3]]],
  ['Togo', 768, 3, [['Maritime', 6.3, 1.3], ['Savanes', 10.6, 0.4]]],
  ['Sierra Leone', 694, 3, [['Western Area', 8.45, -13.2], ['Eastern', 8.0, -11.0]]],
  ['Mauritania', 478, 2, [['Hodh Ech Chargui', 16.5, -7.3], ['Nouakchott-Ouest', 18.1, -15.98]]],
];
const TYPES: [EventType, number][] = [
  ['Violence against civilians', 28], ['Battles', 22], ['Protests', 22], ['Strategic developments', 11], ['Riots', 9], ['Explosions/Remote violence', 8],
];

function weightedPick<T>(r: () => number, items: readonly T[], weight: (t: T) => number): T {
  const total = items.reduce((n, x) => n + weight(x), 0);
  let x = r() * total;
  for (const item of items) if ((x -= weight(item)) < 0) return item;
  return items[items.length - 1]!;
}

const DAY0 = Date.UTC(2023, 0, 1) / 86_400_000;
const DAYS = 3 * 365;

function generate(r: () => number, i: number): { event: Insertable<EventsTable>; source: Omit<Insertable<EventSourcesTable>, 'event_id'> } {
  const [country, iso, , admin1s] = weightedPick(r, COUNTRIES, (c) => c[2]);
  const [admin1, lat0, lon0] = admin1s[Math.floor(r() * r() * admin1s.length)]!;
  const type = weightedPick(r, TYPES, (t) => t[1])[0];
  const subs = EVENT_TYPES[type];
  const sub = subs[Math.floor(r() * subs.length)]!;
  const date = new Date((DAY0 + Math.floor((i * DAYS) / N)) * 86_400_000).toISOString().slice(0, 10);
  const lethal = type === 'Battles' || type === 'Violence against civilians' || type === 'Explosions/Remote violence';
  const fatalities = !lethal || r() < 0.5 ? 0 : r() < 0.8 ? 1 + Math.floor(r() * 4) : Math.floor(5 + 200 * r() ** 4);
  const location = `${admin1} ${Math.floor(r() * 40)}`;
  const reading = {
    event_date: date, year: Number(date.slice(0, 4)), time_precision: 1, disorder_type: DISORDER_TYPE[type], event_type: type, sub_event_type: sub,
    actor1: `Unidentified Armed Group (${country})`, assoc_actor_1: '', inter1: 'Political militia', actor2: `Civilians (${country})`, assoc_actor_2: '', inter2: 'Civilians',
    interaction: 'Political militia-Civilians', civilian_targeting: '', iso, region: 'Western Africa', country, admin1, admin2: '', admin3: '', location,
    latitude: Math.round((lat0 + (r() + r() - 1) * 0.9) * 1e4) / 1e4, longitude: Math.round((lon0 + (r() + r() - 1) * 0.9) * 1e4) / 1e4, geo_precision: 2,
    geonameid: null, source: 'Bench Outlet', source_scale: 'National', notes: `${sub} in ${location}, ${admin1}.`, fatalities, tags: '', timestamp: 1_700_000_000, confidence: 0.8,
  } satisfies Partial<FaultlineEvent>;
  const one: FaultlineEvent = { ...reading, time_precision: 1, geo_precision: 2, doc_id: `bench-${i}`, event_id_cnty: '', evidence: [], claims: [], flags: [] };
  const created = `${date}T12:00:00.000Z`;
  return {
    event: {
      ...reading, event_id_cnty: eventIdCnty(iso, i + 1), fatalities_low: fatalities, fatalities_best: fatalities, fatalities_high: fatalities,
      flags: '[]', conflicts: '[]', locked_fields: '[]', status: 'new', origin: 'extracted', sources_count: 1, created_at: created, updated_at: created, version: 1,
    },
    source: { document_id: null, source: 'Bench Outlet', reading: JSON.stringify(one), fatalities, added_at: created },
  };
}

async function load(store: EventStore): Promise<number> {
  const t0 = performance.now();
  const r = rng(20261201);
  for (let start = 0; start < N; start += 5000) {
    const batch = Array.from({ length: Math.min(5000, N - start) }, (_, k) => generate(r, start + k));
    await store.db.transaction().execute(async (trx) => {
      for (let k = 0; k < batch.length; k += 500) await trx.insertInto('events').values(batch.slice(k, k + 500).map((g) => g.event)).execute();
      const sources = batch.map((g, k) => ({ ...g.source, event_id: start + k + 1 }));
      for (let k = 0; k < sources.length; k += 2000) await trx.insertInto('event_sources').values(sources.slice(k, k + 2000)).execute();
    });
  }
  return (performance.now() - t0) / 1000;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

interface Run { firstMap: number; pointsReceived: number; pointsParsed: number; mapLoad: number; eventsSet: number; pointsBytes: number }

if (chromiumSkip !== false) {
  console.error(`bench:web: ${chromiumSkip}`);
  process.exit(1);
}
const built = ensureDashboardBuilt((line) => console.error(line));
if (built !== null) {
  console.error(`bench:web: ${built}`);
  process.exit(1);
}

const dir = mkdtempSync(join(tmpdir(), 'faultline-bench-web-'));
const store = await EventStore.open(join(dir, 'faultline.db'));
const app = await buildApp({ store, coder: async () => { throw new Error('no coding in this bench'); } });
try {
  const loadSeconds = await load(store);
  console.log(`${N.toLocaleString('en')} events inserted in ${loadSeconds.toFixed(1)} s (${dir})`);
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  // A write the server's cache sees (total_changes() moves on) and the data does not.
  const touch = async (): Promise<void> => {
    await sql`UPDATE events SET version = version WHERE id = 1`.execute(store.db);
  };
  const api: number[] = [];
  const cached: number[] = [];
  for (let k = 0; k < 3; k++) {
    await touch();
    for (const times of [api, cached]) {
      const t0 = performance.now();
      const body = await (await fetch(`${url}/events/points?format=binary`)).arrayBuffer();
      times.push(performance.now() - t0);
      if (k === 0 && times === api) console.log(`GET /events/points?format=binary (what the page asks for): ${(body.byteLength / 1024 / 1024).toFixed(1)} MiB`);
    }
  }
  console.log(`GET /events/points alone (server + transfer, no browser): median ${median(api).toFixed(0)} ms of 3 read from the store, ${median(cached).toFixed(0)} ms answered from memory`);

  const browser = await launchChromium();
  const runs: Run[] = [];
  const warmRuns: Run[] = [];
  try {
    for (let k = 0; k < 2 * RUNS; k++) {
      const warm = k % 2 === 1;
      if (!warm) await touch();
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`${url}/`);
      await page.waitForFunction(() => typeof window.__faultlineFirstMap === 'number', null, { timeout: 120_000 });
      // No named functions inside: tsx would wrap them in a helper the page does not have.
      const run = await page.evaluate((): Run => {
        const marks = Object.fromEntries(performance.getEntriesByType('mark').map((e) => [e.name, e.startTime]));
        const points = performance.getEntriesByType('resource').find((e) => e.name.includes('/events/points')) as PerformanceResourceTiming | undefined;
        return {
          firstMap: window.__faultlineFirstMap!, pointsReceived: points?.responseEnd ?? NaN, pointsParsed: marks['faultline:points'] ?? NaN,
          mapLoad: marks['faultline:map-load'] ?? NaN, eventsSet: marks['faultline:events-set'] ?? NaN, pointsBytes: points?.encodedBodySize ?? NaN,
        };
      });
      const drawn = await page.evaluate(() => window.__faultline?.renderedEventCount() ?? -1);
      (warm ? warmRuns : runs).push(run);
      console.log(`run ${Math.floor(k / 2) + 1}${warm ? ', store unchanged' : ', just after a write'}: first map ${run.firstMap.toFixed(0)} ms (points received ${run.pointsReceived.toFixed(0)}, decoded ${run.pointsParsed.toFixed(0)}, `
        + `map ready ${run.mapLoad.toFixed(0)}, clustered and handed to the map ${run.eventsSet.toFixed(0)}); ${drawn.toLocaleString('en')} events drawn${errors.length > 0 ? `; page errors: ${errors.join(' | ')}` : ''}`);
      await context.close();
    }
  } finally {
    await browser.close();
  }
  // Other work on the machine slows the browser (SwiftShader draws on the CPU): the load says how quiet it was.
  console.log(`\nsummary (${new Date().toISOString().slice(0, 10)}, ${cpus().length}-core ${process.arch}, load average ${loadavg()[0]!.toFixed(1)}, Node ${process.version.slice(1)}, ${CHROMIUM} headless with SwiftShader, 1280x800):`);
  for (const [what, rs] of [['just after a write to the store (the server reads the events)', runs], ['store unchanged (the server answers from memory)', warmRuns]] as const) {
    const m = (f: (r: Run) => number): string => median(rs.map(f)).toFixed(0);
    console.log(`time to first map on ${N.toLocaleString('en')} events, ${what}: median ${m((r) => r.firstMap)} ms of ${rs.length} runs `
      + `(min ${Math.min(...rs.map((r) => r.firstMap)).toFixed(0)}, max ${Math.max(...rs.map((r) => r.firstMap)).toFixed(0)}); `
      + `medians: points received ${m((r) => r.pointsReceived)} ms, decoded ${m((r) => r.pointsParsed)} ms, map ready ${m((r) => r.mapLoad)} ms, clustered and handed to the map ${m((r) => r.eventsSet)} ms`);
  }
} finally {
  await app.close();
  await store.close();
  if (KEEP) console.log(`kept ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
}
