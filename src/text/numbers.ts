// Counts in press text: digits and number words, vague quantity words, hedges, ranges, and the noun counted.
//
// What is NOT returned (skipped entirely, so callers need no filter): years ("in 2015", "October 2019",
// "the 2015 agreement": any plain 1900-2100 integer not directly followed by a people noun), dates ("October 3",
// "3 au 4 octobre", "01/03/2020"), times ("5 pm", "17:30", "10 heures"), ordinals ("3rd", "1er": they are words to
// the tokenizer), percentages, money, distances and weights ("30 km"), ages ("aged 16", "16 years old",
// "16-year-old", "âgé de 16 ans"; French "N ans" is never a count), numbers glued to letters ("G5", "RN16").
//
// A Quantity's span starts at its hedge ("at least four") and ends after any post-hedge ("20 or so"); its noun
// is a separate span. `value` is what an ACLED coder takes: the low end of a range, 20 for "more than 20",
// the codebook's figure for vague words (several = 3, dozens = 12, tens = 10, hundreds = 100).
// "one", "un", "une", "a", "an" alone are article-like: they count only with { articles: true } and before a
// people noun ("a soldier", "un civil"), except after a hedge ("at least one person", always counted).
import type { Lang, Span } from '../domain/schemas.ts';
import { fold } from './fold.ts';
import { datesLexicon, numbersLexicon, phraseAlternation, WB_BEFORE } from './lexicon.ts';
import { tokenize, type Token } from './segment.ts';

export type Hedge = 'exact' | 'at_least' | 'at_most' | 'approx' | 'vague' | 'range';

export interface Quantity {
  start: number;
  end: number;
  text: string;
  value: number;
  high: number | null;
  hedge: Hedge;
  noun: Span | null;
  /** Only on a sum made by sumCoordinated: the quantities it adds up, in text order. */
  parts?: Quantity[];
}

export interface FindQuantitiesOptions {
  /** Also count "a soldier", "an officer", "one civilian", "un soldat" as 1 (people nouns only). */
  articles?: boolean;
}

interface Phrase { seq: string[]; value: number; hedge: Hedge }

interface Compiled {
  lang: Lang;
  units: Map<string, number>;
  tens: Map<string, number>;
  scales: Map<string, number>;
  innerAnd: Set<string>;
  vague: Map<string, Phrase[]>; // by first token, longest first
  hedges: Map<string, Phrase[]>;
  postHedges: Map<string, Phrase[]>;
  rangeJoiners: Set<string>;
  rangePrefix: Set<string>;
  rangePrefixJoiner: string;
  articles: Set<string>;
  ofWords: Set<string>;
  determiners: Set<string>;
  modifiers: Set<string>;
  modifierSuffixes: string[];
  nonNouns: Set<string>;
  people: Set<string>;
  umbrella: Set<string>;
  months: Set<string>;
  excludedAfter: RegExp;
  excludedBefore: RegExp;
}

function byFirst(list: { phrase: string; value?: number; hedge: Hedge }[]): Map<string, Phrase[]> {
  const map = new Map<string, Phrase[]>();
  for (const p of list) {
    // phrases are written token by token, space-separated ("plus d'", "jusqu' a")
    const seq = p.phrase.trim().split(/\s+/).map((w) => fold(w));
    const first = seq[0];
    if (first === undefined) continue;
    const arr = map.get(first) ?? [];
    arr.push({ seq, value: p.value ?? 0, hedge: p.hedge });
    arr.sort((a, b) => b.seq.length - a.seq.length);
    map.set(first, arr);
  }
  return map;
}

const foldSet = (xs: readonly string[]): Set<string> => new Set(xs.map((x) => fold(x)));

const compiledByLang = new Map<Lang, Compiled>();
function compiled(lang: Lang): Compiled {
  const hit = compiledByLang.get(lang);
  if (hit) return hit;
  const l = numbersLexicon(lang);
  const d = datesLexicon(lang);
  const c: Compiled = {
    lang,
    units: new Map(Object.entries(l.units)),
    tens: new Map(Object.entries(l.tens)),
    scales: new Map(Object.entries(l.scales)),
    innerAnd: foldSet(l.inner_and),
    vague: byFirst(l.vague),
    hedges: byFirst(l.hedges),
    postHedges: byFirst(l.post_hedges),
    rangeJoiners: foldSet(l.range_joiners),
    rangePrefix: foldSet(l.range_prefix),
    rangePrefixJoiner: fold(l.range_prefix_joiner),
    articles: foldSet(l.articles),
    ofWords: foldSet(l.of_words),
    determiners: foldSet(l.determiners),
    modifiers: foldSet(l.modifiers),
    modifierSuffixes: l.modifier_suffixes.map((s) => fold(s)),
    nonNouns: foldSet(l.non_nouns),
    people: foldSet(l.people_nouns),
    umbrella: foldSet(l.umbrella_nouns),
    months: new Set(Object.keys(d.months)),
    // Checked on folded text right after / right before the number.
    excludedAfter: new RegExp(`^\\s*(?:${phraseAlternation(l.excluded_after)})(?![\\p{L}\\p{N}])`, 'u'),
    excludedBefore: new RegExp(`${WB_BEFORE}(?:${phraseAlternation(l.excluded_before)})\\s*$`, 'u'),
  };
  compiledByLang.set(lang, c);
  return c;
}

const DIGITS = /^\d+(?:[.,]\d+)*$/; // a number token ("16-year-old", "10h" are words)
const WORDLIKE = /^[\p{L}]/u;
const UPPER_START = /^\p{Lu}/u;
const DATE_SHAPE = /\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}/g;
const TIME_SHAPE = /\d{1,2}[:h]\d{2}/g;

interface Parsed { value: number; next: number; bare: boolean /* a lone one/un/une/a/an */; digits: boolean }

function parseDigits(tok: string, lang: Lang): number {
  if (/^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/.test(tok)) return Number(tok.replace(/,/g, ''));
  if (lang === 'fr' && /^\d{1,3}(?:\.\d{3})+$/.test(tok)) return Number(tok.replace(/\./g, ''));
  return Number(tok.replace(',', '.'));
}

/** Number words of one (possibly hyphenated) token, e.g. "twenty-five", "quatre-vingt-dix"; null if not one. */
function wordValue(norm: string, c: Compiled): { value: number; kind: 'unit' | 'tens' | 'scale' } | null {
  const u = c.units.get(norm);
  if (u !== undefined) return { value: u, kind: 'unit' };
  const t = c.tens.get(norm);
  if (t !== undefined) return { value: t, kind: 'tens' };
  const s = c.scales.get(norm);
  if (s !== undefined) return { value: s, kind: 'scale' };
  if (!norm.includes('-')) return null;
  const parts = norm.split('-');
  let total = 0;
  let current = 0;
  for (let k = 0; k < parts.length; k++) {
    const p = parts[k]!;
    const joined = k + 1 < parts.length ? `${p}-${parts[k + 1]}` : '';
    const tj = c.tens.get(joined);
    if (tj !== undefined) { current += tj; k++; continue; } // quatre-vingt(s)
    if (c.innerAnd.has(p)) continue; // soixante-et-onze
    const v = c.units.get(p) ?? c.tens.get(p);
    if (v !== undefined) { current += v; continue; }
    const sc = c.scales.get(p);
    if (sc !== undefined) { if (sc >= 1000) { total += (current || 1) * sc; current = 0; } else current = (current || 1) * sc; continue; }
    return null;
  }
  return { value: total + current, kind: 'tens' };
}

function adjacent(a: Token, b: Token): boolean { return a.end === b.start; }

function parseNumberAt(toks: Token[], i: number, c: Compiled, text: string): Parsed | null {
  const t = toks[i];
  if (!t) return null;
  if (DIGITS.test(t.text)) {
    let value = parseDigits(t.text, c.lang);
    let next = i + 1;
    // "1 200" (French) and "1\u00a0200" (any language): digit groups of three after a 1-3 digit head.
    while (/^\d{1,3}$/.test(toks[next - 1]!.text) && next < toks.length && /^\d{3}$/.test(toks[next]!.text)) {
      const gap = text.slice(toks[next - 1]!.end, toks[next]!.start);
      if (!(gap === '\u00a0' || gap === '\u202f' || (c.lang === 'fr' && gap === ' '))) break;
      value = value * 1000 + Number(toks[next]!.text);
      next++;
    }
    const sc = toks[next] ? c.scales.get(toks[next]!.norm) : undefined;
    if (sc !== undefined && sc >= 100) { value *= sc; next++; } // "2 million", "3 mille"
    return { value, next, bare: false, digits: true };
  }
  let total = 0;
  let current = 0;
  let next = i;
  let last: 'none' | 'unit' | 'tens' | 'scale' = 'none';
  let words = 0;
  for (;;) {
    const tok = toks[next];
    if (!tok) break;
    // "a hundred", "a thousand": the article stands for one
    if (last === 'none' && c.articles.has(tok.norm) && !c.units.has(tok.norm)) {
      const s = toks[next + 1] ? c.scales.get(toks[next + 1]!.norm) : undefined;
      if (s !== undefined && s >= 100) { current = 1; next++; last = 'unit'; words++; continue; }
      return { value: 1, next: next + 1, bare: true, digits: false }; // "a soldier": an article count
    }
    if (c.innerAnd.has(tok.norm) && last !== 'none') {
      // "two hundred and fifty", "vingt et un": the joiner only inside a number
      const after = toks[next + 1] ? wordValue(toks[next + 1]!.norm, c) : null;
      const ok = after !== null && after.kind !== 'scale' && ((c.lang === 'en' && last === 'scale') || (c.lang === 'fr' && last === 'tens' && after.value < 20));
      if (!ok) break;
      next++;
      continue;
    }
    const w = wordValue(tok.norm, c);
    if (!w) break;
    if (w.kind === 'scale') {
      if (last === 'none') break;
      if (w.value >= 1000) { total += (current || 1) * w.value; current = 0; } else current = (current || 1) * w.value;
      last = 'scale';
    } else if (last === 'none' || last === 'scale' || (last === 'tens' && w.kind === 'unit' && w.value < 20)) {
      current += w.value;
      last = w.kind;
    } else break;
    words++;
    next++;
  }
  if (words === 0) return null;
  const bare = words === 1 && c.articles.has(t.norm);
  return { value: total + current, next, bare, digits: false };
}

function matchSeq(toks: Token[], i: number, phrases: Phrase[] | undefined): Phrase | null {
  if (!phrases) return null;
  for (const p of phrases) {
    let ok = true;
    for (let k = 0; k < p.seq.length; k++) if (toks[i + k]?.norm !== p.seq[k]) { ok = false; break; }
    if (ok) return p;
  }
  return null;
}

function isModifier(tok: Token, c: Compiled): boolean {
  if (c.modifiers.has(tok.norm)) return true;
  for (const s of c.modifierSuffixes) if (tok.norm.endsWith(s)) return true;
  // English puts nationalities, ethnic groups and acronyms before the noun, capitalised.
  return c.lang === 'en' && UPPER_START.test(tok.text) && !c.people.has(tok.norm);
}

const CONJ = new Set(['and', 'or', 'et', 'ou', ',']);

/** The head noun a number counts, from token j (right after the number). */
function findNoun(toks: Token[], j: number, c: Compiled): Span | null {
  if (toks[j] && c.ofWords.has(toks[j]!.norm)) {
    j++;
    if (toks[j] && c.determiners.has(toks[j]!.norm)) j++;
  }
  let skipped = -1;
  let candidate: Token | null = null;
  for (let steps = 0; steps < 6 && j < toks.length; steps++) {
    const t = toks[j]!;
    if (isModifier(t, c)) { skipped = j; j++; continue; }
    // "Fulani and Bellah civilians": a conjunction between two modifiers
    if (skipped === j - 1 && CONJ.has(t.norm) && toks[j + 1] && isModifier(toks[j + 1]!, c)) { j++; continue; }
    candidate = t;
    break;
  }
  const pick = candidate && WORDLIKE.test(candidate.text) && !c.nonNouns.has(candidate.norm) ? candidate
    : skipped >= 0 ? toks[skipped]! : null;
  return pick ? { start: pick.start, end: pick.end, text: pick.text } : null;
}

function isExcluded(toks: Token[], first: number, lastTok: number, c: Compiled, text: string, folded: string): boolean {
  const a = toks[first]!;
  const b = toks[lastTok]!;
  if (c.excludedAfter.test(folded.slice(b.end, b.end + 24))) return true;
  if (c.excludedBefore.test(folded.slice(Math.max(0, a.start - 24), a.start))) return true;
  // dates: "October 3", "3 October", "3 au 4 octobre", "between 3 and 5 October"
  const prev = toks[first - 1];
  if (prev && c.months.has(prev.norm.replace(/\.$/, ''))) return true;
  const n1 = toks[lastTok + 1];
  if (n1 && c.months.has(n1.norm)) return true;
  if (n1 && (CONJ.has(n1.norm) || n1.norm === 'au' || n1.norm === 'to' || n1.text === '-')) {
    const n2 = toks[lastTok + 2];
    const n3 = toks[lastTok + 3];
    if (n2 && /^\d{1,2}(?:er)?$/.test(n2.norm) && n3 && c.months.has(n3.norm)) return true;
  }
  // shapes: 01/03/2020, 2020-03-01, 17:30, 10h30
  for (const re of [DATE_SHAPE, TIME_SHAPE]) {
    re.lastIndex = Math.max(0, a.start - 10);
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) !== null && m.index <= b.end) {
      if (m.index < b.end && m.index + m[0].length > a.start) return true;
    }
  }
  if (prev && prev.text === ':' && adjacent(prev, a) && toks[first - 2] && DIGITS.test(toks[first - 2]!.text)) return true;
  return false;
}

export function findQuantities(text: string, lang: Lang, options: FindQuantitiesOptions = {}): Quantity[] {
  const c = compiled(lang);
  const toks = tokenize(text);
  const folded = fold(text);
  const out: Quantity[] = [];
  let i = 0;
  while (i < toks.length) {
    const startTok = i;
    let hedge: Hedge | null = null;
    let rangeByPrefix = false;
    // a hedge ("at least", "some", "près de") or "between" opening a number
    const h = matchSeq(toks, i, c.hedges.get(toks[i]!.norm));
    if (h) { hedge = h.hedge; i += h.seq.length; }
    else if (c.rangePrefix.has(toks[i]!.norm)) { rangeByPrefix = true; i += 1; }
    const numStart = i;
    let value: number;
    let qHedge: Hedge;
    let next: number;
    let bare = false;
    let isYear = false;
    const v = toks[i] ? matchSeq(toks, i, c.vague.get(toks[i]!.norm)) : null;
    const p = v ? null : parseNumberAt(toks, i, c, text);
    if (v) { value = v.value; qHedge = v.hedge; next = i + v.seq.length; }
    else if (p) {
      value = p.value; qHedge = 'exact'; next = p.next; bare = p.bare;
      isYear = p.digits && /^\d{4}$/.test(toks[i]!.text) && value >= 1900 && value <= 2100;
    } else { i = startTok + 1; continue; }
    if (hedge && !(qHedge === 'vague' && hedge === 'approx')) qHedge = hedge; // "about a dozen" stays approx
    let high: number | null = null;
    // ranges: "eight to ten", "8-10", "two or three", "between 8 and 10", "entre 8 et 10"
    const j = toks[next];
    if (j && (c.rangeJoiners.has(j.norm) || (rangeByPrefix && j.norm === c.rangePrefixJoiner))) {
      const tightOk = j.text !== '-' || (adjacent(toks[next - 1]!, j) && toks[next + 1] !== undefined && adjacent(j, toks[next + 1]!));
      const p2 = tightOk ? parseNumberAt(toks, next + 1, c, text) : null;
      if (p2 && p2.value > value && !(j.text === '-' && isYear)) { high = p2.value; qHedge = 'range'; next = p2.next; bare = false; isYear = false; }
    }
    if (rangeByPrefix && high === null) { i = startTok + 1; continue; }
    const post = toks[next] ? matchSeq(toks, next, c.postHedges.get(toks[next]!.norm)) : null;
    const lastNumTok = next - 1;
    if (isExcluded(toks, numStart, lastNumTok, c, text, folded)) { i = next; continue; }
    const noun = findNoun(toks, post ? next + post.seq.length : next, c);
    if (isYear && !(noun && c.people.has(fold(noun.text)) && noun.start === toks[next]?.start)) { i = next; continue; }
    if (bare && !hedge) {
      const peopleNoun = noun !== null && c.people.has(fold(noun.text));
      if (!options.articles || !peopleNoun) { i = next; continue; }
    }
    if (post) { if (qHedge === 'exact') qHedge = post.hedge; next += post.seq.length; }
    const start = toks[startTok]!.start;
    const end = toks[next - 1]!.end;
    out.push({ start, end, text: text.slice(start, end), value, high, hedge: qHedge, noun });
    i = next;
  }
  return out;
}

/** Article counts ("a soldier") are found with options.articles; plain "a"/"an" are articles in English only. */
function isPeople(noun: Span | null): boolean {
  if (!noun) return false;
  const n = fold(noun.text);
  return compiled('en').people.has(n) || compiled('fr').people.has(n);
}

function isUmbrella(noun: Span | null): boolean {
  if (!noun) return false;
  const n = fold(noun.text);
  return compiled('en').umbrella.has(n) || compiled('fr').umbrella.has(n);
}

const JOIN_RE = /^\s*,?\s*(?:and|et|as well as|plus|ainsi que)\s+$/u;
// One word after a noun before the comma or the conjunction: a French adjective ("un soldat malien et dix
// combattants"), never a verb of harm that would end the subject ("three soldiers killed and two wounded").
const POSTNOMINAL_RE = /^\s+(?!(?:and|et|as|plus|ainsi|tues?|tuees?|blesses?|blessees?|morts?|killed|wounded|injured|dead|died|enleves?|enlevees?|kidnappes?|arretes?|abducted|kidnapped|arrested|were|was|ont|a|sont)\b)[\p{L}'-]+(?=\s*,)|^\s+(?!(?:and|et|as|plus|ainsi|tues?|tuees?|blesses?|blessees?|morts?|killed|wounded|injured|dead|died|enleves?|enlevees?|kidnappes?|arretes?|abducted|kidnapped|arrested|were|was|ont|a|sont)\b)[\p{L}'-]+(?=\s+(?:and|et|as well as|plus|ainsi que)\s)/u;
const COMMA_RE = /^\s*,\s*$/u;

function combineHedges(hs: Hedge[]): Hedge {
  if (hs.includes('range')) return 'range';
  const set = new Set(hs);
  if (set.size === 1) return hs[0]!;
  if ([...set].every((h) => h === 'exact' || h === 'at_least')) return 'at_least';
  if ([...set].every((h) => h === 'exact' || h === 'at_most')) return 'at_most';
  return 'approx';
}

/**
 * Joins coordinated counts of people into one: "three soldiers and two gendarmes" = 5,
 * "two soldiers and a civilian" = 3 (find the article count with { articles: true }),
 * "three soldiers, two gendarmes and a civilian" = 6 (commas only inside a list closed by a conjunction).
 * The sum keeps the first part's noun and lists its parts; everything else passes through unchanged.
 */
export function sumCoordinated(quantities: Quantity[], text: string): Quantity[] {
  const qs = [...quantities].sort((a, b) => a.start - b.start);
  const out: Quantity[] = [];
  let k = 0;
  while (k < qs.length) {
    const group: Quantity[] = [qs[k]!];
    let closed = false;
    while (k + group.length < qs.length && isPeople(group[group.length - 1]!.noun)) {
      const prev = group[group.length - 1]!;
      const nxt = qs[k + group.length]!;
      if (!isPeople(nxt.noun)) break;
      const gap = fold(text.slice(prev.noun!.end, nxt.start)).replace(POSTNOMINAL_RE, '');
      if (JOIN_RE.test(gap)) { group.push(nxt); closed = true; break; }
      if (COMMA_RE.test(gap)) { group.push(nxt); continue; }
      break;
    }
    if (!closed || !isPeople(group[0]!.noun)) { out.push(qs[k]!); k++; continue; }
    const first = group[0]!;
    const last = group[group.length - 1]!;
    const end = last.noun ? Math.max(last.end, last.noun.end) : last.end;
    // "five civilians, two children, two old men and a woman": a count of people of every kind, then the kinds
    // that make it up (three soldiers, two gendarmes and a civilian are six)
    const rest = group.slice(1).reduce((n, q) => n + q.value, 0);
    if (isUmbrella(first.noun) && rest === first.value && first.high === null && COMMA_RE.test(fold(text.slice(first.noun!.end, group[1]!.start)))) {
      out.push({ ...first, end, text: text.slice(first.start, end), parts: group.slice(1) });
      k += group.length;
      continue;
    }
    const anyHigh = group.some((q) => q.high !== null);
    out.push({
      start: first.start,
      end,
      text: text.slice(first.start, end),
      value: group.reduce((s, q) => s + q.value, 0),
      high: anyHigh ? group.reduce((s, q) => s + (q.high ?? q.value), 0) : null,
      hedge: combineHedges(group.map((q) => q.hedge)),
      noun: first.noun,
      parts: group,
    });
    k += group.length;
  }
  return out;
}
