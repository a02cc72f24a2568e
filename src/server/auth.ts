// Who is asking: a bearer token from `faultline token create`. Writes always need one (analyst or admin);
// reads need one (any role) only when the server is configured so.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { EventStore } from '../store/store.ts';
import { roleAtLeast, verifyToken, type Role } from '../store/tokens.ts';

export interface Caller { name: string; role: Role }

declare module 'fastify' {
  interface FastifyRequest {
    caller: Caller | null;
  }
}

function bearer(req: FastifyRequest): string | null {
  const h = req.headers.authorization;
  if (typeof h !== 'string') return null;
  const m = /^Bearer\s+(\S+)$/i.exec(h.trim());
  return m?.[1] ?? null;
}

/** A preHandler: the caller's token must be valid and of at least `role`. */
export function requireRole(store: EventStore, role: Role) {
  return async (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const token = bearer(req);
    const caller = token === null ? null : await verifyToken(store.db, token);
    if (caller === null) {
      await reply.code(401).header('www-authenticate', 'Bearer').send({ error: 'unauthorized', message: token === null ? 'a token is required (Authorization: Bearer …)' : 'unknown or revoked token' });
      return reply;
    }
    if (!roleAtLeast(caller.role, role)) {
      await reply.code(403).send({ error: 'forbidden', message: `this needs the ${role} role; the token is ${caller.role}` });
      return reply;
    }
    req.caller = { name: caller.name, role: caller.role };
  };
}
