// Admin1 outlines on the map, where the server has them (`faultline serve --boundaries FILE`): asked for
// once, after the events are first drawn, so they never delay the first map; drawn as a thin dashed line
// under the country borders and the events. A server without outlines answers GET /boundaries with null,
// and nothing else is requested (a 404 would be a console error in the page).
import type { FeatureCollection } from 'geojson';
import type { GeoJSONSource, Map as MapLibre } from 'maplibre-gl';
import type { BoundariesInfo } from '../../src/server/routes/boundaries.ts';
import { getJson } from './api.ts';

export const OUTLINE_SOURCE = 'admin1';
export const OUTLINE_LAYER = 'admin1-lines';

/** Adds (or replaces) the outlines, below `beforeLayer`. */
export function drawOutlines(map: MapLibre, data: FeatureCollection, beforeLayer: string): void {
  const existing = map.getSource(OUTLINE_SOURCE) as GeoJSONSource | undefined;
  if (existing !== undefined) {
    existing.setData(data);
    return;
  }
  // Outlines are for regional zooms: tiled up to z8 (stretched beyond), simplified like the country shapes.
  map.addSource(OUTLINE_SOURCE, { type: 'geojson', data, maxzoom: 8, tolerance: 0.5, buffer: 32 });
  map.addLayer({
    id: OUTLINE_LAYER, type: 'line', source: OUTLINE_SOURCE, minzoom: 3,
    paint: { 'line-color': '#9d9686', 'line-opacity': 0.8, 'line-dasharray': [3, 2], 'line-width': ['interpolate', ['linear'], ['zoom'], 3, 0.4, 8, 1] },
  }, map.getLayer(beforeLayer) === undefined ? undefined : beforeLayer);
}

let asked = false;

/** Fetches the outlines once per page and hands them to `show`; a failure is a warning, the map works without. */
export function loadOutlinesOnce(show: (data: FeatureCollection) => Promise<void>): void {
  if (asked) return;
  asked = true;
  void (async () => {
    try {
      const info = await getJson<BoundariesInfo>('boundaries');
      if (info.admin1 === null) return;
      await show(await getJson<FeatureCollection>('boundaries/admin1'));
    } catch (err) {
      console.warn(`Faultline: no admin1 outlines (${(err as Error).message})`);
    }
  })();
}
