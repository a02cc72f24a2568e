// Opens the store named by a URL: a SQLite file (the default, one file, no server) or PostgreSQL.
//   ./faultline.db, sqlite:./faultline.db, :memory:      SQLite through better-sqlite3
//   postgres://user@host:5432/db (postgresql:// too)      PostgreSQL through pg, PostGIS when the server has it
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { StoreDatabase } from './schema.ts';

export type Dialect = 'sqlite' | 'postgres';

export interface Connection {
  db: Kysely<StoreDatabase>;
  dialect: Dialect;
  /** where it is, without a password: for messages */
  label: string;
  /** SQLite only: the better-sqlite3 handle under Kysely, for bulk reads in its raw mode (arrays, not objects) */
  sqlite?: Database.Database;
  close(): Promise<void>;
}

export function isPostgresUrl(url: string): boolean {
  return /^postgres(?:ql)?:\/\//i.test(url);
}

/** The URL without its password, safe to print. */
export function redactUrl(url: string): string {
  return url.replace(/^(postgres(?:ql)?:\/\/[^:@/]*):[^@/]*@/i, '$1:***@');
}

export function connect(url: string): Connection {
  if (isPostgresUrl(url)) {
    const pool = new pg.Pool({ connectionString: url, max: 10 });
    // BIGINT counts (count(*)) and NUMERIC arrive as strings by default: they fit in a JS number here.
    pg.types.setTypeParser(20, (v) => Number(v));
    pg.types.setTypeParser(1700, (v) => Number(v));
    const db = new Kysely<StoreDatabase>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect: 'postgres', label: redactUrl(url), close: () => db.destroy() };
  }
  const path = url.replace(/^sqlite:/i, '');
  if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
  const sqlite = new Database(path);
  // WAL: readers (the API) never wait for the writer (ingest); NORMAL sync is safe with WAL.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<StoreDatabase>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { db, dialect: 'sqlite', label: path, sqlite, close: () => db.destroy() };
}
