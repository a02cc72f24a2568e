// The gazetteer's public face: bundled GeoNames index, place mentions, place resolution.
export type {
  Admin1Match, Admin1Ref, Admin2Match, Admin2Ref, Gazetteer, GazetteerEntry, LookupOptions, PlaceMention, Relation,
} from './types.ts';
export { loadBundledGazetteer, loadGazetteer, bundledDataPaths, type LoadOptions } from './gazetteer.ts';
export { acledAscii, cleanAdminName, foldName } from './fold.ts';
export { findPlaceMentions } from './mentions.ts';
export { resolvePlace } from './resolve.ts';
export { distanceKm, offsetPoint } from './geo.ts';
