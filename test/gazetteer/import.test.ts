import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import yazl from 'yazl';
import {
  GazetteerImportError, importGeonames, indexPath, IndexStore, loadBundledGazetteer, loadIndexedGazetteer,
} from '../../src/gazetteer/index.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

// A made-up country, ZZ: GeoNames rows of 19 tab-separated columns.
interface Place { id: number; name: string; ascii: string; alt?: string; lat: number; lon: number; fclass: string; fcode: string; a1: string; a2?: string; pop?: number }
const PLACES: Place[] = [
  { id: 90000001, name: 'Ouro Tessékré', ascii: 'Ouro Tessekre', alt: 'Ouro-Tessekre,Wuro Tessekre', lat: 14.51, lon: -1.22, fclass: 'P', fcode: 'PPL', a1: '01', a2: '101' },
  { id: 90000002, name: 'Bir Zéfrane', ascii: 'Bir Zefrane', lat: 15.02, lon: -0.51, fclass: 'H', fcode: 'WLL', a1: '01' },
  { id: 90000003, name: 'Adrar Tessaft', ascii: 'Adrar Tessaft', lat: 15.3, lon: -0.2, fclass: 'T', fcode: 'HLL', a1: '02' },
  { id: 90000004, name: 'Zedville', ascii: 'Zedville', alt: 'Zed City', lat: 14.0, lon: -1.0, fclass: 'P', fcode: 'PPLA', a1: '01', a2: '101', pop: 25000 },
  { id: 90000005, name: 'École de Zedville', ascii: 'Ecole de Zedville', lat: 14.0, lon: -1.0, fclass: 'S', fcode: 'SCH', a1: '01' },
];

function geonamesLine(p: Place): string {
  return [p.id, p.name, p.ascii, p.alt ?? '', p.lat, p.lon, p.fclass, p.fcode, 'ZZ', '', p.a1, p.a2 ?? '', '', '', p.pop ?? 0, '', '300',
    'Africa/Bamako', '2024-01-01'].join('\t');
}
const ZZ_TXT = PLACES.map(geonamesLine).join('\n') + '\n';
const ADMIN1 = 'ZZ.01\tZedland Nord\tZedland Nord\t90000100\nZZ.02\tZedland Sud\tZedland Sud\t90000101\n';
const ADMIN2 = 'ZZ.01.101\tCercle de Zedville\tCercle de Zedville\t90000102\n';

function zipOf(entries: Record<string, string>, out: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const zip = new yazl.ZipFile();
    for (const [name, text] of Object.entries(entries)) zip.addBuffer(Buffer.from(text), name);
    zip.end();
    zip.outputStream.pipe(createWriteStream(out)).on('close', () => resolve()).on('error', reject);
  });
}

interface Fixture { dir: string; home: string; txt: string; zip: string; admin1: string; admin2: string }

function fixture(): Fixture {
  const dir = mkdtempSync(join(tmpdir(), 'faultline-import-'));
  const files = join(dir, 'dumps');
  mkdirSync(files);
  const f = { dir, home: join(dir, 'home'), txt: join(files, 'ZZ.txt'), zip: join(dir, 'ZZ.zip'), admin1: join(files, 'admin1CodesASCII.txt'), admin2: join(files, 'admin2Codes.txt') };
  writeFileSync(f.txt, ZZ_TXT);
  writeFileSync(f.admin1, ADMIN1);
  writeFileSync(f.admin2, ADMIN2);
  return f;
}

function indexHash(home: string): string {
  return createHash('sha256').update(readFileSync(indexPath(home))).digest('hex');
}

function counts(home: string): { places: number; names: number; admin1: number; admin2: number } {
  const store = new IndexStore(indexPath(home));
  try {
    const { places, names, admin1, admin2 } = store.info();
    return { places, names, admin1, admin2 };
  } finally {
    store.close();
  }
}

test('import: a country file and the admin tables, then look-ups in the combined gazetteer', async () => {
  const f = fixture();
  try {
    const progress: number[] = [];
    const result = await importGeonames([f.txt, f.admin1, f.admin2], { home: f.home, onProgress: (p) => progress.push(p.rows) });
    assert.equal(result.rows, PLACES.length + 3);
    assert.deepEqual(result.files.map((x) => [x.kind, x.rows, x.countries.join()]), [['geonames', 5, 'ZZ'], ['admin1', 2, 'ZZ'], ['admin2', 1, 'ZZ']]);
    assert.ok(progress.length >= 3, 'progress at the end of each file');
    assert.deepEqual(counts(f.home), { places: 5, names: counts(f.home).names, admin1: 2, admin2: 1 });

    const gaz = loadBundledGazetteer({ home: f.home });
    // Villages, wells, hills the bundled data lacks; folded spellings meet.
    for (const spelling of ['Ouro Tessékré', 'OURO-TESSEKRE', 'Wuro Tessekre', 'ourotessekre']) {
      assert.equal(gaz.lookup(spelling)[0]?.geonameid, 90000001, spelling);
    }
    assert.equal(gaz.lookup('Bir Zefrane')[0]?.featureCode, 'WLL');
    assert.equal(gaz.lookup('Adrar Tessaft', { countries: ['ZZ'] })[0]?.featureClass, 'T');
    assert.deepEqual(gaz.lookup('Adrar Tessaft', { countries: ['ML'] }), []);
    // Spots (schools) are not kept as places, as in loadGazetteer({geonamesFiles}).
    assert.deepEqual(gaz.lookup('Ecole de Zedville'), []);
    // Admin names from the imported tables; the dump's PPLA is the region's capital. (Admin2 units, their
    // seats and admin2For are built for the West African countries only: see the shared-dumps test.)
    assert.equal(gaz.admin1Name('ZZ', '01'), 'Zedland Nord');
    assert.equal(gaz.admin2Name('ZZ', '01', '101'), 'Zedville');
    assert.equal(gaz.findAdmin1('Zedland Nord')[0]?.capital?.name, 'Zedville');
    // The bundled data still answers.
    assert.equal(gaz.lookup('Yelimane')[0]?.name, 'Yélimané');
    assert.equal(gaz.admin1Name('ML', '05'), 'Ségou');

    // The FTS5 index finds partial names, the R*Tree points (look-up speed is bench/gazetteer's).
    const store = new IndexStore(indexPath(f.home));
    try {
      assert.equal(store.fuzzy('tessek')[0]?.entry.geonameid, 90000001);
      assert.equal(store.near(15.02, -0.51, 0.1).map((e) => e.geonameid).join(), '90000002');
    } finally {
      store.close();
    }
  } finally {
    rmSync(f.dir, { recursive: true, force: true });
  }
});

test('import: area features give a country and a region GeoNames\' own point, and places their admin3', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'faultline-import-'));
  const row = (id: number, name: string, lat: number, lon: number, fclass: string, fcode: string, a1: string, a2: string, a3: string): string =>
    [id, name, name, '', lat, lon, fclass, fcode, 'ML', '', a1, a2, a3, '', 0, '', '300', 'Africa/Bamako', '2024-01-01'].join('\t');
  // Points deliberately away from any other source's: only the import can have put them there.
  const dump = [
    row(91000001, 'Republic of Mali', 11.5, -3.5, 'A', 'PCLI', '00', '', ''),
    row(91000002, 'Région de Ségou', 13.9, -5.9, 'A', 'ADM1', '05', '', ''),
    row(91000003, 'Commune de Dioro', 13.45, -5.8, 'A', 'ADM3', '05', '8631496', '9210001'),
    row(91000004, 'Kourouma Bozo', 13.44, -5.82, 'P', 'PPL', '05', '8631496', '9210001'),
    row(91000005, 'Kourouma Peul', 13.3, -5.7, 'P', 'PPL', '05', '8631496', ''),
  ].join('\n') + '\n';
  writeFileSync(join(dir, 'ML.txt'), dump);
  try {
    await importGeonames([join(dir, 'ML.txt')], { home: join(dir, 'home') });
    const gaz = loadBundledGazetteer({ home: join(dir, 'home') });
    assert.deepEqual([gaz.countryFeature('ML')?.geonameid, gaz.countryFeature('ML')?.lat], [91000001, 11.5]);
    assert.equal(gaz.admin1Feature('ML', '05')?.geonameid, 91000002);
    assert.equal(gaz.countryFeature('BF'), null, 'a country the import does not hold');
    assert.equal(gaz.admin3Name(gaz.lookup('Kourouma Bozo')[0]!), 'Dioro');
    assert.equal(gaz.admin3Name(gaz.lookup('Kourouma Peul')[0]!), '', 'no admin3 code, no admin3');
    // Area features are not places: a name look-up never answers with the country or the region.
    assert.deepEqual(gaz.lookup('Republic of Mali'), []);
    // The bundled gazetteer alone has no area features.
    const bundled = loadBundledGazetteer({ home: join(dir, 'empty-home') });
    assert.equal(bundled.countryFeature('ML'), null);
    assert.equal(bundled.admin1Feature('ML', '05'), null);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('import: alternateNamesV2.zip adds names to the places of the index, in the same import or a later one', async () => {
  const f = fixture();
  const alt = (id: number, geonameid: number, lang: string, name: string): string => [id, geonameid, lang, name, '', '', '', '', '', ''].join('\t');
  const rows = [
    alt(1, 90000004, 'fr', 'Zédopolis'),
    alt(2, 90000004, 'link', 'https://en.wikipedia.org/wiki/Zedville'),
    alt(3, 90000004, 'post', '99001'),
    alt(4, 90000004, 'iata', 'ZDV'),
    alt(5, 90009999, 'en', 'Nowhere Town'), // a place the index does not hold
    alt(6, 90000002, '', 'Puits de Zéfrane'),
  ].join('\n') + '\n';
  const zip = join(f.dir, 'alternateNamesV2.zip');
  await zipOf({ 'alternateNamesV2.txt': rows, 'iso-languagecodes.txt': 'ISO 639-3\tISO 639-2\tISO 639-1\tLanguage Name\n' }, zip);
  try {
    // Given before the dump: read after it all the same.
    const r = await importGeonames([zip, f.txt], { home: f.home });
    assert.deepEqual(r.files.map((x) => x.kind), ['geonames', 'alternateNames']);
    const gaz = loadBundledGazetteer({ home: f.home });
    assert.equal(gaz.lookup('Zedopolis')[0]?.geonameid, 90000004);
    assert.equal(gaz.lookup('Puits de Zefrane')[0]?.geonameid, 90000002);
    for (const notAName of ['99001', 'ZDV', 'Nowhere Town']) assert.deepEqual(gaz.lookup(notAName), [], notAName);
    let store = new IndexStore(indexPath(f.home));
    assert.equal(store.fuzzy('edopoli')[0]?.entry.geonameid, 90000004, 'the FTS row holds the new name');
    store.close();

    // On an index built earlier: the places' FTS rows are rebuilt with their new names.
    const home2 = join(f.dir, 'home2');
    await importGeonames([f.txt], { home: home2 });
    await importGeonames([zip], { home: home2 });
    store = new IndexStore(indexPath(home2));
    try {
      assert.equal(store.fuzzy('edopoli')[0]?.entry.geonameid, 90000004);
      assert.equal(store.fuzzy('tessekre')[0]?.entry.geonameid, 90000001, 'untouched places keep theirs');
      assert.equal(store.byKey('zedopolis')[0]?.geonameid, 90000004);
    } finally {
      store.close();
    }
    // A file that is not alternate names: a clear error, the index unchanged.
    const bad = join(f.dir, 'alternateNamesV2.txt');
    writeFileSync(bad, 'Zedville\tZed City\n');
    await assert.rejects(importGeonames([bad], { home: home2 }), /alternateNamesV2\.txt:1: expected an alternate name row .*found 2 columns/);
  } finally {
    rmSync(f.dir, { recursive: true, force: true });
  }
});

test('import: a zip (as GeoNames publishes them) and a folder; re-import replaces, never duplicates', async () => {
  const f = fixture();
  try {
    await zipOf({ 'ZZ.txt': ZZ_TXT, 'readme.txt': 'GeoNames readme\n' }, f.zip);
    await importGeonames([f.zip], { home: f.home });
    const first = counts(f.home);
    assert.equal(first.places, 5);
    await importGeonames([f.zip], { home: f.home });
    assert.deepEqual(counts(f.home), first);
    // The folder: ZZ.txt and both admin tables (a readme beside them is skipped).
    writeFileSync(join(dirname(f.txt), 'readme.txt'), 'not a table\n');
    const r = await importGeonames([dirname(f.txt)], { home: f.home });
    assert.deepEqual(r.files.map((x) => x.kind).sort(), ['admin1', 'admin2', 'geonames']);
    assert.equal(r.skipped.length, 1);
    assert.equal(counts(f.home).places, 5);
    // A new dump of the country without the well, with a renamed village: the old rows go.
    const changed = PLACES.filter((p) => p.id !== 90000002).map((p) => (p.id === 90000001 ? { ...p, name: 'Ouro Tessekré II', ascii: 'Ouro Tessekre II', alt: '' } : p));
    writeFileSync(f.txt, changed.map(geonamesLine).join('\n') + '\n');
    await importGeonames([f.txt], { home: f.home });
    assert.equal(counts(f.home).places, 4);
    const gaz = loadIndexedGazetteer({ home: f.home });
    assert.deepEqual(gaz.lookup('Bir Zefrane'), []);
    assert.deepEqual(gaz.lookup('Wuro Tessekre'), []);
    assert.equal(gaz.lookup('Ouro Tessekre II')[0]?.geonameid, 90000001);
    const store = new IndexStore(indexPath(f.home));
    try {
      const info = store.info();
      assert.equal(info.imports.filter((i) => i.kind === 'geonames').length, 1, 'the replaced imports are no longer listed');
      assert.equal(store.fuzzy('zefrane').length, 0, 'FTS rows replaced too');
    } finally {
      store.close();
    }
  } finally {
    rmSync(f.dir, { recursive: true, force: true });
  }
});

test('import: a truncated zip, a 10-column line, a random text file fail clearly and leave the index as it was', async () => {
  const f = fixture();
  try {
    await importGeonames([f.txt, f.admin1], { home: f.home });
    const before = indexHash(f.home);

    await zipOf({ 'ZZ.txt': ZZ_TXT.repeat(50) }, f.zip);
    const truncated = join(f.dir, 'BF.zip');
    const bytes = readFileSync(f.zip);
    writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const tenColumns = join(f.dir, 'ML.txt');
    writeFileSync(tenColumns, [geonamesLine(PLACES[0]!), geonamesLine(PLACES[1]!), 'x\t'.repeat(9) + 'x'].join('\n') + '\n');
    const random = join(f.dir, 'notes.txt');
    writeFileSync(random, 'Meeting notes\nnothing tabular here\n');
    const badAdmin = join(f.dir, 'admin2Codes.txt');
    writeFileSync(badAdmin, ADMIN2 + 'ZZ.01\tonly an admin1 code\tx\t1\n');

    const cases: [string[], RegExp, number | null][] = [
      [[f.txt, truncated], /BF\.zip: not a readable zip .*truncated/, null],
      [[f.txt, tenColumns], /ML\.txt:3: expected 19 tab-separated columns .* found 10/, 3],
      [[random], /notes\.txt:1: expected 19 tab-separated columns .* found 1: is this a GeoNames dump\?/, 1],
      [[f.txt, badAdmin], /admin2Codes\.txt:2: expected an admin2 code row/, 2],
    ];
    for (const [paths, message, line] of cases) {
      await assert.rejects(importGeonames(paths, { home: f.home }), (err: unknown) => {
        assert.ok(err instanceof GazetteerImportError);
        assert.match(err.message, message);
        assert.equal(err.line, line);
        return true;
      });
      assert.equal(indexHash(f.home), before, `index unchanged after ${paths.join(' ')}`);
    }
    await assert.rejects(importGeonames([join(f.dir, 'missing.zip')], { home: f.home }), /missing\.zip: no such file/);
    assert.deepEqual(readdirSync(dirname(indexPath(f.home))).filter((n) => n.startsWith('geonames')), ['geonames.sqlite'], 'no temporary file left');
    assert.equal(loadIndexedGazetteer({ home: f.home }).lookup('Bir Zefrane')[0]?.geonameid, 90000002);
  } finally {
    rmSync(f.dir, { recursive: true, force: true });
  }
});

test('faultline gazetteer import/info/lookup: exit statuses and output', async () => {
  const f = fixture();
  try {
    const cli = (...args: string[]) => spawnSync(process.execPath, [join(root, 'bin', 'faultline.js'), 'gazetteer', ...args, '--home', f.home], { encoding: 'utf8' });
    let r = cli('import', dirname(f.txt));
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /imported 8 rows from 3 files/);
    const bad = join(f.dir, 'NE.txt');
    writeFileSync(bad, 'a\tb\n');
    r = cli('import', bad);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /NE\.txt:1: expected 19 tab-separated columns/);
    assert.match(r.stderr, /nothing imported/);
    r = cli('import', join(f.dir, 'nope.zip'));
    assert.equal(r.status, 2);
    r = cli('lookup', 'ouro tessekre', '--country', 'ZZ');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /score\s+geonameid\s+name/);
    assert.match(r.stdout, /90000001\s+Ouro Tessékré\s+P\.PPL\s+ZZ\s+Zedland Nord\s/);
    r = cli('info');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /places: 5/);
    assert.match(r.stdout, /ZZ\.txt\s+geonames\s+5\s+ZZ/);
  } finally {
    rmSync(f.dir, { recursive: true, force: true });
  }
});

const shared = join(root, '..', 'shared', 'geonames');
test('the three shared country dumps: I-n-Gouzma in Mali', { skip: existsSync(join(shared, 'ML.txt')) ? false : `no GeoNames dumps at ${shared}` }, async () => {
  const home = mkdtempSync(join(tmpdir(), 'faultline-import-shared-'));
  try {
    const files = ['ML.txt', 'BF.txt', 'NE.txt', 'admin1CodesASCII.txt', 'admin2Codes.txt'].map((n) => join(shared, n));
    const t = performance.now();
    const result = await importGeonames(files, { home });
    console.log(`imported ${result.rows} rows in ${Math.round(performance.now() - t)} ms`);
    const gaz = loadBundledGazetteer({ home });
    for (const name of ['I-n-Gouzma', 'In-Gouzma', 'In Gouzma']) {
      const e = gaz.lookup(name, { countries: ['ML'] })[0];
      assert.equal(e?.geonameid, 2456335, name);
      assert.ok(Math.abs(e.lat - 17.60) < 0.01 && Math.abs(e.lon + 2.16) < 0.01);
      assert.equal(gaz.admin1Name(e.country, e.admin1Code), 'Tombouctou');
    }
    assert.equal(gaz.lookup('Sokolo', { countries: ['ML'] })[0]?.geonameid, 2450849);
    assert.equal(gaz.admin2For(gaz.lookup('Sokolo', { countries: ['ML'] })[0]!)?.name, 'Niono');
    assert.equal(gaz.admin2Name('BF', '12', '40'), 'Soum');
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
});
