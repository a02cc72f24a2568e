// All documents of one run, in order: the FILE arguments first (one plain-text document each), then the
// --input JSONL. Ids must be unique across the whole run, since events are keyed by doc_id.
import { DocumentError } from '../ingest/errors.ts';
import { openJsonl, readJsonlDocuments, readTextDocument, type ReadResult } from '../ingest/documents.ts';
import type { ValidateOptions } from '../ingest/validate.ts';

export type SourcedResult = ReadResult & { source: string };

export async function* runDocuments(files: string[], input: string | undefined, options: ValidateOptions): AsyncGenerator<SourcedResult> {
  const seen = new Set<string>();
  const dedupe = (r: ReadResult, source: string): SourcedResult => {
    if (!r.ok) return { ...r, source };
    if (seen.has(r.doc.id)) {
      const error = new DocumentError(r.doc.id, 'duplicate id (an earlier document of this run has it)');
      return r.line === undefined ? { ok: false, error, source } : { ok: false, error, line: r.line, source };
    }
    seen.add(r.doc.id);
    return { ...r, source };
  };
  for (const file of files) yield dedupe(await readTextDocument(file, options), file);
  if (input !== undefined) {
    const source = input === '-' ? 'stdin' : input;
    for await (const r of readJsonlDocuments(openJsonl(input), options)) yield dedupe(r, source);
  }
}
