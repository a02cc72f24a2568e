// A faithful TypeScript port of ../shared/tools/score_events.py: the same matching, metrics, report and
// SUMMARY line, so `faultline eval` and the Python scorer print identical figures. The structure and the
// names follow the Python file function by function, to keep the two easy to diff; Python semantics that
// JavaScript lacks (round-half-even, fsum, str(), float()) come from pycompat.ts.
import { readFileSync } from 'node:fs';
import { parse as parseCsv } from 'csv-parse/sync';
import {
  cmpCodePoints, fmean, median, padEnd, padStart, pyFixed, pyFloat, pyJsonDumps, pyRound, pySlice, pySplit,
  pyStr, pyStrip,
} from './pycompat.ts';

export type Ev = Record<string, string>;

const EVENT_TYPES: Record<string, string[]> = {
  Battles: ['Armed clash', 'Government regains territory', 'Non-state actor overtakes territory'],
  'Explosions/Remote violence': ['Chemical weapon', 'Air/drone strike', 'Suicide bomb',
    'Shelling/artillery/missile attack', 'Remote explosive/landmine/IED', 'Grenade'],
  'Violence against civilians': ['Sexual violence', 'Attack', 'Abduction/forced disappearance'],
  Protests: ['Peaceful protest', 'Protest with intervention', 'Excessive force against protesters'],
  Riots: ['Violent demonstration', 'Mob violence'],
  'Strategic developments': ['Agreement', 'Arrests', 'Change to group/activity', 'Disrupted weapons use',
    'Headquarters or base established', 'Looting/property destruction', 'Non-violent transfer of territory', 'Other'],
};
// The Python file's order (not the codebook hierarchy): it fixes the order of the per-class report.
const SUB_EVENT_TYPES = Object.values(EVENT_TYPES).flat();
const NONE = 'NONE';
const INTER_LABELS = ['state forces', 'rebel group', 'political militia', 'identity militia', 'rioters',
  'protesters', 'civilians', 'external/other forces'];
const BRUTE_FORCE_MAX = 8;
const MAX_DAYS = 2;
const MAX_KM = 100.0;
const DIST_THRESHOLDS = [10, 25, 161] as const;

// ---------------------------------------------------------------- normalisation

export function cleanValue(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return v.map(cleanValue).filter((x) => x).join('; ');
  return pyStrip(pyStr(v));
}

function stripAccents(s: string): string {
  return s.normalize('NFKD').replace(/\p{Mn}|\p{Me}/gu, '');
}

export function normText(s: unknown): string {
  return pySplit(stripAccents(cleanValue(s)).toLowerCase()).join(' ');
}

export function normActor(name: string): string {
  return pyStrip(normText(name).replace(/[\s\x1c-\x1f\x85]*\(\d{4}[\s\x1c-\x1f\x85]*-[\s\x1c-\x1f\x85]*(\d{4})?\)[\s\x1c-\x1f\x85]*$/u, ''));
}

export function actorMatch(a0: string, b0: string): boolean {
  const a = normActor(a0);
  const b = normActor(b0);
  if (a === b) return true;
  if (!a || !b) return false;
  return a === pyStrip(beforeColon(b)) || b === pyStrip(beforeColon(a));
}

function beforeColon(s: string): string {
  const i = s.indexOf(':');
  return i === -1 ? s : s.slice(0, i);
}

function normPlace(s: string): string {
  const t = stripAccents(cleanValue(s)).toLowerCase().replace(/['\u2019`]/g, '');
  return pySplit(t.replace(/[^a-z0-9]+/g, ' ')).join(' ');
}

export function placeMatch(a0: string, b0: string): boolean {
  const a = normPlace(a0);
  const b = normPlace(b0);
  if (a === b) return true;
  if (!a || !b) return false;
  return ` ${b} `.includes(` ${a} `) || ` ${a} `.includes(` ${b} `);
}

const LABELS = new Map<string, string>([...Object.keys(EVENT_TYPES), ...SUB_EVENT_TYPES].map((x) => [normText(x), x]));

function label(ev: Ev, field: string): string {
  const raw = normText(ev[field] ?? '');
  return raw ? (LABELS.get(raw) ?? raw) : NONE;
}

function toFloat(s: unknown): number | null {
  const x = pyFloat(pyStr(s ?? ''));
  return x !== null && Number.isFinite(x) ? x : null;
}

function toInt(s: unknown): number | null {
  const x = toFloat(s);
  return x === null ? null : pyRound(x);
}

/** date.fromisoformat(str(s).strip()[:10]) of Python 3.11, as a day number (null when invalid). */
function toDate(s: unknown): number | null {
  const t = pySlice(pyStrip(pyStr(s ?? '')), 10);
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  if (m) return dayNumber(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{4})-W(\d{2})(?:-(\d))?$/.exec(t) ?? /^(\d{4})W(\d{2})(\d)?$/.exec(t);
  if (m) return isoWeekDay(Number(m[1]), Number(m[2]), m[3] === undefined ? 1 : Number(m[3]));
  return null;
}

function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe;
}

function dayNumber(y: number, m: number, d: number): number | null {
  if (y < 1 || m < 1 || m > 12 || d < 1) return null;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const dim = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1] as number;
  return d > dim ? null : daysFromCivil(y, m, d);
}

function isoWeekDay(y: number, week: number, day: number): number | null {
  if (y < 1 || day < 1 || day > 7 || week < 1) return null;
  const jan4 = daysFromCivil(y, 1, 4);
  const jan4Weekday = (((jan4 + 3) % 7) + 7) % 7; // 0 = Monday (day 0 is a Thursday)
  const week1Monday = jan4 - jan4Weekday;
  if (week > 52) {
    // Week 53 exists only in long years (Jan 1 a Thursday, or a leap year starting on Wednesday).
    const jan1 = daysFromCivil(y, 1, 1);
    const wd = (((jan1 + 3) % 7) + 7) % 7;
    const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
    if (!(week === 53 && (wd === 3 || (wd === 2 && leap)))) return null;
  }
  return week1Monday + (week - 1) * 7 + (day - 1);
}

/** ACLED interaction code 1-8 from a number or a text label; 0 = no actor; null = unreadable. */
function interCode(s: string): number | null {
  const text = normText(s);
  if (!text) return 0;
  const n = toInt(text);
  if (n !== null) return n;
  for (let code = 1; code <= INTER_LABELS.length; code++) {
    const lab = INTER_LABELS[code - 1] as string;
    if (text === lab || text.replace(/s+$/, '') === lab.replace(/s+$/, '')) return code;
  }
  return text.includes('external') || text.includes('other') ? 8 : null;
}

function coords(ev: Ev): [number, number] | null {
  const lat = toFloat(ev.latitude);
  const lon = toFloat(ev.longitude);
  if (lat === null || lon === null || Math.abs(lat) > 90 || Math.abs(lon) > 180) return null;
  return [lat, lon];
}

const DEG_TO_RAD = Math.PI / 180.0;

function haversineKm(a: [number, number], b: [number, number]): number {
  const [lat1, lon1, lat2, lon2] = [a[0] * DEG_TO_RAD, a[1] * DEG_TO_RAD, b[0] * DEG_TO_RAD, b[1] * DEG_TO_RAD];
  const s1 = Math.sin((lat2 - lat1) / 2);
  const s2 = Math.sin((lon2 - lon1) / 2);
  const h = s1 * s1 + Math.cos(lat1) * Math.cos(lat2) * (s2 * s2);
  return 2 * 6371.0088 * Math.asin(Math.sqrt(h));
}

function distanceKm(g: Ev, p: Ev): number | null {
  const cg = coords(g);
  const cp = coords(p);
  return cg && cp ? haversineKm(cg, cp) : null;
}

function actorNames(ev: Ev, fields: readonly string[] = ['actor1', 'actor2', 'assoc_actor_1', 'assoc_actor_2']): string[] {
  return fields.flatMap((f) => (ev[f] ?? '').split(';').map(pyStrip).filter((n) => n));
}

// ---------------------------------------------------------------- loading

export function cleanEvent(row: Record<string, unknown>): Ev {
  const ev: Ev = {};
  for (const [k, v] of Object.entries(row)) ev[pyStrip(k)] = cleanValue(v);
  if (!ev.doc_id) throw new Error(`event without doc_id: ${JSON.stringify(row)}`);
  return ev;
}

/** csv.DictReader over a UTF-8 file (BOM allowed): short rows fill with "", extra cells are dropped. */
export function loadGold(path: string): Ev[] {
  const rows = parseCsv(readFileSync(path, 'utf8'), {
    bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true,
  }) as string[][];
  const [header, ...body] = rows;
  if (!header) return [];
  return body.map((cells) => {
    const row: Record<string, string> = {};
    header.forEach((k, i) => (row[k] = cells[i] ?? ''));
    return cleanEvent(row);
  });
}

export class ScoreInputError extends Error {}

export function loadJsonl(path: string): unknown[] {
  const rows: unknown[] = [];
  readFileSync(path, 'utf8').replace(/(\r\n|\r|\n)$/, '').split(/\r\n|\r|\n/).forEach((line, i) => {
    if (!pyStrip(line)) return;
    try {
      rows.push(JSON.parse(line));
    } catch (err) {
      throw new ScoreInputError(`${path}:${i + 1}: invalid JSON (${err instanceof Error ? err.message : String(err)})`);
    }
  });
  return rows;
}

// ---------------------------------------------------------------- matching

function matchable(g: Ev, p: Ev): boolean {
  const dg = toDate(g.event_date);
  const dp = toDate(p.event_date);
  if (dg !== null && dp !== null && Math.abs(dg - dp) > MAX_DAYS) return false;
  const dist = distanceKm(g, p);
  if (dist !== null) return dist <= MAX_KM;
  return placeMatch(g.admin1 ?? '', p.admin1 ?? '');
}

function pairScore(g: Ev, p: Ev): number {
  let score = 3 * Number(label(g, 'sub_event_type') === label(p, 'sub_event_type'));
  score += 2 * Number(label(g, 'event_type') === label(p, 'event_type'));
  const dg = toDate(g.event_date);
  score += 2 * Number(dg !== null && dg === toDate(p.event_date));
  const predActors = actorNames(p, ['actor1', 'actor2']);
  for (const a of actorNames(g, ['actor1', 'actor2'])) score += Number(predActors.some((b) => actorMatch(a, b)));
  return score - (distanceKm(g, p) || 0.0) / 100.0;
}

type Pair = [number, number];
const cmpPair = (a: Pair, b: Pair): number => a[0] - b[0] || a[1] - b[1];

/** itertools.permutations(range(n), k), in its (lexicographic) order. */
function* permutations(n: number, k: number): Generator<number[]> {
  const used = new Array<boolean>(n).fill(false);
  const cur: number[] = [];
  function* rec(): Generator<number[]> {
    if (cur.length === k) {
      yield [...cur];
      return;
    }
    for (let i = 0; i < n; i++) {
      if (used[i]) continue;
      used[i] = true;
      cur.push(i);
      yield* rec();
      cur.pop();
      used[i] = false;
    }
  }
  yield* rec();
}

function matchDoc(golds: Ev[], preds: Ev[]): Pair[] {
  const scores = new Map<string, number>();
  golds.forEach((g, i) => preds.forEach((p, j) => {
    if (matchable(g, p)) scores.set(`${i},${j}`, pairScore(g, p));
  }));
  if (scores.size === 0) return [];
  if (Math.max(golds.length, preds.length) > BRUTE_FORCE_MAX) return greedyMatch(scores);
  const flip = golds.length > preds.length;
  const [small, large] = [golds.length, preds.length].sort((a, b) => a - b) as [number, number];
  let best: Pair[] = [];
  let bestKey: [number, number] = [0, 0.0];
  for (const perm of permutations(large, small)) {
    const pairs = perm
      .map((j, i): Pair => (flip ? [j, i] : [i, j]))
      .filter((pr) => scores.has(`${pr[0]},${pr[1]}`));
    let total = 0;
    for (const pr of pairs) total += scores.get(`${pr[0]},${pr[1]}`) as number;
    if (pairs.length > bestKey[0] || (pairs.length === bestKey[0] && total > bestKey[1])) {
      best = pairs;
      bestKey = [pairs.length, total];
    }
  }
  return [...best].sort(cmpPair);
}

function greedyMatch(scores: Map<string, number>): Pair[] {
  const entries = [...scores.entries()].map(([k, s]) => [k.split(',').map(Number) as Pair, s] as const);
  entries.sort((a, b) => b[1] - a[1] || cmpPair(a[0], b[0]));
  const usedG = new Set<number>();
  const usedP = new Set<number>();
  const pairs: Pair[] = [];
  for (const [[i, j]] of entries) {
    if (!usedG.has(i) && !usedP.has(j)) {
      usedG.add(i);
      usedP.add(j);
      pairs.push([i, j]);
    }
  }
  return pairs.sort(cmpPair);
}

export type ScoreRecord = [doc: string, gold: Ev | null, pred: Ev | null];

export function buildRecords(gold: Ev[], preds: Ev[], docIds: Iterable<string>): ScoreRecord[] {
  const byDoc = new Map<string, [Ev[], Ev[]]>();
  const slot = (doc: string): [Ev[], Ev[]] => {
    let s = byDoc.get(doc);
    if (!s) byDoc.set(doc, (s = [[], []]));
    return s;
  };
  for (const g of gold) slot(g.doc_id as string)[0].push(g);
  for (const p of preds) slot(p.doc_id as string)[1].push(p);
  const records: ScoreRecord[] = [];
  for (const doc of [...docIds].sort(cmpCodePoints)) {
    const [gs, ps] = slot(doc);
    const pairs = matchDoc(gs, ps);
    const matchedG = new Set(pairs.map(([i]) => i));
    const matchedP = new Set(pairs.map(([, j]) => j));
    for (const [i, j] of pairs) records.push([doc, gs[i] as Ev, ps[j] as Ev]);
    gs.forEach((g, i) => { if (!matchedG.has(i)) records.push([doc, g, null]); });
    ps.forEach((p, j) => { if (!matchedP.has(j)) records.push([doc, null, p]); });
  }
  return records;
}

// ---------------------------------------------------------------- metrics

export interface Acc { correct: number; n: number; acc: number | null }
export interface Prf { precision: number; recall: number; f1: number }

function ratio(num: number, den: number): number | null {
  return den ? num / den : null;
}

function acc(flags: Iterable<boolean>): Acc {
  const list = [...flags];
  const correct = list.filter(Boolean).length;
  return { correct, n: list.length, acc: ratio(correct, list.length) };
}

function prf(tp: number, nPred: number, nGold: number): Prf {
  const p = nPred ? tp / nPred : 0.0;
  const r = nGold ? tp / nGold : 0.0;
  return { precision: p, recall: r, f1: p + r ? (2 * p * r) / (p + r) : 0.0 };
}

function actorEval(g: Ev, p: Ev): Record<string, boolean> {
  const goldA = [g.actor1 ?? '', g.actor2 ?? ''] as const;
  const predA = [p.actor1 ?? '', p.actor2 ?? ''] as const;
  let predI = [interCode(p.inter1 ?? ''), interCode(p.inter2 ?? '')];
  let ok = [actorMatch(goldA[0], predA[0]), actorMatch(goldA[1], predA[1])];
  const swapped = [actorMatch(goldA[0], predA[1]), actorMatch(goldA[1], predA[0])];
  const sum = (xs: boolean[]): number => xs.filter(Boolean).length;
  if (label(g, 'event_type') !== 'Violence against civilians' && sum(swapped) > sum(ok)) {
    ok = swapped;
    predI = [predI[1] ?? null, predI[0] ?? null];
  }
  const predNames = actorNames(p);
  return {
    actor1: ok[0] as boolean, actor2: ok[1] as boolean, both_actors: (ok[0] && ok[1]) as boolean,
    actor_set: actorNames(g).every((a) => predNames.some((b) => actorMatch(a, b))),
    inter1: interCode(g.inter1 ?? '') === predI[0],
    inter2: interCode(g.inter2 ?? '') === predI[1],
  };
}

type EvPair = [Ev, Ev];

function sameInt(pairs: EvPair[], field: string): Acc {
  return acc(pairs.filter(([g]) => toInt(g[field]) !== null).map(([g, p]) => toInt(g[field]) === toInt(p[field])));
}

function fatalityMetrics(pairs: EvPair[]): { exact: Acc; within_20pct_or_2: Acc; mae: number | null } {
  const vals = pairs
    .filter(([g]) => toInt(g.fatalities) !== null)
    .map(([g, p]) => [toInt(g.fatalities) as number, toInt(p.fatalities) || 0] as const);
  return {
    exact: acc(vals.map(([gv, pv]) => gv === pv)),
    within_20pct_or_2: acc(vals.map(([gv, pv]) => Math.abs(pv - gv) <= Math.max(2, 0.2 * gv))),
    mae: vals.length ? fmean(vals.map(([gv, pv]) => Math.abs(pv - gv))) : null,
  };
}

interface ClassPrf extends Prf { support: number; predicted: number }

function subtypeF1(records: ScoreRecord[]): { micro: Prf; macro_f1: number | null; per_class: Map<string, ClassPrf> } {
  const tp = new Map<string, number>();
  const fp = new Map<string, number>();
  const fn = new Map<string, number>();
  const inc = (m: Map<string, number>, k: string): void => void m.set(k, (m.get(k) ?? 0) + 1);
  for (const [, g, p] of records) {
    const gl = g ? label(g, 'sub_event_type') : NONE;
    const pl = p ? label(p, 'sub_event_type') : NONE;
    if (gl === pl) inc(tp, gl);
    else {
      inc(fp, pl);
      inc(fn, gl);
    }
  }
  const all = new Set([...tp.keys(), ...fp.keys(), ...fn.keys()]);
  const seen = [...all].filter((c) => c !== NONE && !SUB_EVENT_TYPES.includes(c));
  const get = (m: Map<string, number>, k: string): number => m.get(k) ?? 0;
  const perClass = new Map<string, ClassPrf>();
  for (const c of [...SUB_EVENT_TYPES, ...seen.sort(cmpCodePoints)]) {
    perClass.set(c, {
      ...prf(get(tp, c), get(tp, c) + get(fp, c), get(tp, c) + get(fn, c)),
      support: get(tp, c) + get(fn, c), predicted: get(tp, c) + get(fp, c),
    });
  }
  const present = [...perClass.entries()].filter(([, m]) => m.support || m.predicted);
  let tpSum = 0, predSum = 0, supSum = 0;
  for (const [c, m] of perClass) {
    tpSum += get(tp, c);
    predSum += m.predicted;
    supSum += m.support;
  }
  const micro = prf(tpSum, predSum, supSum);
  const macro = present.length ? fmean(present.map(([, m]) => m.f1)) : null;
  return { micro, macro_f1: macro, per_class: perClass };
}

export interface Metrics {
  detection: { n_gold: number; n_pred: number; matched: number } & Prf;
  docs: {
    gold_docs: number; gold_docs_with_pred: number; doc_recall: number | null; fp_docs: number;
    total?: number; no_gold_docs?: number; pred_outside_docs?: number;
  };
  accuracy: Record<string, Acc>;
  distance_km: Record<string, Acc | number | null>;
  fatalities: Record<'all' | 'gold_positive', ReturnType<typeof fatalityMetrics>>;
  sub_event_type_f1: ReturnType<typeof subtypeF1>;
}

export function computeMetrics(records: ScoreRecord[], docsWithGold: Set<string>): Metrics {
  const pairs = records.filter(([, g, p]) => g && p).map(([, g, p]) => [g, p] as EvPair);
  const nGold = records.filter(([, g]) => g).length;
  const nPred = records.filter(([, , p]) => p).length;
  const goldDocs = new Set(records.filter(([, g]) => g).map(([d]) => d));
  const predDocs = new Set(records.filter(([, , p]) => p).map(([d]) => d));
  const both = [...goldDocs].filter((d) => predDocs.has(d)).length;
  const m: Metrics = {
    detection: { n_gold: nGold, n_pred: nPred, matched: pairs.length, ...prf(pairs.length, nPred, nGold) },
    docs: {
      gold_docs: goldDocs.size, gold_docs_with_pred: both, doc_recall: ratio(both, goldDocs.size),
      fp_docs: [...predDocs].filter((d) => !docsWithGold.has(d)).length,
    },
    accuracy: {},
    distance_km: {},
    fatalities: {} as Metrics['fatalities'],
    sub_event_type_f1: subtypeF1(records),
  };
  const a: Record<string, Acc> = {};
  for (const field of ['event_type', 'sub_event_type']) {
    a[field] = acc(pairs.filter(([g]) => label(g, field) !== NONE).map(([g, p]) => label(g, field) === label(p, field)));
  }
  a.date = acc(pairs.filter(([g]) => toDate(g.event_date) !== null).map(([g, p]) => toDate(g.event_date) === toDate(p.event_date)));
  a.time_precision = sameInt(pairs, 'time_precision');
  const actors = pairs.map(([g, p]) => actorEval(g, p));
  for (const key of ['actor1', 'actor2', 'both_actors', 'actor_set', 'inter1', 'inter2']) {
    a[key] = acc(actors.map((r) => r[key] as boolean));
  }
  for (const field of ['admin1', 'admin2', 'location']) {
    a[field] = acc(pairs.filter(([g]) => g[field]).map(([g, p]) => placeMatch(g[field] as string, p[field] ?? '')));
  }
  a.geo_precision = sameInt(pairs, 'geo_precision');
  m.accuracy = a;
  const dists = pairs.filter(([g]) => coords(g)).map(([g, p]) => distanceKm(g, p));
  const known = dists.filter((d): d is number => d !== null);
  const dk: Record<string, Acc | number | null> = {};
  for (const t of DIST_THRESHOLDS) dk[`acc@${t}km`] = acc(dists.map((d) => d !== null && d <= t));
  dk.n_with_coords = known.length;
  dk.median = known.length ? median(known) : null;
  dk.mean = known.length ? fmean(known) : null;
  m.distance_km = dk;
  m.fatalities = {
    all: fatalityMetrics(pairs),
    gold_positive: fatalityMetrics(pairs.filter(([g]) => (toInt(g.fatalities) || 0) > 0)),
  };
  // Python builds sub_event_type_f1 last; move it to the end so --json keeps its key order.
  const { sub_event_type_f1: sf } = m;
  delete (m as Partial<Metrics>).sub_event_type_f1;
  m.sub_event_type_f1 = sf;
  return m;
}

export function headline(m: Metrics): Map<string, number | null> {
  const a = m.accuracy;
  return new Map([
    ['f1', m.detection.f1], ['subtype_acc', a.sub_event_type?.acc ?? null], ['actors', a.both_actors?.acc ?? null],
    ['admin1', a.admin1?.acc ?? null], ['acc25', (m.distance_km['acc@25km'] as Acc).acc],
    ['fat_exact', m.fatalities.all.exact.acc], ['date', a.date?.acc ?? null],
  ]);
}

export function summaryLine(m: Metrics): string {
  return 'SUMMARY ' + [...headline(m)].map(([k, v]) => `${k}=${fmt(v)}`).join(' ');
}

// ---------------------------------------------------------------- output

export function fmt(x: number | null | undefined): string {
  return x === null || x === undefined ? 'n/a' : pyFixed(x, 3);
}

export function formatReport(m: Metrics, by: Map<string, Map<string, Metrics>> = new Map()): string {
  const out: string[] = [];
  const w = (s: string): void => void out.push(s);
  const d = m.detection;
  const docs = m.docs;
  w('== Detection ==');
  w(`events  gold=${d.n_gold} pred=${d.n_pred} matched=${d.matched}  ` +
    `P=${fmt(d.precision)} R=${fmt(d.recall)} F1=${fmt(d.f1)}`);
  w(`docs    gold_docs=${docs.gold_docs} with_pred=${docs.gold_docs_with_pred} ` +
    `doc_recall=${fmt(docs.doc_recall)}  fp_docs=${docs.fp_docs}` +
    (docs.no_gold_docs !== undefined ? ` (of ${docs.no_gold_docs} docs without gold)` : ''));
  if (docs.pred_outside_docs) w(`WARNING ${docs.pred_outside_docs} predictions for docs not in --docs were ignored`);
  w('\n== Matched pairs: accuracy (correct/n) ==');
  for (const [key, r] of Object.entries(m.accuracy)) w(`${padEnd(key, 16)}${padStart(fmt(r.acc), 7)}  ${r.correct}/${r.n}`);
  const dk = m.distance_km;
  w(`\n== Distance (km, ${dk.n_with_coords as number} pairs with both coordinates) ==`);
  w(DIST_THRESHOLDS.map((t) => `acc@${t}km=${fmt((dk[`acc@${t}km`] as Acc).acc)}`).join('  ') +
    `  median=${fmt(dk.median as number | null)} mean=${fmt(dk.mean as number | null)}`);
  w('\n== Fatalities ==');
  for (const [key, f] of Object.entries(m.fatalities)) {
    w(`${padEnd(key, 14)}exact=${fmt(f.exact.acc)} within20%/2=${fmt(f.within_20pct_or_2.acc)} MAE=${fmt(f.mae)} n=${f.exact.n}`);
  }
  const s = m.sub_event_type_f1;
  w('\n== sub_event_type over all events (misses labelled NONE) ==');
  w(`micro P=${fmt(s.micro.precision)} R=${fmt(s.micro.recall)} F1=${fmt(s.micro.f1)}  macro-F1=${fmt(s.macro_f1)}`);
  w(`${padEnd('class', 36)}${padStart('P', 7)}${padStart('R', 7)}${padStart('F1', 7)}${padStart('gold', 6)}${padStart('pred', 6)}`);
  for (const [c, r] of s.per_class) {
    const cells = r.support || r.predicted ? [fmt(r.precision), fmt(r.recall), fmt(r.f1)] : ['-', '-', '-'];
    w(padEnd(pySlice(c, 35), 36) + cells.map((x) => padStart(x, 7)).join('') +
      padStart(String(r.support), 6) + padStart(String(r.predicted), 6));
  }
  const keys = [...headline(m).keys()];
  for (const [field, groups] of by) {
    w(`\n== By ${field} ==`);
    w(`${padEnd('value', 28)}${padStart('gold', 6)}${padStart('pred', 6)}${padStart('P', 7)}${padStart('R', 7)}` +
      keys.map((k) => padStart(k, k.length + 2)).join(''));
    for (const [value, g] of groups) {
      const gd = g.detection;
      w(padEnd(pySlice(value, 27), 28) + padStart(String(gd.n_gold), 6) + padStart(String(gd.n_pred), 6) +
        padStart(fmt(gd.precision), 7) + padStart(fmt(gd.recall), 7) +
        [...headline(g)].map(([k, v]) => padStart(fmt(v), k.length + 2)).join(''));
    }
  }
  w('\n' + summaryLine(m));
  return out.join('\n') + '\n';
}

function groupValue(field: string, docMeta: Map<string, Record<string, unknown>>): (r: ScoreRecord) => string {
  return ([doc, g, p]) => {
    const ev = (g ?? p) as Ev;
    if (field === 'event_type' || field === 'sub_event_type') return label(ev, field);
    return ev[field] || cleanValue(docMeta.get(doc)?.[field]) || '(none)';
  };
}

const FLOAT_KEYS = new Set(['precision', 'recall', 'f1', 'acc', 'doc_recall', 'median', 'mean', 'mae', 'macro_f1']);

export interface ScoreInput {
  gold: Ev[];
  /** Predicted events as loaded (objects); non-objects are ignored, as the Python scorer does. */
  preds: unknown[];
  /** Parsed lines of the docs JSONL, when given. */
  docs?: unknown[];
  by?: string[];
  json?: boolean;
}

/** The scorer's main(): returns what it prints. */
export function score(input: ScoreInput): { text: string; metrics: Metrics } {
  const gold = input.gold;
  let preds = input.preds
    .filter((r): r is Record<string, unknown> => typeof r === 'object' && r !== null && !Array.isArray(r))
    .map(cleanEvent);
  const docMeta = new Map<string, Record<string, unknown>>();
  for (const r of input.docs ?? []) {
    if (typeof r !== 'object' || r === null || Array.isArray(r)) continue;
    const obj = r as Record<string, unknown>;
    const docId = cleanValue('id' in obj ? obj.id : obj.doc_id);
    if (docId) docMeta.set(docId, obj);
  }
  const docsWithGold = new Set(gold.map((g) => g.doc_id as string));
  const universe = new Set([...docsWithGold, ...(input.docs ? docMeta.keys() : preds.map((p) => p.doc_id as string))]);
  const outside = preds.filter((p) => !universe.has(p.doc_id as string));
  preds = preds.filter((p) => universe.has(p.doc_id as string));

  const records = buildRecords(gold, preds, universe);
  const metrics = computeMetrics(records, docsWithGold);
  Object.assign(metrics.docs, {
    total: universe.size,
    no_gold_docs: [...universe].filter((d) => !docsWithGold.has(d)).length,
    pred_outside_docs: outside.length,
  });
  const by = new Map<string, Map<string, Metrics>>();
  for (const field of input.by ?? []) {
    const key = groupValue(field, docMeta);
    const groups = new Map<string, ScoreRecord[]>();
    for (const rec of records) {
      const k = key(rec);
      const list = groups.get(k);
      if (list) list.push(rec);
      else groups.set(k, [rec]);
    }
    const sorted = [...groups.keys()].sort(cmpCodePoints);
    by.set(field, new Map(sorted.map((v) => [v, computeMetrics(groups.get(v) as ScoreRecord[], docsWithGold)])));
  }
  if (input.json) {
    const out: Record<string, unknown> = { ...metrics, summary: summaryLine(metrics) };
    if (by.size) out.by = by;
    return { text: pyJsonDumps(out, FLOAT_KEYS) + '\n', metrics };
  }
  return { text: formatReport(metrics, by), metrics };
}
