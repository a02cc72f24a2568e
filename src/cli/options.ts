// Parsing and checking of the options several commands share. Bad values are usage errors (exit 2)
// raised before any document is read, so a typo never half-processes a batch.
import { access, stat } from 'node:fs/promises';
import { constants } from 'node:fs';
import type { Lang } from '../domain/index.ts';
import { checkDate, DEFAULT_MAX_BYTES, normaliseLang, todayIso, type ValidateOptions } from '../ingest/validate.ts';
import { UsageError } from './exit.ts';

export const DEFAULT_COUNTRIES = 'ML,BF,NE';

export function parseCountries(value: string): string[] {
  const codes = value.split(',').map((c) => c.trim().toUpperCase()).filter((c) => c !== '');
  const bad = codes.filter((c) => !/^[A-Z]{2}$/.test(c));
  if (codes.length === 0 || bad.length > 0) {
    throw new UsageError(`--country expects ISO 3166-1 alpha-2 codes separated by commas (e.g. ML,BF,NE), got '${value}'`);
  }
  return [...new Set(codes)];
}

/** "1048576", "512k", "5M" (KiB / MiB). */
export function parseMaxBytes(value: string): number {
  const m = /^\s*(\d+)\s*([kKmM]i?[bB]?)?\s*$/.exec(value);
  const n = m ? Number(m[1]) * (m[2] ? (m[2][0]?.toLowerCase() === 'k' ? 1024 : 1024 * 1024) : 1) : NaN;
  if (!Number.isSafeInteger(n) || n <= 0) throw new UsageError(`--max-bytes expects a positive size such as 1048576, 512k or 5M, got '${value}'`);
  return n;
}

export function parseLang(value: string): Lang {
  const lang = normaliseLang(value);
  if (!lang) throw new UsageError(`--lang expects en or fr, got '${value}'`);
  return lang;
}

export function parsePublished(value: string, today: string): string {
  const problem = checkDate(value, today);
  if (problem) throw new UsageError(`--published: ${problem}`);
  return value;
}

export interface DocumentOptionValues {
  published?: string;
  lang?: string;
  maxBytes?: string;
}

export function validateOptions(values: DocumentOptionValues): ValidateOptions {
  const today = todayIso();
  const options: ValidateOptions = {
    maxBytes: values.maxBytes === undefined ? DEFAULT_MAX_BYTES : parseMaxBytes(values.maxBytes),
    today,
  };
  if (values.published !== undefined) options.published = parsePublished(values.published, today);
  if (values.lang !== undefined) options.lang = parseLang(values.lang);
  return options;
}

/** Fails with a usage error (exit 2) unless `path` is a readable regular file ("-" = stdin is fine). */
export async function checkReadableFile(path: string, what: string): Promise<void> {
  if (path === '-') return;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new UsageError(`${what} ${path} is not a file`);
    await access(path, constants.R_OK);
  } catch (err) {
    if (err instanceof UsageError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'does not exist' : code === 'EACCES' ? 'is not readable' : (err as Error).message;
    throw new UsageError(`cannot read ${what} ${path}: ${why}`);
  }
}
