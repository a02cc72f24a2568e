// Readers for input documents: JSONL (one document a line, streamed) and plain text files.
// Each yields either a checked Document or the DocumentError that says why it was rejected,
// so one bad document never stops the batch.
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Readable } from 'node:stream';
import type { Document } from '../domain/index.ts';
import { DocumentError, toDocumentError } from './errors.ts';
import { readLines } from './lines.ts';
import { formatBytes, validateDocument, type ValidateOptions } from './validate.ts';

export type ReadResult = { ok: true; doc: Document; line?: number } | { ok: false; error: DocumentError; line?: number };

/**
 * JSON escaping can make a text up to 6 times longer on the line ("\u0001" for one byte), and the other
 * fields need a little room: a line longer than this cannot hold an acceptable document.
 */
export function maxLineBytes(maxBytes: number): number {
  return maxBytes * 6 + 64 * 1024;
}

/** Reads the id from the start of a line too long to parse, so the error can still name the document. */
function idFromPrefix(prefix: string): string | null {
  const m = /"id"\s*:\s*"((?:[^"\\]|\\.){1,200})"/.exec(prefix);
  if (!m) return null;
  try {
    return JSON.parse(`"${m[1]}"`) as string;
  } catch {
    return null;
  }
}

/** Documents of a JSONL stream, in order. Blank lines are skipped; duplicate ids are rejected. */
export async function* readJsonlDocuments(stream: Readable, options: ValidateOptions): AsyncGenerator<ReadResult> {
  const seen = new Map<string, number>();
  for await (const line of readLines(stream, maxLineBytes(options.maxBytes))) {
    const lineRef = `line ${line.number}`;
    if (line.overlong) {
      const id = idFromPrefix(line.text);
      const reason = `line is ${formatBytes(line.bytes)}, too long for a text of at most ${formatBytes(options.maxBytes)} (--max-bytes)`;
      yield { ok: false, error: new DocumentError(id ?? lineRef, reason), line: line.number };
      continue;
    }
    if (line.text.trim() === '') continue;
    let raw: unknown;
    try {
      raw = JSON.parse(line.text);
    } catch (err) {
      const detail = err instanceof Error ? err.message : String(err);
      yield { ok: false, error: new DocumentError(lineRef, `invalid JSON (${detail})`), line: line.number };
      continue;
    }
    try {
      const doc = validateDocument(raw, lineRef, options);
      const first = seen.get(doc.id);
      if (first !== undefined) throw new DocumentError(doc.id, `duplicate id (first on line ${first})`);
      seen.set(doc.id, line.number);
      yield { ok: true, doc, line: line.number };
    } catch (err) {
      yield { ok: false, error: toDocumentError(lineRef, err), line: line.number };
    }
  }
}

/** Opens a JSONL input: a path, or "-" for standard input. */
export function openJsonl(path: string): Readable {
  return path === '-' ? process.stdin : createReadStream(path);
}

/**
 * One plain-text file as one document: id = the file's name, published/lang from the options.
 * The size is checked before reading, so a huge file is rejected without loading it.
 */
export async function readTextDocument(path: string, options: ValidateOptions): Promise<ReadResult> {
  const id = basename(path);
  try {
    const info = await stat(path);
    if (info.size > options.maxBytes) {
      throw new DocumentError(id, `text is ${formatBytes(info.size)}, over the limit of ${formatBytes(options.maxBytes)} (--max-bytes)`);
    }
    const handle = await open(path, 'r');
    let bytes: Buffer;
    try {
      bytes = await handle.readFile();
    } finally {
      await handle.close();
    }
    // Non-fatal decoding: bad bytes become U+FFFD, which checkText counts as a sign of a wrong encoding.
    const text = new TextDecoder('utf-8', { ignoreBOM: false }).decode(bytes);
    const doc = validateDocument({ id, text }, id, options);
    return { ok: true, doc };
  } catch (err) {
    return { ok: false, error: toDocumentError(id, err) };
  }
}
