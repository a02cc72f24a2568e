// The per-language words of a toll (data/lexicons/<lang>/tolls.yaml), compiled once: which cue words mean
// dead or hurt, what says nobody was harmed, and the phrases that add to or break down a count.
import { z } from 'zod';
import { loadDataFile, type Lang } from '../domain/index.ts';

const words = z.array(z.string().min(1));
const TollsFileSchema = z.object({
  death: words.min(1),
  injury: words.min(1),
  injury_stems: words.min(1),
  none_harmed: words,
  dying: words,
  irregular_plurals: words,
  breakdown_openers: words,
  one_more_after: words,
}).strict();

export interface TollLexicon {
  /** the whole folded cue is a word of death */
  death: RegExp;
  /** the whole folded cue is a word of harm short of death */
  injury: RegExp;
  /** a stem of harm inside the cue */
  injuryStem: RegExp;
  /** the folded sentence says nobody was harmed */
  noneHarmed: RegExp;
  /** the whole folded cue is a verb of dying */
  dying: RegExp;
  /** a folded noun is plural without ending in -s or -x */
  irregularPlural: RegExp;
  /** the folded text right after a count opens its breakdown: ", including", ", dont", or a bare comma */
  breakdownAfter: RegExp;
  /** the folded text right after a kill verb adds one victim: ", as was an officer"; group 1 is the noun */
  oneMoreAfter: RegExp;
}

function checked(list: string[], lang: Lang): string {
  for (const p of list) {
    try {
      new RegExp(p, 'u');
    } catch (error) {
      throw new Error(`toll lexicon (${lang}): invalid pattern ${JSON.stringify(p)}: ${(error as Error).message}`);
    }
  }
  return [...list].sort((a, b) => b.length - a.length).join('|');
}

const NEVER = /$^/u;
const cache = new Map<Lang, TollLexicon>();

export function tollLexicon(lang: Lang): TollLexicon {
  const hit = cache.get(lang);
  if (hit) return hit;
  const l = loadDataFile(`lexicons/${lang}/tolls.yaml`, TollsFileSchema);
  const whole = (list: string[]): RegExp => (list.length === 0 ? NEVER : new RegExp(`^(?:${checked(list, lang)})$`, 'u'));
  const lexicon: TollLexicon = {
    death: whole(l.death),
    injury: whole(l.injury),
    injuryStem: new RegExp(checked(l.injury_stems, lang), 'u'),
    noneHarmed: l.none_harmed.length === 0 ? NEVER : new RegExp(`\\b(?:${checked(l.none_harmed, lang)})\\b`, 'u'),
    dying: whole(l.dying),
    irregularPlural: whole(l.irregular_plurals),
    breakdownAfter: new RegExp(`^\\s*,\\s*(?:(?:${checked(l.breakdown_openers, lang) || '(?!)'})\\b)?`, 'u'),
    oneMoreAfter: l.one_more_after.length === 0 ? NEVER
      : new RegExp(`^\\s*,?\\s*(?:${checked(l.one_more_after, lang)})\\s+(?:the|a|an|one|his|her|son|sa|le|la|l'|un|une)\\s*([\\p{L}'-]+)\\b`, 'u'),
  };
  cache.set(lang, lexicon);
  return lexicon;
}
