// `downloadGeonames`: fetches GeoNames dumps as published (BASE/ML.zip, BASE/admin1CodesASCII.txt,
// BASE/admin2Codes.txt) into HOME/gazetteer/downloads/, then imports them with importGeonames.
//
// Nothing is fetched except when this is called (`faultline gazetteer download`). Every file is streamed to
// a temporary file beside its destination and renamed only when it was read to its end (and, when the
// server says how long it is, to that length), so an interrupted download never leaves a half file under a
// dump's name. All files are fetched before the import starts: a 404, a network failure or a rejected dump
// leaves the index as it was (the import itself is atomic).
import { createWriteStream, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { importGeonames, type ImportProgress, type ImportResult } from './import.ts';

export const DEFAULT_GEONAMES_URL = 'https://download.geonames.org/export/dump';
export const ADMIN_FILES = ['admin1CodesASCII.txt', 'admin2Codes.txt'] as const;

/** A file that could not be fetched. 'usage': a bad country code or base URL; 'not-found': HTTP 404/410; 'failed': anything else. */
export class GazetteerDownloadError extends Error {
  constructor(message: string, readonly url: string | null, readonly reason: 'usage' | 'not-found' | 'failed', readonly status: number | null = null) {
    super(message);
    this.name = 'GazetteerDownloadError';
  }
}

export interface DownloadProgress {
  url: string;
  file: string;
  bytes: number;
  /** from Content-Length, when the server sends it */
  totalBytes: number | null;
  done: boolean;
}

export interface DownloadOptions {
  /** Faultline home: files go to HOME/gazetteer/downloads/, the index is HOME/gazetteer/geonames.sqlite */
  home: string;
  /** default: FAULTLINE_GEONAMES_URL, else https://download.geonames.org/export/dump */
  baseUrl?: string;
  /** also fetch admin1CodesASCII.txt and admin2Codes.txt (default true) */
  admin?: boolean;
  /** abort a download when no byte has come for this long (default 60 s) */
  idleTimeoutMs?: number;
  env?: NodeJS.ProcessEnv;
  onDownload?: (p: DownloadProgress) => void;
  onProgress?: (p: ImportProgress) => void;
}

export interface DownloadedFile {
  url: string;
  path: string;
  bytes: number;
}

export interface DownloadResult {
  downloads: DownloadedFile[];
  import: ImportResult;
}

/** ISO 3166-1 alpha-2 codes, upper-cased and deduplicated; anything else is a GazetteerDownloadError('usage'). */
export function parseCountryCodes(codes: string[]): string[] {
  const split = codes.flatMap((c) => c.split(',')).map((c) => c.trim()).filter((c) => c !== '');
  if (split.length === 0) throw new GazetteerDownloadError('no country to download: name ISO 3166-1 alpha-2 codes such as ML BF NE', null, 'usage');
  const bad = split.filter((c) => !/^[A-Za-z]{2}$/.test(c));
  if (bad.length > 0) {
    throw new GazetteerDownloadError(`unknown country code${bad.length === 1 ? '' : 's'} ${bad.map((c) => `'${c}'`).join(', ')}: `
      + 'expected ISO 3166-1 alpha-2 codes such as ML BF NE', null, 'usage');
  }
  return [...new Set(split.map((c) => c.toUpperCase()))];
}

/** The base URL by precedence (option, FAULTLINE_GEONAMES_URL, GeoNames), checked, without a trailing slash. */
export function resolveBaseUrl(option: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = [option, env.FAULTLINE_GEONAMES_URL].find((v) => v !== undefined && v.trim() !== '')?.trim() ?? DEFAULT_GEONAMES_URL;
  let url: URL;
  try {
    url = new URL(chosen);
  } catch {
    throw new GazetteerDownloadError(`'${chosen}' is not a URL (expected e.g. ${DEFAULT_GEONAMES_URL})`, chosen, 'usage');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new GazetteerDownloadError(`'${chosen}': only http and https URLs can be downloaded from`, chosen, 'usage');
  }
  return chosen.replace(/\/+$/, '');
}

function causeOf(err: unknown): string {
  const e = err as Error & { cause?: { code?: string; message?: string } };
  const cause = e.cause;
  if (cause !== undefined && cause !== null) return cause.code ?? cause.message ?? e.message;
  return e.message;
}

/** Streams URL into DEST (through DEST.PID.part); throws GazetteerDownloadError. */
async function fetchTo(url: string, dest: string, idleTimeoutMs: number, onDownload?: (p: DownloadProgress) => void): Promise<number> {
  const controller = new AbortController();
  let timedOut = false;
  let timer: NodeJS.Timeout | undefined;
  const arm = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, idleTimeoutMs);
  };
  const part = `${dest}.${process.pid}.part`;
  arm();
  try {
    let res: Response;
    try {
      res = await fetch(url, { signal: controller.signal, redirect: 'follow' });
    } catch (err) {
      throw new GazetteerDownloadError(timedOut ? `${url}: no answer in ${Math.round(idleTimeoutMs / 1000)} s`
        : `${url}: cannot connect (${causeOf(err)})`, url, 'failed');
    }
    if (!res.ok || res.body === null) {
      await res.body?.cancel().catch(() => undefined);
      const gone = res.status === 404 || res.status === 410;
      throw new GazetteerDownloadError(`${url}: HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`
        + (gone ? ': no such file on the server' : ''), url, gone ? 'not-found' : 'failed', res.status);
    }
    const lengthHeader = res.headers.get('content-length');
    const encoded = (res.headers.get('content-encoding') ?? 'identity') !== 'identity';
    const totalBytes = lengthHeader !== null && /^\d+$/.test(lengthHeader) && !encoded ? Number(lengthHeader) : null;
    const out = createWriteStream(part);
    const outDone = new Promise<void>((resolve, reject) => {
      out.on('finish', () => resolve());
      out.on('error', reject);
    });
    let bytes = 0;
    try {
      const reader = res.body.getReader();
      for (;;) {
        let chunk: ReadableStreamReadResult<Uint8Array>;
        try {
          chunk = await reader.read();
        } catch (err) {
          throw new GazetteerDownloadError(timedOut ? `${url}: stalled, nothing received for ${Math.round(idleTimeoutMs / 1000)} s after ${bytes} bytes`
            : `${url}: connection lost after ${bytes} bytes (${causeOf(err)})`, url, 'failed');
        }
        if (chunk.done) break;
        arm();
        bytes += chunk.value.byteLength;
        if (!out.write(chunk.value)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
        onDownload?.({ url, file: dest, bytes, totalBytes, done: false });
      }
      out.end();
      await outDone;
    } catch (err) {
      out.destroy();
      if (err instanceof GazetteerDownloadError) throw err;
      throw new GazetteerDownloadError(`${url}: cannot write ${part}: ${(err as Error).message}`, url, 'failed');
    }
    if (totalBytes !== null && bytes !== totalBytes) {
      throw new GazetteerDownloadError(`${url}: truncated, ${bytes} of ${totalBytes} bytes received`, url, 'failed');
    }
    renameSync(part, dest);
    onDownload?.({ url, file: dest, bytes, totalBytes, done: true });
    return bytes;
  } finally {
    clearTimeout(timer);
    rmSync(part, { force: true });
  }
}

/** Where downloads are kept. */
export function downloadsDir(home: string): string {
  return join(home, 'gazetteer', 'downloads');
}

/**
 * Downloads the dumps of COUNTRIES (and the admin code tables) and imports them. Throws
 * GazetteerDownloadError when a file cannot be fetched (the index is then untouched), and what
 * importGeonames throws (GazetteerImportError) when a fetched file is not a GeoNames dump.
 */
export async function downloadGeonames(countries: string[], opts: DownloadOptions): Promise<DownloadResult> {
  const codes = parseCountryCodes(countries);
  const base = resolveBaseUrl(opts.baseUrl, opts.env);
  const names = [...codes.map((c) => `${c}.zip`), ...(opts.admin === false ? [] : ADMIN_FILES)];
  const dir = downloadsDir(opts.home);
  mkdirSync(dir, { recursive: true });
  const downloads: DownloadedFile[] = [];
  for (const name of names) {
    const url = `${base}/${name}`;
    const path = join(dir, name);
    let bytes: number;
    try {
      bytes = await fetchTo(url, path, opts.idleTimeoutMs ?? 60_000, opts.onDownload);
    } catch (err) {
      const country = /^([A-Z]{2})\.zip$/.exec(name)?.[1];
      if (err instanceof GazetteerDownloadError && err.reason === 'not-found' && country !== undefined) {
        throw new GazetteerDownloadError(`${err.message} (is ${country} a country code GeoNames publishes?)`, err.url, err.reason, err.status);
      }
      throw err;
    }
    downloads.push({ url, path, bytes });
  }
  const result = await importGeonames(downloads.map((d) => d.path), { home: opts.home, ...(opts.onProgress ? { onProgress: opts.onProgress } : {}) });
  return { downloads, import: result };
}
