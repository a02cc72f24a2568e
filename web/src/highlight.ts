// The report text cut into runs, each with the fields whose evidence covers it, so the detail panel can
// mark every span (overlapping ones too) without ever treating the text as markup.

export interface Span { field: string; start: number; end: number; text: string }
export interface Run { text: string; fields: string[] }

/**
 * Where a span is in the text: at its offsets when the words there are its words; else (the text was
 * cleaned after coding, offsets drifted) at the occurrence of its words nearest the offsets; else nowhere.
 */
export function placeSpan(text: string, span: Span): { start: number; end: number } | null {
  const { start, end } = span;
  if (Number.isInteger(start) && Number.isInteger(end) && start >= 0 && end > start && end <= text.length) {
    if (span.text === '' || text.slice(start, end) === span.text) return { start, end };
  }
  if (span.text === '') return null;
  let best = -1;
  for (let at = text.indexOf(span.text); at >= 0; at = text.indexOf(span.text, at + 1)) {
    if (best < 0 || Math.abs(at - start) < Math.abs(best - start)) best = at;
  }
  return best < 0 ? null : { start: best, end: best + span.text.length };
}

export function runs(text: string, spans: readonly Span[]): { runs: Run[]; unplaced: Span[] } {
  const placed: { start: number; end: number; field: string }[] = [];
  const unplaced: Span[] = [];
  for (const s of spans) {
    const at = placeSpan(text, s);
    if (at === null) unplaced.push(s);
    else placed.push({ ...at, field: s.field });
  }
  const cuts = new Set<number>([0, text.length]);
  for (const p of placed) {
    cuts.add(p.start);
    cuts.add(p.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out: Run[] = [];
  for (let k = 0; k + 1 < points.length; k++) {
    const a = points[k]!;
    const b = points[k + 1]!;
    if (b <= a) continue;
    const fields = [...new Set(placed.filter((p) => p.start <= a && p.end >= b).map((p) => p.field))];
    const last = out[out.length - 1];
    // Neighbouring runs with the same fields are one run: fewer nodes, and a mark is never split needlessly.
    if (last !== undefined && last.fields.join('|') === fields.join('|')) last.text += text.slice(a, b);
    else out.push({ text: text.slice(a, b), fields });
  }
  return { runs: out, unplaced };
}
