// Public entry of the extractor: one Document in, its coded events out. (Stub: being written.)
import type { Document, FaultlineEvent } from '../domain/index.ts';

export interface ExtractorOptions {
  /** Monitored countries, ISO 3166-1 alpha-2 (a preference when places are ambiguous, not a filter). */
  countries: string[];
  /** Faultline's data directory (gazetteer index and store live there). */
  home: string;
  /** Used when a document has no `published` date: "today" for year inference. Defaults to the clock. */
  today?: string;
}

export interface Extractor {
  /** Throws DocumentError for a document that cannot be read (empty, unknown language...). */
  extract(doc: Document): FaultlineEvent[];
}

export async function createExtractor(_options: ExtractorOptions): Promise<Extractor> {
  return { extract: () => [] };
}
