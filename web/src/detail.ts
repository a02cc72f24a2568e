// The detail of one event: every field, each source with its report text and the words that support each
// field marked, the claims and who made them, the linked events, and the history of changes. Everything
// from the API goes into the page as text nodes: a report containing <script> shows as those characters.
import type { DocumentResponse } from '../../src/server/routes/dashboard.ts';
import type { EventDetail, SourceDetail } from '../../src/store/store.ts';
import { getJson } from './api.ts';
import { colorOf } from './colors.ts';
import { el, fmt, replaceChildren, safeHref, type Child } from './dom.ts';
import { runs, type Span } from './highlight.ts';

export interface DetailHandlers {
  onClose(): void;
  /** a linked event was chosen */
  onOpenEvent(id: number): void;
  /** the analyst's part of the detail (review-actions.ts), drawn under the summary */
  review?(detail: EventDetail): HTMLElement | null;
}

/** The event's fields in the order ACLED's files have them, then Faultline's own; any other field last. */
const FIELD_ORDER = [
  'event_id_cnty', 'event_date', 'year', 'time_precision', 'disorder_type', 'event_type', 'sub_event_type', 'actor1', 'assoc_actor_1', 'inter1',
  'actor2', 'assoc_actor_2', 'inter2', 'interaction', 'civilian_targeting', 'iso', 'region', 'country', 'admin1', 'admin2', 'admin3', 'location',
  'latitude', 'longitude', 'geo_precision', 'geonameid', 'source', 'source_scale', 'notes', 'fatalities', 'fatalities_low', 'fatalities_best',
  'fatalities_high', 'tags', 'timestamp', 'confidence', 'flags', 'conflicts', 'locked_fields', 'status', 'origin', 'sources_count', 'created_at',
  'updated_at', 'version', 'id',
];

/** A CSS class for a field's marks; field names come from data, so only a known safe shape becomes a class. */
function markClass(field: string): string {
  const f = field.replace(/^claim:/, '');
  if (/^actor|^assoc_actor|^inter/.test(f)) return 'ev-actor';
  if (/^(location|admin\d|country|latitude|longitude|geo)/.test(f)) return 'ev-place';
  if (/date|time/.test(f)) return 'ev-date';
  if (/fatal/.test(f)) return 'ev-fatal';
  if (/event_type|sub_event_type|disorder/.test(f)) return 'ev-type';
  return 'ev-other';
}

function show(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.join(', ');
  return JSON.stringify(value);
}

export class DetailPanel {
  private seq = 0;
  private openId: number | null = null;
  private returnFocus: HTMLElement | null = null;

  constructor(private readonly aside: HTMLElement, private readonly handlers: DetailHandlers) {
    document.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && this.openId !== null) {
        e.preventDefault();
        this.handlers.onClose();
      }
    });
  }

  get current(): number | null {
    return this.openId;
  }

  /** Opens (or re-opens) the event's detail; `from` gets the focus back on close. */
  async open(id: number, from: HTMLElement | null = null): Promise<void> {
    if (from !== null) this.returnFocus = from;
    if (this.openId === id && !this.aside.hidden) return;
    this.openId = id;
    const seq = ++this.seq;
    this.aside.hidden = false;
    delete this.aside.dataset['event'];
    delete this.aside.dataset['version'];
    document.body.classList.add('detail-open');
    replaceChildren(this.aside, this.header(`Event ${id}`, null), el('p', { class: 'hint' }, 'Loading…'));
    this.focusTitle();
    await this.fetchAndRender(id, seq, null);
  }

  /** The open event again from the server (after an analyst's action), with a notice of what happened. */
  async reload(notice: Child[] | null = null): Promise<void> {
    if (this.openId === null) return;
    await this.fetchAndRender(this.openId, ++this.seq, notice);
  }

  private async fetchAndRender(id: number, seq: number, notice: Child[] | null): Promise<void> {
    try {
      const detail = await getJson<EventDetail>(`events/${id}`);
      const docs = await Promise.all(detail.sources.map((s) => (s.document === null ? null : getJson<DocumentResponse>(`documents/${s.document.id}`).catch(() => null))));
      if (seq !== this.seq) return; // another event was opened meanwhile
      this.render(detail, docs, notice);
    } catch (err) {
      if (seq !== this.seq) return;
      replaceChildren(this.aside, this.header(`Event ${id}`, null), el('p', { class: 'error', attrs: { role: 'alert' } }, `Could not load this event: ${(err as Error).message}`));
    }
  }

  close(): void {
    if (this.openId === null) return;
    this.openId = null;
    this.seq++;
    this.aside.hidden = true;
    replaceChildren(this.aside);
    document.body.classList.remove('detail-open');
    if (this.returnFocus?.isConnected) this.returnFocus.focus();
    this.returnFocus = null;
  }

  private focusTitle(): void {
    this.aside.querySelector<HTMLElement>('#detail-title')?.focus();
  }

  private header(title: string, sub: string | null): HTMLElement {
    return el('header', { class: 'detail-head' },
      el('h2', { attrs: { id: 'detail-title', tabindex: -1 } }, title),
      sub === null ? null : el('p', { class: 'sub' }, sub),
      el('button', { class: 'close', attrs: { type: 'button', 'aria-label': 'Close the detail (Escape)', title: 'Close (Escape)' }, on: { click: () => this.handlers.onClose() } }, '×'));
  }

  private render(d: EventDetail, docs: (DocumentResponse | null)[], notice: Child[] | null): void {
    const e = d.event;
    const f = e.fatalities;
    const range = e.fatalities_low === e.fatalities_high ? '' : ` (sources say ${e.fatalities_low}–${e.fatalities_high})`;
    replaceChildren(this.aside,
      this.header(`${e.sub_event_type} — ${e.location || 'unknown place'}`, `${e.event_id_cnty} · ${e.event_date} · ${e.status}`),
      el('p', { class: 'lead' },
        el('span', { class: 'swatch', style: { background: colorOf(e.event_type) }, attrs: { 'aria-hidden': 'true' } }),
        `${e.event_type}: ${e.actor1}${e.actor2 === '' ? '' : ` vs ${e.actor2}`}. ${fmt.format(f)} ${f === 1 ? 'fatality' : 'fatalities'}${range}. ${[e.admin2, e.admin1, e.country].filter((x) => x !== '').join(', ')}.`),
      e.conflicts.length === 0 ? null : el('p', { class: 'warn' }, `Sources disagree on: ${e.conflicts.join(', ')}`),
      notice === null ? null : el('p', { class: 'notice', attrs: { role: 'status', tabindex: -1 } }, ...notice),
      this.handlers.review?.(d) ?? null,
      this.section('Sources', d.sources.length, ...d.sources.map((s, k) => this.source(s, docs[k] ?? null))),
      this.section('Linked events', d.links.length, d.links.length === 0 ? el('p', { class: 'hint' }, 'None.') : el('ul', { class: 'links' }, ...d.links.map((l) => el('li', {},
        el('button', { class: 'link', attrs: { type: 'button' }, on: { click: () => this.handlers.onOpenEvent(l.event_id) } }, l.event_id_cnty),
        ` — ${l.direction === 'to' ? `this event came ${linkWords(l.relation)} it` : `it came ${linkWords(l.relation)} this event`}`)))),
      this.section('All fields', null, this.fields(e as unknown as Record<string, unknown>)),
      this.section('History', d.history.length, el('ol', { class: 'history' }, ...d.history.map((h) => el('li', {},
        el('span', { class: 'when' }, h.at.replace('T', ' ').slice(0, 19)), ' ', el('strong', {}, h.action), ` by ${h.actor}`,
        h.reason === '' ? null : el('div', {}, h.reason),
        Object.keys(h.changes).length === 0 ? null : el('code', { class: 'changes' }, JSON.stringify(h.changes)))))),
    );
    // After an action the notice says what happened: it takes the focus (a screen reader reads it) instead of the title.
    // What the browser tests wait for: this event, at this version, is on screen.
    this.aside.dataset['event'] = String(e.id);
    this.aside.dataset['version'] = String(e.version);
    const shown = this.aside.querySelector<HTMLElement>('.notice');
    if (shown !== null) shown.focus();
    else this.focusTitle();
  }

  private section(title: string, count: number | null, ...body: Child[]): HTMLElement {
    return el('section', { class: 'detail-section' }, el('h3', {}, title, count === null ? null : el('span', { class: 'count' }, ` ${count}`)), ...body);
  }

  private fields(record: Record<string, unknown>): HTMLElement {
    const keys = [...FIELD_ORDER.filter((k) => k in record), ...Object.keys(record).filter((k) => !FIELD_ORDER.includes(k))];
    return el('dl', { class: 'fields' }, ...keys.flatMap((k) => [el('dt', {}, k), el('dd', {}, show(record[k]))]));
  }

  private source(s: SourceDetail, doc: DocumentResponse | null): HTMLElement {
    const href = safeHref(s.document?.url);
    const published = s.document?.published ?? null;
    const title = s.document?.title ?? null;
    // Readings are stored JSON: tolerate one written before evidence or claims existed.
    const claims = s.reading.claims ?? [];
    const spans: Span[] = [
      ...(s.reading.evidence ?? []),
      ...claims.flatMap((c) => (c.span === undefined ? [] : [{ ...c.span, field: `claim:${c.field}` }])),
    ];
    return el('article', { class: 'source' },
      el('h4', {}, s.source),
      el('p', { class: 'meta' },
        published === null ? 'date not given' : `published ${published}`,
        ` · added ${s.added_at.slice(0, 10)} · reports ${fmt.format(s.fatalities)} ${s.fatalities === 1 ? 'fatality' : 'fatalities'}`,
        href === null ? (s.document?.url ? ` · ${s.document.url}` : null) : el('span', {}, ' · ', el('a', { attrs: { href, rel: 'noopener noreferrer nofollow', target: '_blank' } }, title ?? href))),
      doc === null ? el('p', { class: 'hint' }, s.document === null ? 'No report text: this source is a row of an imported file.' : 'The report text could not be loaded.') : this.report(doc.text, spans),
      claims.length === 0 ? null : el('div', { class: 'claims' }, el('h5', {}, 'Claims'), el('ul', {}, ...claims.map((c) => el('li', {},
        el('strong', {}, c.claimant), ` claims ${c.field} = ${String(c.value)}`, c.channel === undefined ? null : ` (via ${c.channel})`, c.date === undefined ? null : `, ${c.date}`)))),
    );
  }

  /** The report with its evidence marked; the legend names the fields, a mark's title names its own. */
  private report(text: string, spans: Span[]): HTMLElement {
    const { runs: parts, unplaced } = runs(text, spans);
    const body = el('div', { class: 'report', attrs: { tabindex: 0, 'aria-label': 'Report text, evidence marked' } },
      ...parts.map((r) => (r.fields.length === 0 ? r.text
        : el('mark', { class: `ev ${markClass(r.fields[0]!)}`, attrs: { title: r.fields.join(', '), 'data-fields': r.fields.join(' ') } }, r.text))));
    const fields = [...new Set(spans.map((s) => s.field))];
    return el('div', {},
      body,
      fields.length === 0 ? el('p', { class: 'hint' }, 'No evidence spans recorded for this source.')
        : el('p', { class: 'legend-ev' }, 'Evidence: ', ...fields.map((f) => el('mark', { class: `ev ${markClass(f)}` }, f)).flatMap((m, k) => (k === 0 ? [m] : [' ', m]))),
      unplaced.length === 0 ? null : el('p', { class: 'hint' }, `Not found in the text: ${unplaced.map((u) => `${u.field} “${u.text}”`).join('; ')}`),
    );
  }
}

/** How a link reads in a sentence ("this event came in retaliation for it"); an unknown relation as it is. */
function linkWords(relation: string): string {
  const words: Record<string, string> = { after: 'after', before: 'before', same_day: 'the same day as', retaliation: 'in retaliation for' };
  return words[relation] ?? relation.replace(/_/g, ' ');
}
