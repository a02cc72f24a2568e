// The HTTP API: Fastify with zod-checked requests, the OpenAPI document at /docs generated from the route
// schemas, token auth for writes (and reads if configured), bounded request bodies.
import swagger from '@fastify/swagger';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Coder } from '../jobs/ingest.ts';
import type { EventStore } from '../store/store.ts';
import { DEFAULT_SERVER_CONFIG, type ServerConfig } from './config.ts';
import { boundaryRoutes } from './routes/boundaries.ts';
import { dashboardRoutes } from './routes/dashboard.ts';
import { documentRoutes } from './routes/documents.ts';
import { eventRoutes } from './routes/events.ts';
import { reviewRoutes } from './routes/review.ts';
import { statsRoutes } from './routes/stats.ts';
import { trendsRoutes } from './routes/trends.ts';

export interface AppOptions {
  store: EventStore;
  /** the coder, loaded on first POST /documents */
  coder: () => Promise<Coder>;
  config?: Partial<ServerConfig>;
  logger?: boolean;
}

export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const config: ServerConfig = { ...DEFAULT_SERVER_CONFIG, ...opts.config };
  const app = Fastify({ logger: opts.logger ?? false, bodyLimit: config.bodyLimit });
  app.decorateRequest('caller', null);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // Report text travels in JSON: '<' escaped, a "</script>" in it stays inert even if pasted into a page.
  app.setReplySerializer((payload) => JSON.stringify(payload).replace(/</g, '\\u003c'));
  app.addHook('onSend', async (_req, reply) => {
    // JSON and CSV are data, never pages: browsers must not sniff them into HTML.
    reply.header('x-content-type-options', 'nosniff');
  });
  app.setErrorHandler((err: FastifyError, _req, reply) => {
    if (hasZodFastifySchemaValidationErrors(err)) {
      const first = err.validation[0];
      const where = first?.instancePath ? `${err.validationContext ?? 'request'}${first.instancePath.replace(/\//g, '.')}` : (err.validationContext ?? 'request');
      return reply.code(400).send({ error: 'bad_request', message: `${where}: ${first?.message ?? 'invalid'}` });
    }
    if (err.statusCode === 413) return reply.code(413).send({ error: 'payload_too_large', message: `request body over ${config.bodyLimit} bytes` });
    if (err.statusCode !== undefined && err.statusCode >= 400 && err.statusCode < 500) return reply.code(err.statusCode).send({ error: 'bad_request', message: err.message });
    reply.log.error(err);
    return reply.code(500).send({ error: 'internal', message: 'internal error' });
  });

  await app.register(swagger, {
    openapi: {
      info: { title: 'Faultline API', description: 'ACLED-coded events from news reports, with their sources and evidence.', version: '1' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(eventRoutes(opts.store, config));
  await app.register(documentRoutes(opts.store, opts.coder, config));
  await app.register(statsRoutes(opts.store, config));
  await app.register(trendsRoutes(opts.store, config));
  await app.register(boundaryRoutes(opts.store, config));
  await app.register(reviewRoutes(opts.store, config));
  await app.register(dashboardRoutes(opts.store, config));
  app.get('/docs', { schema: { hide: true } }, async () => app.swagger());
  app.get('/health', { schema: { hide: true } }, async () => ({ ok: true, store: opts.store.dialect, postgis: opts.store.postgis }));
  return app;
}
