// The correction form: every field an analyst may set (the store's EventPatchSchema), filled with the event's
// values. Only the fields changed are sent, so the history names exactly what the analyst corrected (the store
// adds what follows from them: the disorder type from the event type, the interaction from the actor types).
// Values are checked here for a clear message next to the form; the server checks them again with the same schema.
import { EVENT_TYPES, INTER_LABELS, type EventType } from '../../src/domain/codebook.ts';
import type { EventPatch } from '../../src/store/corrections.ts';
import type { StoredEvent } from '../../src/store/rows.ts';
import { el, replaceChildren } from './dom.ts';

type Field = keyof EventPatch;

type Kind =
  | { kind: 'text' } | { kind: 'long' } | { kind: 'date' }
  | { kind: 'int'; nullable: boolean; min?: number }
  | { kind: 'float'; min: number; max: number }
  | { kind: 'choice'; options: [string, string][]; nullable: boolean }
  | { kind: 'label'; options: readonly string[] };

interface Spec { name: Field; label: string; type: Kind }

const precision = (nullable: boolean): Kind => ({ kind: 'choice', nullable, options: [['1', '1 — exact'], ['2', '2 — near'], ['3', '3 — approximate']] });
const text: Kind = { kind: 'text' };
const actorType: Kind = { kind: 'label', options: Object.values(INTER_LABELS) };

/** In ACLED's column order; event_type and sub_event_type are built apart (the second depends on the first). */
const SPECS: Spec[] = [
  { name: 'event_date', label: 'Date', type: { kind: 'date' } },
  { name: 'time_precision', label: 'Time precision', type: precision(false) },
  { name: 'actor1', label: 'Actor 1', type: text },
  { name: 'assoc_actor_1', label: 'Associated actor 1', type: text },
  { name: 'inter1', label: 'Inter 1', type: actorType },
  { name: 'actor2', label: 'Actor 2', type: text },
  { name: 'assoc_actor_2', label: 'Associated actor 2', type: text },
  { name: 'inter2', label: 'Inter 2', type: actorType },
  { name: 'interaction', label: 'Interaction', type: text },
  { name: 'civilian_targeting', label: 'Civilian targeting', type: text },
  { name: 'country', label: 'Country', type: text },
  { name: 'admin1', label: 'Admin 1', type: text },
  { name: 'admin2', label: 'Admin 2', type: text },
  { name: 'admin3', label: 'Admin 3', type: text },
  { name: 'location', label: 'Location', type: text },
  { name: 'latitude', label: 'Latitude', type: { kind: 'float', min: -90, max: 90 } },
  { name: 'longitude', label: 'Longitude', type: { kind: 'float', min: -180, max: 180 } },
  { name: 'geo_precision', label: 'Geo precision', type: precision(true) },
  { name: 'geonameid', label: 'GeoNames id', type: { kind: 'int', nullable: true, min: 1 } },
  { name: 'fatalities', label: 'Fatalities', type: { kind: 'int', nullable: false, min: 0 } },
  { name: 'tags', label: 'Tags', type: text },
  { name: 'notes', label: 'Notes', type: { kind: 'long' } },
];

export interface EditForm {
  /** the fields, to put inside a <form> */
  fields: HTMLElement;
  /** the fields changed, or the first problem found */
  read(): { changes: EventPatch } | { problem: string; field: HTMLElement };
}

const ID = (name: string): string => `edit-${name}`;

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/** The form's value for a field, as the schema wants it, or why it cannot be. */
function parse(spec: Spec, raw: string): { value: unknown } | { problem: string } {
  const t = spec.type;
  const v = raw.trim();
  switch (t.kind) {
    case 'text':
    case 'long':
      // Notes keep their line breaks; a stray space around a name is never meant.
      return { value: t.kind === 'long' ? raw : v };
    case 'date':
      return /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) ? { value: v } : { problem: `${spec.label}: a date (YYYY-MM-DD)` };
    case 'int': {
      if (v === '' && t.nullable) return { value: null };
      const n = Number(v);
      if (v === '' || !Number.isInteger(n) || (t.min !== undefined && n < t.min)) return { problem: `${spec.label}: a whole number${t.min === undefined ? '' : `, ${t.min} or more`}${t.nullable ? ', or empty' : ''}` };
      return { value: n };
    }
    case 'float': {
      if (v === '') return { value: null };
      const n = Number(v);
      if (!Number.isFinite(n) || n < t.min || n > t.max) return { problem: `${spec.label}: a number from ${t.min} to ${t.max}, or empty` };
      return { value: n };
    }
    case 'label':
      return { value: v };
    case 'choice':
      if (v === '') return t.nullable ? { value: null } : { problem: `${spec.label}: choose one` };
      return { value: Number(v) };
  }
}

function control(spec: Spec, value: unknown): HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement {
  const t = spec.type;
  const shown = value === null || value === undefined ? '' : String(value);
  const base = { id: ID(spec.name), name: spec.name };
  switch (t.kind) {
    case 'long':
      return Object.assign(el('textarea', { attrs: { ...base, rows: 4 } }), { value: shown });
    case 'choice':
      return Object.assign(el('select', { attrs: base },
        t.nullable ? el('option', { attrs: { value: '' } }, 'not set') : null,
        ...t.options.map(([v, label]) => el('option', { attrs: { value: v } }, label))), { value: shown });
    case 'label': {
      // A value from before the list (an import's own wording) stays choosable, so opening the form changes nothing.
      const options = ['', ...t.options, ...(shown === '' || t.options.includes(shown) ? [] : [shown])];
      return Object.assign(el('select', { attrs: base }, ...options.map((o) => el('option', { attrs: { value: o } }, o === '' ? 'none' : o))), { value: shown });
    }
    case 'date':
      return Object.assign(el('input', { attrs: { ...base, type: 'date' } }), { value: shown });
    case 'int':
    case 'float':
      // Text with a numeric keyboard: a number input would swallow what it cannot parse, and the message
      // should say what is wrong rather than silently send nothing.
      return Object.assign(el('input', { attrs: { ...base, type: 'text', inputmode: t.kind === 'int' ? 'numeric' : 'decimal', autocomplete: 'off' } }), { value: shown });
    case 'text':
      return Object.assign(el('input', { attrs: { ...base, type: 'text', autocomplete: 'off' } }), { value: shown });
  }
}

export function editForm(e: StoredEvent): EditForm {
  const field = (label: string, c: HTMLElement): HTMLElement => el('div', { class: 'field' }, el('label', { attrs: { for: c.id } }, label), c);
  const type = el('select', { attrs: { id: ID('event_type'), name: 'event_type' } }, ...Object.keys(EVENT_TYPES).map((t) => el('option', { attrs: { value: t } }, t)));
  type.value = e.event_type;
  const sub = el('select', { attrs: { id: ID('sub_event_type'), name: 'sub_event_type' } });
  const fillSubs = (): void => {
    const keep = sub.value || e.sub_event_type;
    const subs: readonly string[] = type.value in EVENT_TYPES ? EVENT_TYPES[type.value as EventType] : [];
    replaceChildren(sub, el('option', { attrs: { value: '' } }, 'choose a sub-event type'), ...subs.map((s) => el('option', { attrs: { value: s } }, s)));
    sub.value = subs.includes(keep) ? keep : '';
  };
  fillSubs();
  type.addEventListener('change', fillSubs);
  const current = e as unknown as Record<Field, unknown>;
  const controls = SPECS.map((s) => ({ spec: s, c: control(s, current[s.name]) }));
  const fields = el('div', { class: 'edit-fields' },
    field('Event type', type), field('Sub-event type', sub),
    ...controls.map(({ spec, c }) => field(spec.label, c)));
  // The date first, as ACLED's columns have it.
  fields.prepend(fields.querySelector(`#${ID('event_date')}`)!.parentElement!);

  return {
    fields,
    read() {
      const changes: Record<string, unknown> = {};
      if (sub.value === '') return { problem: `Sub-event type: choose one of ${type.value}`, field: sub };
      if (type.value !== e.event_type) changes['event_type'] = type.value;
      if (sub.value !== e.sub_event_type) changes['sub_event_type'] = sub.value;
      for (const { spec, c } of controls) {
        const r = parse(spec, c.value);
        if ('problem' in r) return { problem: r.problem, field: c };
        if (!same(r.value, current[spec.name])) changes[spec.name] = r.value;
      }
      // The names and types are the schema's own (SPECS lists EventPatch keys); the server validates the values.
      return { changes: changes as EventPatch };
    },
  };
}
