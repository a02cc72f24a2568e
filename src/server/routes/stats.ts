// GET /stats: counts and fatalities by week, type, admin1 and actor for the filtered events.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { stats } from '../../store/queries.ts';
import type { EventStore } from '../../store/store.ts';
import { requireRole } from '../auth.ts';
import type { ServerConfig } from '../config.ts';
import { StatsQuerySchema } from '../schemas.ts';

export function statsRoutes(store: EventStore, config: ServerConfig) {
  return async (app: FastifyInstance): Promise<void> => {
    const read = config.readAuth === 'token' ? { preHandler: requireRole(store, 'viewer') } : {};
    app.withTypeProvider<ZodTypeProvider>().get('/stats', { ...read, schema: { tags: ['stats'], summary: 'Counts and fatalities by week, event type, admin1 and actor', querystring: StatsQuerySchema } },
      async (req) => {
        const { top, ...filter } = req.query;
        return stats(store.db, filter, store.postgis, top);
      });
  };
}
