// The base map without a tile server: Natural Earth from the world-atlas package (shipped with the app as
// static files), turned from TopoJSON into the land and the borders between countries. No labels, so
// no font (glyphs) is ever fetched. Two scales: 1:110m first, light enough not to delay the first map (MapLibre
// copies every vertex into its worker), then 1:50m once the events are drawn, for regional zooms.
import type { Feature, FeatureCollection, MultiLineString } from 'geojson';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import coarseUrl from 'world-atlas/countries-110m.json?url';
import detailedUrl from 'world-atlas/countries-50m.json?url';

export interface BaseMap {
  /** the land, one feature: drawn as one fill, so the countries' shapes would only add vertices */
  land: Feature;
  borders: Feature<MultiLineString>;
}

export type Scale = 'coarse' | 'detailed';
const URLS: Record<Scale, string> = { coarse: coarseUrl, detailed: detailedUrl };
const downloads = new Map<Scale, Promise<Response>>();

function download(scale: Scale): Promise<Response> {
  let d = downloads.get(scale);
  if (d === undefined) {
    d = fetch(URLS[scale]);
    d.catch(() => {}); // reported by loadBaseMap, which awaits it
    downloads.set(scale, d);
  }
  return d;
}

/** Starts the download of the first scale (main.ts calls it before the map exists). */
export function prefetchBaseMap(): void {
  void download('coarse');
}

export async function loadBaseMap(scale: Scale): Promise<BaseMap> {
  const res = await download(scale);
  if (!res.ok) throw new Error(`base map: ${res.status} ${res.statusText}`);
  const topo = (await res.json()) as Topology<{ countries: GeometryCollection; land: GeometryCollection }>;
  // world-atlas stores the land as one object: its coasts only (half the vertices of the countries, which
  // repeat every border), already merged, so it decodes in no time. A GeometryCollection decodes to a
  // FeatureCollection, of one feature here.
  const land = (feature(topo, topo.objects.land) as FeatureCollection).features[0] ?? { type: 'Feature', properties: {}, geometry: { type: 'MultiPolygon', coordinates: [] } };
  // Shared arcs only: each border drawn once, coasts left to the fill's edge.
  const borders: Feature<MultiLineString> = { type: 'Feature', properties: {}, geometry: mesh(topo, topo.objects.countries, (a, b) => a !== b) };
  return { land, borders };
}
