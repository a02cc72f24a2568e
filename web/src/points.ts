// The columns of GET /events/points and what the views compute from them: the events of a date range, the
// weekly counts for the timeline, the events inside the map's bounds. Plain loops over arrays: 100,000
// events take a few milliseconds, so dates are filtered here and the timeline keeps the whole range.
import type { PointColumns } from '../../src/server/points-binary.ts';
import { paletteIndex, PALETTE } from './colors.ts';

/** The columns of GET /events/points: decoded from the binary answer (typed arrays, NaN for no coordinates) or as JSON. */
export type Points = PointColumns;

/** An event with coordinates: lon and lat are numbers (not null, not NaN). */
export function hasCoords(lon: number | null | undefined, lat: number | null | undefined): boolean {
  return typeof lon === 'number' && typeof lat === 'number' && lon === lon && lat === lat; // x === x: not NaN
}

const DAY_MS = 86_400_000;

export function dayOf(iso: string): number {
  return Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
}

export function isoOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The Monday starting the ISO week of a day (day 0, 1970-01-01, was a Thursday). */
export function mondayOf(day: number): number {
  return day - ((((day + 3) % 7) + 7) % 7);
}

/** The palette index of each entry of the response's type dictionary. */
export function paletteOfTypes(points: Points): number[] {
  return points.types.map(paletteIndex);
}

/** Indices of the events dated within [from, to] (ISO dates, either open). */
export function selectByDate(points: Points, from: string | undefined, to: string | undefined): Uint32Array {
  const lo = from === undefined ? -Infinity : dayOf(from);
  const hi = to === undefined ? Infinity : dayOf(to);
  const out = new Uint32Array(points.count);
  let n = 0;
  for (let i = 0; i < points.count; i++) {
    const d = points.day[i]!;
    if (d >= lo && d <= hi) out[n++] = i;
  }
  return out.subarray(0, n);
}

export function allIndices(points: Points): Uint32Array {
  const out = new Uint32Array(points.count);
  for (let i = 0; i < points.count; i++) out[i] = i;
  return out;
}

export interface Weekly {
  /** the Monday of the first week */
  start: number;
  weeks: number;
  /** counts[paletteIndex][week] */
  counts: Uint32Array[];
  fatalities: Float64Array;
}

/** Events per week and palette type, and fatalities per week, from the first to the last week with events. */
export function weekly(points: Points, indices: Uint32Array): Weekly {
  const palette = paletteOfTypes(points);
  let min = Infinity;
  let max = -Infinity;
  for (const i of indices) {
    const d = points.day[i]!;
    if (d < min) min = d;
    if (d > max) max = d;
  }
  if (min === Infinity) return { start: 0, weeks: 0, counts: PALETTE.map(() => new Uint32Array(0)), fatalities: new Float64Array(0) };
  const start = mondayOf(min);
  const weeks = Math.floor((mondayOf(max) - start) / 7) + 1;
  const counts = PALETTE.map(() => new Uint32Array(weeks));
  const fatalities = new Float64Array(weeks);
  for (const i of indices) {
    const w = Math.floor((points.day[i]! - start) / 7);
    counts[palette[points.type[i]!]!]![w]! += 1;
    fatalities[w]! += points.fatalities[i]!;
  }
  return { start, weeks, counts, fatalities };
}

export type Bounds = [west: number, south: number, east: number, north: number];

/** The box around the located events, or null when none has coordinates. */
export function extent(points: Points, indices: Uint32Array): Bounds | null {
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  for (const i of indices) {
    const lon = points.lon[i];
    const lat = points.lat[i];
    if (!hasCoords(lon, lat)) continue;
    if (lon! < w) w = lon!;
    if (lon! > e) e = lon!;
    if (lat! < s) s = lat!;
    if (lat! > n) n = lat!;
  }
  return w === Infinity ? null : [w, s, e, n];
}

/**
 * The events to list for a map view: those inside the bounds (the map may show the world several times
 * over, so longitudes are compared modulo 360), then those without coordinates, which no view excludes.
 */
export function inView(points: Points, indices: Uint32Array, b: Bounds): { located: Uint32Array; unlocated: Uint32Array } {
  const located = new Uint32Array(indices.length);
  const unlocated = new Uint32Array(indices.length);
  let nl = 0;
  let nu = 0;
  const wholeWorld = b[2] - b[0] >= 360;
  for (const i of indices) {
    const lon = points.lon[i]!;
    const lat = points.lat[i]!;
    if (!hasCoords(lon, lat)) {
      unlocated[nu++] = i;
      continue;
    }
    if (lat < b[1] || lat > b[3]) continue;
    if (!wholeWorld) {
      const shifted = ((((lon - b[0]) % 360) + 360) % 360) + b[0];
      if (shifted > b[2]) continue;
    }
    located[nl++] = i;
  }
  return { located: located.subarray(0, nl), unlocated: unlocated.subarray(0, nu) };
}

export function totalFatalities(points: Points, indices: Uint32Array): number {
  let sum = 0;
  for (const i of indices) sum += points.fatalities[i]!;
  return sum;
}
