// `faultline extract`: documents in, coded events out, one document at a time (streaming), rejected
// documents reported and skipped.
import { extname } from 'node:path';
import { createExporter, FORMATS, isFormat, type Format } from '../export/index.ts';
import { toDocumentError } from '../ingest/errors.ts';
import { EXIT, UsageError } from './exit.ts';
import { resolveHome } from './home.ts';
import { loadExtractor } from './extractor.ts';
import { checkReadableFile, DEFAULT_COUNTRIES, parseCountries, validateOptions } from './options.ts';
import { fileOutput, stdoutOutput, type Output } from './output.ts';
import { Rejections } from './report.ts';
import { runDocuments } from './sources.ts';

export interface ExtractOptions {
  input?: string;
  output?: string;
  format?: string;
  published?: string;
  lang?: string;
  country?: string;
  home?: string;
  maxBytes?: string;
  errors?: string;
}

const FORMAT_BY_EXTENSION: Record<string, Format> = {
  '.jsonl': 'jsonl', '.ndjson': 'jsonl', '.json': 'json', '.csv': 'csv', '.geojson': 'geojson',
};

/** --format, else the output file's extension, else a table on a terminal and JSONL in a pipe. */
export function chooseFormat(format: string | undefined, output: string | undefined, isTty: boolean): Format {
  if (format !== undefined) {
    if (!isFormat(format)) throw new UsageError(`--format expects one of ${FORMATS.join(', ')}, got '${format}'`);
    return format;
  }
  if (output !== undefined) return FORMAT_BY_EXTENSION[extname(output).toLowerCase()] ?? 'jsonl';
  return isTty ? 'table' : 'jsonl';
}

export async function runExtract(files: string[], opts: ExtractOptions): Promise<number> {
  const validate = validateOptions(opts);
  const countries = parseCountries(opts.country ?? DEFAULT_COUNTRIES);
  const format = chooseFormat(opts.format, opts.output, process.stdout.isTTY === true);
  if (files.length === 0 && opts.input === undefined) {
    throw new UsageError('no input: give text FILEs or --input DOCS.jsonl (--input - reads standard input)');
  }
  for (const file of files) await checkReadableFile(file, 'input file');
  if (opts.input !== undefined) await checkReadableFile(opts.input, '--input');

  const extractor = await loadExtractor({ countries, home: resolveHome({ flag: opts.home }) });
  const exporter = createExporter(format);
  const out: Output = opts.output === undefined || opts.output === '-' ? stdoutOutput() : await fileOutput(opts.output);
  const errorsOut = opts.errors === undefined ? null : await fileOutput(opts.errors);
  const rejections = new Rejections(errorsOut);
  try {
    let read = 0;
    await out.write(exporter.begin());
    for await (const r of runDocuments(files, opts.input, validate)) {
      if (!r.ok) {
        await rejections.report(r.error, r.source, r.line);
        continue;
      }
      let events;
      try {
        events = extractor.extract(r.doc);
      } catch (err) {
        await rejections.report(toDocumentError(r.doc.id, err), r.source, r.line);
        continue;
      }
      read++;
      for (const event of events) await out.write(exporter.event(event));
    }
    await out.write(exporter.end());
    await out.commit();
    await errorsOut?.commit();
    if (rejections.count > 0) {
      process.stderr.write(`faultline: ${rejections.count} document${rejections.count === 1 ? '' : 's'} rejected, ${read} processed\n`);
    }
    return rejections.count > 0 ? EXIT.SOME_REJECTED : EXIT.OK;
  } catch (err) {
    out.abort();
    errorsOut?.abort();
    throw err;
  }
}
