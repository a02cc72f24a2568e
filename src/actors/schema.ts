// Zod schemas of the actor data files under data/actors/: a typo there fails at load, naming the file.
import { z } from 'zod';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
const iso2 = z.string().regex(/^[A-Z]{2}$/, 'expected an ISO 3166-1 alpha-2 code');
const inter = z.literal([1, 2, 3, 4, 5, 6, 7, 8]);
const byLang = z.object({ en: z.array(z.string()), fr: z.array(z.string()) });

export const KINDS = [
  'named', 'state', 'police', 'unidentified', 'civilians', 'protesters', 'rioters', 'ethnic_militia', 'communal_militia', 'external',
] as const;
const kind = z.enum(KINDS);

/** A name valid from `from` (inclusive) to `to` (exclusive, null = open). */
export const PeriodSchema = z.object({ from: isoDate, to: isoDate.nullable(), name: z.string().min(1) });
export type Period = z.infer<typeof PeriodSchema>;

export const NamedEntrySchema = z
  .object({
    id: z.string().min(1),
    name: z.string().optional(),
    periods: z.array(PeriodSchema).optional(),
    aliases: z.array(z.string().min(1)),
    caseAliases: z.array(z.string().min(1)).optional(),
    inter,
    country: iso2.nullable(),
    kind: kind.optional(),
    parent: z.object({ id: z.string(), from: isoDate.optional() }).optional(),
    state: iso2.optional(),
    unit: z.string().optional(),
    /** The name ACLED gives when a report only suspects this group ("suspected Boko Haram fighters"). */
    whenSuspected: z.object({ from: isoDate, name: z.string() }).optional(),
  })
  .refine((e) => e.name !== undefined || e.periods !== undefined || e.state !== undefined, {
    message: 'an entry needs a name, periods or a state',
  });
export type NamedEntry = z.infer<typeof NamedEntrySchema>;

export const NamedFileSchema = z.object({ $comment: z.string().optional(), entries: z.array(NamedEntrySchema) });

const UnitSchema = z.object({ name: z.string(), inter: inter.optional() });
export type Unit = z.infer<typeof UnitSchema>;

export const CountrySchema = z.object({
  iso2,
  name: z.string(),
  actorName: z.string().optional(),
  names: byLang,
  adjectives: byLang,
  regimes: z.array(z.object({ from: isoDate, to: isoDate.nullable(), label: z.string() })).min(1),
  units: z.record(z.string(), UnitSchema).optional(),
});
export type Country = z.infer<typeof CountrySchema>;

export const CountriesFileSchema = z.object({
  $comment: z.string().optional(),
  unitDefaults: z.record(z.string(), UnitSchema),
  countries: z.array(CountrySchema),
});
export type CountriesFile = z.infer<typeof CountriesFileSchema>;

export const CUES = ['hedge', 'armed', 'unknown', 'islamist', 'angry', 'local'] as const;

export const CoreSchema = z.object({
  id: z.string(),
  kind,
  needs: z.enum(['qualifier', 'link']).optional(),
  member: z.boolean().optional(),
  islamist: z.boolean().optional(),
  foreign: z.boolean().optional(),
  unqualifiedKind: kind.optional(),
  unit: z.string().optional(),
  assoc: z.array(z.string()).optional(),
  words: byLang,
});
export type Core = z.infer<typeof CoreSchema>;

export const GenericFileSchema = z.object({
  $comment: z.string().optional(),
  kinds: z.record(z.string(), z.object({ name: z.string(), inter })),
  unattributedJihadists: z.object({
    $comment: z.string().optional(),
    rules: z.array(
      z.object({
        countries: z.array(z.string().length(2)).min(1),
        admin1: z.array(z.string()).optional(),
        from: isoDate,
        to: isoDate.nullable(),
        name: z.string(),
        inter,
      }),
    ),
  }),
  links: byLang,
  modifiers: z.array(z.object({ role: z.enum(CUES), pre: byLang, post: byLang })),
  cores: z.array(CoreSchema),
});
export type GenericFile = z.infer<typeof GenericFileSchema>;

export const EthnicFileSchema = z.object({
  $comment: z.string().optional(),
  groups: z.array(
    z.object({ id: z.string(), label: z.string(), assoc: z.array(z.string()), adjectives: byLang, nouns: byLang }),
  ),
});
export type EthnicGroup = z.infer<typeof EthnicFileSchema>['groups'][number];
