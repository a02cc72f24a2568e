// Flat CSV: doc_id, the ACLED columns, then Faultline's own fields (evidence, claims, flags as JSON text).
import { stringify } from 'csv-stringify/sync';
import { ACLED_COLUMNS, type FaultlineEvent } from '../domain/index.ts';
import { cellText, neutraliseFormula } from './cells.ts';
import type { Exporter } from './format.ts';

export const CSV_COLUMNS = ['doc_id', ...ACLED_COLUMNS, 'geonameid', 'confidence', 'evidence', 'claims', 'flags'] as const;

export function csvRow(cells: string[]): string {
  return stringify([cells.map(neutraliseFormula)], { record_delimiter: 'unix' });
}

export function csvExporter(): Exporter {
  return {
    begin: () => stringify([[...CSV_COLUMNS]], { record_delimiter: 'unix' }),
    event: (e: FaultlineEvent) => {
      const record = e as unknown as Record<string, unknown>;
      return csvRow(CSV_COLUMNS.map((c) => cellText(record[c])));
    },
    end: () => '',
  };
}
