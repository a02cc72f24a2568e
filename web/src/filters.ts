// The filter form. Each control is named as the API's query parameter it sets; choosing a value applies it
// at once (typed text after a pause), and the form is refilled from the URL on back/forward.
import { EVENT_TYPES, type EventType } from '../../src/domain/codebook.ts';
import { el, replaceChildren } from './dom.ts';
import { cleanFilters, FILTER_KEYS, type Filters } from './state.ts';

const TYPING_PAUSE_MS = 450;

export interface Choices { countries: string[]; admin1: string[]; actors: string[] }

export class FilterForm {
  private timer: number | undefined;
  private readonly lists: Record<keyof Choices, HTMLDataListElement>;
  private readonly eventType: HTMLSelectElement;
  private readonly subType: HTMLSelectElement;

  constructor(private readonly form: HTMLFormElement, private readonly onChange: (f: Filters) => void) {
    this.lists = {
      countries: el('datalist', { attrs: { id: 'dl-countries' } }),
      admin1: el('datalist', { attrs: { id: 'dl-admin1' } }),
      actors: el('datalist', { attrs: { id: 'dl-actors' } }),
    };
    this.eventType = el('select', { attrs: { name: 'event_type', id: 'f-event_type' } },
      el('option', { attrs: { value: '' } }, 'Any type'), ...Object.keys(EVENT_TYPES).map((t) => el('option', { attrs: { value: t } }, t)));
    this.subType = el('select', { attrs: { name: 'sub_event_type', id: 'f-sub_event_type' } });
    this.fillSubTypes('');
    const field = (label: string, control: HTMLElement): HTMLElement => el('div', { class: 'field' }, el('label', { attrs: { for: control.id } }, label), control);
    const input = (name: string, type: string, extra: Record<string, string | number> = {}): HTMLInputElement => el('input', { attrs: { name, id: `f-${name}`, type, ...extra } });
    replaceChildren(form,
      field('From', input('from', 'date')),
      field('To', input('to', 'date')),
      field('Country', input('country', 'text', { list: 'dl-countries', placeholder: 'e.g. Mali, Niger' })),
      field('Admin1', input('admin1', 'text', { list: 'dl-admin1', placeholder: 'region, state…' })),
      field('Event type', this.eventType),
      field('Sub-event type', this.subType),
      field('Actor', input('actor', 'text', { list: 'dl-actors', placeholder: 'any actor, or part of a name' })),
      field('Text', input('text', 'search', { placeholder: 'notes, places, actors' })),
      field('Min. fatalities', input('min_fatalities', 'number', { min: 0, step: 1, inputmode: 'numeric' })),
      el('div', { class: 'field actions' }, el('button', { attrs: { type: 'reset' } }, 'Clear filters')),
      ...Object.values(this.lists));

    form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.apply();
    });
    form.addEventListener('change', (e) => {
      if (e.target === this.eventType) this.fillSubTypes(this.eventType.value);
      this.apply();
    });
    form.addEventListener('input', (e) => {
      const t = e.target as HTMLInputElement;
      if (t.type !== 'text' && t.type !== 'search') return;
      window.clearTimeout(this.timer);
      this.timer = window.setTimeout(() => this.apply(), TYPING_PAUSE_MS);
    });
    form.addEventListener('reset', () => {
      // After the browser has emptied the controls.
      window.setTimeout(() => {
        this.fillSubTypes('');
        this.apply();
      });
    });
  }

  /** The sub-event types of a type, or all of them grouped by type. */
  private fillSubTypes(type: string): void {
    const keep = this.subType.value;
    const any = el('option', { attrs: { value: '' } }, 'Any sub-type');
    if (type in EVENT_TYPES) {
      replaceChildren(this.subType, any, ...EVENT_TYPES[type as EventType].map((s) => el('option', { attrs: { value: s } }, s)));
    } else {
      replaceChildren(this.subType, any, ...Object.entries(EVENT_TYPES).map(([t, subs]) => el('optgroup', { attrs: { label: t } }, ...subs.map((s) => el('option', { attrs: { value: s } }, s)))));
    }
    this.subType.value = [...this.subType.options].some((o) => o.value === keep) ? keep : '';
  }

  private read(): Filters {
    const data = new FormData(this.form);
    return cleanFilters(Object.fromEntries(FILTER_KEYS.map((k) => [k, String(data.get(k) ?? '')])));
  }

  private apply(): void {
    window.clearTimeout(this.timer);
    this.onChange(this.read());
  }

  /** Shows these filters (from the URL), without applying them again. */
  set(filters: Filters): void {
    for (const key of FILTER_KEYS) {
      const control = this.form.elements.namedItem(key) as HTMLInputElement | HTMLSelectElement | null;
      if (control === null) continue;
      if (key === 'sub_event_type') this.fillSubTypes(filters.event_type ?? '');
      const value = filters[key] ?? '';
      // A value the select does not offer (typed into the URL) is shown as an option rather than dropped.
      if (control instanceof HTMLSelectElement && value !== '' && ![...control.options].some((o) => o.value === value)) {
        control.append(el('option', { attrs: { value } }, value));
      }
      control.value = value;
    }
  }

  /** Suggestions for the text fields (the store's countries, admin1s and most active actors). */
  setChoices(c: Choices): void {
    for (const key of Object.keys(this.lists) as (keyof Choices)[]) {
      replaceChildren(this.lists[key], ...[...new Set(c[key])].sort().map((v) => el('option', { attrs: { value: v } })));
    }
  }
}
