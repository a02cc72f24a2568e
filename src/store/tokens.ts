// API tokens: a role each (viewer reads, analyst also corrects, admin also manages). Only a hash is kept;
// the token is shown once, when it is made.
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { StoreDatabase } from './schema.ts';

export const ROLES = ['viewer', 'analyst', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(v: string): v is Role {
  return (ROLES as readonly string[]).includes(v);
}

/** Whether a role may do what another role may: admin > analyst > viewer. */
export function roleAtLeast(role: Role, needed: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(needed);
}

const hashOf = (token: string): string => createHash('sha256').update(token).digest('hex');

export async function createToken(db: Kysely<StoreDatabase>, name: string, role: Role, now = new Date().toISOString()): Promise<{ id: number; token: string }> {
  const token = `flt_${randomBytes(24).toString('base64url')}`;
  const row = await db.insertInto('tokens').values({ name, role, token_hash: hashOf(token), created_at: now, revoked_at: null })
    .returning('id').executeTakeFirstOrThrow();
  return { id: row.id, token };
}

/** The token's holder, or null for an unknown or revoked token. */
export async function verifyToken(db: Kysely<StoreDatabase>, token: string): Promise<{ id: number; name: string; role: Role } | null> {
  if (!/^flt_[A-Za-z0-9_-]{20,64}$/.test(token)) return null;
  const row = await db.selectFrom('tokens').select(['id', 'name', 'role']).where('token_hash', '=', hashOf(token)).where('revoked_at', 'is', null).executeTakeFirst();
  return row !== undefined && isRole(row.role) ? { id: row.id, name: row.name, role: row.role } : null;
}

export async function revokeToken(db: Kysely<StoreDatabase>, id: number, now = new Date().toISOString()): Promise<boolean> {
  const r = await db.updateTable('tokens').set({ revoked_at: now }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function listTokens(db: Kysely<StoreDatabase>): Promise<{ id: number; name: string; role: string; created_at: string; revoked_at: string | null }[]> {
  return db.selectFrom('tokens').select(['id', 'name', 'role', 'created_at', 'revoked_at']).orderBy('id').execute();
}
