import { test } from 'node:test';
import assert from 'node:assert/strict';
import { countryName, findActorMentions, genericActor, resolveActor, type ActorMention, type ResolvedActor } from '../../src/actors/index.ts';
import type { Lang } from '../../src/domain/index.ts';

/** Resolves the single mention of `text` for an event in `country` on `date`. */
function actor(text: string, country: string | null, date: string, lang: Lang = 'en'): ResolvedActor {
  const ms = findActorMentions(text, lang);
  assert.equal(ms.length, 1, `expected one mention in ${JSON.stringify(text)}, got ${JSON.stringify(ms.map((m) => m.text))}`);
  return resolveActor(ms[0] as ActorMention, { country, date });
}

test('Malian state forces are named by regime period', () => {
  assert.equal(actor('soldiers', 'ML', '2011-06-22').name, 'Military Forces of Mali (2002-2012)');
  assert.equal(actor('soldiers', 'ML', '2012-03-30').name, 'Military Forces of Mali (2012-2013)');
  assert.equal(actor('the FAMa', 'ML', '2019-04-01').name, 'Military Forces of Mali (2013-2020)');
  assert.equal(actor('Malian troops', 'ML', '2020-09-20').name, 'Military Forces of Mali (2020-2021)');
  assert.equal(actor("l'armée malienne", 'ML', '2021-05-24', 'fr').name, 'Military Forces of Mali (2021-)');
  assert.equal(actor('Malian army', 'ML', '2025-10-04').name, 'Military Forces of Mali (2021-)');
  assert.equal(actor('Malian army', 'ML', '2025-10-04').inter, 1);
});

test('generic soldiers take the country of the event', () => {
  const niger = actor('soldiers', 'NE', '2019-05-14');
  assert.equal(niger.name, 'Military Forces of Niger (2011-)');
  assert.equal(niger.inter, 1);
  assert.equal(actor('les militaires', 'NE', '2024-01-10', 'fr').name, 'Military Forces of Niger (2023-)');
  assert.equal(actor('the army', 'BF', '2022-06-01').name, 'Military Forces of Burkina Faso (2022-)');
  assert.equal(actor('les FDS', 'BF', '2019-01-01', 'fr').name, 'Military Forces of Burkina Faso (2015-)');
});

test('forces named by a foreign nationality are External/Other forces (inter 8)', () => {
  const bf = actor('Burkinabe soldiers', 'ML', '2020-05-29');
  assert.equal(bf.name, 'Military Forces of Burkina Faso (2015-)');
  assert.equal(bf.inter, 8);
  assert.equal(bf.country, 'BF');
  assert.equal(actor('Chadian troops', 'ML', '2013-04-12').name, 'Military Forces of Chad (1990-2021)');
  assert.equal(actor("l'armée mauritanienne", 'ML', '2011-06-25', 'fr').inter, 8);
  const barkhane = actor('Barkhane', 'ML', '2018-02-19');
  assert.equal(barkhane.name, 'Military Forces of France (2017-)');
  assert.equal(barkhane.inter, 8);
  assert.equal(actor('opération Serval', 'ML', '2013-01-11', 'fr').name, 'Military Forces of France (2012-2017)');
  // the same words at home are state forces
  assert.equal(actor('Burkinabe soldiers', 'BF', '2020-05-29').inter, 1);
});

test('police and gendarmerie follow each country’s convention', () => {
  assert.equal(actor('policemen', 'BF', '2018-11-27').name, 'Police Forces of Burkina Faso (2015-)');
  assert.equal(actor('gendarmes', 'ML', '2019-09-02').name, 'Police Forces of Mali (2013-2020) Gendarmerie');
  assert.equal(actor('la gendarmerie', 'BF', '2017-10-05', 'fr').name, 'Police Forces of Burkina Faso (2015-) Gendarmerie');
  assert.equal(actor('des gendarmes', 'NE', '2019-11-29', 'fr').name, 'Military Forces of Niger (2011-) Gendarmerie');
  assert.equal(actor('la Garde nationale', 'NE', '2019-09-29', 'fr').name, 'Police Forces of Niger (2011-) National Guard');
  assert.equal(actor('gendarmes', 'ML', '2019-09-02').inter, 1);
});

test('a katiba is filed under JNIM, with the katiba as associated actor', () => {
  const r = actor('suspected Katiba Macina militants', 'ML', '2019-10-17');
  assert.equal(r.name, 'JNIM: Group for Support of Islam and Muslims');
  assert.equal(r.inter, 2);
  assert.deepEqual(r.assoc, ['Katiba Macina']);
  assert.equal(r.parentOf, 'Katiba Macina');
  assert.equal(actor('la katiba Serma', 'ML', '2018-12-27', 'fr').parentOf, 'Katiba Serma');
  // before JNIM existed, Ansar Dine is its own actor
  const early = actor('Ansar Dine fighters', 'ML', '2013-01-10');
  assert.equal(early.name, 'Ansar Dine');
  assert.equal(early.parentOf, undefined);
});

test('Islamic State in the Greater Sahara becomes the Sahel Province in March 2022', () => {
  assert.equal(actor('ISGS', 'NE', '2019-04-26').name, 'Islamic State (Greater Sahara)');
  assert.equal(actor("l'EIGS", 'ML', '2022-02-27', 'fr').name, 'Islamic State (Greater Sahara)');
  assert.equal(actor('ISGS', 'BF', '2022-04-30').name, 'Islamic State (Sahel)');
  assert.equal(actor('Islamic State Sahel Province', 'NE', '2023-03-20').name, 'Islamic State (Sahel)');
  assert.equal(actor('ISWAP', 'NE', '2020-08-30').name, 'Islamic State (West Africa)');
});

test('unnamed attackers are the Unidentified Armed Group of the event country, or of the stated one', () => {
  const r = actor('unidentified gunmen', 'BF', '2020-08-06');
  assert.equal(r.name, 'Unidentified Armed Group (Burkina Faso)');
  assert.equal(r.inter, 3);
  assert.equal(actor('des hommes armés non identifiés', 'NE', '2019-09-29', 'fr').name, 'Unidentified Armed Group (Niger)');
  assert.equal(actor('Nigerian gunmen', 'NE', '2020-10-07').name, 'Unidentified Armed Group (Nigeria)');
  // ACLED's Islamist Militia label for attackers described as jihadists, 2016-2018
  assert.equal(actor('suspected jihadists', 'ML', '2017-05-13').name, 'Islamist Militia (Mali)');
  assert.equal(actor('suspected jihadists', 'ML', '2020-05-13').name, 'Unidentified Armed Group (Mali)');
  assert.equal(actor('armed men', 'ML', '2017-05-13').name, 'Unidentified Armed Group (Mali)');
});

test('civilians, with ethnic and occupational associated actors', () => {
  const v = actor('villagers', 'ML', '2020-03-01');
  assert.equal(v.name, 'Civilians (Mali)');
  assert.equal(v.inter, 7);
  assert.deepEqual(v.assoc, []);
  const f = actor('Fulani herders', 'BF', '2019-02-04');
  assert.equal(f.name, 'Civilians (Burkina Faso)');
  assert.deepEqual([...f.assoc].sort(), ['Fulani Ethnic Group (Burkina Faso)', 'Pastoralists (Burkina Faso)']);
  assert.deepEqual(actor('des villageois dogons', 'ML', '2019-01-05', 'fr').assoc, ['Dogon Ethnic Group (Mali)']);
  assert.deepEqual(actor('a farmer', 'NE', '2020-04-27').assoc, ['Farmers (Niger)']);
  assert.deepEqual(actor('un journaliste', 'ML', '2018-12-27', 'fr').assoc, ['Journalists (Mali)']);
  assert.equal(actor('foreign nationals', 'ML', '2017-08-22').name, 'Civilians (International)');
});

test('ethnic and communal militias', () => {
  const fulani = actor('suspected Fulani militiamen', 'ML', '2020-03-01');
  assert.equal(fulani.name, 'Fulani Ethnic Militia (Mali)');
  assert.equal(fulani.inter, 4);
  assert.deepEqual(fulani.assoc, ['Pastoralists (Mali)']);
  assert.equal(actor('miliciens dogons', 'ML', '2018-08-05', 'fr').name, 'Dogon Ethnic Militia (Mali)');
  assert.equal(actor('Dan Na Ambassagou', 'ML', '2019-02-16').name, 'Dan Na Ambassagou');
  assert.equal(actor('Dozo hunters', 'ML', '2018-07-21').name, 'Dozo Militia');
  assert.equal(actor('chasseurs dozos', 'ML', '2020-06-03', 'fr').name, 'Dozo Communal Militia (Mali)');
  const dozo = actor("Bambara militiamen from the Dozo hunters' brotherhood", 'ML', '2018-12-06');
  assert.deepEqual(dozo.assoc, ['Bambara Ethnic Group (Mali)']);
  assert.equal(actor('Koglweogo vigilantes', 'BF', '2018-10-23').name, 'Koglweogo Militia');
  assert.equal(actor('Volontaires pour la défense de la patrie', 'BF', '2020-08-17', 'fr').name, 'VDP: Volunteer for Defense of Homeland');
});

test('protesters and rioters are those of the event country', () => {
  assert.equal(actor('demonstrators', 'NE', '2020-03-15').name, 'Protesters (Niger)');
  assert.equal(actor('demonstrators', 'NE', '2020-03-15').inter, 6);
  assert.equal(actor('des émeutiers', 'BF', '2011-03-09', 'fr').name, 'Rioters (Burkina Faso)');
  assert.equal(actor('angry residents', 'ML', '2020-07-10').inter, 5);
});

test('missions and foreign armed groups', () => {
  assert.equal(actor('UN peacekeepers', 'ML', '2016-05-29').name, 'MINUSMA: United Nations Multidimensional Integrated Stabilization Mission in Mali (2013-)');
  assert.equal(actor('UN peacekeepers', 'ML', '2016-05-29').inter, 8);
  const contingent = actor('Chadian soldiers of the UN mission', 'ML', '2016-05-29');
  assert.equal(contingent.name, 'MINUSMA: United Nations Multidimensional Integrated Stabilization Mission in Mali (2013-)');
  assert.deepEqual(contingent.assoc, ['Military Forces of Chad (1990-2021)']);
  assert.equal(actor('Wagner mercenaries', 'ML', '2022-03-27').inter, 8);
  assert.equal(actor('AQMI', 'ML', '2011-06-27', 'fr').name, 'AQIM: Al Qaeda in the Islamic Maghreb');
  assert.equal(actor('Boko Haram fighters', 'NE', '2020-05-14').name, 'Boko Haram - Jamatu Ahli is-Sunnah lid-Dawatai wal-Jihad');
});

test('country names and generic fallbacks', () => {
  assert.equal(countryName('ML'), 'Mali');
  assert.equal(countryName('BF'), 'Burkina Faso');
  assert.equal(countryName('NE'), 'Niger');
  assert.equal(countryName('TD'), 'Chad');
  assert.equal(countryName('XX'), 'XX');
  assert.equal(genericActor('unidentified', { country: 'ML', date: '2025-10-04' }).name, 'Unidentified Armed Group (Mali)');
  assert.equal(genericActor('civilians', { country: 'NE', date: '2020-01-01' }).name, 'Civilians (Niger)');
  assert.equal(genericActor('state', { country: 'BF', date: '2023-01-01' }).name, 'Military Forces of Burkina Faso (2022-)');
});
