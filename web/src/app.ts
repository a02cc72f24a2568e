// The dashboard's controller: one state (filters, open event, map view) kept in the URL, one set of points
// loaded from GET /events/points for the server-side filters, and the views drawn from it: map, timeline,
// list, detail. Dates are applied here, not by the server, so brushing the timeline redraws without a round
// trip and the timeline keeps showing the weeks around the selection.
import type { Stats } from '../../src/store/queries.ts';
import { AuthError, getJson, getPoints } from './api.ts';
import { DetailPanel } from './detail.ts';
import { byId, fmt } from './dom.ts';
import { exportView, type ExportFormat } from './export.ts';
import { FilterForm } from './filters.ts';
import { drawLegend } from './legend.ts';
import { EventList } from './list.ts';
import { EventMap } from './map.ts';
import { loadOutlinesOnce } from './outlines.ts';
import { allIndices, dayOf, extent, inView, selectByDate, totalFatalities, weekly, type Points } from './points.ts';
import { apiQuery, parseState, sameFilters, sameView, SERVER_KEYS, stateToSearch, type FilterKey, type Filters, type ViewState } from './state.ts';
import { ReviewDesk } from './review.ts';
import { Timeline } from './timeline.ts';
import { TrendsPanel } from './trends.ts';
import { askToken } from './token.ts';

/** What main.ts started downloading before this module arrived: the first points, for this query. */
export interface Prefetched { query: string; points: Promise<Points> }

class Dashboard {
  private points: Points | null = null;
  /** row of each event id in `points`, made when first needed (not before the first map) */
  private rowOfId: Map<number, number> | null = null;
  /** rows of `points` inside the date filter, newest first */
  private dated: Uint32Array = new Uint32Array(0);
  /** the query the loaded points answer (server-side filters, and the dates when they had to go to the server) */
  private loadedQuery: string | null = null;
  private loadSeq = 0;
  private mapVersion = 0;
  private fitOnLoad: boolean;
  /** the map has drawn the events once: until then the list waits (it would compete with the first map) */
  private firstMapDrawn = false;
  private readonly status = byId<HTMLParagraphElement>('status');
  private readonly map: EventMap;
  private readonly timeline: Timeline;
  private readonly list: EventList;
  private readonly detail: DetailPanel;
  private readonly form: FilterForm;
  private readonly review: ReviewDesk;
  private readonly trends: TrendsPanel;

  constructor(private readonly state: ViewState, private prefetched: Prefetched | null) {
    this.fitOnLoad = state.view === null;
    this.map = new EventMap(byId('map'), state.view, {
      onOpen: (row) => this.openRow(row, null),
      onMove: () => {
        this.state.view = this.map.view();
        this.commit(false);
        this.updateList();
      },
    });
    this.timeline = new Timeline(byId('timeline'), (from, to) => {
      const next: Filters = { ...this.state.filters };
      delete next.from;
      delete next.to;
      if (from !== null) next.from = from;
      if (to !== null) next.to = to;
      void this.setFilters(next);
    });
    this.list = new EventList(byId('list'), byId('list-note'), (row, from) => this.openRow(row, from));
    this.detail = new DetailPanel(byId('detail'), {
      onClose: () => this.closeEvent(), onOpenEvent: (id) => void this.openEvent(id, null), review: (d) => this.review.section(d),
    });
    this.review = new ReviewDesk(byId('review'), byId('review-open'), state.filters, {
      openEvent: (id, from) => void this.openEvent(id, from),
      reloadDetail: (notice) => this.detail.reload(notice),
      dataChanged: () => void this.load(),
    });
    this.form = new FilterForm(byId('filters'), (f) => void this.setFilters(f));
    this.form.set(state.filters);
    this.trends = new TrendsPanel(byId('trends-box'), (country, admin1) => void this.setFilters({ ...this.state.filters, country, admin1 }));
    byId<HTMLButtonElement>('export-csv').addEventListener('click', (e) => void this.runExport('acled-csv', e.currentTarget as HTMLButtonElement));
    byId<HTMLButtonElement>('export-geojson').addEventListener('click', (e) => void this.runExport('geojson', e.currentTarget as HTMLButtonElement));
    window.addEventListener('popstate', () => this.fromUrl());
    window.__faultline = { renderedEventCount: () => this.map.renderedEventCount(), mapVersion: 0, pixelOf: (lon, lat) => this.map.pixelOf(lon, lat), outlines: () => this.map.outlines(), clusterLabels: () => this.map.clusterLabels() };
    drawLegend(byId('legend'));
  }

  async start(): Promise<void> {
    await this.load();
    if (this.state.event !== null) void this.detail.open(this.state.event);
    void this.loadChoices();
  }

  /** The URL follows the state: a new history entry for what a user would go back from, a replacement for map moves. */
  private commit(push: boolean): void {
    const url = `${location.pathname}${stateToSearch(this.state)}`;
    if (url === `${location.pathname}${location.search}`) return;
    if (push) history.pushState(null, '', url);
    else history.replaceState(null, '', url);
  }

  private setBusy(busy: boolean): void {
    document.body.dataset['busy'] = String(busy);
    byId('list').setAttribute('aria-busy', String(busy));
  }

  /** The server query for the state: dates stay in the browser unless the server had to cut the answer short. */
  private serverQuery(withDates: boolean): URLSearchParams {
    return apiQuery(this.state.filters, withDates ? [...SERVER_KEYS, 'from', 'to'] : SERVER_KEYS);
  }

  private hasDates(): boolean {
    return this.state.filters.from !== undefined || this.state.filters.to !== undefined;
  }

  private async setFilters(next: Filters): Promise<void> {
    if (sameFilters(next, this.state.filters)) return;
    // A new country or region is somewhere else on the map: go there. Other filters keep the view.
    this.fitOnLoad ||= !sameFilters(next, this.state.filters, ['country', 'admin1'] satisfies FilterKey[]);
    this.state.filters = next;
    this.review.setFilters(next);
    this.commit(true);
    this.form.set(next);
    await this.refresh();
  }

  private async refresh(): Promise<void> {
    const needsDates = this.points?.truncated === true && this.hasDates();
    if (this.points === null || this.loadedQuery !== this.serverQuery(needsDates).toString()) await this.load();
    else await this.redraw();
  }

  private async load(): Promise<void> {
    const seq = ++this.loadSeq;
    this.setBusy(true);
    this.status.textContent = 'Loading events…';
    try {
      let query = this.serverQuery(false);
      const early = this.prefetched;
      this.prefetched = null; // used once: later loads are for other filters, or a retry
      let p = early !== null && early.query === query.toString() ? await early.points : await getPoints(query);
      if (p.truncated && this.hasDates()) {
        // More events than one answer holds: let the server apply the dates too, at the cost of the timeline's context.
        query = this.serverQuery(true);
        p = await getPoints(query);
      }
      if (seq !== this.loadSeq) return; // a newer filter is loading
      performance.mark('faultline:points');
      this.points = p;
      this.loadedQuery = query.toString();
      this.rowOfId = null;
      await this.redraw();
    } catch (err) {
      if (seq !== this.loadSeq) return;
      if (err instanceof AuthError) askToken(() => void this.start());
      this.status.textContent = `Could not load the events: ${(err as Error).message}`;
    } finally {
      if (seq === this.loadSeq) this.setBusy(false);
    }
  }

  private rowOf(id: number): number | null {
    const p = this.points;
    if (p === null) return null;
    if (this.rowOfId === null) {
      this.rowOfId = new Map();
      for (let row = 0; row < p.count; row++) this.rowOfId.set(p.id[row]!, row);
    }
    return this.rowOfId.get(id) ?? null;
  }

  private async redraw(): Promise<void> {
    const p = this.points;
    if (p === null) return;
    const { from, to } = this.state.filters;
    this.dated = selectByDate(p, from, to);
    if (this.fitOnLoad) {
      const box = extent(p, this.dated);
      if (box !== null) this.map.fitTo(box, keyWidth());
      this.fitOnLoad = false;
    }
    const range = this.hasDates() ? ` · ${from ?? '…'} to ${to ?? '…'}` : '';
    this.status.textContent = `${fmt.format(this.dated.length)} events · ${fmt.format(totalFatalities(p, this.dated))} fatalities${range}${p.truncated ? ` (the newest ${fmt.format(p.count)} only)` : ''}`;
    void this.map.select(p, this.state.event === null ? null : this.rowOf(this.state.event));
    const drawn = this.map.setEvents(p, this.dated);
    if (window.__faultlineFirstMap === undefined) {
      // The first time, the map alone until it has drawn the events: the page's thread and the machine's
      // cores are MapLibre's meanwhile. Later redraws update the timeline and list while the map draws.
      await drawn;
      window.__faultlineFirstMap = performance.now();
    }
    this.firstMapDrawn = true;
    const selection: [number, number] | null = !this.hasDates() ? null
      : [from === undefined ? -Infinity : dayOf(from), to === undefined ? Infinity : dayOf(to)];
    this.timeline.render(weekly(p, allIndices(p)), selection);
    this.updateList();
    await drawn;
    // After the first map, never before it: the timeline and the list (above), the outlines (where the
    // server has them) and the trends.
    loadOutlinesOnce(async (data) => {
      await this.map.showOutlines(data);
      document.body.dataset['outlines'] = String(data.features.length);
    });
    this.trends.update(this.state.filters);
    this.mapVersion++;
    if (window.__faultline !== undefined) window.__faultline.mapVersion = this.mapVersion;
    document.body.dataset['mapVersion'] = String(this.mapVersion);
  }

  /** The list shows the dated events inside the map's view (and those without coordinates). */
  private updateList(): void {
    if (this.points === null || !this.firstMapDrawn) return;
    const { located, unlocated } = inView(this.points, this.dated, this.map.bounds());
    const rows = new Uint32Array(located.length + unlocated.length);
    rows.set(located);
    rows.set(unlocated, located.length);
    rows.sort(); // row order is newest first
    this.list.render(this.points, rows, unlocated.length, this.state.event);
  }

  private openRow(row: number, from: HTMLElement | null): void {
    const id = this.points?.id[row];
    if (id !== undefined) void this.openEvent(id, from);
  }

  private async openEvent(id: number, from: HTMLElement | null): Promise<void> {
    if (this.state.event !== id) {
      this.state.event = id;
      this.commit(true);
    }
    this.updateList();
    void this.map.select(this.points, this.rowOf(id));
    await this.detail.open(id, from);
  }

  private closeEvent(): void {
    const id = this.state.event;
    this.state.event = null;
    this.commit(true);
    this.detail.close();
    void this.map.select(null, null);
    this.updateList();
    if (id !== null && document.activeElement === document.body) this.list.focusEvent(id);
  }

  /** Back and forward: the URL's state becomes the view's. */
  private fromUrl(): void {
    const next = parseState(location.search);
    const filtersChanged = !sameFilters(next.filters, this.state.filters);
    this.state.filters = next.filters;
    if (next.view !== null && !sameView(next.view, this.state.view)) {
      this.state.view = next.view;
      this.map.jumpTo(next.view);
    }
    if (filtersChanged) {
      this.form.set(this.state.filters);
      this.review.setFilters(this.state.filters);
      void this.refresh();
    }
    if (next.event === null && this.state.event !== null) {
      this.state.event = null;
      this.detail.close();
      void this.map.select(null, null);
      this.updateList();
    } else if (next.event !== null && next.event !== this.state.event) {
      void this.openEvent(next.event, null);
    }
  }

  private async runExport(format: ExportFormat, button: HTMLButtonElement): Promise<void> {
    button.disabled = true;
    const before = this.status.textContent ?? '';
    try {
      const name = await exportView(format, this.state.filters, (pages) => { this.status.textContent = `Exporting… ${fmt.format(pages * 1000)} events so far`; });
      this.status.textContent = `${before} · downloaded ${name}`;
    } catch (err) {
      if (err instanceof AuthError) askToken(() => void this.runExport(format, button));
      this.status.textContent = `Export failed: ${(err as Error).message}`;
    } finally {
      button.disabled = false;
    }
  }

  /** Suggestions for the text filters: the store's countries, admin1s and most active actors. */
  private async loadChoices(): Promise<void> {
    try {
      const s = await getJson<Stats>('stats', new URLSearchParams({ top: '100' }));
      this.form.setChoices({ countries: s.byAdmin1.map((a) => a.country), admin1: s.byAdmin1.map((a) => a.admin1).filter((a) => a !== ''), actors: s.byActor.map((a) => a.actor) });
    } catch {
      // Suggestions only: the filters work without them.
    }
  }
}

export function startApp(state: ViewState, prefetched: Prefetched | null): void {
  void new Dashboard(state, prefetched).start();
}

/** The width of the map's key where it floats over the map (wide screens); at phone width it sits below. */
function keyWidth(): number {
  const key = document.querySelector<HTMLElement>('.legend');
  return key !== null && getComputedStyle(key).position === 'absolute' ? key.getBoundingClientRect().width : 0;
}
