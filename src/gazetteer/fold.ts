// Name folding: the one key under which "Ségou", "SEGOU", "Segou" and "In-Ates"/"In Ates"/"Inates" meet.
// A table over the Latin blocks replaces String.normalize per name: the index folds ~700k names at
// load, and normalize() was most of the build time.

const TABLE_SIZE = 0x2000;
// undefined: a character outside the Latin blocks (the name is skipped: reporters write Latin script).
const TABLE: (string | undefined)[] = new Array<string | undefined>(TABLE_SIZE);

function buildTable(): void {
  for (let c = 0; c < TABLE_SIZE; c++) {
    const latin = c < 0x250 || (c >= 0x1e00 && c < 0x1f00) || (c >= 0x300 && c < 0x370);
    if (!latin) continue;
    TABLE[c] = String.fromCharCode(c).normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  }
  // Separators fold away, so hyphenated, spaced and run-together spellings meet.
  for (const c of [0x20, 0x09, 0x27, 0x2d, 0x2e, 0x60, 0xb4, 0x2bc, 0x2bb]) TABLE[c] = '';
  // Letters NFD leaves alone.
  const extra: Record<number, string> = { 0xdf: 'ss', 0xe6: 'ae', 0xc6: 'ae', 0xf8: 'o', 0xd8: 'o', 0x142: 'l',
    0x141: 'l', 0x111: 'd', 0x110: 'd', 0x153: 'oe', 0x152: 'oe', 0x131: 'i', 0x127: 'h', 0x126: 'h' };
  for (const [c, f] of Object.entries(extra)) TABLE[Number(c)] = f;
}
buildTable();

/** Folded key of a name, or null when it has characters outside Latin script (or folds to nothing). */
export function foldName(name: string): string | null {
  let out = '';
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c === 0x2019 || c === 0x2018 || c === 0x2010 || c === 0x2011 || c === 0x2013) continue; // ’ ‘ ‐ ‑ –
    const f = c < TABLE_SIZE ? TABLE[c] : undefined;
    if (f === undefined) return null;
    out += f;
  }
  return out === '' ? null : out;
}

/** Accents off, curly apostrophes straight: ACLED writes ASCII names. */
export function stripAccents(name: string): string {
  return name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[’‘`´]/g, "'");
}

// GeoNames wraps admin names in the unit's kind, in French or English, before or after the name.
const ADMIN_PREFIX = /^(?:cercle|province|d[ée]partement|department|pr[ée]fecture|district|commune|r[ée]gion)\s+(?:de\s+la\s+|de\s+l['’]\s*|du\s+|des\s+|de\s+|d['’]\s*)/i;
const ADMIN_SUFFIX = /\s+(?:cercle|province|department|d[ée]partement|prefecture|district|region|r[ée]gion)$/i;

/** 'Cercle de Niono' → 'Niono', 'Tillabéri Region' → 'Tillabéri', 'Département d’ Aguié' → 'Aguié'. Keeps accents. */
export function cleanAdminName(name: string): string {
  const cleaned = name.replace(ADMIN_PREFIX, '').replace(ADMIN_SUFFIX, '').trim();
  return cleaned === '' ? name : cleaned;
}

/** The ASCII form ACLED writes: 'Ségou' → 'Segou', 'Cercle de Niono' → 'Niono', 'Tillabéri Region' → 'Tillaberi'. */
export function acledAscii(name: string): string {
  return stripAccents(cleanAdminName(name.trim()));
}
