import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fold } from '../../src/text/fold.ts';
import { splitSentences, tokenize } from '../../src/text/segment.ts';

test('fold lowercases, strips accents, unifies quotes and dashes, keeps length', () => {
  for (const [input, expected] of [
    ['Ségou', 'segou'],
    ['Jama’at Nusrat al-Islam', "jama'at nusrat al-islam"],
    ['l’armée – FAMa — 2025', "l'armee - fama - 2025"],
    ['ÉTAT ISLAMIQUE', 'etat islamique'],
    ['`Tombouctou´', "'tombouctou'"],
    ['Ménaka\u00a0Kidal', 'menaka kidal'],
  ] as const) {
    assert.equal(fold(input), expected);
    assert.equal(fold(input).length, input.length);
  }
  assert.equal(fold('cœur').length, 4, 'ligatures stay one character');
});

test('splitSentences keeps offsets and handles abbreviations, initials, decimals, quotes', () => {
  const text = 'Gen. Traoré met Lt-Col. Diallo and M. Keita on Jan. 3 near Gao. The U.N. mission said 12.5 km were cleared. “We came,” the statement read. Really... Yes! J. R. Smith came?\n\nNew paragraph here.\nAnother line';
  const s = splitSentences(text);
  assert.deepEqual(s.map((x) => x.text), [
    'Gen. Traoré met Lt-Col. Diallo and M. Keita on Jan. 3 near Gao.',
    'The U.N. mission said 12.5 km were cleared.',
    '“We came,” the statement read.',
    'Really...',
    'Yes!',
    'J. R. Smith came?',
    'New paragraph here.',
    'Another line',
  ]);
  for (const x of s) assert.equal(text.slice(x.start, x.end), x.text);
  assert.deepEqual(s.map((x) => x.paragraph), [0, 0, 0, 0, 0, 0, 1, 2]);
  assert.deepEqual(s.map((x) => x.index), [0, 1, 2, 3, 4, 5, 6, 7]);
});

test('splitSentences: quotes, question marks, French titles, lowercase continuations', () => {
  const text = 'Le Cdt. Sangaré et Mme Coulibaly sont arrivés. « Nous avons repoussé l\'attaque. » Le bilan est lourd. “Who?” he asked. "Stop." Then they left.';
  assert.deepEqual(splitSentences(text).map((x) => x.text), [
    'Le Cdt. Sangaré et Mme Coulibaly sont arrivés.',
    '« Nous avons repoussé l\'attaque. »',
    'Le bilan est lourd.',
    '“Who?” he asked.',
    '"Stop."',
    'Then they left.',
  ]);
  assert.deepEqual(splitSentences('   \n\n  '), []);
});

test('tokenize: elisions, possessives, hyphenated names, numbers, offsets', () => {
  const text = "l'armée d'Ivoire qu'il N'Guigmi Mali's al-Qaeda 1,200 12.5 16-year-old aujourd'hui Jama’at 8-10 jusqu'à";
  const toks = tokenize(text, 100);
  assert.deepEqual(toks.map((t) => t.text), ["l'", 'armée', "d'", 'Ivoire', "qu'", 'il', "N'Guigmi", 'Mali', "'s", 'al-Qaeda',
    '1,200', '12.5', '16-year-old', "aujourd'hui", 'Jama’at', '8', '-', '10', "jusqu'", 'à']);
  for (const t of toks) assert.equal(text.slice(t.start - 100, t.end - 100), t.text);
  assert.equal(toks[1]!.norm, 'armee');
  assert.equal(toks.find((t) => t.text === 'Jama’at')!.norm, "jama'at");
});
