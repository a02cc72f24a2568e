// The files under a folder, in a stable order (sorted by name at each level, depth first), so two runs over
// the same folder read documents in the same order. Hidden files and folders (.git, .DS_Store) are not
// documents. Symbolic links are followed, but a folder is never entered twice (a link loop ends).
import type { Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';

export type WalkEntry = { path: string; error?: undefined } | { path: string; error: string };

/** An fs error in words ("permission denied"), without the syscall and path Node puts in its message. */
export function describeFsError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOENT') return 'no such file or directory';
  return err instanceof Error ? err.message : String(err);
}

/** Regular files under `dir`; a folder or link that cannot be read is yielded with its error, not thrown. */
export async function* walkFiles(dir: string, seen: Set<string> = new Set()): AsyncGenerator<WalkEntry> {
  let entries: Dirent[];
  try {
    const real = await realpath(dir);
    if (seen.has(real)) return;
    seen.add(real);
    entries = await readdir(dir, { withFileTypes: true });
  } catch (err) {
    yield { path: dir, error: `cannot read folder (${describeFsError(err)})` };
    return;
  }
  // Code-point order, not locale order: the same on every machine.
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    let isDir = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      try {
        const target = await stat(path);
        isDir = target.isDirectory();
        isFile = target.isFile();
      } catch (err) {
        yield { path, error: `broken link (${describeFsError(err)})` };
        continue;
      }
    }
    if (isDir) yield* walkFiles(path, seen);
    else if (isFile) yield { path };
    // sockets, FIFOs, devices: not documents, and reading a FIFO would block
  }
}
