// Faultline's one data directory (gazetteer index, default store): --home, else FAULTLINE_HOME, else
// ~/.faultline. Resolving never touches the disk; the directory is created only when something is written.
import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';

export interface HomeSources {
  flag?: string | undefined;
  env?: NodeJS.ProcessEnv;
  userHome?: string;
  cwd?: string;
}

function expandTilde(path: string, userHome: string): string {
  if (path === '~') return userHome;
  if (path.startsWith('~/')) return join(userHome, path.slice(2));
  return path;
}

/** The absolute path of the data directory, by precedence: flag, FAULTLINE_HOME, ~/.faultline. */
export function resolveHome(sources: HomeSources = {}): string {
  const env = sources.env ?? process.env;
  const userHome = sources.userHome ?? homedir();
  const cwd = sources.cwd ?? process.cwd();
  const chosen = [sources.flag, env.FAULTLINE_HOME].find((v) => v !== undefined && v.trim() !== '');
  const path = chosen === undefined ? join(userHome, '.faultline') : expandTilde(chosen.trim(), userHome);
  return isAbsolute(path) ? resolve(path) : resolve(cwd, path);
}

/** Creates the data directory (and parents) if needed; returns its path. Call before writing into it. */
export function ensureHome(home: string): string {
  mkdirSync(home, { recursive: true });
  return home;
}
