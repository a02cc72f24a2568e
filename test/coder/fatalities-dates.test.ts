// Fatalities by the codebook (numbers, hedges, vague words, injuries, conflicting claims) and dates
// (weekdays and "yesterday" against `published`, dates without a year, week and month precision).
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createExtractor, type Extractor } from '../../src/coder/extract.ts';
import type { FaultlineEvent } from '../../src/domain/schemas.ts';

let extractor: Extractor;
before(async () => {
  extractor = await createExtractor({ countries: ['ML', 'BF', 'NE'], home: mkdtempSync(join(tmpdir(), 'faultline-fat-')) });
});

const show = (evs: FaultlineEvent[]) =>
  evs.map((e) => `${e.sub_event_type} | ${e.actor1} / ${e.actor2} | fat ${e.fatalities} | claims ${JSON.stringify(e.claims.map((c) => [c.value, c.claimant]))}`).join('\n') || '(no event)';

function one(text: string, lang: 'en' | 'fr' = 'en'): FaultlineEvent {
  const events = extractor.extract({ id: 'fat', text, published: '2025-11-10', lang });
  assert.equal(events.length, 1, `${text}\ngot: ${show(events)}`);
  const e = events[0]!;
  for (const s of [...e.evidence, ...e.claims.flatMap((c) => (c.span ? [c.span] : []))]) assert.equal(text.slice(s.start, s.end), s.text);
  return e;
}

function expectFatalities(cases: Array<[string, number]>, lang: 'en' | 'fr' = 'en') {
  for (const [text, n] of cases) {
    const e = one(text, lang);
    assert.equal(e.fatalities, n, `${text}\ngot: ${show([e])}`);
    if (n > 0) assert.ok(e.evidence.some((s) => s.field === 'fatalities'), `no fatalities evidence: ${text}`);
  }
}

test('exact and hedged numbers: "at least four" = 4, "around fifteen" = 15, "some twenty" = 20, "about ten" = 10', () => {
  expectFatalities([
    ['At least four soldiers were killed when militants attacked an army post near Douentza on Saturday, a security source said.', 4],
    ['Around fifteen militants were killed in an air strike near Kidal on Sunday, the army said.', 15],
    ['Some twenty civilians were killed when gunmen raided a village near Kaya on Friday, a local official said.', 20],
    ['Nigerien military aircraft bombed a jihadist hideout near Diffa on Sunday, killing about ten militants, the defence ministry said.', 10],
    ['Gunmen killed seven villagers in an attack near Mopti on Saturday, local officials said.', 7],
  ]);
});

test('vague words: "a dozen" = 12, "dozens" = 12, "several" = 3', () => {
  expectFatalities([
    ['Gunmen killed a dozen villagers near Mopti on Saturday, local officials said.', 12],
    ['Dozens of civilians were killed when armed men attacked a village near Djibo on Friday, residents said.', 12],
    ['Several civilians were killed when gunmen attacked a market near Tillabéri on Sunday, witnesses said.', 3],
    ['The Malian army said it carried out an air strike near Kidal on Saturday, killing several militants.', 3],
  ]);
});

test('lists add up: "two soldiers and a civilian were killed" = 3', () => {
  expectFatalities([
    ['Two soldiers and a civilian were killed when militants attacked a checkpoint near Gao on Saturday, the army said.', 3],
  ]);
});

test('French tolls as the Sahel press writes them: gerunds, "a coûté la vie à", a participle after its noun, "le bilan fait état de"', () => {
  expectFatalities([
    ["L'armée burkinabè a mené des frappes aériennes mercredi près de Djibo, neutralisant une trentaine de combattants, selon un communiqué.", 30],
    ['Des hommes armés ont attaqué un poste de gendarmerie vendredi à Djibo, tuant six gendarmes, selon des sources sécuritaires.', 6],
    ["L'attaque du poste de gendarmerie de Djibo a coûté la vie à six gendarmes vendredi, selon des sources sécuritaires.", 6],
    ["Une patrouille de l'armée est tombée dans une embuscade samedi près de Gao. Le bilan fait état de cinq soldats tués et de plusieurs blessés, selon l'état-major.", 5],
    ["Une patrouille de l'armée est tombée dans une embuscade samedi près de Gao. Cinq soldats tués et plusieurs blessés, selon l'état-major.", 5],
    ['Un enseignant a été assassiné samedi soir près de Djibo par des terroristes présumés, selon des sources locales.', 1],
    ['Deux chefs de village ont été exécutés dimanche près de Djibo par des hommes armés, selon des habitants.', 2],
  ], 'fr');
  // "sans faire de victimes": no one harmed, but the event stays (property destroyed) with no toll
  const e = one("Des assaillants ont incendié l'école et pillé des boutiques samedi à Diapaga, sans faire de victimes, selon des habitants.", 'fr');
  assert.deepEqual([e.sub_event_type, e.fatalities], ['Looting/property destruction', 0]);
});

test('a count and its breakdown: the total, not the last part ("30 people, including 14 foreigners"; "cinq civils, deux enfants, ... et une femme")', () => {
  expectFatalities([
    ['At least 30 people, including 14 foreigners, were killed on Friday when gunmen attacked a hotel in Bamako, officials said.', 30],
    ['Two soldiers, one of them an officer, were killed when militants attacked a checkpoint near Gao on Saturday, the army said.', 2],
  ]);
  expectFatalities([
    ["Au moins 30 personnes, dont au moins quatorze étrangers, ont été tuées vendredi à Bamako dans l'attaque d'un hôtel par des hommes armés, selon un bilan officiel.", 30],
    ['Cinq civils, deux enfants, deux hommes âgés et une femme, ont été tués samedi près de Gao par des hommes armés, selon des sources locales.', 5],
  ], 'fr');
});

test('one victim told without a number: "the bomber died", "lynched him", "..., as was an officer"', () => {
  expectFatalities([
    ['A suicide bomber blew himself up at a checkpoint in Kidal on Wednesday. The bomber died in the blast, military sources said.', 1],
    ['A mob lynched a man accused of theft in Gao on Sunday, local sources said.', 1],
    ['Gunmen attacked an army checkpoint in Gao on Sunday. Two civilians were killed, as was an officer, local officials said.', 3],
  ]);
});

test('a death that caused the protest is not the protest\'s toll', () => {
  expectFatalities([
    ['Police dispersed a crowd that had gathered outside the police station in Gao on Monday following the death of a detainee, residents said.', 0],
    ['Hundreds of people marched in Kaya on Saturday to demand justice for a trader shot dead by soldiers last month, residents said.', 0],
  ]);
});

test('injuries only, or "no casualties": 0', () => {
  expectFatalities([
    ['Five soldiers were wounded when militants attacked an army post near Ménaka on Saturday, the army said.', 0],
    ['Militants fired mortar shells at the army camp in Kidal on Saturday, wounding three soldiers, the army said.', 0],
    ['A roadside bomb exploded as a military convoy passed outside Gao on Friday, wounding two soldiers, the army said.', 0],
    ['Several rockets hit the airport in Gao on Sunday, causing damage but no casualties, officials said.', 0],
  ]);
});

test('a figure attributed to a source is kept as a claim with that claimant', () => {
  const e = one('Gunmen killed seven villagers in an attack near Mopti on Saturday, local officials said.');
  const claim = e.claims.find((c) => c.field === 'fatalities');
  assert.equal(claim?.value, 7);
  assert.match(claim?.claimant ?? '', /officials/i);
});

test('conflicting figures from two non-party sources: the lowest (3) is coded', () => {
  const e = one('Gunmen attacked a village near Mopti on Saturday. Local officials said three civilians were killed, but residents reported 12 dead.');
  assert.equal(e.fatalities, 3, show([e]));
});

function expectRivalTolls(texts: string[]) {
  for (const text of texts) {
      const e = one(text);
      assert.equal(e.fatalities, 3, `${text}\ngot: ${show([e])}`);
      const claims = e.claims.filter((c) => c.field === 'fatalities');
      const army = claims.find((c) => c.value === 3);
      const rebels = claims.find((c) => c.value === 12);
      assert.ok(army && rebels, `both claims kept: ${show([e])}`);
      assert.match(army.claimant, /army/i);
      assert.match(rebels.claimant, /rebel/i);
  }
}

test('conflicting claims (army says 3 dead, rebels say 12): 3, with both claims kept and their claimants', () => {
  expectRivalTolls([
    'Malian troops clashed with rebels near Kidal on Sunday. The army said 3 soldiers died in the fighting, but the rebels claimed 12 soldiers were killed.',
  ]);
});

test('a rival toll given without a speech verb ("the rebels put the death toll at 12") keeps its claimant', () => {
  expectRivalTolls([
    'Soldiers and militants clashed near Kidal on Sunday. The army said three people were killed in the fighting, while the rebels put the death toll at 12.',
    'Troops fought rebels near Kidal on Sunday. The army said three soldiers were killed; the rebels gave a death toll of 12.',
  ]);
});

test(
  'both sides\' conflicting figures also give a conflict flag',
  () => {
    const e = one('Malian troops clashed with rebels near Kidal on Sunday. The army said 3 soldiers died in the fighting, but the rebels claimed 12 soldiers were killed.');
    assert.ok(e.flags.includes('fatalities_conflict'), `flags: ${JSON.stringify(e.flags)}`);
  },
);

test(
  'a suicide bombing counts the bomber: "killing four soldiers and the attacker" = 5',
  () => {
    expectFatalities([['A suicide car bomb struck a military camp in Diffa on Sunday, killing four soldiers and the attacker, security sources said.', 5]]);
  },
);

test(
  'deaths told without the word "killed": "executed three civilians", "later killed him", "were found dead"',
  () => {
    expectFatalities([
      ['Suspected jihadists executed three civilians in a village near Tillabéri on Sunday, residents said.', 3],
      ['Gunmen abducted a local councillor near Dori on Saturday and later killed him, a relative said.', 1],
      ['Two teachers who were abducted by armed men near Kaya on Sunday were found dead hours later, residents said.', 2],
    ]);
  },
);

// ---- Dates: weekdays and "yesterday" against `published`, dates without a year, week and month precision. ----

const showDates = (evs: FaultlineEvent[]) =>
  evs.map((e) => `${e.event_date} tp${e.time_precision} ${e.sub_event_type} | ${e.location} | flags ${e.flags.join(',')}`).join('\n') || '(no event)';

function oneDated(text: string, published: string): FaultlineEvent {
  const events = extractor.extract({ id: 'dates', text, published, lang: 'en' });
  assert.equal(events.length, 1, `${text}\ngot: ${showDates(events)}`);
  const e = events[0]!;
  for (const s of e.evidence) assert.equal(text.slice(s.start, s.end), s.text);
  assert.ok(e.event_date <= published, `${e.event_date} is after published ${published}`);
  assert.equal(e.year, Number(e.event_date.slice(0, 4)));
  return e;
}

function expectDates(cases: Array<[text: string, published: string, date: string, precision: 1 | 2 | 3]>) {
  for (const [text, published, date, precision] of cases) {
    const e = oneDated(text, published);
    assert.equal(e.event_date, date, `${text} (published ${published})\ngot: ${showDates([e])}`);
    assert.equal(e.time_precision, precision, `${text}\ngot: ${showDates([e])}`);
  }
}

test('"on Tuesday" is the most recent Tuesday before publication', () => {
  // 2025-11-13 is a Thursday
  expectDates([
    ['Militants ambushed an army patrol near Douentza on Tuesday, killing two soldiers, a security source said.', '2025-11-13', '2025-11-11', 1],
    ['Gunmen killed four villagers in an attack near Ménaka on Tuesday, local officials said.', '2025-11-13', '2025-11-11', 1],
    ['Militants ambushed soldiers near Gao on Monday, killing three, the army said.', '2025-01-03', '2024-12-30', 1],
    ['Gunmen killed two villagers near Mopti last Sunday, residents said.', '2025-11-10', '2025-11-09', 1],
  ]);
});

test('"on Tuesday" evidence points at the weekday', () => {
  const e = oneDated('Militants ambushed an army patrol near Douentza on Tuesday, killing two soldiers, a security source said.', '2025-11-13');
  assert.ok(e.evidence.some((s) => s.field === 'event_date' && /Tuesday/.test(s.text)), JSON.stringify(e.evidence));
});

test('"yesterday" and "two days ago" count back from publication', () => {
  expectDates([
    ['Gunmen killed three villagers near Mopti yesterday, local officials said.', '2025-11-13', '2025-11-12', 1],
    ['Soldiers clashed with militants near Gao yesterday, a military source said on Thursday.', '2025-11-13', '2025-11-12', 1],
    ['Gunmen killed five villagers near Kaya yesterday, residents said.', '2025-01-01', '2024-12-31', 1],
    ['Soldiers clashed with militants near Gao two days ago, a military source said.', '2025-11-10', '2025-11-08', 1],
  ]);
});

test('an explicit date without a year takes the most recent year not after publication', () => {
  expectDates([
    ['Militants attacked an army post near Djibo on November 2, killing three soldiers, the army said.', '2025-11-13', '2025-11-02', 1],
    ['Gunmen killed two villagers near Mopti on Nov. 4, residents said.', '2025-11-10', '2025-11-04', 1],
    ['Gunmen killed five civilians in an attack near Kaya on 28 December, residents said.', '2025-02-10', '2024-12-28', 1],
    ['Gunmen killed four villagers near Kaya on December 30, residents said.', '2025-01-03', '2024-12-30', 1],
    ['Gunmen killed two villagers near Mopti on 28 February, residents said.', '2025-03-05', '2025-02-28', 1],
  ]);
});

test('a day-month later in the year than publication is read in the previous year, so it is background, not news', () => {
  // "20 March" read on 5 March 2025 is 2024-03-20 by the codebook's year rule: almost a year before the
  // report, which Faultline treats as a recalled incident (more than 60 days before publication).
  const text = 'Militants attacked a military post near Gao on 20 March, killing two soldiers, the army said.';
  assert.deepEqual(extractor.extract({ id: 'old', text, published: '2025-03-05', lang: 'en' }), []);
  const fresh = extractor.extract({ id: 'fresh', text, published: '2025-03-22', lang: 'en' });
  assert.equal(fresh.length, 1);
  assert.equal(fresh[0]!.event_date, '2025-03-20');
});

test('"last week" and "over the weekend": time_precision 2, inside the week before publication', () => {
  for (const [text, published, from, to] of [
    ['Gunmen killed six villagers near Mopti last week, local officials said.', '2025-11-13', '2025-11-03', '2025-11-09'],
    ['Militants attacked an army post near Djibo last week, killing two soldiers, a security source said.', '2025-11-13', '2025-11-03', '2025-11-09'],
    ['Gunmen killed two villagers near Mopti over the weekend, residents said.', '2025-11-10', '2025-11-08', '2025-11-09'],
  ] as const) {
    const e = oneDated(text, published);
    assert.equal(e.time_precision, 2, `${text}\ngot: ${showDates([e])}`);
    assert.ok(e.event_date >= from && e.event_date <= to, `${text}\ngot: ${showDates([e])}`);
  }
});

test('a bare month ("in early October", "in October", "at the end of October"): time_precision 3', () => {
  for (const [text, month, day] of [
    ['Gunmen killed eight villagers in an attack near Dori in early October, residents said.', '2025-10', null],
    ['Gunmen killed eight villagers in an attack near Dori in October, residents said.', '2025-10', '2025-10-15'],
    ['Militants ambushed a military convoy near Ménaka in late October, killing four soldiers, the army said.', '2025-10', null],
    ['Gunmen killed two villagers near Mopti at the end of October, residents said.', '2025-10', '2025-10-31'],
    ['Gunmen killed two villagers near Mopti in mid-September, residents said.', '2025-09', '2025-09-15'],
  ] as const) {
    const e = oneDated(text, '2025-11-13');
    assert.equal(e.time_precision, 3, `${text}\ngot: ${showDates([e])}`);
    assert.equal(e.event_date.slice(0, 7), month, `${text}\ngot: ${showDates([e])}`);
    if (day) assert.equal(e.event_date, day, `${text}\ngot: ${showDates([e])}`);
  }
  // "early" is not later in the month than "late"
  const early = oneDated('Gunmen killed eight villagers in an attack near Dori in early October, residents said.', '2025-11-13');
  const late = oneDated('Militants ambushed a military convoy near Ménaka in late October, killing four soldiers, the army said.', '2025-11-13');
  assert.ok(early.event_date < late.event_date);
});

test('dates are never after `published`, whatever the cue', () => {
  const published = '2025-11-11'; // a Tuesday
  const texts = [
    'Militants attacked an army post near Djibo on Tuesday, killing two soldiers, the army said.',
    'Gunmen killed three villagers near Mopti on Wednesday, officials said.',
    'Gunmen killed two villagers near Mopti on November 20, residents said.',
    'Gunmen killed two villagers near Mopti in December, residents said.',
    'Soldiers clashed with militants near Gao on Friday, a military source said.',
    'Gunmen killed two villagers near Kaya this week, residents said.',
  ];
  let coded = 0;
  for (const text of texts) {
    for (const e of extractor.extract({ id: 'future', text, published, lang: 'en' })) {
      coded++;
      assert.ok(e.event_date <= published, `${text}\ngot: ${showDates([e])}`);
    }
  }
  assert.ok(coded >= 3, 'most of these reports should still give an event');
});

test('"the same day" takes the day of the last dated sentence, and a second place there is its own event', () => {
  const text =
    'Gunmen killed four villagers near Djibo on Sunday, local sources said. The same day, soldiers clashed with militants near Dori, killing two of them, the army said.';
  const events = extractor.extract({ id: 'same-day', text, published: '2025-11-12', lang: 'en' });
  assert.equal(events.length, 2, showDates(events));
  assert.deepEqual(events.map((e) => e.event_date), ['2025-11-09', '2025-11-09'], showDates(events));
  assert.deepEqual(events.map((e) => e.sub_event_type).sort(), ['Armed clash', 'Attack'], showDates(events));
});

test("a wire dateline's date is the filing day: it dates no event, and stands in for a missing publication date", async () => {
  const text = 'GAO, Mali, Nov. 12 (Sahel Wire) - Gunmen killed three traders near Gao on Monday, a local official said.';
  const withPublished = extractor.extract({ id: 'dateline', text, published: '2025-11-12', lang: 'en' });
  assert.equal(withPublished.length, 1, showDates(withPublished));
  assert.equal(withPublished[0]!.event_date, '2025-11-10');
  // without `published`: the dateline (read in the most recent year) anchors "on Monday"
  const fresh = await createExtractor({
    countries: ['ML', 'BF', 'NE'],
    home: mkdtempSync(join(tmpdir(), 'faultline-dateline-')),
    today: '2025-11-20',
  });
  const inferred = fresh.extract({ id: 'dateline', text, lang: 'en' });
  assert.equal(inferred.length, 1, showDates(inferred));
  assert.equal(inferred[0]!.event_date, '2025-11-10');
  assert.ok(inferred[0]!.flags.includes('published_inferred'));
});

test('a number with its own verb is not the toll ("...killed and six passengers were wounded"); "lost a lieutenant" is one', () => {
  expectFatalities([['A driver was killed and six passengers were wounded when a bus hit a mine near Diffa on Tuesday, a security source said.', 1]]);
  const fr = extractor.extract({
    id: 'fr',
    text: "Le chauffeur d'un car a été tué et six passagers ont été blessés mardi dans l'explosion d'une mine près de Diffa, selon une source sécuritaire.",
    published: '2025-11-10',
    lang: 'fr',
  });
  assert.equal(fr.length, 1, show(fr));
  assert.equal(fr[0]!.fatalities, 1, show(fr));
  const e = one('An army convoy was ambushed near Mopti on Sunday. The army lost a lieutenant, and one other soldier was wounded, the ministry said.');
  assert.equal(e.fatalities, 1, show([e]));
});

test('an event told relative to another is linked to it: "two days after an ambush"', () => {
  const text = 'Malian soldiers killed five militants near Ansongo on Friday, two days after an ambush on a convoy near Douentza.\n\nThe army said gunmen ambushed the convoy near Douentza on Wednesday.';
  const events = extractor.extract({ id: 'rel', text, published: '2025-11-10', lang: 'en' });
  const strike = events.find((e) => e.location === 'Ansongo');
  const ambush = events.find((e) => e.location === 'Douentza');
  assert.ok(strike !== undefined && ambush !== undefined, show(events));
  assert.equal(strike.links?.length, 1, JSON.stringify(strike.links));
  const link = strike.links![0]!;
  assert.deepEqual([link.relation, link.event, link.days], ['after', ambush.event_id_cnty, 2]);
  assert.equal(text.slice(link.span.start, link.span.end), link.span.text);
  assert.equal(ambush.links, undefined, 'the earlier event has no link of its own');
  // Events that the text does not tie together have none.
  const apart = extractor.extract({ id: 'apart', text: 'Gunmen killed three herders near Boni on Monday. On Tuesday, soldiers clashed with militants near Douentza.', published: '2025-11-10', lang: 'en' });
  assert.ok(apart.every((e) => e.links === undefined), show(apart));
});

test('an event told as the answer to another is linked to it: "in retaliation for", "en représailles à"', () => {
  const cases: [string, 'en' | 'fr', string, string][] = [
    ['Malian soldiers killed five militants near Ansongo on Friday in retaliation for an ambush on a convoy near Douentza.\n\nThe army said gunmen ambushed the convoy near Douentza on Wednesday.', 'en', 'Ansongo', 'Douentza'],
    ["L'armée malienne a tué cinq jihadistes près d'Ansongo vendredi, en représailles à l'embuscade contre un convoi près de Douentza.\n\nDes hommes armés avaient tendu une embuscade au convoi mercredi près de Douentza, selon l'armée.", 'fr', 'Ansongo', 'Douentza'],
  ];
  for (const [text, lang, answerAt, causeAt] of cases) {
    const events = extractor.extract({ id: `why-${lang}`, text, published: '2025-11-10', lang });
    const answer = events.find((e) => e.location === answerAt);
    const cause = events.find((e) => e.location === causeAt);
    assert.ok(answer !== undefined && cause !== undefined, show(events));
    assert.deepEqual(answer.links?.map((l) => [l.relation, l.event, l.days]), [['retaliation', cause.event_id_cnty, undefined]], show(events));
    assert.equal(text.slice(answer.links![0]!.span.start, answer.links![0]!.span.end), answer.links![0]!.span.text);
    assert.equal(answer.event_date, '2025-11-07', 'a cause says nothing of the date: the answer keeps its own day');
    assert.equal(answer.fatalities, 5, 'the cause\'s words are not the answer\'s');
    assert.equal(cause.links, undefined);
  }
});
