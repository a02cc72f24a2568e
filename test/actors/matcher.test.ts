import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findActorMentions, type ActorMention } from '../../src/actors/index.ts';
import type { Lang } from '../../src/domain/index.ts';

function mentions(text: string, lang: Lang = 'en'): ActorMention[] {
  return findActorMentions(text, lang);
}
function texts(text: string, lang: Lang = 'en'): string[] {
  return mentions(text, lang).map((m) => m.text);
}
function only(text: string, lang: Lang = 'en'): ActorMention {
  const ms = mentions(text, lang);
  assert.equal(ms.length, 1, `expected one mention in ${JSON.stringify(text)}, got ${JSON.stringify(ms.map((m) => m.text))}`);
  return ms[0] as ActorMention;
}

test('offsets point into the original text, accents and all', () => {
  const text = 'Lundi, des éléments des Forces armées maliennes ont été visés.';
  const m = only(text, 'fr');
  assert.equal(m.text, 'éléments des Forces armées maliennes');
  assert.equal(text.slice(m.start, m.end), m.text);
  assert.equal(m.country, 'ML');
  assert.equal(m.kind, 'state');
});

test('folding: accents and case do not matter for names', () => {
  assert.equal(only('les forces armees maliennes ont riposte', 'fr').entryId, 'ml.fama');
  assert.equal(only("L'ÉTAT ISLAMIQUE AU GRAND SAHARA a revendiqué", 'fr').entryId, 'is_sahel');
  assert.equal(only('Jama’at Nusrat al-Islam wal-Muslimin claimed the attack').entryId, 'jnim');
});

test('longest match wins over its parts', () => {
  const m = only('fighters loyal to the Islamic State in the Greater Sahara');
  assert.equal(m.entryId, 'is_sahel');
  assert.equal(m.text, 'fighters loyal to the Islamic State in the Greater Sahara');
  assert.equal(only('the Islamic State West Africa Province said').entryId, 'ne.iswap');
});

test('acronyms only match as whole tokens, short ones only with their case', () => {
  assert.deepEqual(texts('Disgsruntled traders and minusmaker'), ['traders']);
  assert.deepEqual(texts('This is what the fds said'), []);
  assert.equal(only('Les FDS ont repoussé l’attaque', 'fr').entryId, 'generic.state');
  assert.equal(only('It is unclear whether IS was involved').entryId, 'is_sahel');
  assert.equal(only('MINUSMA said its convoy was hit').entryId, 'ml.minusma');
});

test('a phrase never runs across punctuation', () => {
  assert.deepEqual(texts('The FAMa; soldiers later said'), ['FAMa', 'soldiers']);
  assert.deepEqual(texts('They fled to Mali. Troops arrived'), ['Troops']);
});

test('nationality adjectives set the country of state forces (English before, French after the noun)', () => {
  const cases: [string, Lang, string][] = [
    ['Malian soldiers were killed', 'en', 'ML'],
    ['the Burkinabe army said', 'en', 'BF'],
    ['Nigerien troops repelled the attack', 'en', 'NE'],
    ['Chadian soldiers arrived in Kidal', 'en', 'TD'],
    ['French forces withdrew', 'en', 'FR'],
    ["Mali's army said", 'en', 'ML'],
    ['the army of Burkina Faso', 'en', 'BF'],
    ['des soldats maliens ont été tués', 'fr', 'ML'],
    ["l'armée burkinabè a annoncé", 'fr', 'BF'],
    ['des militaires nigériens', 'fr', 'NE'],
    ["l'armée du Mali", 'fr', 'ML'],
  ];
  for (const [text, lang, iso] of cases) {
    const m = only(text, lang);
    assert.equal(m.kind, 'state', text);
    assert.equal(m.country, iso, text);
  }
});

test('generic readings with modifiers before and after the noun', () => {
  const gunmen = only('Suspected jihadists on motorbikes attacked');
  assert.equal(gunmen.kind, 'unidentified');
  assert.ok(gunmen.cues?.includes('hedge'));
  assert.ok(gunmen.cues?.includes('islamist'));
  assert.equal(only('heavily armed men stormed the village').kind, 'unidentified');
  const hani = only('des hommes armés non identifiés ont enlevé le chef', 'fr');
  assert.equal(hani.text, 'hommes armés non identifiés');
  assert.deepEqual([...(hani.cues ?? [])].sort(), ['armed', 'unknown']);
  assert.equal(only('une attaque de présumés terroristes', 'fr').kind, 'unidentified');
  assert.equal(only("L'attaque d'hommes armés", 'fr').text, 'hommes armés');
  assert.equal(only('unidentified gunmen abducted a teacher'.split(' a ')[0] as string).text, 'unidentified gunmen');
});

test('bare "men" or "forces" are not actors without a qualifier', () => {
  assert.deepEqual(texts('three men were seen and forces were deployed'), []);
  assert.equal(only('Twelve Dogon men were killed').kind, 'civilians');
  assert.equal(only('armed men arrived').kind, 'unidentified');
});

test('ethnic words: militia nouns make an ethnic militia, people nouns make civilians', () => {
  const militia = only('suspected Fulani militiamen raided the village');
  assert.equal(militia.kind, 'ethnic_militia');
  assert.equal(militia.ethnicity, 'fulani');
  assert.equal(only('Fulani gunmen attacked').kind, 'ethnic_militia');
  assert.equal(only('des miliciens peuls', 'fr').kind, 'ethnic_militia');
  const victims = only('des villageois dogons ont été tués', 'fr');
  assert.equal(victims.kind, 'civilians');
  assert.equal(victims.ethnicity, 'dogon');
  assert.equal(only('Armed Tuaregs raided a village').kind, 'ethnic_militia');
  assert.equal(only('Des Peuls ont été tués', 'fr').kind, 'civilians');
});

test('members of a named group are that group', () => {
  const m = only('fighters from the Katiba Macina');
  assert.equal(m.entryId, 'ml.katiba_macina');
  assert.equal(m.text, 'fighters from the Katiba Macina');
  assert.equal(only("des combattants de l'EIGS", 'fr').entryId, 'is_sahel');
  assert.equal(only("hommes armés présumés membres d'Ansaroul Islam", 'fr').entryId, 'bf.ansaroul_islam');
  assert.equal(only('JNIM fighters').text, 'JNIM fighters');
  assert.equal(only('Barkhane troops').entryId, 'fr.barkhane');
  const dozo = only("Bambara militiamen from the Dozo hunters' brotherhood");
  assert.equal(dozo.entryId, 'ml.dozo');
  assert.equal(dozo.ethnicity, 'bambara');
});

test('a national contingent of a mission is the mission, with its nationality', () => {
  const m = only('Chadian soldiers of the UN mission were killed');
  assert.equal(m.entryId, 'ml.minusma');
  assert.equal(m.country, 'TD');
});

test('attackers of the army are not the army', () => {
  const ms = mentions('the attackers of the FAMa fled');
  assert.deepEqual(ms.map((m) => m.kind), ['unidentified', 'state']);
});

test('civilians, protesters and rioters', () => {
  assert.equal(only('villagers fled').kind, 'civilians');
  assert.equal(only('les éleveurs ont fui', 'fr').entryId, 'generic.herders');
  assert.equal(only('demonstrators gathered').kind, 'protesters');
  assert.equal(only('les manifestants', 'fr').kind, 'protesters');
  assert.equal(only('angry youths burned tyres').kind, 'rioters');
  assert.equal(only('des habitants en colère', 'fr').kind, 'rioters');
  assert.equal(only('des émeutiers', 'fr').kind, 'rioters');
});

test('number of a mention', () => {
  assert.equal(only('a soldier was killed').plural, false);
  assert.equal(only('soldiers were killed').plural, true);
  assert.equal(only('gunmen arrived').plural, true);
  assert.equal(only('les gendarmes', 'fr').plural, true);
});

test('police corps: gendarmes, national guard, forest guards', () => {
  assert.equal(only('gendarmes dispersed the crowd'.replace(' the crowd', '')).entryId, 'generic.gendarmerie');
  assert.equal(only('un élément de la Garde nationale', 'fr').entryId, 'generic.national_guard');
  assert.equal(only('forest rangers were attacked').entryId, 'generic.forest_guards');
});
