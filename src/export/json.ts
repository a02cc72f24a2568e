// A JSON array of events, one event a line inside it (easy to diff, still one valid JSON document).
import type { Exporter } from './format.ts';

export function jsonExporter(): Exporter {
  let count = 0;
  return {
    begin: () => '[',
    event: (e) => `${count++ === 0 ? '\n' : ',\n'}${JSON.stringify(e)}`,
    end: () => (count === 0 ? ']\n' : '\n]\n'),
  };
}
