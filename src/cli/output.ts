// Where extracted events go: stdout, or a file written atomically (a temporary file in the same
// directory, renamed over the target at the end), so a crash or Ctrl-C never leaves a half-written
// output that a pipeline would take for a complete one.
import { createWriteStream, renameSync, rmSync, type WriteStream } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { once } from 'node:events';
import type { Writable } from 'node:stream';

export interface Output {
  write(text: string): Promise<void>;
  /** Makes the output final (renames the temporary file into place). */
  commit(): Promise<void>;
  /** Drops a file output that will not be completed. */
  abort(): void;
}

async function writeTo(stream: Writable, text: string): Promise<void> {
  if (text === '') return;
  if (!stream.write(text)) await once(stream, 'drain');
}

export function stdoutOutput(): Output {
  return {
    write: (text) => writeTo(process.stdout, text),
    commit: async () => {},
    abort: () => {},
  };
}

const live = new Set<string>();
let cleanupInstalled = false;

/** Removes temporary files if the process is interrupted. */
function installCleanup(): void {
  if (cleanupInstalled) return;
  cleanupInstalled = true;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      for (const path of live) rmSync(path, { force: true });
      process.exit(signal === 'SIGINT' ? 130 : 143);
    });
  }
}

export async function fileOutput(target: string): Promise<Output> {
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  const stream: WriteStream = createWriteStream(temp, { flags: 'wx' });
  await once(stream, 'open');
  live.add(temp);
  installCleanup();
  let failure: Error | null = null;
  stream.on('error', (err) => (failure = err));
  return {
    write: async (text) => {
      if (failure) throw failure;
      await writeTo(stream, text);
    },
    commit: async () => {
      stream.end();
      await once(stream, 'close');
      if (failure) throw failure;
      renameSync(temp, target);
      live.delete(temp);
    },
    abort: () => {
      stream.destroy();
      rmSync(temp, { force: true });
      live.delete(temp);
    },
  };
}
