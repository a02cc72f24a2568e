// The gazetteer's public face: bundled GeoNames index, place mentions, place resolution.
export type {
  Admin1Match, Admin1Ref, Admin2Match, Admin2Ref, Gazetteer, GazetteerEntry, LookupOptions, PlaceMention, Relation,
} from './types.ts';
export { loadBundledGazetteer, loadGazetteer, loadIndexedGazetteer, bundledDataPaths, type ExtraPlaces, type LoadOptions } from './gazetteer.ts';
export {
  importGeonames, GazetteerImportError, type ImportedFile, type ImportKind, type ImportOptions, type ImportProgress, type ImportResult,
} from './import.ts';
export {
  downloadGeonames, downloadsDir, parseCountryCodes, resolveBaseUrl, ADMIN_FILES, DEFAULT_GEONAMES_URL, GazetteerDownloadError,
  type DownloadedFile, type DownloadOptions, type DownloadProgress, type DownloadResult,
} from './download.ts';
export { IndexStore, indexPath, type FuzzyMatch, type ImportRecord, type IndexInfo } from './index-store.ts';
export { entryScore } from './rank.ts';
export { acledAscii, cleanAdminName, foldName } from './fold.ts';
export { findPlaceMentions } from './mentions.ts';
export { resolvePlace } from './resolve.ts';
export { distanceKm, offsetPoint } from './geo.ts';
