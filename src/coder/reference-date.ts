// The day a report was written, when it does not say: read from its own dates.
// A weekday written with its date ("Wednesday, October 1") fixes that date's year; reports come out
// within days of the latest day they tell, so "Saturday" and "October 3" are read from about a week
// after the latest such anchor (never after today). Without an anchor, today stands in.
import type { Lang } from '../domain/index.ts';
import { addDays, findDates } from '../text/dates.ts';

const WEEKDAY = /\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\b/i;

/** How many days after its latest anchored date a report is taken to be written. */
export const ASSUMED_REPORTING_DELAY_DAYS = 7;

/** "MOPTI, Mali, March 12 (Sahel Wire) -": a wire report's opening place and date. */
const DATELINE =
  /^\s*[\p{Lu}][\p{L}' .-]{1,40},(?:\s*[\p{L}' .-]{2,40},)?\s*(?:\p{L}+\.?\s+\d{1,2}|\d{1,2}\s+\p{L}+\.?)(?:,?\s+\d{4})?\s*(?:\([^)]{1,40}\))?\s*[-\u2013\u2014:]/u;

/** Length of the report's dateline (0 without one): its date is the filing day, no event's day. */
export function datelineLength(text: string): number {
  return DATELINE.exec(text.slice(0, 160))?.[0].length ?? 0;
}

export function inferredPublication(text: string, lang: Lang, today: string): string | null {
  const found = findDates(text, { lang, today });
  // the dateline's day is the filing day itself
  const end = datelineLength(text);
  const filed = found.find((d) => d.end <= end && d.precision === 1);
  if (filed && filed.date <= today) return filed.date;
  const anchors = found.filter(
    (d) => d.precision === 1 && d.kind === 'absolute' && (d.yearStated || WEEKDAY.test(d.text)) && !d.flags.includes('weekday_conflict'),
  );
  if (anchors.length === 0) return null;
  const latest = anchors.map((d) => d.date).sort().at(-1) as string;
  const guess = addDays(latest, ASSUMED_REPORTING_DELAY_DAYS);
  return guess < today ? guess : today;
}
