// The day a report was written, when it does not say: read from its own dates.
// A weekday written with its date ("Wednesday, October 1") fixes that date's year; reports come out
// within days of the latest day they tell, so "Saturday" and "October 3" are read from about a week
// after the latest such anchor (never after today). Without an anchor, today stands in.
import type { Lang } from '../domain/index.ts';
import { addDays, findDates } from '../text/dates.ts';

const WEEKDAY = /\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\b/i;

/** How many days after its latest anchored date a report is taken to be written. */
export const ASSUMED_REPORTING_DELAY_DAYS = 7;

export function inferredPublication(text: string, lang: Lang, today: string): string | null {
  const anchors = findDates(text, { lang, today }).filter(
    (d) => d.precision === 1 && d.kind === 'absolute' && (d.yearStated || WEEKDAY.test(d.text)) && !d.flags.includes('weekday_conflict'),
  );
  if (anchors.length === 0) return null;
  const latest = anchors.map((d) => d.date).sort().at(-1) as string;
  const guess = addDays(latest, ASSUMED_REPORTING_DELAY_DAYS);
  return guess < today ? guess : today;
}
