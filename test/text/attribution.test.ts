import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { findAttributions, findHedges, type Attribution } from '../../src/text/attribution.ts';
import { splitSentences } from '../../src/text/segment.ts';
import type { DateContext } from '../../src/text/dates.ts';

const EN: DateContext = { published: '2025-10-06', lang: 'en' };
const FR: DateContext = { published: '2025-10-06', lang: 'fr' };
const brief = (a: Attribution): [string, string, string | null, string] => [a.kind, a.claimant, a.channel, a.verb];
const en = (s: string): ReturnType<typeof brief>[] => findAttributions(s, 'en', EN).map(brief);
const fr = (s: string): ReturnType<typeof brief>[] => findAttributions(s, 'fr', FR).map(brief);

test('the seed article: claimant, channel and date of the claim', () => {
  const seed = readFileSync(new URL('../../../shared/seed/seed-article.txt', import.meta.url), 'utf8');
  const sentences = splitSentences(seed);
  const claim = sentences.find((s) => s.text.startsWith('In a statement released on Az Zallaqa'))!;
  const [a] = findAttributions(claim.text, 'en', EN);
  assert.ok(a);
  assert.deepEqual([a.kind, a.claimant, a.channel, a.date, a.verb], ['claimed', 'JNIM', 'Az Zallaqa', '2025-10-03', 'claimed']);
  assert.equal(claim.text.slice(a.claimantSpan!.start, a.claimantSpan!.end), 'JNIM');
  assert.equal(claim.text.slice(a.channelSpan!.start, a.channelSpan!.end), 'Az Zallaqa');
  const staff = sentences.find((s) => s.text.startsWith('According to a statement'))!;
  assert.deepEqual(findAttributions(staff.text, 'en', EN).map(brief), [['said', 'General Staff', 'statement', 'According to']]);
  const first = sentences[0]!;
  assert.deepEqual(findAttributions(first.text, 'en', EN).map(brief),
    [['claimed', 'Jama’at Nusrat al-Islam wal-Muslimin (JNIM)', null, 'claimed']]);
});

test('English attributions', () => {
  assert.deepEqual(en('Two civilians were killed, a local official said.'), [['said', 'local official', null, 'said']]);
  assert.deepEqual(en('Gunmen killed 10 people on Monday, residents said.'), [['said', 'residents', null, 'said']]);
  assert.deepEqual(en('The Malian army said in a statement that 15 militants were killed.'), [['said', 'Malian army', 'statement', 'said']]);
  assert.deepEqual(en('A security source told AFP that four soldiers died.'), [['said', 'security source', 'AFP', 'told']]);
  assert.deepEqual(en('“We repelled the attack,” said a military spokesman.'), [['said', 'military spokesman', null, 'said']]);
  assert.deepEqual(en("Mali's defence ministry reported 12 dead."), [['said', "Mali's defence ministry", null, 'reported']]);
  assert.deepEqual(en('JNIM claimed responsibility for the attack.'), [['claimed', 'JNIM', null, 'claimed']]);
  assert.deepEqual(en('The attack was claimed by the Islamic State in the Greater Sahara (ISGS).'),
    [['claimed', 'Islamic State in the Greater Sahara (ISGS)', null, 'claimed']]);
  assert.deepEqual(en('Local sources said the assailants came on motorbikes.'), [['said', 'Local sources', null, 'said']]);
  assert.deepEqual(en('Ansar Dine later claimed responsibility, according to the SITE Intelligence Group.'),
    [['claimed', 'Ansar Dine', null, 'claimed'], ['said', 'SITE Intelligence Group', null, 'according to']]);
  assert.deepEqual(en('The group said on Twitter it had killed four soldiers.'), [['said', 'group', 'Twitter', 'said']]);
  assert.deepEqual(en('Ten soldiers were allegedly executed.'), [['reportedly', '', null, 'allegedly']]);
  assert.deepEqual(en('Soldiers patrolled the market.'), []);
});

test('French attributions', () => {
  assert.deepEqual(fr('Au moins une personne a été tuée, selon des sources concordantes.'), [['said', 'sources concordantes', null, 'selon']]);
  assert.deepEqual(fr("D'après le ministère de la Défense, 15 terroristes ont été neutralisés."), [['said', 'ministère de la Défense', null, "D'après"]]);
  assert.deepEqual(fr("L'armée malienne a indiqué dans un communiqué que 10 soldats ont été tués."), [['said', 'armée malienne', 'communiqué', 'a indiqué']]);
  assert.deepEqual(fr('Quatre soldats ont été tués, a appris Studio Tamani de sources sécuritaires.'), [['said', 'sources sécuritaires', 'Studio Tamani', 'a appris']]);
  assert.deepEqual(fr("Le JNIM a revendiqué l'attaque dans un communiqué publié sur Az Zallaqa."), [['claimed', 'JNIM', 'Az Zallaqa', 'a revendiqué']]);
  assert.deepEqual(fr("L'attaque, revendiquée par l'État islamique au Grand Sahara, a fait 12 morts."), [['claimed', 'État islamique au Grand Sahara', null, 'revendiquée']]);
  assert.deepEqual(fr("« Nous avons repoussé l'attaque », a déclaré à l'AFP une source sécuritaire."), [['said', 'source sécuritaire', 'AFP', 'a déclaré']]);
  assert.deepEqual(fr('Le gouverneur de la région a affirmé que le calme est revenu.'), [['said', 'gouverneur de la région', null, 'a affirmé']]);
  assert.deepEqual(fr('Dix civils auraient été tués.'), [['reportedly', '', null, 'auraient']]);
});

test('a source giving the toll without a speech verb is an attribution; the same verbs about other things are not', () => {
  assert.deepEqual(en('The rebels put the death toll at 12.'), [['said', 'rebels', null, 'put the death toll at']]);
  assert.deepEqual(en('Local officials placed the number of dead at nine.'), [['said', 'Local officials', null, 'placed the number of dead at']]);
  assert.deepEqual(en('The Red Cross gave a toll of 30 dead.'), [['said', 'Red Cross', null, 'gave a toll of']]);
  assert.deepEqual(fr("L'armée a établi le bilan à 12 morts."), [['said', 'armée', null, 'a établi le bilan à']]);
  assert.deepEqual(fr('Les rebelles chiffrent le nombre de victimes à 40.'), [['said', 'rebelles', null, 'chiffrent le nombre de victimes à']]);
  assert.deepEqual(en('Militants put the market on fire.'), []);
  assert.deepEqual(en('The toll was put at 12.'), [], 'a passive names no one');
});

test('offsets are relative to the string passed', () => {
  const s = 'Two civilians were killed, a local official said.';
  const [a] = findAttributions(s, 'en', EN);
  assert.equal(s.slice(a!.start, a!.end), a!.text);
  assert.equal(a!.text, 'local official said');
});

test('hedges', () => {
  assert.deepEqual(findHedges('Around fifteen militants were reportedly neutralised by suspected jihadists.', 'en').map((h) => h.text), ['reportedly', 'suspected']);
  assert.deepEqual(findHedges('The men allegedly belonged to a presumed cell.', 'en').map((h) => h.text), ['allegedly', 'presumed']);
  assert.deepEqual(findHedges('Dix civils auraient été tués par des présumés jihadistes et des supposés complices.', 'fr').map((h) => h.text), ['auraient', 'présumés', 'supposés']);
  assert.deepEqual(findHedges('Soldiers killed four militants.', 'en'), []);
});
