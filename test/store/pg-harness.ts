// PostgreSQL for store tests: the server that scripts/postgres-for-tests.sh starts (and .ci/run uses).
//   eval "$(scripts/postgres-for-tests.sh)"    # prints FAULTLINE_TEST_PG_URL / FAULTLINE_TEST_PG_NOGIS_URL
//   node scripts/run-tests.mjs test/store
//   scripts/postgres-for-tests.sh stop
// Without those variables the PostgreSQL tests skip (pgSkip) and the rest of the suite runs as before.
//
//   test('...', { skip: pgSkip }, async () => {
//     const s = await freshSchema(pgUrl()!);     // a schema of this test's own, selected by s.url
//     try { ...connect(s.url)... } finally { await s.drop(); }
//   });
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const PG_URL_VAR = 'FAULTLINE_TEST_PG_URL';
export const PG_NOGIS_URL_VAR = 'FAULTLINE_TEST_PG_NOGIS_URL';

function fromEnv(name: string): string | null {
  const v = process.env[name]?.trim();
  return v ? v : null;
}

/** The test database with PostGIS, or null when no server was started for the tests. */
export function pgUrl(): string | null {
  return fromEnv(PG_URL_VAR);
}

/** The test database without PostGIS (for the plain latitude/longitude path), or null. */
export function pgNoGisUrl(): string | null {
  return fromEnv(PG_NOGIS_URL_VAR);
}

/** For node:test's `skip`: false when a PostgreSQL is there, else why the test skips. */
export const pgSkip: string | false = pgUrl()
  ? false
  : `no PostgreSQL: set ${PG_URL_VAR}, e.g. via scripts/postgres-for-tests.sh`;

/** The same, for tests that need the database without PostGIS. */
export const pgNoGisSkip: string | false = pgNoGisUrl()
  ? false
  : `no PostgreSQL without PostGIS: set ${PG_NOGIS_URL_VAR}, e.g. via scripts/postgres-for-tests.sh`;

export interface FreshSchema {
  /** the schema's name */
  schema: string;
  /** the database URL with `options=-c search_path=<schema>,public`: every pg connection made from it
   * creates and finds unqualified tables in the schema, and PostGIS (installed in public) still resolves */
  url: string;
  /** drops the schema and everything in it */
  drop(): Promise<void>;
}

/** `url` with `-c search_path=...` added to its libpq `options` (which pg sends at connection start). */
export function withSearchPath(url: string, schema: string): string {
  const u = new URL(url);
  const setting = `-c search_path=${schema},public`;
  const before = u.searchParams.get('options');
  const params = [...u.searchParams].filter(([k]) => k !== 'options');
  params.push(['options', before ? `${before} ${setting}` : setting]);
  // encodeURIComponent, not URLSearchParams: a space as %20 (not '+') reads the same to pg and libpq (psql).
  u.search = params.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
  return u.toString();
}

/**
 * A new, uniquely named schema in the database at `url`, for one test file or test: store tests on
 * PostgreSQL run isolated from each other, in parallel, against the one server. `label` goes into the name
 * (lower-case letters, digits, underscores) to tell whose schema a leftover is.
 */
export async function freshSchema(url: string, label = 't'): Promise<FreshSchema> {
  const tag = label.toLowerCase().replace(/[^a-z0-9_]/g, '_').slice(0, 20);
  const schema = `ft_${tag}_${process.pid}_${randomBytes(4).toString('hex')}`;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA "${schema}"`);
  } finally {
    await client.end();
  }
  let dropped = false;
  return {
    schema,
    url: withSearchPath(url, schema),
    async drop() {
      if (dropped) return;
      dropped = true;
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      try {
        await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await c.end();
      }
    },
  };
}
