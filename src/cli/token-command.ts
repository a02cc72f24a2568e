// `faultline token create|list|revoke`: the API's tokens. A token is printed once, at creation.
import { createToken, isRole, listTokens, revokeToken, ROLES } from '../store/tokens.ts';
import { EventStore } from '../store/store.ts';
import { EXIT, UsageError } from './exit.ts';
import { resolveStoreUrl } from './store-url.ts';

interface StoreOpts { db?: string; home?: string }

export async function runTokenCreate(opts: StoreOpts & { role?: string; name?: string }): Promise<number> {
  const role = opts.role ?? 'viewer';
  if (!isRole(role)) throw new UsageError(`--role expects one of ${ROLES.join(', ')}, got '${role}'`);
  const store = await EventStore.open(resolveStoreUrl(opts.db, opts.home));
  try {
    const { id, token } = await createToken(store.db, opts.name ?? `${role}-${new Date().toISOString().slice(0, 10)}`, role);
    process.stdout.write(`${token}\n`);
    process.stderr.write(`faultline: token ${id} (${role}) created; it is shown only now: keep it\n`);
    return EXIT.OK;
  } finally {
    await store.close();
  }
}

export async function runTokenList(opts: StoreOpts): Promise<number> {
  const store = await EventStore.open(resolveStoreUrl(opts.db, opts.home));
  try {
    for (const t of await listTokens(store.db)) {
      process.stdout.write(`${t.id}\t${t.role}\t${t.name}\t${t.created_at}${t.revoked_at === null ? '' : `\trevoked ${t.revoked_at}`}\n`);
    }
    return EXIT.OK;
  } finally {
    await store.close();
  }
}

export async function runTokenRevoke(id: string, opts: StoreOpts): Promise<number> {
  if (!/^\d+$/.test(id)) throw new UsageError(`token revoke expects a token id (see token list), got '${id}'`);
  const store = await EventStore.open(resolveStoreUrl(opts.db, opts.home));
  try {
    if (!(await revokeToken(store.db, Number(id)))) {
      process.stderr.write(`faultline: no active token ${id}\n`);
      return EXIT.SOME_REJECTED;
    }
    return EXIT.OK;
  } finally {
    await store.close();
  }
}
