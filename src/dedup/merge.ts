// The fields of one event told by several reports. Each field comes from the most precise reports, then
// the majority, then a fixed tie-break (codebook hierarchy, earliest day, alphabetical), so the result
// depends on what the reports say, never on their order. What they disagree on is listed, not hidden.
import { eventTypeOf, SUB_EVENT_TYPE_NAMES, type EventType, type SubEventType } from '../domain/codebook.ts';
import type { Claim } from '../domain/schemas.ts';
import { SPECIFICITY, type ActorView } from './actor-kinds.ts';
import { actorsDisagree, bestAlignment, sidesOf, type Side } from './actors.ts';
import type { Codable } from './codable.ts';
import { compareStrings, inCanonicalOrder } from './canonical.ts';
import { mergeFatalities } from './fatalities.ts';
import { foldName } from './names.ts';

/** A report as the store holds it: its source and claims, when given, let the toll weigh party claims. */
export type MergeableReport = Codable & { source?: string; claims?: Claim[] };
export type MergedEvent = Codable & { conflicts: string[] };

const CONFLICT_ORDER = ['event_type', 'sub_event_type', 'event_date', 'actor1', 'actor2', 'location', 'fatalities'];

export function mergeEvent(reports: readonly MergeableReport[]): MergedEvent {
  if (reports.length === 0) throw new Error('mergeEvent needs at least one report');
  const ordered = inCanonicalOrder(reports);
  const conflicts = new Set<string>();

  const sub_event_type = chooseSubEventType(ordered);
  const event_type = eventTypeOf(sub_event_type);
  if (distinct(ordered.map((r) => r.event_type)) > 1) conflicts.add('event_type');
  if (distinct(ordered.map((r) => r.sub_event_type)) > 1) conflicts.add('sub_event_type');

  const date = chooseDate(ordered);
  if (disagreeWithinGroups(ordered, (r) => String(r.time_precision), (r) => r.event_date)) conflicts.add('event_date');

  const place = choosePlace(ordered);
  if (disagreeWithinGroups(ordered, (r) => String(isPointLevel(r)), (r) => foldName(r.location))) conflicts.add('location');

  const actors = chooseActors(ordered, sub_event_type, event_type);
  actors.conflicts.forEach((c) => conflicts.add(c));

  const toll = mergeFatalities(
    ordered.map((r, i) => ({ source: r.source ?? `report ${i + 1}`, fatalities: r.fatalities, ...(r.claims ? { claims: r.claims } : {}) })),
  );
  if (toll.conflict) conflicts.add('fatalities');

  return {
    event_date: date.event_date,
    time_precision: date.time_precision,
    event_type,
    sub_event_type,
    actor1: actors.actor1,
    assoc_actor_1: actors.assoc_actor_1,
    actor2: actors.actor2,
    assoc_actor_2: actors.assoc_actor_2,
    country: place.country,
    admin1: place.admin1,
    admin2: place.admin2,
    location: place.location,
    latitude: place.latitude,
    longitude: place.longitude,
    geo_precision: place.geo_precision,
    fatalities: toll.fatalities,
    conflicts: CONFLICT_ORDER.filter((f) => conflicts.has(f)),
  };
}

function distinct(values: string[]): number {
  return new Set(values.filter((v) => v !== '')).size;
}

/** Disagreement only counts between equally precise reports: a week-level date is not contradicted by its day. */
function disagreeWithinGroups<R>(items: R[], group: (r: R) => string, value: (r: R) => string): boolean {
  const byGroup = new Map<string, string[]>();
  for (const r of items) byGroup.set(group(r), [...(byGroup.get(group(r)) ?? []), value(r)]);
  return [...byGroup.values()].some((vs) => distinct(vs) > 1);
}

function countOf<R>(items: R[], key: (r: R) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of items) counts.set(key(r), (counts.get(key(r)) ?? 0) + 1);
  return counts;
}

/** Majority first; on a tie the type the codebook's hierarchy lists first, as when several types fit one event. */
function chooseSubEventType(reports: MergeableReport[]): SubEventType {
  const counts = countOf(reports, (r) => r.sub_event_type);
  const rank = (s: SubEventType): number => SUB_EVENT_TYPE_NAMES.indexOf(s);
  return [...new Set(reports.map((r) => r.sub_event_type))].sort(
    (x, y) => (counts.get(y) ?? 0) - (counts.get(x) ?? 0) || rank(x) - rank(y),
  )[0]!;
}

/**
 * The most precise date; among equally precise ones the majority, then the earliest, because late reports
 * drift later ("yesterday" counted from a later publication) more often than earlier.
 */
function chooseDate(reports: MergeableReport[]): Pick<Codable, 'event_date' | 'time_precision'> {
  const time_precision = Math.min(...reports.map((r) => r.time_precision)) as Codable['time_precision'];
  const precise = reports.filter((r) => r.time_precision === time_precision);
  const counts = countOf(precise, (r) => r.event_date);
  const event_date = [...counts.keys()].sort((x, y) => (counts.get(y) ?? 0) - (counts.get(x) ?? 0) || compareStrings(x, y))[0]!;
  return { event_date, time_precision };
}

type PlaceFields = Pick<Codable, 'country' | 'admin1' | 'admin2' | 'location' | 'latitude' | 'longitude' | 'geo_precision'>;

const isPointLevel = (r: Codable): boolean => r.geo_precision === 1 || r.geo_precision === 2;

/**
 * The most specific place; among equally specific ones the location most reports give. All place fields
 * come from one report so that coordinates, location and admin units stay consistent with each other.
 */
function choosePlace(reports: MergeableReport[]): PlaceFields {
  const rank = (r: Codable): number => r.geo_precision ?? 4;
  const best = Math.min(...reports.map(rank));
  const specific = reports.filter((r) => rank(r) === best);
  const support = countOf(reports, (r) => foldName(r.location));
  const location = [...new Set(specific.map((r) => foldName(r.location)))].sort(
    (x, y) => (support.get(y) ?? 0) - (support.get(x) ?? 0) || compareStrings(x, y),
  )[0]!;
  const from = specific.find((r) => foldName(r.location) === location)!;
  const { country, admin1, admin2, latitude, longitude, geo_precision } = from;
  return { country, admin1, admin2, location: from.location, latitude, longitude, geo_precision };
}

interface ChosenActors {
  actor1: string;
  assoc_actor_1: string;
  actor2: string;
  assoc_actor_2: string;
  conflicts: string[];
}

interface OrientedReport {
  eventType: EventType;
  sides: [Side, Side];
}

/**
 * Actors are read in the order of a report of the chosen type (its actor1 is the aggressor or the
 * perpetrator), and picked from reports of the chosen event type first: an Attack's actor2 is the
 * civilians even when a Battle report of the same ambush names soldiers.
 */
function chooseActors(reports: MergeableReport[], sub: SubEventType, eventType: EventType): ChosenActors {
  const anchor = sidesOf(reports.find((r) => r.sub_event_type === sub)!);
  const oriented: OrientedReport[] = reports.map((r) => {
    const sides = sidesOf(r);
    const swapped = bestAlignment(anchor, sides).swapped;
    return { eventType: r.event_type, sides: swapped ? [sides[1], sides[0]] : sides };
  });

  const primaries = (k: 0 | 1): ActorView[] => oriented.map((o) => o.sides[k].primary);
  const pick = (k: 0 | 1): string => {
    const all = primaries(k).filter((v) => v.kind !== 'none');
    const sameType = oriented.filter((o) => o.eventType === eventType).map((o) => o.sides[k].primary).filter((v) => v.kind !== 'none');
    const candidates = sameType.length > 0 ? sameType : all;
    const support = countOf(all, (v) => foldName(v.original));
    return (
      [...candidates].sort(
        (x, y) =>
          SPECIFICITY[y.kind] - SPECIFICITY[x.kind] ||
          (support.get(foldName(y.original)) ?? 0) - (support.get(foldName(x.original)) ?? 0) ||
          compareStrings(x.original, y.original),
      )[0]?.original ?? ''
    );
  };
  const actor1 = pick(0);
  const actor2 = pick(1);

  const taken = new Set([foldName(actor1), foldName(actor2)].filter((n) => n !== ''));
  const associates = (k: 0 | 1): string => {
    const byName = new Map<string, string>();
    for (const v of oriented.flatMap((o) => o.sides[k].associates)) {
      const key = foldName(v.original);
      if (!taken.has(key) && !byName.has(key)) byName.set(key, v.original);
    }
    return [...byName.entries()].sort(([x], [y]) => compareStrings(x, y)).map(([, name]) => name).join('; ');
  };

  const conflicts: string[] = [];
  ([0, 1] as const).forEach((k) => {
    const ps = primaries(k);
    if (ps.some((x, i) => ps.slice(i + 1).some((y) => actorsDisagree(x, y)))) conflicts.push(k === 0 ? 'actor1' : 'actor2');
  });
  return { actor1, assoc_actor_1: associates(0), actor2, assoc_actor_2: associates(1), conflicts };
}
