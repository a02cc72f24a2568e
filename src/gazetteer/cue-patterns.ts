// Regular expressions built once per language from data/gazetteer/cues.yaml. Each "before" pattern
// matches the end of the text right before a place name; each "after" pattern the start of the text after it.
import type { Lang } from '../domain/schemas.ts';
import { langCues } from './lexicon.ts';
import type { Relation } from './types.ts';

export interface CuePatterns {
  relationBefore: [Exclude<Relation, 'direction' | 'between'>, RegExp][];
  between: RegExp;
  /** "l'axe ", "the … road": a hyphenated pair of towns names the road between them */
  roadBefore: RegExp;
  roadAfter: RegExp;
  /** groups: 1 number, 2 unit, 3 direction word */
  distanceDirection: RegExp;
  /** groups: 1 number, 2 unit ("30 km from Gao") */
  distanceFrom: RegExp;
  /** group 1: direction word ("north of Gao") */
  direction: RegExp;
  directionWord: Map<string, string>;
  areaAfter: RegExp;
  /** "the village of ", "la localité de ": the name is a village, whatever else GeoNames calls it */
  placeNounBefore: RegExp;
  admin1After: RegExp;
  admin1Before: RegExp;
  admin2After: RegExp;
  admin2Before: RegExp;
  /** plural kind words, for "the Ségou and Mopti regions" */
  pluralKind: RegExp;
  joiner: RegExp;
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const B = "(?:^|[^\\p{L}\\p{M}'’])"; // a word boundary that also works before non-ASCII letters
const DE = "(?:de\\s+la\\s+|de\\s+l['’]\\s*|du\\s+|des\\s+|de\\s+|d['’]\\s*)";

/** A phrase list as one alternation; in French a final "de" also matches du, des, d', de la. */
function alternation(phrases: string[], lang: Lang): string {
  const sorted = [...phrases].sort((a, b) => b.length - a.length);
  return sorted
    .map((p) => {
      if (p === ',') return ',';
      let src = escape(p).replace(/['’]/g, "['’]").replace(/\s+/g, '\\s+').replace(/-/g, '[-\\s]?');
      if (lang === 'fr' && / de$/.test(p)) src = src.replace(/\\s\+de$/, `\\s+${DE}`);
      else src += lang === 'fr' && /['’]$/.test(p) ? '\\s*' : '\\s+';
      return src;
    })
    .join('|');
}

const cache = new Map<Lang, CuePatterns>();

export function cuePatterns(lang: Lang): CuePatterns {
  const hit = cache.get(lang);
  if (hit) return hit;
  const c = langCues(lang);
  const nouns = [...c.placeNouns].sort((a, b) => b.length - a.length).map(escape).join('|');
  // "the village of", "la localité de": optional between the cue and the name.
  const noun =
    lang === 'en'
      ? `(?:(?:the|a|an)\\s+)?(?:(?:${nouns})\\s+(?:of\\s+)?(?:the\\s+)?)?`
      : `(?:(?:la|le|les|l['’])\\s*)?(?:(?:${nouns})\\s+(?:${DE})?)?`;
  const before = (phrases: string[]): RegExp => new RegExp(`${B}(?:${alternation(phrases, lang)})${noun}$`, 'iu');
  const dirWords = new Map<string, string>();
  for (const [bearing, words] of Object.entries(c.directions)) for (const w of words) dirWords.set(w.toLowerCase().replace(/[-\s]+/g, ' '), bearing);
  const dirAlt = [...dirWords.keys()].sort((a, b) => b.length - a.length).map((w) => escape(w).replace(/ /g, '[-\\s]?')).join('|');
  const of = alternation(c.directionOf, lang);
  const unit = '(km|kms|kilom[eè]t(?:re|er)s?|miles?)';
  const num = '(\\d+(?:[.,]\\d+)?)';
  const distanceDirection =
    lang === 'en'
      ? new RegExp(`${num}\\s*-?\\s*${unit}\\s+(?:\\([^)]*\\)\\s+)?(?:to\\s+the\\s+)?(${dirAlt})\\s+(?:${of})${noun}$`, 'iu')
      : new RegExp(`${num}\\s*${unit}\\s+(?:au|à\\s+l['’]|a\\s+l['’])\\s*(${dirAlt})\\s+${DE}${noun}$`, 'iu');
  const distanceFrom =
    lang === 'en'
      ? new RegExp(`${num}\\s*-?\\s*${unit}\\s+(?:away\\s+)?(?:from|of|outside)\\s+${noun}$`, 'iu')
      : new RegExp(`${num}\\s*${unit}\\s+${DE}${noun}$`, 'iu');
  const direction =
    lang === 'en'
      ? new RegExp(`${B}(${dirAlt})\\s+(?:${of})${noun}$`, 'iu')
      : new RegExp(`${B}(?:au|à\\s+l['’])\\s*(${dirAlt})\\s+${DE}${noun}$`, 'iu');
  const after = (phrases: string[]): RegExp =>
    phrases.length === 0 ? /$^/ : new RegExp(`^(?:\\s+|-)(?:${[...phrases].sort((a, b) => b.length - a.length).map(escape).join('|')})(?![\\p{L}])`, 'iu');
  const beforeAdmin = (phrases: string[]): RegExp =>
    phrases.length === 0 ? /$^/ : new RegExp(`${B}(?:${alternation(phrases, lang)})(?:the\\s+)?$`, 'iu');
  const patterns: CuePatterns = {
    relationBefore: [
      ['outside', before(c.outside)],
      ['near', before(c.near)],
      ['area', before(c.area)],
      ['in', before(c.in)],
    ],
    between: before(c.between),
    roadBefore: c.roadBefore.length === 0 ? /$^/ : new RegExp(`${B}(?:${alternation(c.roadBefore, lang)})(?:${DE})?$`, 'iu'),
    roadAfter: after(c.roadAfter),
    distanceDirection,
    distanceFrom,
    direction,
    directionWord: dirWords,
    areaAfter: after(c.areaAfter),
    placeNounBefore:
      lang === 'en'
        ? new RegExp(`${B}(?:${nouns})\\s+(?:of\\s+)?$`, 'iu')
        : new RegExp(`${B}(?:${nouns})\\s+${DE}$`, 'iu'),
    admin1After: after(c.admin1After),
    admin1Before: beforeAdmin(c.admin1Before),
    admin2After: after(c.admin2After),
    admin2Before: beforeAdmin(c.admin2Before),
    pluralKind: /(?:regions|provinces|cercles|circles|districts|departments|r[ée]gions|d[ée]partements)/iu,
    joiner: new RegExp(`^\\s*(?:,\\s*)?(?:(?:${c.joiners.filter((j) => j !== ',').map(escape).join('|')})\\s+)?(?:${DE}|the\\s+)?\\s*$`, 'iu'),
  };
  cache.set(lang, patterns);
  return patterns;
}
