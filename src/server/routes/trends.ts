// GET /trends: for each admin1, this week's events and fatalities against the 4- and 52-week averages, the
// surge flag and the actors new there (src/store/trends.ts has the rule).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { trends, TrendsFilterSchema } from '../../store/trends.ts';
import type { EventStore } from '../../store/store.ts';
import { requireRole } from '../auth.ts';
import type { ServerConfig } from '../config.ts';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'not a calendar date');

export const TrendsQuerySchema = TrendsFilterSchema.extend({
  /** any day of the reference week (ISO week, Monday to Sunday); default: the week of the latest event */
  week: day.optional(),
  /** admin1s returned, flagged first (the counts `total` and `flagged` cover them all) */
  limit: z.coerce.number().int().min(1).max(5000).default(100),
});

export function trendsRoutes(store: EventStore, config: ServerConfig) {
  return async (app: FastifyInstance): Promise<void> => {
    const read = config.readAuth === 'token' ? { preHandler: requireRole(store, 'viewer') } : {};
    app.withTypeProvider<ZodTypeProvider>().get('/trends', {
      ...read,
      schema: {
        tags: ['stats'],
        summary: 'Per admin1: this week\'s events and fatalities against the 4- and 52-week averages, a flag where this week is far above both, and actors new there',
        querystring: TrendsQuerySchema,
      },
    }, async (req) => {
      const { week, limit, ...filter } = req.query;
      return trends(store.db, filter, { dialect: store.dialect, postgis: store.postgis, limit, ...(week === undefined ? {} : { week }) });
    });
  };
}
