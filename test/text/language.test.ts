import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectLanguage } from '../../src/text/language.ts';

test('detectLanguage tells English from French', () => {
  assert.equal(detectLanguage('The Malian Armed Forces launched a series of airstrikes in Ségou and Timbuktu on Saturday, two days after an ambush.'), 'en');
  assert.equal(detectLanguage('Gunmen killed four soldiers near Gao on Monday, a security source told AFP.'), 'en');
  assert.equal(detectLanguage("Un conseiller municipal a été enlevé jeudi dans le village de Borini, selon des sources locales."), 'fr');
  assert.equal(detectLanguage("L'armée a neutralisé une quinzaine de terroristes lors d'une opération dans la région de Mopti."), 'fr');
});

test('detectLanguage returns null for other languages, junk and too little text', () => {
  assert.equal(detectLanguage('Die Soldaten wurden in der Nähe von Gao getötet, sagte die Armee am Montag.'), null);
  assert.equal(detectLanguage('Los soldados fueron atacados en el norte de Malí por hombres armados.'), null);
  assert.equal(detectLanguage('\u0000\u0001ÿþ 0x33 ## ~~ 0101'), null);
  assert.equal(detectLanguage('Gao'), null);
  assert.equal(detectLanguage(''), null);
});
