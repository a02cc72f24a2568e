// The stores every store test runs on: SQLite always, PostgreSQL with and without PostGIS when the test
// server is up (scripts/postgres-for-tests.sh; .ci/run starts it).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventStore } from '../../src/store/store.ts';
import { freshSchema, pgNoGisSkip, pgNoGisUrl, pgSkip, pgUrl } from './pg-harness.ts';

export interface Target {
  name: string;
  skip: string | false;
  /** PostGIS off: the server here has it, so "a server without it" is a store told not to use it */
  postgis?: false;
  /** a new, empty store of this kind, and how to remove it */
  fresh(): Promise<{ url: string; dispose(): Promise<void> }>;
}

export const TARGETS: Target[] = [
  {
    name: 'sqlite',
    skip: false,
    fresh: async () => {
      const dir = mkdtempSync(join(tmpdir(), 'faultline-store-'));
      return { url: join(dir, 'faultline.db'), dispose: async () => rmSync(dir, { recursive: true, force: true }) };
    },
  },
  {
    name: 'postgis',
    skip: pgSkip,
    fresh: async () => {
      const s = await freshSchema(pgUrl()!, 'store');
      return { url: s.url, dispose: () => s.drop() };
    },
  },
  {
    name: 'postgres-no-postgis',
    skip: pgNoGisSkip,
    postgis: false,
    fresh: async () => {
      const s = await freshSchema(pgNoGisUrl()!, 'store');
      return { url: s.url, dispose: () => s.drop() };
    },
  },
];

/** Runs `body` on a fresh store of the target, then closes and removes it. */
export async function withStore<T>(target: Target, body: (store: EventStore, url: string) => Promise<T>): Promise<T> {
  const place = await target.fresh();
  const store = await EventStore.open(place.url, target.postgis === false ? { postgis: false } : {});
  try {
    return await body(store, place.url);
  } finally {
    await store.close();
    await place.dispose();
  }
}
