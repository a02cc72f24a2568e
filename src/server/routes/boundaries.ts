// GET /boundaries: which outlines the server has (the dashboard asks before it fetches any, so a server
// without them costs it one small request and no error); GET /boundaries/admin1: the admin1 outlines as
// GeoJSON, all of them or those of some countries, from `faultline serve --boundaries FILE`.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { EventStore } from '../../store/store.ts';
import { requireRole } from '../auth.ts';
import { BoundariesCache } from '../boundaries.ts';
import type { ServerConfig } from '../config.ts';

const list = z.union([z.string(), z.array(z.string())]).transform((v) => (Array.isArray(v) ? v : v.split(',')).map((s) => s.trim()).filter((s) => s !== ''));
const OutlinesQuerySchema = z.object({ country: list.optional() }).strict();

export interface BoundariesInfo {
  /** null when the server was started without --boundaries */
  admin1: { source: string; features: number } | null;
}

export function boundaryRoutes(store: EventStore, config: ServerConfig) {
  return async (app: FastifyInstance): Promise<void> => {
    const read = config.readAuth === 'token' ? { preHandler: requireRole(store, 'viewer') } : {};
    const cache = config.admin1Boundaries === null ? null : new BoundariesCache(config.admin1Boundaries);
    const r = app.withTypeProvider<ZodTypeProvider>();

    r.get('/boundaries', { ...read, schema: { tags: ['boundaries'], summary: 'The outlines this server has (admin1: from `faultline serve --boundaries FILE`)' } },
      async (): Promise<BoundariesInfo> => ({
        admin1: cache === null ? null : { source: cache.data.source, features: cache.data.collection.features.length },
      }));

    r.get('/boundaries/admin1', {
      ...read,
      schema: { tags: ['boundaries'], summary: 'Admin1 outlines as GeoJSON (properties: admin1, country), all or those of `country`', querystring: OutlinesQuerySchema },
    }, async (req, reply) => {
      if (cache === null) {
        return reply.code(404).send({ error: 'not_found', message: 'no admin1 boundaries: start the server with --boundaries FILE.geojson' });
      }
      const out = cache.reply(req.query.country ?? []);
      // Revalidated each time (the file may be replaced on restart), answered with 304 when unchanged.
      reply.header('etag', out.etag).header('cache-control', 'no-cache');
      if (req.headers['if-none-match'] === out.etag) return reply.code(304).send();
      return reply.type('application/geo+json; charset=utf-8').send(out.body);
    });
  };
}
