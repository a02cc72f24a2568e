// Reads GeoNames "geoname" TSV (cities500.txt, ML.txt, allCountries.txt: the same 19 columns).
// The file is decoded as latin1, so that string offsets are byte offsets, and only the fields that
// have non-ASCII bytes are decoded again as UTF-8: decoding all 32 MB as UTF-8 cost more than the parse.
import { foldName } from './fold.ts';
import type { GazetteerEntry } from './types.ts';

export interface GeonamesRow {
  entry: GazetteerEntry;
  /** folded keys of name, asciiname and (when asked) the Latin-script alternate names */
  keys: string[];
}

/** What to keep of a row: null (skip), 'names' (name and asciiname only), 'all' (alternate names too). */
export type RowFilter = (country: string, population: number, featureClass: string) => null | 'names' | 'all';

const NON_ASCII = /[\x80-\xff]/;
// IATA/ICAO codes and abbreviations ("TOM", "BKO") in the alternate names would turn acronyms into places.
const CODE_LIKE = /^[A-Z0-9]{2,5}$/;
// Alternate names that are links or carry digits are not names a reporter writes.
const NOT_A_NAME = /[0-9/:]/;

/** The folded key of an alternate name a reporter could write, or null (codes, links, numbered names). */
export function alternateNameKey(name: string): string | null {
  if (CODE_LIKE.test(name) || NOT_A_NAME.test(name)) return null;
  const k = foldName(name);
  return k !== null && k.length > 1 ? k : null;
}

function addKey(keys: string[], key: string | null): void {
  if (key !== null && key.length > 1 && !keys.includes(key)) keys.push(key);
}

export function parseGeonames(buf: Buffer, filter: RowFilter, onRow: (row: GeonamesRow) => void): void {
  const s = buf.toString('latin1');
  const utf8 = (start: number, raw: string): string =>
    NON_ASCII.test(raw) ? buf.toString('utf8', start, start + raw.length) : raw;
  let lineStart = 0;
  while (lineStart < s.length) {
    let lineEnd = s.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = s.length;
    const f = s.slice(lineStart, lineEnd).split('\t');
    const start = lineStart;
    lineStart = lineEnd + 1;
    if (f.length < 15) continue;
    const [id, rawName, ascii, rawAlt, lat, lon, fclass, fcode, cc, , a1, a2, a3, , pop] = f as [
      string, string, string, string, string, string, string, string, string, string, string, string, string, string, string,
    ];
    const population = Number(pop) || 0;
    const keep = filter(cc, population, fclass);
    if (keep === null) continue;
    const nameStart = start + id.length + 1;
    const name = utf8(nameStart, rawName);
    const keys: string[] = [];
    addKey(keys, foldName(ascii));
    addKey(keys, foldName(name));
    if (keep === 'all' && rawAlt !== '') {
      const alt = utf8(nameStart + rawName.length + ascii.length + 2, rawAlt);
      for (const a of alt.split(',')) {
        if (CODE_LIKE.test(a) || NOT_A_NAME.test(a)) continue;
        addKey(keys, foldName(a));
      }
    }
    onRow(rowOf([id, name, ascii, lat, lon, fclass, fcode, cc, a1, a2, a3], population, keys));
  }
}

/** The entry of a row from its text fields: id, name, asciiname, lat, lon, class, code, country, admin1, admin2, admin3. */
function rowOf(f: readonly [string, string, string, string, string, string, string, string, string, string, string], population: number, keys: string[]): GeonamesRow {
  const [id, name, ascii, lat, lon, fclass, fcode, cc, a1, a2, a3] = f;
  return {
    entry: {
      geonameid: Number(id),
      name,
      asciiname: ascii,
      lat: Number(lat),
      lon: Number(lon),
      featureClass: fclass,
      featureCode: fcode,
      country: cc,
      admin1Code: a1,
      admin2Code: a2,
      admin3Code: a3,
      population,
    },
    keys,
  };
}

/** Columns of a GeoNames "geoname" row (readme: geonameid … modification date). */
export const GEONAMES_COLUMNS = 19;

/**
 * One row of a streamed dump, already split on tabs and decoded (the import reads UTF-8 text): the same
 * entry and folded keys (name, asciiname, Latin alternate names) as parseGeonames gives with 'all'.
 */
export function geonamesRowFromFields(f: readonly string[]): GeonamesRow {
  const [id, name, ascii, alt, lat, lon, fclass, fcode, cc, , a1, a2, a3, , pop] = f as readonly string[] as [
    string, string, string, string, string, string, string, string, string, string, string, string, string, string, string,
  ];
  const keys: string[] = [];
  addKey(keys, foldName(ascii));
  addKey(keys, foldName(name));
  if (alt !== '') {
    for (const a of alt.split(',')) {
      if (CODE_LIKE.test(a) || NOT_A_NAME.test(a)) continue;
      addKey(keys, foldName(a));
    }
  }
  return rowOf([id, name, ascii, lat, lon, fclass, fcode, cc, a1, a2, a3], Number(pop) || 0, keys);
}
