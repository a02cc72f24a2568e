// `faultline serve --examples` (the README's main job): the bundled example reports are ingested into a store
// of their own, retellings of one event become one event with its sources, the dashboard and API answer, and
// starting it again adds nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exampleBatches } from '../../src/cli/serve-command.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = join(root, 'bin', 'faultline.js');

interface Listing { events: { event_id_cnty: string; sources_count: number; latitude: number | null }[] }

/** Starts the server, waits for its address, runs `body`, stops it; resolves with what it said on stderr. */
async function serving(home: string, body: (url: string) => Promise<void>): Promise<string> {
  const child = spawn(process.execPath, [BIN, 'serve', '--examples', '--port', '0', '--home', home], { env: { ...process.env, FAULTLINE_DB: '' } });
  let stderr = '';
  child.stderr.on('data', (b: Buffer) => { stderr += b.toString(); });
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no address in 120 s: ${stderr}`)), 120_000);
      child.stderr.on('data', () => {
        const m = /serving .*? at (http:\/\/[^\s/]+) /.exec(stderr);
        if (m !== null) { clearTimeout(timer); resolve(m[1]!); }
      });
      void exited.then((code) => reject(new Error(`exited ${code}: ${stderr}`)));
    });
    await body(url);
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
  return stderr;
}

test('serve --examples shows the example reports as events at once, and a second start adds nothing', async () => {
  const home = mkdtempSync(join(tmpdir(), 'faultline-examples-'));
  try {
    const reports = exampleBatches().flatMap((f) => readFileSync(f, 'utf8').split('\n').filter((l) => l.trim() !== ''));
    let first: Listing | null = null;
    const said = await serving(home, async (url) => {
      first = await (await fetch(`${url}/events?limit=500`)).json() as Listing;
      const page = await fetch(`${url}/`);
      assert.equal(page.status, 200);
      assert.match(await page.text(), /<html/i, 'the dashboard is served at /');
    });
    assert.match(said, new RegExp(`example reports: ${reports.length} stored, 0 already stored, 0 failed`));
    const events = (first as Listing | null)?.events ?? [];
    assert.ok(events.length >= 8, `events on the map at once (${events.length})`);
    assert.ok(events.filter((e) => e.latitude !== null).length >= 8, 'placed on the map');
    assert.ok(events.some((e) => e.sources_count >= 2), 'a retold event is one event with its sources');
    assert.ok(events.reduce((n, e) => n + e.sources_count, 0) > events.length, 'fewer events than event reports');

    let again: Listing | null = null;
    const saidAgain = await serving(home, async (url) => { again = await (await fetch(`${url}/events?limit=500`)).json() as Listing; });
    assert.match(saidAgain, new RegExp(`example reports: 0 stored, ${reports.length} already stored`));
    assert.deepEqual((again as Listing | null)?.events.map((e) => e.event_id_cnty), events.map((e) => e.event_id_cnty), 'the same events');
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
});
