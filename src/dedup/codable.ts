// The fields of an event that decide whether two reports describe it: what, when, where, who, how many.
import type { FaultlineEvent } from '../domain/schemas.ts';

export type Codable = Pick<
  FaultlineEvent,
  | 'event_date'
  | 'time_precision'
  | 'event_type'
  | 'sub_event_type'
  | 'actor1'
  | 'actor2'
  | 'assoc_actor_1'
  | 'assoc_actor_2'
  | 'country'
  | 'admin1'
  | 'admin2'
  | 'location'
  | 'latitude'
  | 'longitude'
  | 'geo_precision'
  | 'fatalities'
>;
