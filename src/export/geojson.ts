// GeoJSON (RFC 7946) FeatureCollection: one Point feature per event at [longitude, latitude],
// properties = every event field (ACLED columns, evidence, claims, flags). An event without
// coordinates keeps its feature with a null geometry, which RFC 7946 allows, rather than vanishing.
import type { FaultlineEvent } from '../domain/index.ts';
import type { Exporter } from './format.ts';

export interface Feature {
  type: 'Feature';
  geometry: { type: 'Point'; coordinates: [number, number] } | null;
  properties: FaultlineEvent;
}

export function toFeature(e: FaultlineEvent): Feature {
  const { latitude, longitude } = e;
  const located = typeof latitude === 'number' && typeof longitude === 'number' &&
    Number.isFinite(latitude) && Number.isFinite(longitude);
  return {
    type: 'Feature',
    geometry: located ? { type: 'Point', coordinates: [longitude, latitude] } : null,
    properties: e,
  };
}

export function geojsonExporter(): Exporter {
  let count = 0;
  return {
    begin: () => '{"type":"FeatureCollection","features":[',
    event: (e) => `${count++ === 0 ? '\n' : ',\n'}${JSON.stringify(toFeature(e))}`,
    end: () => (count === 0 ? ']}\n' : '\n]}\n'),
  };
}
