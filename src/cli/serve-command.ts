// `faultline serve`: the HTTP API on a store, on a loopback address unless told otherwise.
import { buildApp } from '../server/app.ts';
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
}

export async function runServe(opts: ServeOptions): Promise<number> {
  const port = Number(opts.port ?? '8080');
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port expects a port number, got '${opts.port}'`);
  const readAuth = opts.readAuth ?? 'open';
  if (readAuth !== 'open' && readAuth !== 'token') throw new UsageError(`--read-auth expects open or token, got '${readAuth}'`);
  const countries = parseCountries(opts.country ?? DEFAULT_COUNTRIES);
  const maxDocumentBytes = opts.maxBytes === undefined ? 1024 * 1024 : parseMaxBytes(opts.maxBytes);
  const store = await EventStore.open(resolveStoreUrl(opts.db, opts.home));
  const home = resolveHome({ flag: opts.home });
  let coder: Awaited<ReturnType<typeof loadExtractor>> | null = null;
  // The dashboard at / is built by `npm ci` (prepare); a checkout without it gets it built here, once.
  const dashboardProblem = ensureDashboardBuilt((line) => process.stderr.write(`${line}\n`));
  if (dashboardProblem !== null) process.stderr.write(`faultline: ${dashboardProblem}; serving the API only\n`);
  const app = await buildApp({
    store,
    coder: async () => (coder ??= await loadExtractor({ countries, home })),
    config: { readAuth, maxDocumentBytes, bodyLimit: maxDocumentBytes * 2 + 64 * 1024 },
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
