// One event with every field filled, including values that stress the writers.
import type { FaultlineEvent } from '../../src/domain/index.ts';

export function sampleEvent(over: Partial<FaultlineEvent> = {}): FaultlineEvent {
  return {
    doc_id: 'report-1', event_id_cnty: 'report-1-1', event_date: '2025-10-04', year: 2025, time_precision: 1,
    disorder_type: 'Political violence', event_type: 'Explosions/Remote violence', sub_event_type: 'Air/drone strike',
    actor1: 'Military Forces of Mali (2021-)', assoc_actor_1: '', inter1: 'State forces',
    actor2: 'Unidentified Armed Group (Mali)', assoc_actor_2: '', inter2: '3', interaction: 'State forces-Political militia',
    civilian_targeting: '', iso: 466, region: 'Western Africa', country: 'Mali', admin1: 'Ségou', admin2: 'Niono',
    admin3: 'Sokolo', location: 'Sokolo', latitude: 14.7328, longitude: -6.1228, geo_precision: 2, source: 'Studio Tamani',
    source_scale: 'National', notes: 'Strikes "west of Sokolo",\nthe army said. =HYPERLINK("http://x")', fatalities: 15,
    tags: '', timestamp: 1759708800, geonameid: 2451185,
    evidence: [{ field: 'location', start: 10, end: 16, text: 'Sokolo' }],
    claims: [{ field: 'fatalities', value: 15, claimant: 'Military Forces of Mali (2021-)', channel: 'statement' }],
    confidence: 0.8, flags: ['date_conflict'], ...over,
  };
}
