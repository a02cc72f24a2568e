// The map: the Natural Earth base, the events as dots coloured by type and sized by fatalities, clustered
// where dense (web/src/cluster.ts, for the zoom level and the area in view), a summary on hover, the detail
// on click.
import {
  Map as MapLibre, NavigationControl, Popup, setWorkerCount, setWorkerUrl,
  type ExpressionSpecification, type GeoJSONSource, type MapGeoJSONFeature, type MapLayerMouseEvent,
} from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
// The worker is its own file; a bundled app must say where it went.
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import type { FeatureCollection } from 'geojson';
import { loadBaseMap, type Scale } from './basemap.ts';
import { areaAround, CLUSTER_MAX_ZOOM, covers, EventClusters, type Level } from './cluster.ts';
import { OTHER_INDEX, PALETTE, SHARE_COLORS } from './colors.ts';
import { COUNT_IMAGE, drawCountsOnDemand } from './count-labels.ts';
import { el, fmt } from './dom.ts';
import { drawOutlines, OUTLINE_LAYER, OUTLINE_SOURCE } from './outlines.ts';
import { isoOf, type Bounds, type Points } from './points.ts';
import type { MapView } from './state.ts';

setWorkerUrl(workerUrl);
// One worker: with the events clustered here, what is left to tile (the land, the borders, a few hundred dots)
// is light, and a second worker would only compile MapLibre's worker code (0.5 MB) once more.
setWorkerCount(1);

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };
/** West Africa and the Sahel: where the first events are, shown before any data arrives. */
const DEFAULT_BOUNDS: Bounds = [-18, 4, 16, 24];
const TYPES = PALETTE.map((_, i) => i);

const typeColor: ExpressionSpecification = ['match', ['get', 't'], ...TYPES.slice(0, OTHER_INDEX).flatMap((i) => [i, PALETTE[i]!]), PALETTE[OTHER_INDEX]!] as unknown as ExpressionSpecification;

// A cluster's colour: its share of political violence (v: how many of its events are, web/src/cluster.ts).
const shareColor: ExpressionSpecification = [
  'interpolate', ['linear'], ['/', ['get', 'v'], ['get', 'point_count']], 0, SHARE_COLORS.none, 0.5, SHARE_COLORS.half, 1, SHARE_COLORS.all,
];

export interface MapHandlers {
  /** an event dot was clicked: its row in the points columns */
  onOpen(index: number): void;
  /** the view changed (after panning or zooming) */
  onMove(): void;
}

export class EventMap {
  private readonly map: MapLibre;
  private readonly ready: Promise<void>;
  private points: Points | null = null;
  /** the events shown, ready to cluster at any zoom level */
  private clusters: EventClusters | null = null;
  /** the clusters drawn: their zoom level and area */
  private level: Level | null = null;
  private reclusterQueued = false;
  /** the 1:50m base map was asked for */
  private detailed = false;
  private readonly popup = new Popup({ closeButton: false, closeOnClick: false, offset: 12, maxWidth: '280px' });

  constructor(container: HTMLElement, view: MapView | null, private readonly handlers: MapHandlers) {
    this.map = new MapLibre({
      container,
      style: { version: 8, sources: {}, layers: [{ id: 'sea', type: 'background', paint: { 'background-color': '#d7e6ee' } }] },
      ...(view === null ? { bounds: DEFAULT_BOUNDS } : { center: [view.lon, view.lat] as [number, number], zoom: view.zoom }),
      maxZoom: 14,
      attributionControl: { compact: true, customAttribution: 'Base map: Natural Earth' },
      // Report positions are to a few km at best: rotation and pitch would only disorient.
      dragRotate: false,
      pitchWithRotate: false,
      touchPitch: false,
    });
    this.map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
    this.map.touchZoomRotate.disableRotation();
    this.ready = new Promise((resolve) => this.map.once('load', () => {
      // Marks for bench/web.ts's breakdown of the time to first map.
      performance.mark('faultline:map-load');
      this.addLayers();
      resolve();
    }));
    void this.ready.then(() => this.addBaseMap('coarse'));
    this.map.on('moveend', () => this.handlers.onMove());
    // New clusters when the zoom level changes (during a zoom too, once a frame at most) or the view leaves
    // the area computed.
    for (const event of ['zoom', 'moveend', 'resize'] as const) {
      this.map.on(event, () => {
        if (this.reclusterQueued || this.clusters === null) return;
        this.reclusterQueued = true;
        requestAnimationFrame(() => {
          this.reclusterQueued = false;
          this.recluster(false);
        });
      });
    }
  }

  private addLayers(): void {
    const m = this.map;
    // Base shapes need no street-level tiles: above zoom 6 the z6 tiles are stretched, which saves the worker
    // most of its tiling; a coarser tolerance simplifies them further without a visible difference.
    m.addSource('land', { type: 'geojson', data: EMPTY, maxzoom: 6, tolerance: 0.6, buffer: 32 });
    m.addSource('events', { type: 'geojson', data: EMPTY });
    m.addSource('borders', { type: 'geojson', data: EMPTY, maxzoom: 6, tolerance: 0.6, buffer: 32 });
    m.addSource('selected', { type: 'geojson', data: EMPTY });
    m.addLayer({ id: 'land', type: 'fill', source: 'land', paint: { 'fill-color': '#f3f0e8' } });
    m.addLayer({ id: 'borders', type: 'line', source: 'borders', paint: { 'line-color': '#a59f92', 'line-width': ['interpolate', ['linear'], ['zoom'], 2, 0.4, 8, 1.2] } });
    m.addLayer({
      id: 'clusters', type: 'circle', source: 'events', filter: ['has', 'point_count'],
      paint: {
        // A halo of its own colour tells a cluster from a single event of the same size.
        'circle-color': shareColor, 'circle-opacity': 0.85,
        'circle-radius': ['interpolate', ['linear'], ['sqrt', ['get', 'point_count']], 1, 8, 10, 15, 100, 34],
        'circle-stroke-color': shareColor, 'circle-stroke-opacity': 0.35, 'circle-stroke-width': 6,
      },
    });
    m.addLayer({
      id: 'events', type: 'circle', source: 'events', filter: ['!', ['has', 'point_count']],
      paint: {
        'circle-color': typeColor, 'circle-opacity': 0.88,
        // Area grows with the death toll, so a 100-fatality event does not look 100 times a single death.
        'circle-radius': ['interpolate', ['linear'], ['get', 'f'], 0, 4, 1, 5, 10, 8, 100, 14, 1000, 24],
        'circle-stroke-color': '#ffffff', 'circle-stroke-width': 1,
      },
    });
    drawCountsOnDemand(m);
    m.addLayer({
      id: 'cluster-counts', type: 'symbol', source: 'events', filter: ['has', 'point_count'],
      // Every cluster keeps its count: clusters are already spaced apart, and a hidden count would be a guess.
      layout: { 'icon-image': COUNT_IMAGE, 'icon-allow-overlap': true, 'icon-ignore-placement': true },
    });
    m.addLayer({ id: 'selected', type: 'circle', source: 'selected', paint: { 'circle-radius': 13, 'circle-color': 'rgba(0,0,0,0)', 'circle-stroke-color': '#111111', 'circle-stroke-width': 3 } });

    for (const layer of ['events', 'clusters']) {
      m.on('mousemove', layer, (e) => this.hover(e));
      m.on('mouseleave', layer, () => {
        m.getCanvas().style.cursor = '';
        this.popup.remove();
      });
    }
    m.on('click', 'events', (e) => {
      const f = e.features?.[0];
      if (f !== undefined) this.handlers.onOpen(Number(f.properties['i']));
    });
    m.on('click', 'clusters', (e) => this.zoomInto(e.features?.[0]));
  }

  private async addBaseMap(scale: Scale): Promise<void> {
    try {
      const base = await loadBaseMap(scale);
      (this.map.getSource('land') as GeoJSONSource).setData(base.land);
      (this.map.getSource('borders') as GeoJSONSource).setData(base.borders);
    } catch (err) {
      // The events still show on the plain background: worth a warning, not a failure.
      console.warn(`Faultline: no base map (${(err as Error).message})`);
    }
  }

  private zoomInto(f: MapGeoJSONFeature | undefined): void {
    if (f === undefined || f.geometry.type !== 'Point' || this.clusters === null || this.level === null) return;
    const zoom = this.clusters.expansionZoom(this.level, Number(f.properties['cluster_id']));
    if (zoom !== null) this.map.easeTo({ center: f.geometry.coordinates as [number, number], zoom });
  }

  private hover(e: MapLayerMouseEvent): void {
    const f = e.features?.[0];
    if (f === undefined || f.geometry.type !== 'Point' || this.points === null) return;
    this.map.getCanvas().style.cursor = 'pointer';
    this.popup.setLngLat(f.geometry.coordinates as [number, number]).setDOMContent(this.summary(f.properties, this.points)).addTo(this.map);
  }

  /** What a hover tells: for a dot, the event in one glance; for a cluster, how many and of what. */
  private summary(props: Record<string, unknown>, p: Points): HTMLElement {
    if (props['cluster'] === true) {
      const n = Number(props['point_count']);
      const share = Math.round((100 * Number(props['v'])) / Math.max(1, n));
      return el('div', { class: 'popup' },
        el('strong', {}, `${fmt.format(n)} events`), ` · ${fmt.format(Number(props['f']))} fatalities`, el('br'),
        `${share}% political violence`,
        el('div', { class: 'hint' }, 'Click to zoom in'));
    }
    const i = Number(props['i']);
    const f = p.fatalities[i]!;
    return el('div', { class: 'popup' },
      el('strong', {}, p.subTypes[p.sub[i]!] ?? ''), el('br'),
      `${isoOf(p.day[i]!)} · ${p.locations[p.loc[i]!] ?? ''}`, el('br'),
      `${p.types[p.type[i]!] ?? ''} · ${fmt.format(f)} ${f === 1 ? 'fatality' : 'fatalities'}`,
      el('div', { class: 'hint' }, 'Click for the detail'));
  }

  /** Shows these events (rows of `points`); resolves once the map has drawn them. */
  async setEvents(points: Points, rows: Uint32Array): Promise<void> {
    await this.ready;
    this.points = points;
    this.popup.remove();
    this.clusters = new EventClusters(points, rows);
    this.recluster(true);
    performance.mark('faultline:events-set');
    await this.drawn();
    // The events are on the map: now the detailed borders, once.
    if (!this.detailed) {
      this.detailed = true;
      void this.addBaseMap('detailed');
    }
  }

  /** Clusters for the zoom level and the area in view, unless those drawn are (or `force`: new events). */
  private recluster(force: boolean): void {
    if (this.clusters === null) return;
    const zoom = Math.min(Math.floor(this.map.getZoom()), CLUSTER_MAX_ZOOM + 1);
    const b = this.map.getBounds();
    const [w, s, e, n] = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()];
    if (!force && this.level !== null && this.level.zoom === zoom && covers(this.level.area, w, s, e, n)) return;
    this.level = this.clusters.level(zoom, areaAround(w, s, e, n));
    (this.map.getSource('events') as GeoJSONSource).setData(this.level.data);
  }

  /** The next 'idle' (nothing left to load or draw) after the events source has its data. */
  private drawn(): Promise<void> {
    return new Promise((resolve) => {
      const check = (): void => {
        if (this.map.isSourceLoaded('events')) resolve();
        else this.map.once('idle', check);
      };
      this.map.once('idle', check);
    });
  }

  /** Rings the event at this row (or nothing), whether its dot is drawn alone or inside a cluster. */
  async select(points: Points | null, index: number | null): Promise<void> {
    await this.ready;
    const lon = index === null || points === null ? null : points.lon[index];
    const lat = index === null || points === null ? null : points.lat[index];
    const data: FeatureCollection = lon === null || lon === undefined || lat === null || lat === undefined ? EMPTY
      : { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [lon, lat] } }] };
    (this.map.getSource('selected') as GeoJSONSource).setData(data);
  }

  /** Fits the map to a box; `left`: pixels covered on the left (the key) that the box should stay clear of. */
  fitTo(b: Bounds, left = 0): void {
    // The page around the map may have just changed size: fit the map as it is now. Only then: a resize
    // reallocates the canvas, which costs a frame's drawing over again in software WebGL.
    const box = this.map.getContainer();
    const canvas = this.map.getCanvas();
    if (box.clientWidth !== canvas.clientWidth || box.clientHeight !== canvas.clientHeight) this.map.resize();
    // A single place would zoom to the street: stop at a regional scale.
    this.map.fitBounds([[b[0], b[1]], [b[2], b[3]]], { padding: { top: 40, right: 40, bottom: 40, left: Math.max(40, left + 16) }, maxZoom: 7, duration: 0 });
  }

  jumpTo(v: MapView): void {
    this.map.jumpTo({ center: [v.lon, v.lat], zoom: v.zoom });
  }

  bounds(): Bounds {
    const b = this.map.getBounds();
    return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()];
  }

  view(): MapView {
    const c = this.map.getCenter();
    return { lon: c.lng, lat: c.lat, zoom: this.map.getZoom() };
  }

  /** Admin1 outlines (web/src/outlines.ts), under the country borders and the events; resolves once drawn. */
  async showOutlines(data: FeatureCollection): Promise<void> {
    await this.ready;
    drawOutlines(this.map, data, 'borders');
    await new Promise<void>((resolve) => {
      const check = (): void => {
        if (this.map.isSourceLoaded(OUTLINE_SOURCE)) resolve();
        else this.map.once('idle', check);
      };
      this.map.once('idle', check);
    });
  }

  /** The outline layer in the style, and how many of its pieces are drawn in view (for tests). */
  outlines(): { layer: boolean; drawn: number } {
    if (this.map.getLayer(OUTLINE_LAYER) === undefined) return { layer: false, drawn: 0 };
    return { layer: true, drawn: this.map.queryRenderedFeatures({ layers: [OUTLINE_LAYER] }).length };
  }

  /** How many events the drawn dots and clusters stand for (for tests: "the map shows the events"). */
  renderedEventCount(): number {
    const seen = new Set<string>();
    let n = 0;
    for (const f of this.map.queryRenderedFeatures({ layers: ['events', 'clusters'] })) {
      const key = f.properties['cluster'] === true ? `c${String(f.properties['cluster_id'])}` : `e${String(f.properties['i'])}`;
      if (seen.has(key)) continue; // a feature near a tile edge is reported once per tile
      seen.add(key);
      n += f.properties['cluster'] === true ? Number(f.properties['point_count']) : 1;
    }
    return n;
  }

  /** The clusters drawn, and the counts written on them (for tests). */
  clusterLabels(): { clusters: number; labels: number } {
    const distinct = (layer: string): number => new Set(this.map.queryRenderedFeatures({ layers: [layer] }).map((f) => f.properties['cluster_id'])).size;
    return { clusters: distinct('clusters'), labels: distinct('cluster-counts') };
  }

  /** Where a place is drawn, in page pixels (for tests that hover and click a dot). */
  pixelOf(lon: number, lat: number): [number, number] {
    const p = this.map.project([lon, lat]);
    const box = this.map.getContainer().getBoundingClientRect();
    return [box.left + p.x, box.top + p.y];
  }
}
