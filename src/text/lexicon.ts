// The text tools' word lists (data/lexicons/<lang>/*.yaml), each loaded and validated once per language.
// Keys are folded at load so that the YAML can be written either way and matching is on fold()ed text.
import { z } from 'zod';
import { loadDataFile } from '../domain/data-file.ts';
import type { Lang } from '../domain/schemas.ts';
import { fold } from './fold.ts';

const HedgeEnum = z.enum(['exact', 'at_least', 'at_most', 'approx', 'vague', 'range']);
const PartEnum = z.enum(['start', 'middle', 'end', 'weekend']);
const WhichEnum = z.enum(['this', 'last']);

export const NumbersLexiconSchema = z.object({
  units: z.record(z.string(), z.number()),
  tens: z.record(z.string(), z.number()),
  scales: z.record(z.string(), z.number()),
  inner_and: z.array(z.string()),
  vague: z.array(z.object({ phrase: z.string(), value: z.number(), hedge: HedgeEnum })),
  hedges: z.array(z.object({ phrase: z.string(), hedge: HedgeEnum })),
  post_hedges: z.array(z.object({ phrase: z.string(), hedge: HedgeEnum })),
  range_joiners: z.array(z.string()),
  range_prefix: z.array(z.string()),
  range_prefix_joiner: z.string(),
  articles: z.array(z.string()),
  of_words: z.array(z.string()),
  determiners: z.array(z.string()),
  modifiers: z.array(z.string()),
  modifier_suffixes: z.array(z.string()),
  non_nouns: z.array(z.string()),
  people_nouns: z.array(z.string()),
  /** nouns that hold every kind of person ("people", "civils"): a count of them can be detailed by the kinds that follow */
  umbrella_nouns: z.array(z.string()),
  excluded_after: z.array(z.string()),
  excluded_before: z.array(z.string()),
});
export type NumbersLexicon = z.infer<typeof NumbersLexiconSchema>;

export const DatesLexiconSchema = z.object({
  months: z.record(z.string(), z.number().int().min(1).max(12)),
  weekdays: z.record(z.string(), z.number().int().min(0).max(6)),
  relative_days: z.array(z.object({ phrase: z.string(), offset: z.number().int() })),
  weeks: z.array(z.object({ phrase: z.string(), which: WhichEnum, part: PartEnum })),
  relative_months: z.array(z.object({ phrase: z.string(), which: WhichEnum, part: PartEnum })),
  month_parts: z.array(z.object({ phrase: z.string(), part: PartEnum })),
  ago_suffix: z.array(z.string()),
  ago_prefix: z.array(z.string()),
  day_units: z.record(z.string(), z.number().int()),
  night_prefixes: z.array(z.string()),
  night_joiners: z.array(z.string()),
  event_after: z.array(z.string()),
  event_before: z.array(z.string()),
  event_fixed: z.array(z.object({ phrase: z.string(), offset: z.number().int() })),
  /** "in retaliation for", "en représailles à": another event named as the cause, without days between */
  event_cause: z.array(z.string()),
  next_words: z.array(z.string()),
  anchor_stops: z.array(z.string()),
  determiners: z.array(z.string()),
});
export type DatesLexicon = z.infer<typeof DatesLexiconSchema>;

export const AttributionLexiconSchema = z.object({
  according_to: z.array(z.string()),
  said_verbs: z.array(z.string()),
  claim_verbs: z.array(z.string()),
  inverted_verbs: z.array(z.string()),
  passive_claim: z.array(z.string()),
  learned_from: z.array(z.string()),
  channel_nouns: z.array(z.string()),
  channel_publish: z.array(z.string()),
  channel_preps: z.array(z.string()),
  told_preps: z.array(z.string()),
  toll_verbs: z.array(z.string()),
  toll_nouns: z.array(z.string()),
  toll_preps: z.array(z.string()),
  reportedly: z.array(z.string()),
  hedges: z.array(z.string()),
  determiners: z.array(z.string()),
  np_stops: z.array(z.string()),
});
export type AttributionLexicon = z.infer<typeof AttributionLexiconSchema>;

function foldKeys<V>(rec: Record<string, V>): Record<string, V> {
  const out: Record<string, V> = {};
  for (const [k, v] of Object.entries(rec)) out[fold(k)] = v;
  return out;
}

const cache = new Map<string, unknown>();
function load<T>(key: string, make: () => T): T {
  let hit = cache.get(key) as T | undefined;
  if (hit === undefined) {
    hit = make();
    cache.set(key, hit);
  }
  return hit;
}

export function numbersLexicon(lang: Lang): NumbersLexicon {
  return load(`numbers/${lang}`, () => {
    const l = loadDataFile(`lexicons/${lang}/numbers.yaml`, NumbersLexiconSchema);
    return { ...l, units: foldKeys(l.units), tens: foldKeys(l.tens), scales: foldKeys(l.scales) };
  });
}

export function datesLexicon(lang: Lang): DatesLexicon {
  return load(`dates/${lang}`, () => {
    const l = loadDataFile(`lexicons/${lang}/dates.yaml`, DatesLexiconSchema);
    return { ...l, months: foldKeys(l.months), weekdays: foldKeys(l.weekdays), day_units: foldKeys(l.day_units) };
  });
}

export function attributionLexicon(lang: Lang): AttributionLexicon {
  return load(`attribution/${lang}`, () => loadDataFile(`lexicons/${lang}/attribution.yaml`, AttributionLexiconSchema));
}

/** A phrase list as one regex alternation, longest first, spaces matching any whitespace, on folded text. */
export function phraseAlternation(phrases: readonly string[]): string {
  return [...new Set(phrases.map((p) => fold(p.trim())))]
    .sort((a, b) => b.length - a.length)
    .map((p) => p.split(/\s+/).map(escapeRegex).join('\\s+'))
    .join('|');
}

export function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Boundaries for a folded phrase: not inside a word. */
export const WB_BEFORE = '(?<![\\p{L}\\p{N}])';
export const WB_AFTER = '(?![\\p{L}\\p{N}])';
