import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { addDays, findDates, findEventRelativeDates, weekdayOf, type DateContext, type DateMention } from '../../src/text/dates.ts';

const EN: DateContext = { published: '2025-10-06', lang: 'en' }; // a Monday
const FR: DateContext = { published: '2025-10-06', lang: 'fr' };
const one = (text: string, ctx: DateContext): DateMention => {
  const found = findDates(text, ctx);
  assert.equal(found.length, 1, `one date expected in ${JSON.stringify(text)}, got ${JSON.stringify(found.map((d) => d.text))}`);
  return found[0]!;
};
const dp = (text: string, ctx: DateContext): [string, number, string] => {
  const d = one(text, ctx);
  return [d.date, d.precision, d.kind];
};

test('helpers', () => {
  assert.equal(addDays('2025-10-06', -7), '2025-09-29');
  assert.equal(addDays('2024-02-28', 1), '2024-02-29');
  assert.equal(addDays('2024-12-31', 1), '2025-01-01');
  assert.equal(weekdayOf('2025-10-01'), 3);
  assert.equal(weekdayOf('2025-10-05'), 0);
});

test('the seed article: weekday+date, bare weekday, relative-to-event phrase kept apart', () => {
  const seed = readFileSync(new URL('../../../shared/seed/seed-article.txt', import.meta.url), 'utf8');
  const dates = findDates(seed, EN);
  assert.deepEqual(dates.map((d) => [d.text, d.date, d.kind, d.flags]), [
    ['Saturday', '2025-10-04', 'weekday', []],
    ['Wednesday, October 1', '2025-10-01', 'absolute', []],
    ['October 3', '2025-10-03', 'absolute', []],
  ]);
  const rel = findEventRelativeDates(seed, 'en');
  assert.equal(rel.length, 1);
  assert.equal(rel[0]!.text, 'two days after');
  assert.equal(rel[0]!.offsetDays, 2);
  assert.equal(rel[0]!.anchor.text, 'an ambush');
  assert.ok(!dates.some((d) => d.start < rel[0]!.end && d.end > rel[0]!.start), 'no date inside "two days after"');
});

test('explicit dates, with and without a year', () => {
  const a = one('Gunmen attacked the post on 1 March 2020.', EN);
  assert.deepEqual([a.date, a.kind, a.yearStated, a.precision], ['2020-03-01', 'absolute', true, 1]);
  assert.equal(one('It happened on March 1, 2020, officials said.', EN).date, '2020-03-01');
  assert.equal(one('killed on 01/03/2020', EN).date, '2020-03-01', 'numeric dates are day first');
  assert.equal(one('tué le 3/10/2019', FR).date, '2019-10-03');
  const b = one('On Sept. 12 militants raided the town.', EN);
  assert.deepEqual([b.date, b.yearStated], ['2025-09-12', false]);
  assert.equal(one('The attack took place on 12 December.', EN).date, '2024-12-12', 'most recent not after publication');
  assert.equal(one('le 1er mars 2020', FR).date, '2020-03-01');
  assert.equal(one('le 12 septembre', FR).date, '2025-09-12');
});

test('a weekday with a date checks, or without publication fixes, the year', () => {
  const noPub: DateContext = { lang: 'en', today: '2027-03-01' };
  assert.equal(one('The ambush occurred on Wednesday, October 1.', noPub).date, '2025-10-01');
  assert.equal(one('mercredi 1er octobre', { lang: 'fr', today: '2027-03-01' }).date, '2025-10-01');
  assert.equal(one('on October 1', noPub).date, '2026-10-01', 'without a weekday: most recent not after today');
  const c = one('on Wednesday, December 31', EN);
  assert.equal(c.date, '2024-12-31');
  assert.deepEqual(c.flags, ['weekday_conflict'], '31 December 2024 was a Tuesday');
  assert.equal(c.text, 'Wednesday, December 31');
});

test('bare weekdays are the most recent such day before publication', () => {
  assert.deepEqual(dp('late on Tuesday', EN), ['2025-09-30', 1, 'weekday']);
  assert.equal(one('on Tuesday night', EN).date, '2025-09-30');
  assert.equal(one('last Sunday', EN).date, '2025-10-05');
  assert.equal(one('samedi soir', FR).date, '2025-10-04');
  assert.equal(one('dimanche dernier', FR).date, '2025-10-05');
  const same = one('on Monday', EN);
  assert.equal(same.date, '2025-09-29', 'the publication weekday means the week before');
  assert.deepEqual(same.flags, ['weekday_is_published_day']);
  const next = one('lundi prochain', FR);
  assert.equal(next.date, '2025-10-13');
  assert.deepEqual(next.flags, ['future']);
});

test('relative days, nights, weeks and months', () => {
  assert.deepEqual(dp('yesterday', EN), ['2025-10-05', 1, 'relative_day']);
  assert.deepEqual(dp('hier', FR), ['2025-10-05', 1, 'relative_day']);
  assert.deepEqual(dp("aujourd'hui", FR), ['2025-10-06', 1, 'relative_day']);
  assert.deepEqual(dp('this morning', EN), ['2025-10-06', 1, 'relative_day']);
  assert.deepEqual(dp('two days ago', EN), ['2025-10-04', 1, 'relative_day']);
  assert.deepEqual(dp('il y a deux jours', FR), ['2025-10-04', 1, 'relative_day']);
  assert.deepEqual(dp('during the night of Friday to Saturday', EN), ['2025-10-04', 1, 'weekday']);
  assert.deepEqual(dp('overnight Friday to Saturday', EN), ['2025-10-04', 1, 'weekday']);
  assert.deepEqual(dp('dans la nuit de vendredi à samedi', FR), ['2025-10-04', 1, 'weekday']);
  assert.deepEqual(dp('dans la nuit du 3 au 4 octobre', FR), ['2025-10-04', 1, 'absolute']);
  // weeks: Monday-Sunday; last week = its Thursday
  assert.deepEqual(dp('last week', EN), ['2025-10-02', 2, 'week']);
  assert.deepEqual(dp('la semaine dernière', FR), ['2025-10-02', 2, 'week']);
  assert.deepEqual(dp('le week-end dernier', FR), ['2025-10-04', 2, 'week']);
  assert.deepEqual(dp('last weekend', EN), ['2025-10-04', 2, 'week']);
  // "earlier this week" published Sunday 19 July 2020 = the middle of Mon 13 - Sat 18
  assert.deepEqual(dp('earlier this week', { published: '2020-07-19', lang: 'en' }), ['2020-07-15', 2, 'week']);
  assert.deepEqual(dp('earlier this week', { published: '2019-10-03', lang: 'en' }), ['2019-10-01', 2, 'week']);
  // months
  assert.deepEqual(dp('last month', EN), ['2025-09-15', 3, 'month']);
  assert.deepEqual(dp('le mois dernier', FR), ['2025-09-15', 3, 'month']);
  assert.deepEqual(dp('in July', EN), ['2025-07-15', 3, 'month']);
  assert.deepEqual(dp('early July', EN), ['2025-07-01', 3, 'month']);
  assert.deepEqual(dp('late July', EN), ['2025-07-31', 3, 'month']);
  assert.deepEqual(dp('fin juillet', FR), ['2025-07-31', 3, 'month']);
  assert.deepEqual(dp('début juillet', FR), ['2025-07-01', 3, 'month']);
  assert.deepEqual(dp('en novembre', FR), ['2024-11-15', 3, 'month']);
  const may = one('In May 2019 the army withdrew.', EN);
  assert.deepEqual([may.date, may.yearStated], ['2019-05-15', true]);
  assert.deepEqual(dp('this month', { published: '2014-02-14', lang: 'en' }), ['2014-02-07', 3, 'month']);
  const late = one('late October', EN);
  assert.deepEqual([late.date, late.flags], ['2025-10-31', ['future']]);
});

test('things that are not dates', () => {
  for (const s of ['the 2015 peace agreement', 'en 2012', 'at 5 pm', 'à 10h', 'for two days', 'three weeks of fighting',
    'a 16-year-old boy', 'protesters may march on the capital', 'since late 2016', 'two days after the ambush',
    'deux jours après l\'embuscade', 'la veille de l\'attaque', 'the day after the raid']) {
    const lang = /[àé']|deux|veille|en 2012/.test(s) ? 'fr' : 'en';
    assert.deepEqual(findDates(s, { published: '2025-10-06', lang }).map((d) => d.text), [], s);
  }
});

test('event-relative dates', () => {
  const cases: [string, 'en' | 'fr', string, number, string][] = [
    ['two days after an ambush claimed by JNIM', 'en', 'two days after', 2, 'an ambush'],
    ['a day before the attack on the camp', 'en', 'a day before', -1, 'the attack'],
    ['the day after the raid', 'en', 'the day after', 1, 'the raid'],
    ['a week after the attack', 'en', 'a week after', 7, 'the attack'],
    ["deux jours après l'embuscade tendue par le JNIM", 'fr', 'deux jours après', 2, "l'embuscade"],
    ["la veille de l'attaque", 'fr', 'la veille de', -1, "l'attaque"],
    ["au lendemain de l'attaque contre le camp", 'fr', 'au lendemain de', 1, "l'attaque"],
  ];
  for (const [s, lang, text, off, anchor] of cases) {
    const r = findEventRelativeDates(s, lang);
    assert.equal(r.length, 1, s);
    assert.deepEqual([r[0]!.text, r[0]!.offsetDays, r[0]!.anchor.text], [text, off, anchor], s);
    assert.equal(s.slice(r[0]!.anchor.start, r[0]!.anchor.end), anchor);
  }
  assert.deepEqual(findEventRelativeDates('They fought for two days.', 'en'), []);
});

test('weekdays next to time words and places', () => {
  const pub: DateContext = { published: '2013-01-13', lang: 'en' };
  assert.equal(one('Malian troops fought through the night on Wednesday in the Mopti area.', pub).date, '2013-01-09');
  assert.equal(one('on the night of October 3', EN).date, '2025-10-03');
  assert.equal(one('Une femme a été abattue jeudi dernier à Diffa.', { published: '2019-04-09', lang: 'fr' }).date, '2019-04-04');
  assert.equal(one('Des hommes armés ont attaqué le poste mardi matin à Boulkessi.', FR).date, '2025-09-30');
});
