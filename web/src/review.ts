// The review desk: the queue of events waiting for review (GET /review/queue, the least certain first, with
// the dashboard's filters) in a panel over the event list, the session that says whether the reader may review,
// and the actions drawn into each event's detail (review-actions.ts). After an action the detail, the queue,
// the map and the list are all drawn again from the server, so every view shows what the store now holds.
import type { StoredEvent } from '../../src/store/rows.ts';
import type { EventDetail } from '../../src/store/store.ts';
import { getJson } from './api.ts';
import { el, fmt, replaceChildren, type Child } from './dom.ts';
import { reviewSection } from './review-actions.ts';
import { Session } from './session.ts';
import { apiQuery, type Filters } from './state.ts';

const PAGE = 50;

interface QueueAnswer { events: StoredEvent[]; next_cursor: string | null; total: number }

export interface DeskHooks {
  openEvent(id: number, from: HTMLElement | null): void;
  /** draw the open detail again, with a notice of what was done */
  reloadDetail(notice: Child[] | null): Promise<void>;
  /** the store changed: reload the map, timeline and list */
  dataChanged(): void;
}

export class ReviewQueue {
  private filters: Filters;
  private cursor: string | null = null;
  private seq = 0;
  private readonly list = el('ol', { class: 'event-list review-list', attrs: { id: 'review-list', 'aria-labelledby': 'review-title' } });
  private readonly note = el('p', { class: 'hint', attrs: { id: 'review-note', role: 'status' } });
  private readonly more = el('button', { class: 'more', attrs: { type: 'button', id: 'review-more' } }, 'Show more');

  constructor(private readonly pane: HTMLElement, private readonly toggle: HTMLButtonElement, filters: Filters, private readonly onOpen: (id: number, from: HTMLElement) => void) {
    this.filters = filters;
    this.more.hidden = true;
    this.more.addEventListener('click', () => void this.load(false));
    replaceChildren(pane,
      el('header', { class: 'review-head' },
        el('h2', { attrs: { id: 'review-title', tabindex: -1 } }, 'Review queue'),
        el('p', { class: 'hint' }, 'Events no analyst has reviewed yet, the least certain first, within the filters.'),
        el('button', { class: 'close', attrs: { type: 'button', 'aria-label': 'Close the review queue (Escape)', title: 'Close (Escape)' }, on: { click: () => this.close() } }, '×')),
      this.note, this.list, this.more);
    toggle.setAttribute('aria-expanded', 'false');
    toggle.addEventListener('click', () => (this.isOpen ? this.close() : this.open()));
    document.addEventListener('keydown', (e) => {
      // Escape closes what is on top: the detail (detail.ts) or a dialog first, then this.
      if (e.key !== 'Escape' || e.defaultPrevented || !this.isOpen || document.body.classList.contains('detail-open')) return;
      if (document.querySelector('dialog[open]') !== null) return;
      e.preventDefault();
      this.close();
    });
  }

  get isOpen(): boolean {
    return !this.pane.hidden;
  }

  open(): void {
    this.pane.hidden = false;
    document.body.classList.add('review-open');
    this.toggle.setAttribute('aria-expanded', 'true');
    this.pane.querySelector<HTMLElement>('#review-title')?.focus();
    void this.load(true);
  }

  close(): void {
    if (!this.isOpen) return;
    this.pane.hidden = true;
    document.body.classList.remove('review-open');
    this.toggle.setAttribute('aria-expanded', 'false');
    this.toggle.focus();
  }

  setFilters(filters: Filters): void {
    this.filters = filters;
    if (this.isOpen) void this.load(true);
  }

  /** The queue again from the start (after an action took an event out of it, or put one in). */
  reload(): void {
    if (this.isOpen) void this.load(true);
  }

  private async load(fresh: boolean): Promise<void> {
    const seq = ++this.seq;
    const q = apiQuery(this.filters);
    q.set('limit', String(PAGE));
    if (!fresh && this.cursor !== null) q.set('cursor', this.cursor);
    this.pane.setAttribute('aria-busy', 'true');
    if (fresh) this.note.textContent = 'Loading the queue…';
    try {
      const page = await getJson<QueueAnswer>('review/queue', q);
      if (seq !== this.seq) return; // newer filters are loading
      if (fresh) replaceChildren(this.list);
      this.list.append(...page.events.map((e) => this.item(e)));
      this.cursor = page.next_cursor;
      this.more.hidden = page.next_cursor === null;
      const shown = this.list.childElementCount;
      this.note.textContent = page.total === 0 ? 'Nothing waits for review within these filters.'
        : `${fmt.format(page.total)} ${page.total === 1 ? 'event waits' : 'events wait'} for review${shown < page.total ? `; the ${fmt.format(shown)} least certain are listed` : ''}.`;
    } catch (err) {
      if (seq !== this.seq) return;
      this.note.textContent = `Could not load the queue: ${(err as Error).message}`;
    } finally {
      if (seq === this.seq) this.pane.setAttribute('aria-busy', 'false');
    }
  }

  private item(e: StoredEvent): HTMLLIElement {
    const confidence = Number(e.confidence);
    return el('li', {}, el('button', {
      class: 'event-item review-item',
      attrs: { type: 'button', 'data-id': e.id, 'data-confidence': confidence },
      on: { click: (ev) => this.onOpen(e.id, ev.currentTarget as HTMLElement) },
    },
    el('span', { class: 'conf', attrs: { title: 'the coder\'s confidence' } }, `${Math.round(confidence * 100)}%`),
    el('span', { class: 'when' }, e.event_date),
    el('span', { class: 'what' }, e.sub_event_type),
    el('span', { class: 'where' }, [e.location || 'unknown place', e.country].filter((x) => x !== '').join(', ')),
    el('span', { class: 'toll', attrs: { title: 'fatalities' } }, e.fatalities === 0 ? '' : `${fmt.format(e.fatalities)} †`)));
  }
}

export class ReviewDesk {
  readonly session: Session;
  private readonly queue: ReviewQueue;

  constructor(pane: HTMLElement, toggle: HTMLButtonElement, filters: Filters, private readonly hooks: DeskHooks) {
    this.queue = new ReviewQueue(pane, toggle, filters, (id, from) => hooks.openEvent(id, from));
    // Signing in or out changes what the detail offers: draw it again.
    this.session = new Session(() => void hooks.reloadDetail(null));
    void this.session.refresh();
  }

  setFilters(filters: Filters): void {
    this.queue.setFilters(filters);
  }

  /** The review part of an event's detail, for the session as it is now. */
  section(d: EventDetail): HTMLElement {
    return reviewSection(d, {
      me: this.session.current,
      signIn: () => this.session.askToSignIn(),
      openEvent: (id) => this.hooks.openEvent(id, null),
      done: (notice, opts) => {
        void this.hooks.reloadDetail(notice);
        if (opts?.dataChanged === false) return;
        this.hooks.dataChanged();
        this.queue.reload();
      },
    });
  }
}
