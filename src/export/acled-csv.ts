// ACLED's own export layout: exactly its columns, in its order, so the file loads next to ACLED data
// (acledR, pandas, QGIS). Choices, documented in the README:
// - inter1/inter2 as text labels ("State forces") and interaction as "State forces-Rebel group", as ACLED's
//   current exports write them (legacy exports had numbers 1-8 and two-digit interaction codes). A number
//   coming from the extractor is turned into its label, so the column is uniform.
// - admin1/2/3, location and country in ACLED's ASCII spelling ("Segou", not "Ségou").
import { stringify } from 'csv-stringify/sync';
import { ACLED_COLUMNS, INTER_LABELS, type FaultlineEvent, type InterCode } from '../domain/index.ts';
import { asciiName, cellText } from './cells.ts';
import { csvRow } from './csv.ts';
import type { Exporter } from './format.ts';

const ASCII_COLUMNS = new Set(['country', 'admin1', 'admin2', 'admin3', 'location']);

/** "1" or "State forces" → "State forces"; anything else is kept as it is. */
export function interText(value: string): string {
  const trimmed = value.trim();
  if (/^[1-8]$/.test(trimmed)) return INTER_LABELS[Number(trimmed) as InterCode];
  return trimmed;
}

export function acledCells(e: FaultlineEvent): string[] {
  const record = e as unknown as Record<string, unknown>;
  return ACLED_COLUMNS.map((column) => {
    const text = cellText(record[column]);
    if (ASCII_COLUMNS.has(column)) return asciiName(text);
    if (column === 'inter1' || column === 'inter2') return interText(text);
    return text;
  });
}

export function acledCsvExporter(): Exporter {
  return {
    begin: () => stringify([[...ACLED_COLUMNS]], { record_delimiter: 'unix' }),
    event: (e) => csvRow(acledCells(e)),
    end: () => '',
  };
}
