// `faultline gazetteer import|download|info|lookup`: the GeoNames index under the Faultline home.
import { existsSync } from 'node:fs';
import {
  downloadGeonames, entryScore, foldName, GazetteerDownloadError, GazetteerImportError, importGeonames, indexPath, IndexStore,
  loadBundledGazetteer, parseCountryCodes, resolveBaseUrl, type DownloadProgress, type ImportProgress, type ImportResult,
} from '../gazetteer/index.ts';
import { EXIT, UsageError } from './exit.ts';
import { ensureHome, resolveHome } from './home.ts';
import { parseCountries } from './options.ts';

export interface GazetteerHomeOptions {
  home?: string;
}

function formatTable(header: string[], rows: string[][], rightAligned: Set<number> = new Set()): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string => cells
    .map((c, i) => (rightAligned.has(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
    .join('  ').trimEnd();
  return [line(header), ...rows.map(line)].join('\n') + '\n';
}

function progressPrinter(): ((p: ImportProgress) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  let last = 0;
  return (p) => {
    const now = performance.now();
    if (!p.fileDone && now - last < 200) return;
    last = now;
    const rate = p.elapsedMs > 0 ? Math.round((p.rows / p.elapsedMs) * 1000) : 0;
    const text = `${p.file}: ${p.fileRows.toLocaleString('en')} rows (${p.rows.toLocaleString('en')} in all, ${rate.toLocaleString('en')} rows/s)`;
    process.stderr.write(`\r\x1b[K${text}${p.fileDone ? '\n' : ''}`);
  };
}

function printImportResult(result: ImportResult): void {
  for (const s of result.skipped) process.stderr.write(`faultline: skipped ${s} (not a GeoNames table this import reads)\n`);
  const countries = new Set(result.files.flatMap((f) => (f.kind === 'geonames' ? f.countries : [])));
  const lines = result.files.map((f) => `  ${f.file}: ${f.rows.toLocaleString('en')} ${f.kind === 'geonames' ? 'places' : `${f.kind} codes`}`
    + (f.kind === 'geonames' && f.countries.length <= 10 ? ` (${f.countries.join(', ')})` : ''));
  process.stdout.write(`imported ${result.rows.toLocaleString('en')} rows from ${result.files.length} file${result.files.length === 1 ? '' : 's'}`
    + `${countries.size > 0 ? ` (places of ${countries.size} countr${countries.size === 1 ? 'y' : 'ies'})` : ''}`
    + ` into ${result.indexPath} in ${(result.elapsedMs / 1000).toFixed(1)} s\n${lines.join('\n')}\n`);
}

/** The exit status of a failed import (unreadable path: a usage error, thrown); other errors are rethrown. */
function importFailure(err: unknown): number {
  if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
  if (!(err instanceof GazetteerImportError)) throw err;
  if (err.reason === 'unreadable') throw new UsageError(err.message);
  process.stderr.write(`faultline: ${err.message}\nfaultline: nothing imported; the gazetteer index is as it was\n`);
  return err.reason === 'busy' ? EXIT.FAILED : EXIT.SOME_REJECTED;
}

export async function runGazetteerImport(paths: string[], opts: GazetteerHomeOptions): Promise<number> {
  const home = ensureHome(resolveHome({ flag: opts.home }));
  try {
    const onProgress = progressPrinter();
    printImportResult(await importGeonames(paths, { home, ...(onProgress ? { onProgress } : {}) }));
    return EXIT.OK;
  } catch (err) {
    return importFailure(err);
  }
}

function downloadPrinter(): ((p: DownloadProgress) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  let last = 0;
  return (p) => {
    const now = performance.now();
    if (!p.done && now - last < 200) return;
    last = now;
    const of = p.totalBytes === null ? '' : ` of ${formatBytes(p.totalBytes)} (${Math.floor((p.bytes / Math.max(p.totalBytes, 1)) * 100)}%)`;
    process.stderr.write(`\r\x1b[K${p.url}: ${formatBytes(p.bytes)}${of}${p.done ? '\n' : ''}`);
  };
}

export interface DownloadCommandOptions extends GazetteerHomeOptions {
  baseUrl?: string;
  /** false with --no-admin */
  admin?: boolean;
}

export async function runGazetteerDownload(countries: string[], opts: DownloadCommandOptions): Promise<number> {
  // Bad codes or URL: a usage error before anything is created or fetched.
  let codes: string[];
  let baseUrl: string;
  try {
    codes = parseCountryCodes(countries);
    baseUrl = resolveBaseUrl(opts.baseUrl);
  } catch (err) {
    if (err instanceof GazetteerDownloadError) throw new UsageError(err.message);
    throw err;
  }
  const home = ensureHome(resolveHome({ flag: opts.home }));
  try {
    const onDownload = downloadPrinter();
    const onProgress = progressPrinter();
    const result = await downloadGeonames(codes, {
      home, baseUrl, admin: opts.admin !== false,
      ...(onDownload ? { onDownload } : {}), ...(onProgress ? { onProgress } : {}),
    });
    const bytes = result.downloads.reduce((n, d) => n + d.bytes, 0);
    process.stdout.write(`downloaded ${result.downloads.length} file${result.downloads.length === 1 ? '' : 's'} (${formatBytes(bytes)}):\n`
      + result.downloads.map((d) => `  ${d.url} -> ${d.path}\n`).join(''));
    printImportResult(result.import);
    return EXIT.OK;
  } catch (err) {
    if (!(err instanceof GazetteerDownloadError)) return importFailure(err);
    if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
    if (err.reason === 'usage') throw new UsageError(err.message);
    process.stderr.write(`faultline: ${err.message}\nfaultline: nothing imported; the gazetteer index is as it was\n`);
    return err.reason === 'not-found' ? EXIT.USAGE : EXIT.FAILED;
  }
}

function formatBytes(n: number): string {
  return n >= 1 << 20 ? `${(n / (1 << 20)).toFixed(1)} MiB` : `${Math.round(n / 1024)} KiB`;
}

export async function runGazetteerInfo(opts: GazetteerHomeOptions & { json?: boolean }): Promise<number> {
  const home = resolveHome({ flag: opts.home });
  const path = indexPath(home);
  if (!existsSync(path)) {
    if (opts.json === true) process.stdout.write(`${JSON.stringify({ index: null, bundled: true })}\n`);
    else process.stdout.write(`no GeoNames index at ${path}\nin use: the bundled gazetteer (GeoNames cities500 and admin names)\n`
      + 'add villages, wells and hills with: faultline gazetteer import ML.zip BF.zip NE.zip admin1CodesASCII.txt admin2Codes.txt\n');
    return EXIT.OK;
  }
  const store = new IndexStore(path);
  try {
    const info = store.info();
    if (opts.json === true) {
      process.stdout.write(`${JSON.stringify(info)}\n`);
      return EXIT.OK;
    }
    const countries = info.countries.slice(0, 20).map((c) => `${c.country || '--'} ${c.places.toLocaleString('en')}`).join(', ')
      + (info.countries.length > 20 ? `, … (${info.countries.length} countries)` : '');
    process.stdout.write(`index: ${info.path} (${formatBytes(info.bytes)})\n`
      + 'in use: the bundled gazetteer (GeoNames cities500 and admin names) with the imported rows below\n'
      + `places: ${info.places.toLocaleString('en')} (${info.names.toLocaleString('en')} names); admin1 codes: ${info.admin1.toLocaleString('en')}; admin2 codes: ${info.admin2.toLocaleString('en')}\n`
      + `countries: ${countries || 'none'}\n\nimports:\n`
      + formatTable(['file', 'kind', 'rows', 'countries', 'imported at'], info.imports.map((r) => [
        r.file, r.kind, r.rows.toLocaleString('en'), r.countries.length > 8 ? `${r.countries.length} countries` : r.countries.join(','), r.importedAt,
      ]), new Set([2])));
    return EXIT.OK;
  } finally {
    store.close();
  }
}

export interface LookupCommandOptions extends GazetteerHomeOptions {
  country?: string;
  limit?: string;
}

export async function runGazetteerLookup(name: string, opts: LookupCommandOptions): Promise<number> {
  const countries = opts.country === undefined ? undefined : parseCountries(opts.country);
  const limit = opts.limit === undefined ? 20 : Number(opts.limit);
  if (!Number.isInteger(limit) || limit <= 0) throw new UsageError(`--limit expects a positive whole number, got '${opts.limit}'`);
  if (foldName(name.trim()) === null) throw new UsageError(`'${name}' is not a place name in Latin script`);
  const home = resolveHome({ flag: opts.home });
  const gaz = loadBundledGazetteer({ home });
  const lookupOpts = { scope: 'world' as const, ...(countries ? { countries } : {}) };
  const found = gaz.lookup(name, lookupOpts);
  let out = '';
  if (found.length > 0) {
    out += formatTable(['score', 'geonameid', 'name', 'feature', 'cc', 'admin1', 'admin2', 'lat', 'lon', 'population'],
      found.slice(0, limit).map((e) => [
        entryScore(e).toFixed(2), String(e.geonameid), e.name, `${e.featureClass}.${e.featureCode}`, e.country,
        gaz.admin1Name(e.country, e.admin1Code), gaz.admin2For(e)?.name ?? '', e.lat.toFixed(4), e.lon.toFixed(4), String(e.population),
      ]), new Set([0, 1, 7, 8, 9]));
    if (found.length > limit) out += `… ${found.length - limit} more (--limit)\n`;
  } else {
    out += `no place named '${name}'${countries ? ` in ${countries.join(', ')}` : ''}\n`;
    const path = indexPath(home);
    const folded = foldName(name.trim());
    if (existsSync(path) && folded !== null) {
      const store = new IndexStore(path);
      try {
        const similar = store.fuzzy(folded, 50).filter((m) => countries === undefined || countries.includes(m.entry.country)).slice(0, limit);
        if (similar.length > 0) {
          out += 'names containing it (imported dumps, FTS5 rank: lower is closer):\n' + formatTable(['rank', 'geonameid', 'name', 'feature', 'cc', 'lat', 'lon'],
            similar.map(({ entry: e, rank }) => [rank.toFixed(2), String(e.geonameid), e.name, `${e.featureClass}.${e.featureCode}`, e.country,
              e.lat.toFixed(4), e.lon.toFixed(4)]), new Set([0, 1, 5, 6]));
        }
      } finally {
        store.close();
      }
    }
  }
  const regions = gaz.findAdmin1(name, countries);
  const units = gaz.findAdmin2(name, countries);
  if (regions.length > 0) out += `admin1: ${regions.map((r) => `${r.name} (${r.country}.${r.code}${r.capital ? `, capital ${r.capital.name}` : ''})`).join('; ')}\n`;
  if (units.length > 0) out += `admin2: ${units.map((u) => `${u.name} (${u.country}.${u.admin1Code}.${u.code}, in ${gaz.admin1Name(u.country, u.admin1Code)}${u.seat ? `, seat ${u.seat.name}` : ''})`).join('; ')}\n`;
  process.stdout.write(out);
  return EXIT.OK;
}
