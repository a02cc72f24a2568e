// First pass over a document: every mention the coder needs, found once and grouped by sentence.
// Offsets are absolute (into doc.text) everywhere past this module.
import type { Lang } from '../domain/index.ts';
import { fold } from '../text/fold.ts';
import { splitSentences, type Sentence } from '../text/segment.ts';
import { findDates, findEventRelativeDates, type DateContext, type DateMention, type RelativeEventDate } from '../text/dates.ts';
import { findQuantities, sumCoordinated, type Quantity } from '../text/numbers.ts';
import { findAttributions, type Attribution } from '../text/attribution.ts';
import { findActorMentions, type ActorMention } from '../actors/index.ts';
import { findPlaceMentions, type Gazetteer, type PlaceMention } from '../gazetteer/index.ts';
import { datelineLength } from './reference-date.ts';
import { eventLexicon, type CueKind, type Modality } from '../locales/event-lexicon.ts';

export interface Cue {
  kind: CueKind;
  start: number;
  end: number;
  text: string;
  passive: boolean;
  /** Inside the anchor of "two days after an ambush": a mention of another event, not this clause's event. */
  anchorOf: RelativeEventDate | null;
}

export interface Blame {
  start: number;
  end: number;
  text: string;
  /** Where the blamed group is looked for, relative to the cue. */
  direction: 'after' | 'before';
}

export interface Span2 {
  start: number;
  end: number;
}

/** The words that tell another event inside a relative date: "after [an ambush claimed by JNIM ...]". */
export interface AnchorScope extends Span2 {
  relative: RelativeEventDate;
}

export interface SentenceInfo {
  sentence: Sentence;
  anchorScopes: AnchorScope[];
  folded: string;
  cues: Cue[];
  actors: ActorMention[];
  places: PlaceMention[];
  dates: DateMention[];
  relativeDates: RelativeEventDate[];
  quantities: Quantity[];
  attributions: Attribution[];
  blames: Blame[];
  modalities: Modality[];
}

export interface DocumentAnalysis {
  text: string;
  lang: Lang;
  sentences: SentenceInfo[];
}

export interface AnalyseOptions {
  lang: Lang;
  dateContext: DateContext;
  gazetteer: Gazetteer;
  countries: string[];
}

const PASSIVE_BEFORE =
  /(?:^|\s)(?:was|were|been|being|is|are|got|get|had been|have been|has been|ete|sont|est|fut|furent)\s+(?:\p{L}+(?:ly|ment)\s+)?(?:\p{L}+\s+(?:and|et)\s+)?$/u;

/**
 * Each sentence's share of a list of mentions (those wholly inside it), in one pass over both lists:
 * a long report has thousands of sentences and mentions.
 */
function bySentence<T extends { start: number; end: number }>(items: T[], sentences: Sentence[]): T[][] {
  const out: T[][] = sentences.map(() => []);
  const sorted = [...items].sort((a, b) => a.start - b.start);
  let i = 0;
  for (const item of sorted) {
    while (i < sentences.length && (sentences[i] as Sentence).end <= item.start) i++;
    const s = sentences[i];
    if (s && item.start >= s.start && item.end <= s.end) (out[i] as T[]).push(item);
  }
  return out;
}

function shift<T extends { start: number; end: number }>(item: T, by: number): T {
  return { ...item, start: item.start + by, end: item.end + by };
}

/**
 * How far the told-about event reaches: a sentence-initial "Two days after the ambush," ends at its comma;
 * a trailing "..., two days after an ambush claimed by JNIM targeted a convoy." runs to the sentence's end.
 */
function anchorScopes(sentence: Sentence, folded: string, relatives: RelativeEventDate[]): AnchorScope[] {
  return relatives.map((relative) => {
    const from = relative.anchor.end - sentence.start;
    const leading = folded.slice(0, relative.start - sentence.start).trim().length < 3;
    const rest = folded.slice(from);
    const stop = leading ? rest.search(/[,;]/) : rest.search(/;/);
    const end = stop < 0 ? sentence.end : sentence.start + from + stop;
    return { relative, start: relative.start, end };
  });
}

/**
 * Words that deny or only call for the act: "no attack was reported", "the army denied that its soldiers
 * had clashed", "urged armed groups to stop attacks", "not to take part in reprisal attacks".
 */
const NEGATED_BEFORE =
  /(?:\b(?:no|not|never|nor|without|aucune?|pas de|sans|ni)\s+(?:\p{L}+\s+)?$)|(?:\b(?:denied|denies|deny|dementi|dement)\b(?:\s+\S+){0,8}\s+$)|(?:\b(?:to stop|to end|to halt|to refrain from|to avoid|an end to|not to take part in|stop|halt|end|prevent|against|d'arreter|de cesser|mettre fin aux?|contre les)\s+(?:(?:the|all|further|new|reprisal|retaliatory|such|les|des|toute?s?)\s+)*$)/u;

/** "marked the anniversary of the 2019 massacre": the act remembered, not a new one. */
const REMEMBERED_BEFORE =
  /\b(?:anniversary of|commemorat\w*|remember\w*|in memory of|tribute to|mourn\w*|memorial (?:to|for)|anniversaire d[eu]|commemor\w*|memoire d[eu]s?|hommage aux?)\s+(?:\S+\s+){0,4}$/u;

/** "protests have spread since a pupil died": the clause after "since" tells an earlier event. */
const BACKGROUND_BEFORE = /\b(?:since|ever since|depuis que|depuis la|depuis le)\s+(?:\S+\s+){0,4}$/u;

/** "killed in two attacks on Dogon villages": a count of events sums up the ones told one by one. */
const SUMMARY =
  /\b(?:two|three|four|five|six|several|multiple|deux|trois|quatre|plusieurs)\s+(?:(?:separate|different|distinct|distinctes?)\s+)?(?:attacks|raids|ambushes|incidents|assaults|attaques|embuscades|incidents|raids)\b/u;

/** "preparing to carry out suicide attacks": the act was planned, not done. */
const PLANNED_BEFORE =
  /\b(?:(?:threat|threats|risk|fear|fears|danger|possibility) of\s+(?:\w+\s+)?$)|\b(?:preparing|planning|plotting|intending|intend|intends|plan|plans|threatened|threatening|vowed|vow|prepare|prevent|prevented|to prevent|s'apprêtaient a|s'appretaient a|projetaient de|prevoyaient de|menace de|pour empecher)\s+(?:to\s+)?(?:carry out\s+|commit\s+|launch\s+|stage\s+|mener\s+|commettre\s+|perpetrer\s+)?(?:(?:a|an|new|further|more|des|une?|de nouvelles?)\s+)?$/u;

const TERRITORIAL: ReadonlySet<CueKind> = new Set(['overtake', 'regain']);

/** "seized", "captured" take territory only with a place or a word for one as their object. */
function holdsTerritory(cue: string, after: string, afterStart: number, places: PlaceMention[]): boolean {
  if (/\b(?:control|town|city|village|locality|camp|base|airport|post|commune|positions?|area|ville|localite|controle)\b/.test(cue)) return true;
  if (/^\s*(?:back\s+)?(?:control|the (?:town|city|village|locality|camp|base|airport|border post|commune|area|positions?)|(?:la|le) (?:ville|localite|camp|controle))\b/.test(after)) return true;
  return places.some((p) => p.start >= afterStart && p.start - afterStart <= 25 && p.kind !== 'country');
}

function findCues(folded: string, offset: number, scopes: AnchorScope[], lang: Lang, places: PlaceMention[]): Cue[] {
  const cues: Cue[] = [];
  // Territorial words without a place for object ("driving out the militants"): kept when the sentence tells
  // of a place taken ("seized the airport, driving out the militants who held it").
  const placeless: Cue[] = [];
  for (const { kind, passive: passiveVoice, regex } of eventLexicon(lang).cues) {
    regex.lastIndex = 0;
    for (let m = regex.exec(folded); m; m = regex.exec(folded)) {
      const start = offset + m.index;
      const end = start + m[0].length;
      const before = folded.slice(Math.max(0, m.index - 40), m.index);
      // "came under attack", "a sauté sur une mine": the lexicon marks cues whose subject suffers them
      const passive = passiveVoice || PASSIVE_BEFORE.test(before);
      const anchorOf = scopes.find((r) => start >= r.start && end <= r.end)?.relative ?? null;
      if (PLANNED_BEFORE.test(before) || NEGATED_BEFORE.test(before) || REMEMBERED_BEFORE.test(before)) continue;
      if (BACKGROUND_BEFORE.test(before)) continue;
      const cue = { kind, start, end, text: m[0], passive, anchorOf };
      if (TERRITORIAL.has(kind) && !holdsTerritory(m[0], folded.slice(m.index + m[0].length, m.index + m[0].length + 40), offset + m.index + m[0].length, places)) {
        placeless.push(cue);
        continue;
      }
      cues.push(cue);
    }
  }
  if (cues.some((c) => TERRITORIAL.has(c.kind))) cues.push(...placeless);
  // "Nine people were killed in two attacks on villages": a summary of events told one by one
  if (SUMMARY.test(folded)) return [];
  return cues.sort((a, b) => a.start - b.start || b.end - a.end);
}

function findBlames(folded: string, offset: number, lang: Lang): Blame[] {
  const lexicon = eventLexicon(lang);
  const out: Blame[] = [];
  for (const [regex, direction] of [
    [lexicon.blameAfter, 'after'],
    [lexicon.blameBefore, 'before'],
  ] as const) {
    regex.lastIndex = 0;
    for (let m = regex.exec(folded); m; m = regex.exec(folded)) {
      out.push({ start: offset + m.index, end: offset + m.index + m[0].length, text: m[0], direction });
    }
  }
  return out;
}

/** The folded sentence with its dates blanked: "1 March" holds no march, "May 28" no "may". */
function maskDates(folded: string, offset: number, dates: DateMention[]): string {
  let text = folded;
  for (const d of dates) text = text.slice(0, d.start - offset) + ' '.repeat(d.end - d.start) + text.slice(d.end - offset);
  return text;
}

/** Acts told after "marked the anniversary of", "to commemorate" are the remembered ones, not news. */
function afterRemembrance(cues: Cue[], text: string, offset: number, lang: Lang): Cue[] {
  const anniversary = eventLexicon(lang).modality.find((m) => m.kind === 'anniversary');
  if (!anniversary) return cues;
  anniversary.regex.lastIndex = 0;
  const m = anniversary.regex.exec(text);
  if (!m) return cues;
  const from = offset + m.index;
  return cues.filter((c) => c.start < from);
}

function findModalities(text: string, lang: Lang): Modality[] {
  const found: Modality[] = [];
  for (const { kind, regex } of eventLexicon(lang).modality) {
    regex.lastIndex = 0;
    if (regex.test(text)) found.push(kind);
  }
  return found;
}

const NAMED_AFTER = /^\s*(?:movement|alliance|coalition|front|group|democratic|rally|mouvement|collectif|coordination|front)\b/i;

const SAME_DAY = /\b(?:(?:on )?(?:that|the) same (?:day|night|evening|morning)|the same day|le meme jour|le jour meme|la meme nuit|ce meme jour)\b/g;

/** "The same day, ...": the day of the last dated sentence before it. */
function resolveSameDay(infos: SentenceInfo[]): void {
  let last: DateMention | null = null;
  for (const info of infos) {
    SAME_DAY.lastIndex = 0;
    for (let m = SAME_DAY.exec(info.folded); m && last; m = SAME_DAY.exec(info.folded)) {
      const start = info.sentence.start + m.index;
      const end = start + m[0].length;
      if (info.dates.some((d) => d.start < end && start < d.end)) continue;
      info.dates.push({ start, end, text: info.sentence.text.slice(m.index, m.index + m[0].length), date: last.date, precision: last.precision, kind: 'relative_day', yearStated: false, flags: ['same_day'] });
    }
    const own = info.dates.filter((d) => !d.flags.includes('future'));
    if (own.length > 0) last = own[own.length - 1] as DateMention;
  }
}

export function analyseDocument(text: string, options: AnalyseOptions): DocumentAnalysis {
  const { lang } = options;
  const sentences = splitSentences(text);
  const actors = findActorMentions(text, lang);
  // A place name inside a group's name is no place of the event: "Boko Haram", "Katiba Macina", "Azawad";
  // nor is the dateline's ("MOPTI, Mali, March 12 (Sahel Wire) -"): that is where the report was filed.
  const datelineEnd = datelineLength(text);
  const places = findPlaceMentions(text, options.gazetteer, { lang, countries: options.countries }).filter(
    (p) =>
      p.start >= datelineEnd &&
      (p.kind === 'country' || !actors.some((a) => !a.entryId.startsWith('generic.') && p.start < a.end && a.start < p.end)),
  );
  const relativeDates = findEventRelativeDates(text, lang);
  // "MOPTI, Mali, March 12 (Sahel Wire) -": the dateline tells when the report was filed, not an event's day
  const allDates = findDates(text, options.dateContext);
  // "the June 5 Movement", "the May 23 Democratic Alliance": a date in a group's name dates nothing
  const dates = allDates.filter((d) => d.start >= datelineEnd && !NAMED_AFTER.test(text.slice(d.end, d.end + 30)));
  const quantities = sumCoordinated(findQuantities(text, lang, { articles: true }), text);
  const relativesOf = bySentence(relativeDates, sentences);
  const allDatesOf = bySentence(allDates, sentences);
  const placesOf = bySentence(places, sentences);
  const actorsOf = bySentence(actors, sentences);
  const datesOf = bySentence(dates, sentences);
  const quantitiesOf = bySentence(quantities, sentences);
  const infos = sentences.map((sentence, n): SentenceInfo => {
    const folded = fold(sentence.text);
    const relatives = relativesOf[n] ?? [];
    const scopes = anchorScopes(sentence, folded, relatives);
    const masked = maskDates(folded, sentence.start, allDatesOf[n] ?? []);
    return {
      sentence,
      anchorScopes: scopes,
      folded,
      cues: afterRemembrance(findCues(masked, sentence.start, scopes, lang, placesOf[n] ?? []), masked, sentence.start, lang),
      actors: actorsOf[n] ?? [],
      places: placesOf[n] ?? [],
      dates: datesOf[n] ?? [],
      relativeDates: relatives,
      quantities: quantitiesOf[n] ?? [],
      attributions: findAttributions(sentence.text, lang, options.dateContext).map((a) => ({
        ...shift(a, sentence.start),
        claimantSpan: a.claimantSpan ? shift(a.claimantSpan, sentence.start) : null,
        channelSpan: a.channelSpan ? shift(a.channelSpan, sentence.start) : null,
      })),
      blames: findBlames(folded, sentence.start, lang),
      modalities: findModalities(masked, lang),
    };
  });
  resolveSameDay(infos);
  return { text, lang, sentences: infos };
}
