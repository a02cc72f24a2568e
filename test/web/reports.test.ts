// The dashboard on real reports: the seed article and the dev set (../shared, English and French), read and
// coded by the extractor and stored as `faultline ingest` does it, then served. Every figure the page shows is
// checked against the server's own answers (GET /stats, the store), never against numbers written here: the map,
// the timeline and the list show every event and change together with a filter, the URL gives the view back,
// an event's detail marks the words the extractor took each field from, an analyst's correction lands in the
// history and a viewer's is refused, and the export holds the events of the view. Skipped, with the reason,
// where ../shared or chromium is absent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import type { Browser, Page } from 'playwright-core';
import { createExtractor } from '../../src/coder/extract.ts';
import { readSources } from '../../src/ingest/sources.ts';
import { DEFAULT_MAX_BYTES, todayIso } from '../../src/ingest/validate.ts';
import { ingestAll } from '../../src/jobs/ingest.ts';
import { EventStore } from '../../src/store/store.ts';
import { createToken } from '../../src/store/tokens.ts';
import { artifactsDir, chromiumSkip, launchChromium, serve, type Served, watchPage } from './harness.ts';
import { mapVersion, redrawnAfter, signIn, views, WAIT } from './page-state.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SEED = resolve(ROOT, '../shared/seed/docs.jsonl');
const DEV = resolve(ROOT, '../shared/eval/dev/docs.jsonl');
const sharedSkip: string | false = existsSync(SEED) && existsSync(DEV)
  ? false
  : `the seed and the dev set are not at ${SEED} and ${DEV} (../shared beside the project): the dashboard test on real reports is skipped`;

interface Stats { total: { events: number; fatalities: number } }
interface Evidence { field: string; start: number; end: number; text: string }
interface Detail {
  event: { id: number; fatalities: number; version: number; locked_fields: string[] };
  sources: { reading: { evidence: Evidence[] }; document: { external_id: string } | null }[];
}

/** The numbers of the status line ("1,234 events · 56 fatalities …"). */
function statusFigures(status: string): { events: number; fatalities: number } {
  const m = /^([\d,]+) events · ([\d,]+) fatalities/.exec(status);
  assert.ok(m !== null, `a status line with counts: "${status}"`);
  return { events: Number(m[1]!.replace(/,/g, '')), fatalities: Number(m[2]!.replace(/,/g, '')) };
}

test('the dashboard on the seed and the dev set', { skip: chromiumSkip || sharedSkip, timeout: 300_000 }, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'faultline-web-reports-'));
  const store = await EventStore.open(join(dir, 'faultline.db'));
  const shots = artifactsDir();
  let served: Served | null = null;
  let browser: Browser | null = null;
  const errors: string[] = [];
  const dialogs: string[] = [];
  try {
    const extractor = await createExtractor({ countries: ['ML', 'BF', 'NE'], home: dir });
    const ingested = await ingestAll(store, extractor, readSources([SEED, DEV], { maxBytes: DEFAULT_MAX_BYTES, today: todayIso() }));
    assert.equal(ingested.failed, 0, 'every report of the seed and the dev set is read and coded');
    const analyst = (await createToken(store.db, 'ana', 'analyst')).token;
    const viewer = (await createToken(store.db, 'vera', 'viewer')).token;
    served = await serve(store);
    const base = served.url;
    const stats = async (query = ''): Promise<Stats> => (await (await fetch(`${base}/stats?${query}`)).json()) as Stats;
    const detailOf = async (id: number): Promise<Detail> => (await (await fetch(`${base}/events/${id}`)).json()) as Detail;
    /** Events on the map under a filter: the visible ones with coordinates, counted in the store. */
    const placed = async (country?: string): Promise<number> => {
      let q = store.db.selectFrom('events').select((eb) => eb.fn.countAll<number>().as('n'))
        .where('status', 'not in', ['merged', 'rejected']).where('latitude', 'is not', null).where('longitude', 'is not', null);
      if (country !== undefined) q = q.where('country', '=', country);
      return Number((await q.executeTakeFirstOrThrow()).n);
    };
    /** The first event told by a report whose id starts so (the seed, a French report of the dev set). */
    const eventOf = async (externalIdPrefix: string): Promise<number> => (await store.db.selectFrom('event_sources as s')
      .innerJoin('documents as d', 'd.id', 's.document_id').innerJoin('events as e', 'e.id', 's.event_id')
      .select('e.id').where('d.external_id', 'like', `${externalIdPrefix}%`).where('e.status', '!=', 'merged').where('e.latitude', 'is not', null)
      .orderBy('e.id').executeTakeFirstOrThrow()).id;

    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
    const page = await context.newPage();
    watchPage(page, errors, dialogs);

    await t.test('the map, the timeline, the list and the status show every stored event', async () => {
      const all = await stats();
      assert.ok(all.total.events > 100, `the seed and the dev set make events (${all.total.events})`);
      await page.goto(`${base}/`);
      await redrawnAfter(page, 0);
      const v = await views(page);
      assert.deepEqual(statusFigures(v.status), all.total);
      assert.equal(v.timeline, all.total.events);
      assert.equal(v.map, await placed());
      assert.equal(v.list, Math.min(200, all.total.events), 'the list holds the newest 200 at most');
      assert.match(await page.textContent('#list-note') ?? '', new RegExp(`^${all.total.events} events in view`));
      // So many events cluster at this scale; each cluster has its count written on it.
      const { clusters, labels } = await page.evaluate(() => window.__faultline!.clusterLabels());
      assert.ok(clusters > 0, 'clusters are drawn');
      assert.equal(labels, clusters);
      await page.screenshot({ path: join(shots, 'reports-overview.png') });
    });

    const country = (await store.db.selectFrom('events').select(['country', (eb) => eb.fn.countAll<number>().as('n')])
      .where('status', '!=', 'merged').where('country', '!=', '').groupBy('country').orderBy('n', 'desc').executeTakeFirstOrThrow()).country;

    await t.test('a country filter changes the map, the timeline, the list and the status together', async () => {
      const before = await mapVersion(page);
      await page.fill('#f-country', country);
      await page.press('#f-country', 'Enter');
      await redrawnAfter(page, before);
      const some = await stats(new URLSearchParams({ country }).toString());
      assert.ok(some.total.events > 0 && some.total.events < (await stats()).total.events, `${country} holds some of the events`);
      const v = await views(page);
      assert.deepEqual(statusFigures(v.status), some.total);
      assert.deepEqual({ map: v.map, timeline: v.timeline }, { map: await placed(country), timeline: some.total.events });
      assert.equal(v.list, Math.min(200, some.total.events));
      assert.equal(new URL(page.url()).searchParams.get('country'), country);
    });

    await t.test('the URL gives the filtered view back in a new page', async () => {
      const again = await context.newPage();
      watchPage(again, errors, dialogs);
      await again.goto(page.url());
      await redrawnAfter(again, 0);
      assert.deepEqual(await views(again), await views(page));
      assert.equal(await again.inputValue('#f-country'), country);
      await again.close();
    });

    await t.test('the export downloads the events of the view', async () => {
      const [csv] = await Promise.all([page.waitForEvent('download', WAIT), page.click('#export-csv')]);
      const path = join(shots, `reports-${csv.suggestedFilename()}`);
      await csv.saveAs(path);
      const rows = parse(readFileSync(path, 'utf8'), { columns: true }) as Record<string, string>[];
      assert.equal(rows.length, (await stats(new URLSearchParams({ country }).toString())).total.events);
      assert.ok(rows.every((r) => r['country'] === country));
    });

    // An event's detail: every evidence span of the report is marked, with its field, on the words it names.
    const evidenceMarked = async (id: number, externalIdPrefix: string): Promise<string> => {
      await page.waitForSelector(`#detail[data-event="${id}"] .report`, WAIT);
      const detail = await detailOf(id);
      // The report among the event's sources (another outlet's may have been merged in before it).
      const k = detail.sources.findIndex((s) => s.document?.external_id.startsWith(externalIdPrefix) === true);
      assert.ok(k >= 0, `event ${id} is told by ${externalIdPrefix}`);
      const spans = detail.sources[k]!.reading.evidence;
      assert.ok(spans.length > 0, `event ${id} has evidence`);
      const source = page.locator('#detail .source').nth(k);
      const marks = await source.locator('.report mark').evaluateAll((ms) =>
        ms.map((m) => ({ text: m.textContent ?? '', fields: (m.getAttribute('data-fields') ?? '').split(' ') })));
      for (const field of new Set(spans.map((s) => s.field))) {
        const marked = marks.filter((m) => m.fields.includes(field)).map((m) => m.text).join('');
        for (const s of spans.filter((x) => x.field === field)) assert.ok(marked.includes(s.text), `event ${id}: ${field} "${s.text}" is marked (marked: "${marked}")`);
      }
      assert.equal(await source.locator('.hint:has-text("Not found in the text")').count(), 0, 'every span is where its offsets say');
      return await source.locator('.report').textContent() ?? '';
    };

    await t.test('clicking the seed article\'s event shows its report with the evidence of each field marked', async () => {
      const id = await eventOf('seed');
      await page.goto(`${base}/`);
      await redrawnAfter(page, 0);
      await page.click(`#list .event-item[data-id="${id}"]`);
      await evidenceMarked(id, 'seed');
      await page.screenshot({ path: join(shots, 'reports-detail.png') });
    });

    await t.test('so does an event of a French report, opened from its URL', async () => {
      const id = await eventOf('dev-fr-');
      await page.goto(`${base}/?event=${id}`);
      const report = await evidenceMarked(id, 'dev-fr-');
      assert.match(report, /\b(le|la|les|des|dans)\b/, 'the report shown is the French text');
    });

    await t.test('a viewer cannot correct an event; an analyst can, and sees it in the history', async () => {
      const id = await eventOf('seed');
      const before = await detailOf(id);
      await page.goto(`${base}/?event=${id}`);
      await page.waitForSelector(`#detail[data-event="${id}"] .review-actions`, WAIT);
      await signIn(page, viewer, 'viewer');
      assert.equal(await page.locator('#detail button.action').count(), 0, 'no actions for a viewer');
      const refused = await page.request.patch(`${base}/events/${id}`, { headers: { authorization: `Bearer ${viewer}` }, data: { changes: { fatalities: 1 }, reason: 'mine', version: before.event.version } });
      assert.equal(refused.status(), 403);
      errors.splice(0); // the refused write is logged by the browser on purpose
      await page.click('#sign-out');
      await page.waitForSelector('body[data-role="none"]', WAIT);

      await signIn(page, analyst, 'analyst');
      await page.click('#detail button.action-edit');
      const corrected = before.event.fatalities + 1;
      await page.fill('#edit-fatalities', String(corrected));
      await page.fill('#action-reason', 'a later count');
      await page.click('#detail .action-form button[type="submit"]');
      await page.waitForSelector(`#detail[data-event="${id}"][data-version="${before.event.version + 1}"], #detail .action-form .error:not(:empty)`, WAIT);
      const refusedHere = await page.locator('#detail .action-form .error:not(:empty)').allTextContents();
      assert.deepEqual(refusedHere, [], 'the form took the correction');
      const line = await page.$$eval('#detail .history li', (lis) => lis.at(-1)?.textContent ?? '');
      assert.match(line, /update by ana/);
      assert.ok(line.includes(`"fatalities":[${before.event.fatalities},${corrected}]`), line);
      const after = await detailOf(id);
      assert.deepEqual([after.event.fatalities, after.event.locked_fields.includes('fatalities')], [corrected, true]);
    });

    await t.test('no console errors and no dialogs', () => {
      assert.deepEqual(errors, []);
      assert.deepEqual(dialogs, []);
    });
    t.diagnostic(`screenshots and downloads: ${shots}`);
  } finally {
    await browser?.close();
    await served?.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
