import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { acledAscii, foldName, loadBundledGazetteer, loadGazetteer } from '../../src/gazetteer/index.ts';
import { cachePath } from '../../src/gazetteer/cache.ts';

const gaz = loadBundledGazetteer({});

test('folding: accents, case, hyphens, apostrophes and spaces', () => {
  assert.equal(foldName('Yélimané'), foldName('Yelimane'));
  assert.equal(foldName('In-Ates'), foldName('In Ates'));
  assert.equal(foldName('In Ates'), foldName('Inates'));
  assert.equal(foldName("N'Djamena"), 'ndjamena');
  assert.equal(foldName('Тимбукту'), null);
  assert.equal(gaz.lookup('Yelimane')[0]?.name, 'Yélimané');
  assert.equal(gaz.lookup('SEGOU')[0]?.geonameid, gaz.lookup('Ségou')[0]?.geonameid);
  assert.equal(gaz.lookup('Tanghin Dassouri')[0]?.name, 'Tanghin-Dassouri');
});

test('lookup: alternate names, monitored countries first', () => {
  assert.equal(gaz.lookup('Tombouctou')[0]?.name, 'Timbuktu');
  assert.equal(gaz.lookup('Timbuctoo')[0]?.country, 'ML');
  // Kayes is a town in Mali and in the Republic of the Congo.
  const kayes = gaz.lookup('Kayes', { countries: ['ML'] });
  assert.equal(kayes.length, 1);
  assert.equal(kayes[0]?.admin1Code, '03');
  assert.deepEqual(gaz.lookup('Kayes', { countries: ['NE'] }), []);
});

test('admin names: GeoNames spelling without wrappers, ACLED ASCII', () => {
  assert.equal(gaz.admin1Name('ML', '05'), 'Ségou');
  assert.equal(gaz.admin1Name('NE', '09'), 'Tillabéri');
  assert.equal(gaz.admin1Name('BF', '02'), 'Cascades');
  assert.equal(gaz.admin2Name('ML', '05', '8631514'), 'Niono');
  assert.equal(gaz.admin2Name('BF', '12', '40'), 'Soum');
  assert.equal(acledAscii('Ségou'), 'Segou');
  assert.equal(acledAscii('Tillabéri'), 'Tillaberi');
  assert.equal(acledAscii('Cercle de Niono'), 'Niono');
  assert.equal(acledAscii('Tillabéri Region'), 'Tillaberi');
  assert.equal(acledAscii('Département d’ Aguié'), 'Aguie');
  assert.equal(acledAscii('Province du Séno'), 'Seno');
});

test('findAdmin1: regions named after capitals, English and French forms', () => {
  const t = gaz.findAdmin1('Timbuktu');
  assert.equal(t[0]?.code, '08');
  assert.equal(t[0]?.name, 'Tombouctou');
  assert.equal(t[0]?.capital?.name, 'Timbuktu');
  assert.equal(gaz.findAdmin1('Centre-North')[0]?.name, 'Centre-Nord');
  assert.equal(gaz.findAdmin1('Centre-Nord')[0]?.capital?.name, 'Kaya');
  assert.equal(gaz.findAdmin1('Sahel', ['BF'])[0]?.code, '12');
  assert.equal(gaz.findAdmin1('Tillaberi')[0]?.code, '09');
  assert.equal(gaz.findAdmin1('Tillabéri region')[0]?.country, 'NE');
  assert.equal(gaz.findAdmin1('région de Mopti')[0]?.capital?.name, 'Mopti');
  assert.equal(gaz.findAdmin1('Kidal')[0]?.capital?.name, 'Kidal');
});

test('findAdmin2: kind words ignored, current names, seats', () => {
  const soum = gaz.findAdmin2('Soum province');
  assert.equal(soum[0]?.name, 'Soum');
  assert.equal(soum[0]?.seat?.name, 'Djibo');
  const niono = gaz.findAdmin2('Niono cercle');
  assert.equal(niono[0]?.code, '8631514');
  assert.equal(niono[0]?.seat?.name, 'Niono');
  assert.equal(gaz.findAdmin2('Douentza district')[0]?.admin1Code, '04');
  assert.equal(gaz.findAdmin2('cercle de Douentza')[0]?.seat?.name, 'Douentza');
});

test('countries: names and numeric ISO', () => {
  assert.equal(gaz.countryName('BF'), 'Burkina Faso');
  assert.equal(gaz.countryIsoNumeric('ML'), 466);
  assert.equal(gaz.countryIsoNumeric('BF'), 854);
  assert.equal(gaz.countryIsoNumeric('NE'), 562);
  assert.equal(gaz.countryIsoNumeric('XX'), null);
  assert.deepEqual(gaz.findCountry('Burkina'), ['BF']);
  assert.deepEqual(gaz.findCountry("Mali's"), ['ML']);
});

test('admin2For: the code when present, else the nearest seat in the admin1', () => {
  const sokolo = gaz.lookup('Sokolo', { countries: ['ML'] })[0]!;
  assert.equal(gaz.admin2For(sokolo)?.name, 'Niono');
  const djibo = gaz.lookup('Djibo')[0]!;
  assert.equal(gaz.admin2For(djibo)?.name, 'Soum');
});

test('load time sanity, per-process cache and index cache file', () => {
  assert.equal(loadBundledGazetteer({}), gaz, 'cached per process');
  const home = mkdtempSync(join(tmpdir(), 'faultline-gaz-'));
  try {
    let t = performance.now();
    const built = loadGazetteer({ home });
    const buildMs = performance.now() - t;
    assert.ok(existsSync(cachePath(home)), 'cache written');
    t = performance.now();
    const cached = loadGazetteer({ home });
    const cachedMs = performance.now() - t;
    assert.equal(cached.lookup('Djibo')[0]?.geonameid, built.lookup('Djibo')[0]?.geonameid);
    t = performance.now();
    for (let i = 0; i < 10000; i++) cached.lookup('Yélimané');
    const lookupUs = ((performance.now() - t) / 10000) * 1000;
    // Reported, not asserted: timings depend on the machine.
    console.log(`gazetteer build ${Math.round(buildMs)} ms, from cache ${Math.round(cachedMs)} ms, lookup ${lookupUs.toFixed(2)} µs`);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
});

const shared = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'shared', 'geonames');
test('full country dumps add villages', { skip: existsSync(join(shared, 'ML.txt')) ? false : `no GeoNames dumps at ${shared}` }, () => {
  const full = loadGazetteer({ geonamesFiles: [join(shared, 'ML.txt')] });
  assert.equal(gaz.lookup('Soumouni', { countries: ['ML'] }).length, 0);
  assert.ok(full.lookup('Soumouni', { countries: ['ML'] }).length > 0);
});
