// How many died, and who says so. The codebook: the reported number, the lowest credible one when
// sources conflict, vague words as fixed numbers, injuries alone are 0, and every figure keeps its claimant.
import type { Claim, Evidence, Lang } from '../domain/index.ts';
import type { Quantity } from '../text/numbers.ts';
import type { Attribution } from '../text/attribution.ts';
import { sideOfNoun, type PeopleSide } from '../locales/event-lexicon.ts';
import { tollLexicon } from '../locales/toll-lexicon.ts';
import { fold } from '../text/fold.ts';
import type { SentenceInfo } from './analyse.ts';
import { inScope, type Frame } from './frames.ts';

export interface FatalityReading {
  fatalities: number;
  claims: Claim[];
  evidence: Evidence[];
  victimSides: Set<PeopleSide>;
  /** A death word applies to someone in the frame, with or without a number. */
  deaths: boolean;
  harmed: boolean;
  flags: string[];
}

interface Statement {
  value: number;
  side: PeopleSide | null;
  quantity: Quantity;
  attribution: Attribution | null;
}

/** Who gives a figure: the source speaking closest to it in its sentence, else the paragraph's last source. */
function claimantOf(q: Quantity, info: SentenceInfo, paragraphAttributions: Attribution[]): Attribution | null {
  const own = info.attributions.filter((a) => a.kind !== 'reportedly' || a.claimant);
  const gap = (a: Attribution) => (a.end <= q.start ? q.start - a.end : a.start >= q.end ? a.start - q.end + 10 : 0);
  if (own.length > 0) return own.reduce((best, a) => (gap(a) < gap(best) ? a : best));
  const earlier = paragraphAttributions.filter((a) => a.end <= q.start && a.kind !== 'reportedly');
  return earlier[earlier.length - 1] ?? null;
}

export function readFatalities(frame: Frame, lang: Lang, allSentences: SentenceInfo[]): FatalityReading {
  const tolls = tollLexicon(lang);
  const statements: Statement[] = [];
  const victimSides = new Set<PeopleSide>();
  let harmed = false;
  let deaths = false;
  const flags: string[] = [];
  for (const info of frame.sentences) {
    const base = info.sentence.start;
    const cues = frame.cues.filter((c) => c.kind === 'kill' && c.start >= base && c.end <= info.sentence.end);
    const paragraph = allSentences.filter((s) => s.sentence.paragraph === info.sentence.paragraph && s.sentence.start <= base);
    const paragraphAttributions = paragraph.flatMap((s) => s.attributions);
    const used = new Set<Quantity>();
    for (const cue of cues) {
      const word = fold(cue.text);
      const death = tolls.death.test(word);
      const injury = tolls.injury.test(word) || (!death && tolls.injuryStem.test(word));
      // "le bilan", "victimes": a toll word that says neither dead nor hurt leaves its number to the word that does
      if (!death && !injury) continue;
      const q = quantityFor(frame, cue, info, used, lang) ?? (death ? singleVictim(cue, info, lang) : null);
      if (death && !tolls.noneHarmed.test(info.folded)) deaths = true;
      if (!q) {
        if (death || injury) harmed = true;
        continue;
      }
      used.add(q);
      const extra = death ? (andOneMore(q, info) ?? asWasOneMore(cue, info, lang)) : null;
      if (extra) statements.push({ value: 1, side: 'armed', quantity: extra, attribution: null });
      const side = q.noun ? sideOfNoun(lang, fold(q.noun.text)) : null;
      if (side) victimSides.add(side);
      if (injury && !death) {
        harmed = true;
        continue;
      }
      if (!death) continue;
      harmed = true;
      statements.push({ value: q.value, side, quantity: q, attribution: claimantOf(q, info, paragraphAttributions) });
    }
    if (cues.length === 0 || tolls.noneHarmed.test(info.folded)) {
      // sides of people named as victims without a kill word nearby still tell who was targeted
      for (const q of info.quantities) {
        const side = q.noun ? sideOfNoun(lang, fold(q.noun.text)) : null;
        if (side === 'civilian') victimSides.add(side);
      }
    }
  }
  return { ...combine(statements, victimSides, harmed, flags), deaths };
}

const PERSON_GAP_BEFORE = 70;
const PERSON_GAP_AFTER = 45;

function quantityFor(frame: Frame, cue: Frame['cues'][number], info: SentenceInfo, used: Set<Quantity>, lang: Lang): Quantity | null {
  const base = info.sentence.start;
  let best: Quantity | null = null;
  let bestGap = Infinity;
  for (const q of info.quantities) {
    if (used.has(q) || !inScope(frame, info, q)) continue;
    if (q.noun) {
      const side = sideOfNoun(lang, fold(q.noun.text));
      // "six suspected Islamic State militants": the number counts the group's fighters
      const countsGroup = info.actors.some((a) => a.start >= q.end && a.start - q.end <= 12 && a.end >= q.noun!.end);
      if (!side && !countsGroup && !/^(?:of|d'|de|des)$/.test(fold(q.noun.text))) continue;
    }
    if (q.end <= cue.start && inApposition(q, cue, info, used, lang)) continue;
    let gap: number;
    if (q.end <= cue.start) {
      const between = info.folded.slice(q.end - base, cue.start - base);
      if (between.length > PERSON_GAP_BEFORE || /[;:]|\b(?:when|as|after|while|lorsque|quand|apres)\b/.test(between)) continue;
      // a passive tells its victims before the verb ("five soldiers were killed"), an active after it; a French
      // participle right after its noun is a passive ("cinq soldats tués et plusieurs blessés")
      const participle = lang === 'fr' && info.folded.slice((q.noun ?? q).end - base, cue.start - base).trim() === '';
      gap = between.length + (cue.passive || participle ? 0 : 20);
    } else if (q.start >= cue.end) {
      const between = info.folded.slice(cue.end - base, q.start - base);
      if (between.length > PERSON_GAP_AFTER || /[;:.]|\b(?:and wounded|and injured|wounding|injuring|et blesse)\b/.test(between)) continue;
      // "…were killed and six passengers were wounded": a number with its own verb is not this verb's object
      const rest = info.folded.slice((q.noun ?? q).end - base, (q.noun ?? q).end - base + 30);
      if (/^\s*(?:others?\s+|autres\s+)?(?:were|was|have been|had been|ont ete|a ete|sont|furent)\b/.test(rest)) continue;
      gap = between.length + (cue.passive ? 40 : 5);
    } else {
      gap = 0; // inside the cue: "lost a lieutenant"
    }
    if (gap < bestGap) {
      bestGap = gap;
      best = q;
    }
  }
  return best;
}

/**
 * A count inside the breakdown of an earlier one in the same clause, before the verb: "Cinq civils, deux enfants,
 * deux hommes âgés et une femme, ont été tués" (5, not 1), "Au moins 30 personnes, dont quatorze étrangers, ont
 * été tuées" (30, not 14). The parts never add up to more than the total they detail.
 */
function inApposition(q: Quantity, cue: Frame['cues'][number], info: SentenceInfo, used: Set<Quantity>, lang: Lang): boolean {
  const base = info.sentence.start;
  for (const head of info.quantities) {
    if (head === q || used.has(head) || head.end > q.start || head.noun === null || sideOfNoun(lang, fold(head.noun.text)) === null) continue;
    if (/[;:.]/.test(info.folded.slice(head.end - base, cue.start - base))) continue;
    if (!tollLexicon(lang).breakdownAfter.test(info.folded.slice(head.noun.end - base, q.start - base)) || !/^\s*,/.test(info.folded.slice(head.noun.end - base))) continue;
    const parts = info.quantities.filter((x) => x !== head && x.start >= head.end && x.end <= cue.start);
    if (parts.reduce((n, x) => n + x.value, 0) <= head.value) return true;
  }
  return false;
}

/**
 * One victim told in the singular: "a fisherman was shot dead", "killed the brother of the chief",
 * "lynched him". The auxiliary or the object's article says how many when no number does.
 */
function singleVictim(cue: Frame['cues'][number], info: SentenceInfo, lang: Lang): Quantity | null {
  const base = info.sentence.start;
  // the cue holds its victim: "the army lost a lieutenant"
  const inCue = /(?:^|\s)(?:a|an|one|un|une)\s+[\p{L}-]+$/u.exec(cue.text);
  if (inCue) return single(cue.start + inCue.index + (inCue[0].length - inCue[0].trimStart().length), cue.end, info);
  const before = info.folded.slice(Math.max(0, cue.start - base - 80), cue.start - base);
  const after = info.folded.slice(cue.end - base, cue.end - base + 60);
  // "the bomber died", "un soldat a péri": the subject of a verb of dying, in the singular
  const tolls = tollLexicon(lang);
  if (tolls.dying.test(fold(cue.text))) {
    const subject = /(?:^|[\s,])(?:the|a|an|one|un|une|le|la|l')\s*([\p{L}'-]+)(?:\s+[\p{L}'-]+){0,2}?\s+(?:(?:a|est|has|had)\s+)?$/u.exec(before);
    if (subject && !/(?:s|x)$/.test(subject[1] as string) && !tolls.irregularPlural.test(subject[1] as string)) return single(cue.start - before.length + subject.index + (subject[0].length - subject[0].trimStart().length), cue.start, info);
  }
  const passive =
    /(?:^|[\s,])(?:a|an|one|the|he|she|his|her|un|une|le|la|l'|il|elle|son|sa)\b[^,;.]{0,50}?\b(?:was|has been|had been|is|a ete|avait ete|est|fut)\s+(?:\p{L}+(?:ly|ment)\s+)?(?:\p{L}+\s+(?:and|et)\s+)?$/u.exec(before);
  if (passive && !/\b(?:were|are|have been|ont ete|sont)\b/.test(passive[0]) && !/\b(?:two|three|several|many|dozens?|deux|trois|plusieurs|\d+)\b/.test(passive[0])) {
    const start = cue.start - before.length + passive.index;
    return single(start, cue.start, info);
  }
  // "killing a soldier", "tuant un jeune", "tuant l'imam": one victim named in the singular after the verb
  const object = /^\s+(?:(?:(?:a|an|one|the|his|her|un|une|le|la|son|sa)\s+|l')(?!number\b|group\b|few\b|dozen\b|couple\b|nombre\b|groupe\b|dizaine\b|centaine\b)[\p{L}'-]+(?:\s+(?!of\b|in\b|at\b|near\b|on\b|and\b|de\b|du\b|des\b|dans\b|a\b|au\b|pres\b|et\b)[\p{L}'-]+){0,2}?(?=\s+(?:of|in|at|near|on|who|as|while|and|de|du|des|dans|a|au|pres|qui|et|lors|alors|,)|[,.]|$)|him|her)\b/u.exec(after);
  if (object && !/s$/.test(object[0].trim()) ) {
    const start = cue.end + (object[0].length - object[0].trimStart().length);
    return single(start, cue.end + object[0].length, info);
  }
  return null;
}

/** "two civilians were killed, as was an officer": one more victim named after the verb. */
function asWasOneMore(cue: Frame['cues'][number], info: SentenceInfo, lang: Lang): Quantity | null {
  const base = info.sentence.start;
  const m = tollLexicon(lang).oneMoreAfter.exec(info.folded.slice(cue.end - base, cue.end - base + 40));
  if (!m) return null;
  return single(cue.end + m[0].length - (m[1] as string).length, cue.end + m[0].length, info);
}

/** "killing four soldiers and the attacker": one more victim named in the singular after the number. */
function andOneMore(q: Quantity, info: SentenceInfo): Quantity | null {
  const base = info.sentence.start;
  const from = (q.noun ?? q).end;
  const m = /^\s+(?:and|as well as|et)\s+(?:the|a|an|one|his|her|son|sa|le|la|l'|un|une)\s*([\p{L}'-]+)\b/u.exec(info.folded.slice(from - base, from - base + 40));
  if (!m || /s$/.test(m[1] as string) || /^(?:other|others|wounded|injured|autres?)$/.test(m[1] as string)) return null;
  // already counted: a sum made of both parts, or a number of its own ("and one of the assailants")
  if ((q as Quantity & { parts?: unknown }).parts !== undefined) return null;
  if (info.quantities.some((o) => o !== q && o.start >= from && o.start <= from + m[0].length)) return null;
  return single(from + m[0].length - (m[1] as string).length, from + m[0].length, info);
}

function single(start: number, end: number, info: SentenceInfo): Quantity {
  const text = info.sentence.text.slice(start - info.sentence.start, end - info.sentence.start);
  return { start, end, text, value: 1, high: null, hedge: 'exact', noun: null };
}

function combine(statements: Statement[], victimSides: Set<PeopleSide>, harmed: boolean, flags: string[]): Omit<FatalityReading, 'deaths'> {
  const claims: Claim[] = [];
  const evidence: Evidence[] = [];
  // Each source's toll is the sum of what it counts (a lieutenant and eleven attackers); tolls from
  // different sources about the same people are rival versions: the codebook keeps the lowest.
  const bySource = new Map<string, { total: number; sides: Set<string> }>();
  for (const s of statements) {
    const key = s.attribution?.claimant ?? '';
    const entry = bySource.get(key) ?? { total: 0, sides: new Set<string>() };
    entry.total += s.value;
    entry.sides.add(s.side ?? 'unknown');
    bySource.set(key, entry);
  }
  const sources = [...bySource.entries()].filter(([claimant]) => claimant !== '');
  const rival = sources.some(([, a], i) =>
    sources.slice(i + 1).some(([, b]) => [...a.sides].some((x) => x === 'unknown' || b.sides.has(x) || b.sides.has('unknown'))),
  );
  let total: number;
  if (rival) {
    total = Math.min(...sources.map(([, v]) => v.total)) + (bySource.get('')?.total ?? 0);
    flags.push('fatalities_conflict');
  } else {
    total = [...bySource.values()].reduce((n, v) => n + v.total, 0);
  }
  for (const s of statements) {
    const q = s.quantity;
    evidence.push({ field: 'fatalities', start: q.start, end: q.end, text: q.text });
    if (s.attribution) {
      claims.push({
        field: 'fatalities',
        value: s.value,
        claimant: s.attribution.claimant,
        ...(s.attribution.channel ? { channel: s.attribution.channel } : {}),
        ...(s.attribution.date ? { date: s.attribution.date } : {}),
        span: { start: q.start, end: q.end, text: q.text },
      });
    }
  }
  return { fatalities: total, claims, evidence, victimSides, harmed, flags };
}
