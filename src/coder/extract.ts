// Public entry of the extractor: one Document in, its coded events out.
// The stages are plain functions (analyse -> frames -> dates, places, fatalities, types, actors -> events);
// the only state is the gazetteer, loaded once per extractor.
import {
  DISORDER_TYPE,
  eventTypeOf,
  interaction,
  interLabel,
  type Document,
  type Evidence,
  type EventLink,
  type FaultlineEvent,
  type Lang,
} from '../domain/index.ts';
import { countryName } from '../actors/index.ts';
import { loadBundledGazetteer, type Gazetteer } from '../gazetteer/index.ts';
import { detectLanguage } from '../text/language.ts';
import { analyseDocument, type DocumentAnalysis } from './analyse.ts';
import { buildFrames, type Frame } from './frames.ts';
import { dateFrames, type FrameDate } from './dating.ts';
import { PlaceResolver } from './placing.ts';
import { readFatalities } from './fatalities.ts';
import { assignRoles, blamedAfterFrame } from './roles.ts';
import { classify } from './classify.ts';
import { castActors } from './cast.ts';
import { inferredPublication } from './reference-date.ts';
import type { CueKind } from '../locales/event-lexicon.ts';

export interface ExtractorOptions {
  /** Monitored countries, ISO 3166-1 alpha-2 (a preference when places are ambiguous, not a filter). */
  countries: string[];
  /** Faultline's data directory (gazetteer index and store live there). */
  home: string;
  /** Used when a document has no `published` date: "today" for year inference. Defaults to the clock. */
  today?: string;
  /** Gazetteer to use instead of the bundled one (tests, imported dumps). */
  gazetteer?: Gazetteer;
}

export interface Extractor {
  /** Throws an Error naming what is wrong for a document that cannot be read (e.g. undetectable language). */
  extract(doc: Document): FaultlineEvent[];
}

export class UnreadableDocumentError extends Error {}

const SUPPORTED: readonly Lang[] = ['en', 'fr'];

export function documentLanguage(doc: Document): Lang {
  if (doc.lang !== undefined && doc.lang !== '') {
    const lang = doc.lang.toLowerCase().slice(0, 2) as Lang;
    if (!SUPPORTED.includes(lang))
      throw new UnreadableDocumentError(`unsupported language '${doc.lang}' (supported: ${SUPPORTED.join(', ')})`);
    return lang;
  }
  const detected = detectLanguage(doc.text);
  if (!detected) throw new UnreadableDocumentError('language could not be detected (supported: en, fr); set "lang"');
  return detected;
}

export async function createExtractor(options: ExtractorOptions): Promise<Extractor> {
  const gazetteer = options.gazetteer ?? loadBundledGazetteer({ home: options.home });
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  return { extract: (doc) => extractEvents(doc, { ...options, today, gazetteer }) };
}

interface Context {
  countries: string[];
  today: string;
  gazetteer: Gazetteer;
}

export function extractEvents(doc: Document, ctx: Context): FaultlineEvent[] {
  const lang = documentLanguage(doc);
  const inferred = doc.published ? null : inferredPublication(doc.text, lang, ctx.today);
  const published = doc.published ?? inferred;
  const analysis = analyseDocument(doc.text, {
    lang,
    dateContext: { lang, today: ctx.today, ...(published ? { published } : {}) },
    gazetteer: ctx.gazetteer,
    countries: ctx.countries,
  });
  const places = new PlaceResolver(ctx.gazetteer, ctx.countries, analysis);
  const frames = buildFrames(analysis, { placeOf: places.placeOf, published });
  const dates = dateFrames(frames, analysis, published, ctx.today);
  const events: FaultlineEvent[] = [];
  const eventOf = new Map<Frame, number>();
  for (const frame of frames) {
    const event = codeFrame(frame, frames, analysis, { doc, lang, places, date: dates.get(frame), ctx });
    if (!event) continue;
    const same = events.findIndex((e) => sameEvent(e, event));
    if (same >= 0) eventOf.set(frame, same);
    else {
      eventOf.set(frame, events.length);
      events.push(event);
    }
  }
  const ids = events.map((_, i) => `${doc.id}-${i + 1}`);
  const links = relatedEventLinks(frames, eventOf, ids, doc.text);
  return events.map((e, i) => ({ ...e, event_id_cnty: ids[i]!, ...(links[i]!.length > 0 ? { links: links[i] } : {}) }));
}

/** "…, two days after an ambush": the tie the text states between two of the report's events. */
function relatedEventLinks(frames: Frame[], eventOf: Map<Frame, number>, ids: string[], text: string): EventLink[][] {
  const out: EventLink[][] = ids.map(() => []);
  for (const frame of frames) {
    const rel = frame.relative;
    const from = eventOf.get(frame);
    if (rel === null || from === undefined) continue;
    const anchor = frames.find((f) => f !== frame && f.cues.some((c) => c.anchorOf === rel));
    const to = anchor === undefined ? undefined : eventOf.get(anchor);
    if (to === undefined || to === from) continue;
    if (out[from]!.some((l) => l.event === ids[to])) continue;
    const span = { start: rel.start, end: rel.end, text: text.slice(rel.start, rel.end) };
    if (rel.offsetDays === null) {
      out[from]!.push({ relation: 'retaliation', event: ids[to]!, span });
      continue;
    }
    const relation = rel.offsetDays > 0 ? 'after' : rel.offsetDays < 0 ? 'before' : 'same_day';
    out[from]!.push({ relation, event: ids[to]!, days: Math.abs(rel.offsetDays), span });
  }
  return out;
}

interface CodingContext {
  doc: Document;
  lang: Lang;
  places: PlaceResolver;
  date: FrameDate | undefined;
  ctx: Context;
}

function followersOf(frame: Frame, frames: Frame[], analysis: DocumentAnalysis) {
  const last = frame.sentences[frame.sentences.length - 1];
  if (!last) return [];
  const nextStarts = frames
    .filter((f) => f !== frame)
    .flatMap((f) => f.sentences.map((s) => s.sentence.start))
    .filter((start) => start > last.sentence.start);
  const stop = nextStarts.length > 0 ? Math.min(...nextStarts) : Infinity;
  return analysis.sentences.filter(
    (s) => s.sentence.start > last.sentence.start && s.sentence.start < stop && !frame.sentences.includes(s),
  );
}

function codeFrame(frame: Frame, frames: Frame[], analysis: DocumentAnalysis, fc: CodingContext): FaultlineEvent | null {
  const { doc, lang, places } = fc;
  const when = fc.date;
  if (!when) return null;
  const where = places.placeFrame(frame);
  const fatalities = readFatalities(frame, lang, analysis.sentences);
  const roled = [...assignRoles(frame), ...blamedAfterFrame(followersOf(frame, frames, analysis))];
  const agent = roled.find((r) => r.role === 'agent') ?? null;
  const patient = roled.find((r) => r.role === 'patient') ?? null;
  const sub = classify({
    primary: primaryKinds(frame),
    kinds: new Set(frame.cues.map((c) => c.kind)),
    deaths: fatalities.deaths,
    arrestIsAct: frame.cues.some((c) => c.kind === 'arrest' && !/^(?:arrests?|arrestations?)$/.test(c.text)),
    agentKind: agent?.mention.kind ?? null,
    patientKind: patient?.mention.kind ?? null,
    patientKinds: new Set(roled.filter((r) => r.role === 'patient').map((r) => r.mention.kind)),
    victimSides: fatalities.victimSides,
    killed: fatalities.fatalities,
    harmed: fatalities.harmed,
  });
  if (!sub) return null;
  const eventType = eventTypeOf(sub);
  const country = where.place?.country_code ?? actorCountry(roled) ?? places.countryMentioned() ?? (fc.ctx.countries.length === 1 ? fc.ctx.countries[0] ?? null : null);
  const cast = castActors({
    sub,
    roled,
    country,
    admin1: where.place?.admin1 ?? null,
    date: when.date,
    victimSides: fatalities.victimSides,
  });
  const place = where.place;
  const cueEvidence: Evidence[] = frame.cues
    .filter((c) => !c.anchorOf && c.kind !== 'kill')
    .slice(0, 3)
    .map((c) => ({ field: 'sub_event_type', start: c.start, end: c.end, text: doc.text.slice(c.start, c.end) }));
  const evidence = [...cueEvidence, ...cast.evidence, ...where.evidence, ...when.evidence, ...fatalities.evidence];
  const flags = [...when.flags, ...where.flags, ...fatalities.flags, ...(doc.published ? [] : ['published_inferred'])];
  const inter1 = cast.actor1?.inter ?? null;
  const inter2 = cast.actor2?.inter ?? null;
  const notes = frame.sentences.map((s) => s.sentence.text.trim()).join(' ').slice(0, 1000);
  return {
    doc_id: doc.id,
    event_id_cnty: '',
    event_date: when.date,
    year: Number(when.date.slice(0, 4)),
    time_precision: when.precision,
    disorder_type: DISORDER_TYPE[eventType],
    event_type: eventType,
    sub_event_type: sub,
    actor1: cast.actor1?.name ?? '',
    assoc_actor_1: cast.actor1?.assoc.join('; ') ?? '',
    inter1: inter1 ? interLabel(inter1) : '',
    actor2: cast.actor2?.name ?? '',
    assoc_actor_2: cast.actor2?.assoc.join('; ') ?? '',
    inter2: inter2 ? interLabel(inter2) : '',
    interaction: interaction(inter1, inter2),
    civilian_targeting: cast.actor2?.inter === 7 ? 'Civilian targeting' : '',
    iso: place ? place.iso ?? null : null,
    region: '',
    country: country ? countryName(country) : '',
    admin1: place?.admin1 ?? '',
    admin2: place?.admin2 ?? '',
    admin3: place?.admin3 ?? '',
    location: place?.name ?? '',
    latitude: place?.latitude ?? null,
    longitude: place?.longitude ?? null,
    geo_precision: place?.geo_precision ?? null,
    source: doc.source ?? doc.url ?? '',
    source_scale: '',
    notes,
    fatalities: fatalities.fatalities,
    tags: '',
    timestamp: Math.floor(Date.parse(`${doc.published ?? fc.ctx.today}T00:00:00Z`) / 1000),
    geonameid: place?.geonameid ?? null,
    evidence,
    claims: [...cast.claims, ...fatalities.claims],
    confidence: confidenceOf(flags, place?.geo_precision ?? null, cast.actor1 !== null),
    flags,
  };
}

/** The cue kinds of the sentence that first tells the frame's event. */
function primaryKinds(frame: Frame): Set<CueKind> {
  const own = frame.cues.filter((c) => !c.anchorOf);
  const strong = own.find((c) => c.kind !== 'kill') ?? own[0] ?? frame.cues[0];
  if (!strong) return new Set();
  const info = frame.sentences.find((s) => strong.start >= s.sentence.start && strong.end <= s.sentence.end);
  const inFirst = info ? frame.cues.filter((c) => c.start >= info.sentence.start && c.end <= info.sentence.end) : [strong];
  return new Set(inFirst.map((c) => c.kind));
}

function actorCountry(roled: ReturnType<typeof assignRoles>): string | null {
  return roled.find((r) => r.mention.country)?.mention.country ?? null;
}

function confidenceOf(flags: string[], geoPrecision: number | null, hasActor: boolean): number {
  let c = 0.9;
  if (flags.includes('date_assumed_published')) c -= 0.3;
  if (flags.includes('date_from_document')) c -= 0.1;
  if (flags.includes('date_conflict')) c -= 0.1;
  if (flags.includes('no_place')) c -= 0.3;
  if (flags.includes('place_from_document')) c -= 0.1;
  if (flags.includes('fatalities_conflict')) c -= 0.05;
  if (geoPrecision === 3) c -= 0.1;
  if (!hasActor) c -= 0.1;
  return Math.max(0.05, Math.round(c * 100) / 100);
}

/** The one-event rule: same type, actors, place and day is one event however many sentences tell it. */
function sameEvent(a: FaultlineEvent, b: FaultlineEvent): boolean {
  return (
    a.sub_event_type === b.sub_event_type &&
    a.event_date === b.event_date &&
    a.location === b.location &&
    a.actor1 === b.actor1 &&
    a.actor2 === b.actor2
  );
}
