// `faultline eval geoparse`: the metrics of Gritta et al., the two corpus layouts, and a smoke run on GeoWebNews.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  accuracyAt, evaluateGeoparse, formatReport, logErrorAuc, loadCorpus, makeResolver, MAX_ERROR_KM, mean, median, parseCorpus, resolveNames,
  summarizeErrors, type Reading, type Resolver,
} from '../../src/eval/geoparse.ts';
import { importGeonames, loadBundledGazetteer } from '../../src/gazetteer/index.ts';

const root = join(fileURLToPath(import.meta.url), '..', '..', '..');
const GWN = join(root, '..', 'shared', 'eval', 'geoparse', 'GWN.xml');
const noCorpus = existsSync(GWN) ? false : `no GeoWebNews at ${GWN} (../shared is absent)`;

test('AUC of the log error curve: 0 for perfect, 1 for all at the maximum', () => {
  assert.equal(logErrorAuc([0, 0, 0, 0]), 0);
  assert.equal(logErrorAuc([MAX_ERROR_KM, MAX_ERROR_KM, MAX_ERROR_KM]), 1);
  assert.equal(logErrorAuc([1e9]), 1, 'errors beyond the maximum are the maximum');
  // Two errors: the trapezoid between ln(1)/ln(20039) = 0 and 1.
  assert.ok(Math.abs(logErrorAuc([MAX_ERROR_KM, 0]) - 0.5) < 1e-12);
  // Three errors, sorted 0, e, max: (0 + y)/2 + (y + 1)/2 over 2 intervals.
  const y = Math.log(101) / Math.log(MAX_ERROR_KM);
  assert.ok(Math.abs(logErrorAuc([MAX_ERROR_KM, 100, 0]) - (y + 0.5) / 2) < 1e-12);
  assert.ok(Number.isNaN(logErrorAuc([])));
});

test('mean, median and acc@161km', () => {
  assert.equal(median([5, 1, 3]), 3);
  assert.equal(median([4, 1, 3, 10]), 3.5);
  assert.equal(mean([1, 2, 3, 6]), 3);
  assert.equal(accuracyAt([0, 161, 161.5, 5000]), 0.5);
  const s = summarizeErrors([0, 10, 200, MAX_ERROR_KM]);
  assert.equal(s.n, 4);
  assert.equal(s.accAt161, 0.5);
  assert.equal(s.medianKm, 105);
  assert.equal(s.meanKm, (210 + MAX_ERROR_KM) / 4);
});

// Both layouts in miniature: GeoWebNews (extractedName, geonamesID, latitude) and TR-News (phrase, gaztag).
const FIXTURE = `<?xml version="1.0" ?>
<articles>
	<article file="0">
		<title>T</title>
		<text>Fighting near Gao &amp; in Mali's north; the library closed.</text>
		<toponyms>
			<toponym>
				<extractedName>Gao</extractedName>
				<type>Literal</type>
				<nonLocational>No</nonLocational>
				<start>14</start>
				<end>17</end>
				<geonamesID>2457163</geonamesID>
				<latitude>16.27167</latitude>
				<longitude>-0.04472</longitude>
			</toponym>
			<toponym>
				<extractedName>Mali</extractedName>
				<type>Literal_Modifier</type>
				<start>24</start>
				<end>28</end>
				<geonamesID/>
				<latitude>17</latitude>
				<longitude>-4</longitude>
			</toponym>
			<toponym>
				<extractedName>library</extractedName>
				<type>Literal_Expression</type>
				<start>43</start>
				<end>50</end>
			</toponym>
		</toponyms>
	</article>
	<article docid="77">
		<title>U</title>
		<text><![CDATA[In Ankara, Turkish police said.]]></text>
		<toponyms>
			<toponym>
				<phrase>Ankara</phrase>
				<start>3</start>
				<end>9</end>
				<gaztag geonameid="323786"><name>Ankara</name><fclass>P</fclass><fcode>PPLC</fcode><lat>39.91987</lat><lon>32.85427</lon></gaztag>
			</toponym>
			<toponym>
				<phrase>Turkish</phrase>
				<start>10</start>
				<end>17</end>
				<gaztag geonameid="298795"><name>Turkey</name><fclass>A</fclass><fcode>PCLI</fcode><lat>39</lat><lon>35</lon></gaztag>
			</toponym>
		</toponyms>
	</article>
</articles>`;

test('parseCorpus reads both layouts, with entities decoded and off offsets realigned', () => {
  const [gwn, tr] = parseCorpus(FIXTURE);
  assert.ok(gwn && tr);
  assert.equal(gwn.id, '0');
  assert.equal(gwn.text, "Fighting near Gao & in Mali's north; the library closed.");
  assert.deepEqual(gwn.toponyms.map((t) => [t.name, gwn.text.slice(t.start, t.end), t.geonameid, t.lat, t.type]), [
    ['Gao', 'Gao', 2457163, 16.27167, 'Literal'],
    // the corpus offset (24) is one off after the decoded "&amp;": realigned to the name
    ['Mali', 'Mali', null, 17, 'Literal_Modifier'],
    ['library', 'library', null, null, 'Literal_Expression'],
  ]);
  assert.equal(tr.id, '77');
  assert.deepEqual(tr.toponyms.map((t) => [t.name, tr.text.slice(t.start, t.end), t.geonameid, t.lon, t.type]), [
    ['Ankara', 'Ankara', 323786, 32.85427, 'PPLC'],
    ['Turkish', 'Turkish', 298795, 35, 'PCLI'],
  ]);
  assert.throws(() => parseCorpus('<foo/>'), /no <articles> root/);
});

test('resolveNames: one reading per name and document, the document\'s country breaking ties', () => {
  const r = (country: string, score: number, lat = 0): Reading => ({ kind: 'place', geonameid: score, lat, lon: 0, country, admin1: '01', score, label: country });
  const table: Record<string, Reading[]> = {
    Paris: [r('FR', 9), r('US', 8.5, 50)],
    Texas: [{ ...r('US', 9, 31), kind: 'admin1' }],
    Dallas: [r('US', 9, 33)],
  };
  const resolver: Resolver = { readings: (name) => table[name] ?? [] };
  const alone = resolveNames(['Paris'], resolver);
  assert.equal(alone.get('Paris')?.country, 'FR');
  const inTexas = resolveNames(['Paris', 'Texas', 'Dallas', 'Paris', 'Nowhere'], resolver);
  assert.equal(inTexas.get('Paris')?.country, 'US');
  assert.equal(inTexas.get('Nowhere'), null);
});

test('evaluateGeoparse on the fixture: countries, demonyms and towns resolved, the report printed', () => {
  const gaz = loadBundledGazetteer();
  const { report, outcomes } = evaluateGeoparse(parseCorpus(FIXTURE), gaz, { corpusName: 'fixture', gazetteerName: 'bundled' });
  assert.equal(report.resolution.toponyms, 4, 'the span without coordinates is not scored');
  assert.deepEqual(outcomes.map((o) => [o.name, o.predicted?.kind, o.errorKm < 161]), [
    ['Gao', 'place', true], ['Mali', 'country', true], ['Ankara', 'place', true], ['Turkish', 'country', true],
  ]);
  assert.equal(report.resolution.accAt161, 1);
  assert.equal(report.resolution.withId, 3);
  // Gao and Ankara by their GeoNames ids; the country reading carries none.
  assert.ok(Math.abs(report.resolution.exactIdAccuracy - 2 / 3) < 1e-12);
  assert.ok(report.endToEnd.recall > 0);
  assert.match(formatReport(report), /acc@161km\s+100\.0%/);
});

test('readings: a country or region takes GeoNames\' own point when an import holds its feature', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'faultline-geoparse-'));
  const row = (id: number, name: string, lat: number, lon: number, fcode: string, a1: string): string =>
    [id, name, name, '', lat, lon, 'A', fcode, 'ML', '', a1, '', '', '', 0, '', '300', 'Africa/Bamako', '2024-01-01'].join('\t');
  writeFileSync(join(dir, 'ML.txt'), `${row(91000001, 'Republic of Mali', 11.5, -3.5, 'PCLI', '00')}\n${row(91000002, 'Ségou Region', 13.9, -5.9, 'ADM1', '05')}\n`);
  try {
    const before = makeResolver(loadBundledGazetteer({ home: join(dir, 'empty') })).readings('Mali').find((r) => r.kind === 'country');
    assert.ok(before !== undefined && before.geonameid === null && before.lat !== 11.5, 'without an import: an estimate, no id');
    await importGeonames([join(dir, 'ML.txt')], { home: join(dir, 'home') });
    const resolver = makeResolver(loadBundledGazetteer({ home: join(dir, 'home') }));
    const mali = resolver.readings('Mali').find((r) => r.kind === 'country');
    assert.deepEqual([mali?.geonameid, mali?.lat, mali?.lon], [91000001, 11.5, -3.5]);
    const segou = resolver.readings('Ségou').find((r) => r.kind === 'admin1');
    assert.deepEqual([segou?.geonameid, segou?.lat], [91000002, 13.9]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('smoke: the first 10 articles of GeoWebNews', { skip: noCorpus }, () => {
  const articles = loadCorpus(GWN);
  assert.equal(articles.length, 200);
  const { report } = evaluateGeoparse(articles, loadBundledGazetteer(), { limit: 10 });
  assert.equal(report.articles, 10);
  assert.ok(report.resolution.toponyms > 100, `${report.resolution.toponyms} toponyms`);
  assert.ok(report.resolution.accAt161 > 0.3 && report.resolution.accAt161 <= 1, `acc@161 ${report.resolution.accAt161}`);
  assert.ok(report.resolution.auc > 0 && report.resolution.auc < 1);
  assert.ok(report.endToEnd.precision > 0.3 && report.endToEnd.recall > 0.3, JSON.stringify(report.endToEnd));
});

test('faultline eval geoparse --json --limit', { skip: noCorpus }, () => {
  const bin = join(root, 'bin', 'faultline.js');
  const r = spawnSync(process.execPath, [bin, 'eval', 'geoparse', '--corpus', GWN, '--limit', '3', '--json', '--home', mkdtempSync(join(tmpdir(), 'faultline-geoparse-'))], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const report = JSON.parse(r.stdout) as { articles: number; resolution: { accAt161: number } };
  assert.equal(report.articles, 3);
  assert.equal(typeof report.resolution.accAt161, 'number');
  const bad = spawnSync(process.execPath, [bin, 'eval', 'geoparse', '--corpus', GWN, '--limit', '0'], { encoding: 'utf8' });
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--limit/);
});
