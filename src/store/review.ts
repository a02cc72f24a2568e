// The analysts' review queue: events nobody has looked at yet (status 'new'), the least certain first, so the
// coder's doubtful readings are checked before its sure ones. The same filters as GET /events, and keyset
// pages on (confidence, id) so a page boundary never skips or repeats an event while the queue is read.
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { applyFilter, CursorError, EventFilterSchema } from './queries.ts';
import { storedEvent, type StoredEvent } from './rows.ts';
import type { StoreDatabase } from './schema.ts';

/** The filters of GET /events without `status`: the queue is the events waiting for review, by definition. */
export const QueueFilterSchema = EventFilterSchema.omit({ status: true });
export type QueueFilter = z.infer<typeof QueueFilterSchema>;

/** The status of an event no analyst has confirmed, corrected, rejected or merged. */
export const WAITING = 'new';

export interface QueuePage {
  events: StoredEvent[];
  /** pass as `cursor` for the next page; null on the last */
  nextCursor: string | null;
  /** events waiting that match the filters, all pages together */
  total: number;
}

interface Cursor { c: number; i: number }

function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

function decodeCursor(text: string): Cursor {
  try {
    const c = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Partial<Cursor>;
    if (typeof c.c === 'number' && Number.isFinite(c.c) && Number.isInteger(c.i)) return { c: c.c, i: c.i as number };
  } catch { /* below */ }
  throw new CursorError('cursor: not a cursor this API gave out');
}

/** A page of the queue, lowest confidence first (then oldest id), continuing after `cursor`. */
export async function reviewQueue(db: Kysely<StoreDatabase>, filter: QueueFilter, opts: { limit: number; cursor?: string; postgis: boolean }): Promise<QueuePage> {
  const waiting = { ...filter, status: [WAITING] };
  const total = await applyFilter(db.selectFrom('events'), waiting, opts.postgis)
    .select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  let q = applyFilter(db.selectFrom('events'), waiting, opts.postgis);
  if (opts.cursor !== undefined) {
    const c = decodeCursor(opts.cursor);
    q = q.where((eb) => eb.or([eb('events.confidence', '>', c.c), eb.and([eb('events.confidence', '=', c.c), eb('events.id', '>', c.i)])]));
  }
  const rows = await q.selectAll('events').orderBy('events.confidence', 'asc').orderBy('events.id', 'asc').limit(opts.limit + 1).execute();
  const events = rows.slice(0, opts.limit).map(storedEvent);
  const last = events[events.length - 1];
  return {
    events,
    // Confidence goes into the cursor as the number read: a double survives JSON exactly, so `=` finds it again.
    nextCursor: rows.length > opts.limit && last !== undefined ? encodeCursor({ c: Number(last.confidence), i: last.id }) : null,
    total: Number(total.n),
  };
}
