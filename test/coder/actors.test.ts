// Actors (press aliases to ACLED names, regime periods by event date, generic readings, French reports)
// and bad input to extract() (unknown lang, language detection).
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createExtractor, type Extractor } from '../../src/coder/extract.ts';
import type { FaultlineEvent } from '../../src/domain/schemas.ts';

let extractor: Extractor;
before(async () => {
  extractor = await createExtractor({ countries: ['ML', 'BF', 'NE'], home: mkdtempSync(join(tmpdir(), 'faultline-actors-')) });
});

const show = (evs: FaultlineEvent[]) =>
  evs.map((e) => `${e.event_date} ${e.sub_event_type} | ${e.actor1} [${e.assoc_actor_1}] / ${e.actor2} [${e.assoc_actor_2}] | ${e.location} (${e.country}) | fat ${e.fatalities}`).join('\n') || '(no event)';

function one(text: string, opts: { published?: string; lang?: string | undefined } = {}): FaultlineEvent {
  const doc = { id: 'actors', text, published: opts.published ?? '2025-11-10', ...('lang' in opts ? (opts.lang ? { lang: opts.lang } : {}) : { lang: 'en' }) };
  const events = extractor.extract(doc);
  assert.equal(events.length, 1, `${text}\ngot: ${show(events)}`);
  const e = events[0]!;
  for (const s of e.evidence) assert.equal(text.slice(s.start, s.end), s.text);
  return e;
}

const both = (e: FaultlineEvent) => [e.actor1, e.actor2];

test('"FAMa", "the Malian army", "soldiers", "troops" in a Mali event in 2025: Military Forces of Mali (2021-)', () => {
  for (const text of [
    'FAMa repelled an attack by militants on their camp near Gao on Saturday, the army said.',
    'The Malian army clashed with jihadists near Ségou on Sunday, killing several of them, according to a statement.',
    'Soldiers fought gunmen outside Mopti on Friday, a local official said.',
    'Troops repelled an attack by armed militants on their base in Gao on Sunday, according to security sources.',
    'FAMa soldiers repelled an attack near Tombouctou on Saturday, the army said.',
  ]) {
    const e = one(text);
    assert.equal(e.country, 'Mali', text);
    assert.ok(both(e).includes('Military Forces of Mali (2021-)'), `${text}\ngot: ${show([e])}`);
    const field = e.actor1 === 'Military Forces of Mali (2021-)' ? 'actor1' : 'actor2';
    assert.equal(field === 'actor1' ? e.inter1 : e.inter2, 'State forces');
    assert.ok(e.evidence.some((s) => s.field === field), `no ${field} evidence: ${JSON.stringify(e.evidence)}`);
  }
});

test('the regime period follows the event date: (2013-2020) in 2019, (2020-2021) in January 2021', () => {
  const e2019 = one('Malian soldiers clashed with militants near Gao on Saturday, the army said.', { published: '2019-03-10' });
  assert.equal(e2019.event_date, '2019-03-09');
  assert.ok(both(e2019).includes('Military Forces of Mali (2013-2020)'), show([e2019]));
  const e2021 = one('The Malian army clashed with militants near Mopti on Sunday, a military source said.', { published: '2021-01-12' });
  assert.ok(both(e2021).includes('Military Forces of Mali (2020-2021)'), show([e2021]));
  const fama2019 = one('FAMa repelled an attack by militants on their camp near Gao on Saturday, the army said.', { published: '2019-03-10' });
  assert.ok(both(fama2019).includes('Military Forces of Mali (2013-2020)'), show([fama2019]));
});

test('soldiers take the country of the place: Burkina Faso (2022-), Niger (2023-)', () => {
  const bf = one('Soldiers clashed with militants near Djibo on Saturday, a security source said.');
  assert.ok(both(bf).includes('Military Forces of Burkina Faso (2022-)'), show([bf]));
  const ne = one('Soldiers clashed with militants near Tillabéri on Saturday, a security source said.');
  assert.ok(both(ne).includes('Military Forces of Niger (2023-)'), show([ne]));
});

test('"gunmen", "armed men", "unidentified assailants": Unidentified Armed Group (Country)', () => {
  for (const [text, country] of [
    ['Gunmen killed four civilians near Dori on Saturday, residents said.', 'Burkina Faso'],
    ['Gunmen stormed a village near Bamako on Saturday, killing two residents, police said.', 'Mali'],
    ['Armed men attacked a village near Kaya on Sunday, killing five civilians, a local source said.', 'Burkina Faso'],
    ['Unidentified assailants shot dead four civilians at a market in Ménaka on Friday, residents said.', 'Mali'],
    ['Gunmen kidnapped three aid workers near Tillabéri on Saturday, a humanitarian source said.', 'Niger'],
  ] as const) {
    const e = one(text);
    assert.equal(e.actor1, `Unidentified Armed Group (${country})`, `${text}\ngot: ${show([e])}`);
    assert.equal(e.inter1, 'Political militia');
    assert.equal(e.actor2, `Civilians (${country})`, `${text}\ngot: ${show([e])}`);
  }
});

test('Katiba Macina is JNIM with Katiba Macina as associated actor', () => {
  for (const text of [
    'Fighters of Katiba Macina attacked an army post near Mopti on Saturday, killing three soldiers, security sources said.',
    'Fighters from the Katiba Macina ambushed a convoy of Malian troops near Ségou on Saturday, the army said.',
    'The Katiba Macina killed five villagers in an attack near Douentza on Sunday, local officials said.',
  ]) {
    const e = one(text);
    assert.equal(e.actor1, 'JNIM: Group for Support of Islam and Muslims', `${text}\ngot: ${show([e])}`);
    assert.match(e.assoc_actor_1, /Katiba Macina/);
    assert.equal(e.inter1, 'Rebel group');
  }
});

test('French: "Des hommes armés ont tué trois civils samedi près de Djibo" is an Attack on Civilians (Burkina Faso)', () => {
  const text = 'Des hommes armés ont tué trois civils samedi près de Djibo, selon des sources locales.';
  for (const lang of ['fr', undefined]) {
    const e = one(text, { lang });
    assert.equal(e.sub_event_type, 'Attack');
    assert.equal(e.actor1, 'Unidentified Armed Group (Burkina Faso)');
    assert.equal(e.actor2, 'Civilians (Burkina Faso)');
    assert.equal(e.country, 'Burkina Faso');
    assert.equal(e.event_date, '2025-11-08');
    assert.equal(e.fatalities, 3);
  }
});

test('French: other phrasings (passive, "Forces armées maliennes", "militaires", "enlevés")', () => {
  const passive = one('Trois civils ont été tués dimanche par des individus armés dans un village proche de Kaya, a-t-on appris de sources sécuritaires.', { lang: 'fr' });
  assert.equal(passive.sub_event_type, 'Attack');
  assert.equal(passive.actor2, 'Civilians (Burkina Faso)');
  assert.equal(passive.event_date, '2025-11-09');
  assert.equal(passive.fatalities, 3);

  const fama = one("Les Forces armées maliennes ont repoussé une attaque terroriste contre leur poste de Douentza vendredi, selon un communiqué de l'armée.", { lang: 'fr' });
  assert.equal(fama.sub_event_type, 'Armed clash');
  assert.ok(both(fama).includes('Military Forces of Mali (2021-)'), show([fama]));

  const ambush = one('Des militaires maliens ont été pris dans une embuscade tendue par des jihadistes près de Douentza samedi, a indiqué une source sécuritaire. Deux soldats ont été tués.', { lang: 'fr' });
  assert.equal(ambush.sub_event_type, 'Armed clash');
  assert.ok(both(ambush).includes('Military Forces of Mali (2021-)'), show([ambush]));
  assert.equal(ambush.fatalities, 2);

  const abduction = one('Deux enseignants ont été enlevés par des hommes armés près de Dori samedi, selon des proches.', { lang: 'fr' });
  assert.equal(abduction.sub_event_type, 'Abduction/forced disappearance');
  assert.equal(abduction.actor1, 'Unidentified Armed Group (Burkina Faso)');
  assert.equal(abduction.actor2, 'Civilians (Burkina Faso)');
});

test(
  'French: "Une frappe de drone de l\'armée malienne a visé un campement de terroristes": the army is actor1',
  () => {
    const e = one("Une frappe de drone de l'armée malienne a visé un campement de terroristes près de Kidal dimanche, selon l'état-major.", { lang: 'fr' });
    assert.equal(e.sub_event_type, 'Air/drone strike');
    assert.equal(e.actor1, 'Military Forces of Mali (2021-)', show([e]));
    assert.notEqual(e.actor2, 'Military Forces of Mali (2021-)', show([e]));
  },
);

test('"gunmen believed to be Islamist militants": the description names the attackers as jihadists, coded by the era\'s rule', () => {
  const en = one("Gunmen believed to be Islamist militants threw a grenade at a truck near Oursi, in northern Burkina Faso's Oudalan province, on Thursday evening, local sources said. The driver was wounded.", { published: '2018-09-10' });
  assert.equal(en.actor1, 'Islamist Militia (Burkina Faso)', show([en]));
  const fr = one('Des hommes armés présentés comme des jihadistes ont exécuté lundi un homme à Nara, dans la région de Koulikoro, selon des sources locales.', { published: '2017-10-12', lang: 'fr' });
  assert.equal(fr.actor1, 'Islamist Militia (Mali)', show([fr]));
  // plain gunmen stay unidentified
  assert.equal(one('Gunmen attacked a village near Djibo on Sunday, killing four civilians, residents said.', { published: '2017-10-12' }).actor1, 'Unidentified Armed Group (Burkina Faso)');
});

test('a group that says it did it is the perpetrator: "JNIM later said its fighters were behind the blast", "le JNIM a affirmé être à l\'origine"', () => {
  const cases: [string, string, string][] = [
    ["A French Barkhane vehicle was damaged by a mine on Monday northwest of Tessalit in Mali's Kidal region. The French army reported no casualties. JNIM later said its fighters were behind the blast.", 'en', 'Remote explosive/landmine/IED'],
    ['The al-Qaeda-linked JNIM said it fired a barrage of rockets on Sunday at a camp near Tessalit shared by French forces and UN peacekeepers.', 'en', 'Shelling/artillery/missile attack'],
    ["Un véhicule de l'armée malienne a sauté sur une mine lundi près de Tessalit. Le JNIM a affirmé être à l'origine de l'explosion.", 'fr', 'Remote explosive/landmine/IED'],
  ];
  for (const [text, lang, sub] of cases) {
    const e = one(text, { published: '2018-02-25', lang });
    assert.deepEqual([e.sub_event_type, e.actor1], [sub, 'JNIM: Group for Support of Islam and Muslims'], show([e]));
  }
  const niger = one("L'armée nigérienne affirme avoir neutralisé une vingtaine de terroristes lors d'une opération menée samedi dans la région de Tillabéri.", { lang: 'fr' });
  assert.deepEqual([niger.actor1, niger.fatalities], ['Military Forces of Niger (2023-)', 20], show([niger]));
  // the army speaking of its own strikes is both the source and the doer
  const army = one('The army said on Monday it had killed dozens of militants in air strikes on their hideouts near Gao over the weekend.');
  assert.equal(army.actor1, 'Military Forces of Mali (2021-)', show([army]));
  assert.ok(army.claims.some((c) => c.field === 'fatalities' && /army/i.test(c.claimant)), show([army]));
});

test('clashes between two communities: both sides are ethnic militias (EN and FR, the community before or after the noun)', () => {
  for (const [text, lang] of [
    ['Clashes between Fulani herders and Dogon farmers killed four people near Bankass on Tuesday, a local source said.', 'en'],
    ['Des affrontements entre éleveurs peuls et agriculteurs dogons ont fait quatre morts mardi près de Bankass, selon une source locale.', 'fr'],
  ] as const) {
    const e = one(text, { lang });
    assert.equal(e.sub_event_type, 'Armed clash', show([e]));
    assert.deepEqual(both(e).sort(), ['Dogon Ethnic Militia (Mali)', 'Fulani Ethnic Militia (Mali)'], show([e]));
  }
});

test(
  'Konna and Sévaré (Mopti region) are placed in Mali, so "gunmen" and "villagers" take Mali',
  { todo: 'the place is found as a mention but not resolved: no location, country "", actors Unidentified Armed Group (International) / Civilians (International)' },
  () => {
    for (const town of ['Konna', 'Sévaré']) {
      const e = one(`Gunmen killed five villagers near ${town} on Sunday, local officials said.`);
      assert.equal(e.admin1, 'Mopti', show([e]));
      assert.equal(e.actor1, 'Unidentified Armed Group (Mali)', show([e]));
      assert.equal(e.actor2, 'Civilians (Mali)', show([e]));
    }
  },
);

// ---- Bad input to extract(): a clear Error naming what is wrong; otherwise the language is read from the text. ----

test('an unknown lang ("de", "es") throws an Error whose message names the language', () => {
  for (const [lang, text] of [
    ['de', 'Bewaffnete haben am Samstag drei Dorfbewohner in der Nähe von Djibo getötet.'],
    ['es', 'Hombres armados mataron a tres aldeanos cerca de Djibo el sábado.'],
  ] as const) {
    assert.throws(
      () => extractor.extract({ id: `doc-${lang}`, text, published: '2025-11-10', lang }),
      (err: unknown) => err instanceof Error && new RegExp(`\\b${lang}\\b`).test(err.message),
    );
  }
});

test('the same text with a supported lang does not throw', () => {
  const text = 'Gunmen killed three villagers near Djibo on Saturday, residents said.';
  for (const lang of ['en', 'EN', 'en-GB']) {
    const events = extractor.extract({ id: 'ok', text, published: '2025-11-10', lang });
    assert.equal(events.length, 1, lang);
  }
});

test('an unknown lang on a document that would otherwise give events still throws (no silent fallback)', () => {
  assert.throws(() =>
    extractor.extract({ id: 'x', text: 'Gunmen killed three villagers near Djibo on Saturday, residents said.', published: '2025-11-10', lang: 'de' }),
  /de/);
});

test('short French and English reports without lang are detected and coded', () => {
  const fr = extractor.extract({ id: 'fr', text: 'Des hommes armés ont tué trois civils samedi près de Djibo, selon des sources locales.', published: '2025-11-10' });
  assert.equal(fr.length, 1);
  const en = extractor.extract({ id: 'en', text: 'Gunmen killed seven villagers in an attack near Mopti on Saturday, local officials said.', published: '2025-11-10' });
  assert.equal(en.length, 1);
});

test(
  'plain English reports without lang are detected as English',
  () => {
    for (const text of [
      'Armed men on motorcycles opened fire on residents of a village outside Kaya on Sunday, killing five civilians, a local source told reporters.',
      'A drone strike hit a vehicle carrying suspected jihadists outside Ménaka on Sunday, the army said in a statement.',
    ]) {
      assert.doesNotThrow(() => extractor.extract({ id: 'nolang', text, published: '2025-11-10' }), text);
    }
  },
);
