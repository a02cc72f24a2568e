// Export of the current view (the filters, dates included) through GET /events?format=..., a page of 1,000
// at a time along next_cursor, joined into one file the browser downloads. The API's own formats, so the
// file is the same as `faultline export` would write for these filters.
import { getPage } from './api.ts';
import { apiQuery, type Filters } from './state.ts';

export type ExportFormat = 'acled-csv' | 'geojson';
const PAGE = 1000;

export async function exportView(format: ExportFormat, filters: Filters, progress: (pages: number) => void): Promise<string> {
  const parts: string[] = [];
  const features: unknown[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const q = apiQuery(filters);
    q.set('format', format);
    q.set('limit', String(PAGE));
    if (cursor !== null) q.set('cursor', cursor);
    const page = await getPage('events', q);
    if (format === 'geojson') {
      const fc = JSON.parse(page.text) as { features: unknown[] };
      for (const f of fc.features) features.push(f);
    } else {
      // Every page starts with the header line (column names, no line breaks in them): keep the first only.
      const body = pages === 0 ? page.text : page.text.slice(page.text.indexOf('\n') + 1);
      parts.push(body);
    }
    cursor = page.next;
    progress(++pages);
  } while (cursor !== null);
  const stamp = new Date().toISOString().slice(0, 10);
  const blob = format === 'geojson'
    ? new Blob([JSON.stringify({ type: 'FeatureCollection', features })], { type: 'application/geo+json' })
    : new Blob(parts, { type: 'text/csv;charset=utf-8' });
  const filename = `faultline-events-${stamp}.${format === 'geojson' ? 'geojson' : 'csv'}`;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  // The download has started from the object URL; free it once the browser has had it.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return filename;
}
