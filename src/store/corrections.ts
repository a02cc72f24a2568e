// What analysts do to events: correct fields, confirm, reject, merge two events into one. Each is one
// transaction with its line in the history; a corrected field is locked, so later sources do not undo it.
import { z } from 'zod';
import { EventSchema } from '../domain/index.ts';
import type { EventStore } from './store.ts';
import { diff, recordHistory } from './history.ts';
import { storedEvent, type StoredEvent } from './rows.ts';

/** The fields an analyst may set, checked as the extractor's output is. */
export const EventPatchSchema = EventSchema.pick({
  event_date: true, time_precision: true, event_type: true, sub_event_type: true, actor1: true, assoc_actor_1: true, inter1: true,
  actor2: true, assoc_actor_2: true, inter2: true, interaction: true, civilian_targeting: true, country: true, admin1: true, admin2: true,
  admin3: true, location: true, latitude: true, longitude: true, geo_precision: true, geonameid: true, fatalities: true, notes: true, tags: true,
}).partial().strict();
export type EventPatch = z.infer<typeof EventPatchSchema>;

export class ConflictError extends Error {}
export class NotFoundError extends Error {}
/** An action that cannot be done as asked whatever the event's state (a split naming another event's source). */
export class InvalidActionError extends Error {}

export interface Who { actor: string; reason: string; now?: string; expectedVersion?: number }

async function load(store: EventStore, id: number): Promise<StoredEvent> {
  const row = await store.db.selectFrom('events').selectAll().where('id', '=', id).executeTakeFirst();
  if (row === undefined || row.status === 'merged') throw new NotFoundError(`event ${id}: no such event`);
  return storedEvent(row);
}

export function checkVersion(e: StoredEvent, who: Who): void {
  if (who.expectedVersion !== undefined && who.expectedVersion !== e.version) {
    throw new ConflictError(`event ${e.id}: changed meanwhile (version ${e.version}, the correction was made on ${who.expectedVersion})`);
  }
}

export async function correctEvent(store: EventStore, id: number, patch: EventPatch, who: Who): Promise<StoredEvent> {
  const now = who.now ?? new Date().toISOString();
  const checked = EventPatchSchema.parse(patch);
  return store.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('events').selectAll().where('id', '=', id).executeTakeFirst();
    if (row === undefined || row.status === 'merged') throw new NotFoundError(`event ${id}: no such event`);
    const e = storedEvent(row);
    checkVersion(e, who);
    const changes = diff(e, checked);
    if (Object.keys(changes).length === 0) return e;
    const locked = [...new Set([...e.locked_fields, ...Object.keys(changes)])].sort();
    const year = checked.event_date === undefined ? {} : { year: Number(checked.event_date.slice(0, 4)) };
    await trx.updateTable('events').set({ ...checked, ...year, locked_fields: JSON.stringify(locked), status: 'corrected', updated_at: now, version: e.version + 1 })
      .where('id', '=', id).execute();
    await recordHistory(trx, id, { at: now, actor: who.actor, action: 'update', changes, reason: who.reason });
    return storedEvent(await trx.selectFrom('events').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
  });
}

export async function setStatus(store: EventStore, id: number, status: 'confirmed' | 'rejected', who: Who): Promise<StoredEvent> {
  const now = who.now ?? new Date().toISOString();
  const e = await load(store, id);
  checkVersion(e, who);
  await store.db.transaction().execute(async (trx) => {
    await trx.updateTable('events').set({ status, updated_at: now, version: e.version + 1 }).where('id', '=', id).execute();
    await recordHistory(trx, id, { at: now, actor: who.actor, action: status === 'confirmed' ? 'confirm' : 'reject', changes: { status: [e.status, status] }, reason: who.reason });
  });
  return load(store, id);
}

/** Two events an analyst knows to be one: the second's sources join the first, which keeps its id. */
export async function mergeEvents(store: EventStore, keepId: number, otherId: number, who: Who): Promise<StoredEvent> {
  if (keepId === otherId) throw new ConflictError(`event ${keepId}: cannot merge an event with itself`);
  const now = who.now ?? new Date().toISOString();
  const keep = await load(store, keepId);
  const other = await load(store, otherId);
  checkVersion(keep, who);
  await store.db.transaction().execute(async (trx) => {
    await trx.updateTable('event_sources').set({ event_id: keepId }).where('event_id', '=', otherId).execute();
    await trx.updateTable('events').set({ status: 'merged', updated_at: now, version: other.version + 1 }).where('id', '=', otherId).execute();
    await recordHistory(trx, otherId, { at: now, actor: who.actor, action: 'merged_into', changes: { into: keepId, event_id_cnty: keep.event_id_cnty }, reason: who.reason });
    const n = await trx.selectFrom('event_sources').select((eb) => eb.fn.countAll().as('n')).where('event_id', '=', keepId).executeTakeFirstOrThrow();
    await trx.updateTable('events').set({ sources_count: Number(n.n), updated_at: now, version: keep.version + 1 }).where('id', '=', keepId).execute();
    await recordHistory(trx, keepId, { at: now, actor: who.actor, action: 'merge', changes: { merged: otherId, event_id_cnty: other.event_id_cnty }, reason: who.reason });
  });
  await store.refresh(keepId, { actor: who.actor, now, reason: who.reason });
  return load(store, keepId);
}
