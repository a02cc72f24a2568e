// Every document behind a list of inputs (files, folders, http(s) URLs), each tagged with where it came
// from, so a failure can be reported, and read again, by its file, "file:line" or URL.
// Nothing here throws for a bad input: a missing path, an unreadable file or a failed download becomes one
// error result naming it, and the other inputs are still read.
import { createReadStream, type Stats } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { Readable } from 'node:stream';
import { decodeBytes, charsetOf } from './decode.ts';
import { readJsonlDocuments, readTextDocument, type ReadResult } from './documents.ts';
import { DocumentError, toDocumentError } from './errors.ts';
import { FEED_MAX_BYTES, readFeed } from './feeds.ts';
import { fetchBytes, type Fetched, type FetchOptions } from './fetch.ts';
import { documentFromHtml } from './html.ts';
import { KNOWN_EXTENSIONS, kindFromContentType, kindFromExtension, sniffKind, type InputKind } from './sniff.ts';
import { formatBytes, validateDocument, type ValidateOptions } from './validate.ts';
import { describeFsError, walkFiles } from './walk.ts';

export type SourcedResult = ReadResult & { origin: string /* the file, "file:line" or URL it came from */ };

/** A file left out of a folder walk because it is not a kind of document Faultline reads. */
export interface SkippedInput {
  origin: string;
  reason: string;
}

/**
 * HTML is mostly markup (scripts, styles, menus): a page is often ten or a hundred times its article's text.
 * So an HTML file is refused before reading only above this size; the article's text still has to fit in
 * `maxBytes` like any other document's.
 */
export const HTML_MAX_BYTES = 10 * 1024 * 1024;

export type SourceOptions = ValidateOptions & FetchOptions & {
  /** Told once per unknown extension met in a folder. Default: a line on stderr. */
  onSkip?: (skipped: SkippedInput) => void;
  /** Largest feed file or downloaded response. Default 50 MiB. */
  maxFeedBytes?: number;
  /** Largest HTML file. Default 10 MiB (or `maxBytes` if larger). */
  maxHtmlBytes?: number;
};

const SNIFF_BYTES = 4096;

function isUrl(input: string): boolean {
  return /^https?:\/\//i.test(input);
}

function errorAt(origin: string, docRef: string, err: unknown): SourcedResult {
  return { ok: false, error: toDocumentError(docRef, err), origin };
}

async function readHead(path: string): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const buf = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buf, 0, SNIFF_BYTES, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** The file's whole bytes, refused before reading when over `limit` (`what` names the limit in the message). */
async function readCapped(path: string, limit: number, what: string): Promise<Uint8Array> {
  const { size } = await stat(path);
  if (size > limit) throw new DocumentError(path, `file is ${formatBytes(size)}, over the limit of ${formatBytes(limit)} for ${what}`);
  const handle = await open(path, 'r');
  try {
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}

/**
 * The kind of content by its first bytes. A JSONL file's first line is one whole object: a pretty-printed
 * .json file (whose first line is a lone "{") is not JSONL and would give an error per line.
 */
function sniffBytes(head: Uint8Array): InputKind | undefined {
  const text = decodeBytes(head);
  const kind = sniffKind(text);
  if (kind !== 'jsonl') return kind;
  const firstLine = text.replace(/^\ufeff/, '').trimStart().split('\n')[0] ?? '';
  const whole = !text.trimStart().includes('\n') || firstLine.trimEnd().endsWith('}');
  return whole ? 'jsonl' : undefined;
}

async function* readKind(kind: InputKind, path: string, opts: SourceOptions): AsyncGenerator<SourcedResult> {
  switch (kind) {
    case 'text':
      yield { ...(await readTextDocument(path, opts)), origin: path };
      return;
    case 'jsonl':
      try {
        for await (const r of readJsonlDocuments(createReadStream(path), opts)) {
          yield { ...r, origin: r.line === undefined ? path : `${path}:${r.line}` };
        }
      } catch (err) {
        yield errorAt(path, path, `cannot read (${describeFsError(err)})`);
      }
      return;
    case 'html': {
      const id = basename(path);
      let bytes: Uint8Array;
      try {
        bytes = await readCapped(path, opts.maxHtmlBytes ?? Math.max(HTML_MAX_BYTES, opts.maxBytes), 'an HTML page');
      } catch (err) {
        yield errorAt(path, id, err instanceof DocumentError ? new DocumentError(id, err.reason) : `cannot read (${describeFsError(err)})`);
        return;
      }
      yield { ...documentFromHtml(decodeBytes(bytes), { ...opts, id }), origin: path };
      return;
    }
    case 'feed': {
      let bytes: Uint8Array;
      try {
        bytes = await readCapped(path, opts.maxFeedBytes ?? FEED_MAX_BYTES, 'a feed');
      } catch (err) {
        yield errorAt(path, path, err instanceof DocumentError ? err : `cannot read (${describeFsError(err)})`);
        return;
      }
      for (const r of readFeed(decodeBytes(bytes), path, opts)) yield { ...r, origin: path };
      return;
    }
  }
}

/**
 * One file. Its extension says how to read it; an unknown extension is sniffed. A file named on the
 * command line whose content is not recognised is read as plain text (the user asked for it; a binary file
 * is then rejected with a reason); one met in a folder walk is skipped.
 */
async function* readFile(path: string, explicit: boolean, skippedExts: Set<string>, opts: SourceOptions): AsyncGenerator<SourcedResult> {
  const ext = extname(path).toLowerCase();
  let kind = kindFromExtension(ext);
  let head: Uint8Array | undefined;
  if (kind === undefined) {
    try {
      head = await readHead(path);
      kind = sniffBytes(head);
    } catch (err) {
      yield errorAt(path, path, `cannot read (${describeFsError(err)})`);
      return;
    }
  }
  if (kind === undefined && explicit) {
    // A JSON array or pretty-printed object read as a report would store JSON syntax as news text.
    if (head !== undefined && /^\s*[[{]/.test(decodeBytes(head).replace(/^\ufeff/, ''))) {
      yield errorAt(path, basename(path), 'looks like JSON but not JSONL: give one document object per line, in a .jsonl file');
      return;
    }
    kind = 'text';
  }
  if (kind === undefined) {
    const label = ext === '' ? 'files without an extension' : `${ext} files`;
    if (!skippedExts.has(ext)) {
      skippedExts.add(ext);
      const onSkip = opts.onSkip ?? ((s: SkippedInput) => process.stderr.write(`faultline: ${s.origin}: ${s.reason}\n`));
      onSkip({
        origin: path,
        reason: `skipped: not a kind of document Faultline reads (${KNOWN_EXTENSIONS.join(' ')}, or content recognised as HTML, a feed or JSONL); other ${label} in this run are skipped without notice`,
      });
    }
    return;
  }
  yield* readKind(kind, path, opts);
}

/** One URL: a feed (known by its first bytes, else its Content-Type) gives its items; an HTML page, its article. */
async function* readUrl(url: string, opts: SourceOptions): AsyncGenerator<SourcedResult> {
  let got: Fetched;
  try {
    got = await fetchBytes(url, { ...opts, maxResponseBytes: opts.maxResponseBytes ?? opts.maxFeedBytes ?? FEED_MAX_BYTES });
  } catch (err) {
    yield errorAt(url, url, err);
    return;
  }
  const text = decodeBytes(got.bytes, charsetOf(got.contentType));
  // Servers label feeds text/xml, text/plain or even text/html, and XHTML pages application/xml: what the
  // content starts with decides, the Content-Type only when the start says nothing.
  const kind = sniffKind(text.slice(0, SNIFF_BYTES)) ?? kindFromContentType(got.contentType);
  switch (kind) {
    case 'feed':
      for (const r of readFeed(text, url, opts)) yield { ...r, origin: url };
      return;
    case 'html':
      // The id is the URL as the user gave it; the document's url is the page's canonical or final one.
      yield { ...documentFromHtml(text, { ...opts, id: url, url: got.url }), origin: url };
      return;
    case 'jsonl':
      for await (const r of readJsonlDocuments(Readable.from([Buffer.from(text, 'utf8')]), opts)) {
        yield { ...r, origin: r.line === undefined ? url : `${url}:${r.line}` };
      }
      return;
    case 'text':
      try {
        yield { ok: true, doc: validateDocument({ id: url, text, url: got.url }, url, opts), origin: url };
      } catch (err) {
        yield errorAt(url, url, err);
      }
      return;
    default:
      yield errorAt(url, url, `not an HTML page, a feed or text (Content-Type: ${got.contentType ?? 'none'})`);
  }
}

/** All documents of `inputs`, in order: each input in turn, a folder's files in sorted order. */
export async function* readSources(inputs: string[], opts: SourceOptions): AsyncGenerator<SourcedResult> {
  const skippedExts = new Set<string>();
  for (const input of inputs) {
    if (isUrl(input)) {
      yield* readUrl(input, opts);
      continue;
    }
    let info: Stats;
    try {
      info = await stat(input);
    } catch (err) {
      yield errorAt(input, input, describeFsError(err));
      continue;
    }
    if (info.isDirectory()) {
      for await (const entry of walkFiles(input)) {
        if (entry.error !== undefined) yield errorAt(entry.path, entry.path, entry.error);
        else yield* readFile(entry.path, false, skippedExts, opts);
      }
    } else if (info.isFile()) {
      yield* readFile(input, true, skippedExts, opts);
    } else {
      yield errorAt(input, input, 'not a regular file or a folder');
    }
  }
}
