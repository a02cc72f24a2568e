// Python semantics that the scorer port needs to print exactly the figures score_events.py prints:
// float formatting with round-half-even, round(), math.fsum, str() of JSON values, float() parsing,
// code-point string order, and json.dumps(indent=1). Each differs from the obvious JavaScript.

/** Python's f"{x:.{digits}f}": like toFixed, but an exact tie rounds to even (0.0625 -> "0.062"). */
export function pyFixed(x: number, digits: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'nan' : x > 0 ? 'inf' : '-inf';
  const rounded = x.toFixed(digits);
  // toFixed rounds exact ties away from zero; look at the exact expansion to find them.
  const exact = Math.abs(x).toFixed(Math.min(100, digits + 30));
  const dot = exact.indexOf('.');
  const tail = exact.slice(dot + 1 + digits);
  if (!/^50*$/.test(tail)) return rounded;
  const truncated = exact.slice(0, dot + 1 + digits).replace(/\.$/, '');
  const lastDigit = Number(truncated.replace('.', '').slice(-1));
  if (lastDigit % 2 === 1) return rounded; // away from zero is the even neighbour
  return (x < 0 || Object.is(x, -0) ? '-' : '') + truncated;
}

/** Python's round(x) for floats: half to even. */
export function pyRound(x: number): number {
  const f = Math.floor(x);
  const diff = x - f;
  if (diff < 0.5) return f;
  if (diff > 0.5) return f + 1;
  return f % 2 === 0 ? f : f + 1;
}

/** math.fsum: the correctly rounded sum (Shewchuk's algorithm, as CPython implements it). */
export function fsum(values: Iterable<number>): number {
  const partials: number[] = [];
  for (let x of values) {
    let i = 0;
    for (let y of partials) {
      if (Math.abs(x) < Math.abs(y)) [x, y] = [y, x];
      const hi = x + y;
      const lo = y - (hi - x);
      if (lo !== 0) partials[i++] = lo;
      x = hi;
    }
    partials.length = i;
    if (x !== 0) partials.push(x);
  }
  let n = partials.length;
  if (n === 0) return 0;
  let hi = partials[--n] as number;
  let lo = 0;
  while (n > 0) {
    const x = hi;
    const y = partials[--n] as number;
    hi = x + y;
    const yr = hi - x;
    lo = y - yr;
    if (lo !== 0) break;
  }
  // Round half-even across the remaining partials, as CPython does.
  if (n > 0 && ((lo < 0 && (partials[n - 1] as number) < 0) || (lo > 0 && (partials[n - 1] as number) > 0))) {
    const y = lo * 2;
    const x = hi + y;
    const yr = x - hi;
    if (y === yr) hi = x;
  }
  return hi;
}

/** statistics.fmean */
export function fmean(values: number[]): number {
  return fsum(values) / values.length;
}

/** statistics.median */
export function median(values: number[]): number {
  const data = [...values].sort((a, b) => a - b);
  const n = data.length;
  if (n % 2 === 1) return data[(n - 1) / 2] as number;
  const i = n / 2;
  return ((data[i - 1] as number) + (data[i] as number)) / 2;
}

/** repr() of a float as Python writes it (1.0, 1e-05, 1e+16). */
export function pyFloatRepr(x: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'NaN' : x > 0 ? 'Infinity' : '-Infinity';
  const abs = Math.abs(x);
  if (abs !== 0 && (abs < 1e-4 || abs >= 1e16)) {
    const [mant, exp] = x.toExponential().split('e') as [string, string];
    const sign = exp.startsWith('-') ? '-' : '+';
    const digits = exp.replace(/^[+-]/, '').padStart(2, '0');
    return `${mant}e${sign}${digits}`;
  }
  const s = String(x);
  return Number.isInteger(x) ? `${s}.0` : s;
}

/**
 * str() of a value loaded by json.loads. JSON.parse cannot tell 1.0 from 1; integers print as integers,
 * which is what Python does for every number written without a fraction.
 */
export function pyStr(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isInteger(v) && Math.abs(v) < 1e16 ? String(v) : pyFloatRepr(v);
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (v === null || v === undefined) return 'None';
  return JSON.stringify(v);
}

const PY_FLOAT = /^[+-]?(?:\d(?:_?\d)*(?:\.(?:\d(?:_?\d)*)?)?|\.\d(?:_?\d)*)(?:[eE][+-]?\d(?:_?\d)*)?$/;
const PY_SPECIAL = /^[+-]?(?:inf|infinity|nan)$/i;

/** float(s): null where Python raises; NaN/inf parse (callers treat them as missing). */
export function pyFloat(s: string): number | null {
  const t = s.trim();
  if (PY_SPECIAL.test(t)) return t.toLowerCase().includes('nan') ? NaN : t.startsWith('-') ? -Infinity : Infinity;
  if (!PY_FLOAT.test(t)) return null;
  return Number(t.replace(/_/g, ''));
}

/** Python's default str ordering (by code point, not UTF-16 unit). */
export function cmpCodePoints(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = (x[i] as string).codePointAt(0)! - (y[i] as string).codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

/** s.split() with no argument: runs of whitespace, no empty strings. */
export function pySplit(s: string): string[] {
  return s.split(/[\s\x1c-\x1f\x85]+/u).filter((x) => x !== '');
}

/** Python's str.strip() with no argument. */
export function pyStrip(s: string): string {
  return s.replace(/^[\s\x1c-\x1f\x85]+|[\s\x1c-\x1f\x85]+$/gu, '');
}

/** Slicing s[:n] and padding by code points, as Python's format specs count. */
export function pySlice(s: string, n: number): string {
  return [...s].slice(0, n).join('');
}
export function padEnd(s: string, width: number): string {
  return s + ' '.repeat(Math.max(0, width - [...s].length));
}
export function padStart(s: string, width: number): string {
  return ' '.repeat(Math.max(0, width - [...s].length)) + s;
}

/**
 * json.dumps(value, indent=1, ensure_ascii=False). Maps keep their order (JavaScript objects would
 * move integer-like keys first). JSON.parse-style numbers lose Python's int/float distinction, so the
 * values under `floatKeys` are written as floats (1.0) and all other numbers as ints.
 */
export function pyJsonDumps(value: unknown, floatKeys: ReadonlySet<string>, level = 0, key = ''): string {
  const pad = (l: number): string => '\n' + ' '.repeat(l);
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number') return floatKeys.has(key) || !Number.isInteger(value) ? pyFloatRepr(value) : String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[${value.map((v) => pad(level + 1) + pyJsonDumps(v, floatKeys, level + 1, key)).join(',')}${pad(level)}]`;
  }
  const entries: [string, unknown][] = value instanceof Map
    ? [...value.entries()].map(([k, v]) => [String(k), v])
    : Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return '{}';
  const body = entries.map(([k, v]) => `${pad(level + 1)}${JSON.stringify(k)}: ${pyJsonDumps(v, floatKeys, level + 1, k)}`);
  return `{${body.join(',')}${pad(level)}}`;
}
