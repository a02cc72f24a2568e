// The SQLite index of imported GeoNames dumps, HOME/gazetteer/geonames.sqlite: every row of the dumps
// (places), their folded names (names: the same foldName keys as the bundled index, so "Yélimané",
// "YELIMANE", "I-n-Gouzma" and "In Gouzma" meet), FTS5 trigrams over those keys for fuzzy look-ups, an
// R*Tree over the points, the admin1/admin2 code tables and a log of the imports.
//
// This module owns the schema and the read side (prepared statements, a small LRU); import.ts writes a
// new index into a temporary file with the same schema and renames it over the live one.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DUMP_CLASSES } from './rank.ts';
import type { GazetteerEntry } from './types.ts';

// 2: admin3 codes, and the area features (countries, ADM1–ADM3) read for their points and names.
export const INDEX_SCHEMA_VERSION = 2;

/** Where the index lives under the Faultline home. */
export function indexPath(home: string): string {
  return join(home, 'gazetteer', 'geonames.sqlite');
}

export const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS places (
  geonameid INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  asciiname TEXT NOT NULL,
  lat REAL NOT NULL,
  lon REAL NOT NULL,
  feature_class TEXT NOT NULL,
  feature_code TEXT NOT NULL,
  country TEXT NOT NULL,
  admin1 TEXT NOT NULL,
  admin2 TEXT NOT NULL,
  admin3 TEXT NOT NULL,
  population INTEGER NOT NULL,
  -- entryScore() at import, so "best place of an admin2" is one index range
  score REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS places_country ON places (country);
CREATE INDEX IF NOT EXISTS places_admin ON places (country, admin1, admin2, score);
CREATE INDEX IF NOT EXISTS places_code ON places (feature_code);
CREATE TABLE IF NOT EXISTS names (
  key TEXT NOT NULL,
  geonameid INTEGER NOT NULL,
  PRIMARY KEY (key, geonameid)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS names_id ON names (geonameid);
-- one row per place (rowid = geonameid): its folded keys separated by spaces
CREATE VIRTUAL TABLE IF NOT EXISTS names_fts USING fts5 (keys, tokenize = 'trigram', content = '', contentless_delete = 1);
CREATE VIRTUAL TABLE IF NOT EXISTS places_rtree USING rtree (id, min_lat, max_lat, min_lon, max_lon);
CREATE TABLE IF NOT EXISTS admin1 (
  country TEXT NOT NULL, code TEXT NOT NULL, name TEXT NOT NULL, asciiname TEXT NOT NULL, geonameid INTEGER,
  PRIMARY KEY (country, code)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS admin2 (
  country TEXT NOT NULL, admin1 TEXT NOT NULL, code TEXT NOT NULL, name TEXT NOT NULL, asciiname TEXT NOT NULL, geonameid INTEGER,
  PRIMARY KEY (country, admin1, code)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS imports (
  id INTEGER PRIMARY KEY,
  file TEXT NOT NULL,
  kind TEXT NOT NULL,
  rows INTEGER NOT NULL,
  countries TEXT NOT NULL,
  imported_at TEXT NOT NULL
);
`;

const ENTRY_COLUMNS = `p.geonameid, p.name, p.asciiname, p.lat, p.lon, p.feature_class AS featureClass,
  p.feature_code AS featureCode, p.country, p.admin1 AS admin1Code, p.admin2 AS admin2Code, p.admin3 AS admin3Code, p.population`;
// A country's own feature: an independent state first, then dependencies, territories.
const COUNTRY_CODES = ['PCLI', 'PCLD', 'PCLS', 'PCLF', 'PCLIX', 'PCL', 'TERR'];
const CLASS_LIST = DUMP_CLASSES.map((c) => `'${c}'`).join(',');

export interface ImportRecord {
  file: string;
  kind: 'geonames' | 'admin1' | 'admin2' | 'alternateNames';
  rows: number;
  countries: string[];
  importedAt: string;
}

export interface IndexInfo {
  path: string;
  bytes: number;
  places: number;
  names: number;
  admin1: number;
  admin2: number;
  countries: { country: string; places: number }[];
  imports: ImportRecord[];
}

export interface FuzzyMatch {
  entry: GazetteerEntry;
  /** FTS5 bm25 rank: lower is better */
  rank: number;
}

/** Code lists in the shape of the bundled admin tables ({code: 'ML.05', name}). */
export interface AdminCodeRow {
  code: string;
  name: string;
}

/** Least-recently-used cache of look-up results (most keys asked are not places: misses are cached too). */
class Lru<V> {
  private readonly map = new Map<string, V>();
  constructor(private readonly max: number) {}
  get(key: string): V | undefined {
    const v = this.map.get(key);
    if (v !== undefined) {
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }
  set(key: string, v: V): void {
    this.map.set(key, v);
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value as string);
  }
}

/** Read side of the index: opened read-only, one prepared statement per question. */
export class IndexStore {
  private readonly db: Database.Database;
  private readonly byKeyStmt: Database.Statement<[string], GazetteerEntry>;
  private readonly keysStmt: Database.Statement<[number], { key: string }>;
  private readonly capitalsStmt: Database.Statement<[], GazetteerEntry>;
  private readonly admin2BestStmt: Database.Statement<[string, string, string], GazetteerEntry>;
  private readonly fuzzyStmt: Database.Statement<[string, number], GazetteerEntry & { rank: number }>;
  private readonly countryStmt: Database.Statement<[string], GazetteerEntry>;
  private readonly admin1Stmt: Database.Statement<[string, string, string, string], GazetteerEntry>;
  private readonly admin3Stmt: Database.Statement<[string, string, string, string], GazetteerEntry>;
  private readonly cache = new Lru<GazetteerEntry[]>(20000);

  constructor(readonly path: string) {
    this.db = new Database(path, { readonly: true, fileMustExist: true });
    // Keep the shared lock between statements: otherwise every look-up locks, unlocks and re-reads the file
    // header (15 µs instead of 1). Nothing writes the live file: an import renames a new one over it.
    this.db.pragma('locking_mode = EXCLUSIVE');
    // Read through the OS page cache rather than copies of it: a name shared by 100 places is 100 random
    // row reads, cold p99 1.5 ms on a 2M-row index through read() calls.
    this.db.pragma('mmap_size = 2147483648');
    const version = this.db.prepare<[], { value: string }>("SELECT value FROM meta WHERE key = 'schema'").get()?.value;
    if (version !== String(INDEX_SCHEMA_VERSION)) {
      this.db.close();
      throw new Error(`${path}: gazetteer index schema ${version ?? '?'}, this Faultline reads ${INDEX_SCHEMA_VERSION}: import the dumps again`);
    }
    this.byKeyStmt = this.db.prepare(`SELECT ${ENTRY_COLUMNS} FROM names n JOIN places p ON p.geonameid = n.geonameid
      WHERE n.key = ? AND p.feature_class IN (${CLASS_LIST})`);
    this.keysStmt = this.db.prepare('SELECT key FROM names WHERE geonameid = ?');
    this.capitalsStmt = this.db.prepare(`SELECT ${ENTRY_COLUMNS} FROM places p WHERE p.feature_code IN ('PPLA', 'PPLC') ORDER BY p.geonameid`);
    this.admin2BestStmt = this.db.prepare(`SELECT ${ENTRY_COLUMNS} FROM places p
      WHERE p.country = ? AND p.admin1 = ? AND p.admin2 = ? AND p.feature_class = 'P' ORDER BY p.score DESC, p.geonameid`);
    this.fuzzyStmt = this.db.prepare(`SELECT ${ENTRY_COLUMNS}, f.rank AS rank FROM names_fts f JOIN places p ON p.geonameid = f.rowid
      WHERE names_fts MATCH ? ORDER BY f.rank LIMIT ?`);
    this.countryStmt = this.db.prepare(`SELECT ${ENTRY_COLUMNS} FROM places p WHERE p.country = ?
      AND p.feature_code IN (${COUNTRY_CODES.map((c) => `'${c}'`).join(',')})
      ORDER BY instr('${COUNTRY_CODES.join(' ')}', p.feature_code), p.population DESC, p.geonameid LIMIT 1`);
    // The admin1 table names the region's feature; a dump without that table still has the ADM1 row.
    this.admin1Stmt = this.db.prepare(`SELECT ${ENTRY_COLUMNS} FROM places p WHERE p.geonameid =
        (SELECT geonameid FROM admin1 WHERE country = ? AND code = ?)
      UNION ALL SELECT * FROM (SELECT ${ENTRY_COLUMNS} FROM places p WHERE p.country = ? AND p.admin1 = ? AND p.feature_code = 'ADM1'
        ORDER BY p.geonameid LIMIT 1) LIMIT 1`);
    this.admin3Stmt = this.db.prepare(`SELECT ${ENTRY_COLUMNS} FROM places p WHERE p.country = ? AND p.admin1 = ? AND p.admin2 = ?
      AND p.admin3 = ? AND p.feature_code = 'ADM3' ORDER BY p.geonameid LIMIT 1`);
  }

  /** The country's own feature (PCLI and kin), where the dumps hold it. */
  countryFeature(iso2: string): GazetteerEntry | null {
    return this.countryStmt.get(iso2) ?? null;
  }

  /** The region's ADM1 feature, where the dumps hold it. */
  admin1Feature(country: string, admin1Code: string): GazetteerEntry | null {
    return this.admin1Stmt.get(country, admin1Code, country, admin1Code) ?? null;
  }

  /** The ADM3 feature of a code chain (GeoNames publishes no admin3 code table). */
  admin3Feature(country: string, admin1Code: string, admin2Code: string, admin3Code: string): GazetteerEntry | null {
    return this.admin3Stmt.get(country, admin1Code, admin2Code, admin3Code) ?? null;
  }

  /** Places of the dumps' kept feature classes (rank.ts DUMP_CLASSES) under a folded name key. */
  byKey(key: string): GazetteerEntry[] {
    let found = this.cache.get(key);
    if (found === undefined) {
      found = this.byKeyStmt.all(key);
      this.cache.set(key, found);
    }
    return found;
  }

  keysOf(geonameid: number): string[] {
    return this.keysStmt.all(geonameid).map((r) => r.key);
  }

  /** Seats of admin1 units and national capitals (PPLA, PPLC), in id order. */
  capitals(): GazetteerEntry[] {
    return this.capitalsStmt.all();
  }

  /** Populated places carrying an admin2 code, best (entryScore) first; iterate and stop early. */
  admin2Places(country: string, admin1Code: string, admin2Code: string): IterableIterator<GazetteerEntry> {
    return this.admin2BestStmt.iterate(country, admin1Code, admin2Code);
  }

  admin1Rows(): AdminCodeRow[] {
    return this.db.prepare<[], AdminCodeRow>("SELECT country || '.' || code AS code, name FROM admin1").all();
  }

  admin2Rows(): AdminCodeRow[] {
    return this.db.prepare<[], AdminCodeRow>("SELECT country || '.' || admin1 || '.' || code AS code, name FROM admin2").all();
  }

  /**
   * Places whose folded names contain the folded query's trigrams (FTS5 trigram tokenizer): a misspelt or
   * partial name still finds "Yélimané" from "elimane". Queries of under three characters find nothing.
   */
  fuzzy(foldedQuery: string, limit = 10): FuzzyMatch[] {
    if (foldedQuery.length < 3) return [];
    const phrase = `"${foldedQuery.replace(/"/g, '""')}"`;
    return this.fuzzyStmt.all(phrase, limit).map(({ rank, ...entry }) => ({ entry, rank }));
  }

  /** Places within a box around a point (R*Tree), nearest box first is the caller's job. */
  near(lat: number, lon: number, radiusDeg: number): GazetteerEntry[] {
    return this.db.prepare<[number, number, number, number], GazetteerEntry>(`SELECT ${ENTRY_COLUMNS} FROM places_rtree r
      JOIN places p ON p.geonameid = r.id WHERE r.max_lat >= ? AND r.min_lat <= ? AND r.max_lon >= ? AND r.min_lon <= ?`)
      .all(lat - radiusDeg, lat + radiusDeg, lon - radiusDeg, lon + radiusDeg);
  }

  info(): IndexInfo {
    const count = (table: string): number => this.db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM ${table}`).get()?.n ?? 0;
    const imports = this.db.prepare<[], { file: string; kind: ImportRecord['kind']; rows: number; countries: string; imported_at: string }>(
      'SELECT file, kind, rows, countries, imported_at FROM imports ORDER BY id').all()
      .map((r) => ({ file: r.file, kind: r.kind, rows: r.rows, countries: r.countries === '' ? [] : r.countries.split(','), importedAt: r.imported_at }));
    return {
      path: this.path,
      bytes: statSync(this.path).size,
      places: count('places'),
      names: count('names'),
      admin1: count('admin1'),
      admin2: count('admin2'),
      countries: this.db.prepare<[], { country: string; places: number }>(
        'SELECT country, count(*) AS places FROM places GROUP BY country ORDER BY places DESC').all(),
      imports,
    };
  }

  close(): void {
    this.db.close();
  }
}
