// `faultline import-acled FILE.csv`: an ACLED export loaded as events (origin 'acled'), each row checked;
// a row already stored (same event_id_cnty) is left as it is.
import { readAcledCsv } from '../ingest/acled-csv.ts';
import { DocumentError } from '../ingest/errors.ts';
import { EventStore } from '../store/store.ts';
import { EXIT } from './exit.ts';
import { checkReadableFile } from './options.ts';
import { Progress } from './progress.ts';
import { resolveStoreUrl } from './store-url.ts';

export async function runImportAcled(file: string, opts: { db?: string; home?: string; quiet?: boolean }): Promise<number> {
  await checkReadableFile(file, 'ACLED file');
  const store = await EventStore.open(resolveStoreUrl(opts.db, opts.home));
  const progress = new Progress(null, opts.quiet !== true && process.stderr.isTTY === true);
  let stored = 0;
  let duplicates = 0;
  let rejected = 0;
  try {
    for await (const row of readAcledCsv(file)) {
      if (!row.ok) {
        rejected++;
        progress.end();
        process.stderr.write(`faultline: ${file}:${row.line}: ${row.error.docRef}: ${row.error.reason}\n`);
        await store.recordFailure(file, row.error.docRef, row.error.reason);
        continue;
      }
      const r = await store.importAcledEvent(row.event);
      if (r.status === 'stored') stored++;
      else duplicates++;
      progress.update(stored + duplicates + rejected, rejected);
    }
  } catch (err) {
    progress.end();
    if (err instanceof DocumentError) {
      process.stderr.write(`faultline: ${err.message}\n`);
      return EXIT.SOME_REJECTED;
    }
    throw err;
  } finally {
    await store.close();
  }
  progress.end();
  if (opts.quiet !== true) process.stderr.write(`faultline: ${file}: ${stored} events imported, ${duplicates} already stored, ${rejected} rows rejected\n`);
  return rejected > 0 ? EXIT.SOME_REJECTED : EXIT.OK;
}
