// The extraction contract: one FaultlineEvent a line, every field.
import type { Exporter } from './format.ts';

export function jsonlExporter(): Exporter {
  return { begin: () => '', event: (e) => `${JSON.stringify(e)}\n`, end: () => '' };
}
