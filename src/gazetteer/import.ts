// `importGeonames`: GeoNames dumps as published (ML.txt, ML.zip, allCountries.zip, a folder of them,
// admin1CodesASCII.txt, admin2Codes.txt, alternateNamesV2.zip) streamed into the SQLite index (index-store.ts).
// Alternate names add names to the places already in the index (or in the same import: they are read last);
// a later re-import of a country's dump drops them with the country's other names.
//
// Bounded memory whatever the file size: files and zip entries are read as streams (yauzl reads a zip's
// central directory, then inflates one entry at a time), split into lines as they come (a line is at most
// MAX_LINE bytes), and inserted in transactions of BATCH rows.
//
// Atomic: the import is built in a temporary file beside the index (a copy of the live index, or a new
// one) and renamed over HOME/gazetteer/geonames.sqlite only when every file was read to its end. A
// truncated zip, a line without the 19 columns of a geoname row, or a file that is not GeoNames at all
// stops the import with an error naming the file and line, and leaves the index as it was.
//
// Re-import replaces: the first row of a country in an import deletes that country's rows from the index
// (for the admin tables, that country's codes), so importing ML.zip twice, or ML.txt then allCountries.zip,
// never duplicates a place.
import {
  closeSync, copyFileSync, createReadStream, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync,
  statSync, writeFileSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import Database from 'better-sqlite3';
import yauzl from 'yauzl';
import { alternateNameKey, GEONAMES_COLUMNS, geonamesRowFromFields } from './geonames.ts';
import { INDEX_SCHEMA_VERSION, indexPath, SCHEMA } from './index-store.ts';
import { entryScore } from './rank.ts';

export type ImportKind = 'geonames' | 'admin1' | 'admin2' | 'alternateNames';

export interface ImportProgress {
  /** the file (or zip entry: "allCountries.zip:allCountries.txt") being read */
  file: string;
  /** rows of this file so far */
  fileRows: number;
  /** rows of the whole import so far */
  rows: number;
  elapsedMs: number;
  /** true once for each file, when it has been read to its end */
  fileDone: boolean;
}

export interface ImportOptions {
  /** Faultline home: the index is HOME/gazetteer/geonames.sqlite */
  home: string;
  onProgress?: (p: ImportProgress) => void;
}

export interface ImportedFile {
  file: string;
  kind: ImportKind;
  rows: number;
  countries: string[];
}

export interface ImportResult {
  indexPath: string;
  files: ImportedFile[];
  /** files of a folder that are not GeoNames dumps this import reads (readme.txt, countryInfo.txt…) */
  skipped: string[];
  rows: number;
  elapsedMs: number;
}

/** A file that cannot be imported: the message names the file (and line); the index is unchanged. */
export class GazetteerImportError extends Error {
  constructor(message: string, readonly file: string, readonly line: number | null = null,
    /** 'unreadable': the path does not exist or cannot be opened; 'invalid': its content is not a GeoNames dump */
    readonly reason: 'unreadable' | 'invalid' | 'busy' = 'invalid') {
    super(message);
    this.name = 'GazetteerImportError';
  }
}

const BATCH = 20000;
const MAX_LINE = 1 << 20;
const PROGRESS_EVERY = 10000;

interface Source {
  path: string;
  kind: ImportKind;
  zip: boolean;
}

function kindOf(name: string): ImportKind {
  if (/^alternateNames(V2)?\.(txt|zip)$/i.test(name)) return 'alternateNames';
  if (/^admin1Codes(ASCII)?\.txt$/i.test(name)) return 'admin1';
  if (/^admin2Codes\.txt$/i.test(name)) return 'admin2';
  return 'geonames';
}

// In a folder: country dumps (ML.txt, ML.zip), allCountries, cities500/1000/…, the admin code tables.
const FOLDER_FILE = /^(?:[A-Z]{2}|allCountries|cities\d+|alternateNamesV2)\.(?:txt|zip)$|^admin1CodesASCII\.txt$|^admin2Codes\.txt$/;

function collectSources(paths: string[]): { sources: Source[]; skipped: string[] } {
  const sources: Source[] = [];
  const skipped: string[] = [];
  const add = (path: string): void => {
    const name = basename(path);
    sources.push({ path, kind: kindOf(name), zip: /\.zip$/i.test(name) });
  };
  for (const path of paths) {
    let st;
    try {
      st = statSync(path);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new GazetteerImportError(`${path}: ${code === 'ENOENT' ? 'no such file or folder' : (err as Error).message}`, path, null, 'unreadable');
    }
    if (st.isDirectory()) {
      const names = readdirSync(path).sort();
      const chosen = names.filter((n) => FOLDER_FILE.test(n))
        // ML.txt and ML.zip side by side: the text file is the zip's content, read it once.
        .filter((n) => !(/\.zip$/.test(n) && names.includes(n.replace(/\.zip$/, '.txt'))));
      if (chosen.length === 0) throw new GazetteerImportError(`${path}: no GeoNames dumps in this folder (ML.txt, ML.zip, allCountries.zip, admin1CodesASCII.txt, admin2Codes.txt)`, path, null, 'unreadable');
      for (const n of names) if (!chosen.includes(n)) skipped.push(join(path, n));
      for (const n of chosen) add(join(path, n));
    } else {
      add(path);
    }
  }
  // Alternate names attach to places: read them after every dump, whatever the order given.
  const last = (s: Source): number => (s.kind === 'alternateNames' ? 1 : 0);
  return { sources: sources.map((s, i) => ({ s, i })).sort((a, b) => last(a.s) - last(b.s) || a.i - b.i).map(({ s }) => s), skipped };
}

/** Calls onLine for each line of a stream (decoded as UTF-8); a line longer than MAX_LINE is an error. */
async function eachLine(stream: Readable, file: string, onLine: (line: string, lineNo: number) => void): Promise<number> {
  const decoder = new StringDecoder('utf8');
  let rest = '';
  let lineNo = 0;
  const take = (text: string): void => {
    let start = 0;
    for (;;) {
      const nl = text.indexOf('\n', start);
      if (nl < 0) break;
      lineNo++;
      let line = text.slice(start, nl);
      if (line.endsWith('\r')) line = line.slice(0, -1);
      onLine(line, lineNo);
      start = nl + 1;
    }
    rest = text.slice(start);
    if (rest.length > MAX_LINE) {
      throw new GazetteerImportError(`${file}:${lineNo + 1}: line longer than ${MAX_LINE} bytes: not a GeoNames dump`, file, lineNo + 1);
    }
  };
  for await (const chunk of stream) {
    take(rest + decoder.write(chunk as Buffer));
  }
  const tail = rest + decoder.end();
  if (tail !== '') {
    lineNo++;
    onLine(tail.endsWith('\r') ? tail.slice(0, -1) : tail, lineNo);
  }
  return lineNo;
}

function openZip(path: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true, autoClose: true, strictFileNames: false }, (err, zip) => {
      if (err !== null || zip === undefined) reject(new GazetteerImportError(`${path}: not a readable zip (${err?.message ?? 'no zip'}): truncated or not a zip file`, path));
      else resolve(zip);
    });
  });
}

/** The entries of a zip, one at a time: each is read to its end before the next is opened. */
async function eachZipEntry(path: string, onEntry: (name: string, stream: Readable) => Promise<void>): Promise<number> {
  const zip = await openZip(path);
  let read = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      const fail = (err: unknown): void => {
        zip.close();
        reject(err instanceof GazetteerImportError ? err : new GazetteerImportError(`${path}: cannot read the zip: ${(err as Error).message}`, path));
      };
      zip.on('error', fail);
      zip.on('end', () => resolve());
      zip.on('entry', (entry: yauzl.Entry) => {
        const name = entry.fileName;
        // Folders, readmes and anything but tables: GeoNames zips hold ML.txt plus readme.txt.
        // alternateNamesV2.zip also holds iso-languagecodes.txt.
        if (name.endsWith('/') || !/\.txt$/i.test(name) || /(^|\/)(readme|iso-languagecodes)/i.test(name)) {
          zip.readEntry();
          return;
        }
        zip.openReadStream(entry, (err, stream) => {
          if (err !== null || stream === undefined) {
            fail(err ?? new Error('no stream'));
            return;
          }
          onEntry(name, stream).then(() => {
            read++;
            zip.readEntry();
          }, fail);
        });
      });
      zip.readEntry();
    });
  } catch (err) {
    if (err instanceof GazetteerImportError) throw err;
    throw new GazetteerImportError(`${path}: ${(err as Error).message}`, path);
  }
  if (read === 0) throw new GazetteerImportError(`${path}: no GeoNames table (.txt) in the zip`, path);
  return read;
}

const INT = /^-?\d+$/;
// alternateNames "languages" that are not languages: links, postcodes, airport and other codes, pronunciations.
const NOT_NAME_LANGUAGES = new Set(['link', 'wkdt', 'post', 'iata', 'icao', 'faac', 'tcid', 'unlc', 'abbr', 'phon', 'piny']);
const COUNTRY = /^(?:[A-Z]{2})?$/;

/** The writer: prepared statements on the temporary database, deletes by country on first sight. */
class Writer {
  private readonly seen = { geonames: new Set<string>(), admin1: new Set<string>(), admin2: new Set<string>(), alternateNames: new Set<string>() };
  private inBatch = 0;
  /** ids of this import's lines in the imports table */
  private readonly recorded = new Set<number>();
  private readonly stmt;

  constructor(private readonly db: Database.Database) {
    db.exec(`CREATE TEMP TABLE names_stage (key TEXT NOT NULL, geonameid INTEGER NOT NULL);
      CREATE INDEX temp.names_stage_id ON names_stage (geonameid);
      CREATE TEMP TABLE alt_touched (geonameid INTEGER PRIMARY KEY);`);
    this.stmt = {
      exists: db.prepare<[number], { c: string }>('SELECT country AS c FROM places WHERE geonameid = ?'),
      place: db.prepare(`INSERT OR REPLACE INTO places (geonameid, name, asciiname, lat, lon, feature_class, feature_code, country,
        admin1, admin2, admin3, population, score) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      // Names go to an append-only staging table first and into the (key, geonameid) tree in key order at
      // the end: inserted row by row in file order, every key landed on a random page (6k rows/s at 2M rows).
      name: db.prepare('INSERT INTO temp.names_stage (key, geonameid) VALUES (?, ?)'),
      dropStaged: db.prepare('DELETE FROM temp.names_stage WHERE geonameid = ?'),
      altTouched: db.prepare('INSERT OR IGNORE INTO temp.alt_touched (geonameid) VALUES (?)'),
      // FTS5 and the R*Tree are filled per country once its rows are in: row by row they were 3/4 of the time.
      countryFtsFill: db.prepare(`INSERT INTO names_fts (rowid, keys) SELECT p.geonameid, group_concat(n.key, ' ')
        FROM places p JOIN names n ON n.geonameid = p.geonameid WHERE p.country = ? GROUP BY p.geonameid`),
      countryRtreeFill: db.prepare(`INSERT INTO places_rtree (id, min_lat, max_lat, min_lon, max_lon)
        SELECT geonameid, lat, lat, lon, lon FROM places WHERE country = ?`),
      dropNames: db.prepare('DELETE FROM names WHERE geonameid = ?'),
      dropFts: db.prepare('DELETE FROM names_fts WHERE rowid = ?'),
      dropRtree: db.prepare('DELETE FROM places_rtree WHERE id = ?'),
      countryRtree: db.prepare('DELETE FROM places_rtree WHERE id IN (SELECT geonameid FROM places WHERE country = ?)'),
      countryFts: db.prepare('DELETE FROM names_fts WHERE rowid IN (SELECT geonameid FROM places WHERE country = ?)'),
      countryNames: db.prepare('DELETE FROM names WHERE geonameid IN (SELECT geonameid FROM places WHERE country = ?)'),
      countryPlaces: db.prepare('DELETE FROM places WHERE country = ?'),
      admin1: db.prepare('INSERT OR REPLACE INTO admin1 (country, code, name, asciiname, geonameid) VALUES (?, ?, ?, ?, ?)'),
      admin2: db.prepare('INSERT OR REPLACE INTO admin2 (country, admin1, code, name, asciiname, geonameid) VALUES (?, ?, ?, ?, ?, ?)'),
      countryAdmin1: db.prepare('DELETE FROM admin1 WHERE country = ?'),
      countryAdmin2: db.prepare('DELETE FROM admin2 WHERE country = ?'),
      dropImports: db.prepare<[string], { id: number; countries: string }>('SELECT id, countries FROM imports WHERE kind = ?'),
      deleteImport: db.prepare('DELETE FROM imports WHERE id = ?'),
      addImport: db.prepare('INSERT INTO imports (file, kind, rows, countries, imported_at) VALUES (?, ?, ?, ?, ?)'),
    };
  }

  private tick(): void {
    if (this.inBatch === 0) this.db.exec('BEGIN');
    if (++this.inBatch >= BATCH) this.flush();
  }

  flush(): void {
    if (this.inBatch > 0) this.db.exec('COMMIT');
    this.inBatch = 0;
  }

  rollback(): void {
    if (this.db.inTransaction) this.db.exec('ROLLBACK');
    this.inBatch = 0;
  }

  private firstSight(kind: ImportKind, country: string): void {
    const seen = this.seen[kind];
    if (seen.has(country)) return;
    seen.add(country);
    const s = this.stmt;
    if (kind === 'geonames') {
      s.countryRtree.run(country);
      s.countryFts.run(country);
      s.countryNames.run(country);
      s.countryPlaces.run(country);
    } else if (kind === 'admin1') {
      s.countryAdmin1.run(country);
    } else {
      s.countryAdmin2.run(country);
    }
  }

  /** One line of a geoname table; returns its country. */
  geoname(line: string, file: string, lineNo: number): string {
    const f = line.split('\t');
    if (f.length !== GEONAMES_COLUMNS) {
      throw new GazetteerImportError(`${file}:${lineNo}: expected ${GEONAMES_COLUMNS} tab-separated columns (a GeoNames geoname row), found ${f.length}`
        + (lineNo === 1 ? ': is this a GeoNames dump?' : ''), file, lineNo);
    }
    const row = geonamesRowFromFields(f);
    const e = row.entry;
    const bad = !INT.test(f[0]!) ? 'geonameid is not a number'
      : !Number.isFinite(e.lat) || f[4] === '' || Math.abs(e.lat) > 90 ? 'latitude is not a number in -90..90'
      : !Number.isFinite(e.lon) || f[5] === '' || Math.abs(e.lon) > 180 ? 'longitude is not a number in -180..180'
      : !COUNTRY.test(e.country) ? 'country code is not two capital letters'
      : /[\uFFFD\0]/.test(line) ? 'the text is not UTF-8'
      : null;
    if (bad !== null) throw new GazetteerImportError(`${file}:${lineNo}: ${bad}${lineNo === 1 ? ': is this a GeoNames dump?' : ''}`, file, lineNo);
    this.tick();
    this.firstSight('geonames', e.country);
    const s = this.stmt;
    // A place already in the index (from another country's rows, or twice in this import) loses its old names.
    if (s.exists.get(e.geonameid) !== undefined) {
      s.dropNames.run(e.geonameid);
      s.dropStaged.run(e.geonameid);
      s.dropFts.run(e.geonameid);
      s.dropRtree.run(e.geonameid);
    }
    s.place.run(e.geonameid, e.name, e.asciiname, e.lat, e.lon, e.featureClass, e.featureCode, e.country, e.admin1Code,
      e.admin2Code, e.admin3Code, e.population, entryScore(e));
    for (const k of row.keys) s.name.run(k, e.geonameid);
    return e.country;
  }

  /** One line of admin1CodesASCII.txt ("ML.05\tSégou\tSegou\t2450804") or admin2Codes.txt; returns its country. */
  admin(kind: 'admin1' | 'admin2', line: string, file: string, lineNo: number): string {
    const f = line.split('\t');
    const parts = (f[0] ?? '').split('.');
    const shape = kind === 'admin1' ? 'CC.CODE' : 'CC.ADMIN1.CODE';
    if (f.length !== 4 || parts.length !== (kind === 'admin1' ? 2 : 3) || !/^[A-Z]{2}$/.test(parts[0]!) || parts.some((p) => p === '')
      || !(f[3] === '' || INT.test(f[3]!)) || (f[1] === '' && f[2] === '')) {
      throw new GazetteerImportError(`${file}:${lineNo}: expected an ${kind} code row (${shape}, name, ASCII name, geonameid: 4 tab-separated columns), found ${f.length} column${f.length === 1 ? '' : 's'}`
        + (lineNo === 1 ? `: is this ${kind === 'admin1' ? 'admin1CodesASCII.txt' : 'admin2Codes.txt'}?` : ''), file, lineNo);
    }
    if (/[\uFFFD\0]/.test(line)) throw new GazetteerImportError(`${file}:${lineNo}: the text is not UTF-8`, file, lineNo);
    const [country, a1, a2] = parts as [string, string, string?];
    this.tick();
    this.firstSight(kind, country);
    const id = f[3] === '' ? null : Number(f[3]);
    const name = f[1] === '' ? f[2]! : f[1]!; // a few rows (MC.00) have only the ASCII name
    if (kind === 'admin1') this.stmt.admin1.run(country, a1, name, f[2], id);
    else this.stmt.admin2.run(country, a1, a2, name, f[2], id);
    return country;
  }

  /**
   * One line of alternateNamesV2.txt (id, geonameid, language, name, preferred, short, colloquial, historic,
   * from, to; the older alternateNames.txt has the first 8): the name joins its place's keys when the place
   * is in the index. Postcodes, links, airport and other codes are not names.
   */
  alternateName(line: string, file: string, lineNo: number): void {
    const f = line.split('\t');
    if ((f.length !== 10 && f.length !== 8) || !INT.test(f[0]!) || !INT.test(f[1]!) || (f[3] ?? '') === '') {
      throw new GazetteerImportError(`${file}:${lineNo}: expected an alternate name row (id, geonameid, language, name, … : 10 tab-separated columns), found ${f.length} column${f.length === 1 ? '' : 's'}`
        + (lineNo === 1 ? ': is this alternateNamesV2.txt?' : ''), file, lineNo);
    }
    if (/[\uFFFD\0]/.test(line)) throw new GazetteerImportError(`${file}:${lineNo}: the text is not UTF-8`, file, lineNo);
    if (NOT_NAME_LANGUAGES.has(f[2]!)) return;
    const key = alternateNameKey(f[3]!);
    if (key === null) return;
    const id = Number(f[1]);
    if (this.stmt.exists.get(id) === undefined) return;
    this.tick();
    this.stmt.name.run(key, id);
    this.stmt.altTouched.run(id);
  }

  /** Fills the FTS5 and R*Tree rows of the countries this import (re)placed: one transaction per country. */
  finish(): void {
    this.flush();
    // The id index is rebuilt by one sort rather than fed in key order, which is random order for it.
    this.db.exec(`BEGIN;
      DROP INDEX IF EXISTS names_id;
      INSERT OR IGNORE INTO names (key, geonameid) SELECT key, geonameid FROM temp.names_stage ORDER BY key, geonameid;
      CREATE INDEX names_id ON names (geonameid);
      DELETE FROM temp.names_stage;
      COMMIT;`);
    // Places of countries this import did not (re)place but whose names it added to: their FTS rows anew.
    const seen = [...this.seen.geonames];
    const others = `SELECT t.geonameid FROM temp.alt_touched t JOIN places p ON p.geonameid = t.geonameid
      WHERE p.country NOT IN (SELECT value FROM json_each(?))`;
    this.db.exec('BEGIN');
    this.db.prepare(`DELETE FROM names_fts WHERE rowid IN (${others})`).run(JSON.stringify(seen));
    this.db.prepare(`INSERT INTO names_fts (rowid, keys) SELECT n.geonameid, group_concat(n.key, ' ') FROM names n
      WHERE n.geonameid IN (${others}) GROUP BY n.geonameid`).run(JSON.stringify(seen));
    this.db.exec('DELETE FROM temp.alt_touched; COMMIT');
    for (const country of this.seen.geonames) {
      this.db.exec('BEGIN');
      this.stmt.countryFtsFill.run(country);
      this.stmt.countryRtreeFill.run(country);
      this.db.exec('COMMIT');
    }
  }

  /** Logs a file read to its end; drops log lines of earlier imports whose countries this one replaced. */
  record(file: ImportedFile, at: string): void {
    this.flush();
    const replaced = this.seen[file.kind];
    for (const old of this.stmt.dropImports.all(file.kind)) {
      const cs = old.countries === '' ? [] : old.countries.split(',');
      if (!this.recorded.has(old.id) && cs.every((c) => replaced.has(c))) this.stmt.deleteImport.run(old.id);
    }
    this.recorded.add(Number(this.stmt.addImport.run(file.file, file.kind, file.rows, file.countries.join(','), at).lastInsertRowid));
  }
}

function acquireLock(dir: string): string {
  const lock = join(dir, 'import.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(lock, String(process.pid), { flag: 'wx' });
      return lock;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      let pid = NaN;
      try {
        pid = Number(readFileSync(lock, 'utf8').trim());
      } catch { /* vanished */ }
      let alive = false;
      if (Number.isInteger(pid) && pid > 0) {
        try {
          process.kill(pid, 0);
          alive = true;
        } catch (e) {
          alive = (e as NodeJS.ErrnoException).code === 'EPERM';
        }
      }
      if (alive) throw new GazetteerImportError(`${dir}: another import is running (process ${pid})`, lock, null, 'busy');
      rmSync(lock, { force: true }); // left by an import that died
    }
  }
  throw new GazetteerImportError(`${dir}: cannot take the import lock`, lock, null, 'busy');
}

/**
 * Imports GeoNames dumps into HOME/gazetteer/geonames.sqlite. Throws GazetteerImportError (file, line) for
 * a file that cannot be read or is not a GeoNames dump; the index is then as it was before the call.
 */
export async function importGeonames(paths: string[], opts: ImportOptions): Promise<ImportResult> {
  const t0 = performance.now();
  if (paths.length === 0) throw new GazetteerImportError('no file or folder to import', '', null, 'unreadable');
  const { sources, skipped } = collectSources(paths);
  const live = indexPath(opts.home);
  const dir = dirname(live);
  mkdirSync(dir, { recursive: true });
  const lock = acquireLock(dir);
  const tmp = `${live}.${process.pid}.tmp`;
  let db: Database.Database | null = null;
  try {
    rmSync(tmp, { force: true });
    let fresh = true;
    if (existsSync(live)) {
      const check = new Database(live, { readonly: true });
      const version = (() => {
        try {
          return check.prepare<[], { value: string }>("SELECT value FROM meta WHERE key = 'schema'").get()?.value;
        } catch {
          return undefined;
        } finally {
          check.close();
        }
      })();
      // An index of another schema version is rebuilt from this import alone.
      if (version === String(INDEX_SCHEMA_VERSION)) {
        copyFileSync(live, tmp);
        fresh = false;
      }
    }
    db = new Database(tmp);
    // The temporary file is worthless until renamed: no journal, no syncs while building it.
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    db.pragma('cache_size = -65536');
    db.pragma('temp_store = FILE');
    if (fresh) {
      db.exec(SCHEMA);
      db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('schema', ?)").run(String(INDEX_SCHEMA_VERSION));
    }
    const writer = new Writer(db);
    const files: ImportedFile[] = [];
    let total = 0;
    const at = new Date().toISOString();

    const readTable = async (display: string, kind: ImportKind, stream: Readable): Promise<void> => {
      const countries = new Set<string>();
      let fileRows = 0;
      await eachLine(stream, display, (line, lineNo) => {
        if (line === '') return;
        // GeoNames tables have no header, but a commented line is harmless (admin files of some mirrors).
        if (line.startsWith('#') && kind !== 'geonames') return;
        if (kind === 'alternateNames') writer.alternateName(line, display, lineNo);
        else countries.add(kind === 'geonames' ? writer.geoname(line, display, lineNo) : writer.admin(kind, line, display, lineNo));
        fileRows++;
        total++;
        if (fileRows % PROGRESS_EVERY === 0) opts.onProgress?.({ file: display, fileRows, rows: total, elapsedMs: performance.now() - t0, fileDone: false });
      });
      if (fileRows === 0) throw new GazetteerImportError(`${display}: no rows: an empty file is not a GeoNames dump`, display);
      const file: ImportedFile = { file: display, kind, rows: fileRows, countries: [...countries].filter((c) => c !== '').sort() };
      writer.record(file, at);
      files.push(file);
      opts.onProgress?.({ file: display, fileRows, rows: total, elapsedMs: performance.now() - t0, fileDone: true });
    };

    try {
      for (const src of sources) {
        if (src.zip) {
          await eachZipEntry(src.path, (name, stream) => readTable(`${src.path}:${name}`, kindOf(basename(name)), stream));
        } else {
          const stream = createReadStream(src.path);
          await readTable(src.path, src.kind, stream).catch((err: unknown) => {
            stream.destroy();
            const e = err as NodeJS.ErrnoException;
            if (e instanceof GazetteerImportError) throw e;
            throw new GazetteerImportError(`${src.path}: cannot read: ${e.code === 'EISDIR' ? 'a folder' : e.message}`, src.path, null, 'unreadable');
          });
        }
      }
      writer.finish();
    } catch (err) {
      writer.rollback();
      throw err;
    }
    db.pragma('optimize');
    db.close();
    db = null;
    // Durable before it becomes the index: sync the file, rename, sync the folder.
    const fd = openSync(tmp, 'r');
    fsyncSync(fd);
    closeSync(fd);
    renameSync(tmp, live);
    try {
      const dfd = openSync(dir, 'r');
      fsyncSync(dfd);
      closeSync(dfd);
    } catch { /* some file systems cannot sync a folder */ }
    return { indexPath: live, files, skipped, rows: total, elapsedMs: performance.now() - t0 };
  } finally {
    if (db !== null) db.close();
    rmSync(tmp, { force: true });
    rmSync(lock, { force: true });
  }
}
