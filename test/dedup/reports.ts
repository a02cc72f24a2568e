// Reports written for these tests: one base report per scenario, varied field by field.
import type { Codable } from '../../src/dedup/match.ts';
import { offsetPoint } from '../../src/gazetteer/geo.ts';

export type TestReport = Codable & { id: string; source?: string };

export const SOKOLO = { lat: 14.7328, lon: -6.1228 };
export const MALI_ARMY = 'Military Forces of Mali (2021-)';
export const JNIM = 'JNIM: Group for Support of Islam and Muslims';
export const ISGS = 'Islamic State (Greater Sahara)';
export const GUNMEN_MALI = 'Unidentified Armed Group (Mali)';
export const CIVILIANS_MALI = 'Civilians (Mali)';

export function report(id: string, over: Partial<TestReport> = {}): TestReport {
  return {
    id,
    event_date: '2025-10-04',
    time_precision: 1,
    event_type: 'Battles',
    sub_event_type: 'Armed clash',
    actor1: JNIM,
    assoc_actor_1: '',
    actor2: MALI_ARMY,
    assoc_actor_2: '',
    country: 'Mali',
    admin1: 'Segou',
    admin2: 'Niono',
    location: 'Sokolo',
    latitude: SOKOLO.lat,
    longitude: SOKOLO.lon,
    geo_precision: 1,
    fatalities: 0,
    ...over,
  };
}

/** A point `km` from Sokolo, as another outlet geolocates the same ambush. */
export function nearSokolo(km: number, bearing = 'north-east'): { latitude: number; longitude: number } {
  const p = offsetPoint(SOKOLO.lat, SOKOLO.lon, km, bearing);
  return { latitude: p.lat, longitude: p.lon };
}

/** One ambush of a Malian army convoy near Sokolo, told by three outlets. */
export function ambushReports(): TestReport[] {
  return [
    // State broadcaster: "terrorists attacked our units, who responded vigorously"
    report('ambush-ortm', { source: 'ORTM', fatalities: 12 }),
    // Local radio, a day later, from a hamlet 4 km away: "gunmen attacked travellers" -> violence against civilians
    report('ambush-radio', {
      source: 'Radio Kledu',
      event_date: '2025-10-05',
      event_type: 'Violence against civilians',
      sub_event_type: 'Attack',
      actor2: CIVILIANS_MALI,
      location: 'Kourouma',
      ...nearSokolo(4),
      geo_precision: 2,
      fatalities: 4,
    }),
    // Wire agency: "soldiers clashed with unidentified gunmen" -> actors the other way round, group unnamed
    report('ambush-wire', { source: 'AFP', actor1: MALI_ARMY, actor2: GUNMEN_MALI, assoc_actor_1: 'Wagner Group' }),
  ];
}

/** Every ordering of `items` (keep it short: n! of them). */
export function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((head, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [head, ...rest]));
}

/** Deterministic shuffles, so a failure can be replayed. */
export function shuffles<T>(items: T[], count: number, seed = 7): T[][] {
  let state = seed;
  const next = (): number => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  return Array.from({ length: count }, () => {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy;
  });
}
