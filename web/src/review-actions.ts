// The analyst's actions in an event's detail: confirm, correct any field, merge another event into this one,
// split sources off into a new event, reject. Each is one PATCH /events/:id with the version the analyst saw
// and a reason, so the server refuses it if someone changed the event meanwhile, and the history says who
// did what and why. Viewers, and readers without a token, see why there is nothing to do instead of buttons.
import type { Me } from '../../src/server/routes/review.ts';
import type { EventPatch } from '../../src/store/corrections.ts';
import type { EventDetail } from '../../src/store/store.ts';
import { ApiError, getJson, sendJson } from './api.ts';
import { editForm } from './edit-form.ts';
import { el, replaceChildren, type Child } from './dom.ts';

/** What PATCH /events/:id answers: the event's detail, and the new event after a split. */
export type PatchAnswer = EventDetail & { new_event?: { id: number; event_id_cnty: string } };

type Body =
  | { status: 'confirmed' | 'rejected' }
  | { changes: EventPatch }
  | { merge: number }
  | { split: { sources: number[] } };

export interface ActionContext {
  me: Me;
  signIn(): void;
  /** after an action: show the event again with this notice, and redraw the map, list and queue */
  done(notice: Child[], opts?: { dataChanged: boolean }): void;
  openEvent(id: number): void;
}

type ActionName = 'confirm' | 'edit' | 'merge' | 'split' | 'reject';

const LABELS: Record<ActionName, string> = { confirm: 'Confirm', edit: 'Edit', merge: 'Merge…', split: 'Split…', reject: 'Reject…' };

/** Words for a refusal: the status says which kind, the server's message says what exactly. */
export function refusal(err: unknown): string {
  if (!(err instanceof ApiError)) return `The request failed: ${(err as Error).message}`;
  switch (err.status) {
    case 401: return `Not signed in, or the token is no longer valid (${err.message}). Sign in with an analyst token.`;
    case 403: return `Refused: ${err.message}. Reviewing needs an analyst token.`;
    case 409: return `Someone changed this event meanwhile (${err.message}). It is shown again as it is now: check it and try again.`;
    default: return `Refused: ${err.message}`;
  }
}

export function reviewSection(d: EventDetail, ctx: ActionContext): HTMLElement {
  const e = d.event;
  const box = el('section', { class: 'detail-section review-actions', attrs: { 'aria-labelledby': 'review-actions-title' } },
    el('h3', { attrs: { id: 'review-actions-title' } }, 'Review', el('span', { class: 'count' }, ` · ${e.status} · version ${e.version}`)));
  if (e.status === 'merged') {
    box.append(el('p', { class: 'hint' }, 'This event was merged into another (see the history): review that one.'));
    return box;
  }
  if (!ctx.me.can_review) {
    box.append(el('p', { class: 'hint review-locked' },
      ctx.me.signed_in ? `Signed in as ${ctx.me.name ?? ''} (${ctx.me.role ?? ''}): confirming, correcting, merging, splitting and rejecting need an analyst token. ` : 'Analysts confirm, correct, merge, split or reject events. ',
      el('button', { class: 'link', attrs: { type: 'button' }, on: { click: () => ctx.signIn() } }, 'Sign in as an analyst')));
    return box;
  }

  const panel = el('div', { class: 'action-panel', attrs: { id: 'action-panel' } });
  const buttons = new Map<ActionName, HTMLButtonElement>();
  let openName: ActionName | null = null;
  const close = (): void => {
    if (openName !== null) buttons.get(openName)?.setAttribute('aria-expanded', 'false');
    openName = null;
    replaceChildren(panel);
  };
  const open = (name: ActionName): void => {
    const was = openName;
    close();
    if (was === name) return; // the same button again folds its form
    openName = name;
    buttons.get(name)?.setAttribute('aria-expanded', 'true');
    const form = formFor(name, d, ctx, () => {
      close();
      buttons.get(name)?.focus();
    });
    panel.append(form);
    form.querySelector<HTMLElement>('input:not([type="hidden"]), select, textarea')?.focus();
  };
  for (const name of ['confirm', 'edit', 'merge', 'split', 'reject'] as const) {
    buttons.set(name, el('button', { class: `action action-${name}`, attrs: { type: 'button', 'aria-expanded': 'false', 'aria-controls': 'action-panel', 'data-action': name }, on: { click: () => open(name) } }, LABELS[name]));
  }
  box.append(el('div', { class: 'action-bar', attrs: { role: 'group', 'aria-label': 'Review actions' } }, ...buttons.values()), panel);
  return box;
}

/** One action's form: its own fields, a reason (the history keeps it), submit and cancel. */
function formFor(name: ActionName, d: EventDetail, ctx: ActionContext, cancel: () => void): HTMLFormElement {
  const e = d.event;
  const problem = el('p', { class: 'error', attrs: { role: 'alert', 'aria-live': 'assertive' } });
  const reason = el('textarea', { attrs: { id: 'action-reason', name: 'reason', rows: 2, maxlength: 2000, required: true } });
  if (name === 'confirm') reason.value = 'Checked against the sources.';
  const submit = el('button', { class: 'primary', attrs: { type: 'submit' } }, { confirm: 'Confirm the event', edit: 'Save the correction', merge: 'Merge into this event', split: 'Split off a new event', reject: 'Reject the event' }[name]);
  // What to send, or why not (a message for the analyst); each action's branch below sets it.
  let body: () => Promise<Body | string>;
  let fields: Child;

  if (name === 'confirm' || name === 'reject') {
    body = async () => ({ status: name === 'confirm' ? 'confirmed' : 'rejected' });
    fields = el('p', { class: 'hint' }, name === 'confirm' ? 'The event is right as it stands.' : 'Not an event, or not one Faultline should keep: it leaves the map and the lists (it stays in the history).');
  } else if (name === 'edit') {
    const form = editForm(e);
    fields = form.fields;
    body = async () => {
      const r = form.read();
      if ('problem' in r) {
        r.field.focus();
        return r.problem;
      }
      return Object.keys(r.changes).length === 0 ? 'Nothing changed: edit a field first.' : { changes: r.changes };
    };
  } else if (name === 'merge') {
    const other = el('input', { attrs: { id: 'merge-other', name: 'other', type: 'text', autocomplete: 'off', required: true, placeholder: 'e.g. 42 or MLIFL42' } });
    fields = el('div', { class: 'field' }, el('label', { attrs: { for: 'merge-other' } }, 'The other event (its id or event_id_cnty): its sources join this event, which keeps its id'), other);
    body = async () => {
      const v = other.value.trim();
      if (!/^[A-Za-z0-9_-]{1,64}$/.test(v)) return 'Give the other event\'s id (a number) or its event_id_cnty.';
      // PATCH takes the numeric id; an event_id_cnty is looked up first.
      const id = /^\d+$/.test(v) ? Number(v) : (await getJson<EventDetail>(`events/${encodeURIComponent(v)}`)).event.id;
      if (id === e.id) return 'That is this event: choose another one.';
      return { merge: id };
    };
  } else {
    const boxes = d.sources.map((s) => el('input', { attrs: { type: 'checkbox', name: 'source', value: s.id, id: `split-source-${s.id}` } }));
    fields = d.sources.length < 2
      ? el('p', { class: 'hint' }, 'This event has one source: there is nothing to split.')
      : el('fieldset', { class: 'split-sources' }, el('legend', {}, 'The sources that tell another event (they become a new event; the others stay)'),
        ...d.sources.map((s, k) => el('div', { class: 'check' }, boxes[k]!, el('label', { attrs: { for: boxes[k]!.id } },
          `${s.source}${s.document?.title ? ` — ${s.document.title}` : ''}${s.document?.published ? ` (${s.document.published})` : ''} · ${s.reading.sub_event_type}, ${s.reading.location || 'no place'}, ${s.fatalities} fatalities`))));
    body = async () => {
      const chosen = boxes.filter((b) => b.checked).map((b) => Number(b.value));
      if (chosen.length === 0) return 'Choose the sources to split off.';
      if (chosen.length === d.sources.length) return 'At least one source must stay with this event.';
      return { split: { sources: chosen } };
    };
  }

  const form = el('form', { class: `action-form action-form-${name}`, attrs: { novalidate: true, 'aria-label': LABELS[name].replace('…', '') } },
    fields,
    el('div', { class: 'field' }, el('label', { attrs: { for: 'action-reason' } }, 'Reason (kept in the history)'), reason),
    problem,
    el('div', { class: 'form-buttons' }, submit, el('button', { attrs: { type: 'button' }, on: { click: cancel } }, 'Cancel')));
  // Escape folds the form and leaves the detail open: the document's Escape would close the whole detail.
  form.addEventListener('keydown', (ev) => {
    if (ev.key !== 'Escape') return;
    ev.preventDefault();
    ev.stopPropagation();
    cancel();
  });
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    void (async () => {
      problem.textContent = '';
      if (reason.value.trim() === '') {
        problem.textContent = 'Give a reason: the history keeps it with the action.';
        reason.focus();
        return;
      }
      submit.disabled = true;
      try {
        const what = await body();
        if (typeof what === 'string') {
          problem.textContent = what;
          return;
        }
        const answer = await sendJson<PatchAnswer>('PATCH', `events/${e.id}`, { ...what, reason: reason.value.trim(), version: e.version });
        ctx.done(noticeFor(name, answer, ctx), { dataChanged: true });
      } catch (err) {
        const status = err instanceof ApiError ? err.status : 0;
        if (status === 409) {
          // Someone else's change: the detail, the map, the list and the queue all show it now.
          ctx.done([refusal(err)], { dataChanged: true });
          return;
        }
        problem.textContent = refusal(err);
        if (status === 401) ctx.signIn();
      } finally {
        submit.disabled = false;
      }
    })();
  });
  return form;
}

function noticeFor(name: ActionName, a: PatchAnswer, ctx: ActionContext): Child[] {
  const e = a.event;
  switch (name) {
    case 'confirm': return [`Confirmed (version ${e.version}).`];
    case 'reject': return [`Rejected (version ${e.version}): it no longer shows on the map or in the lists.`];
    case 'edit': return [`Corrected (version ${e.version}): the fields changed are locked against later sources.`];
    case 'merge': return [`Merged (version ${e.version}): ${e.sources_count} sources now.`];
    case 'split': {
      const made = a.new_event;
      return made === undefined ? ['Split.'] : [`Split (version ${e.version}): the sources chosen are now event ${made.event_id_cnty}. `,
        el('button', { class: 'link', attrs: { type: 'button', 'data-new-event': made.id }, on: { click: () => ctx.openEvent(made.id) } }, `Open ${made.event_id_cnty}`)];
    }
  }
}
