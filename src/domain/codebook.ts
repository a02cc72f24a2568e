// ACLED's event taxonomy, actor types and precision codes, as ../shared/codebook/README.md summarises them.
// The order of sub-event types inside each event type is the codebook's hierarchy: when several fit, the first wins.

export const EVENT_TYPES = {
  Battles: ['Government regains territory', 'Non-state actor overtakes territory', 'Armed clash'],
  Protests: ['Excessive force against protesters', 'Protest with intervention', 'Peaceful protest'],
  Riots: ['Violent demonstration', 'Mob violence'],
  'Explosions/Remote violence': [
    'Chemical weapon',
    'Air/drone strike',
    'Suicide bomb',
    'Shelling/artillery/missile attack',
    'Remote explosive/landmine/IED',
    'Grenade',
  ],
  'Violence against civilians': ['Sexual violence', 'Attack', 'Abduction/forced disappearance'],
  'Strategic developments': [
    'Agreement',
    'Arrests',
    'Change to group/activity',
    'Disrupted weapons use',
    'Headquarters or base established',
    'Looting/property destruction',
    'Non-violent transfer of territory',
    'Other',
  ],
} as const;

export type EventType = keyof typeof EVENT_TYPES;
export type SubEventType = (typeof EVENT_TYPES)[EventType][number];

export const EVENT_TYPE_NAMES = Object.keys(EVENT_TYPES) as EventType[];
export const SUB_EVENT_TYPE_NAMES: SubEventType[] = EVENT_TYPE_NAMES.flatMap((t) => [...EVENT_TYPES[t]]);

const parentOf = new Map<SubEventType, EventType>(
  EVENT_TYPE_NAMES.flatMap((t) => EVENT_TYPES[t].map((s) => [s, t] as [SubEventType, EventType])),
);

export function eventTypeOf(sub: SubEventType): EventType {
  const parent = parentOf.get(sub);
  if (!parent) throw new Error(`unknown sub-event type: ${sub}`);
  return parent;
}

export const DISORDER_TYPE: Record<EventType, string> = {
  Battles: 'Political violence',
  'Explosions/Remote violence': 'Political violence',
  'Violence against civilians': 'Political violence',
  Protests: 'Demonstrations',
  Riots: 'Demonstrations',
  'Strategic developments': 'Strategic developments',
};

/** Actor type (ACLED `inter`): legacy number and text label. */
export const INTER_LABELS = {
  1: 'State forces',
  2: 'Rebel group',
  3: 'Political militia',
  4: 'Identity militia',
  5: 'Rioters',
  6: 'Protesters',
  7: 'Civilians',
  8: 'External/Other forces',
} as const;
export type InterCode = keyof typeof INTER_LABELS;
export type InterLabel = (typeof INTER_LABELS)[InterCode];

export function interLabel(code: InterCode): InterLabel {
  return INTER_LABELS[code];
}

/** "State forces-Rebel group", lower code first; "Rebel group only" without a second actor. */
export function interaction(inter1: InterCode | null, inter2: InterCode | null): string {
  if (inter1 === null && inter2 === null) return '';
  if (inter1 === null || inter2 === null) return `${interLabel((inter1 ?? inter2) as InterCode)} only`;
  const [a, b] = inter1 <= inter2 ? [inter1, inter2] : [inter2, inter1];
  return `${interLabel(a)}-${interLabel(b)}`;
}

/** 1 = day known, 2 = week or weekend known, 3 = month known. */
export type TimePrecision = 1 | 2 | 3;
/** 1 = town/village, 2 = near/outside/part of a region, 3 = region or natural feature only. */
export type GeoPrecision = 1 | 2 | 3;

export const ACLED_COLUMNS = [
  'event_id_cnty',
  'event_date',
  'year',
  'time_precision',
  'disorder_type',
  'event_type',
  'sub_event_type',
  'actor1',
  'assoc_actor_1',
  'inter1',
  'actor2',
  'assoc_actor_2',
  'inter2',
  'interaction',
  'civilian_targeting',
  'iso',
  'region',
  'country',
  'admin1',
  'admin2',
  'admin3',
  'location',
  'latitude',
  'longitude',
  'geo_precision',
  'source',
  'source_scale',
  'notes',
  'fatalities',
  'tags',
  'timestamp',
] as const;
export type AcledColumn = (typeof ACLED_COLUMNS)[number];
