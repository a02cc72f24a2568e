// End to end: the real `faultline` command on temporary files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BIN = new URL('../../bin/faultline.js', import.meta.url).pathname;

function faultline(args: string[], input?: string): { status: number | null; stdout: string; stderr: string } {
  const home = mkdtempSync(join(tmpdir(), 'faultline-home-'));
  const res = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8', input, env: { ...process.env, FAULTLINE_HOME: home }, maxBuffer: 64 * 1024 * 1024,
  });
  return { status: res.status, stdout: res.stdout, stderr: res.stderr };
}

const GOOD_TEXT = 'BAMAKO, Oct 6 (Reuters) - Gunmen killed three villagers in an attack on Diafarabé in central ' +
  "Mali's Mopti region on Saturday, a local official said.";

function badBatch(dir: string): string {
  const lines = [
    JSON.stringify({ id: 'empty-doc', text: '   ' }),
    JSON.stringify({ id: 'binary-doc', text: 'PK\u0003\u0004\u0000\u0000\u0008\u0000\u0000\u0000!\u0000\u0001' }),
    JSON.stringify({ id: 'huge-doc', text: 'The army said. '.repeat(350_000) }), // ~5 MB
    '{"id": "broken-doc", "text": "unterminated',
    JSON.stringify({ id: 'german-doc', text: 'Bewaffnete haben am Samstag drei Dorfbewohner getötet.', lang: 'de' }),
    JSON.stringify({ id: 'future-doc', text: GOOD_TEXT, published: '2999-01-01', lang: 'en' }),
    JSON.stringify({ id: 'bad-date-doc', text: GOOD_TEXT, published: '2025-02-30', lang: 'en' }),
    JSON.stringify({ text: 'no id at all' }),
    JSON.stringify({ id: 'good-doc', text: GOOD_TEXT, published: '2025-10-06', lang: 'en' }),
  ];
  const path = join(dir, 'batch.jsonl');
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}

test('a batch with bad documents: each named on stderr, the good one processed, exit 1', () => {
  const dir = mkdtempSync(join(tmpdir(), 'faultline-cli-'));
  const batch = badBatch(dir);
  const errors = join(dir, 'errors.jsonl');
  const res = faultline(['extract', '--input', batch, '--format', 'jsonl', '--errors', errors]);
  assert.equal(res.status, 1, res.stderr);
  const lines = res.stderr.trim().split('\n');
  const about = (needle: string): string | undefined => lines.find((l) => l.includes(needle));
  assert.match(about('empty-doc') ?? '', /^faultline: empty-doc \(line 1\): text is empty$/);
  assert.match(about('binary-doc') ?? '', /binary/);
  assert.match(about('huge-doc') ?? '', /over the limit/);
  assert.match(about('line 4') ?? '', /^faultline: line 4: invalid JSON/);
  assert.match(about('german-doc') ?? '', /unknown lang 'de'/);
  assert.match(about('future-doc') ?? '', /in the future/);
  assert.match(about('bad-date-doc') ?? '', /not a real date/);
  assert.match(about('line 8') ?? '', /missing id/);
  assert.equal(about('good-doc'), undefined, 'the good document must not be reported');
  assert.match(res.stderr, /8 documents rejected, 1 processed/);
  for (const line of res.stdout.split('\n').filter((l) => l)) {
    assert.equal((JSON.parse(line) as { doc_id: string }).doc_id, 'good-doc');
  }
  const records = readFileSync(errors, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { doc: string | null; line: number });
  assert.equal(records.length, 8);
  assert.deepEqual(records.map((r) => r.line), [1, 2, 3, 4, 5, 6, 7, 8]);
  assert.equal(records[3]?.doc, null);
});

test('plain-text FILE arguments: binary and oversized files are rejected by name, good ones read', () => {
  const dir = mkdtempSync(join(tmpdir(), 'faultline-cli-'));
  const good = join(dir, 'good.txt');
  const binary = join(dir, 'photo.jpg');
  const big = join(dir, 'big.txt');
  writeFileSync(good, GOOD_TEXT);
  writeFileSync(binary, Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00]));
  writeFileSync(big, 'x'.repeat(5000));
  const res = faultline(['extract', good, binary, big, '--published', '2025-10-06', '--lang', 'en', '--max-bytes', '4k', '-f', 'jsonl']);
  assert.equal(res.status, 1, res.stderr);
  assert.match(res.stderr, /faultline: photo\.jpg: text looks binary/);
  assert.match(res.stderr, /faultline: big\.txt: text is 4\.9 KiB/);
  assert.doesNotMatch(res.stderr, /good\.txt/);
});

test('usage errors and unreadable inputs exit 2 before anything is written', () => {
  const dir = mkdtempSync(join(tmpdir(), 'faultline-cli-'));
  const out = join(dir, 'out.jsonl');
  const cases: [string[], RegExp][] = [
    [['extract', '--input', join(dir, 'missing.jsonl'), '--output', out], /cannot read --input .*does not exist/],
    [['extract', '--input', dir], /is not a file/],
    [['extract'], /no input/],
    [['extract', '--input', '-', '--country', 'Mali'], /--country expects/],
    [['extract', '--input', '-', '--published', '2025-13-01'], /--published: '2025-13-01' is not a real date/],
    [['extract', '--input', '-', '--lang', 'de'], /--lang expects en or fr/],
    [['extract', '--input', '-', '--format', 'xml'], /argument 'xml' is invalid/],
    [['frobnicate'], /unknown command/],
  ];
  for (const [args, message] of cases) {
    const res = faultline(args, '');
    assert.equal(res.status, 2, `${args.join(' ')}: ${res.stderr}`);
    assert.match(res.stderr, message);
  }
  assert.equal(existsSync(out), false);
});

test('--output is written atomically: the file appears complete, no temporary file is left', () => {
  const dir = mkdtempSync(join(tmpdir(), 'faultline-cli-'));
  const docs = join(dir, 'docs.jsonl');
  writeFileSync(docs, JSON.stringify({ id: 'a', text: GOOD_TEXT, published: '2025-10-06', lang: 'en' }) + '\n');
  const out = join(dir, 'events.geojson');
  const res = faultline(['extract', '--input', docs, '--output', out]);
  assert.equal(res.status, 0, res.stderr);
  const collection = JSON.parse(readFileSync(out, 'utf8')) as { type: string; features: unknown[] };
  assert.equal(collection.type, 'FeatureCollection'); // format chosen by the extension
  assert.deepEqual(readdirSync(dir).sort(), ['docs.jsonl', 'events.geojson']);
});

test('stdin JSONL with --input -', () => {
  const doc = JSON.stringify({ id: 'stdin-doc', text: GOOD_TEXT, published: '2025-10-06', lang: 'en' });
  const res = faultline(['extract', '--input', '-', '--format', 'json'], doc + '\n');
  assert.equal(res.status, 0, res.stderr);
  assert.ok(Array.isArray(JSON.parse(res.stdout)));
});

test('--help of the program and of every command says what it does, with an example', () => {
  const top = faultline(['--help']);
  assert.equal(top.status, 0);
  assert.match(top.stdout, /extract/);
  assert.match(top.stdout, /Exit status/);
  for (const cmd of ['extract', 'eval']) {
    const res = faultline([cmd, '--help']);
    assert.equal(res.status, 0);
    assert.match(res.stdout, new RegExp(`Usage: faultline ${cmd}`));
    assert.match(res.stdout, /Examples:\n {2}faultline /);
  }
});
