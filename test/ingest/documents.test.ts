import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { readJsonlDocuments, type ReadResult } from '../../src/ingest/documents.ts';
import { readLines } from '../../src/ingest/lines.ts';
import { checkDate, checkText, todayIso, validateDocument, type ValidateOptions } from '../../src/ingest/validate.ts';
import { DocumentError } from '../../src/ingest/errors.ts';

const options: ValidateOptions = { maxBytes: 1000, today: '2026-01-15' };

async function collect(text: string | Buffer[], opts = options): Promise<ReadResult[]> {
  const out: ReadResult[] = [];
  for await (const r of readJsonlDocuments(Readable.from(typeof text === 'string' ? [Buffer.from(text)] : text), opts)) out.push(r);
  return out;
}

test('text checks: empty, too large, binary, wrongly encoded; good text passes', () => {
  assert.equal(checkText(' \n ', 100), 'text is empty');
  assert.match(checkText('é'.repeat(600), 1000) ?? '', /over the limit/); // bytes, not characters
  assert.match(checkText('ab\u0000cd', 100) ?? '', /binary/);
  assert.match(checkText('Tombouctou \ufffd\ufffd r\ufffdgion', 100) ?? '', /wrongly encoded/);
  assert.equal(checkText('Des hommes armés ont attaqué Diafarabé.\n\tFin.', 1000), null);
});

test('dates: format, real calendar dates, not in the future', () => {
  assert.match(checkDate('2025/10/01', '2026-01-01') ?? '', /YYYY-MM-DD/);
  assert.match(checkDate('2025-02-29', '2026-01-01') ?? '', /not a real date/);
  assert.equal(checkDate('2024-02-29', '2026-01-01'), null);
  assert.match(checkDate('2026-01-02', '2026-01-01') ?? '', /in the future/);
  assert.match(todayIso(), /^\d{4}-\d{2}-\d{2}$/);
});

test('documents: defaults from options, lang normalised, optional fields kept', () => {
  const doc = validateDocument({ id: 'a', text: 'x', lang: 'EN-gb', url: 'u' }, 'line 1', { ...options, published: '2025-10-06' });
  assert.deepEqual(doc, { id: 'a', text: 'x', lang: 'en', published: '2025-10-06', url: 'u' });
  assert.throws(() => validateDocument({ id: 7, text: 'x' }, 'line 3', options), (e: DocumentError) => e.docRef === 'line 3' && /string/.test(e.reason));
  assert.throws(() => validateDocument({ id: 'b', text: 'x', lang: 'de' }, 'line 4', options), (e: DocumentError) => e.docRef === 'b' && /'de'/.test(e.reason));
});

test('JSONL: each line judged alone, blank lines skipped, CRLF accepted, duplicates rejected', async () => {
  const text = '{"id":"a","text":"one"}\r\n\n{bad\n["x"]\n{"id":"a","text":"again"}\n{"id":"b","text":"two"}';
  const results = await collect(text);
  assert.deepEqual(results.map((r) => (r.ok ? r.doc.id : `${r.error.docRef}: ${r.error.reason.split(' (')[0]}`)), [
    'a', 'line 3: invalid JSON', 'line 4: expected a JSON object {"id", "text", ...}', 'a: duplicate id', 'b',
  ]);
});

test('lines split across chunks are joined; an overlong line is cut, counted and its id kept', async () => {
  const chunks = [Buffer.from('{"id":"x","te'), Buffer.from('xt":"hello"}\n{"id":"big","text":"'), Buffer.from('y'.repeat(200_000)), Buffer.from('"}\n')];
  const results = await collect(chunks, { ...options, maxBytes: 100 });
  assert.equal(results.length, 2);
  assert.ok(results[0]?.ok);
  const big = results[1];
  assert.ok(big && !big.ok);
  assert.equal(big.error.docRef, 'big');
  assert.match(big.error.reason, /too long/);
  const lines = [];
  for await (const l of readLines(Readable.from([Buffer.from('a\nbb'), Buffer.from('b\n')]), 10)) lines.push(l.text);
  assert.deepEqual(lines, ['a', 'bbb']);
});
