// The scorer port must print exactly what ../shared/tools/score_events.py prints. Both run on the same
// generated inputs (and on the dev gold against a perturbed copy of itself) and their outputs are compared.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { loadGold, loadJsonl, score, type Ev } from '../../src/eval/score.ts';
import { fsum, pyFixed, pyRound } from '../../src/eval/pycompat.ts';

const SCORER = new URL('../../../shared/tools/score_events.py', import.meta.url).pathname;
const DEV = new URL('../../../shared/eval/dev/', import.meta.url).pathname;
const hasPython = spawnSync('python3', ['--version']).status === 0;
const hasScorer = existsSync(SCORER);
const skipPython = !hasPython ? 'python3 is not installed' : !hasScorer ? '../shared/tools/score_events.py is absent' : false;

const COLUMNS = ['doc_id', 'event_date', 'time_precision', 'event_type', 'sub_event_type', 'actor1', 'assoc_actor_1',
  'inter1', 'actor2', 'assoc_actor_2', 'inter2', 'country', 'admin1', 'admin2', 'location', 'latitude', 'longitude',
  'geo_precision', 'fatalities'];

function ev(doc: string, over: Partial<Ev> = {}): Ev {
  return {
    doc_id: doc, event_date: '2020-03-10', time_precision: '1', event_type: 'Battles', sub_event_type: 'Armed clash',
    actor1: 'Military Forces of Mali (2013-2020)', assoc_actor_1: '', inter1: '1',
    actor2: 'JNIM: Group for Support of Islam and Muslims', assoc_actor_2: '', inter2: '2', country: 'Mali',
    admin1: 'Mopti', admin2: 'Djenne', location: 'Djenné', latitude: '13.9061', longitude: '-4.5533',
    geo_precision: '1', fatalities: '5', ...over,
  };
}

/** A small deterministic PRNG, so the perturbations are the same on every run. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shiftDate(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const SUBS = ['Armed clash', 'Attack', 'Air/drone strike', 'Peaceful protest', 'Looting/property destruction'];

/** Predictions from gold with misses, false alarms and wrong fields of every kind the scorer measures. */
function perturb(gold: Ev[], seed: number): Record<string, unknown>[] {
  const r = rng(seed);
  const preds: Record<string, unknown>[] = [];
  for (const g of gold) {
    const x = r();
    if (x < 0.1) continue; // missed
    const p: Record<string, unknown> = { ...g };
    if (r() < 0.2) p.event_date = shiftDate(g.event_date as string, Math.floor(r() * 7) - 3);
    if (r() < 0.2) p.sub_event_type = SUBS[Math.floor(r() * SUBS.length)];
    if (r() < 0.1) p.sub_event_type = (g.sub_event_type as string).toUpperCase() + ' ';
    if (r() < 0.15) [p.actor1, p.actor2] = [g.actor2, g.actor1];
    if (r() < 0.1) p.actor2 = 'Unidentified Armed Group (Mali)';
    if (r() < 0.2) p.inter1 = ['State forces', 'Rebel group', 'Political militia', 'Civilians', ''][Math.floor(r() * 5)];
    if (r() < 0.3 && g.latitude) {
      p.latitude = Number(g.latitude) + (r() - 0.5) * 0.6;
      p.longitude = Number(g.longitude) + (r() - 0.5) * 0.6;
    }
    if (r() < 0.1) {
      p.latitude = null;
      p.longitude = null;
    }
    if (r() < 0.2) p.admin1 = r() < 0.5 ? (g.admin1 as string).toUpperCase() : 'Gao';
    if (r() < 0.2) p.fatalities = Math.max(0, Number(g.fatalities) + Math.floor(r() * 9) - 4);
    if (r() < 0.05) delete p.fatalities;
    if (r() < 0.1) p.geo_precision = 3;
    if (r() < 0.3) p.fatalities = Number(p.fatalities ?? 0); // numbers as well as strings
    preds.push(p);
    if (r() < 0.08) preds.push({ ...p, sub_event_type: 'Attack', event_date: shiftDate(g.event_date as string, 1) });
  }
  return preds;
}

function runPython(args: string[]): string {
  const res = spawnSync('python3', [SCORER, ...args], { encoding: 'utf8' });
  assert.equal(res.status, 0, res.stderr);
  return res.stdout;
}

function writeInputs(dir: string, gold: Ev[], preds: unknown[], docs: unknown[]): { gold: string; pred: string; docs: string } {
  const paths = { gold: join(dir, 'gold.csv'), pred: join(dir, 'pred.jsonl'), docs: join(dir, 'docs.jsonl') };
  writeFileSync(paths.gold, stringify([COLUMNS, ...gold.map((g) => COLUMNS.map((c) => g[c] ?? ''))]));
  writeFileSync(paths.pred, preds.map((p) => JSON.stringify(p)).join('\n') + '\n');
  writeFileSync(paths.docs, docs.map((d) => JSON.stringify(d)).join('\n') + '\n');
  return paths;
}

function compareBoth(paths: { gold: string; pred: string; docs: string }, extra: string[], json = false): void {
  const ours = score({
    gold: loadGold(paths.gold), preds: loadJsonl(paths.pred), docs: loadJsonl(paths.docs),
    by: extra.filter((_, i) => extra[i - 1] === '--by'), json,
  }).text;
  const theirs = runPython(['--gold', paths.gold, '--pred', paths.pred, '--docs', paths.docs, ...extra, ...(json ? ['--json'] : [])]);
  const summary = (s: string): string | undefined => s.split('\n').find((l) => l.startsWith('SUMMARY') || l.includes('"summary"'));
  assert.equal(summary(ours), summary(theirs), 'SUMMARY lines differ');
  assert.equal(ours, theirs, 'reports differ');
}

test('python-compatible number formatting and sums', () => {
  assert.equal(pyFixed(0.0625, 3), '0.062'); // exact tie: half to even, as Python
  assert.equal(pyFixed(0.1875, 3), '0.188');
  assert.equal(pyFixed(2 / 3, 3), '0.667');
  assert.equal(pyFixed(12.0625, 3), '12.062');
  assert.equal(pyRound(2.5), 2);
  assert.equal(pyRound(3.5), 4);
  assert.equal(fsum([0.1, 0.2, 0.3]), 0.6); // plain + gives 0.6000000000000001
});

test('scorer port prints the same report as score_events.py on generated fixtures', { skip: skipPython }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'faultline-score-'));
  const gold: Ev[] = [
    ev('d1'),
    ev('d2', { event_type: 'Violence against civilians', sub_event_type: 'Attack', actor2: 'Civilians (Mali)', inter2: '7', fatalities: '3' }),
    ev('d2', { event_date: '2020-03-11', location: 'Sévaré', latitude: '14.5333', longitude: '-4.0833', fatalities: '0' }),
    ev('d3', { latitude: '', longitude: '', admin1: 'Ségou', fatalities: '' }),
    ev('d4', { actor2: '', inter2: '', event_type: 'Protests', sub_event_type: 'Peaceful protest', inter1: '6', actor1: 'Protesters (Mali)' }),
    ...Array.from({ length: 10 }, (_, i) => ev('d5', { event_date: `2020-04-${String(10 + i).padStart(2, '0')}`, fatalities: String(i) })),
    ev('d6', { event_date: '20200310' }),
  ];
  const preds: unknown[] = [
    { ...ev('d1'), fatalities: 5, latitude: 13.95, longitude: -4.5 },
    { ...ev('d2'), actor1: 'JNIM', actor2: 'Military Forces of Mali (2021-)', inter1: 'Rebel group', inter2: 'State forces' },
    { ...ev('d2', { event_type: 'Violence against civilians', sub_event_type: 'attack' }), actor2: 'Civilians (Mali)', inter2: 'civilians', fatalities: 4 },
    { ...ev('d3', { admin1: 'Segou', latitude: '', longitude: '' }), fatalities: null },
    { ...ev('d4', { actor2: '', inter2: '', event_type: 'Protests', sub_event_type: 'Protest with intervention' }) },
    ...Array.from({ length: 9 }, (_, i) => ({ ...ev('d5', { event_date: `2020-04-${String(11 + i).padStart(2, '0')}` }), fatalities: i + 1 })),
    { ...ev('d7'), sub_event_type: 'Riot (unknown label)' },
    { ...ev('d8') },
    [1, 2, 3],
  ];
  const docs = ['d1', 'd2', 'd3', 'd4', 'd5', 'd6', 'd7'].map((id, i) => ({ id, text: 'x', lang: i % 2 ? 'fr' : 'en' }));
  const paths = writeInputs(dir, gold, preds, docs);
  compareBoth(paths, []);
  compareBoth(paths, ['--by', 'lang', '--by', 'sub_event_type']);
  compareBoth(paths, ['--by', 'lang'], true);
});

test('scorer port matches score_events.py on the dev gold against a perturbed copy', { skip: skipPython || (!existsSync(DEV) && '../shared/eval/dev is absent') }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'faultline-score-dev-'));
  const gold = loadGold(join(DEV, 'gold.csv'));
  const docs = loadJsonl(join(DEV, 'docs.jsonl'));
  for (const seed of [1, 2]) {
    const preds = perturb(gold, seed);
    preds.push({ ...ev('dev-en-0221'), sub_event_type: 'Attack' }); // a false alarm on a no-event doc
    const paths = { gold: join(DEV, 'gold.csv'), pred: join(dir, `pred-${seed}.jsonl`), docs: join(DEV, 'docs.jsonl') };
    writeFileSync(paths.pred, preds.map((p) => JSON.stringify(p)).join('\n') + '\n');
    assert.ok(docs.length > 0);
    compareBoth(paths, ['--by', 'lang']);
    if (seed === 1) compareBoth(paths, ['--by', 'lang'], true);
  }
});
