// The seed article (../shared/seed): the first text every version of the extractor must get right.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createExtractor, type Extractor } from '../../src/coder/extract.ts';
import { importGeonames } from '../../src/gazetteer/import.ts';
import type { Document, FaultlineEvent } from '../../src/domain/schemas.ts';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const SEED = resolve(ROOT, '../shared/seed/docs.jsonl');
const SKIP = existsSync(SEED) ? false : `seed not found at ${SEED} (../shared/seed/docs.jsonl relative to the project root)`;

let extractor: Extractor;
let seed: Document;
let events: FaultlineEvent[];

before(async () => {
  extractor = await createExtractor({ countries: ['ML', 'BF', 'NE'], home: mkdtempSync(join(tmpdir(), 'faultline-seed-')) });
  if (SKIP) return;
  const line = readFileSync(SEED, 'utf8').split('\n').find((l) => l.trim() !== '');
  seed = JSON.parse(line ?? '{}') as Document;
  events = extractor.extract(seed);
});

const show = (evs: FaultlineEvent[]) =>
  evs
    .map((e) => `${e.event_date} ${e.sub_event_type} | ${e.actor1} / ${e.actor2} | ${e.location} (${e.admin1}) gp${e.geo_precision} | fat ${e.fatalities}`)
    .join('\n');

const isSegou = (admin1: string) => /^S[ée]gou$/.test(admin1);

test('seed: exactly three events, dated 2025-10-01, 2025-10-04, 2025-10-04', { skip: SKIP }, () => {
  assert.equal(events.length, 3, show(events));
  assert.deepEqual(events.map((e) => e.event_date).sort(), ['2025-10-01', '2025-10-04', '2025-10-04'], show(events));
});

test('seed: the JNIM ambush between Kayes and Yelimané is a Battle/Armed clash with the claim of 4', { skip: SKIP }, () => {
  const battles = events.filter((e) => e.event_type === 'Battles');
  assert.equal(battles.length, 1, show(events));
  const b = battles[0]!;
  assert.equal(b.sub_event_type, 'Armed clash');
  assert.equal(b.event_date, '2025-10-01');
  assert.deepEqual(
    [b.actor1, b.actor2].sort(),
    ['JNIM: Group for Support of Islam and Muslims', 'Military Forces of Mali (2021-)'],
  );
  assert.equal(b.admin1, 'Kayes');
  assert.equal(b.country, 'Mali');
  assert.equal(b.fatalities, 4);
  const claim = b.claims.find((c) => c.field === 'fatalities' && c.value === 4);
  assert.ok(claim, `no claim of 4 fatalities: ${JSON.stringify(b.claims)}`);
  assert.match(claim.claimant, /JNIM/);
  assert.equal(claim.channel, 'Az Zallaqa');
  assert.equal(claim.date, '2025-10-03');
});

test('seed: two FAMa air/drone strikes on 4 October, in Ségou (15 killed, claimed) and Tombouctou (0)', { skip: SKIP }, () => {
  const strikes = events.filter((e) => e.event_type === 'Explosions/Remote violence');
  assert.equal(strikes.length, 2, show(events));
  for (const s of strikes) {
    assert.equal(s.sub_event_type, 'Air/drone strike');
    assert.equal(s.actor1, 'Military Forces of Mali (2021-)');
    assert.equal(s.inter1, 'State forces');
    assert.equal(s.event_date, '2025-10-04');
    assert.notEqual(s.actor2, 'Civilians (Mali)', 'the strikes hit militants, not civilians');
  }
  const segou = strikes.find((s) => isSegou(s.admin1));
  const tombouctou = strikes.find((s) => s.admin1 === 'Tombouctou');
  assert.ok(segou, show(strikes));
  assert.ok(tombouctou, show(strikes));
  assert.equal(segou.fatalities, 15);
  const claim = segou.claims.find((c) => c.field === 'fatalities' && c.value === 15);
  assert.ok(claim, `the army's figure of 15 is not kept as a claim: ${JSON.stringify(segou.claims)}`);
  assert.doesNotMatch(claim.claimant, /JNIM/);
  assert.equal(tombouctou.fatalities, 0);
});

test('seed: every evidence and claim span is the text it points at; dates and fatalities have evidence', { skip: SKIP }, () => {
  for (const e of events) {
    assert.ok(e.evidence.length > 0);
    for (const span of [...e.evidence, ...e.claims.flatMap((c) => (c.span ? [c.span] : []))]) {
      assert.ok(span.start >= 0 && span.end > span.start && span.end <= seed.text.length, JSON.stringify(span));
      assert.equal(seed.text.slice(span.start, span.end), span.text);
    }
    assert.ok(e.evidence.some((s) => s.field === 'event_date'), `no date evidence for ${e.event_date}`);
    if (e.fatalities > 0) assert.ok(e.evidence.some((s) => s.field === 'fatalities'));
  }
});

test('seed: the ambush date comes from "Wednesday, October 1" and the strike date from "Saturday"', { skip: SKIP }, () => {
  const dateWords = (e: FaultlineEvent | undefined) => (e?.evidence ?? []).filter((s) => s.field === 'event_date').map((s) => s.text).join(' ');
  assert.match(dateWords(events.find((e) => e.event_type === 'Battles')), /October 1/);
  for (const s of events.filter((e) => e.event_type !== 'Battles')) assert.match(dateWords(s), /Saturday/);
});

test('seed: nothing is coded from the commentary paragraphs', { skip: SKIP }, () => {
  const commentaryStart = seed.text.indexOf('The Malian army praised');
  assert.ok(commentaryStart > 0);
  for (const e of events) {
    const own = e.evidence.filter((s) => s.field === 'sub_event_type');
    assert.ok(own.every((s) => s.start < commentaryStart), `event cue from commentary: ${JSON.stringify(own)}`);
  }
  const commentary = { id: 'seed-commentary', text: seed.text.slice(commentaryStart), published: seed.published, lang: 'en' };
  assert.deepEqual(extractor.extract(commentary).map((e) => e.sub_event_type), []);
});

test(
  'seed: the same dates (and the JNIM claim date) come out when `published` is left out',
  { skip: SKIP },
  () => {
    const { published: _dropped, ...rest } = seed;
    const evs = extractor.extract(rest);
    assert.equal(evs.length, 3, show(evs));
    assert.deepEqual(evs.map((e) => e.event_date).sort(), ['2025-10-01', '2025-10-04', '2025-10-04'], show(evs));
    const claim = evs.flatMap((e) => e.claims).find((c) => c.channel === 'Az Zallaqa');
    assert.equal(claim?.date, '2025-10-03');
  },
);

test(
  'seed: the Timbuktu strike ("northern ... sectors of Timbuktu, near In-Gouzma") is not placed in Timbuktu town at precision 1',
  { skip: SKIP },
  () => {
    const t = events.find((e) => e.admin1 === 'Tombouctou');
    assert.ok(t);
    assert.notEqual(t.geo_precision, 1, `${t.location} gp${t.geo_precision}`);
  },
);

const GEONAMES = resolve(ROOT, '../shared/geonames');
const SKIP_DUMPS = SKIP || (existsSync(resolve(GEONAMES, 'ML.txt')) ? false : `GeoNames dumps not found at ${GEONAMES}`);

test('seed with the Mali, Burkina Faso and Niger dumps imported: In-Gouzma, Sokolo of Ségou, Kayes', { skip: SKIP_DUMPS }, async () => {
  const home = mkdtempSync(join(tmpdir(), 'faultline-seed-dumps-'));
  await importGeonames(['ML.txt', 'BF.txt', 'NE.txt', 'admin1CodesASCII.txt', 'admin2Codes.txt'].map((f) => resolve(GEONAMES, f)), { home });
  const withDumps = await createExtractor({ countries: ['ML', 'BF', 'NE'], home });
  const coded = withDumps.extract(seed);
  assert.equal(coded.length, 3, show(coded));
  const strikes = coded.filter((e) => e.sub_event_type === 'Air/drone strike');
  const ingouzma = strikes.find((e) => e.admin1 === 'Tombouctou');
  assert.ok(ingouzma, show(coded));
  assert.equal(ingouzma.geo_precision, 2, show([ingouzma]));
  assert.ok(Math.abs((ingouzma.latitude ?? 0) - 17.6) < 0.05 && Math.abs((ingouzma.longitude ?? 0) + 2.16) < 0.05, show([ingouzma]));
  const sokolo = strikes.find((e) => isSegou(e.admin1));
  assert.ok(sokolo, show(coded));
  assert.equal(sokolo.geonameid, 2450849);
  assert.equal(sokolo.admin2, 'Niono');
  const ambush = coded.find((e) => e.event_type === 'Battles');
  assert.equal(ambush?.admin1, 'Kayes', show(coded));
});
