// One event's Place from the place mentions of its sentences. Precision follows the codebook:
// 1 the named town; 2 near/outside/around it, an offset from it ("30 km north of Gao"), halfway between two
// places, or a village we cannot find placed at its cercle's seat; 3 only a region known (its capital).
import type { Place } from '../domain/schemas.ts';
import { entryScore } from './gazetteer.ts';
import { distanceKm, offsetPoint } from './geo.ts';
import type { Admin1Ref, Admin2Match, Gazetteer, GazetteerEntry, PlaceMention } from './types.ts';

interface Context {
  countries: string[];
  /** admin1 keys ("ML.05") the document names as regions, cercles or containers */
  docAdmin1: Set<string>;
  /** best candidates of the document's other places, for proximity */
  docPoints: GazetteerEntry[];
}

const a1key = (country: string, code: string): string => `${country}.${code}`;

function chain(m: PlaceMention): PlaceMention[] {
  const out: PlaceMention[] = [];
  for (let c = m.container; c !== null && out.length < 5; c = c.container) out.push(c);
  return out;
}

function containerAdmin1(m: PlaceMention): Set<string> {
  const keys = new Set<string>();
  for (const c of chain(m)) {
    if (c.kind === 'admin1' || c.kind === 'admin2') for (const a of c.admin1) keys.add(a1key(a.country, a.code));
  }
  return keys;
}

function outsideStatedRegion(m: PlaceMention, e: GazetteerEntry): boolean {
  const inside = containerAdmin1(m);
  if (inside.size > 0 && !inside.has(a1key(e.country, e.admin1Code))) return true;
  const countries = containerCountries(m);
  return countries.size > 0 && !countries.has(e.country);
}

function containerCountries(m: PlaceMention): Set<string> {
  const out = new Set<string>();
  for (const c of chain(m)) for (const k of c.countries) out.add(k);
  return out;
}

function buildContext(mentions: PlaceMention[], docMentions: PlaceMention[], countries: string[]): Context {
  const all = [...mentions, ...docMentions.filter((m) => !mentions.includes(m))];
  const docAdmin1 = new Set<string>();
  const docPoints: GazetteerEntry[] = [];
  for (const m of all) {
    if (m.kind === 'admin1' || m.kind === 'admin2') {
      for (const a of m.admin1.slice(0, 1)) if (countries.length === 0 || countries.includes(a.country)) docAdmin1.add(a1key(a.country, a.code));
    } else if (m.kind === 'place') {
      const home = m.candidates.filter((e) => countries.length === 0 || countries.includes(e.country));
      // An unambiguous place anchors the document; an ambiguous one says little.
      if (home.length === 1) docPoints.push(home[0]!);
    }
  }
  return { countries, docAdmin1, docPoints };
}

/** The candidate that fits the text best: monitored country, the container's region, the document's places. */
function bestCandidate(m: PlaceMention, ctx: Context): GazetteerEntry | null {
  const inside = containerAdmin1(m);
  const countriesAbove = containerCountries(m);
  let best: GazetteerEntry | null = null;
  let bestScore = -Infinity;
  for (const e of m.candidates) {
    let s = entryScore(e);
    if (ctx.countries.includes(e.country)) s += 100;
    if (countriesAbove.has(e.country)) s += 50;
    if (inside.has(a1key(e.country, e.admin1Code))) s += 20;
    if (ctx.docAdmin1.has(a1key(e.country, e.admin1Code))) s += 5;
    const near = ctx.docPoints.some((p) => p.geonameid !== e.geonameid && distanceKm(p.lat, p.lon, e.lat, e.lon) < 150);
    if (near) s += 3;
    if (s > bestScore) {
      best = e;
      bestScore = s;
    }
  }
  return best;
}

function placeFromEntry(e: GazetteerEntry, gaz: Gazetteer, precision: 1 | 2 | 3, name?: string, mention?: PlaceMention): Place {
  let admin2 = gaz.admin2For(e)?.name ?? '';
  // A cercle the text names around the place beats our nearest-seat guess.
  const named = mention ? [mention, ...chain(mention)].find((c) => c.kind === 'admin2') : undefined;
  const namedCercle = named?.admin2.find((a) => a.country === e.country && a.admin1Code === e.admin1Code);
  if (namedCercle && e.admin2Code === '') admin2 = namedCercle.name;
  const iso = gaz.countryIsoNumeric(e.country);
  // A village placed at its cercle's seat is not that seat: no GeoNames id then.
  const own = name === undefined || name === e.name;
  return {
    name: name ?? e.name,
    ...(own ? { geonameid: e.geonameid } : {}),
    latitude: e.lat,
    longitude: e.lon,
    country: gaz.countryName(e.country),
    country_code: e.country,
    ...(iso === null ? {} : { iso }),
    admin1: gaz.admin1Name(e.country, e.admin1Code),
    admin2,
    admin3: gaz.admin3Name(e),
    geo_precision: precision,
  };
}

function pickAdmin2(list: Admin2Match[], ctx: Context): Admin2Match | null {
  const home = list.filter((a) => ctx.countries.length === 0 || ctx.countries.includes(a.country));
  const pool = home.length > 0 ? home : list;
  return pool.find((a) => ctx.docAdmin1.has(a1key(a.country, a.admin1Code))) ?? pool[0] ?? null;
}

function pickAdmin1(list: Admin1Ref[], ctx: Context): Admin1Ref | null {
  const home = list.filter((a) => ctx.countries.length === 0 || ctx.countries.includes(a.country));
  const pool = home.length > 0 ? home : list;
  return pool[0] ?? null;
}

/** A place at an admin2's seat (precision 2 for a village inside it, 3 for the unit itself). */
function atAdmin2(a: Admin2Match, gaz: Gazetteer, precision: 2 | 3, name: string | null): Place | null {
  const seat = a.seat ?? gaz.findAdmin1(gaz.admin1Name(a.country, a.admin1Code), [a.country])[0]?.capital ?? null;
  if (seat === null) return null;
  const place = placeFromEntry(seat, gaz, precision, name ?? seat.name);
  return { ...place, admin1: gaz.admin1Name(a.country, a.admin1Code), admin2: a.name };
}

function atAdmin1(a: Admin1Ref, gaz: Gazetteer, name: string | null): Place | null {
  const capital = gaz.findAdmin1(a.name, [a.country]).find((x) => x.code === a.code)?.capital ?? null;
  if (capital === null || capital.admin1Code !== a.code) return null;
  const place = placeFromEntry(capital, gaz, 3, name ?? capital.name);
  return { ...place, admin1: gaz.admin1Name(a.country, a.code) };
}

/** A place named but missing from the gazetteer: its container's seat, its name kept. */
function fromContainer(m: PlaceMention, gaz: Gazetteer, ctx: Context): Place | null {
  for (const c of chain(m)) {
    if (c.kind === 'place') {
      const e = bestCandidate(c, ctx);
      // A container only known abroad ("in the Banh area" is not Iran's Baneh) says nothing here.
      if (e !== null && (ctx.countries.length === 0 || ctx.countries.includes(e.country))) return placeFromEntry(e, gaz, 2, m.text, c);
    } else if (c.kind === 'admin2') {
      const a = pickAdmin2(c.admin2, ctx);
      if (a !== null) return atAdmin2(a, gaz, 2, m.text);
    } else if (c.kind === 'admin1') {
      const a = pickAdmin1(c.admin1, ctx);
      if (a !== null) return atAdmin1(a, gaz, m.text);
    }
  }
  return null;
}

function isContainer(m: PlaceMention, all: PlaceMention[]): boolean {
  return all.some((o) => o !== m && chain(o).includes(m));
}

/**
 * The Place of one event from the mentions of its sentences. Order of preference: a town the gazetteer
 * knows in a monitored country; a named village we cannot find, at its container's seat; a cercle or
 * province (its seat); a region (its capital). "Between X and Y" is the point halfway, precision 2, with the
 * admin areas of the first (its cercle only when both share it).
 */
export function resolvePlace(
  mentions: PlaceMention[],
  gaz: Gazetteer,
  opts: { countries: string[]; docMentions?: PlaceMention[] },
): Place | null {
  const ctx = buildContext(mentions, opts.docMentions ?? [], opts.countries);
  const own = mentions.filter((m) => m.kind !== 'country');
  const places = own.filter((m) => m.kind === 'place' && !isContainer(m, own));

  // 1. A known town in a monitored country (a foreign one only if nothing else is named).
  let foreign: { m: PlaceMention; e: GazetteerEntry } | null = null;
  for (const m of places) {
    const e = bestCandidate(m, ctx);
    if (e === null) continue;
    // "Waraou, in the Gotheye department of Niger's Tillaberi region": a namesake outside the stated
    // region is another place; the village the text means is missing, so it goes to its container.
    if (outsideStatedRegion(m, e)) {
      const p = fromContainer(m, gaz, ctx);
      if (p !== null) return p;
      continue;
    }
    if (ctx.countries.length > 0 && !ctx.countries.includes(e.country)) {
      foreign ??= { m, e };
      continue;
    }
    // "between Kayes and Yelimané": the point halfway, in the region both share (codebook: precision 2)
    if (m.relation === 'between') {
      const other = places.find((o) => o !== m && o.relation === 'between');
      const oe = other ? bestCandidate(other, ctx) : null;
      if (other && oe && (ctx.countries.length === 0 || ctx.countries.includes(oe.country))) return between(m, e, other, oe, gaz);
    }
    const place = placeForRelation(m, e, gaz);
    // "Boni, 30 km north-east of Douentza": the unknown village right before names the spot.
    const i = own.indexOf(m);
    const prev = own[i - 1];
    if (m.relation !== 'in' && m.relation !== null && m.relation !== 'between' && prev?.kind === 'place' && prev.candidates.length === 0 && prev.end <= m.start && m.start - prev.end < 40) {
      const { geonameid: _id, ...rest } = place;
      return { ...rest, name: prev.text };
    }
    return place;
  }

  // 2. A village missing from the gazetteer, inside a named cercle, region or town.
  for (const m of places) {
    if (m.candidates.length > 0) continue;
    const p = fromContainer(m, gaz, ctx);
    if (p !== null) return p;
  }

  // 3. A cercle or province, then a region.
  for (const m of own) {
    if (m.kind !== 'admin2') continue;
    const a = pickAdmin2(m.admin2, ctx);
    const p = a === null ? null : atAdmin2(a, gaz, 3, null);
    if (p !== null) return p;
  }
  for (const m of own) {
    if (m.kind !== 'admin1') continue;
    const a = pickAdmin1(m.admin1, ctx);
    const p = a === null ? null : atAdmin1(a, gaz, null);
    if (p !== null) return p;
  }

  // 4. A missing village in a document that names a single region: that region's capital.
  const unknown = places.find((m) => m.candidates.length === 0);
  if (unknown && ctx.docAdmin1.size === 1) {
    const [key] = [...ctx.docAdmin1];
    const [country, code] = key!.split('.') as [string, string];
    const p = atAdmin1({ country, code, name: gaz.admin1Name(country, code) }, gaz, unknown.text);
    if (p !== null) return p;
  }

  return foreign === null ? null : placeForRelation(foreign.m, foreign.e, gaz);
}

function between(m: PlaceMention, e: GazetteerEntry, other: PlaceMention, oe: GazetteerEntry, gaz: Gazetteer): Place {
  const a = placeFromEntry(e, gaz, 2, undefined, m);
  const b = placeFromEntry(oe, gaz, 2, undefined, other);
  const { geonameid: _id, ...rest } = a;
  return {
    ...rest,
    name: m.start < other.start ? `between ${a.name} and ${b.name}` : `between ${b.name} and ${a.name}`,
    latitude: (e.lat + oe.lat) / 2,
    longitude: (e.lon + oe.lon) / 2,
    admin2: a.admin2 === b.admin2 ? a.admin2 : '',
    admin3: a.admin2 === b.admin2 && a.admin3 === b.admin3 ? a.admin3 : '',
  };
}

function placeForRelation(m: PlaceMention, e: GazetteerEntry, gaz: Gazetteer): Place {
  switch (m.relation) {
    case 'direction': {
      const place = placeFromEntry(e, gaz, 2, undefined, m);
      if (m.distanceKm !== null && m.bearing !== null) {
        const p = offsetPoint(e.lat, e.lon, m.distanceKm, m.bearing);
        return { ...place, latitude: p.lat, longitude: p.lon };
      }
      return place;
    }
    case 'near':
    case 'outside':
    case 'area':
    case 'between':
      return placeFromEntry(e, gaz, 2, undefined, m);
    default:
      return placeFromEntry(e, gaz, 1, undefined, m);
  }
}
