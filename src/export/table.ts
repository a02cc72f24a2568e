// A table for people at a terminal: one row per event, the fields a reader checks first.
// It needs every row to size its columns, so it prints at the end (the other formats stream).
import type { FaultlineEvent } from '../domain/index.ts';
import type { Exporter } from './format.ts';

const HEADERS = ['doc', 'date', 'type / sub-type', 'actor1 → actor2', 'location / admin1', 'fatalities'];
/** Widest a column may get before its cells are cut with "…" (fatalities never are). */
const MAX_WIDTH = [20, 10, 48, 70, 36, 10];

export function tableCells(e: FaultlineEvent): string[] {
  const actors = e.actor2 ? `${e.actor1} → ${e.actor2}` : e.actor1;
  const place = [e.location, e.admin1].filter((s) => s).join(' / ');
  return [e.doc_id, e.event_date, `${e.event_type} / ${e.sub_event_type}`, actors, place, String(e.fatalities)];
}

function width(s: string): number {
  return [...s].length;
}

function fit(s: string, max: number): string {
  const chars = [...s];
  return chars.length <= max ? s : `${chars.slice(0, max - 1).join('')}…`;
}

export function renderTable(rows: string[][]): string {
  if (rows.length === 0) return '(no events)\n';
  const cut = rows.map((r) => r.map((c, i) => fit(c.replace(/\s+/g, ' '), MAX_WIDTH[i] ?? 40)));
  const widths = HEADERS.map((h, i) => Math.max(width(h), ...cut.map((r) => width(r[i] ?? ''))));
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c.padStart(widths[i] ?? 0) : c + ' '.repeat((widths[i] ?? 0) - width(c))))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '─'.repeat(w)).join('  ');
  return [line(HEADERS), rule, ...cut.map(line)].join('\n') + `\n${rows.length} event${rows.length === 1 ? '' : 's'}\n`;
}

export function tableExporter(): Exporter {
  const rows: string[][] = [];
  return {
    begin: () => '',
    event: (e) => {
      rows.push(tableCells(e));
      return '';
    },
    end: () => renderTable(rows),
  };
}
