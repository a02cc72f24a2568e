import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSources, type SkippedInput, type SourcedResult, type SourceOptions } from '../../src/ingest/sources.ts';
import { sniffKind } from '../../src/ingest/sniff.ts';

const ARTICLE = 'Des hommes armés ont attaqué le village de Diafarabé samedi, tuant quatre civils.';

function page(body: string, lang = 'fr'): string {
  return `<!DOCTYPE html><html lang="${lang}"><head><title>Page</title><script>var leak = "SCRIPT";</script></head>`
    + `<body><nav><a href="/">Accueil</a></nav><article><p>${body}</p></article></body></html>`;
}

const FEED = `<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>
<item><guid>w-1</guid><description>Soldiers repelled an attack on the Boni camp.</description></item>
<item><guid>w-2</guid><description></description></item>
</channel></rss>`;

let dir = '';
let server: Server;
let base = '';

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'faultline-sources-'));
  const docs = join(dir, 'docs');
  mkdirSync(join(docs, 'sub'), { recursive: true });
  mkdirSync(join(docs, '.git'));
  writeFileSync(join(docs, 'a.txt'), 'Gunmen attacked a convoy near Gao on Monday.');
  writeFileSync(join(docs, 'b.html'), page(ARTICLE));
  writeFileSync(join(docs, 'c.jsonl'), '{"id":"j1","text":"Clashes in Menaka."}\n{not json\n{"id":"j2","text":"A mine exploded near Douentza.","lang":"en"}\n');
  writeFileSync(join(docs, 'd.xml'), FEED);
  writeFileSync(join(docs, 'README.md'), '# Reports\nThese are test reports.\n');
  writeFileSync(join(docs, 'NOTES.md'), '# More notes\n');
  writeFileSync(join(docs, 'binary.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0]));
  writeFileSync(join(docs, 'saved-page'), page('A page saved without an extension is recognised by its first bytes.', 'en'));
  writeFileSync(join(docs, '.hidden.txt'), 'never read');
  writeFileSync(join(docs, '.git', 'HEAD'), 'ref: refs/heads/main');
  writeFileSync(join(docs, 'sub', 'e.txt'), 'Nested report from Mopti.');
  writeFileSync(join(dir, 'big.html'), page('x'.repeat(3000)));
  writeFileSync(join(dir, 'big.xml'), FEED);

  server = createServer((req, res) => {
    if (req.url === '/article') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(page(ARTICLE));
    } else if (req.url === '/feed') {
      // A generic type: the reader has to recognise the feed by its content.
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.end(FEED);
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(async () => {
  rmSync(dir, { recursive: true, force: true });
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

async function collect(inputs: string[], extra: Partial<SourceOptions> = {}): Promise<{ results: SourcedResult[]; skipped: SkippedInput[] }> {
  const skipped: SkippedInput[] = [];
  const results: SourcedResult[] = [];
  const opts: SourceOptions = { maxBytes: 2000, today: '2026-01-15', onSkip: (s) => skipped.push(s), ...extra };
  for await (const r of readSources(inputs, opts)) results.push(r);
  return { results, skipped };
}

function rel(origin: string): string {
  return origin.startsWith(dir) ? origin.slice(dir.length + 1) : origin;
}

function line(r: SourcedResult): string {
  return r.ok ? `${rel(r.origin)} ok ${r.doc.id}` : `${rel(r.origin)} error ${r.error.docRef}`;
}

test('a folder: every kind read in sorted order; hidden files left out; unknown types skipped once; a binary .txt is an error', async () => {
  const { results, skipped } = await collect([join(dir, 'docs'), join(dir, 'missing.txt')]);
  assert.deepEqual(results.map(line), [
    'docs/a.txt ok a.txt',
    'docs/b.html ok b.html',
    'docs/binary.txt error binary.txt',
    'docs/c.jsonl:1 ok j1',
    'docs/c.jsonl:2 error line 2',
    'docs/c.jsonl:3 ok j2',
    'docs/d.xml ok w-1',
    'docs/d.xml error w-2',
    'docs/saved-page ok saved-page',
    'docs/sub/e.txt ok e.txt',
    'missing.txt error ' + join(dir, 'missing.txt'),
  ]);
  const byOrigin = new Map(results.map((r) => [rel(r.origin), r]));
  const html = byOrigin.get('docs/b.html');
  assert.ok(html?.ok);
  assert.equal(html.doc.text, ARTICLE);
  assert.equal(html.doc.lang, 'fr');
  const binary = byOrigin.get('docs/binary.txt');
  assert.ok(binary && !binary.ok);
  assert.match(binary.error.reason, /binary/);
  const missing = byOrigin.get('missing.txt');
  assert.ok(missing && !missing.ok);
  assert.match(missing.error.reason, /no such file/);
  // README.md and NOTES.md: one notice for .md, not one per file, and not an error.
  assert.equal(skipped.length, 1);
  assert.equal(rel(skipped[0]?.origin ?? ''), 'docs/NOTES.md');
  assert.match(skipped[0]?.reason ?? '', /skipped.*\.md/);
});

test('an explicit file of unknown type is read as text (JSON is refused); an HTML file over its cap and a feed over its cap are refused before reading', async () => {
  writeFileSync(join(dir, 'export.json'), '[\n  {"id": "a", "text": "b"}\n]\n');
  const inputs = [join(dir, 'docs', 'README.md'), join(dir, 'big.html'), join(dir, 'big.xml'), join(dir, 'export.json')];
  const { results, skipped } = await collect(inputs, { maxHtmlBytes: 1000, maxFeedBytes: 100 });
  assert.equal(skipped.length, 0);
  assert.deepEqual(results.map(line), ['docs/README.md ok README.md', 'big.html error big.html', 'big.xml error ' + join(dir, 'big.xml'), 'export.json error export.json']);
  const [, html, feed, json] = results;
  assert.ok(html && !html.ok && feed && !feed.ok && json && !json.ok);
  assert.match(json.error.reason, /not JSONL/);
  assert.match(html.error.reason, /over the limit of 1000 bytes for an HTML page/);
  assert.match(feed.error.reason, /over the limit of 100 bytes for a feed/);
});

test('an HTML file within its cap whose article is over --max-bytes is refused by the document limit', async () => {
  const { results } = await collect([join(dir, 'big.html')]);
  const [r] = results;
  assert.ok(r && !r.ok);
  assert.match(r.error.reason, /over the limit .*--max-bytes/);
});

test('URLs: an HTML page becomes one document with the URL as id; a feed is recognised by its content; a 404 names URL and status', async () => {
  const { results } = await collect([`${base}/article`, `${base}/feed`, `${base}/nothing`]);
  assert.deepEqual(results.map(line), [
    `${base}/article ok ${base}/article`,
    `${base}/feed ok w-1`,
    `${base}/feed error w-2`,
    `${base}/nothing error ${base}/nothing`,
  ]);
  const [article, , , missing] = results;
  assert.ok(article?.ok);
  assert.equal(article.doc.text, ARTICLE);
  assert.equal(article.doc.url, `${base}/article`);
  assert.equal(article.doc.source, '127.0.0.1');
  assert.ok(missing && !missing.ok);
  assert.match(missing.error.reason, /HTTP 404/);
});

test('sniffing: XML declaration, comments and doctype skipped before the root; JSONL by its first character', () => {
  assert.equal(sniffKind('\ufeff<?xml version="1.0"?>\n<!-- generator --><rss version="2.0">'), 'feed');
  assert.equal(sniffKind('<feed xmlns="http://www.w3.org/2005/Atom">'), 'feed');
  assert.equal(sniffKind('<?xml version="1.0"?><rdf:RDF xmlns:rdf="x">'), 'feed');
  assert.equal(sniffKind('  <!DOCTYPE html>\n<html>'), 'html');
  assert.equal(sniffKind('<?xml version="1.0"?><!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "x"><html xmlns="y">'), 'html');
  assert.equal(sniffKind('{"id":"a","text":"b"}\n'), 'jsonl');
  assert.equal(sniffKind('# Title\n'), undefined);
});
