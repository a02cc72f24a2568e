// The trends panel: for each admin1, this week's events and fatalities against the 4- and 52-week averages,
// flagged where this week is far above both (the rule is src/store/trends.ts's), and the actors new there.
// It reads GET /trends with the dashboard's filters; the reference week is the week of the date filter's end
// when there is one (brushing the timeline moves "this week"), else the week of the latest event. Loaded only
// while the panel is open: on a large store each answer reads a year of events. Names are inserted as text.
import type { Admin1Trend, Trends, TrendSeries } from '../../src/store/trends.ts';
import { getJson } from './api.ts';
import { el, fmt, replaceChildren } from './dom.ts';
import { apiQuery, SERVER_KEYS, type Filters } from './state.ts';

/** Rows asked for: the flagged ones and the most above their year come first. */
const ROWS = 100;
/** New actors listed in a row before "and N more". */
const ACTORS_SHOWN = 4;

const dateFmt = new Intl.DateTimeFormat('en', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const day = (iso: string): string => dateFmt.format(new Date(`${iso}T00:00:00Z`));
const avg = (x: number | null): string => (x === null ? '–' : x.toFixed(1));

export class TrendsPanel {
  /** the query of what is shown (or loading) */
  private shown: string | null = null;
  private wanted = new URLSearchParams();
  private abort: AbortController | null = null;
  private readonly body: HTMLElement;
  private readonly summary: HTMLElement;

  /**
   * `box` is the panel (a <details> holding #trends-summary and #trends); `onPick` is called with an
   * admin1 and its country when the user chooses one.
   */
  constructor(private readonly box: HTMLDetailsElement, private readonly onPick: (country: string, admin1: string) => void) {
    this.body = box.querySelector<HTMLElement>('#trends') ?? box;
    this.summary = box.querySelector<HTMLElement>('#trends-summary') ?? box;
    box.addEventListener('toggle', () => {
      if (box.open) void this.load();
    });
  }

  /** The filters changed: reload if open, else forget the figures shown (they were for other filters). */
  update(filters: Filters): void {
    const q = apiQuery(filters, SERVER_KEYS);
    if (filters.to !== undefined) q.set('week', filters.to);
    q.set('limit', String(ROWS));
    this.wanted = q;
    if (this.box.open) void this.load();
    else if (q.toString() !== this.shown) this.summary.textContent = '';
  }

  private async load(): Promise<void> {
    const q = this.wanted;
    if (q.toString() === this.shown) return;
    this.shown = q.toString();
    this.abort?.abort();
    const abort = (this.abort = new AbortController());
    this.body.setAttribute('aria-busy', 'true');
    if (this.body.childElementCount === 0) replaceChildren(this.body, el('p', { class: 'hint' }, 'Loading the trends…'));
    try {
      const t = await getJson<Trends>('trends', q, abort.signal);
      if (!abort.signal.aborted) this.render(t);
    } catch (err) {
      if (abort.signal.aborted) return;
      this.shown = null; // tried again at the next change or opening
      replaceChildren(this.body, el('p', { class: 'error' }, `Could not load the trends: ${(err as Error).message}`));
    } finally {
      if (this.abort === abort) this.body.setAttribute('aria-busy', 'false');
    }
  }

  private render(t: Trends): void {
    if (t.week === null || t.week_end === null) {
      this.summary.textContent = '';
      replaceChildren(this.body, el('p', { class: 'hint' }, 'No events to compare.'));
      return;
    }
    this.summary.textContent = `week of ${day(t.week)} · ${fmt.format(t.flagged)} flagged`;
    const r = t.rule;
    const history = t.baseline_weeks < 52
      ? ` The store's events start ${t.baseline_weeks} week${t.baseline_weeks === 1 ? '' : 's'} before this one: the averages cover those weeks${t.baseline_weeks < r.minBaselineWeeks ? ', too few for flags' : ''}.`
      : '';
    replaceChildren(this.body,
      el('p', { class: 'hint trends-note' },
        `${day(t.week)} to ${day(t.week_end)} against the weeks before (averages per week, weeks without events count as zeros). `,
        `Flagged: at least ${r.minEvents} events (or ${r.minFatalities} fatalities), at least ${r.recentRatio}× the 4-week average and above the 52-week mean + ${r.yearSd} standard deviations.`,
        history,
        t.total > t.admin1s.length ? ` Showing ${fmt.format(t.admin1s.length)} of ${fmt.format(t.total)} admin1s.` : ''),
      t.admin1s.length === 0 ? el('p', { class: 'hint' }, 'No events in these 53 weeks.') : this.table(t.admin1s));
  }

  private table(rows: Admin1Trend[]): HTMLElement {
    const head = el('thead', {},
      el('tr', {},
        el('th', { attrs: { rowspan: 2, scope: 'col' } }, 'Admin1'),
        el('th', { attrs: { colspan: 3, scope: 'colgroup' } }, 'Events'),
        el('th', { attrs: { colspan: 3, scope: 'colgroup' } }, 'Fatalities'),
        el('th', { attrs: { rowspan: 2, scope: 'col' } }, 'Flag'),
        el('th', { attrs: { rowspan: 2, scope: 'col' } }, 'New actors')),
      el('tr', {}, ...['this week', '4-wk avg', '52-wk avg', 'this week', '4-wk avg', '52-wk avg'].map((h) => el('th', { attrs: { scope: 'col' }, class: 'num' }, h))));
    return el('div', { class: 'trends-scroll' }, el('table', { class: 'trends-table' }, head, el('tbody', {}, ...rows.map((a) => this.row(a)))));
  }

  private row(a: Admin1Trend): HTMLElement {
    // data-label: on a phone the rows become cards, and each figure says what it is (style.css).
    const nums = (s: TrendSeries, kind: 'ev' | 'fa'): HTMLElement[] => {
      const what = kind === 'ev' ? 'Events' : 'Fatalities';
      return [
        el('td', { class: `num ${kind}-week`, attrs: { 'data-label': `${what} this week` } }, fmt.format(s.this_week)),
        el('td', { class: `num ${kind}-avg4`, attrs: { 'data-label': `${what} 4-wk avg` } }, avg(s.avg_4w)),
        el('td', { class: `num ${kind}-avg52`, attrs: { 'data-label': `${what} 52-wk avg` } }, avg(s.avg_52w)),
      ];
    };
    // Events without a known admin1 are counted but cannot be picked: there is no admin1 to filter on.
    const name = a.admin1 === ''
      ? el('span', { class: 'hint' }, '(admin1 unknown)')
      : el('button', {
        class: 'link pick', attrs: { type: 'button', title: `Show only ${a.admin1}, ${a.country}` },
        on: { click: () => this.onPick(a.country, a.admin1) },
      }, a.admin1);
    const more = a.new_actors.length - ACTORS_SHOWN;
    return el('tr', { class: a.flag === null ? '' : 'flagged', attrs: { 'data-country': a.country, 'data-admin1': a.admin1 } },
      el('th', { attrs: { scope: 'row' } }, name, el('span', { class: 'country' }, a.country)),
      ...nums(a.events, 'ev'),
      ...nums(a.fatalities, 'fa'),
      el('td', { class: 'flag' }, a.flag === null ? null : el('span', {},
        el('strong', { class: 'flag-mark' }, `▲ ${a.flag.kinds.join(' + ')}`), el('span', { class: 'reason' }, a.flag.reason))),
      el('td', { class: 'actors', attrs: { 'data-label': a.new_actors.length > 0 ? 'New actors' : null } },
        a.new_actors.length > 0 ? a.new_actors.slice(0, ACTORS_SHOWN).join('; ') : null,
        more > 0 ? el('span', { class: 'hint', attrs: { title: a.new_actors.slice(ACTORS_SHOWN).join('; ') } }, ` and ${more} more`) : null));
  }
}
