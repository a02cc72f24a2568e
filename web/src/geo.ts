// The map's GeoJSON from the points columns: only what the map styles and looks up (palette type, fatalities,
// and the row index for everything else). MapLibre copies every object of it into its worker, so fewer and
// smaller features are directly a faster map.
import type { FeatureCollection, Point } from 'geojson';
import { paletteOfTypes, type Points } from './points.ts';

export interface EventProps {
  /** row index in the points columns */
  i: number;
  /** palette index of the event type */
  t: number;
  f: number;
}

export function eventFeatures(points: Points, indices: Uint32Array): FeatureCollection<Point, EventProps> {
  const palette = paletteOfTypes(points);
  const features: FeatureCollection<Point, EventProps>['features'] = [];
  for (const i of indices) {
    const lon = points.lon[i];
    const lat = points.lat[i];
    if (lon === null || lon === undefined || lat === null || lat === undefined) continue;
    features.push({ type: 'Feature', geometry: { type: 'Point', coordinates: [lon, lat] }, properties: { i, t: palette[points.type[i]!]!, f: points.fatalities[i]! } });
  }
  return { type: 'FeatureCollection', features };
}
