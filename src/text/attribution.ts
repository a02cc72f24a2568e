// Who said it, through what, and when: attributions and hedges in one sentence.
// Offsets are relative to the string passed (callers pass a sentence and add its start).
// claimant is the noun phrase as written, without leading determiners ("the defence ministry" -> "defence
// ministry"); proper names are kept whole, with a parenthesised acronym ("... wal-Muslimin (JNIM)").
// A channel is where it was said: a medium ("told AFP", "on Az Zallaqa", "à l'AFP") or, failing one, the kind
// of statement ("in a statement" -> "statement"). A sentence-level channel phrase ("In a statement released on
// Az Zallaqa on October 3, ...") is attached to the sentence's first verb attribution, with its date.
import type { Lang, Span } from '../domain/schemas.ts';
import { fold } from './fold.ts';
import { findDates, type DateContext } from './dates.ts';
import { attributionLexicon, phraseAlternation, WB_AFTER, WB_BEFORE } from './lexicon.ts';
import { tokenize, type Token } from './segment.ts';

export interface Attribution {
  start: number;
  end: number;
  text: string;
  claimant: string;
  claimantSpan: Span | null;
  channel: string | null;
  channelSpan: Span | null;
  date: string | null;
  verb: string;
  kind: 'said' | 'claimed' | 'reportedly';
}

type Seq = string[];
interface Compiled {
  lang: Lang;
  accordingTo: Seq[];
  said: Set<string>;
  claim: Set<string>;
  inverted: Set<string>;
  passive: Seq[];
  learned: Seq[];
  channelNouns: Seq[];
  publish: Set<string>;
  channelPreps: Set<string>;
  toldPreps: Seq[];
  tollVerbs: Set<string>;
  tollNouns: Seq[];
  tollPreps: Set<string>;
  reportedly: Seq[];
  determiners: Set<string>;
  stops: Set<string>;
  hedgeRe: RegExp;
}

const seqs = (xs: readonly string[]): Seq[] =>
  xs.map((x) => x.trim().split(/\s+/).map((w) => fold(w))).sort((a, b) => b.length - a.length);
const set = (xs: readonly string[]): Set<string> => new Set(xs.map((x) => fold(x)));

const compiledByLang = new Map<Lang, Compiled>();
function compile(lang: Lang): Compiled {
  const hit = compiledByLang.get(lang);
  if (hit) return hit;
  const l = attributionLexicon(lang);
  const c: Compiled = {
    lang,
    accordingTo: seqs(l.according_to),
    said: set(l.said_verbs),
    claim: set(l.claim_verbs),
    inverted: set(l.inverted_verbs),
    passive: seqs(l.passive_claim),
    learned: seqs(l.learned_from),
    channelNouns: seqs(l.channel_nouns),
    publish: set(l.channel_publish),
    channelPreps: set(l.channel_preps),
    toldPreps: seqs(l.told_preps),
    tollVerbs: set(l.toll_verbs),
    tollNouns: seqs(l.toll_nouns),
    tollPreps: set(l.toll_preps),
    reportedly: seqs(l.reportedly),
    determiners: set(l.determiners),
    stops: set(l.np_stops),
    hedgeRe: new RegExp(`${WB_BEFORE}(?:${phraseAlternation(l.hedges)})${WB_AFTER}`, 'gu'),
  };
  compiledByLang.set(lang, c);
  return c;
}

function seqAt(toks: Token[], i: number, list: Seq[]): number {
  for (const s of list) {
    let ok = true;
    for (let k = 0; k < s.length; k++) if (toks[i + k]?.norm !== s[k]) { ok = false; break; }
    if (ok) return s.length;
  }
  return 0;
}

const WORD = /^[\p{L}\p{N}]/u;
const UPPER = /^[\p{Lu}\p{N}]/u;
const CONNECTORS = new Set(['of', 'the', 'for', 'de', 'du', 'des', 'la', "l'", "d'", 'al', 'wal', "'s", 'and', 'et', '-']);
const NAME_LINKS = new Set(['in', 'of', 'the', 'for', 'and', 'de', 'du', 'des', 'la', "l'", "d'", 'au', 'aux', 'et', 'a']);
const AUX_FR = new Set(['a', 'ont', 'avait', 'avaient', 'aurait', 'auraient']);
const ADVERBS = /^(?:later|also|previously|subsequently|separately|earlier|again|further|egalement|aussi|ensuite|encore)$|ly$/u;

interface NP { start: number; end: number; first: number; last: number }

/** A noun phrase starting at token i: proper names stop at the first lowercase non-connector word. */
function forwardNP(toks: Token[], i: number, c: Compiled, maxWords = 10): NP | null {
  const englishNames = c.lang === 'en';
  let j = i;
  while (toks[j] && c.determiners.has(toks[j]!.norm)) j++;
  const first = j;
  let last = -1;
  let proper = false;
  let words = 0;
  for (; j < toks.length && words < maxWords; j++) {
    const t = toks[j]!;
    if (t.text === '(') {
      const close = toks.findIndex((x, k) => k > j && x.text === ')');
      if (close < 0 || close - j > 6) break;
      last = close;
      j = close;
      continue;
    }
    if (!WORD.test(t.text) && t.norm !== "'s" && t.text !== '-') break;
    // "Islamic State in the Greater Sahara", "État islamique au Grand Sahara": small words inside a name
    if (last >= 0 && proper && NAME_LINKS.has(t.norm)) {
      let k = j;
      while (toks[k] && NAME_LINKS.has(toks[k]!.norm)) k++;
      if (toks[k] && UPPER.test(toks[k]!.text) && WORD.test(toks[k]!.text)) { j = k - 1; continue; }
    }
    if (c.stops.has(t.norm) && !(CONNECTORS.has(t.norm) && last >= 0)) break;
    // English names stop at the first lowercase word ("... (JNIM) targeted"); French names go on ("État islamique")
    if (proper && englishNames && !UPPER.test(t.text) && !CONNECTORS.has(t.norm) && !/^(?:al|wal|ag|ould|ben|bin)-/u.test(t.norm)) break;
    if (last < 0 && UPPER.test(t.text)) proper = true;
    last = j;
    words++;
  }
  // a trailing connector is not part of the phrase ("the General Staff of")
  while (last >= first && CONNECTORS.has(toks[last]!.norm)) last--;
  if (last < first) return null;
  return { start: toks[first]!.start, end: toks[last]!.end, first, last };
}

/** Where "put the death toll at" / "établi le bilan à" ends (its preposition's token), starting at its verb; -1 if it is not one. */
function tollPhraseEnd(toks: Token[], i: number, c: Compiled): number {
  if (!c.tollVerbs.has(toks[i]!.norm)) return -1;
  let j = i + 1;
  while (toks[j] && c.determiners.has(toks[j]!.norm)) j++;
  const n = seqAt(toks, j, c.tollNouns);
  if (n === 0) return -1;
  return toks[j + n] && c.tollPreps.has(toks[j + n]!.norm) ? j + n : -1;
}

/** A medium's name: capitalised words, with small linking words inside ("Studio Tamani", "Radio France internationale" stops at the lowercase word). */
function properNP(toks: Token[], i: number, c: Compiled, maxWords = 5): NP | null {
  let j = i;
  while (toks[j] && c.determiners.has(toks[j]!.norm)) j++;
  const first = j;
  let last = -1;
  for (let words = 0; j < toks.length && words < maxWords; j++) {
    const t = toks[j]!;
    if (UPPER.test(t.text) && WORD.test(t.text)) { last = j; words++; continue; }
    if (last >= 0 && NAME_LINKS.has(t.norm) && toks[j + 1] && UPPER.test(toks[j + 1]!.text) && WORD.test(toks[j + 1]!.text)) continue;
    break;
  }
  if (last < first) return null;
  return { start: toks[first]!.start, end: toks[last]!.end, first, last };
}

/** The subject noun phrase ending at token i (inclusive), read right to left. */
function backwardNP(toks: Token[], i: number, c: Compiled): NP | null {
  while (i >= 0 && ADVERBS.test(toks[i]!.norm) && !UPPER.test(toks[i]!.text)) i--; // "JNIM later said"
  const last = i;
  let j = i;
  let words = 0;
  for (; j >= 0 && words < 8; j--) {
    const t = toks[j]!;
    if (t.text === ')') {
      let open = j - 1;
      while (open >= 0 && toks[open]!.text !== '(') open--;
      if (open < 0 || j - open > 6) break;
      j = open;
      continue;
    }
    if (!WORD.test(t.text) && t.norm !== "'s" && t.text !== '-') break;
    if (c.stops.has(t.norm) && !(CONNECTORS.has(t.norm) && j < last)) break;
    words++;
  }
  let first = j + 1;
  while (first <= last && (c.determiners.has(toks[first]!.norm) || CONNECTORS.has(toks[first]!.norm))) first++;
  if (first > last) return null;
  return { start: toks[first]!.start, end: toks[last]!.end, first, last };
}

function span(text: string, start: number, end: number): Span { return { start, end, text: text.slice(start, end) }; }

export function findAttributions(text: string, lang: Lang, ctx: DateContext): Attribution[] {
  const c = compile(lang);
  const toks = tokenize(text);
  const out: Attribution[] = [];
  const push = (a: Omit<Attribution, 'text'>): void => { out.push({ ...a, text: text.slice(a.start, a.end) }); };
  const claimantOf = (np: NP | null): { claimant: string; claimantSpan: Span | null } =>
    np ? { claimant: text.slice(np.start, np.end), claimantSpan: span(text, np.start, np.end) } : { claimant: '', claimantSpan: null };

  // 1. Sentence-level channel phrase: "In a statement released on Az Zallaqa on October 3," / "dans un communiqué publié sur ..."
  let sentenceChannel: { span: Span; kindSpan: Span; date: string | null; end: number } | null = null;
  for (let i = 0; i < toks.length && !sentenceChannel; i++) {
    if (!(toks[i]!.norm === 'in' || toks[i]!.norm === 'dans')) continue;
    let j = i + 1;
    while (toks[j] && c.determiners.has(toks[j]!.norm)) j++;
    const n = seqAt(toks, j, c.channelNouns);
    if (!n) continue;
    const kindSpan = span(text, toks[j]!.start, toks[j + n - 1]!.end);
    j += n;
    let medium: Span | null = null;
    if (toks[j] && c.publish.has(toks[j]!.norm)) j++;
    if (toks[j] && c.channelPreps.has(toks[j]!.norm)) {
      const np = properNP(toks, j + 1, c);
      if (np) { medium = span(text, np.start, np.end); j = np.last + 1; }
    }
    const tailEnd = toks.slice(j).find((t) => t.text === ',')?.start ?? toks[Math.min(j, toks.length - 1)]!.end;
    const dates = findDates(text.slice(toks[i]!.start, tailEnd), ctx);
    sentenceChannel = { span: medium ?? kindSpan, kindSpan, date: dates[0]?.date ?? null, end: Math.max(tailEnd, kindSpan.end) };
  }

  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    // 2. "according to X", "selon X", "d'après X"
    const acc = seqAt(toks, i, c.accordingTo);
    if (acc) {
      const np = forwardNP(toks, i + acc, c);
      if (!np) continue;
      // "according to a statement from the General Staff": the statement is the channel, the Staff the claimant
      let j = i + acc;
      while (toks[j] && c.determiners.has(toks[j]!.norm)) j++;
      const chan = seqAt(toks, j, c.channelNouns);
      let claimantNP: NP | null = np;
      let channel: Span | null = null;
      if (chan) {
        channel = span(text, toks[j]!.start, toks[j + chan - 1]!.end);
        let k = j + chan;
        if (toks[k] && c.publish.has(toks[k]!.norm)) k++;
        if (toks[k] && ['from', 'by', 'of', 'de', 'du', 'des', "d'", 'par'].includes(toks[k]!.norm)) claimantNP = forwardNP(toks, k + 1, c);
        else claimantNP = null;
      }
      push({ start: t.start, end: np.end, ...claimantOf(claimantNP), channel: channel?.text ?? null, channelSpan: channel, date: null,
        verb: text.slice(t.start, toks[i + acc - 1]!.end), kind: 'said' });
      i = np.last;
      continue;
    }
    // 3. "claimed by X", "revendiquée par X"
    const pas = seqAt(toks, i, c.passive);
    if (pas) {
      const np = forwardNP(toks, i + pas, c);
      if (np) {
        push({ start: t.start, end: np.end, ...claimantOf(np), channel: null, channelSpan: null, date: null, verb: t.text, kind: 'claimed' });
        i = np.last;
      }
      continue;
    }
    // 4. "a appris Studio Tamani de sources sécuritaires": the medium learned it from the claimant
    const learned = seqAt(toks, i, c.learned);
    if (learned) {
      const chan = properNP(toks, i + learned, c);
      if (chan && toks[chan.last + 1] && ['de', 'des', "d'", 'du', 'aupres'].includes(toks[chan.last + 1]!.norm)) {
        let k = chan.last + 1;
        if (toks[k]!.norm === 'aupres') k++;
        const np = forwardNP(toks, k + 1, c);
        push({ start: t.start, end: (np ?? chan).end, ...claimantOf(np), channel: text.slice(chan.start, chan.end),
          channelSpan: span(text, chan.start, chan.end), date: null, verb: text.slice(t.start, toks[i + learned - 1]!.end), kind: 'said' });
        i = (np ?? chan).last;
      }
      continue;
    }
    // 5. "reportedly", "allegedly"; French conditional "aurait"
    const rep = seqAt(toks, i, c.reportedly);
    if (rep) {
      const end = toks[i + rep - 1]!.end;
      push({ start: t.start, end, claimant: '', claimantSpan: null, channel: null, channelSpan: null, date: null, verb: text.slice(t.start, end), kind: 'reportedly' });
      continue;
    }
    // 6. a source giving the toll: "the rebels put the death toll at 12", "l'armée a établi le bilan à 12 morts"
    const tollEnd = tollPhraseEnd(toks, i, c);
    if (tollEnd >= 0) {
      const verbStart = lang === 'fr' && toks[i - 1] && AUX_FR.has(toks[i - 1]!.norm) ? i - 1 : i;
      const np = backwardNP(toks, verbStart - 1, c);
      if (np) {
        const end = toks[tollEnd]!.end;
        push({ start: np.start, end, ...claimantOf(np), channel: null, channelSpan: null, date: null, verb: text.slice(toks[verbStart]!.start, end), kind: 'said' });
        i = tollEnd;
        continue;
      }
    }
    // 7. said/claimed verbs
    const isClaim = c.claim.has(t.norm);
    if (!isClaim && !c.said.has(t.norm)) continue;
    if (t.norm === 'read' || t.norm === 'reads') {
      // only "..., the statement read": a statement noun right before
      if (!toks[i - 1] || !seqAt(toks, i - 1, c.channelNouns)) continue;
    }
    let verbStart = i;
    if (lang === 'fr') {
      if (toks[i - 1] && AUX_FR.has(toks[i - 1]!.norm)) verbStart = i - 1;
      else if (!/(?:e|ent|it|t)$/u.test(t.norm)) continue;
    }
    const prev = toks[verbStart - 1];
    const afterQuoteOrComma = !prev || prev.text === ',' || /^["”“»«']$/u.test(prev.norm) || prev.text === '—';
    let np: NP | null = null;
    let channel: Span | null = null;
    let after = i + 1;
    // the medium: "told AFP", "a indiqué à l'AFP", "said in a statement", "said on Twitter"
    if (t.norm === 'told') {
      const ch = properNP(toks, after, c) ?? forwardNP(toks, after, c, 3); // "told AFP", "told reporters"
      if (ch) { channel = span(text, ch.start, ch.end); after = ch.last + 1; }
    } else {
      const tp = seqAt(toks, after, c.toldPreps);
      if (tp) {
        const ch = properNP(toks, after + tp, c);
        if (ch) { channel = span(text, ch.start, ch.end); after = ch.last + 1; }
      } else if (toks[after] && (toks[after]!.norm === 'in' || toks[after]!.norm === 'on' || toks[after]!.norm === 'dans')) {
        let k = after + 1;
        while (toks[k] && c.determiners.has(toks[k]!.norm)) k++;
        const n = seqAt(toks, k, c.channelNouns);
        if (n) { channel = span(text, toks[k]!.start, toks[k + n - 1]!.end); after = k + n; }
        else if (toks[after]!.norm === 'on' && toks[k] && UPPER.test(toks[k]!.text) && !/day$/u.test(toks[k]!.norm)) {
          const ch = properNP(toks, k, c, 3); // "said on Twitter"
          if (ch) { channel = span(text, ch.start, ch.end); after = ch.last + 1; }
        }
      }
    }
    if (afterQuoteOrComma && (lang === 'fr' || c.inverted.has(t.norm))) np = forwardNP(toks, after, c);
    else np = backwardNP(toks, verbStart - 1, c);
    if (!np) continue;
    const verb = text.slice(toks[verbStart]!.start, t.end);
    let date: string | null = null;
    if (sentenceChannel) {
      if (!channel || (channel.text === sentenceChannel.kindSpan.text)) channel = sentenceChannel.span;
      date = sentenceChannel.date;
    }
    const start = Math.min(np.start, toks[verbStart]!.start);
    const end = Math.max(np.end, t.end, channel?.end ?? 0);
    push({ start, end, ...claimantOf(np), channel: channel?.text ?? null, channelSpan: channel, date, verb, kind: isClaim ? 'claimed' : 'said' });
    sentenceChannel = null; // attached once
  }
  return out;
}

/** Words that hedge a fact: "reportedly", "allegedly", "suspected", "présumés", French conditional "auraient". */
export function findHedges(text: string, lang: Lang): Span[] {
  const c = compile(lang);
  const folded = fold(text);
  const out: Span[] = [];
  for (const m of folded.matchAll(c.hedgeRe)) out.push(span(text, m.index, m.index + m[0].length));
  return out;
}
