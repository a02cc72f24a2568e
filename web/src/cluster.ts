// The map's clusters, computed here from the points columns instead of by MapLibre's GeoJSON clustering.
// MapLibre's way (every event a GeoJSON feature, copied into its worker, indexed at every zoom level) took
// 2.5 to 4 s of the first map on 100,000 events on a busy 2-core machine; this takes tens of milliseconds per
// zoom level, and MapLibre only draws the result: a few hundred features. The algorithm is supercluster's for one zoom
// level (the events in row order, newest first, each not yet taken gathers the others within the radius;
// a cluster sits at the mean of its events), in Web Mercator units, over a grid of radius-sized cells.
// Levels are computed when the map needs them (not all of them up front), and only around the view (the
// view and one view's width and height all round): enough to pan without waiting, however dense the data.
import type { Feature, FeatureCollection, Point } from 'geojson';
import { VIOLENT_INDICES } from './colors.ts';
import { hasCoords, paletteOfTypes, type Points } from './points.ts';

/** Pixels (at MapLibre's 512-pixel tiles) within which events merge, as the map's clusterRadius was. */
export const CLUSTER_RADIUS = 42;
/** The last zoom level with clusters: from the next one on, every event is its own dot. */
export const CLUSTER_MAX_ZOOM = 9;
const TILE = 512;

/** A single event's properties: its row in the points columns, its palette type, its fatalities. */
export interface EventProps { i: number; t: number; f: number }
/** A cluster's: how many events, their fatalities, how many of them are political violence. */
export interface ClusterProps { cluster: true; cluster_id: number; point_count: number; f: number; v: number }

/** West, south, east, north in Web Mercator units (0..1, north at 0 so south > north here: y grows southward). */
export type WorldBox = [x0: number, y0: number, x1: number, y1: number];

const mercX = (lon: number): number => lon / 360 + 0.5;
function mercY(lat: number): number {
  const s = Math.sin((lat * Math.PI) / 180);
  const y = 0.5 - (0.25 * Math.log((1 + s) / (1 - s))) / Math.PI;
  return y < 0 ? 0 : y > 1 ? 1 : y;
}
const lonOf = (x: number): number => (x - 0.5) * 360;
const latOf = (y: number): number => (360 / Math.PI) * Math.atan(Math.exp((180 - y * 360) * (Math.PI / 180))) - 90;

/** The clusters of one zoom level around one area. */
export interface Level {
  zoom: number;
  /** the area computed (null: the whole world) */
  area: WorldBox | null;
  data: FeatureCollection<Point, EventProps | ClusterProps>;
  /** for each located event, the group (cluster or single) it went to; negative outside the area */
  owner: Int32Array;
  /** cluster_id of the level's first group: ids are unique across levels, so a stale one is recognised */
  firstId: number;
}

let nextId = 0;

export class EventClusters {
  /** located events */
  readonly n: number;
  private readonly x: Float64Array;
  private readonly y: Float64Array;
  private readonly row: Uint32Array;
  private readonly t: Uint8Array;
  private readonly f: Float64Array;
  private readonly violent: Uint8Array;

  /** The located events among `indices` (rows of `points`), in their order. */
  constructor(private readonly points: Points, indices: Uint32Array) {
    const palette = paletteOfTypes(points);
    const violentType = new Uint8Array(palette.length);
    palette.forEach((t, i) => { violentType[i] = VIOLENT_INDICES.includes(t) ? 1 : 0; });
    const { lon, lat, type, fatalities } = points;
    const m = indices.length;
    const row = new Uint32Array(m);
    const x = new Float64Array(m);
    const y = new Float64Array(m);
    const t = new Uint8Array(m);
    const f = new Float64Array(m);
    const violent = new Uint8Array(m);
    let n = 0;
    for (let j = 0; j < m; j++) {
      const i = indices[j]!;
      const lo = lon[i];
      const la = lat[i];
      if (!hasCoords(lo, la)) continue;
      row[n] = i;
      x[n] = mercX(lo!);
      y[n] = mercY(la!);
      const ti = type[i]!;
      t[n] = palette[ti]!;
      violent[n] = violentType[ti]!;
      f[n] = fatalities[i]!;
      n++;
    }
    this.n = n;
    this.row = row.subarray(0, n);
    this.x = x.subarray(0, n);
    this.y = y.subarray(0, n);
    this.t = t.subarray(0, n);
    this.f = f.subarray(0, n);
    this.violent = violent.subarray(0, n);
  }

  /**
   * The clusters and single events of a zoom level (an integer; above CLUSTER_MAX_ZOOM, single events only)
   * around an area (null: everywhere).
   */
  level(zoom: number, area: WorldBox | null): Level {
    const { n, x, y, f, violent } = this;
    const inArea = areaTest(area);
    const features: Feature<Point, EventProps | ClusterProps>[] = [];
    const owner = new Int32Array(n).fill(-1);
    const firstId = nextId;
    if (zoom > CLUSTER_MAX_ZOOM) {
      for (let k = 0; k < n; k++) {
        if (!inArea(x[k]!, y[k]!)) continue;
        owner[k] = features.length;
        features.push(this.single(k));
      }
      nextId += features.length;
      return { zoom, area, data: { type: 'FeatureCollection', features }, owner, firstId };
    }
    const r = CLUSTER_RADIUS / (TILE * 2 ** zoom);
    const r2 = r * r;
    // Cells of the radius's size, as linked lists (head of a cell, next event of the same cell): the events
    // within the radius of one are in its cell and the eight around it. Keys of the cells past the edges may
    // alias others; the distance test below sorts that out.
    const side = Math.ceil(1 / r) + 1;
    const cells = new CellTable(n);
    const next = new Int32Array(n);
    const cx = new Int32Array(n);
    const cy = new Int32Array(n);
    for (let k = n - 1; k >= 0; k--) {
      if (!inArea(x[k]!, y[k]!)) {
        owner[k] = -2;
        continue;
      }
      cx[k] = Math.floor(x[k]! / r);
      cy[k] = Math.floor(y[k]! / r);
      next[k] = cells.push(cx[k]! * side + cy[k]!, k);
    }
    for (let k = 0; k < n; k++) {
      if (owner[k] !== -1) continue;
      const group = features.length;
      const x0 = x[k]!;
      const y0 = y[k]!;
      let count = 0;
      let sx = 0;
      let sy = 0;
      let sf = 0;
      let sv = 0;
      for (let dx = -1; dx <= 1; dx++) {
        for (let dy = -1; dy <= 1; dy++) {
          for (let j = cells.head((cx[k]! + dx) * side + cy[k]! + dy); j >= 0; j = next[j]!) {
            if (owner[j] !== -1) continue;
            const ex = x[j]! - x0;
            const ey = y[j]! - y0;
            if (ex * ex + ey * ey > r2) continue;
            owner[j] = group;
            count++;
            sx += x[j]!;
            sy += y[j]!;
            sf += f[j]!;
            sv += violent[j]!;
          }
        }
      }
      if (count === 1) features.push(this.single(k));
      else {
        features.push({
          type: 'Feature', geometry: { type: 'Point', coordinates: [lonOf(sx / count), latOf(sy / count)] },
          properties: { cluster: true, cluster_id: firstId + group, point_count: count, f: sf, v: sv },
        });
      }
    }
    // Ids are a counter shared by all levels: a cluster_id from a level since replaced matches no group.
    nextId += features.length;
    return { zoom, area, data: { type: 'FeatureCollection', features }, owner, firstId };
  }

  private single(k: number): Feature<Point, EventProps> {
    const i = this.row[k]!;
    return { type: 'Feature', geometry: { type: 'Point', coordinates: [this.points.lon[i]!, this.points.lat[i]!] }, properties: { i, t: this.t[k]!, f: this.f[k]! } };
  }

  /**
   * The zoom level at which a cluster of this level falls apart (MapLibre's getClusterExpansionZoom): its
   * events clustered again, alone, one level deeper each time until they make more than one group. Null
   * when the cluster is not one of this level's.
   */
  expansionZoom(level: Level, clusterId: number): number | null {
    const group = clusterId - level.firstId;
    if (group < 0 || group >= level.data.features.length) return null;
    const members: number[] = [];
    for (let k = 0; k < this.n; k++) if (level.owner[k] === group) members.push(k);
    for (let z = level.zoom + 1; z <= CLUSTER_MAX_ZOOM; z++) {
      if (this.groups(members, z) > 1) return z;
    }
    return CLUSTER_MAX_ZOOM + 1;
  }

  /** How many groups these events make at a zoom level (up to 2: more is the same answer). */
  private groups(members: number[], zoom: number): number {
    const r = CLUSTER_RADIUS / (TILE * 2 ** zoom);
    const k = members[0];
    if (k === undefined) return 0;
    // The first event's group takes those within the radius: any left out make a second group.
    for (const j of members) {
      const ex = this.x[j]! - this.x[k]!;
      const ey = this.y[j]! - this.y[k]!;
      if (ex * ex + ey * ey > r * r) return 2;
    }
    return 1;
  }
}

/**
 * Cell key to the last event pushed into the cell: open addressing over typed arrays (a Map of 100,000
 * entries costs several times more, the first time above all, before the JIT has warmed to it).
 */
class CellTable {
  private readonly keys: Float64Array;
  private readonly heads: Int32Array;
  private readonly mask: number;

  constructor(entries: number) {
    let size = 16;
    while (size < entries * 2) size *= 2;
    this.mask = size - 1;
    this.keys = new Float64Array(size).fill(-Infinity);
    this.heads = new Int32Array(size);
  }

  private slot(key: number): number {
    let s = Math.imul(key | 0, 0x9e3779b1) >>> 0 & this.mask;
    while (this.keys[s] !== key && this.keys[s] !== -Infinity) s = (s + 1) & this.mask;
    return s;
  }

  /** Makes `k` the head of the key's cell; returns the previous head (-1: none). */
  push(key: number, k: number): number {
    const s = this.slot(key);
    const previous = this.keys[s] === key ? this.heads[s]! : -1;
    this.keys[s] = key;
    this.heads[s] = k;
    return previous;
  }

  head(key: number): number {
    const s = this.slot(key);
    return this.keys[s] === key ? this.heads[s]! : -1;
  }
}

/** Whether a point (Web Mercator units) is in the area; longitudes compared modulo the world's width. */
function areaTest(area: WorldBox | null): (x: number, y: number) => boolean {
  if (area === null) return () => true;
  const [x0, y0, x1, y1] = area;
  const width = x1 - x0;
  if (width >= 1) return (_x, y) => y >= y0 && y <= y1;
  return (x, y) => y >= y0 && y <= y1 && (((x - x0) % 1) + 1) % 1 <= width;
}

/** The map's view in Web Mercator units, grown by its own width and height on every side. */
export function areaAround(west: number, south: number, east: number, north: number): WorldBox {
  const x0 = mercX(west);
  const x1 = mercX(east);
  const y0 = mercY(north);
  const y1 = mercY(south);
  const w = x1 - x0;
  const h = y1 - y0;
  return [x0 - w, Math.max(0, y0 - h), x1 + w, Math.min(1, y1 + h)];
}

/** Whether the view (lon/lat bounds) lies inside an area computed before. */
export function covers(area: WorldBox | null, west: number, south: number, east: number, north: number): boolean {
  if (area === null) return true;
  const [x0, y0, x1, y1] = area;
  if (mercY(north) < y0 || mercY(south) > y1) return false;
  if (x1 - x0 >= 1) return true;
  const w = mercX(east) - mercX(west);
  const start = (((mercX(west) - x0) % 1) + 1) % 1;
  return start + w <= x1 - x0;
}
