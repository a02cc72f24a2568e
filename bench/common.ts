// What the benchmark scripts share: a seeded random source (runs are comparable), their options, their memory,
// and running one measured part in a child process of its own (so its peak RSS is its own).
import { spawnSync } from 'node:child_process';

/** mulberry32: a small seeded generator, uniform in [0, 1). The same seed gives the same data every run. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The value after `--name` on the command line. */
export function option(argv: readonly string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

/** This process's peak resident memory so far. */
export function peakRssMiB(): number {
  return process.resourceUsage().maxRSS / 1024; // maxRSS is in KiB
}

/** Runs `script --child ARGS…` and returns the JSON of its last stdout line; exits 3 if the part failed. */
export function runChild<T>(script: string, args: string[], maxBuffer = 1 << 26): T {
  const r = spawnSync(process.execPath, [...process.execArgv, script, '--child', ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer });
  if (r.status !== 0) {
    console.error(`bench: the ${args[0]} part failed (status ${r.status})`);
    process.exit(3);
  }
  const last = r.stdout.trim().split('\n').pop() ?? 'null';
  return JSON.parse(last) as T;
}
