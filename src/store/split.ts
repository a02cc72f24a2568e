// Splitting an event an analyst finds to be two: the sources that tell the other event leave for a new event,
// whose columns come from their readings alone (as any event's come from its sources, store/merge.ts), and the
// first event is recomputed from the sources it keeps. One transaction, a history line on each side.
import type { FaultlineEvent } from '../domain/index.ts';
import { checkVersion, eventForUpdate, InvalidActionError, type Who } from './corrections.ts';
import { recordHistory } from './history.ts';
import { mergeReadings } from './merge.ts';
import { eventIdCnty, storedEvent, type StoredEvent } from './rows.ts';
import type { EventStore } from './store.ts';

export interface SplitOutcome {
  /** the event split, recomputed from the sources it kept */
  event: StoredEvent;
  /** the new event, made of the sources moved out */
  created: StoredEvent;
}

/** Moves the sources (event_sources ids) out of event `id` into a new event; at least one source stays. */
export async function splitEvent(store: EventStore, id: number, sourceIds: readonly number[], who: Who): Promise<SplitOutcome> {
  const now = who.now ?? new Date().toISOString();
  const moving = new Set(sourceIds);
  if (moving.size === 0) throw new InvalidActionError(`event ${id}: name the sources to split off`);
  return store.db.transaction().execute(async (trx) => {
    const original = await eventForUpdate(store, trx, id);
    checkVersion(original, who);

    const sources = await trx.selectFrom('event_sources').select(['id', 'document_id', 'source', 'reading']).where('event_id', '=', id).orderBy('id').execute();
    const own = new Set(sources.map((s) => s.id));
    const foreign = [...moving].filter((s) => !own.has(s));
    if (foreign.length > 0) throw new InvalidActionError(`event ${id}: source ${foreign.join(', ')} is not one of its sources`);
    const leaving = sources.filter((s) => moving.has(s.id));
    const staying = sources.filter((s) => !moving.has(s.id));
    if (staying.length === 0) throw new InvalidActionError(`event ${id}: at least one source must stay with the event`);

    const { flags, conflicts, ...columns } = mergeReadings(leaving.map((s) => ({ reading: JSON.parse(s.reading) as FaultlineEvent, outlet: s.source })));
    // An ACLED row split off an ACLED event is still ACLED's; anything a report told is Faultline's own.
    const origin = leaving.some((s) => s.document_id !== null) ? 'extracted' : original.origin;
    const inserted = await trx.insertInto('events').values({
      ...columns,
      // event_id_cnty is unique and needs the new id: a placeholder until the row has one.
      event_id_cnty: `pending-split-${id}-${now}-${Math.random()}`,
      flags: JSON.stringify(flags), conflicts: JSON.stringify(conflicts), locked_fields: '[]', status: 'new', origin,
      sources_count: leaving.length, created_at: now, updated_at: now, version: 1,
    }).returning('id').executeTakeFirstOrThrow();
    const newId = inserted.id;
    const newIdCnty = eventIdCnty(columns.iso, newId);
    await trx.updateTable('events').set({ event_id_cnty: newIdCnty }).where('id', '=', newId).execute();
    const leavingIds = leaving.map((s) => s.id);
    await trx.updateTable('event_sources').set({ event_id: newId }).where('id', 'in', leavingIds).execute();

    // A tie a report stated ("two days after the ambush") belongs to the event that report tells: it follows the
    // report, unless the report is also among the sources that stay.
    const stayingDocs = new Set(staying.map((s) => s.document_id));
    const movedDocs = [...new Set(leaving.flatMap((s) => (s.document_id === null || stayingDocs.has(s.document_id) ? [] : [s.document_id])))];
    if (movedDocs.length > 0) {
      await trx.updateTable('event_links').set({ from_event: newId }).where('from_event', '=', id).where('document_id', 'in', movedDocs).execute();
      await trx.updateTable('event_links').set({ to_event: newId }).where('to_event', '=', id).where('document_id', 'in', movedDocs).execute();
    }

    await recordHistory(trx, newId, { at: now, actor: who.actor, action: 'split_from', changes: { from: id, event_id_cnty: original.event_id_cnty, sources: leavingIds }, reason: who.reason });
    await store.recompute(trx, id, { actor: who.actor, now, action: 'split', reason: who.reason, extra: { split_into: newId, event_id_cnty: newIdCnty, sources: leavingIds } });
    const read = async (eventId: number): Promise<StoredEvent> => storedEvent(await trx.selectFrom('events').selectAll().where('id', '=', eventId).executeTakeFirstOrThrow());
    return { event: await read(id), created: await read(newId) };
  });
}
