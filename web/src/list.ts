// The events in view, newest first: one button per event (Tab reaches it, Enter opens its detail), capped so
// a view of 100,000 events stays quick; the note says how many more there are and how to narrow them.
import { colorOf } from './colors.ts';
import { el, fmt, replaceChildren } from './dom.ts';
import { isoOf, type Points } from './points.ts';

const SHOWN = 200;

export class EventList {
  constructor(private readonly list: HTMLOListElement, private readonly note: HTMLElement, private readonly onOpen: (index: number, from: HTMLElement) => void) {}

  /** `rows` are row indices of `points`, already newest first (the order GET /events/points gives). */
  render(points: Points, rows: Uint32Array, unlocated: number, selectedId: number | null): void {
    const items: HTMLLIElement[] = [];
    for (let k = 0; k < Math.min(SHOWN, rows.length); k++) {
      const i = rows[k]!;
      const type = points.types[points.type[i]!] ?? '';
      const f = points.fatalities[i]!;
      const button = el('button', {
        class: 'event-item',
        attrs: { type: 'button', 'data-id': points.id[i]!, 'aria-current': points.id[i] === selectedId ? 'true' : null },
        on: { click: (e) => this.onOpen(i, e.currentTarget as HTMLElement) },
      },
      el('span', { class: 'swatch', style: { background: colorOf(type) }, attrs: { 'aria-hidden': 'true' } }),
      el('span', { class: 'when' }, isoOf(points.day[i]!)),
      el('span', { class: 'what' }, points.subTypes[points.sub[i]!] ?? type),
      el('span', { class: 'where' }, points.locations[points.loc[i]!] || 'unknown place'),
      el('span', { class: 'toll', attrs: { title: 'fatalities' } }, f === 0 ? '' : `${fmt.format(f)} †`));
      items.push(el('li', {}, button));
    }
    replaceChildren(this.list, ...items);
    const more = rows.length - items.length;
    const notes: string[] = [];
    notes.push(rows.length === 0 ? 'No events here: zoom out, pan or widen the filters.' : `${fmt.format(rows.length)} events in view${more > 0 ? `; the newest ${SHOWN} are listed (zoom in or filter to see the others)` : ''}.`);
    if (unlocated > 0) notes.push(`${fmt.format(unlocated)} without coordinates are listed too.`);
    this.note.textContent = notes.join(' ');
  }

  focusEvent(id: number): void {
    this.list.querySelector<HTMLButtonElement>(`button[data-id="${id}"]`)?.focus();
  }
}
