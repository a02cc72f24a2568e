// `faultline ingest`: reports from files, folders, JSONL batches, feeds and URLs into the store: read, coded,
// deduplicated, stored once. A document that fails is recorded with its reason; --retry-failed reads again
// the inputs that had failures (the ones stored meanwhile are recognised and left as they are).
import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { kindFromExtension } from '../ingest/sniff.ts';
import { readSources } from '../ingest/sources.ts';
import { walkFiles } from '../ingest/walk.ts';
import type { Incoming } from '../jobs/ingest.ts';
import { ingestAll } from '../jobs/ingest.ts';
import { EventStore } from '../store/store.ts';
import { EXIT, UsageError } from './exit.ts';
import { resolveHome } from './home.ts';
import { loadExtractor } from './extractor.ts';
import { DEFAULT_COUNTRIES, parseCountries, validateOptions } from './options.ts';
import { Progress } from './progress.ts';
import { resolveStoreUrl } from './store-url.ts';

export interface IngestOptions {
  db?: string;
  home?: string;
  retryFailed?: boolean;
  published?: string;
  lang?: string;
  country?: string;
  maxBytes?: string;
  quiet?: boolean;
}

const isUrl = (s: string): boolean => /^https?:\/\//i.test(s);

/**
 * How many documents the inputs hold, for the ETA: a JSONL line each, any other file one; null when that
 * cannot be known beforehand (URLs, feeds).
 */
async function countDocuments(inputs: string[]): Promise<number | null> {
  let n = 0;
  const count = async (path: string): Promise<boolean> => {
    const kind = kindFromExtension(extname(path));
    if (kind === 'feed') return false;
    if (kind === 'jsonl') {
      for await (const chunk of createReadStream(path)) for (const b of chunk as Buffer) if (b === 10) n++;
    } else {
      n++;
    }
    return true;
  };
  for (const input of inputs) {
    if (isUrl(input) || !existsSync(input)) return null;
    if (!statSync(input).isDirectory()) {
      if (!(await count(input))) return null;
      continue;
    }
    for await (const entry of walkFiles(input)) if (entry.error === undefined && !(await count(entry.path))) return null;
  }
  return n;
}

/** A failure's origin names the file (or URL) to read again; "file:12" is line 12 of a JSONL file. */
function originInput(origin: string): string {
  if (existsSync(origin) || isUrl(origin)) return origin;
  const m = /^(.*):\d+$/.exec(origin);
  return m !== null && existsSync(m[1]!) ? m[1]! : origin;
}

export async function runIngest(inputs: string[], opts: IngestOptions): Promise<number> {
  const validate = validateOptions(opts);
  const countries = parseCountries(opts.country ?? DEFAULT_COUNTRIES);
  const url = resolveStoreUrl(opts.db, opts.home);
  const store = await EventStore.open(url);
  try {
    let targets = inputs;
    if (opts.retryFailed === true) {
      targets = [...new Set([...inputs, ...(await store.failures()).map((f) => originInput(f.origin))])];
      if (targets.length === 0) {
        if (opts.quiet !== true) process.stderr.write('faultline: no failed documents to retry\n');
        return EXIT.OK;
      }
    } else if (targets.length === 0) {
      throw new UsageError('no input: give files, folders, JSONL batches, feeds or URLs (or --retry-failed)');
    }
    for (const t of targets) if (!isUrl(t) && !existsSync(t)) throw new UsageError(`cannot read input ${t}: does not exist`);
    const coder = await loadExtractor({ countries, home: resolveHome({ flag: opts.home }) });
    const progress = new Progress(await countDocuments(targets), opts.quiet !== true && process.stderr.isTTY === true);
    const incoming = async function* (): AsyncGenerator<Incoming> {
      for await (const r of readSources(targets, validate)) yield r;
    };
    const summary = await ingestAll(store, coder, incoming(), {
      onDocument: (s, last) => {
        if (!last.ok) {
          progress.end();
          process.stderr.write(`faultline: ${last.origin}: ${last.docRef}: ${last.reason}\n`);
        }
        progress.update(s.read, s.failed);
      },
    });
    progress.end();
    if (opts.quiet !== true) {
      process.stderr.write(`faultline: ${summary.read} document${summary.read === 1 ? '' : 's'} read into ${store.label}: ${summary.stored} stored, `
        + `${summary.duplicates} already stored, ${summary.failed} failed; ${summary.eventsCreated} new event${summary.eventsCreated === 1 ? '' : 's'}, `
        + `${summary.sourcesAdded} source${summary.sourcesAdded === 1 ? '' : 's'} added to known events\n`);
    }
    return summary.failed > 0 ? EXIT.SOME_REJECTED : EXIT.OK;
  } finally {
    await store.close();
  }
}
