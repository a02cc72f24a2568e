// Sentence splitting and tokenisation with offsets into the original text.
// Language-neutral: the abbreviation lists of every language are merged (a "M." is never a sentence end,
// whatever the language), which costs nothing and spares callers from knowing the language first.
import { z } from 'zod';
import { loadDataFile } from '../domain/data-file.ts';
import { LANGS } from '../domain/schemas.ts';
import { fold } from './fold.ts';

export interface Sentence { index: number; start: number; end: number; text: string; paragraph: number }
export interface Token { start: number; end: number; text: string; norm: string }

const AbbrevSchema = z.object({ always: z.array(z.string()), before_number: z.array(z.string()) });

interface Abbrevs { always: Set<string>; beforeNumber: Set<string> }
let abbrevs: Abbrevs | null = null;
function getAbbrevs(): Abbrevs {
  if (abbrevs) return abbrevs;
  const always = new Set<string>();
  const beforeNumber = new Set<string>();
  for (const lang of LANGS) {
    const a = loadDataFile(`lexicons/${lang}/abbreviations.yaml`, AbbrevSchema);
    for (const w of a.always) always.add(w);
    for (const w of a.before_number) beforeNumber.add(w);
  }
  abbrevs = { always, beforeNumber };
  return abbrevs;
}

const TERMINATORS = '.!?…';
const CLOSERS = '"\'”’»)]';
const OPENERS = '"\'“‘«([';
const INITIALS = /^(?:\p{Lu}\.)*\p{Lu}$/u; // "J", "U.S", "D.C": initials and dotted acronyms
const UPPER_OR_DIGIT = /[\p{Lu}\p{N}]/u;
const SPACE = /\s/;

/** Does the period at `dot` close an abbreviation (so no sentence ends there)? */
function isAbbreviation(line: string, dot: number, nextChar: string): boolean {
  let s = dot;
  while (s > 0 && !SPACE.test(line[s - 1]!) && !OPENERS.includes(line[s - 1]!)) s--;
  const word = line.slice(s, dot);
  if (word === '') return false;
  const { always, beforeNumber } = getAbbrevs();
  if (always.has(word) || INITIALS.test(word)) return true;
  return beforeNumber.has(word) && /\d/.test(nextChar);
}

/** Boundaries inside one line (a paragraph): returns the end offsets (exclusive) of its sentences. */
function lineBreaks(line: string): number[] {
  const ends: number[] = [];
  const n = line.length;
  for (let i = 0; i < n; i++) {
    const c = line[i]!;
    if (!TERMINATORS.includes(c)) continue;
    let j = i;
    while (j < n && TERMINATORS.includes(line[j]!)) j++;
    const runIsSingleDot = j - i === 1 && c === '.';
    let k = j;
    for (;;) {
      if (k < n && CLOSERS.includes(line[k]!)) k++;
      else if (k + 1 < n && SPACE.test(line[k]!) && line[k + 1] === '»') k += 2; // French spacing: « ... . »
      else break;
    }
    if (k < n && !SPACE.test(line[k]!)) { i = j - 1; continue; } // "12.5", "U.N.", "a.m.": no break
    let m = k;
    while (m < n && SPACE.test(line[m]!)) m++;
    if (m >= n) { i = k - 1; continue; } // the line's end closes the sentence anyway
    let next = line[m]!;
    if (OPENERS.includes(next) && m + 1 < n) next = line[m + 1]!;
    // A lowercase continuation ("…?” he asked", "the 3 p.m. meeting") is the same sentence.
    if (!UPPER_OR_DIGIT.test(next) && !OPENERS.includes(line[m]!)) { i = k - 1; continue; }
    if (runIsSingleDot && isAbbreviation(line, i, line[m]!)) { i = k - 1; continue; }
    ends.push(k);
    i = k - 1;
  }
  return ends;
}

export function splitSentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  let paragraph = -1;
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    const line = text.slice(lineStart, lineEnd);
    if (line.trim() !== '') {
      paragraph++;
      let from = 0;
      for (const end of [...lineBreaks(line), line.length]) {
        let s = from;
        let e = end;
        while (s < e && SPACE.test(line[s]!)) s++;
        while (e > s && SPACE.test(line[e - 1]!)) e--;
        if (e > s) {
          out.push({ index: out.length, start: lineStart + s, end: lineStart + e, text: line.slice(s, e), paragraph });
        }
        from = end;
      }
    }
    lineStart = lineEnd + 1;
  }
  return out;
}

// One pass, first matching alternative wins:
//  1. French elisions as their own token: l' d' qu' jusqu' lorsqu' puisqu' (always), s' n' c' j' m' t' only
//     before a lowercase letter so that place names such as N'Guigmi or N'Djamena stay whole;
//  2. the English possessive 's as its own token ("Mali's" -> "Mali", "'s");
//  3. numbers "1,200", "12.5", "12,5" (not glued to letters: "16-year-old" and "G5" are words);
//  4. words with internal hyphens and apostrophes ("al-Qaeda", "Jama'at", "aujourd'hui");
//  5. an ellipsis "...", else any single non-space character.
const TOKEN_RE = new RegExp(
  [
    String.raw`(?:[Jj]usqu|[Ll]orsqu|[Pp]uisqu|[Qq]u|[LlDd])['’](?=\p{L})|[SsNnCcJjMmTt]['’](?=\p{Ll})`,
    String.raw`['’]s(?![\p{L}\p{N}])`,
    String.raw`\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\p{L}\p{N}]|[-'’]\p{L})|\d+(?:[.,]\d+)?(?![\p{L}\p{N}]|[-'’]\p{L})`,
    String.raw`[\p{L}\p{M}\p{N}]+(?:-[\p{L}\p{M}\p{N}]+|['’](?!s(?![\p{L}\p{N}]))[\p{L}\p{M}\p{N}]+)*`,
    String.raw`\.\.\.|\S`,
  ].join('|'),
  'gu',
);

export function tokenize(text: string, offset = 0): Token[] {
  const out: Token[] = [];
  TOKEN_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TOKEN_RE.exec(text)) !== null) {
    const t = m[0];
    out.push({ start: offset + m.index, end: offset + m.index + t.length, text: t, norm: fold(t) });
  }
  return out;
}
