// Extraction throughput on one core: the dev set (or a given JSONL) repeated to at least 10,000 documents,
// run through one extractor in this one process. Prints documents per second and peak RSS.
//   npm run bench:extract [-- DOCS.jsonl [MIN_DOCS]]
// A benchmark, not a test: nothing here asserts a timing.
import { createReadStream, existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { createExtractor } from '../src/coder/extract.ts';
import type { Document } from '../src/domain/index.ts';
import { resolveHome } from '../src/cli/home.ts';
import { readJsonlDocuments } from '../src/ingest/documents.ts';
import { DEFAULT_MAX_BYTES, todayIso } from '../src/ingest/validate.ts';

const path = process.argv[2] ?? new URL('../../shared/eval/dev/docs.jsonl', import.meta.url).pathname;
const minDocs = Number(process.argv[3] ?? 10_000);
if (!existsSync(path)) {
  console.error(`bench: ${path} not found; pass a JSONL of documents: npm run bench:extract -- DOCS.jsonl`);
  process.exit(2);
}

const base: Document[] = [];
for await (const r of readJsonlDocuments(createReadStream(path), { maxBytes: DEFAULT_MAX_BYTES, today: todayIso() })) {
  if (r.ok) base.push(r.doc);
}
if (base.length === 0) {
  console.error(`bench: no readable document in ${path}`);
  process.exit(2);
}
const rounds = Math.ceil(minDocs / base.length);
const docs = Array.from({ length: rounds }, (_, round) => base.map((d) => ({ ...d, id: `${d.id}#${round}` }))).flat();
const chars = docs.reduce((n, d) => n + d.text.length, 0);

const t0 = performance.now();
const extractor = await createExtractor({ countries: ['ML', 'BF', 'NE'], home: resolveHome() });
const startup = performance.now() - t0;

let events = 0;
let failed = 0;
const t1 = performance.now();
for (const doc of docs) {
  try {
    events += extractor.extract(doc).length;
  } catch {
    failed++;
  }
}
const seconds = (performance.now() - t1) / 1000;
const rssMiB = process.resourceUsage().maxRSS / 1024; // maxRSS is in KiB

console.log(`input       ${path} (${base.length} documents, repeated ${rounds}x)`);
console.log(`documents   ${docs.length} (${(chars / docs.length).toFixed(0)} characters on average), ${failed} rejected by the extractor`);
console.log(`events      ${events}`);
console.log(`startup     ${startup.toFixed(0)} ms (createExtractor: lexicons, gazetteer)`);
console.log(`extraction  ${seconds.toFixed(2)} s on one core`);
console.log(`throughput  ${(docs.length / seconds).toFixed(0)} docs/s`);
console.log(`peak RSS    ${rssMiB.toFixed(0)} MiB`);
console.log(`node        ${process.version} on ${process.platform}/${process.arch}`);
