// Could two reports be about the same day? A date coded with week or month precision is the middle of
// its week or month (codebook), so it stands for every day of that window, not for the coded day.
import type { Codable } from './codable.ts';

const DAY_MS = 86_400_000;
/** Reports of one event a day apart are common: "last night" across midnight, or counted from publication. */
export const DAY_SLACK = 1;

export function dayNumber(isoDate: string): number {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return Math.round(Date.UTC(y, m - 1, d) / DAY_MS);
}

/** The days a coded date may stand for, as [first, last] day numbers. */
export function dateWindow(isoDate: string, precision: Codable['time_precision']): [number, number] {
  const day = dayNumber(isoDate);
  if (precision === 1) return [day, day];
  if (precision === 2) return [day - 3, day + 3];
  const [y, m] = isoDate.split('-').map(Number) as [number, number];
  return [Math.round(Date.UTC(y, m - 1, 1) / DAY_MS), Math.round(Date.UTC(y, m, 0) / DAY_MS)];
}

export interface DateComparison {
  ok: boolean;
  score: number;
  reason: string;
  /** Equally precise dates that differ: the store should flag them, not pick one silently. */
  conflict: boolean;
}

export function compareDates(a: Codable, b: Codable): DateComparison {
  const [a0, a1] = dateWindow(a.event_date, a.time_precision);
  const [b0, b1] = dateWindow(b.event_date, b.time_precision);
  const gap = Math.max(0, Math.max(a0, b0) - Math.min(a1, b1));
  const ok = gap <= DAY_SLACK;
  const conflict = ok && a.time_precision === b.time_precision && a.event_date !== b.event_date;
  const both = `${a.event_date}/${b.event_date}`;
  if (!ok) return { ok, score: 0, reason: `dates too far apart: ${both} (${gap} days between their windows)`, conflict: false };
  if (a.time_precision === 1 && b.time_precision === 1) {
    const apart = Math.abs(dayNumber(a.event_date) - dayNumber(b.event_date));
    return apart === 0
      ? { ok, score: 1, reason: `same day ${a.event_date}`, conflict }
      : { ok, score: 0.75, reason: `dates ${apart} day apart (${both})`, conflict };
  }
  const reason = gap === 0 ? `date windows overlap (${both}, precision ${a.time_precision}/${b.time_precision})` : `date windows a day apart (${both})`;
  return { ok, score: gap === 0 ? 0.5 : 0.4, reason, conflict };
}
