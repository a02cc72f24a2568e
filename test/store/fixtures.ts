// The reports and events the store tests share: a report, and two events (the Sokolo air strike, the ambush
// between Kayes and Yelimané) as an outlet codes them, fields varied per test as they vary between reports.
import type { Document, FaultlineEvent } from '../../src/domain/index.ts';
import { sampleEvent } from '../export/fixture.ts';

export const doc = (id: string, text: string, over: Partial<Document> = {}): Document => ({ id, text, published: '2025-10-06', lang: 'en', ...over });

export const strike = (over: Partial<FaultlineEvent> = {}): FaultlineEvent => sampleEvent({ notes: 'Air strikes west of Sokolo.', ...over });

export const ambush = (over: Partial<FaultlineEvent> = {}): FaultlineEvent => sampleEvent({
  event_date: '2025-10-01', event_type: 'Battles', sub_event_type: 'Armed clash', disorder_type: 'Political violence',
  actor1: 'JNIM: Group for Support of Islam and Muslims', inter1: 'Rebel group', actor2: 'Military Forces of Mali (2021-)', inter2: 'State forces',
  admin1: 'Kayes', admin2: 'Kayes', admin3: '', location: 'between Kayes and Yelimane', latitude: 14.78, longitude: -11.01, geonameid: null,
  fatalities: 4, notes: 'Ambush between Kayes and Yelimane.', claims: [], ...over,
});
