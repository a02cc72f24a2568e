// `faultline serve`: the HTTP API on a store, on a loopback address unless told otherwise. With --examples,
// the bundled example reports are ingested first (into a store of their own unless --db names one), so a
// newcomer sees events on the map at once.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readSources } from '../ingest/sources.ts';
import { DEFAULT_MAX_BYTES, todayIso } from '../ingest/validate.ts';
import { ingestAll } from '../jobs/ingest.ts';
import { buildApp } from '../server/app.ts';
import { BoundariesError, loadAdmin1Boundaries, type Admin1Boundaries } from '../server/boundaries.ts';
import { ensureDashboardBuilt } from '../server/routes/dashboard.ts';
import { EventStore } from '../store/store.ts';
import { EXIT, UsageError } from './exit.ts';
import { resolveHome } from './home.ts';
import { loadExtractor } from './extractor.ts';
import { DEFAULT_COUNTRIES, parseCountries, parseMaxBytes } from './options.ts';
import { resolveStoreUrl } from './store-url.ts';

export interface ServeOptions {
  db?: string;
  home?: string;
  port?: string;
  host?: string;
  readAuth?: string;
  country?: string;
  maxBytes?: string;
  examples?: boolean;
  /** a GeoJSON or TopoJSON file of admin1 polygons, drawn as outlines on the dashboard's map */
  boundaries?: string;
}

/** The example reports shipped with the package: every JSONL batch in examples/. */
export function exampleBatches(): string[] {
  const dir = fileURLToPath(new URL('../../examples/', import.meta.url));
  return readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort().map((f) => join(dir, f));
}

/** The outlines file, read before the store opens: a wrong path is a usage error, reported at once. */
function readBoundaries(path: string): Admin1Boundaries {
  try {
    const b = loadAdmin1Boundaries(path);
    process.stderr.write(`faultline: admin1 outlines: ${b.collection.features.length} shapes from ${b.source}\n`);
    return b;
  } catch (err) {
    if (err instanceof BoundariesError) throw new UsageError(`--boundaries: ${err.message}`);
    throw err;
  }
}

export async function runServe(opts: ServeOptions): Promise<number> {
  const port = Number(opts.port ?? '8080');
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port expects a port number, got '${opts.port}'`);
  const readAuth = opts.readAuth ?? 'open';
  if (readAuth !== 'open' && readAuth !== 'token') throw new UsageError(`--read-auth expects open or token, got '${readAuth}'`);
  const countries = parseCountries(opts.country ?? DEFAULT_COUNTRIES);
  const maxDocumentBytes = opts.maxBytes === undefined ? 1024 * 1024 : parseMaxBytes(opts.maxBytes);
  const home = resolveHome({ flag: opts.home });
  const admin1Boundaries = opts.boundaries === undefined ? null : readBoundaries(opts.boundaries);
  const store = await EventStore.open(opts.examples === true && opts.db === undefined ? join(home, 'examples.db') : resolveStoreUrl(opts.db, opts.home));
  let coder: Awaited<ReturnType<typeof loadExtractor>> | null = null;
  if (opts.examples === true) {
    // Ingestion is idempotent: serving the examples again adds nothing.
    coder = await loadExtractor({ countries, home });
    const s = await ingestAll(store, coder, readSources(exampleBatches(), { maxBytes: DEFAULT_MAX_BYTES, today: todayIso() }));
    process.stderr.write(`faultline: example reports: ${s.stored} stored, ${s.duplicates} already stored, ${s.failed} failed; `
      + `${(await store.counts()).events} events in ${store.label}\n`);
  }
  // The dashboard at / is built by `npm ci` (prepare); a checkout without it gets it built here, once.
  const dashboardProblem = ensureDashboardBuilt((line) => process.stderr.write(`${line}\n`));
  if (dashboardProblem !== null) process.stderr.write(`faultline: ${dashboardProblem}; serving the API only\n`);
  const app = await buildApp({
    store,
    coder: async () => (coder ??= await loadExtractor({ countries, home })),
    config: { readAuth, maxDocumentBytes, bodyLimit: maxDocumentBytes * 2 + 64 * 1024, admin1Boundaries },
  });
  const address = await app.listen({ port, host: opts.host ?? '127.0.0.1' });
  process.stderr.write(`faultline: serving ${store.label} at ${address} (${dashboardProblem === null ? `dashboard at ${address}/, ` : ''}OpenAPI at ${address}/docs); Ctrl-C stops\n`);
  await new Promise<void>((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => resolve());
  });
  await app.close();
  await store.close();
  return EXIT.OK;
}
