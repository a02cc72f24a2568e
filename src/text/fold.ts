// Folding for matching: lowercase, accents stripped, quote and dash variants unified.
// The output has exactly the input's length (one UTF-16 unit in, one out), so an offset found in the
// folded string is an offset in the original. Characters whose folded form would change the length
// (ligatures such as "œ", "ß", dotted "İ", astral characters) are kept as their single-unit lowercase or as-is.
// Text with *decomposed* accents (e + U+0301) keeps the combining mark: ingestion should NFC-normalise.

const cache = new Map<number, string>();

function foldUnit(code: number): string {
  const hit = cache.get(code);
  if (hit !== undefined) return hit;
  const ch = String.fromCharCode(code);
  let out: string;
  switch (code) {
    case 0x2019: case 0x2018: case 0x0060: case 0x00b4: case 0x02bc: case 0x2032:
      out = "'"; break;
    case 0x201c: case 0x201d: case 0x201e: case 0x00ab: case 0x00bb:
      out = '"'; break;
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015: case 0x2212:
      out = '-'; break;
    case 0x00a0: case 0x202f: case 0x2009: case 0x2007:
      out = ' '; break;
    default: {
      const lower = ch.toLowerCase();
      const base = lower.normalize('NFD').replace(/\p{M}+/gu, '');
      out = base.length === 1 ? base : lower.length === 1 ? lower : ch;
    }
  }
  cache.set(code, out);
  return out;
}

const ASCII_ONLY = /^[\x00-\x5f\x61-\x7f]*$/; // every ASCII except the backtick, which folds to '

export function fold(s: string): string {
  if (ASCII_ONLY.test(s)) return s.toLowerCase();
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    out += code < 0x80 && code !== 0x60 ? String.fromCharCode(code).toLowerCase() : foldUnit(code);
  }
  return out;
}
