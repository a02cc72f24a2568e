// The entry point, kept small on purpose: it starts the downloads the first map needs (the events, the base
// map) at once, while the browser is still fetching and compiling the app and MapLibre (~1 MB), instead of
// after them. On 100,000 events that overlap is most of the time to first map.
import './style.css';
import { getPoints } from './api.ts';
import { prefetchBaseMap } from './basemap.ts';
import { apiQuery, parseState, SERVER_KEYS } from './state.ts';

// The app's request first: the server answers in order, and the points take it longest.
const app = import('./app.ts');
const state = parseState(location.search);
const query = apiQuery(state.filters, SERVER_KEYS);
const points = getPoints(query);
// The app reports a failure when it awaits this; until then it must not count as unhandled.
points.catch(() => {});
prefetchBaseMap();
// On a phone the filters start folded: the map comes first.
if (window.matchMedia('(max-width: 700px)').matches) (document.getElementById('filters-box') as HTMLDetailsElement | null)?.removeAttribute('open');

const { startApp } = await app;
startApp(state, { query: query.toString(), points });
