// Finds actor mentions in a text: named groups from the dictionary, and generic readings built as
// [modifiers] NOUN [modifiers] ("suspected Fulani militiamen", "hommes armés non identifiés").
// One left-to-right pass over the tokens; at each token the longest reading wins and the scan jumps
// past it, so mentions never overlap and the cost is linear in the text (trie walks are bounded by
// the longest phrase).
import type { Lang } from '../domain/index.ts';
import type { Core, NamedEntry } from './schema.ts';
import { dictionary, type CoreHit, type Dictionary, type LangTables, type Modifier } from './dictionary.ts';
import { continues, tokenize, type Token } from './tokens.ts';
import type { ActorKind, ActorMention, Cue } from './types.ts';

const MAX_MODIFIERS = 4;

interface Candidate {
  /** Token range. */
  from: number;
  to: number;
  entryId: string;
  kind: ActorKind;
  country: string | null;
  ethnicity: string | null;
  plural: boolean;
  cues: Cue[];
  named: boolean;
}

export function findActorMentions(text: string, lang: Lang): ActorMention[] {
  const dict = dictionary();
  const tables = dict.lang[lang];
  const tokens = tokenize(text);
  const out: ActorMention[] = [];
  let i = 0;
  while (i < tokens.length) {
    const named = matchNamed(dict, tables, tokens, i);
    const generic = matchGeneric(dict, tables, tokens, i);
    // Longest wins; on a tie the named reading does ("Dozo hunters" is the Dozo, not hunters).
    const best = generic && (!named || generic.to > named.to) ? generic : named;
    if (!best) {
      i++;
      continue;
    }
    out.push(toMention(text, tokens, best));
    i = best.to;
  }
  return out;
}

function toMention(text: string, tokens: readonly Token[], c: Candidate): ActorMention {
  const start = (tokens[c.from] as Token).start;
  const end = (tokens[c.to - 1] as Token).end;
  const mention: ActorMention = {
    start,
    end,
    text: text.slice(start, end),
    entryId: c.entryId,
    kind: c.kind,
    country: c.country,
    ethnicity: c.ethnicity,
    plural: c.plural,
  };
  if (c.cues.length > 0) mention.cues = c.cues;
  return mention;
}

/** A named group, with a member noun after it absorbed ("JNIM fighters", "Barkhane troops"). */
function matchNamed(dict: Dictionary, tables: LangTables, tokens: readonly Token[], i: number): Candidate | null {
  const hit = dict.named.longest(tokens, i);
  if (!hit) return null;
  const entry = hit.value;
  const cand = namedCandidate(entry, i, hit.end);
  const suffix = continues(tokens, hit.end) ? tables.cores.longest(tokens, hit.end) : null;
  if (suffix && suffix.value.ethnicity === null && canBeMembersOf(suffix.value.core, entry)) {
    cand.to = suffix.end;
    cand.plural = isPlural(tokens[suffix.end - 1] as Token);
  }
  return cand;
}

function namedCandidate(entry: NamedEntry, from: number, to: number): Candidate {
  return {
    from,
    to,
    entryId: entry.id,
    kind: entry.kind ?? 'named',
    country: entry.state ?? null,
    ethnicity: null,
    plural: false,
    cues: [],
    named: true,
  };
}

/** "fighters" can be JNIM's, "soldiers" only a state's or a mission's. */
function canBeMembersOf(core: Core, entry: NamedEntry): boolean {
  const entryIsForces = entry.kind === 'state' || entry.kind === 'external';
  if (core.kind === 'state' || core.kind === 'police') return entryIsForces;
  // Neutral nouns ("members", "éléments", "men") can belong to anyone; "fighters", "gunmen" not to an army.
  if (core.needs !== undefined) return true;
  return core.member === true && !entryIsForces;
}

interface Reading {
  from: number;
  coreStart: number;
  coreEnd: number;
  to: number;
  hit: CoreHit;
  mods: Modifier[];
}

/** The best generic reading starting at token i, possibly merged with a group it belongs to. */
function matchGeneric(dict: Dictionary, tables: LangTables, tokens: readonly Token[], i: number): Candidate | null {
  let best: Candidate | null = null;
  for (const reading of readings(tables, tokens, i)) {
    const cand = judge(dict, tables, tokens, reading);
    if (cand && (!best || cand.to > best.to)) best = cand;
  }
  return best;
}

/**
 * Every way to read tokens from i as pre-modifiers, a noun and post-modifiers. Pre-modifiers are tried
 * at each boundary because a modifier word can also begin a noun ("displaced" / "displaced people").
 */
function* readings(tables: LangTables, tokens: readonly Token[], i: number): Generator<Reading> {
  const boundaries: { at: number; mods: Modifier[] }[] = [{ at: i, mods: [] }];
  for (let k = 0; k < MAX_MODIFIERS; k++) {
    const last = boundaries[boundaries.length - 1] as { at: number; mods: Modifier[] };
    const m = tables.pre.longest(tokens, last.at);
    if (!m || !continues(tokens, m.end)) break;
    boundaries.push({ at: m.end, mods: [...last.mods, m.value] });
  }
  for (const b of boundaries) {
    for (const core of tables.cores.all(tokens, b.at)) {
      const mods = [...b.mods];
      let to = core.end;
      for (let k = 0; k < MAX_MODIFIERS; k++) {
        const m = continues(tokens, to) ? tables.post.longest(tokens, to) : null;
        if (!m) break;
        mods.push(m.value);
        to = m.end;
      }
      yield { from: i, coreStart: b.at, coreEnd: core.end, to, hit: core.value, mods };
    }
  }
}

/** Applies the reading rules: what qualifies a noun, and how cues turn one kind into another. */
function judge(dict: Dictionary, tables: LangTables, tokens: readonly Token[], r: Reading): Candidate | null {
  const core = r.hit.core;
  const cues: Cue[] = [];
  let country: string | null = null;
  let ethnicity = r.hit.ethnicity;
  for (const m of r.mods) {
    if (m.cue && !cues.includes(m.cue)) cues.push(m.cue);
    if (m.country) country ??= m.country;
    if (m.ethnicity) ethnicity ??= m.ethnicity;
  }
  const armed = cues.includes('armed') || cues.includes('unknown');
  const qualified = armed || cues.includes('angry') || country !== null || ethnicity !== null;

  const linked = matchLinked(dict, tables, tokens, r.to, core);
  if (linked) {
    linked.from = r.from;
    linked.plural = isPlural(tokens[r.coreEnd - 1] as Token);
    linked.ethnicity ??= ethnicity;
    linked.country ??= country;
    for (const c of cues) if (!linked.cues.includes(c)) linked.cues.push(c);
    return linked;
  }
  if (core.needs === 'link') return null;
  if (core.needs === 'qualifier' && !qualified) return null;

  let kind: ActorKind = core.kind;
  if (core.unqualifiedKind && !armed) kind = core.unqualifiedKind;
  const islamist = core.islamist === true || cues.includes('islamist');
  if (islamist && !cues.includes('islamist')) cues.push('islamist');
  if (ethnicity !== null && ((kind === 'unidentified' && !islamist) || kind === 'communal_militia')) kind = 'ethnic_militia';
  if (kind === 'civilians' && cues.includes('angry')) kind = 'rioters';

  return {
    from: r.from,
    to: r.to,
    entryId: core.id,
    kind,
    country,
    ethnicity,
    plural: isPlural(tokens[r.coreEnd - 1] as Token),
    cues,
    named: false,
  };
}

/** "<members> of <group>": "fighters of the JNIM", "éléments de la katiba Macina", "soldiers of the Malian army". */
function matchLinked(dict: Dictionary, tables: LangTables, tokens: readonly Token[], at: number, core: Core): Candidate | null {
  const link = continues(tokens, at) ? tables.links.longest(tokens, at) : null;
  if (!link || !continues(tokens, link.end)) return null;
  const named = dict.named.longest(tokens, link.end);
  if (named) {
    if (!canBeMembersOf(core, named.value)) return null;
    const cand = namedCandidate(named.value, at, named.end);
    cand.plural = true;
    return cand;
  }
  if (core.kind !== 'state' && core.kind !== 'police') return null;
  const target = matchGeneric(dict, tables, tokens, link.end);
  if (!target || (target.kind !== 'state' && target.kind !== 'police')) return null;
  return target;
}

/** Number of a noun from its last word: English/French plurals end in s or x; a few English ones do not. */
const IRREGULAR_PLURALS = new Set(['men', 'women', 'children', 'people', 'police', 'gunmen', 'policemen', 'militiamen', 'herdsmen', 'fishermen', 'servicemen', 'military', 'youth', 'mob', 'crowd', 'foule', 'population']);
function isPlural(t: Token): boolean {
  const w = t.folded;
  if (IRREGULAR_PLURALS.has(w) || w.endsWith('men')) return true;
  if (t.cased === t.cased.toUpperCase()) return false; // acronyms
  return w.length > 3 && (w.endsWith('s') || w.endsWith('x')) && !w.endsWith('ss');
}
