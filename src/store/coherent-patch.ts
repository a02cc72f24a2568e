// An analyst's correction as the codebook ties fields together: a sub-event type belongs to one event type,
// the disorder type follows the event type, the year the date, the interaction the two actor types, the ISO
// code the country. The fields the analyst did not set but that follow from those set are filled in, a
// correction the codebook cannot hold is refused, and the fields locked against later sources are whole
// groups: a new source may not move the coordinates of a place an analyst fixed, nor the type of an event whose
// sub-type an analyst chose.
import { DISORDER_TYPE, EVENT_TYPES, eventTypeOf, INTER_LABELS, interaction, type EventType, type InterCode } from '../domain/index.ts';
import { countryLexicon } from '../gazetteer/lexicon.ts';
import { fold } from '../text/fold.ts';
import type { EventPatch } from './corrections.ts';
import { InvalidActionError } from './errors.ts';
import type { StoredEvent } from './rows.ts';

/** Columns written together and locked together: changing one changes what the others mean. */
const LOCK_GROUPS: readonly (readonly string[])[] = [
  ['event_type', 'sub_event_type', 'disorder_type'],
  ['event_date', 'year'],
  ['inter1', 'inter2', 'interaction', 'civilian_targeting'],
  ['country', 'iso', 'admin1', 'admin2', 'admin3', 'location', 'latitude', 'longitude', 'geo_precision', 'geonameid'],
];

/** The columns a correction writes: the analyst's, plus those that follow from them. */
export type CoherentColumns = EventPatch & { disorder_type?: string; year?: number; iso?: number | null };

const INTER_CODES = new Map<string, InterCode>(Object.entries(INTER_LABELS).map(([code, label]) => [label, Number(code) as InterCode]));

/** The code of an actor type the analyst sets: one of the codebook's labels, or empty for none. */
function interCode(field: string, label: string): InterCode | null {
  if (label === '') return null;
  const code = INTER_CODES.get(label);
  if (code === undefined) throw new InvalidActionError(`${field} "${label}" is not an actor type of the codebook (one of: ${[...INTER_CODES.keys()].join(', ')}; or empty)`);
  return code;
}

/** The code of the actor type an event has: a label, or an older ACLED file's number; undefined if neither. */
function storedInterCode(value: string): InterCode | null | undefined {
  if (value === '') return null;
  if (/^[1-8]$/.test(value)) return Number(value) as InterCode;
  return INTER_CODES.get(value);
}

function typeColumns(current: StoredEvent, patch: EventPatch): Partial<CoherentColumns> {
  if (patch.event_type === undefined && patch.sub_event_type === undefined) return {};
  const sub = patch.sub_event_type ?? current.sub_event_type;
  // A sub-type names its event type; a type alone must fit the sub-type the event has.
  const type: EventType = patch.event_type ?? (patch.sub_event_type !== undefined ? eventTypeOf(patch.sub_event_type) : current.event_type);
  if (eventTypeOf(sub) !== type) {
    throw new InvalidActionError(`sub_event_type "${sub}" is not one of event type "${type}" (its sub-event types: ${EVENT_TYPES[type].join(', ')})`);
  }
  return { event_type: type, sub_event_type: sub, disorder_type: DISORDER_TYPE[type] };
}

function actorTypeColumns(current: StoredEvent, patch: EventPatch): Partial<CoherentColumns> {
  if (patch.inter1 === undefined && patch.inter2 === undefined) return {};
  const inter1 = patch.inter1 === undefined ? storedInterCode(current.inter1) : interCode('inter1', patch.inter1);
  const inter2 = patch.inter2 === undefined ? storedInterCode(current.inter2) : interCode('inter2', patch.inter2);
  // The other actor's type in wording of its own (an import's): what the interaction is cannot be said.
  if (inter1 === undefined || inter2 === undefined) return {};
  return {
    interaction: patch.interaction ?? interaction(inter1, inter2),
    // As the coder sets it: civilians as the second actor are the target.
    civilian_targeting: patch.civilian_targeting ?? (inter2 === 7 ? 'Civilian targeting' : ''),
  };
}

function countryColumns(patch: EventPatch): Partial<CoherentColumns> {
  if (patch.country === undefined) return {};
  // Folded as place names are: "Cote d'Ivoire", "NIGERIA" and "Nigéria" are one country.
  const wanted = fold(patch.country.trim());
  const known = countryLexicon().find((c) => c.names.some((n) => fold(n) === wanted));
  // A country the shipped list does not hold keeps the name given, with no ISO code rather than the old one.
  return known === undefined ? { iso: null } : { country: known.names[0]!, iso: known.numeric };
}

/** The columns to write for `patch`, or why the codebook cannot hold it. */
export function coherentPatch(current: StoredEvent, patch: EventPatch): CoherentColumns {
  return {
    ...patch,
    ...typeColumns(current, patch),
    ...actorTypeColumns(current, patch),
    ...countryColumns(patch),
    ...(patch.event_date === undefined ? {} : { year: Number(patch.event_date.slice(0, 4)) }),
  };
}

/** The event's locked fields once `changed` are written: each with the whole of its group. */
export function lockedAfter(current: StoredEvent, changed: readonly string[]): string[] {
  const locked = new Set([...current.locked_fields, ...changed]);
  for (const group of LOCK_GROUPS) if (group.some((f) => changed.includes(f))) for (const f of group) locked.add(f);
  return [...locked].sort();
}
