// Geoparsing evaluation on GeoWebNews (GWN.xml) and TR-News (TR-News.xml), Gritta et al.'s corpora of news
// articles with gold toponyms (character offsets, GeoNames ids, coordinates). Two measurements:
//
// 1. Resolution with gold spans: every gold toponym that has coordinates is resolved from its name and its
//    article (candidates from the gazetteer, one consistent choice per name and document) and scored by
//    the distance to the gold point.
// 2. End to end: Faultline's own recognition (findPlaceMentions, no monitored country) matched to the gold
//    spans by overlap: precision, recall, F1, and the distance metrics over the matched toponyms.
//
// Metrics as in Gritta, Pilehvar & Collier (2018), "What's missing in geographical parsing?":
// - exact GeoNames id accuracy, over the gold toponyms that carry an id;
// - acc@161km: share of errors ≤ 161 km (100 miles);
// - mean and median error in km;
// - AUC of the log error curve: errors sorted ascending, each mapped to ln(err + 1) / ln(20039), and the area
//   under that curve by the trapezoidal rule over n - 1 unit intervals, so that all-zero errors give 0 and
//   all errors at 20,039 km (half the Earth's circumference) give 1:
//       AUC = Σ_{i=1..n-1} (y_i + y_{i+1}) / 2 / (n - 1),  y_i = ln(e_(i) + 1) / ln(20039),  e sorted
//   (Gritta's scripts: np.trapz(np.log(errors + 1)) / (np.log(20039) * (len(errors) - 1))), each y_i capped at 1
//   (an error of 20,039 km would give 1.000005). Lower is better.
// A toponym the gazetteer cannot resolve counts as an error of 20,039 km (the largest possible), so a
// missing place lowers acc@161 and raises the mean, the median and the AUC like a wrong one.
import { XMLParser } from 'fast-xml-parser';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import {
  bundledDataPaths, distanceKm, entryScore, findPlaceMentions, foldName,
} from '../gazetteer/index.ts';
import { parseGeonames } from '../gazetteer/geonames.ts';
import type { Gazetteer, GazetteerEntry, LookupOptions, PlaceMention } from '../gazetteer/index.ts';

/** The fields of world-countries' countries.json that are read here. */
interface WorldCountry {
  cca2: string;
  latlng: number[];
  name: { common: string; official: string };
  altSpellings: string[];
  demonyms?: Record<string, { f: string; m: string }>;
}

function worldCountries(): WorldCountry[] {
  const require = createRequire(import.meta.url);
  return require('world-countries/countries.json') as WorldCountry[];
}

export const MAX_ERROR_KM = 20039;
export const ACC_KM = 161;

// ---------------------------------------------------------------------------------------------- corpus

export interface GoldToponym {
  /** the span's text (realigned to the article text when the corpus offsets are off) */
  name: string;
  start: number;
  end: number;
  geonameid: number | null;
  /** null for annotations without a location (GWN's non-locational and expression types) */
  lat: number | null;
  lon: number | null;
  /** GWN's annotation type (Literal, Metonymic, …) or TR-News' feature code (PCLI, PPL, …) */
  type: string;
}

export interface Article {
  id: string;
  text: string;
  toponyms: GoldToponym[];
}

type XmlNode = Record<string, unknown>;

const str = (v: unknown): string => {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (v !== null && typeof v === 'object' && '#text' in v) return str((v as XmlNode)['#text']);
  return '';
};
const num = (v: unknown): number | null => {
  const s = str(v).trim();
  if (s === '') return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
};
const node = (v: unknown): XmlNode | null => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as XmlNode) : null);
const list = (v: unknown): XmlNode[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]).map(node).filter((x): x is XmlNode => x !== null);

/**
 * The span of `name` nearest the annotated offset: some gold offsets are one or a few characters off
 * (TR-News counts some line breaks differently); an annotation whose name is nowhere near keeps its offsets.
 */
function realign(text: string, name: string, start: number, end: number): { start: number; end: number } {
  if (name === '' || text.slice(start, end) === name) return { start, end };
  let best: number | null = null;
  const window = 200;
  for (let i = text.indexOf(name, Math.max(0, start - window)); i >= 0 && i <= start + window; i = text.indexOf(name, i + 1)) {
    if (best === null || Math.abs(i - start) < Math.abs(best - start)) best = i;
  }
  return best === null ? { start, end } : { start: best, end: best + name.length };
}

/** Articles of GeoWebNews or TR-News (the two XML layouts are told apart per toponym). */
export function parseCorpus(xml: string): Article[] {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    isArray: (name) => name === 'article' || name === 'toponym',
  });
  const doc = node(parser.parse(xml));
  const root = node(doc?.['articles']);
  if (root === null) throw new Error('not a geoparsing corpus: no <articles> root');
  return list(root['article']).map((a, i) => {
    const text = str(a['text']);
    const id = str(a['@file'] ?? a['@docid']) || String(i);
    const toponyms = list(node(a['toponyms'])?.['toponym']).map((t): GoldToponym => {
      const gaz = node(t['gaztag']);
      const raw = str(t['extractedName'] ?? t['phrase']).trim();
      const { start, end } = realign(text, raw, num(t['start']) ?? 0, num(t['end']) ?? 0);
      if (gaz !== null) {
        return { name: raw, start, end, geonameid: num(gaz['@geonameid']), lat: num(gaz['lat']), lon: num(gaz['lon']), type: str(gaz['fcode']) };
      }
      return { name: raw, start, end, geonameid: num(t['geonamesID']), lat: num(t['latitude']), lon: num(t['longitude']), type: str(t['type']) };
    });
    return { id, text, toponyms };
  });
}

export function loadCorpus(path: string): Article[] {
  return parseCorpus(readFileSync(path, 'utf8'));
}

// --------------------------------------------------------------------------------------------- metrics

export interface ErrorSummary {
  n: number;
  accAt161: number;
  meanKm: number;
  medianKm: number;
  auc: number;
}

export function median(values: number[]): number {
  if (values.length === 0) return NaN;
  const s = values.slice().sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function mean(values: number[]): number {
  return values.length === 0 ? NaN : values.reduce((a, b) => a + b, 0) / values.length;
}

/** Area under the curve of sorted ln(err + 1) / ln(20039) (trapezoidal rule, n - 1 unit intervals); 0 best, 1 worst. */
export function logErrorAuc(errorsKm: number[]): number {
  if (errorsKm.length === 0) return NaN;
  // Clamped at 1: ln(20039 + 1) / ln(20039) is 1.000005, which would let the worst case exceed 1.
  const y = errorsKm.map((e) => Math.min(1, Math.log(Math.max(e, 0) + 1) / Math.log(MAX_ERROR_KM))).sort((a, b) => a - b);
  if (y.length === 1) return y[0]!;
  let area = 0;
  for (let i = 0; i + 1 < y.length; i++) area += (y[i]! + y[i + 1]!) / 2;
  return area / (y.length - 1);
}

export function accuracyAt(errorsKm: number[], km = ACC_KM): number {
  return errorsKm.length === 0 ? NaN : errorsKm.filter((e) => e <= km).length / errorsKm.length;
}

export function summarizeErrors(errorsKm: number[]): ErrorSummary {
  return { n: errorsKm.length, accAt161: accuracyAt(errorsKm), meanKm: mean(errorsKm), medianKm: median(errorsKm), auc: logErrorAuc(errorsKm) };
}

// ---------------------------------------------------------------------------------- countries, regions

/** A point for a name that is a country, a first-level region or a place. */
export interface Reading {
  kind: 'continent' | 'country' | 'admin1' | 'place';
  /** GeoNames admin1 code of a place or region ('' for countries) */
  admin1: string;
  geonameid: number | null;
  lat: number;
  lon: number;
  country: string;
  /** prior score before document context (entryScore for places) */
  score: number;
  label: string;
}

/**
 * Country names (common, official, alternative spellings, English demonyms) with a representative point,
 * from the world-countries package (ODbL): the bundled gazetteer knows 35 countries by name and none by
 * position (cities500 has no PCLI rows).
 */
class CountryTable {
  private readonly byKey = new Map<string, string[]>();
  readonly point = new Map<string, { lat: number; lon: number; name: string }>();
  private readonly codes = new Map<string, string>();

  constructor() {
    for (const c of worldCountries()) {
      const [lat, lon] = c.latlng;
      if (lat === undefined || lon === undefined) continue;
      this.point.set(c.cca2, { lat, lon, name: c.name.common });
      const names = [c.name.common, c.name.official, ...c.altSpellings.filter((s) => s.length > 3), c.demonyms?.['eng']?.m, c.demonyms?.['eng']?.f];
      for (const n of names) this.add(n, c.cca2);
      // Short codes only as written in capitals, with or without dots: "US", "U.S.", "UK".
      for (const code of c.altSpellings.filter((s) => /^[A-Z]{2,3}$/.test(s))) if (!this.codes.has(code)) this.codes.set(code, c.cca2);
    }
  }


  private add(name: string | undefined, iso2: string): void {
    if (name === undefined) return;
    const k = foldName(name);
    if (k === null) return;
    const cur = this.byKey.get(k) ?? [];
    if (!cur.includes(iso2)) cur.push(iso2);
    this.byKey.set(k, cur);
  }

  find(name: string, gaz: Gazetteer): string[] {
    const k = foldName(name);
    const own = k === null ? [] : (this.byKey.get(k) ?? []);
    const fromGaz = gaz.findCountry(name);
    const code = this.codes.get(name.replace(/\./g, ''));
    return [...new Set([...fromGaz, ...own, ...(code === undefined ? [] : [code])])].filter((c) => this.point.has(c));
  }
}

/**
 * A point for each first-level region: the middle of the bounding box of its cities500 places (the bundled
 * data has region names but no region coordinates; GeoNames places ADM1 features near that middle).
 */
class Admin1Points {
  private readonly box = new Map<string, { minLat: number; maxLat: number; minLon: number; maxLon: number }>();

  constructor() {
    parseGeonames(readFileSync(bundledDataPaths().cities500), () => 'names', ({ entry: e }) => {
      if (e.featureClass !== 'P') return;
      const k = `${e.country}.${e.admin1Code}`;
      const b = this.box.get(k);
      if (b === undefined) this.box.set(k, { minLat: e.lat, maxLat: e.lat, minLon: e.lon, maxLon: e.lon });
      else {
        b.minLat = Math.min(b.minLat, e.lat);
        b.maxLat = Math.max(b.maxLat, e.lat);
        b.minLon = Math.min(b.minLon, e.lon);
        b.maxLon = Math.max(b.maxLon, e.lon);
      }
    });
  }

  point(country: string, code: string): { lat: number; lon: number } | null {
    const b = this.box.get(`${country}.${code}`);
    if (b === undefined) return null;
    // A box wider than half the globe straddles the antimeridian: fall back to its latitude middle and west edge.
    const lon = b.maxLon - b.minLon > 180 ? b.maxLon : (b.minLon + b.maxLon) / 2;
    return { lat: (b.minLat + b.maxLat) / 2, lon };
  }
}

// The continents' points as GeoNames gives them (CONT features), with their adjectives.
const CONTINENTS: { names: string[]; lat: number; lon: number }[] = [
  { names: ['Africa', 'African'], lat: 7.1881, lon: 21.0938 },
  { names: ['Asia', 'Asian'], lat: 29.8405, lon: 89.2969 },
  // GeoNames has no feature for the European Union: its members' continent stands for it.
  { names: ['Europe', 'European', 'European Union', 'EU'], lat: 48.6909, lon: 9.1406 },
  { names: ['North America', 'North American'], lat: 46.0732, lon: -100.5469 },
  { names: ['South America', 'South American', 'Latin America'], lat: -14.6048, lon: -57.6563 },
  { names: ['Oceania'], lat: -18.3128, lon: 138.5156 },
  { names: ['Antarctica'], lat: -78.1586, lon: 16.4063 },
];
const continentByKey = new Map<string, { name: string; lat: number; lon: number }>();
for (const c of CONTINENTS) for (const n of c.names) {
  const k = foldName(n);
  if (k !== null) continentByKey.set(k, { name: c.names[0]!, lat: c.lat, lon: c.lon });
}

// ------------------------------------------------------------------------------------ span resolution

/** Prior of a first-level region against places: about a PPLA town of 30,000 (a state beats a small namesake town). */
const ADMIN1_SCORE = 9;
/** A country name or demonym is the country. */
const COUNTRY_SCORE = 100;
/** Bonus for a candidate in a country the document names or places other toponyms in (per toponym, capped). */
const COUNTRY_BONUS = 1.5;
const COUNTRY_BONUS_CAP = 3;
/** Bonus for a place in a region the document names or places other toponyms in (per toponym, capped). */
const ADMIN1_BONUS = 1;
const ADMIN1_BONUS_CAP = 2;
/** Bonus for a candidate within NEAR_KM of another toponym's first-pass choice. */
const NEAR_BONUS = 1;
const NEAR_KM = 200;

export interface Resolver {
  readings(name: string): Reading[];
}

export interface ResolverOptions {
  scope?: LookupOptions['scope'];
}

export function makeResolver(gaz: Gazetteer, opts: ResolverOptions = {}): Resolver {
  const countries = new CountryTable();
  let admin1: Admin1Points | null = null;
  const cache = new Map<string, Reading[]>();
  const scope = opts.scope ?? 'world';
  return {
    readings(name: string): Reading[] {
      const key = foldName(name) ?? name;
      const hit = cache.get(key);
      if (hit !== undefined) return hit;
      const out: Reading[] = [];
      const continent = continentByKey.get(key);
      if (continent !== undefined) out.push({ kind: 'continent', geonameid: null, lat: continent.lat, lon: continent.lon, country: '', admin1: '', score: COUNTRY_SCORE, label: continent.name });
      // GeoNames' own point for a country or region where an import holds its feature, else an estimate.
      for (const iso of countries.find(name, gaz)) {
        const p = countries.point.get(iso)!;
        const f = gaz.countryFeature(iso);
        out.push({ kind: 'country', geonameid: f?.geonameid ?? null, lat: f?.lat ?? p.lat, lon: f?.lon ?? p.lon, country: iso, admin1: '', score: COUNTRY_SCORE, label: p.name });
      }
      if (out.length === 0) {
        for (const a of gaz.findAdmin1(name)) {
          const f = gaz.admin1Feature(a.country, a.code);
          admin1 ??= f === null ? new Admin1Points() : admin1;
          const p = f ?? admin1?.point(a.country, a.code) ?? null;
          if (p !== null) out.push({ kind: 'admin1', geonameid: f?.geonameid ?? null, lat: p.lat, lon: p.lon, country: a.country, admin1: a.code, score: ADMIN1_SCORE, label: `${a.name} (${a.country})` });
        }
        for (const e of gaz.lookup(name, { scope })) out.push(placeReading(e));
      }
      cache.set(key, out);
      return out;
    },
  };
}

function placeReading(e: GazetteerEntry): Reading {
  return { kind: 'place', geonameid: e.geonameid, lat: e.lat, lon: e.lon, country: e.country, admin1: e.admin1Code, score: entryScore(e), label: `${e.name} (${e.country} ${e.featureCode})` };
}

const best = (rs: Reading[], score: (r: Reading) => number): Reading | null => {
  let top: Reading | null = null;
  let topScore = -Infinity;
  for (const r of rs) {
    const s = score(r);
    if (s > topScore) {
      top = r;
      topScore = s;
    }
  }
  return top;
};

/**
 * One reading for each distinct name of a document (one sense per discourse), as resolve.ts chooses: the
 * prior (population, feature class, administrative rank; countries and regions above namesake towns), then
 * the document's context: countries the other names are in or are, and nearness to the other names' points.
 */
export function resolveNames(names: string[], resolver: Resolver): Map<string, Reading | null> {
  const keys = new Map<string, string>();
  for (const n of names) keys.set(n, foldName(n) ?? n);
  const distinct = [...new Set(keys.values())];
  const readingsOf = new Map<string, Reading[]>();
  const sample = new Map<string, string>();
  for (const n of names) if (!sample.has(keys.get(n)!)) sample.set(keys.get(n)!, n);
  for (const k of distinct) readingsOf.set(k, resolver.readings(sample.get(k)!));

  const first = new Map<string, Reading | null>();
  for (const k of distinct) first.set(k, best(readingsOf.get(k)!, (r) => r.score));
  const countryVotes = new Map<string, number>();
  const admin1Votes = new Map<string, number>();
  const a1 = (r: Reading): string => `${r.country}.${r.admin1}`;
  for (const r of first.values()) {
    if (r === null) continue;
    countryVotes.set(r.country, (countryVotes.get(r.country) ?? 0) + 1);
    if (r.kind === 'place' || r.kind === 'admin1') admin1Votes.set(a1(r), (admin1Votes.get(a1(r)) ?? 0) + 1);
  }

  const chosen = new Map<string, Reading | null>();
  for (const k of distinct) {
    const own = first.get(k) ?? null;
    const others = distinct.filter((o) => o !== k).map((o) => first.get(o)).filter((r): r is Reading => r !== null && r !== undefined);
    chosen.set(k, best(readingsOf.get(k)!, (r) => {
      const votes = (countryVotes.get(r.country) ?? 0) - (own !== null && own.country === r.country ? 1 : 0);
      let s = r.score + Math.min(COUNTRY_BONUS_CAP, votes * COUNTRY_BONUS);
      if (r.kind === 'place') {
        const regionVotes = (admin1Votes.get(a1(r)) ?? 0) - (own !== null && (own.kind === 'place' || own.kind === 'admin1') && a1(own) === a1(r) ? 1 : 0);
        s += Math.min(ADMIN1_BONUS_CAP, regionVotes * ADMIN1_BONUS);
      }
      if (r.kind === 'place' && others.some((o) => o.kind !== 'country' && distanceKm(o.lat, o.lon, r.lat, r.lon) < NEAR_KM)) s += NEAR_BONUS;
      return s;
    }));
  }
  const out = new Map<string, Reading | null>();
  for (const n of names) out.set(n, chosen.get(keys.get(n)!) ?? null);
  return out;
}

// ------------------------------------------------------------------------------------------ evaluation

export interface ResolutionOutcome {
  article: string;
  name: string;
  gold: { lat: number; lon: number; geonameid: number | null; type: string };
  predicted: Reading | null;
  errorKm: number;
}

export interface GeoparseReport {
  corpus: string;
  articles: number;
  gazetteer: string;
  resolution: ErrorSummary & {
    /** gold toponyms with coordinates (the scored ones) */
    toponyms: number;
    unresolved: number;
    /** share of predicted ids equal to the gold id, over the gold toponyms with an id */
    exactIdAccuracy: number;
    withId: number;
    /** the same distance metrics over the gold toponyms that have a GeoNames id */
    withIdSummary: ErrorSummary;
    byKind: Record<string, ErrorSummary>;
  };
  endToEnd: {
    predicted: number;
    gold: number;
    matched: number;
    precision: number;
    recall: number;
    f1: number;
    /** distance metrics over the matched gold toponyms */
    matchedSummary: ErrorSummary;
  };
}

export interface GeoparseOptions {
  limit?: number;
  scope?: LookupOptions['scope'];
  corpusName?: string;
  gazetteerName?: string;
}

interface Located extends GoldToponym { lat: number; lon: number }
const located = (t: GoldToponym): t is Located => t.lat !== null && t.lon !== null;

function errorOf(r: Reading | null, t: Located): number {
  return r === null ? MAX_ERROR_KM : Math.min(MAX_ERROR_KM, distanceKm(r.lat, r.lon, t.lat, t.lon));
}

/** The gazetteer with lookups widened to a scope (findPlaceMentions looks names up with the default one). */
export function withScope(gaz: Gazetteer, scope: LookupOptions['scope']): Gazetteer {
  return new Proxy(gaz, {
    get(target, prop, receiver) {
      if (prop === 'lookup') return (name: string, opts: LookupOptions = {}) => target.lookup(name, { scope, ...opts });
      const v: unknown = Reflect.get(target, prop, receiver);
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}

export function evaluateGeoparse(articles: Article[], gaz: Gazetteer, opts: GeoparseOptions = {}): { report: GeoparseReport; outcomes: ResolutionOutcome[] } {
  const scope = opts.scope ?? 'world';
  const arts = opts.limit === undefined ? articles : articles.slice(0, opts.limit);
  const resolver = makeResolver(gaz, { scope });
  const scoped = withScope(gaz, scope);
  const outcomes: ResolutionOutcome[] = [];
  const e2eErrors: number[] = [];
  let predicted = 0;
  let goldCount = 0;
  let matchedPred = 0;
  let matchedGold = 0;

  for (const a of arts) {
    const gold = a.toponyms.filter(located);
    // 1. Gold spans.
    const chosen = resolveNames(gold.map((t) => t.name), resolver);
    for (const t of gold) {
      const r = chosen.get(t.name) ?? null;
      outcomes.push({ article: a.id, name: t.name, gold: { lat: t.lat, lon: t.lon, geonameid: t.geonameid, type: t.type }, predicted: r, errorKm: errorOf(r, t) });
    }
    // 2. Faultline's own recognition; its spans resolved by the same document-level choice.
    const mentions: PlaceMention[] = findPlaceMentions(a.text, scoped, { lang: 'en', countries: [] });
    const ownChoice = resolveNames(mentions.map((m) => m.text), resolver);
    predicted += mentions.length;
    goldCount += gold.length;
    const overlaps = (m: PlaceMention, t: GoldToponym): boolean => m.start < t.end && t.start < m.end;
    matchedPred += mentions.filter((m) => gold.some((t) => overlaps(m, t))).length;
    for (const t of gold) {
      const m = mentions.find((x) => overlaps(x, t));
      if (m === undefined) continue;
      matchedGold++;
      e2eErrors.push(errorOf(ownChoice.get(m.text) ?? null, t));
    }
  }

  const errors = outcomes.map((o) => o.errorKm);
  const withId = outcomes.filter((o) => o.gold.geonameid !== null);
  const byKind: Record<string, number[]> = {};
  for (const o of outcomes) (byKind[o.predicted?.kind ?? 'unresolved'] ??= []).push(o.errorKm);
  const precision = predicted === 0 ? 0 : matchedPred / predicted;
  const recall = goldCount === 0 ? 0 : matchedGold / goldCount;
  const report: GeoparseReport = {
    corpus: opts.corpusName ?? '',
    articles: arts.length,
    gazetteer: opts.gazetteerName ?? '',
    resolution: {
      toponyms: outcomes.length,
      unresolved: outcomes.filter((o) => o.predicted === null).length,
      ...summarizeErrors(errors),
      exactIdAccuracy: withId.length === 0 ? NaN : withId.filter((o) => o.predicted?.geonameid === o.gold.geonameid).length / withId.length,
      withId: withId.length,
      withIdSummary: summarizeErrors(withId.map((o) => o.errorKm)),
      byKind: Object.fromEntries(Object.entries(byKind).map(([k, v]) => [k, summarizeErrors(v)])),
    },
    endToEnd: {
      predicted,
      gold: goldCount,
      matched: matchedGold,
      precision,
      recall,
      f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall),
      matchedSummary: summarizeErrors(e2eErrors),
    },
  };
  return { report, outcomes };
}

// -------------------------------------------------------------------------------------------- printing

const pct = (x: number): string => (Number.isNaN(x) ? '-' : `${(100 * x).toFixed(1)}%`);
const km = (x: number): string => (Number.isNaN(x) ? '-' : `${Math.round(x).toLocaleString('en-US')} km`);
const f3 = (x: number): string => (Number.isNaN(x) ? '-' : x.toFixed(3));

function summaryLine(s: ErrorSummary): string {
  return `n=${s.n}  acc@161km ${pct(s.accAt161)}  mean ${km(s.meanKm)}  median ${km(s.medianKm)}  AUC ${f3(s.auc)}`;
}

export function formatReport(r: GeoparseReport): string {
  const res = r.resolution;
  const e = r.endToEnd;
  const lines = [
    `Geoparsing: ${r.corpus} (${r.articles} articles), gazetteer: ${r.gazetteer}`,
    '',
    `Resolution with gold spans (${res.toponyms} toponyms with coordinates, ${res.unresolved} not in the gazetteer = ${MAX_ERROR_KM} km)`,
    `  acc@161km        ${pct(res.accAt161)}`,
    `  mean error       ${km(res.meanKm)}`,
    `  median error     ${km(res.medianKm)}`,
    `  AUC (log error)  ${f3(res.auc)}   (0 best, 1 worst)`,
    `  exact GeoNames id ${pct(res.exactIdAccuracy)} of ${res.withId} toponyms with an id`,
    `  with an id only: ${summaryLine(res.withIdSummary)}`,
    '  by chosen reading:',
    ...Object.entries(res.byKind).sort(([a], [b]) => a.localeCompare(b)).map(([k, s]) => `    ${k.padEnd(11)} ${summaryLine(s)}`),
    '',
    `End to end (Faultline's recognition, no monitored country; overlap with gold spans)`,
    `  recognised ${e.predicted}, gold ${e.gold}, gold matched ${e.matched}`,
    `  precision ${pct(e.precision)}  recall ${pct(e.recall)}  F1 ${pct(e.f1)}`,
    `  matched: ${summaryLine(e.matchedSummary)}`,
    '',
  ];
  return lines.join('\n');
}
