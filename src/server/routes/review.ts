// What the analysts' review needs beyond PATCH /events/:id: the queue of events waiting for review (GET
// /review/queue, lowest confidence first) and who the token in hand belongs to (GET /me), so the dashboard
// offers the review actions to analysts only. The actions themselves stay in PATCH /events/:id.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CursorError } from '../../store/queries.ts';
import { reviewQueue } from '../../store/review.ts';
import type { EventStore } from '../../store/store.ts';
import { roleAtLeast, ROLES, verifyToken } from '../../store/tokens.ts';
import { requireRole } from '../auth.ts';
import type { ServerConfig } from '../config.ts';
import { ReviewQueueQuerySchema } from '../schemas.ts';

export const MeSchema = z.object({
  signed_in: z.boolean(),
  name: z.string().nullable(),
  role: z.enum(ROLES).nullable(),
  /** what may be done with this token: read, and review (PATCH /events/:id) for analyst and admin */
  can_review: z.boolean(),
});
export type Me = z.infer<typeof MeSchema>;

function bearer(req: FastifyRequest): string | null {
  const m = /^Bearer\s+(\S+)$/i.exec(String(req.headers.authorization ?? '').trim());
  return m?.[1] ?? null;
}

export function reviewRoutes(store: EventStore, config: ServerConfig) {
  return async (app: FastifyInstance): Promise<void> => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const read = config.readAuth === 'token' ? { preHandler: requireRole(store, 'viewer') } : {};

    r.get('/review/queue', {
      ...read,
      schema: { tags: ['review'], summary: 'Events waiting for review (status new) matching the filters, lowest confidence first, a page at a time', querystring: ReviewQueueQuerySchema },
    }, async (req, reply) => {
      const { limit, cursor, ...filter } = req.query;
      try {
        const page = await reviewQueue(store.db, filter, { limit, postgis: store.postgis, ...(cursor === undefined ? {} : { cursor }) });
        return { events: page.events, next_cursor: page.nextCursor, total: page.total };
      } catch (err) {
        if (err instanceof CursorError) return reply.code(400).send({ error: 'bad_request', message: err.message });
        throw err;
      }
    });

    // Always 200, signed in or not: "who am I" has an answer either way, and a browser logs every 401 as an error.
    r.get('/me', {
      schema: { tags: ['review'], summary: 'The holder and role of the bearer token sent, if any', response: { 200: MeSchema }, security: [{ bearer: [] }] },
    }, async (req): Promise<Me> => {
      const token = bearer(req);
      const caller = token === null ? null : await verifyToken(store.db, token);
      if (caller === null) return { signed_in: false, name: null, role: null, can_review: false };
      return { signed_in: true, name: caller.name, role: caller.role, can_review: roleAtLeast(caller.role, 'analyst') };
    });
  };
}
