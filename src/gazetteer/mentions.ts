// Place mentions in a text: capitalised name sequences the gazetteer, the admin tables or the country
// list know, or unknown names that a place cue introduces ("the village of Soumouni"). Each mention says
// what kind of place it is (a kind word decides: "Kidal region" vs "Kidal"), how the text relates the
// event to it (near, 30 km north of, between…) and which mention contains it ("Djibo, in Soum province").
import type { Lang } from '../domain/schemas.ts';
import { cuePatterns, type CuePatterns } from './cue-patterns.ts';
import { adminNameLexicon, cueLexicon } from './lexicon.ts';
import type { Admin1Match, Admin1Ref, Admin2Match, Gazetteer, GazetteerEntry, PlaceMention } from './types.ts';

interface Token { start: number; end: number; text: string; cap: boolean }

// Lowercase words allowed inside a name: "Boucle du Mouhoun", "Fada N'gourma", "Gourma-Rharous".
const PARTICLES = new Set(['du', 'de', 'des', 'la', 'el', 'al', 'ag', 'ould', 'ben', 'ibn', "n'", 'n’']);
const MAX_TOKENS = 5;
const WORD = /[\p{L}\p{M}][\p{L}\p{M}0-9'’-]*/gu;

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    let start = m.index;
    let word = m[0];
    // French elision: "d'Ansongo", "l'Est" → the name starts after the apostrophe.
    const elided = /^(?:d|l|qu|jusqu)['’](?=\p{Lu})/u.exec(word);
    if (elided) {
      start += elided[0].length;
      word = word.slice(elided[0].length);
    }
    // Possessive and trailing punctuation are not part of the name: "Mali's", "Gao-".
    word = word.replace(/['’]s$/u, '').replace(/['’-]+$/u, '');
    // "a Gao-region village": the kind word stays outside the name (and still reads as a cue).
    word = word.replace(/-(?:region|area|based|province|cercle)$/iu, '');
    if (word === '') continue;
    out.push({ start, end: start + word.length, text: word, cap: /^\p{Lu}/u.test(word) });
  }
  return out;
}

interface Readings { countries: string[]; admin1: Admin1Match[]; admin2: Admin2Match[]; places: GazetteerEntry[] }

function read(name: string, gaz: Gazetteer): Readings {
  return { countries: gaz.findCountry(name), admin1: gaz.findAdmin1(name), admin2: gaz.findAdmin2(name), places: gaz.lookup(name) };
}

const isEmpty = (r: Readings): boolean => r.countries.length + r.admin1.length + r.admin2.length + r.places.length === 0;

function cueOnlyAdmin1(a: Admin1Ref): boolean {
  return adminNameLexicon().admin1[`${a.country}.${a.code}`]?.cueOnly === true;
}

/** Candidates best first: a place in a monitored country beats a foreign one of the same name. */
function rankPlaces(places: GazetteerEntry[], countries: string[]): GazetteerEntry[] {
  if (countries.length === 0) return places;
  const home = places.filter((p) => countries.includes(p.country));
  return home.concat(places.filter((p) => !countries.includes(p.country)));
}

function admin1Refs(list: { country: string; code: string; name: string }[]): Admin1Ref[] {
  const seen = new Set<string>();
  const out: Admin1Ref[] = [];
  for (const a of list) {
    const k = `${a.country}.${a.code}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push({ country: a.country, code: a.code, name: a.name });
  }
  return out;
}

function placeAdmin1(places: GazetteerEntry[], gaz: Gazetteer): Admin1Ref[] {
  return admin1Refs(places.slice(0, 5).map((p) => ({ country: p.country, code: p.admin1Code, name: gaz.admin1Name(p.country, p.admin1Code) })));
}

interface Draft {
  start: number;
  end: number;
  text: string;
  readings: Readings;
  known: boolean;
  /** one end of a road named by its two towns ("l'axe Djibo-Ouahigouya"): the event lies between them */
  road?: true;
}

const LEVEL: Record<PlaceMention['kind'], number> = { place: 0, admin2: 1, admin1: 2, country: 3 };

export function findPlaceMentions(text: string, gaz: Gazetteer, opts: { lang: Lang; countries: string[] }): PlaceMention[] {
  const cues = cueLexicon();
  const notPlaces = new Set(cues.notPlaces);
  const notBefore = new Set(cues.notPlaceBefore);
  const notAfter = new Set(cues.notPlaceAfter);
  const pat = cuePatterns(opts.lang);
  const tokens = tokenize(text);
  const drafts: Draft[] = [];

  for (let i = 0; i < tokens.length; i++) {
    const first = tokens[i]!;
    if (!first.cap || notPlaces.has(first.text)) continue;
    const prevTok = tokens[i - 1];
    if (prevTok && notBefore.has(prevTok.text) && text.slice(prevTok.end, first.start).trim() === '') continue;
    // The longest run of name tokens, joined by single spaces (hyphens are inside tokens).
    let last = i;
    while (last + 1 < tokens.length && last - i + 1 < MAX_TOKENS) {
      const nxt = tokens[last + 1]!;
      const gap = text.slice(tokens[last]!.end, nxt.start);
      if (gap !== ' ' && gap !== "'" && gap !== '’') break;
      if (!nxt.cap && !PARTICLES.has(nxt.text.toLowerCase())) break;
      last++;
    }
    let found: Draft | null = null;
    for (let j = last; j >= i; j--) {
      if (!tokens[j]!.cap) continue;
      const name = text.slice(first.start, tokens[j]!.end);
      if (j === i && notPlaces.has(name)) break;
      // "West of Sokolo": the compass word is the relation to the next name, not a place of its own.
      if (j === i && pat.directionWord.has(name.toLowerCase()) && /^\s+(?:of|from|de|du|d['’])\s*/iu.test(text.slice(tokens[j]!.end))) break;
      const readings = read(name, gaz);
      // A hamlet, well or hill known only from an imported dump may share its name with a common word,
      // capitalised at the start of a sentence ("Air operations also targeted..."): there it needs a
      // place cue before it, like an unknown name.
      if (!isEmpty(readings) && onlySmallPlaces(readings) && sentenceInitial(text, first.start) &&
        !licensedAt(text, first.start, drafts, pat, opts.lang, tokens[j]!.end))
        continue;
      if (!isEmpty(readings)) {
        found = { start: first.start, end: tokens[j]!.end, text: name, readings, known: true };
        i = j;
        break;
      }
    }
    if (found === null && last === i) {
      const road = onRoad(text, first.start, first.end, pat) ? roadEnds(first.start, first.text, gaz) : null;
      if (road !== null) {
        drafts.push(...road);
        continue;
      }
    }
    if (found === null) {
      // An unknown name counts only when a place cue introduces it ("in Soumouni", "village of Kilimba").
      let j = i;
      while (j + 1 <= last && j - i < 2 && tokens[j + 1]!.cap) j++;
      const name = text.slice(first.start, tokens[j]!.end);
      const licensed = licensedAt(text, first.start, drafts, pat, opts.lang, tokens[j]!.end);
      // An adjective ("in Dogon villages", "in Malian custody") is followed by a lowercase noun.
      const nextWord = tokens[j + 1];
      // A verb is not a noun: "residents of Karangasso-Sambla barricaded", "les habitants de Bama ont manifesté".
      const adjective = nextWord !== undefined && !nextWord.cap && text.slice(tokens[j]!.end, nextWord.start) === ' ' &&
        !/^(?:and|or|et|ou|on|in|at|to|of|de|du|des|à|au|near|where|when|while|after|before|last|this|early|late|overnight|with|from|that|which|region|province|cercle|district|area|commune|circle|department|have|has|had|were|was|are|is|ont|a|sont|est|avaient|avait|said|say|says)$/i.test(nextWord.text) &&
        !/\p{L}{3,}ed$/u.test(nextWord.text);
      if (licensed && !adjective && !notPlaces.has(name)) {
        found = { start: first.start, end: tokens[j]!.end, text: name, readings: { countries: [], admin1: [], admin2: [], places: [] }, known: false };
      }
      i = j;
    }
    if (found === null) continue;
    const after = tokens.find((t) => t.start >= found.end);
    if (after && notAfter.has(after.text) && text.slice(found.end, after.start).trim() === '') continue;
    drafts.push(found);
  }

  const mentions = drafts.map((d) => classify(d, text, gaz, pat, opts.countries, opts.lang)).filter((m): m is PlaceMention => m !== null);
  linkLists(mentions, text, gaz, pat);
  linkContainers(mentions, text, gaz);
  return mentions;
}

function onRoad(text: string, start: number, end: number, pat: CuePatterns): boolean {
  return pat.roadBefore.test(text.slice(Math.max(0, start - 30), start)) || pat.roadAfter.test(text.slice(end, end + 20));
}

/**
 * "l'axe Boni-Hombori", "the Gao-Ansongo road": a hyphenated name that is no place itself but joins two known
 * towns names the road between them. Both ends become places, told as "between" them.
 */
function roadEnds(start: number, name: string, gaz: Gazetteer): Draft[] | null {
  const parts = name.split('-');
  for (let k = 1; k < parts.length; k++) {
    const a = parts.slice(0, k).join('-');
    const b = parts.slice(k).join('-');
    const ra = read(a, gaz);
    const rb = read(b, gaz);
    // towns, not countries ("the Mali-Niger border")
    if (ra.places.length === 0 || rb.places.length === 0 || ra.countries.length > 0 || rb.countries.length > 0) continue;
    return [
      { start, end: start + a.length, text: a, readings: ra, known: true, road: true },
      { start: start + a.length + 1, end: start + name.length, text: b, readings: rb, known: true, road: true },
    ];
  }
  return null;
}

/** A place cue introduces the name: "in", "near", "the village of", "30 km north of", "X, a village". */
function licensedAt(text: string, start: number, drafts: Draft[], pat: CuePatterns, lang: Lang, end: number): boolean {
  const before = text.slice(Math.max(0, start - 80), start);
  return (
    pat.relationBefore.some(([, re]) => re.test(before)) || pat.between.test(before) ||
    pat.distanceDirection.test(before) || pat.direction.test(before) || pat.distanceFrom.test(before) ||
    pat.admin2Before.test(before) || pat.admin1Before.test(before) || pat.placeNounBefore.test(before) ||
    introducedAsPlace(text, end, lang) || secondOfBetween(drafts, text, start, pat)
  );
}

function sentenceInitial(text: string, start: number): boolean {
  return /(?:^|[.!?:;\n]["”»)]?)\s*["“«(]?$/.test(text.slice(Math.max(0, start - 4), start)) || start === 0;
}

/** Only places under cities500's threshold (population < 500): what the country dumps add. */
function onlySmallPlaces(r: Readings): boolean {
  return r.countries.length === 0 && r.admin1.length === 0 && r.admin2.length === 0 && r.places.every((p) => p.population < 500);
}

/** "between Soumouni and Sene-Bamanan": the second name of a "between" pair. */
function secondOfBetween(drafts: Draft[], text: string, start: number, pat: CuePatterns): boolean {
  const prev = drafts[drafts.length - 1];
  if (prev === undefined || !/^\s*(?:and|et)\s+$/iu.test(text.slice(prev.end, start))) return false;
  return pat.between.test(text.slice(Math.max(0, prev.start - 80), prev.start));
}

/** "Soumouni, a village in…", "X, une localité de…": the name is introduced as a place after it. */
function introducedAsPlace(text: string, end: number, lang: Lang): boolean {
  const after = text.slice(end, end + 40);
  return lang === 'en'
    ? /^\s*,?\s*(?:a|an|the)\s+(?:small\s+|remote\s+|rural\s+)?(?:village|town|locality|hamlet|commune|settlement)\b/i.test(after) ||
        /^\s+(?:village|town|locality|commune)\b/i.test(after)
    : /^\s*,?\s*(?:un|une|le|la)\s+(?:petit\s+|petite\s+)?(?:village|ville|localité|hameau|commune|bourgade)\b/i.test(after);
}

function classify(d: Draft, text: string, gaz: Gazetteer, pat: CuePatterns, countries: string[], lang: Lang): PlaceMention | null {
  const before = text.slice(Math.max(0, d.start - 100), d.start);
  const after = text.slice(d.end, d.end + 60);
  const r = d.readings;
  const admin1Cue = pat.admin1After.test(after) || pat.admin1Before.test(before);
  const admin2Cue = pat.admin2After.test(after) || pat.admin2Before.test(before);
  // Regions and cercles of the monitored countries only: "district of Mali" is no Guinean prefecture.
  const home = <T extends { country: string }>(list: T[]): T[] => countries.length === 0 ? list : list.filter((a) => countries.includes(a.country));
  const admin1 = home(r.admin1);
  const admin2 = home(r.admin2);
  let places = rankPlaces(r.places, countries);
  const atHome = countries.length === 0 || places.some((p) => countries.includes(p.country));
  if (!atHome && places.length > 0) {
    const villageCue = pat.placeNounBefore.test(before) || introducedAsPlace(text, d.end, lang);
    const placeCue = villageCue || pat.relationBefore.some(([, re]) => re.test(before)) || pat.between.test(before) ||
      pat.direction.test(before) || pat.distanceDirection.test(before) || pat.distanceFrom.test(before);
    // A name only known abroad is a common word ("One", "Police") unless a cue makes it a place; and
    // "the village of Boni" is a village we lack, not Bonn.
    if (villageCue) places = [];
    else if (!placeCue) places = [];
    if (places.length === 0 && r.countries.length === 0 && admin1.length === 0 && admin2.length === 0 && !placeCue) return null;
  }
  let kind: PlaceMention['kind'] | null = null;
  if (r.countries.length > 0) kind = 'country';
  else if (admin1Cue && admin1.length > 0) kind = 'admin1';
  else if (admin2Cue && admin2.length > 0) kind = 'admin2';
  else if (places.length > 0) kind = 'place';
  else if (admin1.some((a) => !cueOnlyAdmin1(a))) kind = 'admin1';
  else if (admin2.length > 0) kind = 'admin2';
  else if (!d.known || places.length === 0) kind = 'place';
  if (kind === null) return null;

  const m: PlaceMention = {
    start: d.start, end: d.end, text: d.text, kind, relation: null, distanceKm: null, bearing: null,
    candidates: kind === 'place' ? places : [],
    admin1: [],
    container: null,
    admin2: kind === 'admin2' ? admin2 : [],
    countries: kind === 'country' ? r.countries : [],
  };
  if (kind === 'admin1') m.admin1 = admin1Refs(admin1);
  else if (kind === 'admin2') m.admin1 = admin1Refs(admin2.map((a) => ({ country: a.country, code: a.admin1Code, name: gaz.admin1Name(a.country, a.admin1Code) })));
  else if (kind === 'place') m.admin1 = placeAdmin1(places, gaz);
  setRelation(m, before, after, pat);
  if (d.road === true) m.relation = 'between';
  return m;
}

function setRelation(m: PlaceMention, before: string, after: string, pat: CuePatterns): void {
  let dm = pat.distanceDirection.exec(before);
  if (dm) {
    m.relation = 'direction';
    m.distanceKm = toKm(dm[1]!, dm[2]!);
    m.bearing = pat.directionWord.get(dm[3]!.toLowerCase().replace(/[-\s]+/g, ' ')) ?? null;
    return;
  }
  dm = pat.distanceFrom.exec(before);
  if (dm) {
    m.relation = 'near';
    m.distanceKm = toKm(dm[1]!, dm[2]!);
    return;
  }
  dm = pat.direction.exec(before);
  if (dm) {
    m.relation = 'direction';
    m.bearing = pat.directionWord.get(dm[1]!.toLowerCase().replace(/[-\s]+/g, ' ')) ?? null;
    return;
  }
  if (pat.between.test(before)) {
    m.relation = 'between';
    return;
  }
  for (const [relation, re] of pat.relationBefore) {
    if (re.test(before)) {
      m.relation = relation;
      break;
    }
  }
  // "in the Tessalit area": the kind word after the name widens "in" to an area.
  if ((m.relation === 'in' || m.relation === null) && m.kind === 'place' && pat.areaAfter.test(after)) m.relation = 'area';
}

function toKm(num: string, unit: string): number {
  const n = Number(num.replace(',', '.'));
  return /^mile/i.test(unit) ? Math.round(n * 1.609) : n;
}

/** "the Ségou and Mopti regions", "les régions de Ségou et Mopti", "between Soumouni and Sene-Bamanan". */
function linkLists(mentions: PlaceMention[], text: string, gaz: Gazetteer, pat: CuePatterns): void {
  for (let i = 0; i < mentions.length; i++) {
    const m = mentions[i]!;
    const after = text.slice(m.end, m.end + 30);
    const before = text.slice(Math.max(0, m.start - 40), m.start);
    const pluralAfter = /^\s+\S+/.exec(after)?.[0].trim() ?? '';
    const pluralBefore = /(\S+)\s+(?:of\s+(?:the\s+)?|de\s+la\s+|de\s+|du\s+|des\s+|d['’]\s*)$/iu.exec(before)?.[1] ?? '';
    const joined = (a: PlaceMention, b: PlaceMention): boolean => pat.joiner.test(text.slice(a.end, b.start));
    if ((m.kind === 'admin1' || m.kind === 'admin2') && pat.pluralKind.test(pluralAfter)) {
      for (let k = i - 1; k >= 0 && joined(mentions[k]!, mentions[k + 1]!); k--) toAdmin(mentions[k]!, m.kind, gaz);
    }
    if ((m.kind === 'admin1' || m.kind === 'admin2') && pat.pluralKind.test(pluralBefore)) {
      for (let k = i + 1; k < mentions.length && joined(mentions[k - 1]!, mentions[k]!); k++) toAdmin(mentions[k]!, m.kind, gaz);
    }
    if (m.relation === 'between') {
      const next = mentions[i + 1];
      if (next && /^\s*(?:and|et)\s+(?:the\s+|la\s+|le\s+)?(?:(?:village|town|ville|localité)\s+(?:of|de|d['’])\s*)?$/iu.test(text.slice(m.end, next.start))) {
        next.relation = 'between';
      }
    }
  }
}

function toAdmin(m: PlaceMention, kind: 'admin1' | 'admin2', gaz: Gazetteer): void {
  if (m.kind === kind) return;
  if (kind === 'admin1') {
    const a = gaz.findAdmin1(m.text);
    if (a.length === 0) return;
    m.kind = 'admin1';
    m.admin1 = admin1Refs(a);
  } else {
    const a = gaz.findAdmin2(m.text);
    if (a.length === 0) return;
    m.kind = 'admin2';
    m.admin2 = a;
    m.admin1 = admin1Refs(a.map((x) => ({ country: x.country, code: x.admin1Code, name: gaz.admin1Name(x.country, x.admin1Code) })));
  }
  m.candidates = [];
  if (m.relation === 'in') m.relation = null;
}

// What may stand between a place and its container: "Sokolo in Ségou", "Djibo, in Soum province",
// "Kilimba, in the Koro district of Mali's Mopti region", "Diafarabé (cercle de Ténenkou)".
const CONTAINER_GAP = /^\s*[,(]?\s*(?:(?:a|an|the|un|une|le|la|les)\s+)?(?:(?:small|remote|rural|border|village|town|locality|hamlet|commune|settlement|located|situated|petit|petite|ville|localité|hameau|situé|située|cercle|province|region|district|département|région)\s+){0,3}(?:in|of|inside|within|dans|en|de|du|des|d['’]|à|au)\s+(?:(?:the|northern|southern|eastern|western|central|north-eastern|north-western|south-eastern|south-western|la|le|les|l['’])\s*)*(?:(?:region|province|cercle|district|department|commune|circle|région|département)\s+(?:of|de|du|des|d['’])\s*)?$/iu;
const POSSESSIVE_GAP = /^['’]s\s+(?:(?:northern|southern|eastern|western|central|north-eastern|north-western|south-eastern|south-western|restive|volatile)\s+)?$/iu;

function linkContainers(mentions: PlaceMention[], text: string, gaz: Gazetteer): void {
  for (let i = 0; i + 1 < mentions.length; i++) {
    const a = mentions[i]!;
    const b = mentions[i + 1]!;
    const gap = text.slice(a.end, b.start);
    if (gap.length > 70 || /[.;:!?\n]/.test(gap)) continue;
    if (POSSESSIVE_GAP.test(gap) && a.kind === 'country' && b.kind !== 'country') {
      // "Mali's Mopti region": the country contains what follows.
      b.container = a;
      continue;
    }
    // "Djibo, Soum province", "Gao, Mali": a bare comma only before a coarser unit.
    if (/^\s*,\s*$/.test(gap)) {
      if (LEVEL[b.kind] > LEVEL[a.kind]) a.container = b;
      continue;
    }
    if (!CONTAINER_GAP.test(gap)) continue;
    // The container is the coarser of the two; a town name after "in" under a village is its region
    // ("Sokolo in Ségou"), when the name has a region reading.
    if (b.kind === 'place' && a.kind === 'place' && b.candidates.length > 0) {
      const asRegion = gaz.findAdmin1(b.text);
      const asCercle = gaz.findAdmin2(b.text);
      if (asRegion.length > 0 && /\bin\b|\bdans\b/i.test(gap) && !/\bnear\b/i.test(gap)) {
        b.kind = 'admin1';
        b.admin1 = admin1Refs(asRegion);
        b.candidates = [];
      } else if (asCercle.length > 0 && /\bin\b|\bdans\b/i.test(gap)) {
        b.kind = 'admin2';
        b.candidates = [];
        b.admin2 = asCercle;
        b.admin1 = admin1Refs(asCercle.map((x) => ({ country: x.country, code: x.admin1Code, name: gaz.admin1Name(x.country, x.admin1Code) })));
      } else if (a.candidates.length > 0) continue;
    }
    if (LEVEL[b.kind] < LEVEL[a.kind]) continue;
    if (b.kind === a.kind && b.kind !== 'place') continue;
    a.container = b;
  }
}
