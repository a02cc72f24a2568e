import { test } from 'node:test';
import assert from 'node:assert/strict';
import { distanceKm, findPlaceMentions, loadBundledGazetteer, resolvePlace } from '../../src/gazetteer/index.ts';
import type { Lang } from '../../src/domain/schemas.ts';

const gaz = loadBundledGazetteer({});
const countries = ['ML', 'BF', 'NE'];
const mentions = (text: string, lang: Lang = 'en') => findPlaceMentions(text, gaz, { lang, countries });
const place = (text: string, lang: Lang = 'en') => {
  const ms = mentions(text, lang);
  return resolvePlace(ms, gaz, { countries, docMentions: ms });
};

test('region vs town: a kind word decides', () => {
  const [region, town] = mentions('Clashes spread in the Timbuktu region. Two days later gunmen entered Timbuktu.');
  assert.equal(region?.kind, 'admin1');
  assert.equal(region?.admin1[0]?.name, 'Tombouctou');
  assert.equal(town?.kind, 'place');
  assert.equal(town?.candidates[0]?.name, 'Timbuktu');
  assert.equal(mentions('in the Kidal region')[0]?.kind, 'admin1');
  assert.equal(mentions('an attack in Kidal')[0]?.kind, 'place');
  assert.equal(mentions('dans la région de Gao', 'fr')[0]?.kind, 'admin1');
  assert.equal(mentions('a Gao-region village')[0]?.kind, 'admin1');
  assert.equal(mentions('in Gao')[0]?.kind, 'place');
});

test('"the regions of" and "X and Y regions" mark lists as admin1', () => {
  const ms = mentions('near the boundary between the Segou and Mopti regions');
  assert.deepEqual(ms.map((m) => m.kind), ['admin1', 'admin1']);
  const fr = mentions('dans les régions de Ségou et Tombouctou', 'fr');
  assert.deepEqual(fr.map((m) => m.kind), ['admin1', 'admin1']);
});

test('a town only: precision 1 at the town, admin names filled', () => {
  const p = place('Gunmen attacked Sokolo in Ségou on Sunday.');
  assert.equal(p?.name, 'Sokolo');
  assert.equal(p?.geo_precision, 1);
  assert.equal(p?.admin1, 'Ségou');
  assert.equal(p?.admin2, 'Niono');
  assert.equal(p?.country, 'Mali');
  assert.equal(p?.iso, 466);
});

test('containers: "Sokolo in Ségou", "Djibo, in Soum province", chains', () => {
  const [sokolo, segou] = mentions('Gunmen attacked Sokolo in Ségou.');
  assert.equal(sokolo?.container, segou);
  assert.equal(segou?.kind, 'admin1');
  const [djibo, soum] = mentions('Djibo, in Soum province, was attacked.');
  assert.equal(djibo?.container, soum);
  assert.equal(soum?.kind, 'admin2');
  const ms = mentions("raided the Dogon village of Kilimba, in the Koro district of Mali's Mopti region");
  const kilimba = ms.find((m) => m.text === 'Kilimba');
  assert.equal(kilimba?.container?.text, 'Koro');
  assert.equal(kilimba?.container?.kind, 'admin2');
  assert.equal(ms.find((m) => m.text === 'Mopti')?.kind, 'admin1');
});

test('a village missing from the gazetteer: its container seat, its name kept', () => {
  const p = place("Suspected militiamen raided the Dogon village of Kilimba, in the Koro district of Mali's Mopti region.");
  assert.equal(p?.name, 'Kilimba');
  assert.equal(p?.admin1, 'Mopti');
  assert.equal(p?.admin2, 'Koro');
  assert.equal(p?.geo_precision, 2);
  assert.equal(p?.geonameid, undefined);
});

test('"near" and "30 km north of": precision 2, offset point', () => {
  const near = place('Soldiers were ambushed near Douentza.');
  assert.equal(near?.geo_precision, 2);
  assert.equal(near?.name, 'Douentza');
  const [gao] = mentions('An IED exploded 30 km north of Gao.');
  assert.equal(gao?.relation, 'direction');
  assert.equal(gao?.distanceKm, 30);
  assert.equal(gao?.bearing, 'north');
  const p = place('An IED exploded 30 km north of Gao.');
  const town = gaz.lookup('Gao', { countries: ['ML'] })[0]!;
  assert.equal(p?.geo_precision, 2);
  assert.ok(Math.abs(distanceKm(town.lat, town.lon, p!.latitude, p!.longitude) - 30) < 0.5);
  assert.ok(p!.latitude > town.lat);
  assert.equal(mentions('on the outskirts of Mopti')[0]?.relation, 'outside');
  // Capitalised at a sentence start, the compass word is still the relation, not a place.
  for (const [text, lang] of [['West of Sokolo, in the Ségou region, fifteen fighters were killed.', 'en'], ['North of Gao, an IED exploded.', 'en'],
    ["À l'ouest de Sokolo, quinze combattants ont été tués.", 'fr'], ['Au nord de Gao, un engin explosif a sauté.', 'fr']] as const) {
    const ms = mentions(text, lang);
    assert.equal(ms[0]?.relation, 'direction', text);
    assert.ok(ms.every((m) => !/^(west|north|ouest|nord)$/i.test(m.text)), text);
  }
});

test('"between Kayes and Yelimané": halfway between the two, precision 2, admin1 Kayes', () => {
  const ms = mentions('Soldiers were ambushed between Kayes and Yelimané.');
  assert.deepEqual(ms.map((m) => m.relation), ['between', 'between']);
  const p = place('Soldiers were ambushed between Kayes and Yelimané.');
  assert.equal(p?.admin1, 'Kayes');
  assert.equal(p?.name, 'between Kayes and Yélimané');
  assert.equal(p?.geo_precision, 2);
  assert.equal(p?.geonameid, undefined);
  // Kayes (14.45, -11.44) and Yélimané (15.12, -10.58): the midpoint
  assert.ok(Math.abs((p?.latitude ?? 0) - 14.78) < 0.02 && Math.abs((p?.longitude ?? 0) + 11.01) < 0.02, JSON.stringify(p));
});

test('a road named by its two towns ("the Gao-Ansongo road", "l\'axe Djibo-Ouahigouya") is between them; a hyphenated village is not', () => {
  for (const [text, lang, name] of [
    ['Gunmen ambushed a convoy on the Gao-Ansongo road on Sunday.', 'en', 'between Gao and Ansongo'],
    ["Des civils ont été enlevés sur l'axe Djibo-Ouahigouya dimanche.", 'fr', 'between Djibo and Ouahigouya'],
  ] as const) {
    assert.deepEqual(mentions(text, lang).map((m) => m.relation), ['between', 'between'], text);
    const p = place(text, lang);
    assert.deepEqual([p?.name, p?.geo_precision], [name, 2], text);
  }
  // no road word: a village whose name joins two words stays one name
  assert.ok(!mentions('the chief of Sare-Kina, a village in the Tenenkou district').some((m) => m.relation === 'between'));
  // two countries are a border, not a road
  assert.equal(mentions('near the Mali-Niger road').filter((m) => m.relation === 'between').length, 0);
});

test('"residents of X", "les habitants de X" introduce a place the gazetteer lacks, even before a verb', () => {
  for (const [text, lang] of [
    ['In the west, angry residents of Karangasso-Sambla barricaded the town hall on February 7.', 'en'],
    ['Les habitants de Tintiba-Kouré ont manifesté samedi devant la mairie.', 'fr'],
  ] as const) {
    const ms = mentions(text, lang);
    assert.deepEqual(ms.map((m) => [m.kind, m.relation]), [['place', 'in']], text);
  }
  // an adjective before a noun is still no place
  assert.equal(mentions('Gunmen attacked people in Dogon villages.').length, 0);
});

test('French cues', () => {
  const [douentza] = mentions('à 30 km au nord-est de Douentza', 'fr');
  assert.equal(douentza?.relation, 'direction');
  assert.equal(douentza?.bearing, 'north-east');
  assert.equal(mentions('près de Tillabéri', 'fr')[0]?.relation, 'near');
  assert.equal(mentions('aux environs de Djibo', 'fr')[0]?.relation, 'near');
  assert.equal(mentions('entre Gao et Ansongo', 'fr').map((m) => m.relation).join(), 'between,between');
  assert.equal(mentions('dans la zone de Ménaka', 'fr')[0]?.relation, 'area');
  const p = place("Des hommes armés ont attaqué le village de Boni, à 30 km au nord-est de Douentza, dans la région de Mopti.", 'fr');
  assert.equal(p?.name, 'Boni');
  assert.equal(p?.admin1, 'Mopti');
  assert.equal(p?.geo_precision, 2);
});

test('monitored-country preference and non-places', () => {
  const [kayes] = mentions('Fighting was reported in Kayes.');
  assert.equal(kayes?.candidates[0]?.country, 'ML');
  assert.equal(place('Fighting was reported in Kayes.')?.country, 'Mali');
  // "One" is a Swiss town's alternate name; sentence-initial common words are not places.
  assert.equal(mentions('One person was killed.').length, 0);
  assert.equal(mentions('The Katiba Macina claimed it.').length, 0);
  assert.equal(mentions('along the Niger river').length, 0);
  assert.equal(mentions('in Niger')[0]?.kind, 'country');
  assert.equal(mentions('in Burkina Faso')[0]?.countries[0], 'BF');
});

test('admin-only reports: precision 3 at the capital or seat', () => {
  const p = place('Unrest was reported in the Centre-North region.');
  assert.equal(p?.admin1, 'Centre-Nord');
  assert.equal(p?.name, 'Kaya');
  assert.equal(p?.geo_precision, 3);
  const s = place('Attacks continue in Soum province.');
  assert.equal(s?.admin2, 'Soum');
  assert.equal(s?.name, 'Djibo');
  assert.equal(s?.geo_precision, 3);
});
