// Groups the sentences of a report into event frames: one frame per interaction, place and day.
// A report tells one event in several sentences ("was ambushed on Sunday..." / "the army lost a lieutenant"),
// and several events in one ("strikes in Ségou and Timbuktu"); this module decides which is which.
import type { Place } from '../domain/index.ts';
import { distanceKm, type PlaceMention } from '../gazetteer/index.ts';
import type { DateMention, RelativeEventDate } from '../text/dates.ts';
import type { CueKind } from '../locales/event-lexicon.ts';
import type { Cue, DocumentAnalysis, SentenceInfo, Span2 } from './analyse.ts';

export interface Frame {
  id: number;
  cues: Cue[];
  sentences: SentenceInfo[];
  places: PlaceMention[];
  dates: DateMention[];
  /** "two days after the ambush": this frame's date relative to another frame. */
  relative: RelativeEventDate | null;
  /** The frame was first seen only as the anchor of a relative date ("after an ambush"). */
  fromAnchor: boolean;
  /** The part of each sentence that speaks of this frame (a relative clause about another event is cut out). */
  scopes: Map<SentenceInfo, Span2>;
}

/** True when a mention lies in the part of its sentence that tells this frame. */
export function inScope(frame: Frame, info: SentenceInfo, item: { start: number; end: number }): boolean {
  const scope = frame.scopes.get(info);
  return scope === undefined || (item.start >= scope.start && item.end <= scope.end);
}

/** The sentence without the clauses that tell another event ("..., two days after an ambush that ..."). */
function mainScope(info: SentenceInfo): Span2 {
  let { start, end } = info.sentence;
  for (const a of info.anchorScopes) {
    if (a.start - start < 3) start = Math.max(start, a.end);
    else end = Math.min(end, a.start);
  }
  return { start, end };
}

const within = (scope: Span2) => (m: { start: number; end: number }) => m.start >= scope.start && m.end <= scope.end;

export interface FrameContext {
  /** Resolves one mention on its own, for comparing places; memoised by the caller. */
  placeOf(mention: PlaceMention): Place | null;
  /** Publication date, for telling fresh incidents from background. */
  published: string | null;
}

type Family = 'violence' | 'demonstration' | 'development';

const FAMILIES: Record<CueKind, Family[]> = {
  air_strike: ['violence'],
  shelling: ['violence'],
  suicide: ['violence'],
  grenade: ['violence'],
  ied: ['violence'],
  abduction: ['violence'],
  sexual: ['violence'],
  ambush: ['violence'],
  clash: ['violence', 'demonstration'],
  attack: ['violence', 'demonstration'],
  kill: ['violence', 'demonstration', 'development'],
  protest: ['demonstration'],
  intervention: ['demonstration'],
  riot: ['demonstration'],
  mob: ['demonstration', 'violence'],
  arrest: ['development', 'demonstration'],
  looting: ['development', 'violence', 'demonstration'],
  weapons_seized: ['development', 'violence'],
  agreement: ['development'],
  overtake: ['violence', 'development'],
  regain: ['violence', 'development'],
  withdrawal: ['development'],
  group_change: ['development'],
  base: ['development'],
  other: ['development'],
};

const KILLING_VERB = /^(?:killed|killing|shot dead|gunned down|murdered|executed|massacred|beheaded|tue|tues|tuee|tuees|abattu|abattus|execute|executes)$/;

/** Cues that say something happened to someone but not what: they join a frame rather than start one. */
const SUPPORTING: ReadonlySet<CueKind> = new Set(['kill', 'intervention', 'looting', 'other', 'withdrawal']);

function families(cues: Cue[]): Set<Family> {
  const out = new Set<Family>();
  for (const c of cues) for (const f of FAMILIES[c.kind]) out.add(f);
  return out;
}

function familiesMeet(a: Cue[], b: Cue[]): boolean {
  const fa = families(a);
  const strongB = b.filter((c) => !SUPPORTING.has(c.kind));
  const strongA = a.filter((c) => !SUPPORTING.has(c.kind));
  if (strongA.length === 0 || strongB.length === 0) return [...families(b)].some((f) => fa.has(f));
  const sa = families(strongA);
  return [...families(strongB)].some((f) => sa.has(f));
}

function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${a}T00:00:00Z`) - Date.parse(`${b}T00:00:00Z`)) / 86_400_000);
}

/** Dates that say when something happened, not when someone spoke ("the army said on Tuesday"). */
export function eventDates(info: SentenceInfo): DateMention[] {
  return info.dates.filter((d) => {
    // "now" is the writer's present, not the day something happened
    if (/^(?:now|right now|currently|at present|maintenant|actuellement|desormais)$/i.test(d.text.trim())) return false;
    const before = info.folded.slice(Math.max(0, d.start - info.sentence.start - 45), d.start - info.sentence.start);
    if (/\b(?:said|says|told|reported|announced|stated|added|confirmed|released|published|statement|communique|emerged|revealed|learned|learnt|a appris|a indique|a declare|a annonce|ont indique|ont declare)\b[^.;]{0,25}$/.test(before))
      return false;
    return !info.attributions.some((a) => d.start >= a.start && d.end <= a.end);
  });
}

/** A sentence tells a fresh incident unless it reads as forecast, comment, tally or remembrance. */
function reportsIncident(info: SentenceInfo, ctx: FrameContext): boolean {
  const dates = eventDates(info);
  const published = ctx.published;
  const fresh = dates.some((d) => !published || (daysBetween(published, d.date) <= 31 && d.date <= published));
  // "On 20 November 2015, gunmen took guests hostage": a dated incident long before the report is background,
  // and so is one recalled on its anniversary even when the sentence also says when it was remembered.
  const old =
    published !== null && dates.some((d) => (d.precision === 1 || d.yearStated) && daysBetween(published, d.date) > 60);
  if (old && (!fresh || info.modalities.includes('anniversary'))) return false;
  if (info.modalities.length === 0) return true;
  if (info.modalities.includes('future')) return false;
  return fresh;
}

function placesCompatible(a: PlaceMention[], b: PlaceMention[], ctx: FrameContext): boolean {
  if (a.length === 0 || b.length === 0) return true;
  for (const ma of a)
    for (const mb of b) {
      const pa = ctx.placeOf(ma);
      const pb = ctx.placeOf(mb);
      if (!pa || !pb) continue;
      if (pa.country !== pb.country) continue;
      // A region, or a regional capital that reports use for its region ("strikes in Ségou and Timbuktu"),
      // holds every place of that region; a cercle or province holds the places of that unit.
      if ((pa.geo_precision === 3 || regionLike(ma) || regionLike(mb)) && pa.admin1 === pb.admin1) return true;
      if ((ma.kind === 'admin2' || mb.kind === 'admin2') && pa.admin1 === pb.admin1 && pa.admin2 !== '' && pa.admin2 === pb.admin2)
        return true;
      if (distanceKm(pa.latitude, pa.longitude, pb.latitude, pb.longitude) <= 30) return true;
    }
  return false;
}

function regionLike(m: PlaceMention): boolean {
  // "near Dori", "30 km north of Gao" point at the town itself, never at its region
  const pointed = m.relation !== null && m.relation !== 'in';
  return m.kind === 'admin1' || (m.kind === 'place' && !pointed && m.candidates[0]?.featureCode === 'PPLA');
}


function datesCompatible(a: DateMention[], b: DateMention[]): boolean {
  const da = a.filter((d) => d.precision === 1).map((d) => d.date);
  const db = b.filter((d) => d.precision === 1).map((d) => d.date);
  if (da.length === 0 || db.length === 0) return true;
  return da.some((x) => db.includes(x));
}

/** Places named as separate targets of one clause ("in Ségou and Timbuktu"), each its own event. */
function coordinatedPlaces(info: SentenceInfo): PlaceMention[][] {
  const places = info.places.filter((p) => p.kind !== 'country' && !isContainer(p, info.places));
  if (places.length < 2) return [places];
  const between = places.some((p) => p.relation === 'between');
  if (between) return [places];
  const groups: PlaceMention[][] = [];
  for (let i = 0; i < places.length; i++) {
    const p = places[i] as PlaceMention;
    const prev = places[i - 1];
    const gap = prev ? info.folded.slice(prev.end - info.sentence.start, p.start - info.sentence.start) : '';
    if (prev && COORDINATION.test(gap) && prev.kind === p.kind) groups.push([p]);
    else if (groups.length === 0) groups.push([p]);
    else (groups[groups.length - 1] as PlaceMention[]).push(p);
  }
  return groups;
}

/** "in Ségou and Timbuktu", "near Kidal and near Ménaka", "à Gao et à Kidal". */
const COORDINATION =
  /^\s*(?:,|(?:,\s*)?(?:and|et|ou|or)\s*(?:(?:near|in|at|outside|around|pres de|a|au|dans)\s+)?(?:(?:the|la|le|les)\s+)?)\s*$/;

function isContainer(p: PlaceMention, all: PlaceMention[]): boolean {
  return all.some((o) => o !== p && o.container === p);
}

export function buildFrames(analysis: DocumentAnalysis, ctx: FrameContext): Frame[] {
  const frames: Frame[] = [];
  let nextId = 0;
  const newFrame = (fromAnchor: boolean): Frame => {
    const f: Frame = { id: nextId++, cues: [], sentences: [], places: [], dates: [], relative: null, fromAnchor, scopes: new Map() };
    frames.push(f);
    return f;
  };
  const attach = (frame: Frame, info: SentenceInfo, cues: Cue[], places: PlaceMention[], dates: DateMention[], scope: Span2) => {
    frame.cues.push(...cues);
    if (!frame.sentences.includes(info)) frame.sentences.push(info);
    const known = frame.scopes.get(info);
    frame.scopes.set(info, known ? { start: Math.min(known.start, scope.start), end: Math.max(known.end, scope.end) } : scope);
    for (const p of places) if (!frame.places.includes(p)) frame.places.push(p);
    for (const d of dates) if (!frame.dates.includes(d)) frame.dates.push(d);
  };

  for (const info of analysis.sentences) {
    // Mentions of another event inside a relative date ("two days after an ambush claimed by JNIM").
    for (const anchor of info.anchorScopes) {
      const anchorCues = info.cues.filter((c) => c.anchorOf === anchor.relative);
      if (anchorCues.length === 0) continue;
      const existing = [...frames].reverse().find((f) => familiesMeet(f.cues, anchorCues));
      attach(existing ?? newFrame(true), info, anchorCues, info.places.filter(within(anchor)), [], anchor);
    }

    const cues = info.cues.filter((c) => !c.anchorOf);
    if (cues.length === 0 || !reportsIncident(info, ctx)) continue;
    const scope = mainScope(info);
    const dates = eventDates(info).filter(within(scope));
    const ownRelative = info.relativeDates.find((r) => info.cues.some((c) => c.anchorOf === r)) ?? null;

    const groups = coordinatedPlaces(info).map((group) => group.filter(within(scope)));
    const siblings: Frame[] = [];
    for (const places of groups) {
      const strong = cues.some((c) => !SUPPORTING.has(c.kind));
      const target = frameToJoin(frames, { info, cues, places, dates, strong, siblings }, ctx);
      // A sentence that names neither a day nor a place, nor hangs on another event, tells no incident of
      // its own ("every attack invites revenge"); one with only harm words needs at least a day or week.
      // Someone killing someone ("Gunmen killed two villagers") tells an act, "the dead" only its outcome.
      const act = strong || cues.some((c) => c.kind === 'kill' && !c.passive && KILLING_VERB.test(c.text));
      if (!target && !ownRelative && (act ? dates.length === 0 && places.length === 0 : !dates.some((d) => d.precision <= 2)))
        continue;
      const frame = target ?? newFrame(false);
      if (frame.fromAnchor && target) frame.fromAnchor = false;
      attach(frame, info, cues, places, dates, scope);
      if (groups.length > 1) siblings.push(frame);
      if (ownRelative && !frame.relative) frame.relative = ownRelative;
    }
  }
  return frames.filter((f) => !f.fromAnchor && f.cues.some((c) => !c.anchorOf));
}

interface Telling {
  info: SentenceInfo;
  cues: Cue[];
  places: PlaceMention[];
  dates: DateMention[];
  /** Cues that say what happened, not only that someone was hurt. */
  strong: boolean;
  /** Frames this sentence already opened for its other coordinated places. */
  siblings: Frame[];
}

/** The frame a sentence goes on telling, or undefined when it tells a new event. */
function frameToJoin(frames: Frame[], t: Telling, ctx: FrameContext): Frame | undefined {
  const { info, cues, places, dates, strong } = t;
  // Most recently told first: "the attack" in the next sentence means the event just told.
  const candidates = [...frames].sort((a, b) => lastTold(b) - lastTold(a) || b.id - a.id);
  const latest = candidates[0];
  const target = candidates.find(
    (f) =>
      // places coordinated in one sentence are separate events: never fold one into its sibling
      !t.siblings.includes(f) &&
      // a frame known only from "after an ambush" takes a later telling of that same kind of event
      !(f.fromAnchor && (!strong || f.sentences.includes(info) || !sharesCueKind(f.cues, cues))) &&
      familiesMeet(f.cues, cues) &&
      datesCompatible(f.dates, dates) &&
      placesCompatible(f.places, places, ctx) &&
      // an older frame with its own place and day takes a new act only of the same kind
      (f.fromAnchor || !strong || places.length === 0 || dates.length === 0 || f.places.length === 0 ||
        f.dates.length === 0 || latest === f || sharesCueKind(f.cues, cues)),
  );
  // A sentence with its own place and day reopens only the event just told, never an older one.
  const ownWhereAndWhen = strong && places.length > 0 && dates.length > 0;
  if (target && target !== latest && ownWhereAndWhen && !target.fromAnchor && target.places.length > 0 && target.dates.length > 0)
    return undefined;
  if (target) return target;
  // "Two civilians were killed" after an event: the consequence of the last event, when it fits at all.
  if (!strong && latest && familiesMeet(latest.cues, cues) && placesCompatible(latest.places, places, ctx)) return latest;
  return undefined;
}

function lastTold(f: Frame): number {
  return Math.max(-1, ...f.sentences.map((s) => s.sentence.index));
}

function sharesCueKind(a: Cue[], b: Cue[]): boolean {
  const kinds = new Set(a.map((c) => c.kind));
  return b.some((c) => !SUPPORTING.has(c.kind) && kinds.has(c.kind));
}
