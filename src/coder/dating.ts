// The day of each frame: its own date words first, then a date stated relative to another event,
// then the report's lead; time_precision from the words (day, week, month). Disagreements are flagged.
import type { Evidence, TimePrecision } from '../domain/index.ts';
import { addDays, type DateMention } from '../text/dates.ts';
import type { DocumentAnalysis } from './analyse.ts';
import { eventDates, type Frame } from './frames.ts';

export interface FrameDate {
  date: string;
  precision: TimePrecision;
  evidence: Evidence[];
  flags: string[];
}

function usable(d: DateMention, published: string | null): boolean {
  return !d.flags.includes('future') && (!published || d.date <= published);
}

function pick(dates: DateMention[], published: string | null): DateMention | null {
  const ok = dates.filter((d) => usable(d, published));
  // a recent day first: "the 2019 massacre" in a sentence about yesterday's march is not its date
  const recent = published ? ok.filter((d) => Date.parse(published) - Date.parse(d.date) <= 60 * 86_400_000) : ok;
  const pool = recent.length > 0 ? recent : ok;
  return pool.find((d) => d.precision === 1) ?? pool[0] ?? null;
}

export function dateFrames(frames: Frame[], analysis: DocumentAnalysis, published: string | null, today: string): Map<Frame, FrameDate> {
  const out = new Map<Frame, FrameDate>();
  const own = new Map<Frame, DateMention | null>(frames.map((f) => [f, pick(f.dates, published)]));
  // Without a date of its own, the report's first event date, else the day a source spoke ("said on 20 July").
  const docFallback =
    pick(analysis.sentences.flatMap((s) => eventDates(s)), published) ??
    pick(analysis.sentences.flatMap((s) => s.dates), published);
  const resolve = (frame: Frame, depth: number): FrameDate => {
    const done = out.get(frame);
    if (done) return done;
    const mention = own.get(frame) ?? null;
    const flags: string[] = [...(mention?.flags ?? []).filter((f) => f !== 'future')];
    let result: FrameDate | null = mention
      ? { date: mention.date, precision: mention.precision, evidence: [evidenceOf(mention)], flags }
      : null;
    // A cause ("in retaliation for an attack") ties events, not dates.
    const offsetDays = frame.relative?.offsetDays ?? null;
    if (frame.relative && offsetDays !== null && depth < 3) {
      const anchor = frames.find((f) => f !== frame && f.cues.some((c) => c.anchorOf === frame.relative));
      if (anchor) {
        const anchorDate = resolve(anchor, depth + 1);
        const implied = addDays(anchorDate.date, offsetDays);
        const rel = frame.relative;
        if (!result) {
          result = {
            date: implied,
            precision: anchorDate.precision,
            evidence: [{ field: 'event_date', start: rel.start, end: rel.end, text: rel.text }],
            flags: ['date_from_related_event'],
          };
        } else if (result.date !== implied) {
          result.flags.push('date_conflict');
        }
      }
    }
    if (!result && docFallback) {
      result = {
        date: docFallback.date,
        precision: docFallback.precision,
        evidence: [evidenceOf(docFallback)],
        flags: ['date_from_document'],
      };
    }
    if (!result) result = { date: published ?? today, precision: 1, evidence: [], flags: ['date_assumed_published'] };
    out.set(frame, result);
    return result;
  };
  for (const f of frames) resolve(f, 0);
  return out;
}

function evidenceOf(d: DateMention): Evidence {
  return { field: 'event_date', start: d.start, end: d.end, text: d.text };
}
