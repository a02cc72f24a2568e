// The store and the API at scale: N generated events (default 1,000,000) in SQLite and in PostgreSQL.
//   npm run bench:store [-- --events N] [--pg URL | --no-pg] [--no-sqlite] [--runs R] [--try-indexes] [--keep]
// For each store (SQLite in a temporary file; PostgreSQL when --pg URL or FAULTLINE_TEST_PG_URL is set, in a
// schema of its own, with PostGIS when the server has it):
// (1) load: N plausible events (3 years, 12 West African countries with their admin1/admin2 and coordinates,
//     ACLED event/sub-event types in realistic proportions, ~300 actors, skewed fatalities, 1-3 sources each)
//     from a seeded PRNG (the same rows every run), inserted straight into `events` and `event_sources` in
//     transactions of 5,000 events through the store's own Kysely. This bypasses deduplication on purpose.
//     On PostgreSQL, VACUUM ANALYZE follows (what autovacuum does after a bulk load); on SQLite, the store's
//     own `PRAGMA optimize` when it is next opened (timed as part of the load).
// (2) API: buildApp({store}) driven in-process with app.inject (Fastify's routing, zod validation and JSON
//     serialisation, no TCP): GET /events pages of 100 for eight kinds of filter, R each (default 100) with
//     varied values, in a shuffled order: median and p95 per kind and overall; GET /stats for a country and a
//     year and for everything, GET /trends (the latest week against the year before it) for everything and
//     for a country: median and p95. A kind whose p95 is over 50 ms gets the plan of its slowest
//     query printed (SQLite: EXPLAIN QUERY PLAN; PostgreSQL: EXPLAIN ANALYZE). With --try-indexes (and a slow
//     kind), what could fix it is then applied to the bench store only, never to src/ (SQLite: ANALYZE;
//     PostgreSQL: pg_trgm indexes on the actor columns), and the pages, /stats and the plans are done again.
// (3) ingest: the real coder through ingestAll on ../shared/eval/dev/docs.jsonl repeated to >= 2,000
//     documents (" (copy k)" appended so they are new reports) into a fresh empty store: documents/s (skipped
//     when ../shared is absent).
// Each part runs in its own process, so each peak RSS is that part's own (the Node process only: PostgreSQL's
// server memory is not in it). Ends with a summary table for the README. A benchmark, not a test: it prints,
// it never asserts.
import { createReadStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql, type Insertable } from 'kysely';
import pg from 'pg';
import { loadExtractor } from '../src/cli/extractor.ts';
import { resolveHome } from '../src/cli/home.ts';
import { DISORDER_TYPE, EVENT_TYPES, interaction, INTER_LABELS, type Document, type EventType, type FaultlineEvent, type InterCode, type SubEventType } from '../src/domain/index.ts';
import { readJsonlDocuments } from '../src/ingest/documents.ts';
import { DEFAULT_MAX_BYTES, todayIso } from '../src/ingest/validate.ts';
import { ingestAll, type Incoming } from '../src/jobs/ingest.ts';
import { buildApp } from '../src/server/app.ts';
import { EventFilterSchema, listEvents, type EventFilter } from '../src/store/queries.ts';
import { eventIdCnty } from '../src/store/rows.ts';
import type { EventSourcesTable, EventsTable, StoreDatabase } from '../src/store/schema.ts';
import { EventStore } from '../src/store/store.ts';
import { freshSchema } from '../test/store/pg-harness.ts';
import { option, peakRssMiB, rng, runChild } from './common.ts';

const self = fileURLToPath(import.meta.url);
const MiB = 1024 * 1024;



function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)]!;
}

/** A picker by weights: [value, weight][] -> () => value. */
function weighted<T>(items: readonly (readonly [T, number])[]): (r: () => number) => T {
  const total = items.reduce((n, [, w]) => n + w, 0);
  const cum: number[] = [];
  let acc = 0;
  for (const [, w] of items) cum.push((acc += w / total));
  return (r) => {
    const x = r();
    for (let i = 0; i < cum.length; i++) if (x < cum[i]!) return items[i]![0];
    return items[items.length - 1]![0];
  };
}

// ---- the world the events happen in ---------------------------------------------------------------------

interface Admin1 { name: string; lat: number; lon: number; admin2: string[] }
interface Country { code: string; name: string; iso: number; weight: number; box: [number, number, number, number]; ethnic: string[]; admin1: Admin1[] }

const a1 = (name: string, lat: number, lon: number, admin2: string): Admin1 => ({ name, lat, lon, admin2: admin2.split(', ') });

// box: west, south, east, north. Weights roughly follow ACLED's event counts in the region.
const COUNTRIES: Country[] = [
  { code: 'NG', name: 'Nigeria', iso: 566, weight: 30, box: [2.7, 4.2, 14.7, 13.9], ethnic: ['Fulani', 'Tiv', 'Berom', 'Hausa', 'Jukun', 'Igbo'], admin1: [
    a1('Borno', 11.8, 13.1, 'Maiduguri, Gwoza, Bama, Konduga, Dikwa, Monguno'), a1('Yobe', 12.3, 11.4, 'Damaturu, Potiskum, Geidam'),
    a1('Adamawa', 9.3, 12.4, 'Yola North, Mubi North, Madagali'), a1('Zamfara', 12.1, 6.2, 'Gusau, Maru, Anka, Tsafe'),
    a1('Katsina', 12.5, 7.6, 'Katsina, Funtua, Batsari, Jibia'), a1('Kaduna', 10.5, 7.4, 'Kaduna North, Chikun, Kajuru, Birnin Gwari'),
    a1('Niger', 10.0, 6.0, 'Minna, Rafi, Shiroro'), a1('Plateau', 9.2, 9.5, 'Jos North, Bokkos, Barkin Ladi, Riyom'),
    a1('Benue', 7.3, 8.7, 'Makurdi, Guma, Agatu, Logo'), a1('Lagos', 6.5, 3.4, 'Ikeja, Lagos Island, Alimosho'),
    a1('Rivers', 4.8, 6.9, 'Port Harcourt, Obio/Akpor, Ahoada East'), a1('Imo', 5.5, 7.0, 'Owerri Municipal, Orlu, Okigwe'),
    a1('Anambra', 6.2, 7.0, 'Awka South, Onitsha North, Nnewi North'), a1('Sokoto', 13.0, 5.2, 'Sokoto North, Isa, Sabon Birni'),
    a1('Kano', 12.0, 8.5, 'Kano Municipal, Nassarawa, Fagge')] },
  { code: 'BF', name: 'Burkina Faso', iso: 854, weight: 18, box: [-5.6, 9.4, 2.4, 15.1], ethnic: ['Fulani', 'Mossi', 'Gourmantche', 'Dozo'], admin1: [
    a1('Centre', 12.37, -1.52, 'Kadiogo'), a1('Sahel', 14.0, -0.5, 'Soum, Oudalan, Seno, Yagha'),
    a1('Nord', 13.5, -2.3, 'Yatenga, Loroum, Zondoma, Passore'), a1('Est', 12.0, 0.8, 'Gourma, Gnagna, Komondjari, Tapoa, Kompienga'),
    a1('Centre-Nord', 13.2, -1.1, 'Sanmatenga, Bam, Namentenga'), a1('Boucle du Mouhoun', 12.5, -3.6, 'Mouhoun, Kossi, Sourou, Nayala'),
    a1('Hauts-Bassins', 11.2, -4.3, 'Houet, Kenedougou, Tuy'), a1('Cascades', 10.3, -4.6, 'Comoe, Leraba'),
    a1('Centre-Est', 11.6, -0.3, 'Boulgou, Koulpelogo, Kouritenga')] },
  { code: 'ML', name: 'Mali', iso: 466, weight: 15, box: [-12.3, 10.1, 4.3, 25.0], ethnic: ['Fulani', 'Dogon', 'Bambara', 'Tuareg', 'Dozo'], admin1: [
    a1('Bamako', 12.65, -8.0, 'Bamako'), a1('Kayes', 14.0, -10.5, 'Kayes, Kita, Bafoulabe'), a1('Koulikoro', 13.5, -7.5, 'Kati, Koulikoro, Banamba'),
    a1('Sikasso', 11.3, -6.0, 'Sikasso, Bougouni, Koutiala'), a1('Segou', 13.8, -5.8, 'Segou, Niono, San, Macina'),
    a1('Mopti', 14.5, -3.8, 'Mopti, Djenne, Bandiagara, Bankass, Koro, Douentza'), a1('Tombouctou', 17.0, -3.0, 'Tombouctou, Goundam, Niafunke, Gourma-Rharous'),
    a1('Gao', 16.3, 0.0, 'Gao, Ansongo, Bourem'), a1('Kidal', 19.5, 1.2, 'Kidal, Tessalit, Abeibara'), a1('Menaka', 15.9, 2.4, 'Menaka, Anderamboukane')] },
  { code: 'NE', name: 'Niger', iso: 562, weight: 8, box: [0.1, 11.7, 16.0, 23.5], ethnic: ['Fulani', 'Zarma', 'Tuareg', 'Hausa'], admin1: [
    a1('Tillaberi', 14.2, 1.4, 'Tillaberi, Ouallam, Tera, Filingue, Ayorou'), a1('Tahoua', 15.0, 5.3, 'Tahoua, Tillia, Abalak'),
    a1('Diffa', 13.3, 12.6, 'Diffa, Bosso, Maine-Soroa, N\'Guigmi'), a1('Maradi', 13.5, 7.1, 'Maradi, Madarounfa, Guidan Roumdji'),
    a1('Zinder', 13.8, 9.0, 'Zinder, Magaria, Mirriah'), a1('Niamey', 13.5, 2.1, 'Niamey'), a1('Agadez', 17.0, 8.0, 'Agadez, Arlit, Bilma'),
    a1('Dosso', 13.0, 3.2, 'Dosso, Gaya, Doutchi')] },
  { code: 'GH', name: 'Ghana', iso: 288, weight: 4, box: [-3.3, 4.7, 1.2, 11.2], ethnic: ['Kusasi', 'Mamprusi', 'Konkomba'], admin1: [
    a1('Greater Accra', 5.6, -0.2, 'Accra Metropolitan, Tema Metropolitan'), a1('Ashanti', 6.7, -1.6, 'Kumasi Metropolitan, Obuasi Municipal'),
    a1('Northern', 9.4, -0.85, 'Tamale Metropolitan, Yendi Municipal'), a1('Upper East', 10.8, -0.9, 'Bawku Municipal, Bolgatanga Municipal'),
    a1('North East', 10.5, -0.4, 'East Mamprusi, Bunkpurugu-Nakpanduri'), a1('Volta', 6.6, 0.5, 'Ho Municipal, Hohoe Municipal')] },
  { code: 'GN', name: 'Guinea', iso: 324, weight: 4, box: [-15.1, 7.2, -7.6, 12.7], ethnic: ['Fulani', 'Malinke', 'Kpelle'], admin1: [
    a1('Conakry', 9.54, -13.68, 'Conakry'), a1('Kindia', 10.0, -12.9, 'Kindia, Coyah, Dubreka'), a1('Labe', 11.3, -12.3, 'Labe, Mali, Koubia'),
    a1('Kankan', 10.4, -9.3, 'Kankan, Siguiri, Mandiana'), a1('Nzerekore', 7.75, -8.8, 'Nzerekore, Macenta, Gueckedou'), a1('Boke', 10.9, -14.3, 'Boke, Boffa, Fria')] },
  { code: 'BJ', name: 'Benin', iso: 204, weight: 4, box: [0.7, 6.2, 3.9, 12.5], ethnic: ['Fulani', 'Bariba'], admin1: [
    a1('Littoral', 6.37, 2.43, 'Cotonou'), a1('Atlantique', 6.6, 2.2, 'Abomey-Calavi, Ouidah'), a1('Alibori', 11.3, 2.9, 'Kandi, Karimama, Malanville, Banikoara'),
    a1('Atacora', 10.6, 1.5, 'Natitingou, Tanguieta, Materi, Kerou'), a1('Borgou', 9.9, 2.8, 'Parakou, Nikki, Kalale'), a1('Donga', 9.7, 1.7, 'Djougou, Bassila')] },
  { code: 'CI', name: 'Ivory Coast', iso: 384, weight: 3, box: [-8.6, 4.3, -2.5, 10.8], ethnic: ['Fulani', 'Dioula', 'Guere'], admin1: [
    a1('Abidjan', 5.35, -4.0, 'Abidjan'), a1('Savanes', 9.5, -5.6, 'Poro, Tchologo, Bagoue'), a1('Zanzan', 8.5, -3.0, 'Bounkani, Gontougo'),
    a1('Montagnes', 7.4, -7.5, 'Tonkpi, Cavally, Guemon'), a1('Vallee du Bandama', 7.7, -5.0, 'Gbeke, Hambol'), a1('Lacs', 6.8, -5.2, 'Belier, N\'Zi')] },
  { code: 'SN', name: 'Senegal', iso: 686, weight: 3, box: [-17.6, 12.3, -11.3, 16.7], ethnic: ['Diola', 'Fulani'], admin1: [
    a1('Dakar', 14.7, -17.4, 'Dakar, Pikine, Guediawaye, Rufisque'), a1('Ziguinchor', 12.6, -16.3, 'Ziguinchor, Bignona, Oussouye'),
    a1('Sedhiou', 12.7, -15.5, 'Sedhiou, Goudomp'), a1('Thies', 14.8, -16.9, 'Thies, Mbour, Tivaouane'),
    a1('Saint-Louis', 16.0, -16.2, 'Saint-Louis, Dagana, Podor'), a1('Kedougou', 12.6, -12.2, 'Kedougou, Saraya')] },
  { code: 'TG', name: 'Togo', iso: 768, weight: 3, box: [-0.2, 6.1, 1.8, 11.1], ethnic: ['Fulani', 'Moba'], admin1: [
    a1('Maritime', 6.3, 1.3, 'Golfe, Lacs, Zio'), a1('Plateaux', 7.2, 1.0, 'Ogou, Kloto'), a1('Centrale', 8.8, 1.1, 'Tchaoudjo, Sotouboua'),
    a1('Kara', 9.7, 1.1, 'Kozah, Binah'), a1('Savanes', 10.6, 0.4, 'Tone, Kpendjal, Oti, Tandjouare')] },
  { code: 'SL', name: 'Sierra Leone', iso: 694, weight: 3, box: [-13.3, 6.9, -10.2, 10.0], ethnic: ['Mende', 'Temne'], admin1: [
    a1('Western Area', 8.45, -13.2, 'Western Area Urban, Western Area Rural'), a1('Eastern', 8.0, -11.0, 'Kenema, Kailahun, Kono'),
    a1('Northern', 9.3, -12.0, 'Bombali, Tonkolili, Koinadugu'), a1('Southern', 7.6, -12.0, 'Bo, Moyamba, Pujehun'),
    a1('North West', 9.1, -12.8, 'Port Loko, Kambia, Karene')] },
  { code: 'MR', name: 'Mauritania', iso: 478, weight: 2, box: [-17.1, 14.7, -4.8, 27.3], ethnic: ['Haratin'], admin1: [
    a1('Nouakchott-Ouest', 18.1, -15.98, 'Tevragh Zeina, Ksar'), a1('Hodh Ech Chargui', 16.5, -7.3, 'Nema, Bassikounou, Amourj'),
    a1('Hodh El Gharbi', 16.6, -9.6, 'Ayoun el Atrous, Tintane'), a1('Trarza', 17.3, -15.0, 'Rosso, Boutilimit'),
    a1('Tiris Zemmour', 24.5, -10.5, 'Zouerat, Bir Moghrein'), a1('Dakhlet Nouadhibou', 20.9, -16.5, 'Nouadhibou')] },
];

const START_DAY = Date.UTC(2023, 0, 1) / 86400000;
const DAYS = Date.UTC(2026, 0, 1) / 86400000 - START_DAY; // 2023-01-01 .. 2025-12-31

function dayIso(day: number): string {
  return new Date((START_DAY + day) * 86400000).toISOString().slice(0, 10);
}

// Event types and sub-event types, with proportions close to ACLED's for West Africa.
const TYPE_WEIGHTS: [EventType, number][] = [
  ['Violence against civilians', 28], ['Battles', 22], ['Protests', 22], ['Strategic developments', 11], ['Riots', 9], ['Explosions/Remote violence', 8],
];
const SUB_WEIGHTS: Record<EventType, number[]> = {
  Battles: [2, 3, 95],
  Protests: [1, 9, 90],
  Riots: [45, 55],
  'Explosions/Remote violence': [0.1, 40, 2, 18, 38, 2],
  'Violence against civilians': [4, 70, 26],
  'Strategic developments': [8, 22, 8, 12, 4, 30, 3, 13],
};
const pickType = weighted(TYPE_WEIGHTS);
const pickSub: Record<EventType, (r: () => number) => SubEventType> = Object.fromEntries(
  (Object.keys(EVENT_TYPES) as EventType[]).map((t) => [t, weighted(EVENT_TYPES[t].map((s, i) => [s as SubEventType, SUB_WEIGHTS[t][i]!] as const))]),
) as Record<EventType, (r: () => number) => SubEventType>;
const pickCountry = weighted(COUNTRIES.map((c) => [c, c.weight] as const));

interface Actor { name: string; inter: InterCode }
interface CountryActors { state: Actor[]; armed: Actor[]; militias: Actor[]; protesters: Actor; rioters: Actor; civilians: Actor }

const REGIONAL: Record<string, string[]> = {
  ML: ['JNIM: Group for Support of Islam and Muslims', 'Islamic State (Sahel)', 'Katiba Macina', 'CSP-PSD: Permanent Strategic Framework', 'MNLA: National Movement for the Liberation of Azawad', 'Wagner Group', 'Africa Corps'],
  BF: ['JNIM: Group for Support of Islam and Muslims', 'Islamic State (Sahel)', 'Ansaroul Islam', 'VDP: Volunteers for the Defense of the Homeland', 'Koglweogo Militia'],
  NE: ['JNIM: Group for Support of Islam and Muslims', 'Islamic State (Sahel)', 'Islamic State (West Africa)', 'Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad', 'FPL: Patriotic Liberation Front'],
  NG: ['Islamic State (West Africa)', 'Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad', 'Ansaru', 'IPOB: Indigenous People of Biafra', 'ESN: Eastern Security Network', 'Lakurawa', 'Amotekun', 'Hisbah', 'CJTF: Civilian Joint Task Force', 'Vigilante Group (Nigeria)', 'Bandits (Nigeria)', 'Ambazonian Separatists'],
  BJ: ['JNIM: Group for Support of Islam and Muslims', 'Islamic State (Sahel)'],
  TG: ['JNIM: Group for Support of Islam and Muslims'],
  CI: ['Dozo Communal Militia (Ivory Coast)'],
  GH: ['Kusasi-Mamprusi Communal Militia (Ghana)'],
  SN: ['MFDC: Movement of Democratic Forces of Casamance'],
  GN: [], SL: [], MR: [],
};

function countryActors(c: Country): CountryActors {
  const state: Actor[] = [
    { name: `Military Forces of ${c.name} (2021-)`, inter: 1 }, { name: `Police Forces of ${c.name} (2021-)`, inter: 1 },
    { name: `Gendarmerie of ${c.name} (2021-)`, inter: 1 },
  ];
  const armed: Actor[] = [...REGIONAL[c.code]!.map((name) => ({ name, inter: (name.includes('Militia') || name.includes('Vigilante') || name.includes('Amotekun') || name.includes('Hisbah') || name.includes('CJTF') || name.includes('VDP') ? 4 : name.includes('Wagner') || name.includes('Africa Corps') ? 8 : 2) as InterCode })),
    { name: `Unidentified Armed Group (${c.name})`, inter: 3 }];
  const militias: Actor[] = [
    ...c.ethnic.map((e) => ({ name: `${e} Ethnic Militia (${c.name})`, inter: 4 as InterCode })),
    ...c.admin1.map((a) => ({ name: `${a.name} Communal Militia (${c.name})`, inter: 4 as InterCode })),
  ];
  return {
    state, armed, militias,
    protesters: { name: `Protesters (${c.name})`, inter: 6 }, rioters: { name: `Rioters (${c.name})`, inter: 5 }, civilians: { name: `Civilians (${c.name})`, inter: 7 },
  };
}

const ACTORS = new Map(COUNTRIES.map((c) => [c.code, countryActors(c)]));
const ALL_ACTORS = [...new Set([...ACTORS.values()].flatMap((a) => [...a.state, ...a.armed, ...a.militias, a.protesters, a.rioters, a.civilians].map((x) => x.name)))];

const OUTLETS = ['Studio Tamani', 'Le Faso', 'Premium Times', 'Daily Trust', 'RFI', 'AFP', 'Reuters', 'ActuNiger', 'Sahara Reporters', 'Vanguard',
  'Jeune Afrique', 'Air Info', 'Burkina24', 'Maliweb', 'Punch', 'The Guardian (Nigeria)', 'GhanaWeb', 'Abidjan.net', 'Seneweb', 'Guineenews',
  'Republicoftogo.com', 'La Nouvelle Tribune', 'Cridem', 'Awoko', 'Twitter', 'Local Source', 'HumAngle', 'Menastream', 'Al Jazeera', 'Channels TV'];
const pickOutletCount = weighted([[1, 60], [2, 28], [3, 12]] as const);
const SYLLABLES = ['ba', 'ko', 'ti', 'ma', 'dou', 'ga', 'na', 'se', 'bou', 'la', 'ka', 'ri', 'fo', 'zi', 'te', 'ou', 'an', 'din', 'kar', 'me', 'sa', 'go', 'ni', 'wa', 'dja', 'tin', 'ta', 'sou', 'kin', 'da'];

/** Zipf-ish: the first actors of a list are picked much more often than the last. */
function popular<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.min(xs.length - 1, Math.floor(xs.length * r() ** 2.2))]!;
}

function fatalitiesFor(r: () => number, type: EventType): number {
  const x = r();
  const scale = type === 'Battles' ? 1.6 : type === 'Explosions/Remote violence' ? 1.3 : type === 'Violence against civilians' ? 1 : type === 'Riots' ? 0.2 : type === 'Protests' ? 0.02 : 0.1;
  if (x > Math.min(0.95, 0.45 * scale)) return 0;
  const y = r();
  if (y < 0.75) return 1 + Math.floor(r() * 3);
  if (y < 0.95) return 4 + Math.floor(r() * 16);
  return Math.min(600, 20 + Math.floor(20 / (r() ** 1.3 + 0.02))); // the few mass-casualty events
}

interface Generated { event: Insertable<EventsTable>; sources: Omit<Insertable<EventSourcesTable>, 'event_id'>[] }

/** The i-th of n events (ids are i + 1 in a fresh table); `r` is the load's one PRNG, drawn in order. */
function generateEvent(r: () => number, i: number, n: number): Generated {
  // Stored roughly in date order (reports come in as events happen), a few days late at times.
  const day = Math.max(0, Math.min(DAYS - 1, Math.floor((i * DAYS) / n) - Math.floor(-Math.log(1 - r()) * 3)));
  const date = dayIso(day);
  const c = pickCountry(r);
  const actors = ACTORS.get(c.code)!;
  const adm1 = popular(r, c.admin1);
  const adm2 = pick(r, adm1.admin2);
  const lat = Math.min(c.box[3], Math.max(c.box[1], adm1.lat + (r() + r() - 1) * 0.8));
  const lon = Math.min(c.box[2], Math.max(c.box[0], adm1.lon + (r() + r() - 1) * 0.8));
  const town = r() < 0.6 ? adm2 : (() => { let w = ''; for (let k = 0, m = 2 + Math.floor(r() * 2); k < m; k++) w += pick(r, SYLLABLES); return w[0]!.toUpperCase() + w.slice(1); })();
  const type = pickType(r);
  const sub = pickSub[type](r);
  const armed = (): Actor => (r() < 0.25 ? popular(r, actors.militias) : popular(r, actors.armed));
  let actor1: Actor;
  let actor2: Actor | null = null;
  switch (type) {
    case 'Battles': actor1 = r() < 0.5 ? pick(r, actors.state.slice(0, 2)) : armed(); actor2 = armed(); break;
    case 'Violence against civilians': actor1 = r() < 0.15 ? pick(r, actors.state) : armed(); actor2 = actors.civilians; break;
    case 'Explosions/Remote violence': actor1 = sub === 'Air/drone strike' ? actors.state[0]! : armed(); actor2 = r() < 0.5 ? actors.civilians : r() < 0.7 ? actors.state[0]! : armed(); break;
    case 'Protests': actor1 = actors.protesters; actor2 = sub === 'Peaceful protest' ? null : actors.state[1]!; break;
    case 'Riots': actor1 = actors.rioters; actor2 = r() < 0.5 ? actors.state[1]! : r() < 0.5 ? actors.civilians : null; break;
    default: actor1 = r() < 0.4 ? pick(r, actors.state) : armed(); actor2 = r() < 0.5 ? null : r() < 0.6 ? actors.civilians : armed();
  }
  const fatalities = fatalitiesFor(r, type);
  const outlets = new Set<string>();
  for (let k = 0, m = pickOutletCount(r); k < m; k++) outlets.add(pick(r, OUTLETS));
  const id = i + 1;
  const idCnty = eventIdCnty(c.iso, id);
  const created = new Date((START_DAY + day + 1 + r() * 3) * 86400000).toISOString();
  const status = r() < 0.9 ? 'new' : r() < 0.7 ? 'confirmed' : r() < 0.8 ? 'corrected' : 'rejected';
  const notes = `On ${date}, ${actor1.name}${actor2 === null ? '' : ` and ${actor2.name}`}: ${sub.toLowerCase()} in ${town} (${adm2}, ${adm1.name}). ${fatalities === 0 ? 'No fatalities reported.' : `${fatalities} reported killed.`}`;
  const geoPrecision = (r() < 0.7 ? 1 : r() < 0.7 ? 2 : 3) as 1 | 2 | 3;
  const reading = {
    event_date: date, year: Number(date.slice(0, 4)), time_precision: (r() < 0.85 ? 1 : r() < 0.66 ? 2 : 3) as 1 | 2 | 3,
    disorder_type: DISORDER_TYPE[type], event_type: type, sub_event_type: sub,
    actor1: actor1.name, assoc_actor_1: '', inter1: INTER_LABELS[actor1.inter],
    actor2: actor2?.name ?? '', assoc_actor_2: '', inter2: actor2 === null ? '' : INTER_LABELS[actor2.inter],
    interaction: interaction(actor1.inter, actor2?.inter ?? null), civilian_targeting: actor2 === actors.civilians && type !== 'Riots' ? 'Civilian targeting' : '',
    iso: c.iso, region: 'Western Africa', country: c.name, admin1: adm1.name, admin2: adm2, admin3: '', location: town,
    latitude: Math.round(lat * 1e4) / 1e4, longitude: Math.round(lon * 1e4) / 1e4, geo_precision: geoPrecision, geonameid: 2_000_000 + Math.floor(r() * 900_000),
    source: [...outlets].join('; '), source_scale: outlets.size > 1 ? 'National-International' : 'National', notes, fatalities, tags: '',
    timestamp: Math.floor(Date.parse(created) / 1000), confidence: Math.round((0.5 + r() * 0.45) * 100) / 100,
  } satisfies Partial<FaultlineEvent>;
  const sources = [...outlets].map((outlet) => {
    const f = fatalities === 0 || r() < 0.7 ? fatalities : Math.max(0, fatalities + Math.floor((r() - 0.5) * 4));
    const one: FaultlineEvent = {
      ...reading, doc_id: `${outlet.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${id}`, event_id_cnty: '', source: outlet, source_scale: 'National', fatalities: f,
      evidence: [{ field: 'location', start: 40, end: 40 + town.length, text: town }, { field: 'actor1', start: 0, end: Math.min(30, actor1.name.length), text: actor1.name.slice(0, 30) }],
      claims: f === 0 ? [] : [{ field: 'fatalities', value: f, claimant: actor1.name, channel: 'statement' }], flags: [],
    };
    return { document_id: null, source: outlet, reading: JSON.stringify(one), fatalities: f, added_at: created };
  });
  const low = Math.min(...sources.map((s) => s.fatalities));
  const high = Math.max(...sources.map((s) => s.fatalities));
  return {
    event: {
      ...reading, event_id_cnty: idCnty, fatalities_low: low, fatalities_best: fatalities, fatalities_high: high,
      flags: '[]', conflicts: low === high ? '[]' : '["fatalities"]', locked_fields: status === 'corrected' ? '["fatalities"]' : '[]', status, origin: 'extracted',
      sources_count: sources.length, created_at: created, updated_at: created, version: status === 'new' ? sources.length : sources.length + 1,
    },
    sources,
  };
}

// ---- children: one measurement each, printed as one JSON line -------------------------------------------

type Backend = 'sqlite' | 'postgres';

interface LoadFigures { events: number; sources: number; seconds: number; generateSeconds: number; insertSeconds: number; vacuumSeconds: number; eventsPerSecond: number; storeMiB: number; maxId: number; postgis: boolean; peakRssMiB: number }

const TXN_EVENTS = 5000;
const STATEMENT_EVENTS = 500; // 48 columns: 24,000 parameters, under SQLite's 32,766 and PostgreSQL's 65,535
const STATEMENT_SOURCES = 2000;

async function storeMiB(store: EventStore, url: string): Promise<number> {
  if (store.dialect === 'sqlite') {
    const path = url.replace(/^sqlite:/i, '');
    return [path, `${path}-wal`].reduce((n, p) => n + (existsSync(p) ? statSync(p).size : 0), 0) / MiB;
  }
  const r = await sql<{ n: number }>`SELECT (pg_total_relation_size('events') + pg_total_relation_size('event_sources'))::bigint AS n`.execute(store.db);
  return Number(r.rows[0]?.n ?? 0) / MiB;
}

async function childLoad(url: string, n: number): Promise<LoadFigures> {
  const store = await EventStore.open(url);
  try {
    const r = rng(20261125);
    let gen = 0;
    let ins = 0;
    let sources = 0;
    const t0 = performance.now();
    for (let start = 0; start < n; start += TXN_EVENTS) {
      const tg = performance.now();
      const batch: Generated[] = [];
      for (let i = start; i < Math.min(n, start + TXN_EVENTS); i++) batch.push(generateEvent(r, i, n));
      const rows = batch.flatMap((g, k) => g.sources.map((s) => ({ ...s, event_id: start + k + 1 })));
      const ti = performance.now();
      gen += ti - tg;
      await store.db.transaction().execute(async (trx) => {
        for (let k = 0; k < batch.length; k += STATEMENT_EVENTS) {
          await trx.insertInto('events').values(batch.slice(k, k + STATEMENT_EVENTS).map((g) => g.event)).execute();
        }
        for (let k = 0; k < rows.length; k += STATEMENT_SOURCES) {
          await trx.insertInto('event_sources').values(rows.slice(k, k + STATEMENT_SOURCES)).execute();
        }
      });
      ins += performance.now() - ti;
      sources += rows.length;
      if (process.stderr.isTTY) process.stderr.write(`\r\x1b[K  ${(start + batch.length).toLocaleString('en')} events`);
    }
    if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
    const seconds = (performance.now() - t0) / 1000;
    let vacuumSeconds = 0;
    if (store.dialect === 'postgres') {
      const tv = performance.now();
      await sql`VACUUM ANALYZE events`.execute(store.db);
      await sql`VACUUM ANALYZE event_sources`.execute(store.db);
      vacuumSeconds = (performance.now() - tv) / 1000;
    } else {
      // What EventStore.open does on SQLite; done here so that its once-only cost shows in the load.
      const tv = performance.now();
      await sql`PRAGMA optimize=0x10002`.execute(store.db);
      vacuumSeconds = (performance.now() - tv) / 1000;
    }
    const maxId = Number((await store.db.selectFrom('events').select((eb) => eb.fn.max('id').as('m')).executeTakeFirstOrThrow()).m);
    return {
      events: n, sources, seconds, generateSeconds: gen / 1000, insertSeconds: ins / 1000, vacuumSeconds, eventsPerSecond: n / seconds,
      storeMiB: await storeMiB(store, url), maxId, postgis: store.postgis, peakRssMiB: peakRssMiB(),
    };
  } finally {
    await store.close();
  }
}

interface Timing { n: number; median: number; p95: number; max: number }
/** GET /stats and GET /trends, each kind's timing. */
type StatsTimings = Record<'country+year' | 'everything' | 'trends' | 'trends country', Timing>;
interface Plan { kind: string; query: string; ms: number; sql: string; plan: string }
interface TryStep { label: string; ddl: string[]; seconds: number; error?: string; kinds: Record<string, Timing>; overall: Timing; stats: StatsTimings | null; plans: Plan[] }
interface ApiFigures {
  kinds: Record<string, Timing>; overall: Timing; stats: StatsTimings; errors: string[]; plans: Plan[];
  candidates: TryStep[]; emptyPages: number; peakRssMiB: number;
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
}

function timing(ms: number[]): Timing {
  const s = [...ms].sort((a, b) => a - b);
  return { n: s.length, median: quantile(s, 0.5), p95: quantile(s, 0.95), max: s[s.length - 1] ?? NaN };
}

interface Query { kind: string; filter: Record<string, string>; page2?: boolean }

const KINDS = ['month', 'country+dates', 'country+type', 'admin1', 'actor', 'bbox 2°', 'min_fatalities', 'cursor page 2'] as const;

function monthRange(r: () => number, months: number): { from: string; to: string } {
  const first = Math.floor(r() * (36 - months + 1));
  const y = 2023 + Math.floor(first / 12);
  const m = first % 12;
  const to = new Date(Date.UTC(y, m + months, 0)).toISOString().slice(0, 10);
  return { from: new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 10), to };
}

function makeQueries(runs: number): Query[] {
  const r = rng(4242);
  const qs: Query[] = [];
  const types = Object.keys(EVENT_TYPES);
  const admin1s = COUNTRIES.flatMap((c) => c.admin1.map((a) => ({ c, a })));
  for (let k = 0; k < runs; k++) {
    qs.push({ kind: 'month', filter: monthRange(r, 1) });
    qs.push({ kind: 'country+dates', filter: { country: pick(r, COUNTRIES).name, ...monthRange(r, 1 + Math.floor(r() * 6)) } });
    qs.push({ kind: 'country+type', filter: { country: pick(r, COUNTRIES).name, event_type: pick(r, types) } });
    qs.push({ kind: 'admin1', filter: { admin1: pick(r, admin1s).a.name } });
    const actor = pick(r, ALL_ACTORS);
    const words = actor.split(/[\s():-]+/).filter((w) => w.length >= 4 && !/^(Forces|Group|Militia|Ethnic|Communal|Military|Police)$/.test(w));
    qs.push({ kind: 'actor', filter: { actor: r() < 0.5 || words.length === 0 ? actor : pick(r, words) } });
    const { a } = pick(r, admin1s);
    const lat = a.lat + (r() - 0.5);
    const lon = a.lon + (r() - 0.5);
    qs.push({ kind: 'bbox 2°', filter: { bbox: [lon - 1, lat - 1, lon + 1, lat + 1].map((v) => v.toFixed(2)).join(',') } });
    qs.push({ kind: 'min_fatalities', filter: { min_fatalities: String(pick(r, [1, 5, 10, 25, 50, 100])) } });
    qs.push({ kind: 'cursor page 2', filter: r() < 0.5
      ? { country: pick(r, COUNTRIES).name, ...monthRange(r, 1 + Math.floor(r() * 6)) }
      : { country: pick(r, COUNTRIES).name, event_type: pick(r, types) }, page2: true });
  }
  for (let i = qs.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [qs[i], qs[j]] = [qs[j]!, qs[i]!];
  }
  return qs;
}

const qs = (filter: Record<string, string>, extra: Record<string, string> = {}): string => new URLSearchParams({ ...filter, ...extra }).toString();

/** The SQL listEvents sends for a filter, and its plan, through a connection of our own (the store's is private). */
async function explain(backend: Backend, url: string, filter: EventFilter, postgis: boolean, cursor?: string): Promise<{ sql: string; plan: string }> {
  const opts = { limit: 100, postgis, ...(cursor === undefined ? {} : { cursor }) };
  let captured: { sql: string; parameters: readonly unknown[] } | null = null;
  const log = (e: { level: string; query: { sql: string; parameters: readonly unknown[] } }): void => {
    captured ??= { sql: e.query.sql, parameters: e.query.parameters };
  };
  if (backend === 'sqlite') {
    const raw = new Database(url.replace(/^sqlite:/i, ''), { readonly: true });
    const db = new Kysely<StoreDatabase>({ dialect: new SqliteDialect({ database: raw }), log });
    try {
      await listEvents(db, filter, opts);
      const q = captured as { sql: string; parameters: readonly unknown[] } | null;
      if (q === null) return { sql: '?', plan: '?' };
      const rows = raw.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...(q.parameters as unknown[])) as { id: number; parent: number; detail: string }[];
      const depth = new Map<number, number>([[0, 0]]);
      const lines = rows.map((row) => {
        const d = (depth.get(row.parent) ?? 0) + 1;
        depth.set(row.id, d);
        return `${'  '.repeat(d)}${row.detail}`;
      });
      return { sql: inline(q.sql, q.parameters), plan: lines.join('\n') };
    } finally {
      await db.destroy();
    }
  }
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  const db = new Kysely<StoreDatabase>({ dialect: new PostgresDialect({ pool }), log });
  try {
    await listEvents(db, filter, opts);
    const q = captured as { sql: string; parameters: readonly unknown[] } | null;
    if (q === null) return { sql: '?', plan: '?' };
    const client = await pool.connect();
    try {
      const res = await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${q.sql}`, q.parameters as unknown[]);
      return { sql: inline(q.sql, q.parameters), plan: res.rows.map((row: Record<string, string>) => `  ${row['QUERY PLAN']}`).join('\n') };
    } finally {
      client.release();
    }
  } finally {
    await db.destroy();
  }
}

/** SQL with its parameters written in, for reading (not for running). */
function inline(text: string, params: readonly unknown[]): string {
  const lit = (v: unknown): string => (typeof v === 'number' ? String(v) : `'${String(v).replace(/'/g, "''")}'`);
  return text.replace(/\$(\d+)/g, (_, i: string) => lit(params[Number(i) - 1])).replace(/\?/g, (() => { let i = 0; return () => lit(params[i++]); })());
}

/** What to try on the kinds that come out slow, step after step (in the bench store only). */
function candidateSteps(backend: Backend): { label: string; ddl: string[] }[] {
  if (backend === 'sqlite') {
    // No index serves LIKE '%…%' (actor); for bbox the planner needs to know how many rows a latitude band holds.
    return [{ label: 'ANALYZE: table and index statistics, with STAT4 histograms (the store never runs it)', ddl: ['ANALYZE'] }];
  }
  return [{
    label: 'trigram indexes for the actor substring (pg_trgm), so a rare actor is a bitmap scan instead of a walk down events_date',
    ddl: ['CREATE EXTENSION IF NOT EXISTS pg_trgm', ...['actor1', 'actor2', 'assoc_actor_1', 'assoc_actor_2'].map((c) => `CREATE INDEX bench_${c}_trgm ON events USING gin (${c} gin_trgm_ops)`), 'ANALYZE events'],
  }];
}

async function childApi(backend: Backend, url: string, runs: number, tryIndexes: boolean): Promise<ApiFigures> {
  const store = await EventStore.open(url);
  const app = await buildApp({ store, coder: async () => { throw new Error('bench: no coder in the API part'); } });
  const errors: string[] = [];
  let emptyPages = 0;
  const get = async (path: string): Promise<{ ms: number; body: { events?: unknown[]; next_cursor?: string | null } }> => {
    const t = performance.now();
    const res = await app.inject({ method: 'GET', url: path });
    const ms = performance.now() - t;
    if (res.statusCode !== 200) {
      if (errors.length < 10) errors.push(`${path}: ${res.statusCode} ${res.body.slice(0, 200)}`);
      return { ms, body: {} };
    }
    return { ms, body: res.json() };
  };
  const slowest = new Map<string, { ms: number; q: Query; cursor?: string }>();
  const runQuery = async (q: Query): Promise<number> => {
    let cursor: string | undefined;
    if (q.page2 === true) {
      const first = await get(`/events?${qs(q.filter, { limit: '100' })}`);
      if (typeof first.body.next_cursor !== 'string') return NaN; // fewer than two pages: not counted
      cursor = first.body.next_cursor;
    }
    const { ms, body } = await get(`/events?${qs(q.filter, cursor === undefined ? { limit: '100' } : { limit: '100', cursor })}`);
    if ((body.events?.length ?? 0) === 0) emptyPages++;
    const s = slowest.get(q.kind);
    if (s === undefined || ms > s.ms) slowest.set(q.kind, { ms, q, ...(cursor === undefined ? {} : { cursor }) });
    return ms;
  };
  const measure = async (queries: Query[]): Promise<{ kinds: Record<string, Timing>; overall: Timing }> => {
    slowest.clear();
    const byKind = new Map<string, number[]>(KINDS.map((k) => [k, []]));
    let done = 0;
    for (const q of queries) {
      const ms = await runQuery(q);
      if (!Number.isNaN(ms)) byKind.get(q.kind)!.push(ms);
      if (process.stderr.isTTY && ++done % 20 === 0) process.stderr.write(`\r\x1b[K  ${done}/${queries.length} pages`);
    }
    if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
    return { kinds: Object.fromEntries([...byKind].map(([k, ms]) => [k, timing(ms)])), overall: timing([...byKind.values()].flat()) };
  };
  const plansOf = async (worst: Map<string, { ms: number; q: Query; cursor?: string }>): Promise<Plan[]> => {
    const out: Plan[] = [];
    for (const [kind, s] of worst) {
      const e = await explain(backend, url, EventFilterSchema.parse(s.q.filter), store.postgis, s.cursor);
      out.push({ kind, query: `/events?${qs(s.q.filter, { limit: '100' })}${s.cursor === undefined ? '' : ' (page 2)'}`, ms: s.ms, ...e });
    }
    return out;
  };
  // GET /stats: a country and a year (50 runs), everything (at most `most` runs or two minutes, at least 5).
  // GET /trends: everything and a country, `most` runs each (at least 5).
  const measureStats = async (most: number): Promise<StatsTimings> => {
    const r = rng(99);
    const statsCountry: number[] = [];
    for (let k = 0; k < 50; k++) {
      const year = 2023 + Math.floor(r() * 3);
      statsCountry.push((await get(`/stats?${qs({ country: pick(r, COUNTRIES).name, from: `${year}-01-01`, to: `${year}-12-31` })}`)).ms);
    }
    const statsAll: number[] = [];
    const ts = performance.now();
    while (statsAll.length < most && (statsAll.length < 5 || performance.now() - ts < 120_000)) statsAll.push((await get('/stats')).ms);
    const trendsAll: number[] = [];
    const trendsCountry: number[] = [];
    for (let k = 0; k < Math.max(5, most); k++) {
      trendsAll.push((await get('/trends')).ms);
      trendsCountry.push((await get(`/trends?${qs({ country: pick(r, COUNTRIES).name })}`)).ms);
    }
    return { 'country+year': timing(statsCountry), everything: timing(statsAll), trends: timing(trendsAll), 'trends country': timing(trendsCountry) };
  };
  try {
    // Warm-up: Fastify's and zod's first calls, the first pages read.
    for (const q of makeQueries(2).slice(0, 12)) await runQuery({ ...q });
    emptyPages = 0;
    const queries = makeQueries(runs);
    const { kinds, overall } = await measure(queries);
    const baselineEmpty = emptyPages;
    // The slowest query of each kind whose p95 is over 50 ms.
    const worst = new Map([...slowest].filter(([k]) => kinds[k]!.p95 > 50));

    const stats = await measureStats(20);
    const plans = await plansOf(worst);

    // Candidates, in this bench store only (src/ is not changed): each step adds to the one before, then
    // every kind of page is timed again and the slow queries explained again.
    const candidates: TryStep[] = [];
    if (tryIndexes && worst.size > 0) {
      for (const step of candidateSteps(backend)) {
        const tc = performance.now();
        try {
          for (const ddl of step.ddl) await sql.raw(ddl).execute(store.db);
        } catch (err) {
          candidates.push({ ...step, seconds: 0, error: (err as Error).message, kinds: {}, overall: timing([]), stats: null, plans: [] });
          break;
        }
        const seconds = (performance.now() - tc) / 1000;
        const again = await measure(queries);
        candidates.push({ ...step, seconds, ...again, stats: await measureStats(5), plans: await plansOf(worst) });
      }
    }
    return { kinds, overall, stats, errors, plans, candidates, emptyPages: baselineEmpty, peakRssMiB: peakRssMiB() };
  } finally {
    await app.close();
    await store.close();
  }
}

interface IngestFigures { documents: number; base: number; stored: number; duplicates: number; failed: number; eventsCreated: number; sourcesAdded: number; startupSeconds: number; codingSeconds: number; seconds: number; docsPerSecond: number; peakRssMiB: number }

async function childIngest(url: string, docsPath: string, minDocs: number): Promise<IngestFigures> {
  const base: Document[] = [];
  for await (const r of readJsonlDocuments(createReadStream(docsPath), { maxBytes: DEFAULT_MAX_BYTES, today: todayIso() })) if (r.ok) base.push(r.doc);
  const rounds = Math.ceil(minDocs / base.length);
  const docs = Array.from({ length: rounds }, (_, k) => base.map((d) => (k === 0 ? d : { ...d, id: `${d.id}-copy${k}`, text: `${d.text} (copy ${k})` }))).flat();
  const t0 = performance.now();
  const coder = await loadExtractor({ countries: ['ML', 'BF', 'NE'], home: resolveHome() });
  const startupSeconds = (performance.now() - t0) / 1000;
  // Coding alone first (it also warms the coder up): what ingest adds on top of it is the store's share.
  const tc = performance.now();
  for (const d of docs) {
    try {
      coder.extract(d);
    } catch { /* counted by ingestAll below */ }
  }
  const codingSeconds = (performance.now() - tc) / 1000;
  const store = await EventStore.open(url);
  try {
    async function* incoming(): AsyncGenerator<Incoming> {
      for (const doc of docs) yield { origin: docsPath, ok: true, doc };
    }
    const t = performance.now();
    const s = await ingestAll(store, coder, incoming());
    const seconds = (performance.now() - t) / 1000;
    return { documents: docs.length, base: base.length, ...s, startupSeconds, codingSeconds, seconds, docsPerSecond: docs.length / seconds, peakRssMiB: peakRssMiB() };
  } finally {
    await store.close();
  }
}

const argv = process.argv.slice(2);
if (argv[0] === '--child') {
  const [, what, ...rest] = argv;
  let figures: unknown;
  if (what === 'load') figures = await childLoad(rest[0]!, Number(rest[1]));
  else if (what === 'api') figures = await childApi(rest[0] as Backend, rest[1]!, Number(rest[2]), rest[3] === 'yes');
  else if (what === 'ingest') figures = await childIngest(rest[0]!, rest[1]!, Number(rest[2]));
  process.stdout.write(`${JSON.stringify(figures ?? null)}\n`);
  process.exit(0);
}

// ---- the parent: runs the parts, prints the figures ---------------------------------------------------

const events = Number((option(argv, '--events') ?? '1000000').replace(/[_,]/g, ''));
const runs = Number(option(argv, '--runs') ?? '100');
if (!Number.isSafeInteger(events) || events <= 0 || !Number.isSafeInteger(runs) || runs <= 0) {
  console.error(`bench: --events and --runs expect positive whole numbers, got '${option(argv, '--events')}', '${option(argv, '--runs')}'`);
  process.exit(2);
}
const pgBase = argv.includes('--no-pg') ? undefined : (option(argv, '--pg') ?? (process.env.FAULTLINE_TEST_PG_URL?.trim() || undefined));
const keep = argv.includes('--keep');
const tryIndexes = argv.includes('--try-indexes');
const docsPath = fileURLToPath(new URL('../../shared/eval/dev/docs.jsonl', import.meta.url));

const child = <T>(...args: string[]): T => runChild<T>(self, args);

const f0 = (n: number): string => Math.round(n).toLocaleString('en');
// A part that did not run (too few events for its query kind) has no figure.
const ms1 = (n: number | null): string => (n === null ? '-' : n >= 100 ? n.toFixed(0) : n.toFixed(1));
const secs = (s: number): string => (s >= 100 ? `${s.toFixed(0)} s` : `${s.toFixed(1)} s`);

interface Row { label: string; load: LoadFigures; api: ApiFigures; ingest: IngestFigures | null }
const rows: Row[] = [];
const tmp = mkdtempSync(join(tmpdir(), 'faultline-bench-store-'));
const wall = performance.now();
console.log(`node ${process.version} on ${process.platform}/${process.arch}, ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), ${f0(totalmem() / MiB / 1024)} GiB; work folder ${tmp}`);
console.log(`${f0(events)} events; API through app.inject (in-process Fastify: routing, validation, serialisation; no TCP); ${runs} runs of each kind of page`);

const targets: { backend: Backend; label: string; fresh(): Promise<{ url: string; shown: string; dispose(): Promise<void> }> }[] = [];
if (!argv.includes('--no-sqlite')) {
  targets.push({
    backend: 'sqlite', label: 'SQLite',
    fresh: async () => {
      const dir = mkdtempSync(join(tmp, 'sqlite-'));
      const url = join(dir, 'faultline.db');
      return { url, shown: url, dispose: async () => { if (!keep) rmSync(dir, { recursive: true, force: true }); } };
    },
  });
}
if (pgBase !== undefined) {
  targets.push({
    backend: 'postgres', label: 'PostgreSQL',
    fresh: async () => {
      const s = await freshSchema(pgBase, 'bench');
      return { url: s.url, shown: `schema ${s.schema} of ${pgBase.replace(/:[^@/:]*@/, ':***@')}`, dispose: async () => { if (!keep) await s.drop(); } };
    },
  });
} else {
  console.log('PostgreSQL: skipped (--pg URL or FAULTLINE_TEST_PG_URL; scripts/postgres-for-tests.sh starts one)');
}

try {
  for (const t of targets) {
    const place = await t.fresh();
    let load: LoadFigures;
    let api: ApiFigures;
    try {
      load = child<LoadFigures>('load', place.url, String(events));
      console.log(`\n== ${t.label}${t.backend === 'postgres' ? (load.postgis ? ' (PostGIS)' : ' (no PostGIS)') : ''}: ${place.shown}`);
      console.log(`(1) load: ${f0(load.events)} events + ${f0(load.sources)} sources in ${secs(load.seconds)} (generating ${secs(load.generateSeconds)}, inserting ${secs(load.insertSeconds)}): `
        + `${f0(load.eventsPerSecond)} events/s; ${t.backend === 'postgres' ? 'VACUUM ANALYZE' : 'PRAGMA optimize'} ${secs(load.vacuumSeconds)}; store ${f0(load.storeMiB)} MiB; peak RSS ${f0(load.peakRssMiB)} MiB`
        + (load.maxId === load.events ? '' : `; WARNING: max(id) is ${load.maxId}, not ${load.events}`));
      api = child<ApiFigures>('api', t.backend, place.url, String(runs), tryIndexes ? 'yes' : 'no');
    } finally {
      await place.dispose();
    }
    console.log(`(2) GET /events?…&limit=100 (ms)          n   median     p95     max`);
    const line = (label: string, x: Timing): string => `    ${label.padEnd(34)} ${String(x.n).padStart(4)} ${ms1(x.median).padStart(8)} ${ms1(x.p95).padStart(7)} ${ms1(x.max).padStart(7)}`;
    for (const k of KINDS) console.log(line(k, api.kinds[k]!));
    console.log(line('all pages', api.overall));
    console.log(`    GET /stats (ms)`);
    console.log(line('country + year', api.stats['country+year']));
    console.log(line('everything', api.stats.everything));
    console.log(`    GET /trends (ms)`);
    console.log(line('everything', api.stats.trends));
    console.log(line('a country', api.stats['trends country']));
    console.log(`    peak RSS ${f0(api.peakRssMiB)} MiB; ${api.emptyPages} empty pages${api.errors.length > 0 ? `; ERRORS: ${api.errors.join(' | ')}` : ''}`);
    for (const p of api.plans) {
      console.log(`\n    slow: ${p.kind} (p95 ${ms1(api.kinds[p.kind]!.p95)} ms); its slowest, ${ms1(p.ms)} ms: ${p.query}`);
      console.log(`    ${p.sql}`);
      console.log(p.plan.split('\n').map((l) => `    ${l}`).join('\n'));
    }
    for (const step of api.candidates) {
      console.log(`\n    --try-indexes, in this bench store only (src/ unchanged): ${step.label}; ${secs(step.seconds)}:`);
      for (const ddl of step.ddl) console.log(`      ${ddl}`);
      if (step.error !== undefined || step.stats === null) {
        console.log(`    failed: ${step.error ?? '?'}`);
        continue;
      }
      console.log(`    the same pages again (ms)                  n   median     p95     max   before: median     p95`);
      const again = (label: string, now: Timing, before: Timing): string => `${line(label, now)}           ${ms1(before.median).padStart(8)} ${ms1(before.p95).padStart(7)}`;
      for (const k of KINDS) console.log(again(k, step.kinds[k]!, api.kinds[k]!));
      console.log(again('all pages', step.overall, api.overall));
      console.log(again('GET /stats country + year', step.stats['country+year'], api.stats['country+year']));
      console.log(again('GET /stats everything', step.stats.everything, api.stats.everything));
      console.log(again('GET /trends everything', step.stats.trends, api.stats.trends));
      for (const p of step.plans) {
        console.log(`    plan now of ${p.query}:`);
        console.log(p.plan.split('\n').map((l) => `    ${l}`).join('\n'));
      }
    }
    let ingest: IngestFigures | null = null;
    if (existsSync(docsPath)) {
      const fresh = await t.fresh();
      try {
        ingest = child<IngestFigures>('ingest', fresh.url, docsPath, '2000');
      } finally {
        await fresh.dispose();
      }
      console.log(`(3) ingest: ${f0(ingest.documents)} documents (${docsPath}, ${ingest.base} repeated) into an empty store through ingestAll: ${secs(ingest.seconds)}, `
        + `${f0(ingest.docsPerSecond)} docs/s (coding alone ${secs(ingest.codingSeconds)}, ${f0(ingest.documents / ingest.codingSeconds)} docs/s; coder start-up ${secs(ingest.startupSeconds)}); `
        + `${ingest.stored} stored, ${ingest.duplicates} duplicates, ${ingest.failed} failed, ${f0(ingest.eventsCreated)} events created, ${f0(ingest.sourcesAdded)} sources added; peak RSS ${f0(ingest.peakRssMiB)} MiB`);
    } else {
      console.log(`(3) ingest: skipped, ${docsPath} not found`);
    }
    rows.push({ label: t.label + (t.backend === 'postgres' ? (load.postgis ? ' + PostGIS' : '') : ''), load, api, ingest });
  }
} finally {
  if (keep) console.log(`\nkept ${tmp}`);
  else rmSync(tmp, { recursive: true, force: true });
}

console.log(`\nsummary (${new Date().toISOString().slice(0, 10)}, ${cpus().length}-core ${process.arch}, Node ${process.version.slice(1)}; insert time without generating the rows; page and stats times in ms through app.inject; peak RSS of the Node process: load / API / ingest)\n`);
console.log('| store | events | insert time | filtered page median | p95 | stats (country, year) median | p95 | stats (everything) median | p95 | trends median | p95 | ingest docs/s | peak RSS |');
console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|');
for (const r of rows) {
  const c = r.api.stats['country+year'];
  const e = r.api.stats.everything;
  const t = r.api.stats.trends;
  console.log(`| ${r.label} | ${f0(r.load.events)} | ${secs(r.load.insertSeconds)} | ${ms1(r.api.overall.median)} | ${ms1(r.api.overall.p95)} | ${ms1(c.median)} | ${ms1(c.p95)} | ${ms1(e.median)} | ${ms1(e.p95)} | ${ms1(t.median)} | ${ms1(t.p95)} | `
    + `${r.ingest === null ? '–' : f0(r.ingest.docsPerSecond)} | ${f0(r.load.peakRssMiB)} / ${f0(r.api.peakRssMiB)} / ${r.ingest === null ? '–' : f0(r.ingest.peakRssMiB)} MiB |`);
  for (const step of r.api.candidates) {
    if (step.stats === null) continue;
    const sc = step.stats['country+year'];
    const se = step.stats.everything;
    const st = step.stats.trends;
    console.log(`| ${r.label} after ${step.ddl.length === 1 ? step.ddl[0] : step.ddl.filter((d) => d.startsWith('CREATE INDEX')).length + ' candidate indexes'} (--try-indexes) | ${f0(r.load.events)} | – | ${ms1(step.overall.median)} | ${ms1(step.overall.p95)} | `
      + `${ms1(sc.median)} | ${ms1(sc.p95)} | ${ms1(se.median)} | ${ms1(se.p95)} | ${ms1(st.median)} | ${ms1(st.p95)} | – | – |`);
  }
}
console.log(`\nwhole run ${secs((performance.now() - wall) / 1000)}`);
