// GET /events, GET /events/:id, PATCH /events/:id.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { createExporter } from '../../export/index.ts';
import { ConflictError, InvalidActionError, NotFoundError, reviewEvent } from '../../store/corrections.ts';
import { CursorError, listEvents } from '../../store/queries.ts';
import { asFaultlineEvent, type StoredEvent } from '../../store/rows.ts';
import { splitEvent } from '../../store/split.ts';
import type { EventStore } from '../../store/store.ts';
import { requireRole } from '../auth.ts';
import { EventIdParamsSchema, EventPatchBodySchema, EventsQuerySchema } from '../schemas.ts';
import type { ServerConfig } from '../config.ts';

function exported(events: StoredEvent[], format: 'geojson' | 'acled-csv'): string {
  const ex = createExporter(format);
  return ex.begin() + events.map((e) => ex.event(asFaultlineEvent(e))).join('') + ex.end();
}

async function sendError(reply: FastifyReply, err: unknown): Promise<FastifyReply> {
  if (err instanceof NotFoundError) return reply.code(404).send({ error: 'not_found', message: err.message });
  if (err instanceof ConflictError) return reply.code(409).send({ error: 'conflict', message: err.message });
  if (err instanceof CursorError) return reply.code(400).send({ error: 'bad_request', message: err.message });
  if (err instanceof InvalidActionError) return reply.code(422).send({ error: 'unprocessable', message: err.message });
  throw err;
}

export function eventRoutes(store: EventStore, config: ServerConfig) {
  return async (app: FastifyInstance): Promise<void> => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const read = config.readAuth === 'token' ? { preHandler: requireRole(store, 'viewer') } : {};

    r.get('/events', { ...read, schema: { tags: ['events'], summary: 'Events matching the filters, newest first, a page at a time', querystring: EventsQuerySchema } }, async (req, reply) => {
      const { limit, cursor, format, ...filter } = req.query;
      try {
        const page = await listEvents(store.db, filter, { limit, postgis: store.postgis, ...(cursor === undefined ? {} : { cursor }) });
        if (page.nextCursor !== null) reply.header('x-next-cursor', page.nextCursor);
        if (format === 'geojson') return reply.type('application/geo+json').send(exported(page.events, 'geojson'));
        if (format === 'acled-csv') return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="events.csv"').send(exported(page.events, 'acled-csv'));
        return { events: page.events, next_cursor: page.nextCursor };
      } catch (err) {
        return sendError(reply, err);
      }
    });

    r.get('/events/:id', { ...read, schema: { tags: ['events'], summary: 'One event with its sources, evidence, claims, links and history', params: EventIdParamsSchema } }, async (req, reply) => {
      const id = /^\d+$/.test(req.params.id) ? Number(req.params.id) : req.params.id;
      const detail = await store.getEvent(id);
      if (detail === null) return reply.code(404).send({ error: 'not_found', message: `event ${req.params.id}: no such event` });
      return detail;
    });

    r.patch('/events/:id', {
      preHandler: requireRole(store, 'analyst'),
      schema: { tags: ['events'], summary: 'An analyst\'s correction, confirmation, rejection, merge or split; kept in the history', params: EventIdParamsSchema, body: EventPatchBodySchema, security: [{ bearer: [] }] },
    }, async (req, reply) => {
      if (!/^\d+$/.test(req.params.id)) return reply.code(400).send({ error: 'bad_request', message: 'PATCH takes the numeric event id' });
      const id = Number(req.params.id);
      const { changes, status, merge, split, reason, version } = req.body;
      const who = { actor: req.caller?.name ?? 'unknown', reason, ...(version === undefined ? {} : { expectedVersion: version }) };
      const hasChanges = changes !== undefined && Object.keys(changes).length > 0;
      try {
        if (split !== undefined) {
          // Which event would the changes or the status be for, the one split or the new one? Asked separately.
          if (hasChanges || status !== undefined || merge !== undefined) return reply.code(400).send({ error: 'bad_request', message: 'split is done alone: not with changes, status or merge' });
          const done = await splitEvent(store, id, split.sources, who);
          const detail = await store.getEvent(id);
          return { ...(detail ?? { event: done.event }), new_event: { id: done.created.id, event_id_cnty: done.created.event_id_cnty } };
        }
        if (!hasChanges && status === undefined && merge === undefined) return reply.code(400).send({ error: 'bad_request', message: 'nothing to do: give changes, status, merge or split' });
        // One transaction: a refused correction leaves the merge asked with it undone.
        const event = await reviewEvent(store, id, { ...(merge === undefined ? {} : { merge }), ...(hasChanges ? { changes } : {}), ...(status === undefined ? {} : { status }) }, who);
        return (await store.getEvent(id)) ?? event;
      } catch (err) {
        return sendError(reply, err);
      }
    });
  };
}
