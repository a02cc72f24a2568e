// Splits a byte stream into lines without ever holding more than one line (up to a cap) in memory,
// so a 1 GB JSONL file, or a file that is one 1 GB line, streams in constant memory.
import type { Readable } from 'node:stream';

export interface Line {
  /** 1-based line number. */
  number: number;
  /** The line's text (UTF-8 decoded, without the line break); for an overlong line, only its start. */
  text: string;
  /** True when the line was longer than the cap: `text` is then its first bytes only. */
  overlong: boolean;
  /** Length of the whole line in bytes. */
  bytes: number;
}

/** Bytes of an overlong line kept, so the document's id can still be read from its start. */
const KEEP_OF_OVERLONG = 4096;

export async function* readLines(stream: Readable, maxLineBytes: number): AsyncGenerator<Line> {
  let parts: Buffer[] = [];
  let size = 0;
  let overlong = false;
  let number = 0;

  const finish = (): Line => {
    number++;
    let buf = parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts);
    if (!overlong && buf.length > 0 && buf[buf.length - 1] === 0x0d) buf = buf.subarray(0, buf.length - 1);
    const line: Line = { number, text: buf.toString('utf8'), overlong, bytes: size };
    parts = [];
    size = 0;
    overlong = false;
    return line;
  };

  const append = (chunk: Buffer): void => {
    size += chunk.length;
    if (overlong) return; // keep counting, stop storing
    parts.push(chunk);
    if (size > maxLineBytes) {
      overlong = true;
      parts = [Buffer.concat(parts).subarray(0, KEEP_OF_OVERLONG)];
    }
  };

  for await (const data of stream) {
    const chunk = typeof data === 'string' ? Buffer.from(data, 'utf8') : (data as Buffer);
    let start = 0;
    for (let nl = chunk.indexOf(0x0a, start); nl !== -1; nl = chunk.indexOf(0x0a, start)) {
      append(chunk.subarray(start, nl));
      yield finish();
      start = nl + 1;
    }
    if (start < chunk.length) append(chunk.subarray(start));
  }
  if (size > 0 || parts.length > 0) yield finish();
}
