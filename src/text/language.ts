// English or French, by the share of each language's function words (YAML lists).
// A language is reported only when its words are frequent enough to be text in that language
// and clearly outnumber the other's: German, Spanish, code or binary junk come back as null.
import { z } from 'zod';
import { loadDataFile } from '../domain/data-file.ts';
import type { Lang } from '../domain/schemas.ts';

const StopwordsSchema = z.object({ words: z.array(z.string().min(1)) });

let lists: { en: Set<string>; fr: Set<string> } | null = null;
function getLists(): { en: Set<string>; fr: Set<string> } {
  if (!lists) {
    lists = {
      en: new Set(loadDataFile('lexicons/en/stopwords.yaml', StopwordsSchema).words.map((w) => w.toLowerCase())),
      fr: new Set(loadDataFile('lexicons/fr/stopwords.yaml', StopwordsSchema).words.map((w) => w.toLowerCase())),
    };
  }
  return lists;
}

const WORD_RE = /\p{L}+/gu;
const ELISION_RE = /^(?:l|d|qu|s|n|c|j)['’]/u;
const MIN_WORDS = 4; // fewer words than this cannot be told apart reliably
const MIN_SHARE = 0.12; // English and French prose run at 35-50% function words; foreign text at < 10%
const MIN_HITS = 2;
const SAMPLE_CHARS = 5000; // the opening of a long document decides; saves time on long texts

export function detectLanguage(text: string): Lang | null {
  const { en, fr } = getLists();
  const sample = text.length > SAMPLE_CHARS ? text.slice(0, SAMPLE_CHARS) : text;
  let words = 0;
  let enHits = 0;
  let frHits = 0;
  // French elisions ("l'armée", "d'un", "qu'il") are strong French evidence; "'s" is not counted.
  for (const m of sample.matchAll(/\b\p{L}+['’]\p{L}/gu)) if (ELISION_RE.test(m[0].toLowerCase())) frHits++;
  for (const m of sample.matchAll(WORD_RE)) {
    words++;
    const w = m[0].toLowerCase();
    if (en.has(w)) enHits++;
    else if (fr.has(w)) frHits++;
  }
  if (words < MIN_WORDS) return null;
  const best: Lang = enHits >= frHits ? 'en' : 'fr';
  const top = Math.max(enHits, frHits);
  const other = Math.min(enHits, frHits);
  if (top < MIN_HITS || top / words < MIN_SHARE || top < 2 * other) return null;
  return best;
}
