import { readFileSync } from 'node:fs';
import { splitSentences, tokenize } from './src/text/segment.ts';
import { detectLanguage } from './src/text/language.ts';
import { findQuantities, sumCoordinated } from './src/text/numbers.ts';
import { findDates, findEventRelativeDates } from './src/text/dates.ts';
import { findAttributions, findHedges } from './src/text/attribution.ts';
import type { Lang } from './src/domain/schemas.ts';
const docs = readFileSync('/work/shared/eval/dev/docs.jsonl','utf8').trim().split('\n').map(l=>JSON.parse(l) as {id:string;text:string;published:string;lang:Lang});
let wrongLang=0;
const run = () => { for (const d of docs) {
  const lang = detectLanguage(d.text) ?? d.lang; if (lang!==d.lang) wrongLang++;
  const ctx = { published: d.published, lang };
  findDates(d.text, ctx); findEventRelativeDates(d.text, lang);
  for (const s of splitSentences(d.text)) { tokenize(s.text); sumCoordinated(findQuantities(s.text, lang, {articles:true}), s.text); findAttributions(s.text, lang, ctx); findHedges(s.text, lang); }
}};
run(); wrongLang=0;
const t0=performance.now(); for (let k=0;k<3;k++) run(); const ms=(performance.now()-t0)/3;
console.log(`${docs.length} docs in ${ms.toFixed(0)} ms => ${(docs.length/ms*1000).toFixed(0)} docs/s; lang misdetected ${wrongLang/3}`);
const t1=performance.now(); for (const d of docs) findDates(d.text,{published:d.published,lang:d.lang}); console.log('findDates only', (performance.now()-t1).toFixed(0),'ms');
