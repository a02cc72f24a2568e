// `faultline eval --pred` prints what score_events.py prints (the scorer itself is tested in test/eval).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BIN = new URL('../../bin/faultline.js', import.meta.url).pathname;
const SCORER = new URL('../../../shared/tools/score_events.py', import.meta.url).pathname;
const python = spawnSync('python3', ['--version']).status === 0;

test('faultline eval --pred gives the same report as score_events.py', { skip: !python || !existsSync(SCORER) ? 'python3 or ../shared missing' : false }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'faultline-eval-'));
  const gold = join(dir, 'gold.csv');
  const pred = join(dir, 'pred.jsonl');
  const docs = join(dir, 'docs.jsonl');
  writeFileSync(gold, 'doc_id,event_date,event_type,sub_event_type,actor1,actor2,inter1,inter2,admin1,latitude,longitude,fatalities\n' +
    'a,2020-01-02,Battles,Armed clash,Military Forces of Mali (2013-2020),JNIM,1,2,Mopti,14.5,-4.2,3\n' +
    'b,2020-01-05,Violence against civilians,Attack,Unidentified Armed Group (Mali),Civilians (Mali),3,7,Gao,16.3,-0.05,2\n');
  writeFileSync(pred, [
    { doc_id: 'a', event_date: '2020-01-02', event_type: 'Battles', sub_event_type: 'Armed clash', actor1: 'JNIM: Group for Support of Islam and Muslims', actor2: 'Military Forces of Mali (2021-)', inter1: 'Rebel group', inter2: 'State forces', admin1: 'Mopti', latitude: 14.6, longitude: -4.1, fatalities: 3 },
    { doc_id: 'c', event_date: '2020-01-05', event_type: 'Riots', sub_event_type: 'Mob violence', fatalities: 0 },
  ].map((p) => JSON.stringify(p)).join('\n'));
  writeFileSync(docs, ['a', 'b', 'c'].map((id) => JSON.stringify({ id, text: 'x', lang: 'en' })).join('\n'));
  const args = ['--gold', gold, '--pred', pred, '--docs', docs, '--by', 'lang'];
  const ours = spawnSync(process.execPath, [BIN, 'eval', ...args], { encoding: 'utf8' });
  const theirs = spawnSync('python3', [SCORER, ...args], { encoding: 'utf8' });
  assert.equal(ours.status, 0, ours.stderr);
  assert.equal(ours.stdout, theirs.stdout);
  assert.match(ours.stdout, /^SUMMARY f1=0\.500 /m);
});

test('faultline eval without --docs or --pred is a usage error', () => {
  const res = spawnSync(process.execPath, [BIN, 'eval', '--gold', 'x.csv'], { encoding: 'utf8' });
  assert.equal(res.status, 2);
  assert.match(res.stderr, /needs --docs/);
});
