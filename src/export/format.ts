// The shape every output format shares: text before the first event, per event, and after the last,
// so events can be streamed to a file or stdout without holding a large run in memory.
import type { FaultlineEvent } from '../domain/index.ts';

export interface Exporter {
  begin(): string;
  event(event: FaultlineEvent): string;
  end(): string;
}

export const FORMATS = ['table', 'json', 'jsonl', 'csv', 'acled-csv', 'geojson'] as const;
export type Format = (typeof FORMATS)[number];

export function isFormat(value: string): value is Format {
  return (FORMATS as readonly string[]).includes(value);
}
