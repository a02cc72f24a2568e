// Publication dates as pages and feeds write them -> YYYY-MM-DD. The day is taken as written, in the
// publisher's own time zone ("Wed, 12 Mar 2025 23:30:00 -0500" is the 12th, not UTC's 13th): that is the
// date the report calls "today", which anchors "on Saturday" and "yesterday" in its text.

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
};

function iso(y: number, m: number, d: number): string | undefined {
  const probe = new Date(Date.UTC(y, m - 1, d));
  if (probe.getUTCFullYear() !== y || probe.getUTCMonth() !== m - 1 || probe.getUTCDate() !== d) return undefined;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function fullYear(y: string): number {
  const n = Number(y);
  // RFC 822 allows two-digit years; news feeds that use them mean this century.
  return y.length === 2 ? 2000 + n : n;
}

/**
 * ISO 8601 ("2025-03-12", "2025-03-12T08:00:00+01:00"), RFC 822/1123 as RSS writes it ("Wed, 12 Mar 2025
 * 08:00:00 GMT") and "March 12, 2025"; undefined for anything else. Numeric forms such as 03/04/2025 are
 * refused on purpose: day-month or month-day cannot be told apart, and a wrong date is worse than none.
 */
export function normaliseDate(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const s = value.trim();
  let m = /^(\d{4})-(\d{2})-(\d{2})(?:$|[T\s])/.exec(s);
  if (m) return iso(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(?:[A-Za-z]{3,9},?\s+)?(\d{1,2})\s+([A-Za-z]{3})[A-Za-z]*\.?\s+(\d{4}|\d{2})\b/.exec(s);
  if (m) {
    const month = MONTHS[(m[2] ?? '').toLowerCase()];
    return month === undefined ? undefined : iso(fullYear(m[3] ?? ''), month, Number(m[1]));
  }
  m = /^(?:[A-Za-z]{3,9},?\s+)?([A-Za-z]{3})[A-Za-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b/.exec(s);
  if (m) {
    const month = MONTHS[(m[1] ?? '').toLowerCase()];
    return month === undefined ? undefined : iso(Number(m[3]), month, Number(m[2]));
  }
  return undefined;
}
