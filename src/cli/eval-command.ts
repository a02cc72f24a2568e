// `faultline eval`: runs the extractor on a document set (unless --pred gives its predictions) and scores
// the events against gold with the port of score_events.py, printing the same report and SUMMARY line.
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { toDocumentError } from '../ingest/errors.ts';
import { loadGold, loadJsonl, score, ScoreInputError } from '../eval/score.ts';
import { EXIT, UsageError } from './exit.ts';
import { resolveHome } from './home.ts';
import { loadExtractor } from './extractor.ts';
import { checkReadableFile, DEFAULT_COUNTRIES, parseCountries, validateOptions } from './options.ts';
import { Rejections } from './report.ts';
import { runDocuments } from './sources.ts';

export interface EvalOptions {
  docs?: string;
  gold: string;
  pred?: string;
  country?: string;
  by: string[];
  json?: boolean;
  home?: string;
  maxBytes?: string;
}

export async function runEval(opts: EvalOptions): Promise<number> {
  if (opts.docs === undefined && opts.pred === undefined) {
    throw new UsageError('eval needs --docs (to run the extractor on) or --pred (predictions to score)');
  }
  const countries = parseCountries(opts.country ?? DEFAULT_COUNTRIES);
  const validate = validateOptions(opts);
  await checkReadableFile(opts.gold, '--gold');
  if (opts.docs !== undefined) await checkReadableFile(opts.docs, '--docs');
  if (opts.pred !== undefined) await checkReadableFile(opts.pred, '--pred');

  let gold;
  let docs: unknown[] | undefined;
  let preds: unknown[];
  try {
    gold = loadGold(opts.gold);
    docs = opts.docs === undefined ? undefined : loadJsonl(opts.docs);
    preds = opts.pred === undefined ? [] : loadJsonl(opts.pred);
  } catch (err) {
    if (err instanceof ScoreInputError || err instanceof Error) throw new UsageError(err.message);
    throw err;
  }

  const rejections = new Rejections(null);
  if (opts.pred === undefined && opts.docs !== undefined) {
    const extractor = await loadExtractor({ countries, home: resolveHome({ flag: opts.home }) });
    for await (const r of runDocuments([], opts.docs, validate)) {
      if (!r.ok) {
        await rejections.report(r.error, r.source, r.line);
        continue;
      }
      try {
        preds.push(...extractor.extract(r.doc));
      } catch (err) {
        await rejections.report(toDocumentError(r.doc.id, err), r.source, r.line);
      }
    }
  }
  let result;
  try {
    result = score({ gold, preds, by: opts.by, json: opts.json === true, ...(docs ? { docs } : {}) });
  } catch (err) {
    if (err instanceof Error && /without doc_id/.test(err.message)) throw new UsageError(err.message);
    throw err;
  }
  process.stdout.write(result.text);
  return rejections.count > 0 ? EXIT.SOME_REJECTED : EXIT.OK;
}

export interface GeoparseEvalOptions {
  corpus: string;
  home?: string;
  json?: boolean;
  limit?: string;
}

/** `faultline eval geoparse`: toponym resolution (gold spans) and end-to-end geoparsing on GeoWebNews/TR-News. */
export async function runGeoparseEval(opts: GeoparseEvalOptions): Promise<number> {
  await checkReadableFile(opts.corpus, '--corpus');
  let limit: number | undefined;
  if (opts.limit !== undefined) {
    limit = Number(opts.limit);
    if (!Number.isInteger(limit) || limit < 1) throw new UsageError(`--limit must be a positive whole number, not "${opts.limit}"`);
  }
  const { evaluateGeoparse, formatReport, loadCorpus } = await import('../eval/geoparse.ts');
  const { indexPath, loadBundledGazetteer } = await import('../gazetteer/index.ts');
  let articles;
  try {
    articles = loadCorpus(opts.corpus);
  } catch (err) {
    throw new UsageError(`--corpus ${opts.corpus}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const home = resolveHome({ flag: opts.home });
  const gaz = loadBundledGazetteer({ home });
  const gazetteerName = existsSync(indexPath(home)) ? `bundled + imported (${indexPath(home)})` : 'bundled (cities500, world scope)';
  const { report } = evaluateGeoparse(articles, gaz, { ...(limit === undefined ? {} : { limit }), corpusName: basename(opts.corpus), gazetteerName });
  process.stdout.write(opts.json === true ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
  return EXIT.OK;
}
