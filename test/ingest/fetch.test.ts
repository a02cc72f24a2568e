import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { fetchFeed } from '../../src/ingest/feeds.ts';
import type { ValidateOptions } from '../../src/ingest/validate.ts';

const options: ValidateOptions = { maxBytes: 100_000, today: '2026-01-15' };

const FEED = `<?xml version="1.0" encoding="ISO-8859-1"?>
<rss version="2.0"><channel><title>Radio Kayes</title><language>fr</language>
<item><guid>rk-1</guid><link>http://radio.example/1</link><pubDate>Mon, 10 Mar 2025 07:00:00 +0000</pubDate>
<description>&lt;p&gt;Des hommes armés ont enlevé deux élus près de Nioro.&lt;/p&gt;</description></item>
</channel></rss>`;

let server: Server;
let base = '';
const open = new Set<Socket>();

before(async () => {
  server = createServer((req, res) => {
    if (req.url === '/feed.xml') {
      // Latin-1 bytes, as some West African sites still serve: the XML declaration says so.
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.end(Buffer.from(FEED, 'latin1'));
    } else if (req.url === '/endless') {
      // No Content-Length: only counting while streaming can stop it.
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      const chunk = Buffer.alloc(16 * 1024, 0x20);
      let sent = 0;
      const push = (): void => {
        while (sent < 400 && res.write(chunk)) sent++;
        if (sent < 400) res.once('drain', push);
        else res.end();
      };
      push();
    } else if (req.url === '/declared-huge') {
      res.writeHead(200, { 'content-type': 'application/rss+xml', 'content-length': String(10 * 1024 * 1024) });
      res.write('<rss>');
    } else if (req.url === '/silent') {
      // Never answers: the deadline must end the request.
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not here');
    }
  });
  server.on('connection', (socket) => {
    open.add(socket);
    socket.on('close', () => open.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(async () => {
  for (const socket of open) socket.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

test('a feed URL: its items, decoded in the encoding its XML declaration names', async () => {
  const results = await fetchFeed(`${base}/feed.xml`, options);
  assert.equal(results.length, 1);
  const [r] = results;
  assert.ok(r?.ok, r && !r.ok ? r.error.message : '');
  assert.deepEqual(r.doc, {
    id: 'rk-1', text: 'Des hommes armés ont enlevé deux élus près de Nioro.', lang: 'fr', published: '2025-03-10',
    url: 'http://radio.example/1', source: 'Radio Kayes',
  });
});

test('HTTP 404: one error naming the URL and the status', async () => {
  const url = `${base}/gone.xml`;
  const [r, ...rest] = await fetchFeed(url, options);
  assert.equal(rest.length, 0);
  assert.ok(r && !r.ok);
  assert.equal(r.error.docRef, url);
  assert.match(r.error.reason, /HTTP 404/);
  assert.match(r.error.message, new RegExp(`^${url.replace(/[.?]/g, '\\$&')}: HTTP 404`));
});

test('a server that sends too much is cut off: while streaming, and at once when Content-Length says so', async () => {
  for (const path of ['/endless', '/declared-huge']) {
    const url = `${base}${path}`;
    const [r] = await fetchFeed(url, { ...options, maxResponseBytes: 64 * 1024 });
    assert.ok(r && !r.ok, path);
    assert.equal(r.error.docRef, url);
    assert.match(r.error.reason, /larger than 64\.0 KiB/);
  }
});

test('no answer: the timeout ends the request with an error naming the URL', async () => {
  const url = `${base}/silent`;
  const [r] = await fetchFeed(url, { ...options, timeoutMs: 200 });
  assert.ok(r && !r.ok);
  assert.equal(r.error.docRef, url);
  assert.match(r.error.reason, /no answer within 0\.2 s/);
});

test('an unreachable host and a non-http URL: errors, not throws', async () => {
  const [refused] = await fetchFeed('http://127.0.0.1:1/feed', { ...options, timeoutMs: 2000 });
  assert.ok(refused && !refused.ok);
  assert.match(refused.error.reason, /cannot connect/);
  const [ftp] = await fetchFeed('ftp://example.org/feed', options);
  assert.ok(ftp && !ftp.ok);
  assert.match(ftp.error.reason, /only http and https/);
});
