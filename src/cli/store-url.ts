// Which store a command works on: --db, else FAULTLINE_DB, else faultline.db in the data directory.
import { join } from 'node:path';
import { resolveHome } from './home.ts';

export function resolveStoreUrl(flag: string | undefined, home: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = [flag, env.FAULTLINE_DB].find((v) => v !== undefined && v.trim() !== '');
  return chosen?.trim() ?? join(resolveHome({ flag: home }), 'faultline.db');
}
