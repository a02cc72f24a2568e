// `faultline gazetteer download` against a local HTTP server (127.0.0.1, port 0) serving a fixture zip and
// fixture admin tables. Nothing here contacts any other address.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import yazl from 'yazl';
import {
  downloadGeonames, downloadsDir, GazetteerDownloadError, GazetteerImportError, indexPath, loadBundledGazetteer,
} from '../../src/gazetteer/index.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

function row(id: number, name: string, ascii: string, lat: number, lon: number, fclass: string, fcode: string, cc: string, a1: string, a2 = ''): string {
  return [id, name, ascii, '', lat, lon, fclass, fcode, cc, '', a1, a2, '', '', 0, '', '300', 'Africa/Bamako', '2024-01-01'].join('\t');
}
const ZZ_TXT = [
  row(91000001, 'Tin Télout', 'Tin Telout', 15.1, -1.5, 'P', 'PPL', 'ZZ', '01', '101'),
  row(91000002, 'Puits de Zéda', 'Puits de Zeda', 15.2, -1.4, 'H', 'WLL', 'ZZ', '01'),
].join('\n') + '\n';
const ZY_TXT = row(91000010, 'Yabaville', 'Yabaville', 13.0, 2.0, 'P', 'PPL', 'ZY', '03') + '\n';
const ADMIN1 = 'ZZ.01\tZedland Nord\tZedland Nord\t91000100\nZY.03\tYabaland\tYabaland\t91000101\n';
const ADMIN2 = 'ZZ.01.101\tCercle de Telout\tCercle de Telout\t91000102\n';

function zipOf(entries: Record<string, string>): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const zip = new yazl.ZipFile();
    for (const [name, text] of Object.entries(entries)) zip.addBuffer(Buffer.from(text), name);
    zip.end();
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve(Buffer.concat(chunks))).on('error', reject);
  });
}

interface Dumps {
  server: Server;
  base: string;
  requests: string[];
  close: () => Promise<void>;
}

/** Serves /dump/ZZ.zip, /dump/ZY.zip, the admin tables, /dump/XX.zip (not a zip), /dump/TR.zip (cut short), /dump/FL.zip (HTTP 500). */
async function serveDumps(): Promise<Dumps> {
  const files = new Map<string, Buffer>([
    ['/dump/ZZ.zip', await zipOf({ 'ZZ.txt': ZZ_TXT, 'readme.txt': 'GeoNames readme\n' })],
    ['/dump/ZY.zip', await zipOf({ 'ZY.txt': ZY_TXT })],
    ['/dump/admin1CodesASCII.txt', Buffer.from(ADMIN1)],
    ['/dump/admin2Codes.txt', Buffer.from(ADMIN2)],
    ['/dump/XX.zip', Buffer.from('<html>not a zip</html>\n')],
  ]);
  const requests: string[] = [];
  const server = createServer((req, res) => {
    const path = req.url ?? '';
    requests.push(path);
    if (path === '/dump/TR.zip') {
      // Promises 4096 bytes, sends 100, hangs up.
      res.writeHead(200, { 'content-type': 'application/zip', 'content-length': '4096' });
      res.write(Buffer.alloc(100));
      setTimeout(() => res.socket?.destroy(), 20);
      return;
    }
    if (path === '/dump/FL.zip') {
      res.writeHead(500, { 'content-type': 'text/plain' }).end('boom\n');
      return;
    }
    const body = files.get(path);
    if (body === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(body.length) });
    // In two writes, so the client reads a stream, not one chunk.
    res.write(body.subarray(0, body.length >> 1));
    setImmediate(() => res.end(body.subarray(body.length >> 1)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    server, requests, base: `http://127.0.0.1:${port}/dump`,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

function indexHash(home: string): string {
  return createHash('sha256').update(readFileSync(indexPath(home))).digest('hex');
}

function cli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(root, 'bin', 'faultline.js'), 'gazetteer', ...args], { encoding: 'utf8', env: { ...process.env, ...env } },
      (err, stdout, stderr) => resolve({ status: err === null ? 0 : typeof err.code === 'number' ? err.code : -1, stdout, stderr }));
  });
}

test('download: fetches the country zips and admin tables from the base URL, keeps them, imports them', async () => {
  const dumps = await serveDumps();
  const home = mkdtempSync(join(tmpdir(), 'faultline-download-'));
  try {
    const seen: string[] = [];
    const result = await downloadGeonames(['zz', 'ZY', 'ZZ'], {
      home, baseUrl: `${dumps.base}/`, env: {}, onDownload: (p) => { if (p.done) seen.push(p.url); },
    });
    assert.deepEqual(dumps.requests, ['/dump/ZZ.zip', '/dump/ZY.zip', '/dump/admin1CodesASCII.txt', '/dump/admin2Codes.txt']);
    assert.deepEqual(seen, dumps.requests.map((p) => `${dumps.base}${p.slice('/dump'.length)}`));
    assert.deepEqual(readdirSync(downloadsDir(home)).sort(), ['ZY.zip', 'ZZ.zip', 'admin1CodesASCII.txt', 'admin2Codes.txt']);
    assert.equal(readFileSync(join(downloadsDir(home), 'admin1CodesASCII.txt'), 'utf8'), ADMIN1);
    assert.equal(result.import.rows, 3 + 2 + 1);
    assert.deepEqual(result.import.files.map((f) => [f.kind, f.rows, f.countries.join()]),
      [['geonames', 2, 'ZZ'], ['geonames', 1, 'ZY'], ['admin1', 2, 'ZY,ZZ'], ['admin2', 1, 'ZZ']]);
    const gaz = loadBundledGazetteer({ home });
    assert.equal(gaz.lookup('Tin Telout')[0]?.geonameid, 91000001);
    assert.equal(gaz.lookup('Yabaville')[0]?.country, 'ZY');
    assert.equal(gaz.admin1Name('ZZ', '01'), 'Zedland Nord');
  } finally {
    await dumps.close();
    rmSync(home, { recursive: true, force: true });
  }
});

test('download: a 404, a cut connection, an HTTP 500 or a non-zip leave the index as it was', async () => {
  const dumps = await serveDumps();
  const home = mkdtempSync(join(tmpdir(), 'faultline-download-'));
  try {
    await downloadGeonames(['ZZ'], { home, baseUrl: dumps.base, admin: false });
    const before = indexHash(home);

    // QQ is two letters but GeoNames has no QQ.zip: the error names the status and the URL.
    await assert.rejects(downloadGeonames(['ZY', 'QQ'], { home, baseUrl: dumps.base }), (err: unknown) => {
      assert.ok(err instanceof GazetteerDownloadError);
      assert.equal(err.reason, 'not-found');
      assert.equal(err.status, 404);
      assert.match(err.message, new RegExp(`^${dumps.base}/QQ\\.zip: HTTP 404`));
      assert.match(err.message, /is QQ a country code/);
      return true;
    });
    assert.equal(indexHash(home), before);
    assert.equal(loadBundledGazetteer({ home }).lookup('Yabaville').length, 0, 'ZY was downloaded but not imported');

    await assert.rejects(downloadGeonames(['TR'], { home, baseUrl: dumps.base }), (err: unknown) => {
      assert.ok(err instanceof GazetteerDownloadError);
      assert.equal(err.reason, 'failed');
      assert.match(err.message, /TR\.zip: (truncated|connection lost)/);
      return true;
    });
    await assert.rejects(downloadGeonames(['FL'], { home, baseUrl: dumps.base }),
      (err: unknown) => err instanceof GazetteerDownloadError && err.status === 500 && /FL\.zip: HTTP 500/.test(err.message));
    await assert.rejects(downloadGeonames(['XX'], { home, baseUrl: dumps.base, admin: false }),
      (err: unknown) => err instanceof GazetteerImportError && /XX\.zip: not a readable zip/.test(err.message));
    assert.equal(indexHash(home), before);
    // No partial file is left under a dump's name (nor as a .part).
    const left = readdirSync(downloadsDir(home));
    assert.ok(!left.includes('TR.zip') && !left.some((n) => n.endsWith('.part')), left.join());

    // Bad codes are refused before any request.
    const n = dumps.requests.length;
    await assert.rejects(downloadGeonames(['ML', 'M1'], { home, baseUrl: dumps.base }), /unknown country code 'M1'/);
    await assert.rejects(downloadGeonames(['MLI'], { home, baseUrl: dumps.base }), /unknown country code 'MLI'/);
    await assert.rejects(downloadGeonames(['ML'], { home, baseUrl: 'ftp://example.invalid/dump' }), /only http and https/);
    assert.equal(dumps.requests.length, n);
    // A port nothing listens on: a network failure, not a hang.
    const closed = await serveDumps();
    const deadBase = closed.base;
    await closed.close();
    await assert.rejects(downloadGeonames(['ZZ'], { home, baseUrl: deadBase }),
      (err: unknown) => err instanceof GazetteerDownloadError && err.reason === 'failed' && /cannot connect/.test(err.message));
    assert.equal(indexHash(home), before);
  } finally {
    await dumps.close();
    rmSync(home, { recursive: true, force: true });
  }
});

test('faultline gazetteer download: exit statuses, FAULTLINE_GEONAMES_URL, --no-admin', async () => {
  const dumps = await serveDumps();
  const home = mkdtempSync(join(tmpdir(), 'faultline-download-'));
  try {
    let r = await cli(['download', 'ZZ', '--home', home], { FAULTLINE_GEONAMES_URL: dumps.base });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /downloaded 3 files/);
    assert.match(r.stdout, /imported 5 rows from 3 files/);
    assert.deepEqual(dumps.requests, ['/dump/ZZ.zip', '/dump/admin1CodesASCII.txt', '/dump/admin2Codes.txt']);
    const before = indexHash(home);

    // The option beats the environment; --no-admin fetches the country only.
    dumps.requests.length = 0;
    r = await cli(['download', 'ZY', '--no-admin', '--base-url', dumps.base, '--home', home], { FAULTLINE_GEONAMES_URL: 'http://127.0.0.1:1/nowhere' });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(dumps.requests, ['/dump/ZY.zip']);
    const after = indexHash(home);
    assert.notEqual(after, before);

    r = await cli(['download', 'ZZ', 'QQ', '--base-url', dumps.base, '--home', home]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, new RegExp(`${dumps.base}/QQ\\.zip: HTTP 404`));
    assert.match(r.stderr, /nothing imported; the gazetteer index is as it was/);
    assert.equal(indexHash(home), after);

    r = await cli(['download', 'Mali', '--base-url', dumps.base, '--home', home]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /unknown country code 'Mali'/);
    r = await cli(['download', 'FL', '--base-url', dumps.base, '--home', home]);
    assert.equal(r.status, 3);
    assert.match(r.stderr, /FL\.zip: HTTP 500/);
    r = await cli(['download', 'XX', '--no-admin', '--base-url', dumps.base, '--home', home]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /XX\.zip: not a readable zip/);
    assert.equal(indexHash(home), after);
    assert.ok(existsSync(join(downloadsDir(home), 'ZY.zip')));
  } finally {
    await dumps.close();
    rmSync(home, { recursive: true, force: true });
  }
});
