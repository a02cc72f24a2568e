// What the browser tests read off the dashboard and wait for: the map's redraws, what each view shows, the
// signed-in role. The page publishes these on <body> and window.__faultline for the tests and bench/web.ts.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';

export const WAIT = { timeout: 30_000 };

/** The map version after the next redraw: the page bumps it once the map has drawn new data. */
export async function mapVersion(page: Page): Promise<number> {
  return Number(await page.evaluate(() => document.body.dataset['mapVersion'] ?? '0'));
}

export async function redrawnAfter(page: Page, version: number): Promise<void> {
  await page.waitForFunction((v) => Number(document.body.dataset['mapVersion'] ?? '0') > v && document.body.dataset['busy'] === 'false', version, WAIT);
}

export interface Views { list: number; map: number; timeline: number; status: string }

/** What each view shows: list items, events drawn on the map (clusters count their events), timeline total. */
export async function views(page: Page): Promise<Views> {
  return page.evaluate(() => ({
    list: document.querySelectorAll('#list .event-item').length,
    map: window.__faultline?.renderedEventCount() ?? -1,
    timeline: Number(document.querySelector('#timeline svg')?.getAttribute('data-events') ?? -1),
    status: document.getElementById('status')?.textContent ?? '',
  }));
}

/** Signs in with a token through the page's dialog and waits until the page knows the role. */
export async function signIn(page: Page, token: string, role: string): Promise<void> {
  await page.click('#sign-in');
  await page.waitForSelector('#token-dialog[open]', WAIT);
  assert.match(await page.textContent('#token-why') ?? '', /analyst token/);
  await page.fill('#token-input', token);
  await page.click('#token-form button[type="submit"]');
  await page.waitForSelector(`body[data-role="${role}"]`, WAIT);
}
