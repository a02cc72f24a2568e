// Reports rejected documents: one `faultline: <doc>: <reason>` line each on stderr, and optionally one
// JSON object a line in an --errors file, for scripts that want to retry or inspect them.
import type { DocumentError } from '../ingest/errors.ts';
import type { Output } from './output.ts';

export interface RejectReport {
  /** The document's id, or null when it could not be read. */
  doc: string | null;
  line: number | null;
  source: string;
  reason: string;
}

export class Rejections {
  count = 0;
  constructor(private readonly errorsFile: Output | null) {}

  async report(error: DocumentError, source: string, line?: number): Promise<void> {
    this.count++;
    const lineOnly = line !== undefined && error.docRef === `line ${line}`;
    const ref = line !== undefined && !lineOnly ? `${error.docRef} (line ${line})` : error.docRef;
    process.stderr.write(`faultline: ${ref}: ${error.reason}\n`);
    if (this.errorsFile) {
      const record: RejectReport = { doc: lineOnly ? null : error.docRef, line: line ?? null, source, reason: error.reason };
      await this.errorsFile.write(`${JSON.stringify(record)}\n`);
    }
  }
}
