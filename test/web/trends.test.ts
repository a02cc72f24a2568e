// The trends panel and the admin1 outlines in chromium, on the dashboard's fixture plus a surge of events in
// Segou in the last week: the panel shows each admin1 with the figures GET /trends gives (the flagged one
// first, with its reason and new actors), picking an admin1 with the keyboard filters the map and the list
// to it, the panel fits a phone's width, and the outlines from `--boundaries` are a layer of the map, drawn.
// Screenshots go to the artifacts folder.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FeatureCollection } from 'geojson';
import type { Browser, Page } from 'playwright-core';
import { loadAdmin1Boundaries } from '../../src/server/boundaries.ts';
import { EventStore } from '../../src/store/store.ts';
import type { Admin1Trend, Trends } from '../../src/store/trends.ts';
import { sampleEvent } from '../export/fixture.ts';
import { REPORTS, seed } from './fixture.ts';
import { artifactsDir, chromiumSkip, launchChromium, serve, type Served, watchPage } from './harness.ts';
import { mapVersion, redrawnAfter, WAIT } from './page-state.ts';


/** Four more events in Segou in the fixture's last week, one with an actor never seen there. */
const SURGE = ['2025-10-06', '2025-10-07', '2025-10-08', '2025-10-09'].map((date, i) => sampleEvent({
  event_id_cnty: `SURGE${i + 1}`, doc_id: `surge-${i + 1}`, event_date: date, country: 'Mali', iso: 466, admin1: 'Segou', admin2: 'Segou', admin3: '',
  location: `Segou village ${i + 1}`, latitude: 13.2 + i * 0.1, longitude: -6.5 + i * 0.1, fatalities: 3, geonameid: null, claims: [], evidence: [], flags: [],
  actor2: i === 0 ? 'Dozo Communal Militia (Mali)' : 'Unidentified Armed Group (Mali)',
}));

/** Rough boxes around the fixture's admin1s: enough to see outlines drawn, not real borders. */
function boxes(): FeatureCollection {
  const box = (admin1: string, country: string, w: number, s: number, e: number, n: number) => ({
    type: 'Feature' as const, properties: { name: admin1, admin: country },
    geometry: { type: 'Polygon' as const, coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] },
  });
  return { type: 'FeatureCollection', features: [
    box('Segou', 'Mali', -7.5, 12.5, -4.5, 15.5), box('Gao', 'Mali', -2, 15, 2, 18), box('Sahel', 'Burkina Faso', -2.5, 13.5, 0.5, 15),
    box('Tillaberi', 'Niger', 0.5, 12.5, 4, 16), box('Diffa', 'Niger', 10.5, 13, 14, 16),
  ] };
}

/** What a row of the panel shows, cell by cell. */
async function rowCells(page: Page, admin1: string): Promise<Record<string, string>> {
  return page.$eval(`#trends tr[data-admin1="${admin1}"]`, (tr) => {
    const out: Record<string, string> = {};
    for (const c of ['ev-week', 'ev-avg4', 'ev-avg52', 'fa-week', 'fa-avg4', 'fa-avg52', 'flag', 'actors']) out[c] = tr.querySelector(`.${c}`)?.textContent ?? '';
    out['class'] = tr.className;
    return out;
  });
}

const avg = (x: number | null): string => (x === null ? '–' : x.toFixed(1));

test('the trends panel and the admin1 outlines in chromium', { skip: chromiumSkip, timeout: 180_000 }, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'faultline-trends-'));
  const store = await EventStore.open(join(dir, 'faultline.db'));
  await seed(store);
  for (const e of SURGE) await store.importAcledEvent(e, { now: '2025-10-14T08:00:00.000Z' });
  const boundariesFile = join(dir, 'admin1.geojson');
  writeFileSync(boundariesFile, JSON.stringify(boxes()));
  const shots = artifactsDir();
  let served: Served | null = null;
  let browser: Browser | null = null;
  const errors: string[] = [];
  const watch = (page: Page): void => watchPage(page, errors);
  try {
    served = await serve(store, { admin1Boundaries: loadAdmin1Boundaries(boundariesFile) });
    const api = (await served.app.inject({ method: 'GET', url: '/trends?limit=100' })).json() as Trends;
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    watch(page);
    await page.goto(`${served.url}/`);
    await redrawnAfter(page, 0);

    await t.test('the admin1 outlines are a layer of the map, loaded and drawn under the events', async () => {
      await page.waitForFunction(() => document.body.dataset['outlines'] !== undefined, undefined, WAIT);
      assert.equal(await page.evaluate(() => document.body.dataset['outlines']), String(boxes().features.length));
      const o = await page.evaluate(() => window.__faultline!.outlines());
      assert.equal(o.layer, true);
      assert.ok(o.drawn > 0, `outline pieces drawn in view: ${o.drawn}`);
    });

    await t.test('the panel shows each admin1 with the figures of GET /trends, the flagged one first', async () => {
      assert.equal(await page.locator('#trends tbody tr').count(), 0, 'nothing is asked for while the panel is folded');
      await page.click('#trends-box summary');
      await page.waitForSelector('#trends tbody tr', WAIT);
      const shown = await page.$$eval('#trends tbody tr', (trs) => trs.map((tr) => tr.getAttribute('data-admin1')));
      assert.deepEqual(shown, api.admin1s.map((a) => a.admin1), 'the same admin1s in the same order');
      const segou: Admin1Trend = api.admin1s.find((a) => a.admin1 === 'Segou')!;
      assert.ok(segou.flag !== null, 'the surge is flagged by the API');
      assert.equal(shown[0], 'Segou', 'flagged first');
      const cells = await rowCells(page, 'Segou');
      assert.deepEqual(
        [cells['ev-week'], cells['ev-avg4'], cells['ev-avg52'], cells['fa-week'], cells['fa-avg4'], cells['fa-avg52']],
        [String(segou.events.this_week), avg(segou.events.avg_4w), avg(segou.events.avg_52w), String(segou.fatalities.this_week), avg(segou.fatalities.avg_4w), avg(segou.fatalities.avg_52w)],
      );
      assert.equal(segou.events.this_week, SURGE.length, 'this week: the four surge events');
      assert.match(cells['class']!, /flagged/);
      assert.ok(cells['flag']!.includes(segou.flag.reason), `the reason is shown: ${cells['flag']}`);
      assert.match(cells['actors']!, /Dozo Communal Militia \(Mali\)/);
      assert.match(await page.textContent('#trends-summary') ?? '', new RegExp(`${api.flagged} flagged`));
      const diffa = await rowCells(page, 'Diffa');
      assert.equal(diffa['flag'], '', 'one event in a quiet place is no alarm');
      await page.locator('#trends-box').scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(shots, 'trends.png'), fullPage: true });
    });

    await t.test('choosing an admin1 with the keyboard filters the map, the list and the URL to it', async () => {
      const segouEvents = REPORTS.flatMap((r) => r.events).filter((e) => e.admin1 === 'Segou').length + SURGE.length;
      const before = await mapVersion(page);
      await page.focus('#trends tr[data-admin1="Segou"] .pick');
      await page.keyboard.press('Enter');
      await redrawnAfter(page, before);
      const q = new URL(page.url()).searchParams;
      assert.deepEqual([q.get('country'), q.get('admin1')], ['Mali', 'Segou']);
      assert.equal(await page.inputValue('#f-admin1'), 'Segou', 'the filter form shows it');
      assert.equal(await page.locator('#list .event-item').count(), segouEvents);
      assert.equal(await page.evaluate(() => window.__faultline!.renderedEventCount()), segouEvents);
      await page.waitForFunction(() => [...document.querySelectorAll('#trends tbody tr')].map((tr) => tr.getAttribute('data-admin1')).join() === 'Segou', undefined, WAIT);
      await page.screenshot({ path: join(shots, 'trends-picked.png') });
    });

    await t.test('at phone width the panel scrolls inside itself, never the page sideways', async () => {
      const phone = await browser!.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
      watch(phone);
      await phone.goto(`${served!.url}/`);
      await redrawnAfter(phone, 0);
      await phone.click('#trends-box summary');
      await phone.waitForSelector('#trends tbody tr', WAIT);
      assert.ok(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), 'no sideways scrolling');
      const box = await phone.locator('#trends .trends-scroll').boundingBox();
      assert.ok(box !== null && box.x >= 0 && box.x + box.width <= 391, `the table's frame fits: ${JSON.stringify(box)}`);
      await phone.locator('#trends-box').scrollIntoViewIfNeeded();
      await phone.screenshot({ path: join(shots, 'trends-phone.png') });
      await phone.close();
    });

    await t.test('no console errors', () => {
      assert.deepEqual(errors, []);
    });
    t.diagnostic(`screenshots: ${shots}`);
  } finally {
    await browser?.close();
    await served?.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
