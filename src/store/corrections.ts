// What analysts do to events: correct fields, confirm, reject, merge two events into one. Each is done inside a
// transaction with its line in the history, and several asked at once (one PATCH) share one transaction, so a
// refused step leaves nothing of the others. A corrected field is locked with the fields it goes with
// (store/coherent-patch.ts), so later sources do not undo it.
import type { Transaction } from 'kysely';
import { z } from 'zod';
import { EventSchema } from '../domain/index.ts';
import { coherentPatch, lockedAfter } from './coherent-patch.ts';
import { ConflictError, InvalidActionError, NotFoundError } from './errors.ts';
import { diff, recordHistory } from './history.ts';
import { storedEvent, type StoredEvent } from './rows.ts';
import type { StoreDatabase } from './schema.ts';
import type { EventStore } from './store.ts';

export { ConflictError, InvalidActionError, NotFoundError } from './errors.ts';

/** The fields an analyst may set, checked as the extractor's output is. */
export const EventPatchSchema = EventSchema.pick({
  event_date: true, time_precision: true, event_type: true, sub_event_type: true, actor1: true, assoc_actor_1: true, inter1: true,
  actor2: true, assoc_actor_2: true, inter2: true, interaction: true, civilian_targeting: true, country: true, admin1: true, admin2: true,
  admin3: true, location: true, latitude: true, longitude: true, geo_precision: true, geonameid: true, fatalities: true, notes: true, tags: true,
}).partial().strict();
export type EventPatch = z.infer<typeof EventPatchSchema>;

export interface Who { actor: string; reason: string; now?: string; expectedVersion?: number }

type Trx = Transaction<StoreDatabase>;

/**
 * The event, read inside the transaction that will change it. On PostgreSQL the row stays locked until the
 * transaction ends, so a second analyst acting on it at once waits and then sees the new version (and gets
 * its 409); SQLite runs one write transaction at a time and has no FOR UPDATE.
 */
export async function eventForUpdate(store: EventStore, trx: Trx, id: number): Promise<StoredEvent> {
  const q = trx.selectFrom('events').selectAll().where('id', '=', id);
  const row = await (store.dialect === 'postgres' ? q.forUpdate() : q).executeTakeFirst();
  if (row === undefined || row.status === 'merged') throw new NotFoundError(`event ${id}: no such event`);
  return storedEvent(row);
}

async function reread(trx: Trx, id: number): Promise<StoredEvent> {
  return storedEvent(await trx.selectFrom('events').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
}

export function checkVersion(e: StoredEvent, who: Who): void {
  if (who.expectedVersion !== undefined && who.expectedVersion !== e.version) {
    throw new ConflictError(`event ${e.id}: changed meanwhile (version ${e.version}, the correction was made on ${who.expectedVersion})`);
  }
}

function withEventId<T>(id: number, f: () => T): T {
  try {
    return f();
  } catch (err) {
    throw err instanceof InvalidActionError ? new InvalidActionError(`event ${id}: ${err.message}`) : err;
  }
}

async function correctIn(store: EventStore, trx: Trx, id: number, patch: EventPatch, who: Who, now: string): Promise<StoredEvent> {
  const checked = EventPatchSchema.parse(patch);
  const e = await eventForUpdate(store, trx, id);
  checkVersion(e, who);
  const columns = withEventId(id, () => coherentPatch(e, checked));
  const changes = diff(e, columns);
  if (Object.keys(changes).length === 0) return e;
  const locked = lockedAfter(e, Object.keys(changes));
  await trx.updateTable('events').set({ ...columns, locked_fields: JSON.stringify(locked), status: 'corrected', updated_at: now, version: e.version + 1 })
    .where('id', '=', id).execute();
  await recordHistory(trx, id, { at: now, actor: who.actor, action: 'update', changes, reason: who.reason });
  return reread(trx, id);
}

async function setStatusIn(store: EventStore, trx: Trx, id: number, status: 'confirmed' | 'rejected', who: Who, now: string): Promise<StoredEvent> {
  const e = await eventForUpdate(store, trx, id);
  checkVersion(e, who);
  await trx.updateTable('events').set({ status, updated_at: now, version: e.version + 1 }).where('id', '=', id).execute();
  await recordHistory(trx, id, { at: now, actor: who.actor, action: status === 'confirmed' ? 'confirm' : 'reject', changes: { status: [e.status, status] }, reason: who.reason });
  return reread(trx, id);
}

async function mergeIn(store: EventStore, trx: Trx, keepId: number, otherId: number, who: Who, now: string): Promise<StoredEvent> {
  if (keepId === otherId) throw new ConflictError(`event ${keepId}: cannot merge an event with itself`);
  // Rows locked in id order: two analysts merging the same pair in opposite directions wait, not deadlock.
  const [first, second] = keepId < otherId ? [keepId, otherId] : [otherId, keepId];
  const locked = new Map([[first, await eventForUpdate(store, trx, first)], [second, await eventForUpdate(store, trx, second)]]);
  const keep = locked.get(keepId)!;
  const other = locked.get(otherId)!;
  checkVersion(keep, who);
  await trx.updateTable('event_sources').set({ event_id: keepId }).where('event_id', '=', otherId).execute();
  await trx.updateTable('events').set({ status: 'merged', updated_at: now, version: other.version + 1 }).where('id', '=', otherId).execute();
  await recordHistory(trx, otherId, { at: now, actor: who.actor, action: 'merged_into', changes: { into: keepId, event_id_cnty: keep.event_id_cnty }, reason: who.reason });
  const n = await trx.selectFrom('event_sources').select((eb) => eb.fn.countAll().as('n')).where('event_id', '=', keepId).executeTakeFirstOrThrow();
  await trx.updateTable('events').set({ sources_count: Number(n.n), updated_at: now, version: keep.version + 1 }).where('id', '=', keepId).execute();
  await recordHistory(trx, keepId, { at: now, actor: who.actor, action: 'merge', changes: { merged: otherId, event_id_cnty: other.event_id_cnty }, reason: who.reason });
  await store.recompute(trx, keepId, { actor: who.actor, now, action: 'merge', reason: who.reason });
  return reread(trx, keepId);
}

export async function correctEvent(store: EventStore, id: number, patch: EventPatch, who: Who): Promise<StoredEvent> {
  return reviewEvent(store, id, { changes: patch }, who);
}

export async function setStatus(store: EventStore, id: number, status: 'confirmed' | 'rejected', who: Who): Promise<StoredEvent> {
  return reviewEvent(store, id, { status }, who);
}

/** Two events an analyst knows to be one: the second's sources join the first, which keeps its id. */
export async function mergeEvents(store: EventStore, keepId: number, otherId: number, who: Who): Promise<StoredEvent> {
  return reviewEvent(store, keepId, { merge: otherId }, who);
}

export interface ReviewAction {
  /** another event's id, merged into this one first */
  merge?: number;
  /** then the fields corrected */
  changes?: EventPatch;
  /** then the event confirmed or rejected */
  status?: 'confirmed' | 'rejected';
}

/**
 * An analyst's actions on one event, in one transaction and in this order: merge, correct, set the status.
 * `who.expectedVersion` is the version the analyst saw, checked by the first step; the later ones act on
 * what the earlier made. Returns the event as it is afterwards.
 */
export async function reviewEvent(store: EventStore, id: number, action: ReviewAction, who: Who): Promise<StoredEvent> {
  const now = who.now ?? new Date().toISOString();
  const later: Who = { actor: who.actor, reason: who.reason };
  return store.db.transaction().execute(async (trx) => {
    let seen = who;
    let event: StoredEvent | null = null;
    if (action.merge !== undefined) {
      event = await mergeIn(store, trx, id, action.merge, seen, now);
      seen = later;
    }
    if (action.changes !== undefined && Object.keys(action.changes).length > 0) {
      event = await correctIn(store, trx, id, action.changes, seen, now);
      seen = later;
    }
    if (action.status !== undefined) event = await setStatusIn(store, trx, id, action.status, seen, now);
    return event ?? (await eventForUpdate(store, trx, id));
  });
}
