// The per-language event lexicon (data/lexicons/<lang>/events.yaml and people.yaml), compiled once.
// Adding a language is adding its two YAML files; the coder never sees a word list directly.
import { z } from 'zod';
import { loadDataFile, type Lang } from '../domain/index.ts';

export const CUE_KINDS = [
  'air_strike',
  'shelling',
  'suicide',
  'grenade',
  'ied',
  'abduction',
  'sexual',
  'ambush',
  'clash',
  'attack',
  'kill',
  'protest',
  'intervention',
  'riot',
  'mob',
  'arrest',
  'looting',
  'weapons_seized',
  'agreement',
  'overtake',
  'regain',
  'withdrawal',
  'group_change',
  'base',
  'other',
] as const;
export type CueKind = (typeof CUE_KINDS)[number];

export const MODALITIES = ['future', 'negation', 'commentary', 'aggregate', 'anniversary'] as const;
export type Modality = (typeof MODALITIES)[number];

export const PEOPLE_SIDES = ['civilian', 'state', 'armed'] as const;
export type PeopleSide = (typeof PEOPLE_SIDES)[number];

const EventsFileSchema = z.object({
  cues: z.array(
    z.object({
      kind: z.enum(CUE_KINDS),
      voice: z.enum(['active', 'passive']).optional(),
      patterns: z.array(z.string().min(1)).min(1),
    }),
  ),
  modality: z.record(z.enum(MODALITIES), z.array(z.string().min(1))),
  blame: z.object({ after: z.array(z.string().min(1)), before: z.array(z.string().min(1)) }),
});

const PeopleFileSchema = z.record(z.enum(PEOPLE_SIDES), z.array(z.string().min(1)));

export interface EventLexicon {
  /** One regex per cue kind and voice over folded text, global, word-bounded. */
  cues: { kind: CueKind; passive: boolean; regex: RegExp }[];
  modality: { kind: Modality; regex: RegExp }[];
  blameAfter: RegExp;
  blameBefore: RegExp;
  /** Matches a whole folded noun (anchored): which side a counted noun is on. */
  people: { side: PeopleSide; regex: RegExp }[];
}

function alternation(patterns: string[], flags = 'g'): RegExp {
  // Patterns are checked one by one first so a broken one is reported by name, not as one huge regex.
  for (const p of patterns) {
    try {
      new RegExp(p);
    } catch (error) {
      throw new Error(`event lexicon: invalid pattern ${JSON.stringify(p)}: ${(error as Error).message}`);
    }
  }
  // Longest alternatives first so "air strikes" wins over "strikes" at the same position.
  const sorted = [...patterns].sort((a, b) => b.length - a.length);
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${sorted.join('|')})(?![\\p{L}\\p{N}])`, `${flags}u`);
}

const cache = new Map<Lang, EventLexicon>();

export function eventLexicon(lang: Lang): EventLexicon {
  const cached = cache.get(lang);
  if (cached) return cached;
  const events = loadDataFile(`lexicons/${lang}/events.yaml`, EventsFileSchema);
  const people = loadDataFile(`lexicons/${lang}/people.yaml`, PeopleFileSchema);
  // One alternation per kind and voice: fewer, larger regexes match faster than one per entry.
  const byKind = new Map<string, { kind: CueKind; passive: boolean; patterns: string[] }>();
  for (const cue of events.cues) {
    const passive = cue.voice === 'passive';
    const key = `${cue.kind}:${passive}`;
    const group = byKind.get(key) ?? { kind: cue.kind, passive, patterns: [] };
    group.patterns.push(...cue.patterns);
    byKind.set(key, group);
  }
  const lexicon: EventLexicon = {
    cues: [...byKind.values()].map(({ kind, passive, patterns }) => ({ kind, passive, regex: alternation(patterns) })),
    modality: MODALITIES.filter((m) => events.modality[m]?.length).map((kind) => ({
      kind,
      regex: alternation(events.modality[kind] ?? []),
    })),
    blameAfter: alternation(events.blame.after),
    blameBefore: alternation(events.blame.before),
    people: PEOPLE_SIDES.map((side) => ({
      side,
      regex: new RegExp(`^(?:${(people[side] ?? []).join('|')})$`, 'u'),
    })),
  };
  cache.set(lang, lexicon);
  return lexicon;
}

export function sideOfNoun(lang: Lang, foldedNoun: string): PeopleSide | null {
  for (const { side, regex } of eventLexicon(lang).people) if (regex.test(foldedNoun)) return side;
  return null;
}
