// Could two reports be about the same place? Points are compared by distance when both reports name a
// town or its surroundings; a report that knows only the region is compared by administrative unit,
// because its coordinates are the region's capital, not where anything happened.
import { distanceKm } from '../gazetteer/geo.ts';
import type { Codable } from './codable.ts';
import { foldName, sameName } from './names.ts';

/** Outlets geolocate one ambush to neighbouring villages or to "near" the nearest town. */
export const NEAR_KM = 10;

export interface PlaceComparison {
  ok: boolean;
  score: number;
  reason: string;
  /** Equally precise reports naming different places within tolerance. */
  conflict: boolean;
}

type Point = { lat: number; lon: number };

function pointOf(e: Codable): Point | null {
  if (e.geo_precision !== 1 && e.geo_precision !== 2) return null;
  if (e.latitude === null || e.longitude === null) return null;
  return { lat: e.latitude, lon: e.longitude };
}

const isRegionLevel = (e: Codable): boolean => e.geo_precision !== 1 && e.geo_precision !== 2;

export function comparePlaces(a: Codable, b: Codable): PlaceComparison {
  if (foldName(a.country) === '' || !sameName(a.country, b.country)) {
    return { ok: false, score: 0, reason: `different countries: ${a.country || '(none)'} / ${b.country || '(none)'}`, conflict: false };
  }
  const names = `${a.location || '(none)'} / ${b.location || '(none)'}`;
  const sameLevel = isRegionLevel(a) === isRegionLevel(b);
  const namesDiffer = foldName(a.location) !== '' && foldName(b.location) !== '' && !sameName(a.location, b.location);
  const conflict = sameLevel && namesDiffer;

  const pa = pointOf(a);
  const pb = pointOf(b);
  if (pa && pb) {
    const km = distanceKm(pa.lat, pa.lon, pb.lat, pb.lon);
    const shown = km.toFixed(1);
    if (km > NEAR_KM) return { ok: false, score: 0, reason: `places ${shown} km apart (${names}), beyond ${NEAR_KM} km`, conflict: false };
    const reason = namesDiffer ? `places ${shown} km apart (${names}), within ${NEAR_KM} km` : `same place ${a.location} (${shown} km apart)`;
    return { ok: true, score: 1 - (0.5 * km) / NEAR_KM, reason, conflict };
  }
  // Town-level reports without coordinates: only the same name in the same admin1 is surely the same place.
  if (!isRegionLevel(a) && !isRegionLevel(b)) {
    const ok = !namesDiffer && foldName(a.location) !== '' && foldName(a.admin1) !== '' && sameName(a.admin1, b.admin1);
    return ok
      ? { ok, score: 0.75, reason: `same place ${a.location} in ${a.admin1} (no coordinates)`, conflict: false }
      : { ok, score: 0, reason: `places cannot be compared without coordinates (${names})`, conflict: false };
  }
  return compareAdminUnits(a, b, conflict);
}

function compareAdminUnits(a: Codable, b: Codable, conflict: boolean): PlaceComparison {
  const has = (s: string): boolean => foldName(s) !== '';
  const admin1Agrees = !has(a.admin1) || !has(b.admin1) || sameName(a.admin1, b.admin1);
  if (has(a.admin2) && has(b.admin2)) {
    // admin2 names repeat across regions, so a known admin1 must agree too
    const ok = sameName(a.admin2, b.admin2) && admin1Agrees;
    return ok
      ? { ok, score: 0.5, reason: `same admin2 ${a.admin2} (one report knows only the region)`, conflict }
      : { ok, score: 0, reason: `different admin2: ${a.admin2} / ${b.admin2}`, conflict: false };
  }
  if (has(a.admin1) && has(b.admin1)) {
    const ok = sameName(a.admin1, b.admin1);
    return ok
      ? { ok, score: 0.4, reason: `same admin1 ${a.admin1} (no admin2 to compare)`, conflict }
      : { ok, score: 0, reason: `different admin1: ${a.admin1} / ${b.admin1}`, conflict: false };
  }
  return { ok: false, score: 0, reason: 'a report knows only the region, but without admin1/admin2 to compare', conflict: false };
}
