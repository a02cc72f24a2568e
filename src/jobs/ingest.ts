// One pipeline for every way reports come in (CLI, HTTP, workers): read -> code -> store. A document that
// cannot be read or coded is recorded with its reason and the batch goes on; a stored one clears its failure.
import type { Document, FaultlineEvent } from '../domain/index.ts';
import type { DocumentError } from '../ingest/errors.ts';
import { toDocumentError } from '../ingest/errors.ts';
import type { EventStore, IngestOutcome } from '../store/store.ts';

export interface Coder {
  extract(doc: Document): FaultlineEvent[];
}

/** A document read from somewhere, or why it could not be. */
export type Incoming = { origin: string } & ({ ok: true; doc: Document } | { ok: false; error: DocumentError });

export interface IngestSummary {
  read: number;
  stored: number;
  duplicates: number;
  failed: number;
  eventsCreated: number;
  sourcesAdded: number;
}

export interface IngestHooks {
  actor?: string;
  onDocument?: (summary: IngestSummary, last: { origin: string; ok: boolean; reason?: string; docRef: string }) => void;
}

export function emptySummary(): IngestSummary {
  return { read: 0, stored: 0, duplicates: 0, failed: 0, eventsCreated: 0, sourcesAdded: 0 };
}

/** Codes and stores one document; the outcome, or the error that stopped it (nothing of it is stored then). */
export async function ingestOne(store: EventStore, coder: Coder, doc: Document, origin: string, actor?: string): Promise<IngestOutcome> {
  let events: FaultlineEvent[];
  try {
    events = coder.extract(doc);
  } catch (err) {
    throw toDocumentError(doc.id, err);
  }
  return store.ingestDocument(doc, events, { origin, ...(actor === undefined ? {} : { actor }) });
}

export async function ingestAll(store: EventStore, coder: Coder, incoming: AsyncIterable<Incoming>, hooks: IngestHooks = {}): Promise<IngestSummary> {
  const summary = emptySummary();
  for await (const item of incoming) {
    summary.read++;
    if (!item.ok) {
      summary.failed++;
      await store.recordFailure(item.origin, item.error.docRef, item.error.reason);
      hooks.onDocument?.(summary, { origin: item.origin, ok: false, reason: item.error.reason, docRef: item.error.docRef });
      continue;
    }
    try {
      const outcome = await ingestOne(store, coder, item.doc, item.origin, hooks.actor);
      if (outcome.status === 'duplicate') summary.duplicates++;
      else {
        summary.stored++;
        for (const e of outcome.events) if (e.action === 'created') summary.eventsCreated++; else summary.sourcesAdded++;
      }
      await store.clearFailure(item.origin, item.doc.id);
      hooks.onDocument?.(summary, { origin: item.origin, ok: true, docRef: item.doc.id });
    } catch (err) {
      const error = toDocumentError(item.doc.id, err);
      summary.failed++;
      await store.recordFailure(item.origin, error.docRef, error.reason);
      hooks.onDocument?.(summary, { origin: item.origin, ok: false, reason: error.reason, docRef: error.docRef });
    }
  }
  return summary;
}
