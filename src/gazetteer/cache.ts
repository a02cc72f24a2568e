// The compact index cache under the Faultline home (HOME/gazetteer/bundled-v1.json): the core rows with
// their folded keys, so a new process skips parsing the 32 MB TSV. It is rebuilt when the package data
// (size, mtime) or the core selection changes; a broken or stale cache is ignored, never fatal.
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GeonamesRow } from './geonames.ts';

const CACHE_VERSION = 2;

export interface Sources {
  files: Record<string, string>;
  selection: string;
}

export function bundledSources(paths: Record<string, string>, selection: string): Sources {
  const files: Record<string, string> = {};
  for (const [k, p] of Object.entries(paths)) {
    const st = statSync(p);
    files[k] = `${st.size}:${Math.round(st.mtimeMs)}`;
  }
  return { files, selection };
}

export function cachePath(home: string): string {
  return join(home, 'gazetteer', `bundled-v${CACHE_VERSION}.json`);
}

// One row: [id, name, ascii, lat, lon, class, code, country, admin1, admin2, admin3, population, keys]
type CachedRow = [number, string, string, number, number, string, string, string, string, string, string, number, string[]];
interface CacheFile { version: number; sources: Sources; rows: CachedRow[] }

function sameSources(a: Sources, b: Sources): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function readCache(home: string, sources: Sources): GeonamesRow[] | null {
  let parsed: CacheFile;
  try {
    parsed = JSON.parse(readFileSync(cachePath(home), 'utf8')) as CacheFile;
  } catch {
    return null;
  }
  if (parsed.version !== CACHE_VERSION || !sameSources(parsed.sources, sources) || !Array.isArray(parsed.rows)) return null;
  return parsed.rows.map(([geonameid, name, asciiname, lat, lon, featureClass, featureCode, country, admin1Code, admin2Code, admin3Code, population, keys]) => ({
    entry: { geonameid, name, asciiname, lat, lon, featureClass, featureCode, country, admin1Code, admin2Code, admin3Code, population },
    keys,
  }));
}

export function writeCache(home: string, sources: Sources, rows: GeonamesRow[]): void {
  const file: CacheFile = {
    version: CACHE_VERSION,
    sources,
    rows: rows.map(({ entry: e, keys }) => [e.geonameid, e.name, e.asciiname, e.lat, e.lon, e.featureClass, e.featureCode,
      e.country, e.admin1Code, e.admin2Code, e.admin3Code, e.population, keys]),
  };
  const path = cachePath(home);
  try {
    mkdirSync(join(home, 'gazetteer'), { recursive: true });
    // Write then rename, so a concurrent reader never sees half a file.
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(file));
    renameSync(tmp, path);
  } catch {
    // A read-only home only costs the next process a rebuild.
  }
}
