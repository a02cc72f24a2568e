// The analysts' review in a real browser (Debian's chromium through playwright-core) against a real server on
// a seeded SQLite store: without a token or with a viewer's there is nothing to do (and the API refuses a
// viewer's write); an analyst signed in corrects a field and sees it in the history, the map and the list;
// the review queue lists the events waiting, the least certain first, and opens one; confirm, split, merge and
// reject go through the API into the history; a stale version is refused and shown again; the keyboard
// and a phone-width screen work; the console stays free of errors. Screenshots go to the artifacts folder.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { setStatus } from '../../src/store/corrections.ts';
import { EventStore } from '../../src/store/store.ts';
import { createToken } from '../../src/store/tokens.ts';
import { sampleEvent } from '../export/fixture.ts';
import { EVENT_COUNT, REPORTS, seed } from './fixture.ts';
import { artifactsDir, chromiumSkip, launchChromium, serve, type Served, watchPage } from './harness.ts';
import { mapVersion, redrawnAfter, signIn, WAIT } from './page-state.ts';

/** The coder's confidence for each seeded event (by place and sub-event type), so the queue has an order to show. */
const CONFIDENCE: [string, string, number][] = [
  ['Diffa', 'Abduction/forced disappearance', 0.31],
  ['Gao', 'Remote explosive/landmine/IED', 0.42],
  ['Tillaberi', 'Armed clash', 0.55],
  ['Djibo', 'Attack', 0.6],
  ['Ouagadougou', 'Peaceful protest', 0.7],
  ['Kaya', 'Arrests', 0.75],
  ['Sokolo', 'Air/drone strike', 0.8],
  ['Gao', 'Violent demonstration', 0.9],
];

async function idOf(store: EventStore, location: string, sub: string): Promise<number> {
  const row = await store.db.selectFrom('events').select('id').where('location', '=', location).where('sub_event_type', '=', sub)
    .where('status', '!=', 'merged').orderBy('id').executeTakeFirstOrThrow();
  return row.id;
}

async function openFromList(page: Page, text: string): Promise<number> {
  await page.click(`#list .event-item:has-text("${text}")`);
  await page.waitForSelector('#detail[data-event] .review-actions', WAIT);
  return Number(await page.getAttribute('#detail', 'data-event'));
}

/** The detail once it shows this event at this version (after an action, the server's answer). */
async function detailAt(page: Page, id: number, version: number): Promise<void> {
  await page.waitForSelector(`#detail[data-event="${id}"][data-version="${version}"]`, WAIT);
}

async function lastHistory(page: Page): Promise<string> {
  return page.$$eval('#detail .history li', (lis) => lis.at(-1)?.textContent ?? '');
}

async function queue(page: Page): Promise<{ id: number; confidence: number; text: string }[]> {
  return page.$$eval('#review-list .review-item', (items) => items.map((b) => ({
    id: Number(b.getAttribute('data-id')), confidence: Number(b.getAttribute('data-confidence')), text: b.textContent ?? '',
  })));
}

test('the analysts\' review in chromium', { skip: chromiumSkip, timeout: 240_000 }, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'faultline-review-'));
  const store = await EventStore.open(join(dir, 'faultline.db'));
  await seed(store);
  // A second outlet's report of the Djibo attack, with another toll: one event, two sources, to split.
  const djibo = REPORTS[1]!.events[0]!;
  await store.ingestDocument({ id: 'djibo-2.txt', source: 'Radio Omega', published: '2025-09-16', lang: 'en', text: 'Gunmen killed six villagers near Djibo, a local source said.' },
    [sampleEvent({ ...djibo, doc_id: 'djibo-2.txt', event_id_cnty: 'djibo-2.txt-1', source: 'Radio Omega', year: 2025, geonameid: null, fatalities: 6, evidence: [], claims: [], flags: [] })],
    { now: '2025-10-14T09:00:00.000Z' });
  for (const [location, sub, confidence] of CONFIDENCE) {
    await store.db.updateTable('events').set({ confidence }).where('id', '=', await idOf(store, location, sub)).execute();
  }
  await setStatus(store, await idOf(store, 'Kaya', 'Arrests'), 'confirmed', { actor: 'earlier', reason: 'checked before' });
  const analyst = (await createToken(store.db, 'ana', 'analyst')).token;
  const viewer = (await createToken(store.db, 'vera', 'viewer')).token;

  const shots = artifactsDir();
  let served: Served | null = null;
  let browser: Browser | null = null;
  const errors: string[] = [];
  const dialogs: string[] = [];
  /** console errors a step causes on purpose (a refused write logs its status), taken out of `errors` by that step */
  const watch = (page: Page): void => watchPage(page, errors, dialogs);
  try {
    served = await serve(store);
    const base = served.url;
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    watch(page);
    await page.goto(`${base}/`);
    await redrawnAfter(page, 0);
    const sokolo = await idOf(store, 'Sokolo', 'Air/drone strike');

    await t.test('without a token the detail offers no action, only the way to sign in', async () => {
      assert.equal(await openFromList(page, 'Sokolo'), sokolo);
      assert.equal(await page.locator('#detail button.action').count(), 0);
      assert.match(await page.textContent('#detail .review-actions') ?? '', /Analysts confirm, correct, merge, split or reject/);
      assert.equal(await page.isVisible('#sign-in'), true);
    });

    await t.test('a viewer sees no actions, and the API refuses a viewer\'s correction', async () => {
      await signIn(page, viewer, 'viewer');
      assert.equal(await page.textContent('#who'), 'vera (viewer)');
      await page.waitForSelector('#detail .review-locked:has-text("need an analyst token")', WAIT);
      assert.equal(await page.locator('#detail button.action').count(), 0);
      // The buttons are only hidden: the server is what refuses. A write with the viewer's token, as a script would send it.
      const refused = await page.request.patch(`${base}/events/${sokolo}`, { headers: { authorization: `Bearer ${viewer}` }, data: { changes: { fatalities: 1 }, reason: 'mine', version: 1 } });
      assert.equal(refused.status(), 403);
      assert.match(((await refused.json()) as { message: string }).message, /analyst role/);
      const detail = (await store.getEvent(sokolo))!;
      assert.deepEqual([detail.event.fatalities, detail.event.version, detail.history.map((h) => h.action)], [15, 1, ['create']], 'nothing changed');
      await page.click('#sign-out');
      await page.waitForSelector('body[data-role="none"]', WAIT);
    });

    await t.test('an analyst corrects a field and sees it in the history, the fields, the list and the map', async () => {
      await signIn(page, analyst, 'analyst');
      await page.waitForSelector('#detail button.action-edit', WAIT);
      assert.deepEqual(await page.$$eval('#detail button.action', (bs) => bs.map((b) => b.textContent)), ['Confirm', 'Edit', 'Merge…', 'Split…', 'Reject…']);
      await page.click('#detail button.action-edit');
      assert.equal(await page.getAttribute('#detail button.action-edit', 'aria-expanded'), 'true');
      assert.equal(await page.inputValue('#edit-fatalities'), '15');
      assert.equal(await page.inputValue('#edit-event_type'), 'Explosions/Remote violence');
      // The sub-type offers only the chosen type's sub-types.
      const subs = await page.$$eval('#edit-sub_event_type option', (os) => os.map((o) => o.getAttribute('value')));
      assert.deepEqual(subs, ['', 'Chemical weapon', 'Air/drone strike', 'Suicide bomb', 'Shelling/artillery/missile attack', 'Remote explosive/landmine/IED', 'Grenade']);
      // Actor types are chosen from the codebook's, with the event's own value kept selected.
      const inters = await page.$$eval('#edit-inter1 option', (os) => os.map((o) => o.getAttribute('value')));
      assert.deepEqual(inters.slice(0, 9), ['', 'State forces', 'Rebel group', 'Political militia', 'Identity militia', 'Rioters', 'Protesters', 'Civilians', 'External/Other forces']);
      assert.equal(await page.inputValue('#edit-inter1'), (await store.getEvent(sokolo))!.event.inter1);
      const before = await mapVersion(page);
      await page.fill('#edit-fatalities', 'fourteen');
      await page.fill('#action-reason', 'hospital count');
      await page.click('#detail .action-form button[type="submit"]');
      await page.waitForSelector('#detail .action-form .error:has-text("Fatalities: a whole number")', WAIT);
      await page.fill('#edit-fatalities', '14');
      await page.click('#detail .action-form button[type="submit"]');
      await detailAt(page, sokolo, 2);
      assert.match(await page.textContent('#detail .notice') ?? '', /Corrected \(version 2\)/);
      assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('notice')), true, 'the notice has the focus');
      const line = await lastHistory(page);
      assert.match(line, /update by ana/);
      assert.match(line, /hospital count/);
      assert.match(line, /"fatalities":\[15,14\]/, 'only the field changed is in the history');
      assert.match(await page.textContent('#detail .fields') ?? '', /locked_fields\s*fatalities/);
      assert.match(await page.textContent('#detail-title + .sub') ?? '', /corrected/);
      await redrawnAfter(page, before);
      assert.equal(await page.textContent('#list .event-item:has-text("Sokolo") .toll'), '14 †', 'the list shows the corrected toll');
      await page.screenshot({ path: join(shots, 'review-corrected.png') });
    });

    await t.test('the review queue lists the events waiting, the least certain first, and opens one', async () => {
      await page.keyboard.press('Escape');
      await page.waitForSelector('#detail', { state: 'hidden', ...WAIT });
      await page.click('#review-open');
      await page.waitForSelector('#review-list .review-item', WAIT);
      const items = await queue(page);
      // Sokolo was corrected and Kaya confirmed: reviewed, so not waiting.
      const waiting = CONFIDENCE.filter(([place]) => place !== 'Sokolo' && place !== 'Kaya');
      assert.deepEqual(items.map((i) => i.confidence), waiting.map(([, , c]) => c));
      assert.deepEqual(items.map((i) => i.text.match(/(Diffa|Gao|Tillaberi|Djibo|Ouagadougou)/)?.[0]), waiting.map(([place]) => place));
      assert.match(await page.textContent('#review-note') ?? '', new RegExp(`^${waiting.length} events wait for review`));
      assert.equal(await page.getAttribute('#review-open', 'aria-expanded'), 'true');
      await page.screenshot({ path: join(shots, 'review-queue.png') });
      await page.click('#review-list .review-item >> nth=0');
      await page.waitForSelector(`#detail[data-event="${items[0]!.id}"] .review-actions`, WAIT);
      assert.match(await page.textContent('#detail-title') ?? '', /Diffa/);
      await page.click('#detail button.action-edit');
      await page.screenshot({ path: join(shots, 'review-detail.png') });
      await page.click('#detail button.action-edit');
      assert.equal(await page.locator('#detail .action-form').count(), 0, 'the same button folds its form');
    });

    await t.test('confirming takes the event out of the queue; the history says who and why', async () => {
      const id = Number(await page.getAttribute('#detail', 'data-event'));
      await page.click('#detail button.action-confirm');
      assert.equal(await page.inputValue('#action-reason'), 'Checked against the sources.');
      await page.click('#detail .action-form button[type="submit"]');
      await detailAt(page, id, 2);
      assert.match(await lastHistory(page), /confirm by ana.*Checked against the sources/s);
      await page.waitForFunction((x) => document.querySelector(`#review-list .review-item[data-id="${x}"]`) === null && document.querySelectorAll('#review-list .review-item').length > 0, id, WAIT);
      await page.keyboard.press('Escape');
    });

    await t.test('splitting an event: the chosen source becomes a new event, both histories say so', async () => {
      const id = await idOf(store, 'Djibo', 'Attack');
      await page.click(`#review-list .review-item[data-id="${id}"]`);
      await page.waitForSelector(`#detail[data-event="${id}"] .review-actions`, WAIT);
      await page.click('#detail button.action-split');
      const labels = await page.$$eval('#detail .split-sources label', (ls) => ls.map((l) => l.textContent ?? ''));
      assert.equal(labels.length, 2);
      assert.match(labels[1]!, /^Radio Omega .*6 fatalities/);
      await page.fill('#action-reason', 'another attack, two days later');
      await page.check('#detail .split-sources .check:has-text("Radio Omega") input');
      await page.click('#detail .action-form button[type="submit"]');
      await detailAt(page, id, 3);
      assert.match(await page.textContent('#detail .notice') ?? '', /Split \(version 3\): the sources chosen are now event BFAFL\d+/);
      assert.match(await lastHistory(page), /split by ana.*another attack, two days later/s);
      assert.equal(await page.locator('#detail article.source').count(), 1);
      await page.click('#detail .notice button[data-new-event]');
      await page.waitForSelector(`#detail[data-version="1"]:not([data-event="${id}"]) .history`, WAIT);
      const created = Number(await page.getAttribute('#detail', 'data-event'));
      assert.notEqual(created, id);
      assert.match(await lastHistory(page), /split_from by ana/);
      assert.match(await page.textContent('#detail article.source h4') ?? '', /Radio Omega/);
      assert.equal((await store.counts()).events, EVENT_COUNT + 1, 'one event more');
      await page.keyboard.press('Escape');
      await page.waitForSelector('#detail', { state: 'hidden', ...WAIT });
    });

    await t.test('merging by event_id_cnty, and rejecting needs a reason', async () => {
      const riot = await idOf(store, 'Gao', 'Violent demonstration');
      const ied = (await store.getEvent(await idOf(store, 'Gao', 'Remote explosive/landmine/IED')))!.event;
      await page.click(`#review-list .review-item[data-id="${riot}"]`);
      await page.waitForSelector(`#detail[data-event="${riot}"] .review-actions`, WAIT);
      await page.click('#detail button.action-merge');
      await page.fill('#merge-other', ied.event_id_cnty);
      await page.fill('#action-reason', 'the riot is the same incident');
      await page.click('#detail .action-form button[type="submit"]');
      await page.waitForSelector(`#detail[data-event="${riot}"] .notice:has-text("Merged")`, WAIT);
      assert.match(await page.textContent('#detail .notice') ?? '', /2 sources now/);
      assert.equal((await store.getEvent(ied.id))!.event.status, 'merged');
      const version = Number(await page.getAttribute('#detail', 'data-version'));
      await page.click('#detail button.action-reject');
      await page.click('#detail .action-form button[type="submit"]');
      await page.waitForSelector('#detail .action-form .error:has-text("Give a reason")', WAIT);
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'action-reason');
      const before = await mapVersion(page);
      await page.fill('#action-reason', 'duplicate of a wire report');
      await page.click('#detail .action-form button[type="submit"]');
      await detailAt(page, riot, version + 1);
      assert.match(await page.textContent('#detail .notice') ?? '', /Rejected/);
      await redrawnAfter(page, before);
      assert.equal(await page.locator(`#list .event-item[data-id="${riot}"]`).count(), 0, 'a rejected event leaves the list');
      await page.waitForSelector(`#review-list .review-item[data-id="${riot}"]`, { state: 'detached', ...WAIT }); // and the queue
      await page.keyboard.press('Escape');
    });

    await t.test('an action on a version changed meanwhile is refused and the event shown again', async () => {
      const id = await idOf(store, 'Tillaberi', 'Armed clash');
      await page.click(`#review-list .review-item[data-id="${id}"]`);
      await detailAt(page, id, 1);
      // Another analyst corrects it while this page still shows version 1.
      const other = await page.request.patch(`${base}/events/${id}`, { headers: { authorization: `Bearer ${analyst}` }, data: { changes: { fatalities: 13 }, reason: 'other desk', version: 1 } });
      assert.equal(other.status(), 200);
      const logged = errors.length;
      await page.click('#detail button.action-confirm');
      await page.click('#detail .action-form button[type="submit"]');
      await detailAt(page, id, 2);
      assert.match(await page.textContent('#detail .notice') ?? '', /Someone changed this event meanwhile/);
      assert.match(await lastHistory(page), /update by ana.*other desk/s, 'the confirmation was not recorded');
      // The browser logs the refused request (409) as a console error: expected here, and only that.
      const extra = errors.splice(logged);
      assert.ok(extra.every((m) => /409/.test(m)), extra.join('\n'));
      await page.keyboard.press('Escape');
    });

    await t.test('the keyboard: Enter opens a queued event, Escape goes back to it, then closes the queue', async () => {
      await page.focus('#review-list .review-item >> nth=0');
      await page.keyboard.press('Enter');
      await page.waitForSelector('#detail[data-event] .review-actions', WAIT);
      const opened = await page.getAttribute('#detail', 'data-event');
      await page.keyboard.press('Escape');
      await page.waitForSelector('#detail', { state: 'hidden', ...WAIT });
      assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-id')), opened, 'focus is back on the queued event');
      await page.keyboard.press('Escape');
      await page.waitForSelector('#review', { state: 'hidden', ...WAIT });
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'review-open');
      await page.keyboard.press('Enter');
      await page.waitForSelector('#review:not([hidden]) .review-item', WAIT);
      // Escape inside an action form folds the form, not the detail.
      await page.focus('#review-list .review-item >> nth=0');
      await page.keyboard.press('Enter');
      await page.waitForSelector('#detail[data-event] button.action-confirm', WAIT);
      await page.focus('#detail button.action-reject');
      await page.keyboard.press('Enter');
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'action-reason');
      await page.keyboard.press('Escape');
      assert.equal(await page.locator('#detail .action-form').count(), 0);
      assert.equal(await page.isVisible('#detail'), true);
      assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-action')), 'reject');
      await page.keyboard.press('Escape');
      await page.waitForSelector('#detail', { state: 'hidden', ...WAIT });
    });

    await t.test('at phone width the queue and the detail cover the screen, the actions fit', async () => {
      const phone = await browser!.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
      watch(phone);
      await phone.goto(`${base}/`);
      await redrawnAfter(phone, 0);
      await signIn(phone, analyst, 'analyst');
      await phone.click('#review-open');
      await phone.waitForSelector('#review-list .review-item', WAIT);
      const box = await phone.locator('#review').boundingBox();
      assert.ok(box !== null && box.width >= 389 && box.x <= 1 && box.y <= 1, `the queue covers the screen: ${JSON.stringify(box)}`);
      assert.ok(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), 'no sideways scrolling');
      await phone.screenshot({ path: join(shots, 'phone-review.png') });
      await phone.click('#review-list .review-item >> nth=0');
      await phone.waitForSelector('#detail button.action-edit', WAIT);
      await phone.click('#detail button.action-edit');
      const form = await phone.locator('#detail .action-form').boundingBox();
      assert.ok(form !== null && form.x >= 0 && form.x + form.width <= 391, `the form fits: ${JSON.stringify(form)}`);
      await phone.screenshot({ path: join(shots, 'phone-review-edit.png') });
      await phone.keyboard.press('Escape');
      await phone.keyboard.press('Escape');
      await phone.waitForSelector('#detail', { state: 'hidden', ...WAIT });
      assert.equal(await phone.isVisible('#review-list'), true, 'back on the queue');
      await phone.close();
    });

    await t.test('no console errors, no dialogs', () => {
      assert.deepEqual(errors, []);
      assert.deepEqual(dialogs, []);
    });
    console.log(`review screenshots: ${shots}`);
  } finally {
    await browser?.close();
    await served?.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
