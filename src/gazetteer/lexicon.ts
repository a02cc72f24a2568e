// The gazetteer's small shipped lexicons (data/gazetteer/*.yaml), checked with zod and loaded once.
import { z } from 'zod';
import { loadDataFile } from '../domain/data-file.ts';
import type { Lang } from '../domain/schemas.ts';

const CountrySchema = z.object({
  iso2: z.string().length(2),
  numeric: z.number().int(),
  core: z.boolean().optional(),
  names: z.array(z.string()).min(1),
});
export type CountryInfo = z.infer<typeof CountrySchema>;

const AdminNamesSchema = z.object({
  admin1: z.record(z.string(), z.object({ aliases: z.array(z.string()), cueOnly: z.boolean().optional() })),
  admin2: z.record(z.string(), z.object({ name: z.string(), aliases: z.array(z.string()).optional() })),
});
export type AdminNames = z.infer<typeof AdminNamesSchema>;

const phrases = z.array(z.string());
const LangCuesSchema = z.object({
  near: phrases,
  outside: phrases,
  area: phrases,
  between: phrases,
  roadBefore: phrases,
  roadAfter: phrases,
  in: phrases,
  placeNouns: phrases,
  areaAfter: phrases,
  admin1After: phrases,
  admin1Before: phrases,
  admin2After: phrases,
  admin2Before: phrases,
  directionOf: phrases,
  directions: z.record(z.string(), phrases),
  joiners: phrases,
});
export type LangCues = z.infer<typeof LangCuesSchema>;
const CuesSchema = z.object({
  en: LangCuesSchema,
  fr: LangCuesSchema,
  notPlaces: phrases,
  notPlaceBefore: phrases,
  notPlaceAfter: phrases,
});
export type Cues = z.infer<typeof CuesSchema>;

let countries: CountryInfo[] | undefined;
let adminNames: AdminNames | undefined;
let cues: Cues | undefined;

export function countryLexicon(): CountryInfo[] {
  countries ??= loadDataFile('gazetteer/countries.yaml', z.array(CountrySchema));
  return countries;
}

export function adminNameLexicon(): AdminNames {
  adminNames ??= loadDataFile('gazetteer/admin-names.yaml', AdminNamesSchema);
  return adminNames;
}

export function cueLexicon(): Cues {
  cues ??= loadDataFile('gazetteer/cues.yaml', CuesSchema);
  return cues;
}

export function langCues(lang: Lang): LangCues {
  return cueLexicon()[lang];
}
