import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findQuantities, sumCoordinated, type Quantity } from '../../src/text/numbers.ts';

const brief = (q: Quantity): [string, number, number | null, string, string | null] => [q.text, q.value, q.high, q.hedge, q.noun?.text ?? null];
const en = (s: string, articles = false): ReturnType<typeof brief>[] => findQuantities(s, 'en', { articles }).map(brief);
const fr = (s: string, articles = false): ReturnType<typeof brief>[] => findQuantities(s, 'fr', { articles }).map(brief);

test('English counts with hedges and head nouns', () => {
  assert.deepEqual(en('In the west of Sokolo, around fifteen militants were reportedly neutralised, and some twenty motorcycles were destroyed.'),
    [['around fifteen', 15, null, 'approx', 'militants'], ['some twenty', 20, null, 'approx', 'motorcycles']]);
  assert.deepEqual(en('JNIM claimed responsibility, reporting four soldiers killed.'), [['four', 4, null, 'exact', 'soldiers']]);
  assert.deepEqual(en('At least four Malian soldiers were killed.'), [['At least four', 4, null, 'at_least', 'soldiers']]);
  assert.deepEqual(en('Gunmen killed 15 Fulani and Bellah civilians.'), [['15', 15, null, 'exact', 'civilians']]);
  assert.deepEqual(en('Six of the attackers were killed.'), [['Six', 6, null, 'exact', 'attackers']]);
  assert.deepEqual(en('More than 20 jihadists died'), [['More than 20', 20, null, 'at_least', 'jihadists']]);
  assert.deepEqual(en('up to 12 civilians'), [['up to 12', 12, null, 'at_most', 'civilians']]);
  assert.deepEqual(en('as many as 30 fighters'), [['as many as 30', 30, null, 'at_most', 'fighters']]);
  assert.deepEqual(en('20 or so attackers'), [['20 or so', 20, null, 'approx', 'attackers']]);
  assert.deepEqual(en('1,200 people fled'), [['1,200', 1200, null, 'exact', 'people']]);
  assert.deepEqual(en('two hundred and fifty troops'), [['two hundred and fifty', 250, null, 'exact', 'troops']]);
  assert.deepEqual(en('twenty-five herders'), [['twenty-five', 25, null, 'exact', 'herders']]);
  assert.deepEqual(en('four Malians were killed'), [['four', 4, null, 'exact', 'Malians']]);
  assert.deepEqual(en('The attackers killed 10 in Mali'), [['10', 10, null, 'exact', null]]);
  assert.deepEqual(en('four al-Qaeda-linked militants'), [['four', 4, null, 'exact', 'militants']]);
});

test('English ranges take the low end', () => {
  assert.deepEqual(en('between 8 and 10 people'), [['between 8 and 10', 8, 10, 'range', 'people']]);
  assert.deepEqual(en('eight to ten soldiers'), [['eight to ten', 8, 10, 'range', 'soldiers']]);
  assert.deepEqual(en('8-10 soldiers'), [['8-10', 8, 10, 'range', 'soldiers']]);
  assert.deepEqual(en('two or three gendarmes'), [['two or three', 2, 3, 'range', 'gendarmes']]);
});

test('English vague words follow the codebook', () => {
  assert.deepEqual(en('dozens of civilians'), [['dozens', 12, null, 'vague', 'civilians']]);
  assert.deepEqual(en('several villagers'), [['several', 3, null, 'vague', 'villagers']]);
  assert.deepEqual(en('a few herders'), [['a few', 3, null, 'vague', 'herders']]);
  assert.deepEqual(en('many people'), [['many', 12, null, 'vague', 'people']]);
  assert.deepEqual(en('tens of soldiers'), [['tens', 10, null, 'vague', 'soldiers']]);
  assert.deepEqual(en('hundreds of displaced people'), [['hundreds', 100, null, 'vague', 'people']]);
  assert.deepEqual(en('a dozen gendarmes'), [['a dozen', 12, null, 'approx', 'gendarmes']]);
  assert.deepEqual(en('more than a dozen gendarmes'), [['more than a dozen', 12, null, 'at_least', 'gendarmes']]);
});

test('years, dates, times, distances, ages, percentages and money are not counts', () => {
  assert.deepEqual(en('In 2015, the group signed the 2015 peace agreement.'), []);
  assert.deepEqual(en('The attack happened on October 3, 2019 at 5 pm, 30 km from Gao.'), []);
  assert.deepEqual(en('A boy aged 16 and a 16-year-old girl; 20% of the budget, $5 million, on 01/03/2020 at 17:30.'), []);
  assert.deepEqual(en('between 3 and 5 October'), []);
  assert.deepEqual(en('the G5 Sahel force on Route 16'), []);
  assert.deepEqual(fr('le 3 octobre 2019 à 10h, à 30 km de Gao, un garçon de 16 ans'), []);
  assert.deepEqual(fr('dans la nuit du 3 au 4 octobre, 12 personnes'), [['12', 12, null, 'exact', 'personnes']]);
});

test('French counts, vague words, ranges', () => {
  assert.deepEqual(fr('quatre soldats maliens'), [['quatre', 4, null, 'exact', 'soldats']]);
  assert.deepEqual(fr('au moins quatre militaires'), [['au moins quatre', 4, null, 'at_least', 'militaires']]);
  assert.deepEqual(fr('une quinzaine de terroristes'), [['une quinzaine', 15, null, 'approx', 'terroristes']]);
  assert.deepEqual(fr('des dizaines de civils'), [['des dizaines', 10, null, 'vague', 'civils']]);
  assert.deepEqual(fr('plusieurs villageois'), [['plusieurs', 3, null, 'vague', 'villageois']]);
  assert.deepEqual(fr('quelques assaillants'), [['quelques', 3, null, 'vague', 'assaillants']]);
  assert.deepEqual(fr('près de 20 assaillants'), [['près de 20', 20, null, 'approx', 'assaillants']]);
  assert.deepEqual(fr('plus d\'une centaine de personnes'), [['plus d\'une centaine', 100, null, 'at_least', 'personnes']]);
  assert.deepEqual(fr('des centaines de déplacés'), [['des centaines', 100, null, 'vague', 'déplacés']]);
  assert.deepEqual(fr('entre 8 et 10 personnes'), [['entre 8 et 10', 8, 10, 'range', 'personnes']]);
  assert.deepEqual(fr('8 à 10 soldats'), [['8 à 10', 8, 10, 'range', 'soldats']]);
  assert.deepEqual(fr('vingt et un soldats'), [['vingt et un', 21, null, 'exact', 'soldats']]);
  assert.deepEqual(fr('quatre-vingt-dix personnes'), [['quatre-vingt-dix', 90, null, 'exact', 'personnes']]);
  assert.deepEqual(fr('soixante-dix-sept civils'), [['soixante-dix-sept', 77, null, 'exact', 'civils']]);
  assert.deepEqual(fr('1 200 déplacés'), [['1 200', 1200, null, 'exact', 'déplacés']]);
  assert.deepEqual(fr('deux autres soldats'), [['deux', 2, null, 'exact', 'soldats']]);
});

test('article counts only when asked, and only for people', () => {
  assert.deepEqual(en('A soldier was killed and a statement was issued.'), []);
  assert.deepEqual(en('A soldier was killed and a statement was issued.', true), [['A', 1, null, 'exact', 'soldier']]);
  assert.deepEqual(en('one civilian died', true), [['one', 1, null, 'exact', 'civilian']]);
  assert.deepEqual(en('one civilian died'), []);
  assert.deepEqual(en('at least one person died'), [['at least one', 1, null, 'at_least', 'person']]);
  assert.deepEqual(fr('un soldat a été tué', true), [['un', 1, null, 'exact', 'soldat']]);
  assert.deepEqual(fr('un soldat a été tué'), []);
});

test('sumCoordinated adds coordinated counts of people', () => {
  const s1 = 'Three soldiers and two gendarmes were killed.';
  const q1 = sumCoordinated(findQuantities(s1, 'en'), s1);
  assert.equal(q1.length, 1);
  assert.equal(q1[0]!.value, 5);
  assert.equal(q1[0]!.text, 'Three soldiers and two gendarmes');
  assert.equal(q1[0]!.parts?.length, 2);

  const s2 = 'Two soldiers and a civilian were killed.';
  assert.deepEqual(sumCoordinated(findQuantities(s2, 'en', { articles: true }), s2).map((q) => q.value), [3]);
  assert.deepEqual(sumCoordinated(findQuantities(s2, 'en'), s2).map((q) => q.value), [2], 'without articles nothing to add');

  const s3 = 'Three soldiers, two gendarmes and a civilian died.';
  assert.deepEqual(sumCoordinated(findQuantities(s3, 'en', { articles: true }), s3).map((q) => q.value), [6]);

  // a count of people of every kind and the kinds that make it up is the count; other kinds add up
  const s3b = 'Five civilians, two children, two old men and a woman died.';
  assert.deepEqual(sumCoordinated(findQuantities(s3b, 'en', { articles: true }), s3b).map((q) => q.value), [5]);
  const s3c = 'Cinq civils, deux enfants, deux hommes âgés et une femme ont été tués.';
  assert.deepEqual(sumCoordinated(findQuantities(s3c, 'fr', { articles: true }), s3c).map((q) => q.value), [5]);
  // a French adjective after the noun does not end the list; a verb of harm does
  const s3d = 'Un soldat malien et dix combattants islamistes ont été tués.';
  assert.deepEqual(sumCoordinated(findQuantities(s3d, 'fr', { articles: true }), s3d).map((q) => q.value), [11]);
  const s3e = 'Trois soldats tués et deux blessés.';
  assert.deepEqual(sumCoordinated(findQuantities(s3e, 'fr', { articles: true }), s3e).map((q) => q.value), [3, 2]);

  const s4 = 'trois soldats et un civil ont été tués';
  assert.deepEqual(sumCoordinated(findQuantities(s4, 'fr', { articles: true }), s4).map((q) => q.value), [4]);

  const s5 = 'At least four soldiers as well as two civilians died.';
  const q5 = sumCoordinated(findQuantities(s5, 'en'), s5);
  assert.deepEqual(q5.map((q) => [q.value, q.hedge]), [[6, 'at_least']]);

  const s6 = 'Four soldiers were killed and two vehicles destroyed.';
  assert.deepEqual(sumCoordinated(findQuantities(s6, 'en'), s6).map((q) => q.value), [4, 2], 'vehicles are not people');

  const s7 = 'Four soldiers were killed, and two civilians were wounded.';
  assert.deepEqual(sumCoordinated(findQuantities(s7, 'en'), s7).map((q) => q.value), [4, 2], 'separate clauses are not summed');
});
