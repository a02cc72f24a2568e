// Admin1 outlines from a file the user gives (`faultline serve --boundaries FILE`): no npm package ships
// Natural Earth's admin-1 polygons at a usable size, and nothing else can be downloaded, so the data is
// brought by whoever runs the server (Natural Earth's ne_10m_admin_1_states_provinces, geoBoundaries ADM1,
// GADM level 1...). Read once at start-up, reduced to what the map draws (the outline, the admin1 and
// country names, coordinates to ~10 m) and kept serialised, so serving it costs nothing per request.
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { Feature, FeatureCollection, GeoJsonProperties, Geometry, MultiPolygon, Polygon, Position } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';

/** Largest file read: a whole-world 1:10m admin-1 GeoJSON is ~40 MB; beyond a few hundred MB it is not for a map. */
export const MAX_BOUNDARIES_BYTES = 300 * 1024 * 1024;

export interface Admin1Boundaries {
  /** the file's name, for messages and GET /boundaries */
  source: string;
  collection: FeatureCollection<Polygon | MultiPolygon, { admin1: string; country: string }>;
}

export class BoundariesError extends Error {}

// The property names of the usual sources, most specific first: Natural Earth (name, admin), geoBoundaries
// (shapeName, shapeGroup), GADM (NAME_1, COUNTRY / NAME_0), and ours (admin1, country).
const ADMIN1_KEYS = ['admin1', 'NAME_1', 'shapeName', 'name_en', 'name', 'NAME', 'Name'];
const COUNTRY_KEYS = ['country', 'COUNTRY', 'NAME_0', 'admin', 'geonunit', 'shapeGroup', 'adm0_a3', 'ADM0_A3', 'GID_0'];

function pick(props: GeoJsonProperties, keys: string[]): string {
  for (const k of keys) {
    const v = props?.[k];
    if (typeof v === 'string' && v.trim() !== '') return v.trim();
  }
  return '';
}

/** ~1 m at 5 decimals would be noise for outlines drawn at regional zooms: 4 keep ~10 m and a third of the bytes. */
const round = (p: Position): Position => [Math.round(p[0]! * 1e4) / 1e4, Math.round(p[1]! * 1e4) / 1e4];
const ring = (r: Position[]): Position[] => r.map(round);

function outline(g: Geometry | null): Polygon | MultiPolygon | null {
  if (g === null) return null;
  if (g.type === 'Polygon') return { type: 'Polygon', coordinates: g.coordinates.map(ring) };
  if (g.type === 'MultiPolygon') return { type: 'MultiPolygon', coordinates: g.coordinates.map((poly) => poly.map(ring)) };
  if (g.type === 'GeometryCollection') {
    const polys = g.geometries.map(outline).filter((x): x is Polygon | MultiPolygon => x !== null)
      .flatMap((x) => (x.type === 'Polygon' ? [x.coordinates] : x.coordinates));
    return polys.length === 0 ? null : { type: 'MultiPolygon', coordinates: polys };
  }
  return null; // points and lines are not areas
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** A GeoJSON FeatureCollection, or the first (or `admin1`/`states`) object of a TopoJSON topology. */
function features(doc: unknown, source: string): Feature[] {
  if (!isRecord(doc)) throw new BoundariesError(`${source}: not a GeoJSON or TopoJSON object`);
  if (doc['type'] === 'FeatureCollection' && Array.isArray(doc['features'])) return doc['features'] as Feature[];
  if (doc['type'] === 'Topology' && isRecord(doc['objects'])) {
    const topo = doc as unknown as Topology;
    const names = Object.keys(topo.objects);
    const name = names.find((n) => /admin.?1|states|provinces|adm1/i.test(n)) ?? names[0];
    const obj = name === undefined ? undefined : topo.objects[name];
    if (obj === undefined || obj.type !== 'GeometryCollection') throw new BoundariesError(`${source}: the topology has no collection of shapes`);
    return (feature(topo, obj as GeometryCollection) as FeatureCollection).features;
  }
  throw new BoundariesError(`${source}: expected a GeoJSON FeatureCollection or a TopoJSON Topology, got type ${JSON.stringify(doc['type'])}`);
}

/** Reads and reduces a boundaries file; throws BoundariesError saying what is wrong with it. */
export function loadAdmin1Boundaries(path: string): Admin1Boundaries {
  const source = basename(path);
  let size: number;
  try {
    size = statSync(path).size;
  } catch (err) {
    throw new BoundariesError(`${path}: cannot read it (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  if (size > MAX_BOUNDARIES_BYTES) throw new BoundariesError(`${path}: ${Math.round(size / 1024 / 1024)} MB, over the ${MAX_BOUNDARIES_BYTES / 1024 / 1024} MB limit: simplify it first (e.g. mapshaper -simplify 10%)`);
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new BoundariesError(`${path}: not JSON (${(err as Error).message})`);
  }
  const out: Admin1Boundaries['collection'] = { type: 'FeatureCollection', features: [] };
  for (const f of features(doc, source)) {
    const geometry = outline(isRecord(f) ? (f.geometry ?? null) : null);
    if (geometry === null) continue;
    out.features.push({ type: 'Feature', properties: { admin1: pick(f.properties, ADMIN1_KEYS), country: pick(f.properties, COUNTRY_KEYS) }, geometry });
  }
  if (out.features.length === 0) throw new BoundariesError(`${path}: no polygons in it`);
  return { source, collection: out };
}

/** A boundaries reply, serialised once per country selection (JSON with '<' escaped, as the API's replies). */
export class BoundariesCache {
  private readonly cache = new Map<string, { body: string; etag: string }>();

  constructor(readonly data: Admin1Boundaries) {}

  /** The outlines of these countries (names or codes as the file has them, any case), or all of them. */
  reply(countries: string[]): { body: string; etag: string; features: number } {
    const wanted = countries.map((c) => c.toLowerCase()).sort();
    const k = wanted.join('\u0000');
    const picked = wanted.length === 0 ? this.data.collection.features
      : this.data.collection.features.filter((f) => wanted.includes(f.properties.country.toLowerCase()));
    let hit = this.cache.get(k);
    if (hit === undefined) {
      const body = JSON.stringify({ type: 'FeatureCollection', features: picked }).replace(/</g, '\\u003c');
      hit = { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
      // A handful of selections at most in practice; the bound keeps a crawler's variety from growing it.
      if (this.cache.size >= 32) this.cache.clear();
      this.cache.set(k, hit);
    }
    return { ...hit, features: picked.length };
  }
}
