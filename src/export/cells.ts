// Cell-level helpers shared by the CSV writers.

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Spreadsheets run a cell that begins with = + - @ (or tab / CR) as a formula: a report can carry
 * "=HYPERLINK(...)" into a coder's Excel (OWASP "CSV injection"). Such cells get a leading apostrophe,
 * which spreadsheets hide. Plain numbers (a longitude of -3.2) are left alone so they stay numbers.
 */
export function neutraliseFormula(cell: string): string {
  if (!FORMULA_START.test(cell) || PLAIN_NUMBER.test(cell)) return cell;
  return `'${cell}`;
}

/** The inverse, for readers of our CSV (a later `faultline import-acled`). */
export function restoreFormula(cell: string): string {
  return cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell;
}

/** A value as CSV text: null/undefined empty, objects and arrays as JSON. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

const LIGATURES: Record<string, string> = {
  'Œ': 'OE', 'œ': 'oe', 'Æ': 'AE', 'æ': 'ae', 'ß': 'ss', 'Ø': 'O', 'ø': 'o', 'Đ': 'D', 'đ': 'd',
  'Ł': 'L', 'ł': 'l', 'ʼ': "'", '\u2018': "'", '\u2019': "'",
};

/** ACLED writes place names in plain ASCII ("Segou", "Tillaberi"): strip accents, spell out ligatures. */
export function asciiName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[ŒœÆæßØøĐđŁłʼ\u2018\u2019]/g, (c) => LIGATURES[c] ?? c);
}
