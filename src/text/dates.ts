// Dates in press text, resolved against the report's publication date.
//
// Two layers, as chrono itself is built: our own patterns (data/lexicons/<lang>/dates.yaml) claim the phrases
// that carry codebook meaning chrono does not know (weeks and months as ranges, "early/late October", "fin
// octobre", "the night of Friday to Saturday", "yesterday"), then chrono-node finds explicit dates and weekdays
// in the rest. From chrono we read only what the text *stated* (isCertain components): the year, the weekday
// and relative days are resolved here, by the codebook's rules, never by chrono's own implied values.
//
// Choices:
// - a date without a year takes the year making it the most recent date not after `published`; with no
//   `published`, a weekday+date pair picks the most recent year <= today where that date is that weekday,
//   else the most recent date not after today;
// - a bare weekday is the most recent such day strictly before publication. If publication falls on that very
//   weekday we take the week before (flag 'weekday_is_published_day'): the dev set never uses a bare weekday for
//   the day of publication, and a report says "today" for that. "this Saturday"/"ce samedi" may be the day
//   itself; "next Saturday"/"samedi prochain" is the one after (flag 'future');
// - weeks run Monday to Sunday. "this week"/"earlier this week" = the middle of the days of the week before
//   publication; "last week" = its Thursday (the middle); start/end = Monday/Sunday; a weekend = its Saturday;
// - months: the 15th; the 1st for early/début, the last day for late/fin; in the month of publication, the
//   middle of the days before publication when that is earlier than the 15th;
// - "two days ago" counts from publication, but "two days after the ambush" counts from the ambush: those
//   spans are left to findEventRelativeDates and never read as dates here;
// - numeric dates are day first (01/03/2020 = 1 March), as the Sahel press, AFP and the UN write them;
// - ranges ("October 3 to 5", "3 au 4 octobre") give their first day; the night of X to Y gives Y.
import * as chrono from 'chrono-node';
import type { Lang, Span } from '../domain/schemas.ts';
import { fold } from './fold.ts';
import { datesLexicon, numbersLexicon, phraseAlternation, WB_AFTER, WB_BEFORE, type DatesLexicon } from './lexicon.ts';
import { tokenize } from './segment.ts';

export interface DateContext { published?: string; today?: string; lang: Lang }

export interface DateMention {
  start: number;
  end: number;
  text: string;
  date: string;
  precision: 1 | 2 | 3;
  kind: 'absolute' | 'weekday' | 'relative_day' | 'week' | 'month';
  yearStated: boolean;
  flags: string[];
}

/**
 * Another event the text ties this one to: "two days after an ambush" (offsetDays 2), or "in retaliation for
 * an attack" (offsetDays null: a cause, which says nothing of the date).
 */
export interface RelativeEventDate { start: number; end: number; text: string; offsetDays: number | null; anchor: Span }

// ---- calendar helpers (UTC, ISO strings) ----

function toUtc(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d);
}
function fromUtc(ms: number): string { return new Date(ms).toISOString().slice(0, 10); }
function ymd(y: number, m: number, d: number): string { return fromUtc(Date.UTC(y, m - 1, d)); }
function daysInMonth(y: number, m: number): number { return new Date(Date.UTC(y, m, 0)).getUTCDate(); }

export function addDays(date: string, n: number): string { return fromUtc(toUtc(date) + n * 86_400_000); }
/** 0 = Sunday ... 6 = Saturday (as JavaScript and chrono count). */
export function weekdayOf(date: string): number { return new Date(toUtc(date)).getUTCDay(); }

function validDay(y: number, m: number, d: number): boolean { return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m); }

// ---- compiled patterns, once per language ----

interface Compiled {
  lex: DatesLexicon;
  relDay: RegExp; relDayMap: Map<string, number>;
  week: RegExp; weekMap: Map<string, DatesLexicon['weeks'][number]>;
  relMonth: RegExp; relMonthMap: Map<string, DatesLexicon['relative_months'][number]>;
  month: RegExp; partMap: Map<string, DatesLexicon['month_parts'][number]['part']>;
  nightWeekday: RegExp; nightDay: RegExp;
  ago: RegExp | null;
  eventRel: RegExp; eventFixedMap: Map<string, number>; afterSet: Set<string>;
  counts: Map<string, number>;
  weekdayFull: RegExp;
  nextWords: RegExp;
  anchorStops: Set<string>; determiners: Set<string>;
  chrono: chrono.Chrono;
}

const norm = (s: string): string => s.replace(/\s+/g, ' ');
const compiledByLang = new Map<Lang, Compiled>();

function compile(lang: Lang): Compiled {
  const hit = compiledByLang.get(lang);
  if (hit) return hit;
  const lex = datesLexicon(lang);
  const nums = numbersLexicon(lang);
  const months = phraseAlternation(Object.keys(lex.months));
  const fullMonths = phraseAlternation(Object.keys(lex.months).filter((m) => m.length > 4 || m === 'may' || m === 'mai' || m === 'juin' || m === 'june' || m === 'july' || m === 'mars' || m === 'aout'));
  const weekdays = phraseAlternation(Object.keys(lex.weekdays));
  const counts = new Map<string, number>();
  for (const [k, v] of Object.entries(nums.units)) counts.set(k, v);
  for (const [k, v] of Object.entries(nums.tens)) counts.set(k, v);
  for (const a of nums.articles) counts.set(fold(a), 1);
  const countAlt = `${phraseAlternation([...counts.keys()])}|\\d{1,3}`;
  const units = phraseAlternation(Object.keys(lex.day_units));
  const b = (alt: string): RegExp => new RegExp(`${WB_BEFORE}(?:${alt})${WB_AFTER}`, 'gu');
  const partAlt = phraseAlternation(lex.month_parts.map((p) => p.phrase));
  const agoParts: string[] = [];
  if (lex.ago_suffix.length) agoParts.push(`(?<n1>${countAlt})\\s+(?<u1>${units})\\s+(?:${phraseAlternation(lex.ago_suffix)})`);
  if (lex.ago_prefix.length) agoParts.push(`(?:${phraseAlternation(lex.ago_prefix)})\\s+(?<n2>${countAlt})\\s+(?<u2>${units})`);
  const c: Compiled = {
    lex,
    relDay: b(phraseAlternation(lex.relative_days.map((r) => r.phrase))),
    relDayMap: new Map(lex.relative_days.map((r) => [norm(fold(r.phrase)), r.offset])),
    week: b(phraseAlternation(lex.weeks.map((r) => r.phrase))),
    weekMap: new Map(lex.weeks.map((r) => [norm(fold(r.phrase)), r])),
    relMonth: b(phraseAlternation(lex.relative_months.map((r) => r.phrase))),
    relMonthMap: new Map(lex.relative_months.map((r) => [norm(fold(r.phrase)), r])),
    // "early October", "fin octobre 2019", "mi-octobre", "in October": a month without a day
    month: new RegExp(`${WB_BEFORE}(?:(?<part>${partAlt})\\s*)?(?<month>${fullMonths})${WB_AFTER}(?:\\s+(?<year>(?:19|20)\\d\\d)${WB_AFTER})?`, 'gu'),
    partMap: new Map(lex.month_parts.map((p) => [norm(fold(p.phrase)), p.part])),
    nightWeekday: new RegExp(`${WB_BEFORE}(?:${phraseAlternation(lex.night_prefixes)})\\s+(?<d1>${weekdays})\\s+(?:${phraseAlternation(lex.night_joiners)})\\s+(?<d2>${weekdays})${WB_AFTER}`, 'gu'),
    nightDay: new RegExp(`${WB_BEFORE}(?:${phraseAlternation(lex.night_prefixes)})\\s+(?<a>\\d{1,2})(?:er|st|nd|rd|th)?\\s+(?:${phraseAlternation(lex.night_joiners)})\\s+(?<b>\\d{1,2})(?:er|st|nd|rd|th)?\\s+(?<month>${months})\\.?(?:\\s+(?<year>(?:19|20)\\d\\d))?${WB_AFTER}`, 'gu'),
    ago: agoParts.length ? b(agoParts.join('|')) : null,
    eventRel: new RegExp(`${WB_BEFORE}(?:(?<n>${countAlt})\\s+(?<u>${units})\\s+(?<dir>${phraseAlternation([...lex.event_after, ...lex.event_before])})|(?<fixed>${phraseAlternation(lex.event_fixed.map((f) => f.phrase))})|(?<cause>${phraseAlternation(lex.event_cause)}))(?=\\s|[\\p{L}])`, 'gu'),
    eventFixedMap: new Map(lex.event_fixed.map((f) => [norm(fold(f.phrase)), f.offset])),
    afterSet: new Set(lex.event_after.map((w) => norm(fold(w)))),
    counts,
    weekdayFull: new RegExp(`${WB_BEFORE}(?:${weekdays})${WB_AFTER}`, 'u'),
    nextWords: new RegExp(`${WB_BEFORE}(?:${phraseAlternation(lex.next_words)})${WB_AFTER}`, 'u'),
    anchorStops: new Set(lex.anchor_stops.map((w) => fold(w))),
    determiners: new Set(lex.determiners.map((w) => fold(w))),
    // GB: day-first numeric dates; French chrono reads them day-first already.
    chrono: lang === 'en' ? chrono.en.GB : chrono.fr.casual,
  };
  compiledByLang.set(lang, c);
  return c;
}

function countValue(s: string, c: Compiled): number {
  return /^\d+$/.test(s) ? Number(s) : c.counts.get(norm(s)) ?? 1;
}

// ---- event-relative dates ----

/** Where the anchor noun phrase ends: determiner, then at most three words, stopping at clause words. */
function anchorAfter(text: string, from: number, c: Compiled, lang: Lang): Span | null {
  const toks = tokenize(text.slice(from, from + 120), from);
  let start = -1;
  let end = -1;
  let content = 0;
  for (const t of toks) {
    if (!/^[\p{L}\p{N}]/u.test(t.text)) break;
    if (c.determiners.has(t.norm) && content === 0) { if (start < 0) start = t.start; end = t.end; continue; }
    if (c.anchorStops.has(t.norm)) break;
    // after the noun, an English participle ("an ambush claimed by") or any French word ends the anchor
    if (content > 0 && (lang === 'fr' || /(?:ed|ing)$/.test(t.norm))) break;
    if (start < 0) start = t.start;
    end = t.end;
    content++;
    if (content >= 3) break;
  }
  if (content === 0 || start < 0) return null;
  return { start, end, text: text.slice(start, end) };
}

export function findEventRelativeDates(text: string, lang: Lang): RelativeEventDate[] {
  const c = compile(lang);
  const folded = fold(text);
  const out: RelativeEventDate[] = [];
  c.eventRel.lastIndex = 0;
  for (const m of folded.matchAll(c.eventRel)) {
    const g = m.groups ?? {};
    let offset: number | null;
    if (g['cause']) offset = null;
    else if (g['fixed']) offset = c.eventFixedMap.get(norm(g['fixed'])) ?? 0;
    else {
      const n = countValue(g['n'] ?? '1', c) * (c.lex.day_units[norm(g['u'] ?? '')] ?? 1);
      offset = c.afterSet.has(norm(g['dir'] ?? '')) ? n : -n;
    }
    const start = m.index;
    const end = start + m[0].length;
    const anchor = anchorAfter(text, end, c, lang);
    if (!anchor) continue;
    out.push({ start, end, text: text.slice(start, end), offsetDays: offset, anchor });
  }
  return out;
}

// ---- resolution ----

interface Ctx { anchor: string; hasPublished: boolean }

function ctxOf(ctx: DateContext): Ctx {
  if (ctx.published) return { anchor: ctx.published, hasPublished: true };
  return { anchor: ctx.today ?? new Date().toISOString().slice(0, 10), hasPublished: false };
}

function resolveDayMonth(month: number, day: number, year: number | null, weekday: number | null, k: Ctx): { date: string; flags: string[] } | null {
  const flags: string[] = [];
  const ay = Number(k.anchor.slice(0, 4));
  let y: number;
  if (year !== null) y = year;
  else {
    // the most recent date not after the anchor (skipping years where the day does not exist: 29 February)
    y = ay;
    while (y > ay - 8 && (!validDay(y, month, day) || ymd(y, month, day) > k.anchor)) y--;
    if (!k.hasPublished && weekday !== null) {
      for (let yy = ay; yy > ay - 28; yy--) {
        if (validDay(yy, month, day) && ymd(yy, month, day) <= k.anchor && weekdayOf(ymd(yy, month, day)) === weekday) { y = yy; break; }
      }
    }
  }
  if (!validDay(y, month, day)) return null;
  const date = ymd(y, month, day);
  if (weekday !== null && weekdayOf(date) !== weekday) flags.push('weekday_conflict');
  return { date, flags };
}

function resolveWeekday(weekday: number, k: Ctx, mode: 'before' | 'this' | 'next'): { date: string; flags: string[] } {
  const aw = weekdayOf(k.anchor);
  if (mode === 'next') return { date: addDays(k.anchor, ((weekday - aw + 6) % 7) + 1), flags: [] };
  let back = (aw - weekday + 7) % 7;
  const flags: string[] = [];
  if (back === 0 && mode === 'before') { back = 7; flags.push('weekday_is_published_day'); }
  return { date: addDays(k.anchor, -back), flags };
}

function mondayOf(date: string): string { return addDays(date, -((weekdayOf(date) + 6) % 7)); }

function weekDate(which: 'this' | 'last', part: string, k: Ctx): string {
  if (part === 'weekend') {
    const aw = weekdayOf(k.anchor);
    // "this weekend" may be the one under way; "last weekend" is the one before the anchor's week-days
    const back = which === 'this' ? (aw - 6 + 7) % 7 : ((aw - 6 + 7) % 7 || 7);
    return addDays(k.anchor, -back);
  }
  const monday = which === 'this' ? mondayOf(k.anchor) : addDays(mondayOf(k.anchor), -7);
  if (part === 'start') return monday;
  if (which === 'last') return part === 'end' ? addDays(monday, 6) : addDays(monday, 3);
  const elapsed = Math.round((toUtc(k.anchor) - toUtc(monday)) / 86_400_000); // days of this week before publication
  if (part === 'end') return k.anchor;
  return addDays(monday, Math.max(0, Math.floor((elapsed - 1) / 2)));
}

function monthDate(y: number, m: number, part: string, k: Ctx): string {
  if (part === 'start') return ymd(y, m, 1);
  if (part === 'end') return ymd(y, m, daysInMonth(y, m));
  const ay = Number(k.anchor.slice(0, 4));
  const am = Number(k.anchor.slice(5, 7));
  if (y === ay && m === am) {
    const ad = Number(k.anchor.slice(8, 10));
    return ymd(y, m, Math.min(15, 1 + Math.max(0, Math.floor((ad - 2) / 2))));
  }
  return ymd(y, m, 15);
}

// ---- findDates ----

// chrono reads "night of October 3" and "the night on Wednesday" as a time today, losing the day: hide the time word
const MASK_FOR_CHRONO = /(?<![\p{L}])(?:night|evening|morning|afternoon|dawn|nuit|soir[ée]e|matin[ée]e)\s+(?:of|on|du|de)(?![\p{L}])/giu;
const LEADING_FILLER = /^(?:on|the|le|la|ce|this)\s+/iu;

export function findDates(text: string, ctx: DateContext): DateMention[] {
  const c = compile(ctx.lang);
  const k = ctxOf(ctx);
  const folded = fold(text);
  const out: DateMention[] = [];
  const taken: [number, number][] = [];
  const free = (s: number, e: number): boolean => taken.every(([a, b]) => e <= a || s >= b);
  const add = (start: number, end: number, date: string, precision: 1 | 2 | 3, kind: DateMention['kind'], yearStated: boolean, flags: string[]): void => {
    if (!free(start, end)) return;
    if (date > k.anchor && !flags.includes('future')) flags.push('future');
    taken.push([start, end]);
    out.push({ start, end, text: text.slice(start, end), date, precision, kind, yearStated, flags });
  };
  // spans that count from an event, not from publication: never dates
  for (const r of findEventRelativeDates(text, ctx.lang)) taken.push([r.start, r.end]);

  for (const m of folded.matchAll(c.nightWeekday)) {
    const d1 = c.lex.weekdays[m.groups?.['d1'] ?? ''];
    if (d1 === undefined) continue;
    const first = resolveWeekday(d1, k, 'before');
    add(m.index, m.index + m[0].length, addDays(first.date, 1), 1, 'weekday', false, first.flags);
  }
  for (const m of folded.matchAll(c.nightDay)) {
    const g = m.groups ?? {};
    const month = c.lex.months[g['month'] ?? ''];
    if (month === undefined) continue;
    const r = resolveDayMonth(month, Number(g['b']), g['year'] ? Number(g['year']) : null, null, k);
    if (r) add(m.index, m.index + m[0].length, r.date, 1, 'absolute', Boolean(g['year']), r.flags);
  }
  for (const m of folded.matchAll(c.week)) {
    const w = c.weekMap.get(norm(m[0]));
    if (w) add(m.index, m.index + m[0].length, weekDate(w.which, w.part, k), 2, 'week', false, []);
  }
  for (const m of folded.matchAll(c.relMonth)) {
    const w = c.relMonthMap.get(norm(m[0]));
    if (!w) continue;
    let y = Number(k.anchor.slice(0, 4));
    let mo = Number(k.anchor.slice(5, 7));
    if (w.which === 'last') { mo--; if (mo === 0) { mo = 12; y--; } }
    add(m.index, m.index + m[0].length, monthDate(y, mo, w.part, k), 3, 'month', false, []);
  }
  for (const m of folded.matchAll(c.relDay)) {
    const off = c.relDayMap.get(norm(m[0]));
    if (off !== undefined) add(m.index, m.index + m[0].length, addDays(k.anchor, off), 1, 'relative_day', false, []);
  }
  if (c.ago) {
    for (const m of folded.matchAll(c.ago)) {
      const g = m.groups ?? {};
      const unit = c.lex.day_units[norm(g['u1'] ?? g['u2'] ?? '')] ?? 1;
      const n = countValue(g['n1'] ?? g['n2'] ?? '1', c) * unit;
      add(m.index, m.index + m[0].length, addDays(k.anchor, -n), unit >= 7 ? 2 : 1, unit >= 7 ? 'week' : 'relative_day', false, []);
    }
  }
  for (const m of folded.matchAll(c.month)) {
    const g = m.groups ?? {};
    const start = m.index;
    const end = start + m[0].length;
    const monthStart = end - (g['year'] ? m[0].length - m[0].indexOf(g['month'] ?? '') : (g['month'] ?? '').length);
    // English month names are capitalised ("may", "march" are verbs); a day next to it makes a full date
    if (ctx.lang === 'en' && !/^\p{Lu}/u.test(text.slice(monthStart, monthStart + 1))) continue;
    if (/\d{1,2}(?:er|st|nd|rd|th)?\.?\s*(?:of\s+)?$/u.test(folded.slice(Math.max(0, start - 8), start))) continue;
    if (!g['year'] && /^\.?\s*\d{1,2}(?!\d)/u.test(folded.slice(end, end + 4))) continue;
    const month = c.lex.months[g['month'] ?? ''];
    if (month === undefined) continue;
    const part = g['part'] ? c.partMap.get(norm(g['part'])) ?? 'middle' : 'middle';
    let y = g['year'] ? Number(g['year']) : Number(k.anchor.slice(0, 4));
    if (!g['year'] && month > Number(k.anchor.slice(5, 7))) y--;
    add(start, end, monthDate(y, month, part, k), 3, 'month', Boolean(g['year']), []);
  }

  // chrono on what is left: explicit dates and weekdays. Taken spans are blanked (offsets kept).
  let masked = text.replace(MASK_FOR_CHRONO, (s) => ' '.repeat(s.length));
  for (const [a, bb] of taken) masked = masked.slice(0, a) + ' '.repeat(bb - a) + masked.slice(bb);
  const refDate = new Date(toUtc(k.anchor) + 12 * 3_600_000);
  const found: DateMention[] = [];
  for (const r of c.chrono.parse(masked, { instant: refDate, timezone: 0 }, { forwardDate: false })) {
    let start = r.index;
    let end = r.index + r.text.trimEnd().length; // chrono may keep a trailing space ("jeudi dernier ")
    if (/[\p{L}\p{N}]/u.test(text[start - 1] ?? '') || /[\p{L}\p{N}]/u.test(text[end] ?? '')) continue; // inside a word
    if (r.tags().has('result/relativeDate')) continue; // "for two days", "in two weeks": not dates
    const lead = LEADING_FILLER.exec(text.slice(start, end));
    if (lead) start += lead[0].length;
    while (end > start && /[\s,.;:]/u.test(text[end - 1]!)) end--;
    const s = r.start;
    const stated = (comp: chrono.Component): number | null => (s.isCertain(comp) ? s.get(comp) : null);
    const raw = text.slice(start, end);
    const rawFolded = fold(raw);
    const hasWeekdayWord = c.weekdayFull.test(rawFolded);
    const weekday = hasWeekdayWord ? stated('weekday') : null;
    let month = stated('month');
    let day = stated('day');
    let year = stated('year');
    if (year !== null && !/(?:^|\D)(?:19|20)\d\d(?!\d)|\d[/.-]\d{1,2}[/.-]\d{2}(?!\d)/u.test(raw)) {
      // chrono read a day as a year ("December 31" -> 2031): take it back as the day
      if (month !== null && day === null) { const d = /(\d{1,2})(?!\d)/u.exec(raw); day = d ? Number(d[1]) : null; }
      year = null;
    }
    if (month !== null && day !== null) {
      const res = resolveDayMonth(month, day, year, weekday, k);
      if (res) found.push({ start, end, text: raw, date: res.date, precision: 1, kind: 'absolute', yearStated: year !== null, flags: res.flags });
      continue;
    }
    if (weekday !== null && month === null) {
      const before = folded.slice(Math.max(0, start - 12), start);
      const mode = c.nextWords.test(rawFolded) || c.nextWords.test(before) ? 'next'
        : /(?:^|\s)(?:this|ce|cette)\s*$/u.test(before) || /^(?:ce|this)\s/u.test(fold(r.text)) ? 'this' : 'before';
      const res = resolveWeekday(weekday, k, mode);
      found.push({ start, end, text: raw, date: res.date, precision: 1, kind: 'weekday', yearStated: false, flags: res.flags });
    }
    // month-only, times of day, "now": ours or nothing
  }
  // "Wednesday, December 31" split by chrono: the weekday checks the date that follows it
  found.sort((a, b) => a.start - b.start);
  for (let i = 0; i < found.length; i++) {
    const w = found[i]!;
    const d = found[i + 1];
    if (w.kind === 'weekday' && d && d.kind === 'absolute' && /^[\s,(]*(?:the\s+|le\s+)?$/iu.test(text.slice(w.end, d.start))) {
      const wd = c.lex.weekdays[fold(w.text).match(/\p{L}+/u)?.[0] ?? ''];
      const m = Number(d.date.slice(5, 7));
      const dd = Number(d.date.slice(8, 10));
      const res = resolveDayMonth(m, dd, d.yearStated ? Number(d.date.slice(0, 4)) : null, wd ?? null, k);
      if (res) {
        found.splice(i, 2, { start: w.start, end: d.end, text: text.slice(w.start, d.end), date: res.date, precision: 1, kind: 'absolute', yearStated: d.yearStated, flags: res.flags });
      }
    }
  }
  for (const f of found) add(f.start, f.end, f.date, f.precision, f.kind, f.yearStated, f.flags);
  return out.sort((a, b) => a.start - b.start);
}
