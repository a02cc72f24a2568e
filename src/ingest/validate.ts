// Checks one incoming document before the extractor sees it. Every rule here protects the extractor
// (or the user) from input that would give garbage or hang: binary data, huge texts, dates it cannot trust.
import { LANGS, type Document, type Lang } from '../domain/index.ts';
import { DocumentError } from './errors.ts';

export const DEFAULT_MAX_BYTES = 1024 * 1024;

export interface ValidateOptions {
  /** Largest accepted text, in UTF-8 bytes. */
  maxBytes: number;
  /** Today's date (YYYY-MM-DD): a `published` after it is rejected. */
  today: string;
  /** Defaults for documents that do not give them (from --published / --lang). */
  published?: string;
  lang?: Lang;
}

/**
 * Share of suspicious characters (C0/C1 controls other than whitespace, U+FFFD) above which a text is
 * taken for binary data or a file decoded with the wrong encoding. Clean text has none of them; a
 * Latin-1 French article read as UTF-8 has one U+FFFD per accented letter (2-4% of characters).
 */
export const SUSPICIOUS_SHARE = 0.01;

/** Why a text cannot be processed, or null when it can. */
export function checkText(text: string, maxBytes: number): string | null {
  if (text.trim() === '') return 'text is empty';
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > maxBytes) return `text is ${formatBytes(bytes)}, over the limit of ${formatBytes(maxBytes)} (--max-bytes)`;
  if (text.includes('\u0000')) return 'text looks binary (it contains NUL bytes)';
  let suspicious = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0b && c !== 0x0c && c !== 0x0d) ||
        (c >= 0x7f && c <= 0x9f) || c === 0xfffd) suspicious++;
  }
  if (suspicious / text.length > SUSPICIOUS_SHARE) {
    const pct = ((100 * suspicious) / text.length).toFixed(1);
    return `text looks binary or wrongly encoded (${pct}% control characters or U+FFFD; expected UTF-8 text)`;
  }
  return null;
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MiB (${n} bytes)`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KiB (${n} bytes)`;
  return `${n} bytes`;
}

/** Accepts "en", "EN", "en-GB"...; null when the value is not a supported language. */
export function normaliseLang(value: string): Lang | null {
  const primary = value.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return (LANGS as readonly string[]).includes(primary) ? (primary as Lang) : null;
}

/** Why `value` is not an acceptable publication date, or null. */
export function checkDate(value: string, today: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return `'${value}' is not a date as YYYY-MM-DD`;
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const probe = new Date(Date.UTC(y, m - 1, d));
  if (probe.getUTCFullYear() !== y || probe.getUTCMonth() !== m - 1 || probe.getUTCDate() !== d) {
    return `'${value}' is not a real date`;
  }
  if (value > today) return `'${value}' is in the future (today is ${today})`;
  return null;
}

/**
 * Today as YYYY-MM-DD. Takes the later of the local and the UTC date, so a report published "today"
 * somewhere ahead of the user's time zone is not rejected as coming from the future.
 */
export function todayIso(now: Date = new Date()): string {
  const local = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  const utc = now.toISOString().slice(0, 10);
  return local > utc ? local : utc;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

const OPTIONAL_STRINGS = ['url', 'title', 'source'] as const;

/**
 * Turns a parsed JSON value into a Document or throws a DocumentError. `lineRef` ("line 12") names the
 * document until its id is known.
 */
export function validateDocument(raw: unknown, lineRef: string, options: ValidateOptions): Document {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new DocumentError(lineRef, 'expected a JSON object {"id", "text", ...}');
  }
  const obj = raw as Record<string, unknown>;
  if (obj.id === undefined || obj.id === null) throw new DocumentError(lineRef, 'missing id');
  if (typeof obj.id !== 'string') throw new DocumentError(lineRef, `id must be a string, not ${typeof obj.id}`);
  if (obj.id.trim() === '') throw new DocumentError(lineRef, 'id is empty');
  const id = obj.id;
  const fail = (reason: string): never => {
    throw new DocumentError(id, reason);
  };

  if (obj.text === undefined || obj.text === null) fail('missing text');
  if (typeof obj.text !== 'string') fail(`text must be a string, not ${typeof obj.text}`);
  const text = obj.text as string;
  const textProblem = checkText(text, options.maxBytes);
  if (textProblem) fail(textProblem);

  const doc: Document = { id, text };

  if (obj.lang !== undefined && obj.lang !== null && obj.lang !== '') {
    if (typeof obj.lang !== 'string') fail(`lang must be a string, not ${typeof obj.lang}`);
    const lang = normaliseLang(obj.lang as string);
    if (!lang) fail(`unknown lang '${String(obj.lang)}' (supported: ${LANGS.join(', ')}; leave it out to detect)`);
    doc.lang = lang as Lang;
  } else if (options.lang) {
    doc.lang = options.lang;
  }

  if (obj.published !== undefined && obj.published !== null && obj.published !== '') {
    if (typeof obj.published !== 'string') fail(`published must be a string, not ${typeof obj.published}`);
    const problem = checkDate(obj.published as string, options.today);
    if (problem) fail(`published ${problem}`);
    doc.published = obj.published as string;
  } else if (options.published) {
    doc.published = options.published;
  }

  for (const key of OPTIONAL_STRINGS) {
    const value = obj[key];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string') fail(`${key} must be a string, not ${typeof value}`);
    doc[key] = value as string;
  }
  return doc;
}
