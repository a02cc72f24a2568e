// A small store for the dashboard tests: eight events from six reports across Mali, Burkina Faso and Niger,
// over ten weeks, with evidence spans that point into the report texts. One report carries
// <script>alert(1)</script>, which the dashboard must show as text and never run.
import type { Document, FaultlineEvent } from '../../src/domain/index.ts';
import type { EventStore } from '../../src/store/store.ts';
import { sampleEvent } from '../export/fixture.ts';

export const SCRIPT_TEXT = '<script>alert(1)</script>';

interface Report { doc: Document; events: Partial<FaultlineEvent>[] }

const mali = { country: 'Mali', iso: 466 };
const bf = { country: 'Burkina Faso', iso: 854, region: 'Western Africa' };
const niger = { country: 'Niger', iso: 562 };

export const REPORTS: Report[] = [
  {
    doc: { id: 'sokolo.txt', source: 'Studio Tamani', published: '2025-10-06', lang: 'en', url: 'https://example.org/sokolo',
      text: `Air strikes hit militants west of Sokolo on Saturday, the army said. ${SCRIPT_TEXT} Fifteen people were killed, according to a local official.` },
    events: [{ ...mali, event_date: '2025-10-04', location: 'Sokolo', admin1: 'Segou', admin2: 'Niono', latitude: 14.73, longitude: -6.12, fatalities: 15 }],
  },
  {
    doc: { id: 'djibo.txt', source: 'Le Faso', published: '2025-09-15', lang: 'en', text: 'Gunmen attacked villagers near Djibo on Sunday, killing four, residents said.' },
    events: [{ ...bf, event_date: '2025-09-14', event_type: 'Violence against civilians', sub_event_type: 'Attack', disorder_type: 'Political violence',
      actor1: 'Unidentified Armed Group (Burkina Faso)', actor2: 'Civilians (Burkina Faso)', location: 'Djibo', admin1: 'Sahel', admin2: 'Soum', admin3: '',
      latitude: 14.1, longitude: -1.63, fatalities: 4, notes: 'Gunmen attacked villagers near Djibo.' }],
  },
  {
    doc: { id: 'ouaga.txt', source: 'Burkina24', published: '2025-08-20', lang: 'en', text: 'Traders protested in Ouagadougou on Tuesday against new taxes. Police later arrested two men in Kaya.' },
    events: [
      { ...bf, event_date: '2025-08-19', event_type: 'Protests', sub_event_type: 'Peaceful protest', disorder_type: 'Demonstrations', actor1: 'Protesters (Burkina Faso)',
        actor2: '', location: 'Ouagadougou', admin1: 'Centre', admin2: 'Kadiogo', admin3: '', latitude: 12.37, longitude: -1.53, fatalities: 0, notes: 'Traders protested against taxes.' },
      { ...bf, event_date: '2025-08-19', event_type: 'Strategic developments', sub_event_type: 'Arrests', disorder_type: 'Strategic developments', actor1: 'Police Forces of Burkina Faso (2022-)',
        actor2: '', location: 'Kaya', admin1: 'Centre-Nord', admin2: 'Sanmatenga', admin3: '', latitude: 13.09, longitude: -1.08, fatalities: 0, notes: 'Police arrested two men in Kaya.' },
    ],
  },
  {
    doc: { id: 'tillaberi.txt', source: 'ActuNiger', published: '2025-09-02', lang: 'en', text: 'Soldiers clashed with jihadists near Tillaberi on Monday; twelve soldiers died.' },
    events: [{ ...niger, event_date: '2025-09-01', event_type: 'Battles', sub_event_type: 'Armed clash', disorder_type: 'Political violence',
      actor1: 'Military Forces of Niger (2023-)', actor2: 'Islamic State (Sahel)', location: 'Tillaberi', admin1: 'Tillaberi', admin2: 'Tillaberi', admin3: '',
      latitude: 14.21, longitude: 1.45, fatalities: 12, notes: 'Clash near Tillaberi.' }],
  },
  {
    doc: { id: 'gao.txt', source: 'Maliweb', published: '2025-08-05', lang: 'en', text: 'A roadside bomb hit a bus outside Gao on Monday, killing seven. Youths rioted in Gao the next day.' },
    events: [
      { ...mali, event_date: '2025-08-04', event_type: 'Explosions/Remote violence', sub_event_type: 'Remote explosive/landmine/IED', location: 'Gao', admin1: 'Gao', admin2: 'Gao',
        admin3: '', latitude: 16.27, longitude: -0.04, fatalities: 7, actor1: 'Unidentified Armed Group (Mali)', actor2: 'Civilians (Mali)', notes: 'Roadside bomb hit a bus.' },
      { ...mali, event_date: '2025-08-05', event_type: 'Riots', sub_event_type: 'Violent demonstration', disorder_type: 'Demonstrations', location: 'Gao', admin1: 'Gao', admin2: 'Gao',
        admin3: '', latitude: 16.27, longitude: -0.04, fatalities: 0, actor1: 'Rioters (Mali)', actor2: '', notes: 'Youths rioted in Gao.' },
    ],
  },
  {
    doc: { id: 'diffa.txt', source: 'RFI', published: '2025-10-13', lang: 'en', text: 'Boko Haram fighters abducted ten women near Diffa last week.' },
    events: [{ ...niger, event_date: '2025-10-08', event_type: 'Violence against civilians', sub_event_type: 'Abduction/forced disappearance', disorder_type: 'Political violence',
      actor1: 'Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad', actor2: 'Civilians (Niger)', location: 'Diffa', admin1: 'Diffa', admin2: 'Diffa', admin3: '',
      latitude: 13.32, longitude: 12.61, fatalities: 0, notes: 'Abduction of ten women near Diffa.' }],
  },
];

export const EVENT_COUNT = REPORTS.reduce((n, r) => n + r.events.length, 0);
export const COUNT_BY_COUNTRY = (country: string): number => REPORTS.flatMap((r) => r.events).filter((e) => e.country === country).length;

/** Evidence for the fields whose words are in the text: location, and the first number word or figure. */
function evidenceFor(text: string, e: Partial<FaultlineEvent>): FaultlineEvent['evidence'] {
  const out: FaultlineEvent['evidence'] = [];
  const place = e.location === undefined ? -1 : text.indexOf(e.location);
  if (place >= 0) out.push({ field: 'location', start: place, end: place + e.location!.length, text: e.location! });
  const toll = /\b(Fifteen|four|twelve|seven|ten)\b/.exec(text);
  if (toll !== null && (e.fatalities ?? 0) > 0) out.push({ field: 'fatalities', start: toll.index, end: toll.index + toll[0].length, text: toll[0] });
  const day = /\b(Saturday|Sunday|Monday|Tuesday|last week)\b/.exec(text);
  if (day !== null) out.push({ field: 'event_date', start: day.index, end: day.index + day[0].length, text: day[0] });
  return out;
}

export async function seed(store: EventStore): Promise<void> {
  for (const r of REPORTS) {
    const events = r.events.map((over, k) => sampleEvent({
      doc_id: r.doc.id, event_id_cnty: `${r.doc.id}-${k + 1}`, source: r.doc.source ?? '', year: 2025, geonameid: null,
      ...over, evidence: evidenceFor(r.doc.text, over), flags: [],
      claims: over.fatalities === 15 ? [{ field: 'fatalities', value: 15, claimant: 'Military Forces of Mali (2021-)', channel: 'statement' }] : [],
    }));
    await store.ingestDocument(r.doc, events, { now: '2025-10-14T08:00:00.000Z' });
  }
}
