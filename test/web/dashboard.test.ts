// The dashboard in a real browser (Debian's chromium through playwright-core) against a real server on a
// seeded SQLite store: the map, timeline and list show the events and change together with the filters, the
// URL gives the same view back, the detail marks the evidence in the report text, a report's <script> is shown
// as text and never runs, exports download, the keyboard works, a phone-width screen is usable, and the
// console stays free of errors. Screenshots go to the artifacts folder printed at the end (never committed).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Browser, Page } from 'playwright-core';
import { EventStore } from '../../src/store/store.ts';
import { createToken } from '../../src/store/tokens.ts';
import { COUNT_BY_COUNTRY, EVENT_COUNT, REPORTS, SCRIPT_TEXT, seed } from './fixture.ts';
import { artifactsDir, chromiumSkip, launchChromium, serve, type Served, watchPage } from './harness.ts';
import { mapVersion, redrawnAfter, views, WAIT } from './page-state.ts';

const datesOf = (country?: string): string[] => REPORTS.flatMap((r) => r.events).filter((e) => country === undefined || e.country === country).map((e) => e.event_date!);

test('the dashboard in chromium', { skip: chromiumSkip, timeout: 180_000 }, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'faultline-web-'));
  const store = await EventStore.open(join(dir, 'faultline.db'));
  await seed(store);
  const shots = artifactsDir();
  let served: Served | null = null;
  let browser: Browser | null = null;
  const errors: string[] = [];
  const dialogs: string[] = [];
  const watch = (page: Page): void => watchPage(page, errors, dialogs);
  try {
    served = await serve(store);
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
    const page = await context.newPage();
    watch(page);
    const base = served.url;

    await t.test('the map, the timeline and the list show every event', async () => {
      await page.goto(`${base}/`);
      await redrawnAfter(page, 0);
      const v = await views(page);
      assert.deepEqual({ list: v.list, map: v.map, timeline: v.timeline }, { list: EVENT_COUNT, map: EVENT_COUNT, timeline: EVENT_COUNT });
      assert.match(v.status, new RegExp(`^${EVENT_COUNT} events`));
      assert.ok(await page.evaluate(() => typeof window.__faultlineFirstMap === 'number'), 'the first-map mark is set (bench/web.ts reads it)');
      await page.screenshot({ path: join(shots, 'overview.png') });
    });

    await t.test('a filter changes the map, the timeline and the list together, and goes into the URL', async () => {
      const before = await mapVersion(page);
      await page.fill('#f-country', 'Burkina Faso');
      await page.press('#f-country', 'Enter');
      await redrawnAfter(page, before);
      const n = COUNT_BY_COUNTRY('Burkina Faso');
      const v = await views(page);
      assert.deepEqual({ list: v.list, map: v.map, timeline: v.timeline }, { list: n, map: n, timeline: n });
      assert.equal(new URL(page.url()).searchParams.get('country'), 'Burkina Faso');
      await page.screenshot({ path: join(shots, 'filtered.png') });
    });

    await t.test('the URL reproduces the filtered view on reload', async () => {
      const url = page.url();
      await page.reload();
      await redrawnAfter(page, 0);
      const n = COUNT_BY_COUNTRY('Burkina Faso');
      const v = await views(page);
      assert.deepEqual({ list: v.list, map: v.map, timeline: v.timeline }, { list: n, map: n, timeline: n });
      assert.equal(await page.inputValue('#f-country'), 'Burkina Faso');
      assert.equal(page.url(), url, 'the same view, the same URL (map position included)');
    });

    await t.test('brushing the timeline sets the date filter; the timeline keeps its context', async () => {
      let before = await mapVersion(page);
      await page.fill('#f-country', '');
      await page.press('#f-country', 'Enter');
      await redrawnAfter(page, before);
      const box = await page.locator('#timeline .overlay').boundingBox();
      assert.ok(box !== null);
      before = await mapVersion(page);
      // From the first week to about half-way: the August and early September events.
      await page.mouse.move(box.x + 2, box.y + box.height / 2);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2, { steps: 5 });
      await page.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2, { steps: 5 });
      await page.mouse.up();
      await redrawnAfter(page, before);
      const q = new URL(page.url()).searchParams;
      const from = q.get('from');
      const to = q.get('to');
      assert.ok(from !== null && to !== null, `dates in the URL: ${page.url()}`);
      const inside = datesOf().filter((d) => d >= from && d <= to).length;
      assert.ok(inside > 0 && inside < EVENT_COUNT, `some events in ${from}..${to}`);
      const v = await views(page);
      assert.deepEqual({ list: v.list, map: v.map, timeline: v.timeline }, { list: inside, map: inside, timeline: EVENT_COUNT });
      assert.equal(await page.inputValue('#f-from'), from, 'the form shows the brushed dates');
      before = await mapVersion(page);
      await page.click('text=All dates');
      await redrawnAfter(page, before);
      assert.equal((await views(page)).list, EVENT_COUNT);
    });

    await t.test('clicking an event shows its detail with the evidence marked; the report\'s <script> is text', async () => {
      await page.click('#list .event-item:has-text("Sokolo")');
      await page.waitForSelector('#detail mark.ev', WAIT);
      const marks = await page.$$eval('#detail .report mark', (ms) => ms.map((m) => [m.textContent, m.getAttribute('data-fields')]));
      assert.deepEqual(marks, [['Sokolo', 'location'], ['Saturday', 'event_date'], ['Fifteen', 'fatalities']]);
      const report = await page.textContent('#detail .report');
      assert.ok(report?.includes(SCRIPT_TEXT), 'the markup is shown as characters');
      assert.equal(await page.locator('#detail script').count(), 0, 'and never becomes an element');
      const text = await page.textContent('#detail');
      for (const part of ['Studio Tamani', 'published 2025-10-06', 'Military Forces of Mali (2021-)', 'claims fatalities = 15', 'create', 'event_id_cnty', 'fatalities_best']) {
        assert.ok(text?.includes(part), `the detail shows ${part}`);
      }
      assert.equal(await page.getAttribute('#detail a[href]', 'href'), 'https://example.org/sokolo');
      assert.match(page.url(), /[?&]event=\d+/);
      await page.screenshot({ path: join(shots, 'detail.png') });
    });

    await t.test('the keyboard: Escape closes the detail and returns to the list, Enter opens an event', async () => {
      await page.keyboard.press('Escape');
      await page.waitForSelector('#detail', { state: 'hidden', ...WAIT });
      assert.doesNotMatch(page.url(), /[?&]event=/);
      assert.match(await page.evaluate(() => document.activeElement?.textContent ?? ''), /Sokolo/, 'focus is back on the event');
      await page.focus('#list .event-item:has-text("Djibo")');
      await page.keyboard.press('Enter');
      await page.waitForSelector('#detail mark.ev', WAIT);
      assert.match(await page.textContent('#detail-title') ?? '', /Djibo/);
      await page.keyboard.press('Escape');
      await page.waitForSelector('#detail', { state: 'hidden', ...WAIT });
    });

    await t.test('hovering a dot shows its summary; clicking it opens the detail', async () => {
      const [x, y] = await page.evaluate(() => window.__faultline!.pixelOf(12.61, 13.32)); // Diffa, alone in the east
      await page.mouse.move(x, y);
      await page.waitForSelector('.maplibregl-popup', WAIT);
      assert.match(await page.textContent('.maplibregl-popup') ?? '', /Abduction\/forced disappearance.*Diffa/s);
      await page.mouse.click(x, y);
      await page.waitForSelector('#detail mark.ev', WAIT);
      assert.match(await page.textContent('#detail-title') ?? '', /Diffa/);
      await page.keyboard.press('Escape');
    });

    await t.test('the export buttons download the current view as ACLED CSV and GeoJSON', async () => {
      await page.goto(`${base}/?country=Niger`);
      await redrawnAfter(page, 0);
      const n = COUNT_BY_COUNTRY('Niger');
      const [csv] = await Promise.all([page.waitForEvent('download', WAIT), page.click('#export-csv')]);
      const csvPath = join(shots, csv.suggestedFilename());
      await csv.saveAs(csvPath);
      const rows = parse(readFileSync(csvPath, 'utf8')) as string[][];
      assert.equal(rows[0]?.[0], 'event_id_cnty');
      assert.equal(rows.length, n + 1);
      assert.ok(rows.slice(1).every((r) => r.includes('Niger')));
      const [geo] = await Promise.all([page.waitForEvent('download', WAIT), page.click('#export-geojson')]);
      const geoPath = join(shots, geo.suggestedFilename());
      await geo.saveAs(geoPath);
      const fc = JSON.parse(readFileSync(geoPath, 'utf8')) as { type: string; features: { properties: { country: string } }[] };
      assert.equal(fc.type, 'FeatureCollection');
      assert.deepEqual(fc.features.map((f) => f.properties.country), new Array(n).fill('Niger'));
    });

    await t.test('at phone width the page fits the screen and the detail covers it', async () => {
      const phone = await browser!.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
      watch(phone);
      await phone.goto(`${base}/?country=Mali`);
      await redrawnAfter(phone, 0);
      assert.equal((await views(phone)).list, COUNT_BY_COUNTRY('Mali'));
      assert.ok(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), 'no sideways scrolling');
      await phone.screenshot({ path: join(shots, 'phone.png') });
      await phone.click('#list .event-item:has-text("Sokolo")');
      await phone.waitForSelector('#detail mark.ev', WAIT);
      const box = await phone.locator('#detail').boundingBox();
      assert.ok(box !== null && box.width >= 389 && box.x <= 1, `the detail covers the screen: ${JSON.stringify(box)}`);
      await phone.screenshot({ path: join(shots, 'phone-detail.png') });
      await phone.close();
    });

    await t.test('a server that needs a token for reads asks for one, then shows the events', async () => {
      const guarded = await serve(store, { readAuth: 'token' });
      try {
        const viewer = (await createToken(store.db, 'vera', 'viewer')).token;
        const p = await browser!.newPage({ viewport: { width: 1280, height: 800 } });
        const pageErrors: string[] = [];
        p.on('pageerror', (e) => pageErrors.push(e.message));
        await p.goto(`${guarded.url}/`);
        await p.waitForSelector('#token-dialog[open]', WAIT);
        await p.fill('#token-input', viewer);
        await p.click('#token-form button[type="submit"]');
        await redrawnAfter(p, 0);
        assert.equal((await views(p)).list, EVENT_COUNT);
        assert.deepEqual(pageErrors, []);
        await p.close();
      } finally {
        await guarded.close();
      }
    });

    await t.test('no console errors, and the report\'s script never ran', () => {
      assert.deepEqual(errors, []);
      assert.deepEqual(dialogs, [], 'no alert() ever opened');
    });
    t.diagnostic(`screenshots and downloads: ${shots}`);
    console.log(`dashboard screenshots and downloads: ${shots}`);
  } finally {
    await browser?.close();
    await served?.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
