// Picks the writer for an output format.
import { acledCsvExporter } from './acled-csv.ts';
import { csvExporter } from './csv.ts';
import type { Exporter, Format } from './format.ts';
import { geojsonExporter } from './geojson.ts';
import { jsonExporter } from './json.ts';
import { jsonlExporter } from './jsonl.ts';
import { tableExporter } from './table.ts';

export { FORMATS, isFormat, type Exporter, type Format } from './format.ts';

export function createExporter(format: Format): Exporter {
  switch (format) {
    case 'table': return tableExporter();
    case 'json': return jsonExporter();
    case 'jsonl': return jsonlExporter();
    case 'csv': return csvExporter();
    case 'acled-csv': return acledCsvExporter();
    case 'geojson': return geojsonExporter();
  }
}
