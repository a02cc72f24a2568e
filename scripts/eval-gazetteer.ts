// Measures place resolution on the dev set: for each gold event, findPlaceMentions + resolvePlace over
// the whole document, then how often admin1 matches (accent-insensitive) and the point is within 25 km.
// Usage: node --import tsx scripts/eval-gazetteer.ts [--lang en|fr|all] [--geonames DIR] [--verbose]
//   --geonames DIR adds DIR/ML.txt, BF.txt, NE.txt (full GeoNames country dumps) to the bundled index.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { acledAscii, distanceKm, findPlaceMentions, loadGazetteer, resolvePlace } from '../src/gazetteer/index.ts';
import type { Lang } from '../src/domain/schemas.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dev = join(root, '..', 'shared', 'eval', 'dev');
if (!existsSync(join(dev, 'gold.csv'))) {
  console.log(`skipped: no dev set at ${dev}`);
  process.exit(0);
}
const args = process.argv.slice(2);
const langArg = args.includes('--lang') ? args[args.indexOf('--lang') + 1] : 'en';
const geoDir = args.includes('--geonames') ? args[args.indexOf('--geonames') + 1] : undefined;
const verbose = args.includes('--verbose');

const COUNTRIES = ['ML', 'BF', 'NE'];
const t0 = performance.now();
const gaz = loadGazetteer(geoDir === undefined ? {} : { geonamesFiles: ['ML', 'BF', 'NE'].map((c) => join(geoDir, `${c}.txt`)) });
const loadMs = performance.now() - t0;

interface Doc { id: string; text: string; lang?: string }
const docs = new Map<string, Doc>();
for (const line of readFileSync(join(dev, 'docs.jsonl'), 'utf8').split('\n')) {
  if (line.trim() === '') continue;
  const d = JSON.parse(line) as Doc;
  docs.set(d.id, d);
}
const gold = parse(readFileSync(join(dev, 'gold.csv')), { columns: true }) as Record<string, string>[];
const fold = (s: string): string => acledAscii(s).toLowerCase().replace(/[^a-z]/g, '');

let n = 0, admin1Ok = 0, within25 = 0, placed = 0, precisionOk = 0;
const resolveTimes: number[] = [];
for (const g of gold) {
  const doc = docs.get(g.doc_id!);
  if (!doc) continue;
  const lang: Lang = doc.id.startsWith('dev-fr') ? 'fr' : 'en';
  if (langArg !== 'all' && lang !== langArg) continue;
  n++;
  const t = performance.now();
  const mentions = findPlaceMentions(doc.text, gaz, { lang, countries: COUNTRIES });
  const place = resolvePlace(mentions, gaz, { countries: COUNTRIES, docMentions: mentions });
  resolveTimes.push(performance.now() - t);
  if (place === null) {
    if (verbose) console.log(`${g.doc_id}\tNONE\tgold ${g.admin1}/${g.location}`);
    continue;
  }
  placed++;
  const a1 = fold(place.admin1) === fold(g.admin1!);
  const km = distanceKm(place.latitude, place.longitude, Number(g.latitude), Number(g.longitude));
  if (a1) admin1Ok++;
  if (km <= 25) within25++;
  if (String(place.geo_precision) === g.geo_precision) precisionOk++;
  if (verbose && (!a1 || km > 25)) {
    console.log(`${g.doc_id}\t${a1 ? 'a1ok' : 'A1BAD'}\t${Math.round(km)}km\tgot ${place.admin1}/${place.name}/p${place.geo_precision}\tgold ${g.admin1}/${g.location}/p${g.geo_precision}`);
  }
}
const pct = (x: number): string => `${((100 * x) / Math.max(1, n)).toFixed(1)}%`;
resolveTimes.sort((a, b) => a - b);
console.log(`lang=${langArg} events=${n} gazetteer=${geoDir === undefined ? 'bundled' : `bundled+${geoDir}`} load=${Math.round(loadMs)}ms`);
console.log(`placed ${placed} (${pct(placed)})  admin1 match ${admin1Ok} (${pct(admin1Ok)})  within 25 km ${within25} (${pct(within25)})  geo_precision equal ${precisionOk} (${pct(precisionOk)})`);
console.log(`per document: median ${resolveTimes[Math.floor(resolveTimes.length / 2)]?.toFixed(2)} ms`);
