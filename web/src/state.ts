// The view as a URL query: the filters (named as GET /events names them, so the same query works on the
// API), the open event and the map position. Reloading or sharing the URL gives the same view. Values that
// the API would refuse (a date that is not YYYY-MM-DD, a negative fatality count) are dropped here, so a
// hand-edited URL shows the rest of the view instead of an error.

export const FILTER_KEYS = ['from', 'to', 'country', 'admin1', 'event_type', 'sub_event_type', 'actor', 'text', 'min_fatalities'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type Filters = Partial<Record<FilterKey, string>>;

/** The filters the server applies; dates are applied in the browser so the timeline keeps its context. */
export const SERVER_KEYS: readonly FilterKey[] = FILTER_KEYS.filter((k) => k !== 'from' && k !== 'to');

export interface MapView { lon: number; lat: number; zoom: number }

export interface ViewState {
  filters: Filters;
  /** the event whose detail is open: its numeric id */
  event: number | null;
  view: MapView | null;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function valid(key: FilterKey, value: string): boolean {
  if (value.length > 200) return false;
  if (key === 'from' || key === 'to') return DATE.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));
  if (key === 'min_fatalities') return /^\d{1,7}$/.test(value);
  return true;
}

/** A filter value as kept: trimmed; empty means "no filter". */
export function cleanFilters(raw: Partial<Record<string, string | null | undefined>>): Filters {
  const out: Filters = {};
  for (const key of FILTER_KEYS) {
    const v = raw[key]?.trim();
    if (v !== undefined && v !== '' && valid(key, v)) out[key] = v;
  }
  return out;
}

function parseView(text: string | null): MapView | null {
  if (text === null) return null;
  const [lon, lat, zoom] = text.split(',').map(Number);
  if (lon === undefined || lat === undefined || zoom === undefined) return null;
  if (![lon, lat, zoom].every(Number.isFinite) || Math.abs(lon) > 180 || Math.abs(lat) > 85 || zoom < 0 || zoom > 22) return null;
  return { lon, lat, zoom };
}

export function parseState(search: string): ViewState {
  const q = new URLSearchParams(search);
  const raw: Record<string, string> = {};
  for (const key of FILTER_KEYS) {
    const v = q.get(key);
    if (v !== null) raw[key] = v;
  }
  const event = q.get('event');
  return {
    filters: cleanFilters(raw),
    event: event !== null && /^\d{1,12}$/.test(event) ? Number(event) : null,
    view: parseView(q.get('view')),
  };
}

/** The URL query of a state, keys in a fixed order so equal views have equal URLs. */
export function stateToSearch(state: ViewState): string {
  const q = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const v = state.filters[key];
    if (v !== undefined && v !== '') q.set(key, v);
  }
  if (state.event !== null) q.set('event', String(state.event));
  if (state.view !== null) q.set('view', [state.view.lon.toFixed(4), state.view.lat.toFixed(4), state.view.zoom.toFixed(2)].join(','));
  const text = q.toString();
  return text === '' ? '' : `?${text}`;
}

/** The API query for these filters, limited to `keys`. */
export function apiQuery(filters: Filters, keys: readonly FilterKey[] = FILTER_KEYS): URLSearchParams {
  const q = new URLSearchParams();
  for (const key of keys) {
    const v = filters[key];
    if (v !== undefined && v !== '') q.set(key, v);
  }
  return q;
}

/** Equal as the URL writes them (to 4 decimals and 2 for the zoom): a move too small to show is no move. */
export function sameView(a: MapView | null, b: MapView | null): boolean {
  const key = (v: MapView | null): string => stateToSearch({ filters: {}, event: null, view: v });
  return key(a) === key(b);
}

export function sameFilters(a: Filters, b: Filters, keys: readonly FilterKey[] = FILTER_KEYS): boolean {
  return keys.every((k) => (a[k] ?? '') === (b[k] ?? ''));
}
