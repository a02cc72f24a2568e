// POST /documents: a report in, its events out, stored (deduplicated like any ingested report).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { DocumentError } from '../../ingest/errors.ts';
import { validateDocument } from '../../ingest/validate.ts';
import { ingestOne, type Coder } from '../../jobs/ingest.ts';
import type { EventStore } from '../../store/store.ts';
import { requireRole } from '../auth.ts';
import type { ServerConfig } from '../config.ts';
import { PostDocumentSchema } from '../schemas.ts';

export function documentRoutes(store: EventStore, coder: () => Promise<Coder>, config: ServerConfig) {
  return async (app: FastifyInstance): Promise<void> => {
    app.withTypeProvider<ZodTypeProvider>().post('/documents', {
      preHandler: requireRole(store, 'analyst'),
      schema: { tags: ['documents'], summary: 'Code a report and store its events; the same report twice is stored once', body: PostDocumentSchema, security: [{ bearer: [] }] },
    }, async (req, reply) => {
      let doc;
      try {
        doc = validateDocument(req.body, req.body.id, { maxBytes: config.maxDocumentBytes, today: new Date().toISOString().slice(0, 10) });
      } catch (err) {
        const message = err instanceof DocumentError ? err.message : (err as Error).message;
        return reply.code(422).send({ error: 'unprocessable', message });
      }
      const outcome = await ingestOne(store, await coder(), doc, `api:${req.caller?.name ?? ''}`, req.caller?.name);
      const events = await Promise.all(outcome.events.map(async (e) => (await store.getEvent(e.id))?.event ?? null));
      return reply.code(outcome.status === 'stored' ? 201 : 200).send({
        status: outcome.status, document_id: outcome.documentId,
        events: outcome.events.map((e, i) => ({ action: e.action, ...events[i] })),
      });
    });
  };
}
