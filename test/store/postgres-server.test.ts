// The PostgreSQL the tests run against (scripts/postgres-for-tests.sh) and the harness's per-test schemas.
// Skips with a message when FAULTLINE_TEST_PG_URL is not set.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { freshSchema, pgNoGisSkip, pgNoGisUrl, pgSkip, pgUrl, withSearchPath } from './pg-harness.ts';

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

async function one<T>(url: string, sql: string, params: unknown[] = []): Promise<T> {
  return withClient(url, async (c) => (await c.query(sql, params)).rows[0] as T);
}

test('withSearchPath adds the schema to libpq options and keeps the other parameters', () => {
  const u = withSearchPath('postgres://me:p%2Bw@127.0.0.1:55432/db?application_name=x&options=-c%20statement_timeout%3D5000', 'ft_a');
  const parsed = new URL(u);
  assert.equal(parsed.username, 'me');
  assert.equal(parsed.password, 'p%2Bw');
  assert.equal(parsed.searchParams.get('application_name'), 'x');
  assert.equal(parsed.searchParams.get('options'), '-c statement_timeout=5000 -c search_path=ft_a,public');
  assert.ok(!u.includes('+'), u);
  assert.equal(new URL(withSearchPath('postgres://h/db', 's1')).searchParams.get('options'), '-c search_path=s1,public');
});

test('faultline_test has PostGIS', { skip: pgSkip }, async () => {
  const row = await one<{ v: string }>(pgUrl()!, 'SELECT postgis_full_version() AS v');
  assert.match(row.v, /POSTGIS="3\./);
  const pt = await one<{ t: string }>(pgUrl()!, 'SELECT ST_AsText(ST_SetSRID(ST_MakePoint(-3.0, 16.77), 4326)) AS t');
  assert.equal(pt.t, 'POINT(-3 16.77)');
});

test('faultline_test_nogis has no PostGIS', { skip: pgNoGisSkip }, async () => {
  const row = await one<{ n: number }>(pgNoGisUrl()!, "SELECT count(*)::int AS n FROM pg_extension WHERE extname = 'postgis'");
  assert.equal(row.n, 0);
  const fn = await one<{ f: string | null }>(pgNoGisUrl()!, "SELECT to_regproc('postgis_full_version')::text AS f");
  assert.equal(fn.f, null);
});

test('freshSchema: each schema sees its own tables, PostGIS still resolves, drop removes it', { skip: pgSkip }, async () => {
  const base = pgUrl()!;
  const a = await freshSchema(base, 'server_a');
  const b = await freshSchema(base, 'server_b');
  try {
    assert.notEqual(a.schema, b.schema);
    assert.match(a.schema, /^ft_server_a_\d+_[0-9a-f]{8}$/);

    // The URL selects the schema, for a pg.Pool (what the store uses) as for a Client.
    const pool = new pg.Pool({ connectionString: a.url, max: 2 });
    try {
      assert.equal((await pool.query('SELECT current_schema() AS s')).rows[0].s, a.schema);
      await pool.query('CREATE TABLE probe (id int PRIMARY KEY, p geometry(Point, 4326))');
      await pool.query("INSERT INTO probe VALUES (1, ST_GeomFromText('POINT(1 2)', 4326))");
      assert.equal((await pool.query('SELECT count(*)::int AS n FROM probe')).rows[0].n, 1);
    } finally {
      await pool.end();
    }

    await withClient(b.url, async (c) => {
      assert.equal((await c.query('SELECT current_schema() AS s')).rows[0].s, b.schema);
      assert.equal((await c.query("SELECT to_regclass('probe') AS t")).rows[0].t, null);
      // The same name in b is another table.
      await c.query('CREATE TABLE probe (id int PRIMARY KEY)');
      assert.equal((await c.query('SELECT count(*)::int AS n FROM probe')).rows[0].n, 0);
    });

    const qualified = await one<{ n: number }>(base, `SELECT count(*)::int AS n FROM "${a.schema}".probe`);
    assert.equal(qualified.n, 1);

    await a.drop();
    await a.drop(); // twice is harmless
    const left = await one<{ n: number }>(base, 'SELECT count(*)::int AS n FROM pg_namespace WHERE nspname = $1', [a.schema]);
    assert.equal(left.n, 0);
    const other = await one<{ n: number }>(base, 'SELECT count(*)::int AS n FROM pg_namespace WHERE nspname = $1', [b.schema]);
    assert.equal(other.n, 1);
  } finally {
    await a.drop();
    await b.drop();
  }
  const gone = await one<{ n: number }>(base, 'SELECT count(*)::int AS n FROM pg_namespace WHERE nspname = ANY($1)', [[a.schema, b.schema]]);
  assert.equal(gone.n, 0);
});

test('freshSchema works in the database without PostGIS too', { skip: pgNoGisSkip }, async () => {
  const s = await freshSchema(pgNoGisUrl()!, 'nogis');
  try {
    await withClient(s.url, async (c) => {
      await c.query('CREATE TABLE probe (id int, latitude double precision, longitude double precision)');
      assert.equal((await c.query('SELECT current_schema() AS s')).rows[0].s, s.schema);
    });
  } finally {
    await s.drop();
  }
});
