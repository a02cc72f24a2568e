// The shapes the API reads and writes, in zod: requests are checked with them and the OpenAPI document at
// /docs is generated from them.
import { z } from 'zod';
import { DocumentSchema } from '../domain/index.ts';
import { EventPatchSchema } from '../store/corrections.ts';
import { EventFilterSchema } from '../store/queries.ts';
import { QueueFilterSchema } from '../store/review.ts';

export const EventsQuerySchema = EventFilterSchema.extend({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  cursor: z.string().max(200).optional(),
  format: z.enum(['json', 'geojson', 'acled-csv']).default('json'),
});

export const EventIdParamsSchema = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'an event id or event_id_cnty') });

export const StatsQuerySchema = EventFilterSchema.extend({ top: z.coerce.number().int().min(1).max(100).default(20) });

export const PostDocumentSchema = DocumentSchema;

export const EventPatchBodySchema = z.object({
  /** the correction: any of the event's fields an analyst may set */
  changes: EventPatchSchema.optional(),
  /** 'confirmed' or 'rejected' instead of (or with) changes */
  status: z.enum(['confirmed', 'rejected']).optional(),
  /** merge this event (id) into the one patched */
  merge: z.number().int().positive().optional(),
  /** split this event: its sources named here (event_sources ids, `sources[].id` of GET /events/:id) become a new
   * event; at least one source stays. Done alone: not with changes, status or merge. */
  split: z.object({ sources: z.array(z.number().int().positive()).min(1).max(1000) }).strict().optional(),
  reason: z.string().min(1).max(2000),
  /** the version the analyst saw: a correction of a version changed meanwhile is refused (409) */
  version: z.number().int().positive().optional(),
}).strict();

export const ReviewQueueQuerySchema = QueueFilterSchema.extend({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(200).optional(),
});

export const ErrorSchema = z.object({ error: z.string(), message: z.string() });
