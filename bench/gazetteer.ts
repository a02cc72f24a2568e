// Gazetteer import and look-up speed, and the import's memory on an allCountries-sized file.
//   npm run bench:gazetteer [-- --rows N] [--geonames DIR] [--keep]
// (a) imports the GeoNames dumps of ../shared/geonames (ML, BF, NE and the admin tables; skipped when the
//     folder is absent) into a temporary home: seconds, rows/s, peak RSS;
// (b) writes a GeoNames-format file of N rows (default 2,000,000; `--rows 12000000` is about the 1.5 GB of
//     allCountries.txt) into a temporary folder, streaming, then imports it: rows/s, peak RSS and peak heap,
//     which stay flat as N grows;
// (c) times loadBundledGazetteer({home}).lookup over a sample of names (real names of the three countries
//     and as many names that are not places), cold (first time each name) and warm (LRU): median and p99 µs.
// Each part runs in its own process, so each peak RSS is that part's own. A benchmark, not a test: it
// prints, it never asserts.
import { createReadStream, createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { importGeonames, loadBundledGazetteer } from '../src/gazetteer/index.ts';
import { option, peakRssMiB, rng, runChild } from './common.ts';

const self = fileURLToPath(import.meta.url);
const MiB = 1024 * 1024;


// ---- children: one measurement each, printed as one JSON line ----------------------------------------

interface ImportFigures { rows: number; files: number; seconds: number; rowsPerSecond: number; peakRssMiB: number; startRssMiB: number; peakHeapMiB: number; indexMiB: number }

async function childImport(paths: string[], home: string): Promise<ImportFigures> {
  const startRssMiB = process.memoryUsage().rss / MiB;
  let peakHeap = process.memoryUsage().heapUsed;
  const t = performance.now();
  const result = await importGeonames(paths, {
    home,
    onProgress: (p) => {
      peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
      if (process.stderr.isTTY) process.stderr.write(`\r\x1b[K  ${p.rows.toLocaleString('en')} rows`);
    },
  });
  if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
  const seconds = (performance.now() - t) / 1000;
  return {
    rows: result.rows, files: result.files.length, seconds, rowsPerSecond: result.rows / seconds, peakRssMiB: peakRssMiB(), startRssMiB,
    peakHeapMiB: peakHeap / MiB, indexMiB: statSync(result.indexPath).size / MiB,
  };
}


// 60 syllables, names of 2 to 4 of them: a name is shared by a few dozen places at most (in allCountries,
// "San Antonio" and "Mill Creek" are shared by a few thousand, most names by one or a few).
const SYLLABLES = ['ba', 'ko', 'ti', 'ma', 'dou', 'ga', 'na', 'sé', 'bou', 'la', 'ka', 'ri', 'fo', 'zi', 'té', 'ou', 'an', 'din', 'kar', 'mé',
  'sa', 'go', 'ni', 'wa', 'yé', 'dja', 'ham', 'tin', 'in', 'ta', 'ber', 'sou', 'kin', 'da', 'lo', 'mi', 'pe', 'ru', 'vo', 'ye', 'zou', 'ha',
  'fa', 'gué', 'bo', 'ké', 'ne', 'ro', 'si', 'to', 'ul', 'er', 'ol', 'mar', 'bel', 'kou', 'dia', 'nor', 'ville', 'dorf'];
const COUNTRIES = ('AD AE AF AG AL AM AO AR AT AU AZ BA BD BE BF BG BH BI BJ BO BR BT BW BY BZ CA CD CF CG CH CI CL CM CN CO CR CU CV CY CZ DE '
  + 'DJ DK DO DZ EC EE EG ER ES ET FI FJ FR GA GB GE GH GM GN GQ GR GT GW GY HN HR HT HU ID IE IL IN IQ IR IS IT JM JO JP KE KG KH KM KP KR '
  + 'KW KZ LA LB LK LR LS LT LU LV LY MA MD ME MG MK ML MM MN MR MU MW MX MY MZ NA NE NG NI NL NO NP NZ OM PA PE PG PH PK PL PT PY QA RO RS '
  + 'RU RW SA SB SD SE SI SK SL SN SO SR SS SV SY SZ TD TG TH TJ TL TM TN TR TT TZ UA UG US UY UZ VE VN YE ZA ZM ZW').split(' ');
// Feature classes and codes in roughly allCountries' proportions.
const FEATURES: [number, string, string[]][] = [
  [0.3, 'P', ['PPL', 'PPL', 'PPL', 'PPLX', 'PPLL', 'PPLQ']], [0.22, 'H', ['STM', 'LK', 'WLL', 'SPNG', 'RSV', 'WAD']],
  [0.18, 'S', ['SCH', 'CH', 'HTL', 'FRM', 'BLDG', 'MSQE']], [0.15, 'T', ['MT', 'HLL', 'PK', 'DUNE', 'PASS']],
  [0.06, 'L', ['LCTY', 'AREA', 'PRK']], [0.04, 'A', ['ADM3', 'ADM4', 'ADM2']], [0.03, 'V', ['FRST', 'GRSLD']], [0.02, 'R', ['RD', 'TRL']],
];
const TIMEZONES = ['Africa/Bamako', 'Africa/Ouagadougou', 'Africa/Niamey', 'Europe/Paris', 'America/New_York', 'Asia/Kolkata'];

function word(r: () => number): string {
  const x = r();
  const n = x < 0.1 ? 2 : x < 0.55 ? 3 : 4;
  let w = '';
  for (let i = 0; i < n; i++) w += SYLLABLES[Math.floor(r() * SYLLABLES.length)]!;
  return w.charAt(0).toUpperCase() + w.slice(1);
}

function asciiOf(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
}

/** Writes ROWS GeoNames rows (19 columns) to PATH with backpressure; a name every ROWS/SAMPLE rows goes to SAMPLE_PATH. */
async function childGenerate(path: string, rows: number, samplePath: string): Promise<{ rows: number; bytes: number; seconds: number; peakRssMiB: number }> {
  const t = performance.now();
  const r = rng(12345);
  const out = createWriteStream(path, { highWaterMark: 1 << 20 });
  const sample: string[] = [];
  const every = Math.max(1, Math.floor(rows / 2000));
  let buf = '';
  for (let i = 0; i < rows; i++) {
    const name = r() < 0.35 ? `${word(r)} ${word(r)}` : word(r);
    const alts: string[] = [];
    if (r() < 0.4) {
      const k = 1 + Math.floor(r() * 5);
      for (let j = 0; j < k; j++) alts.push(r() < 0.5 ? `${name}-${word(r)}` : word(r));
    }
    const fr = r();
    let acc = 0;
    let feature = FEATURES[0]!;
    for (const f of FEATURES) {
      acc += f[0];
      if (fr < acc) {
        feature = f;
        break;
      }
    }
    const fcode = feature[2][Math.floor(r() * feature[2].length)]!;
    const cc = COUNTRIES[Math.floor(r() * COUNTRIES.length)]!;
    const pop = feature[1] === 'P' && r() < 0.2 ? Math.floor(r() * 50000) : 0;
    buf += [10_000_000 + i, name, asciiOf(name), alts.join(','), (r() * 170 - 85).toFixed(5), (r() * 360 - 180).toFixed(5), feature[1], fcode, cc, '',
      String(1 + Math.floor(r() * 20)).padStart(2, '0'), r() < 0.5 ? String(Math.floor(r() * 900)) : '', '', '', pop, '', Math.floor(r() * 2000),
      TIMEZONES[Math.floor(r() * TIMEZONES.length)]!, '2024-03-01'].join('\t') + '\n';
    if (i % every === 0) sample.push(name);
    if (buf.length >= 1 << 16) {
      if (!out.write(buf)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      buf = '';
    }
  }
  out.end(buf);
  await new Promise<void>((resolve, reject) => out.on('finish', () => resolve()).on('error', reject));
  writeFileSync(samplePath, sample.join('\n') + '\n');
  return { rows, bytes: statSync(path).size, seconds: (performance.now() - t) / 1000, peakRssMiB: peakRssMiB() };
}

interface LookupFigures { names: number; loadMs: number; cold: { medianUs: number; p99Us: number }; warm: { medianUs: number; p99Us: number }; found: number; peakRssMiB: number }

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}

/** Times lookups of the names in SAMPLE_PATH and as many made-up words (not places), in a shuffled order. */
function childLookup(home: string, samplePath: string): LookupFigures {
  const r = rng(777);
  const real = readFileSync(samplePath, 'utf8').split('\n').filter((n) => n !== '');
  const names = [...real, ...real.map((_, i) => `Qx${word(r).toLowerCase()}${i}`)];
  for (let i = names.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [names[i], names[j]] = [names[j]!, names[i]!];
  }
  const t = performance.now();
  const gaz = loadBundledGazetteer({ home });
  gaz.lookup('Bamako'); // opens the index, builds the in-memory core
  const loadMs = performance.now() - t;
  const pass = (): { medianUs: number; p99Us: number; found: number } => {
    const us: number[] = [];
    let found = 0;
    for (const name of names) {
      const t0 = process.hrtime.bigint();
      const hits = gaz.lookup(name);
      us.push(Number(process.hrtime.bigint() - t0) / 1000);
      if (hits.length > 0) found++;
    }
    us.sort((a, b) => a - b);
    return { medianUs: quantile(us, 0.5), p99Us: quantile(us, 0.99), found };
  };
  const cold = pass();
  const warm = pass();
  return {
    names: names.length, loadMs, cold: { medianUs: cold.medianUs, p99Us: cold.p99Us }, warm: { medianUs: warm.medianUs, p99Us: warm.p99Us },
    found: cold.found, peakRssMiB: peakRssMiB(),
  };
}

/** Every k-th name of the dumps' geoname rows (name column), about 2,000 in all. */
async function sampleNames(files: string[], out: string): Promise<void> {
  let total = 0;
  for (const f of files) total += statSync(f).size;
  const every = Math.max(1, Math.floor(total / 130 / 2000));
  const names: string[] = [];
  let i = 0;
  for (const f of files) {
    for await (const line of createInterface({ input: createReadStream(f), crlfDelay: Infinity })) {
      if (i++ % every === 0) names.push(line.split('\t')[1] ?? '');
    }
  }
  writeFileSync(out, names.filter((n) => n !== '').join('\n') + '\n');
}

const argv = process.argv.slice(2);
if (argv[0] === '--child') {
  const [, what, ...rest] = argv;
  let figures: unknown;
  if (what === 'import') figures = await childImport(rest.slice(1), rest[0]!);
  else if (what === 'generate') figures = await childGenerate(rest[0]!, Number(rest[1]), rest[2]!);
  else if (what === 'lookup') figures = childLookup(rest[0]!, rest[1]!);
  else if (what === 'sample') figures = await sampleNames(rest.slice(1), rest[0]!);
  process.stdout.write(`${JSON.stringify(figures ?? null)}\n`);
  process.exit(0);
}

// ---- the parent: runs the parts, prints the figures -------------------------------------------------

const rows = Number((option(argv, '--rows') ?? '2000000').replace(/[_,]/g, ''));
if (!Number.isSafeInteger(rows) || rows <= 0) {
  console.error(`bench: --rows expects a positive whole number, got '${option(argv, '--rows')}'`);
  process.exit(2);
}
const geonamesDir = option(argv, '--geonames') ?? fileURLToPath(new URL('../../shared/geonames', import.meta.url));
const keep = argv.includes('--keep');

const child = <T>(...args: string[]): T => runChild<T>(self, args);

const f0 = (n: number): string => Math.round(n).toLocaleString('en');
const f1 = (n: number): string => n.toFixed(1);
const tmp = mkdtempSync(join(tmpdir(), 'faultline-bench-gazetteer-'));
console.log(`node ${process.version} on ${process.platform}/${process.arch}, ${cpus().length} cores (${cpus()[0]?.model ?? '?'}); work folder ${tmp}`);
try {
  // (a) the three countries
  const dumps = ['ML.txt', 'BF.txt', 'NE.txt'].map((n) => join(geonamesDir, n)).filter((p) => existsSync(p));
  const sharedHome = join(tmp, 'home-shared');
  if (dumps.length > 0) {
    const a = child<ImportFigures>('import', sharedHome, geonamesDir);
    console.log(`\n(a) import ${geonamesDir} (${dumps.map((d) => d.split('/').pop()).join(', ')} and the admin tables)`);
    console.log(`    ${f0(a.rows)} rows from ${a.files} files in ${a.seconds.toFixed(2)} s: ${f0(a.rowsPerSecond)} rows/s; `
      + `peak RSS ${f0(a.peakRssMiB)} MiB (${f0(a.startRssMiB)} MiB before), peak heap ${f0(a.peakHeapMiB)} MiB; index ${f1(a.indexMiB)} MiB`);
  } else {
    console.log(`\n(a) skipped: no ML.txt, BF.txt or NE.txt in ${geonamesDir} (--geonames DIR)`);
  }

  // (b) a generated file of N rows
  const file = join(tmp, 'generated', 'allCountries.txt');
  const genSample = join(tmp, 'generated-sample.txt');
  mkdirSync(join(tmp, 'generated'));
  const g = child<{ rows: number; bytes: number; seconds: number; peakRssMiB: number }>('generate', file, String(rows), genSample);
  console.log(`\n(b) generated ${f0(g.rows)} GeoNames rows, ${f1(g.bytes / MiB)} MiB, in ${g.seconds.toFixed(1)} s (peak RSS ${f0(g.peakRssMiB)} MiB)`);
  const genHome = join(tmp, 'home-generated');
  const b = child<ImportFigures>('import', genHome, file);
  console.log(`    import: ${b.seconds.toFixed(1)} s, ${f0(b.rowsPerSecond)} rows/s; peak RSS ${f0(b.peakRssMiB)} MiB (${f0(b.startRssMiB)} MiB before), `
    + `peak heap ${f0(b.peakHeapMiB)} MiB; index ${f1(b.indexMiB)} MiB`);
  rmSync(file, { force: true });

  // (c) look-ups
  console.log('\n(c) loadBundledGazetteer({home}).lookup(name), each timed alone; half the names are places, half are not');
  const printLookup = (label: string, l: LookupFigures): void => {
    console.log(`    ${label}: ${l.names} names (${l.found} found), load ${f0(l.loadMs)} ms; cold (first time each name): median ${f1(l.cold.medianUs)} µs, `
      + `p99 ${f1(l.cold.p99Us)} µs; warm (LRU): median ${f1(l.warm.medianUs)} µs, p99 ${f1(l.warm.p99Us)} µs; peak RSS ${f0(l.peakRssMiB)} MiB`);
  };
  if (dumps.length > 0) {
    const sharedSample = join(tmp, 'shared-sample.txt');
    child<null>('sample', sharedSample, ...dumps);
    printLookup('ML+BF+NE index', child<LookupFigures>('lookup', sharedHome, sharedSample));
  }
  printLookup(`${f0(rows)}-row index`, child<LookupFigures>('lookup', genHome, genSample));
} finally {
  if (keep) console.log(`\nkept ${tmp}`);
  else rmSync(tmp, { recursive: true, force: true });
}
