// What the dashboard's browser tests share: a served store (a real Fastify server on 127.0.0.1, port 0),
// Debian's chromium driven by playwright-core, and a folder for screenshots and downloads.
import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Coder } from '../../src/jobs/ingest.ts';
import { buildApp } from '../../src/server/app.ts';
import type { ServerConfig } from '../../src/server/config.ts';
import { ensureDashboardBuilt } from '../../src/server/routes/dashboard.ts';
import type { EventStore } from '../../src/store/store.ts';

export const CHROMIUM = '/usr/bin/chromium';

/** Browser tests skip, and say why, where Debian's chromium is not installed (.ci/run installs it). */
export const chromiumSkip: string | false = existsSync(CHROMIUM)
  ? false
  : `${CHROMIUM} not found: browser tests skipped (apt-get install chromium; .ci/run installs it)`;

// The flags that make Debian's chromium run headless as root in a container, with nothing fetched from outside.
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true });
}

const noCoder: () => Promise<Coder> = async () => {
  throw new Error('the dashboard tests post no reports');
};

export interface Served { url: string; app: FastifyInstance; close(): Promise<void> }

/** The API and the dashboard on the store, listening on a free loopback port. */
export async function serve(store: EventStore, config: Partial<ServerConfig> = {}): Promise<Served> {
  const problem = ensureDashboardBuilt(() => {});
  if (problem !== null) throw new Error(problem);
  const app = await buildApp({ store, coder: noCoder, config });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return { url: address, app, close: () => app.close() };
}

/** Screenshots and downloads of the browser tests: never committed, kept after the run for a look. */
export function artifactsDir(): string {
  const dir = join(tmpdir(), 'faultline-test-artifacts');
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Gathers what a page says went wrong (console errors, uncaught exceptions) and dismisses its dialogs, noting them. */
export function watchPage(page: Page, errors: string[], dialogs?: string[]): void {
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(e.message));
  if (dialogs !== undefined) page.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
}
