// Word tokens with offsets, folded for matching: accents stripped and lower-cased, so "Forces armées
// maliennes" and "forces armees maliennes" meet. Apostrophes and hyphens separate tokens, which makes
// French elisions ("l'armée", "d'hommes armés") and "al-Qaeda" / "al Qaeda" match alike.

export interface Token {
  start: number;
  end: number;
  /** Accent-stripped, lower-cased: the matching key. */
  folded: string;
  /** Accent-stripped with case kept: for acronyms that must match case-sensitively. */
  cased: string;
  /**
   * False when punctuation (or a paragraph break) separates this token from the previous one: a phrase
   * never runs across "FAMa; soldiers" or "Mali. Troops".
   */
  joined: boolean;
}

const WORD = /[\p{L}\p{N}]+/gu;
const MARKS = /\p{M}+/gu;
const ASCII = /^[\x00-\x7f]*$/;

/** Strips diacritics and expands ligatures, keeping case. */
export function stripAccents(s: string): string {
  if (ASCII.test(s)) return s;
  return s.normalize('NFD').replace(MARKS, '').replace(/œ/g, 'oe').replace(/Œ/g, 'OE').replace(/æ/g, 'ae').replace(/Æ/g, 'AE');
}

export function fold(s: string): string {
  return stripAccents(s).toLowerCase();
}

/** Spaces with at most one line break, or one hyphen or apostrophe ("al-Qaeda", "l'armée", "Mali's"). */
const JOINING_GAP = /^(?:[ \t\u00a0\u202f]*(?:\r?\n)?[ \t\u00a0\u202f]*|[ \u00a0]?[-\u2010\u2011'\u2019][ \u00a0]?)$/;

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  WORD.lastIndex = 0;
  let prev: Token | undefined;
  for (let m = WORD.exec(text); m !== null; m = WORD.exec(text)) {
    const cased = stripAccents(m[0]);
    const gap = prev ? text.slice(prev.end, m.index) : '';
    // "U.S." and "U.N.": a full stop after a single letter joins too.
    const joined = prev !== undefined && (JOINING_GAP.test(gap) || (/^\.\s?$/.test(gap) && prev.end - prev.start === 1));
    const token: Token = { start: m.index, end: m.index + m[0].length, folded: cased.toLowerCase(), cased, joined };
    out.push(token);
    prev = token;
  }
  return out;
}

/** True when token k exists and continues the phrase before it. */
export function continues(tokens: readonly Token[], k: number): boolean {
  return k < tokens.length && (tokens[k] as Token).joined;
}

/** An alias token in 1-4 capitals (FDS, IS, HANI, G5S) is an acronym: it must match with its case. */
export function isAcronymToken(cased: string): boolean {
  return /^[A-Z0-9]{1,4}$/.test(cased) && /[A-Z]/.test(cased);
}
