// The history of an event: every change with who made it, when and why. Nothing in the store changes an
// event without a line here.
import type { Kysely, Transaction } from 'kysely';
import type { StoreDatabase } from './schema.ts';

// 'split' is the line of the event that gave sources away, 'split_from' the first line of the event they made.
export type HistoryAction = 'create' | 'add_source' | 'merge' | 'merged_into' | 'update' | 'confirm' | 'reject' | 'split' | 'split_from' | 'import';

export interface HistoryEntry {
  at: string;
  actor: string;
  action: HistoryAction;
  /** {field: [before, after]} for changes, or the action's details */
  changes: Record<string, unknown>;
  reason: string;
}

type Db = Kysely<StoreDatabase> | Transaction<StoreDatabase>;

export async function recordHistory(db: Db, eventId: number, entry: HistoryEntry): Promise<void> {
  await db.insertInto('event_history').values({
    event_id: eventId,
    at: entry.at,
    actor: entry.actor,
    action: entry.action,
    changes: JSON.stringify(entry.changes),
    reason: entry.reason,
  }).execute();
}

export async function historyOf(db: Db, eventId: number): Promise<HistoryEntry[]> {
  const rows = await db.selectFrom('event_history').selectAll().where('event_id', '=', eventId).orderBy('id').execute();
  return rows.map((r) => ({ at: r.at, actor: r.actor, action: r.action as HistoryAction, changes: JSON.parse(r.changes) as Record<string, unknown>, reason: r.reason }));
}

/** The fields whose values differ, as {field: [before, after]}. */
export function diff<T extends object>(before: T, after: Partial<T>): Record<string, [unknown, unknown]> {
  const out: Record<string, [unknown, unknown]> = {};
  for (const [k, v] of Object.entries(after)) {
    const old = (before as Record<string, unknown>)[k];
    if (JSON.stringify(old) !== JSON.stringify(v)) out[k] = [old, v];
  }
  return out;
}
