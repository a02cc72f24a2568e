// The `faultline` command. Thin: it parses options and hands over to the commands, which call the same
// functions as any other shell around Faultline would.
import { readFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { FORMATS } from '../export/index.ts';
import { DEFAULT_MAX_BYTES } from '../ingest/validate.ts';
import { DEFAULT_GEONAMES_URL } from '../gazetteer/download.ts';
import { runEval, runGeoparseEval, type GeoparseEvalOptions } from './eval-command.ts';
import { EXIT, UsageError } from './exit.ts';
import { runExtract, type ExtractOptions } from './extract-command.ts';
import { runGazetteerDownload, runGazetteerImport, runGazetteerInfo, runGazetteerLookup } from './gazetteer-command.ts';
import { DEFAULT_COUNTRIES } from './options.ts';
import type { ExportOptions } from './export-command.ts';
import type { IngestOptions } from './ingest-command.ts';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

const EXIT_HELP = `
Exit status:
  0  every document was read (documents without events included)
  1  some documents were rejected (each reported on stderr as "faultline: <doc>: <reason>"); the others were processed
  2  usage error, or an input file that cannot be read; nothing was processed
  3  Faultline failed (could not start, could not write the output, internal error)`;

const HOME_HELP = 'data directory (gazetteer index, store); default $FAULTLINE_HOME, else ~/.faultline';
const COUNTRY_HELP = 'monitored countries, ISO 3166-1 alpha-2 (a preference for ambiguous places, not a filter)';
const DB_HELP = 'the store: a SQLite file or postgres://user@host/db; default $FAULTLINE_DB, else faultline.db in the data directory';
const MAX_BYTES_HELP = `largest accepted text per document, in bytes (512k, 5M allowed) (default: ${DEFAULT_MAX_BYTES})`;

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('faultline')
    .description('Turns news reports about armed conflict into ACLED-coded events, each field backed by evidence from the text.')
    .version(pkg.version)
    .exitOverride()
    .showHelpAfterError('(add --help for usage)')
    .addHelpText('after', `
Examples:
  faultline extract examples/report.txt
  faultline extract --input docs.jsonl --output events.jsonl --country ML,BF,NE
  faultline eval --docs dev/docs.jsonl --gold dev/gold.csv --by lang
  faultline eval geoparse --corpus ../shared/eval/geoparse/GWN.xml
${EXIT_HELP}`);

  program
    .command('extract')
    .description('Extract ACLED-coded events from reports: plain-text FILEs (one report each) and/or a JSONL of documents.')
    .argument('[FILE...]', 'plain-text reports (UTF-8); the id of each is its file name')
    .option('-i, --input <DOCS.jsonl>', 'JSONL, one document a line: {"id","text","published"?,"lang"?,"url"?,"title"?}; "-" reads stdin')
    .option('-o, --output <FILE>', 'write here instead of stdout (atomically: complete or not at all)')
    .addOption(new Option('-f, --format <format>', 'output format (default: table on a terminal, jsonl otherwise or by --output extension)').choices(FORMATS))
    .option('--published <YYYY-MM-DD>', 'publication date for documents that do not give one (anchors "on Saturday", years)')
    .option('--lang <en|fr>', 'language for documents that do not give one (default: detected)')
    .option('--country <codes>', COUNTRY_HELP, DEFAULT_COUNTRIES)
    .option('--max-bytes <size>', MAX_BYTES_HELP)
    .option('--errors <FILE.jsonl>', 'also write rejected documents here, one {"doc","line","source","reason"} a line')
    .option('--home <DIR>', HOME_HELP)
    .addHelpText('after', `
Documents are checked one by one; a rejected document is reported and the batch goes on. Rejected:
invalid JSON lines, missing or empty id or text, binary or wrongly encoded text, text over --max-bytes,
lang other than en/fr, published not a real YYYY-MM-DD date or after today, duplicate ids.

Examples:
  faultline extract examples/report.txt
  faultline extract --input examples/reports.jsonl --format acled-csv --output events.csv
  cat docs.jsonl | faultline extract --input - --format jsonl > events.jsonl
${EXIT_HELP}`)
    .action(async (files: string[], opts: ExtractOptions) => {
      process.exitCode = await runExtract(files, opts);
    });

  const evalCommand = program
    .command('eval')
    .description('Score extracted events against gold events; prints the same figures as score_events.py.')
    // Required, but checked in the action: commander checks an ancestor's required options for its subcommands too.
    .option('--gold <GOLD.csv>', 'gold events, one row per event: doc_id plus ACLED columns')
    .option('--docs <DOCS.jsonl>', 'all evaluated documents; the extractor runs on them unless --pred is given')
    .option('--pred <PRED.jsonl>', 'score these predicted events instead of running the extractor')
    .option('--by <field>', 'break the scores down by a gold or document field (e.g. lang); repeatable',
      (value: string, previous: string[]) => [...previous, value], [] as string[])
    .option('--json', 'print the metrics as one JSON object')
    .option('--country <codes>', COUNTRY_HELP, DEFAULT_COUNTRIES)
    .option('--max-bytes <size>', MAX_BYTES_HELP)
    .option('--home <DIR>', HOME_HELP)
    .addHelpText('after', `
Examples:
  faultline eval --docs ../shared/eval/dev/docs.jsonl --gold ../shared/eval/dev/gold.csv --by lang
  faultline eval --docs docs.jsonl --gold gold.csv --pred events.jsonl --json
${EXIT_HELP}`)
    .action(async (opts: Omit<Parameters<typeof runEval>[0], 'gold'> & { gold?: string }) => {
      if (opts.gold === undefined) return evalCommand.error("error: required option '--gold <GOLD.csv>' not specified", { code: 'commander.missingMandatoryOptionValue' });
      const gold: string = opts.gold;
      process.exitCode = await runEval({ ...opts, gold });
    });
  evalCommand
    .command('geoparse')
    .description('Geoparsing on GeoWebNews or TR-News: toponym resolution with gold spans, and recognition + resolution end to end.')
    .requiredOption('--corpus <FILE.xml>', 'GWN.xml or TR-News.xml (Gritta et al.): articles with gold toponyms')
    .option('--home <DIR>', HOME_HELP + '; an imported index there is used')
    .option('--json', 'print the metrics as one JSON object')
    .option('--limit <N>', 'only the first N articles')
    .addHelpText('after', `
Resolution: each gold toponym with coordinates is resolved from its name and article; scored by exact GeoNames
id, acc@161km, mean and median error, and the AUC of the log error curve (Gritta et al. 2018). A toponym the
gazetteer cannot resolve counts as an error of 20,039 km. End to end: Faultline's place recognition matched
to the gold spans by overlap (precision, recall, F1) and the same distance metrics over the matched ones.

Examples:
  faultline eval geoparse --corpus ../shared/eval/geoparse/GWN.xml
  faultline eval geoparse --corpus ../shared/eval/geoparse/TR-News.xml --json --limit 20`)
    .action(async (_opts: GeoparseEvalOptions, cmd: Command) => {
      // `eval`'s own --json and --home are parsed by `eval` wherever they stand: take them from there too.
      process.exitCode = await runGeoparseEval(cmd.optsWithGlobals<GeoparseEvalOptions>());
    });

  const gazetteer = program
    .command('gazetteer')
    .description('The GeoNames index: import country dumps (villages, wells, hills), see what is loaded, look places up.');
  gazetteer
    .command('import')
    .description('Import GeoNames dumps into the index under --home (atomic: all files or nothing; a country imported again is replaced).')
    .argument('<PATH...>', 'ML.txt, ML.zip, allCountries.zip, admin1CodesASCII.txt, admin2Codes.txt, or a folder of them')
    .option('--home <DIR>', HOME_HELP)
    .addHelpText('after', `
Files as published at download.geonames.org/export/dump (19-column geoname tables, zipped or not, and the
admin code tables). Progress (rows, rows/s) goes to stderr on a terminal. Credit: GeoNames, CC BY 4.0.

Examples:
  faultline gazetteer import ML.zip BF.zip NE.zip admin1CodesASCII.txt admin2Codes.txt
  faultline gazetteer import ../shared/geonames --home /tmp/flh

Exit status:
  0  every file was imported
  1  a file was rejected (truncated zip, wrong column count, not a GeoNames table): nothing was imported,
     the index is as it was; the file and line are named on stderr
  2  usage error, or a path that does not exist or cannot be read; nothing was imported
  3  Faultline failed (another import is running, the index could not be written, internal error)`)
    .action(async (paths: string[], opts: { home?: string }) => {
      process.exitCode = await runGazetteerImport(paths, opts);
    });
  gazetteer
    .command('download')
    .description('Download GeoNames country dumps (and the admin code tables) into --home, then import them as `import` does.')
    .argument('<COUNTRY...>', 'ISO 3166-1 alpha-2 codes: ML BF NE (fetches BASE/ML.zip, BASE/BF.zip, BASE/NE.zip)')
    .option('--base-url <URL>', `where the dumps are; default $FAULTLINE_GEONAMES_URL, else ${DEFAULT_GEONAMES_URL}`)
    .option('--admin', 'also download admin1CodesASCII.txt and admin2Codes.txt (the default)')
    .option('--no-admin', 'do not download the admin code tables')
    .option('--home <DIR>', HOME_HELP)
    .addHelpText('after', `
The only command that uses the network. Files are saved in HOME/gazetteer/downloads/ (each streamed to a
temporary file, renamed when complete), all of them before the import starts: if one cannot be fetched,
nothing is imported. Progress goes to stderr on a terminal. Credit: GeoNames, CC BY 4.0.

Examples:
  faultline gazetteer download ML BF NE
  faultline gazetteer download ML --no-admin --base-url https://mirror.example.org/geonames

Exit status:
  0  every file was downloaded and imported
  1  a downloaded file was rejected (not a GeoNames table): nothing was imported, the index is as it was
  2  usage error (a country code that is not two letters, a bad URL), or a file the server does not have
     (HTTP 404): nothing was imported
  3  a download failed (network failure, other HTTP error), another import is running, or an internal
     error: nothing was imported`)
    .action(async (countries: string[], opts: { home?: string; baseUrl?: string; admin?: boolean }) => {
      process.exitCode = await runGazetteerDownload(countries, opts);
    });
  gazetteer
    .command('info')
    .description('What the gazetteer holds: the imported files, countries, rows and the index size.')
    .option('--json', 'print it as one JSON object')
    .option('--home <DIR>', HOME_HELP)
    .action(async (opts: { home?: string; json?: boolean }) => {
      process.exitCode = await runGazetteerInfo(opts);
    });
  gazetteer
    .command('lookup')
    .description('Candidates for a place name, best first, with the score the coder ranks them by.')
    .argument('<NAME>', 'a place name, any spelling: accents, case, hyphens and spaces are folded ("In Gouzma")')
    .option('--country <codes>', 'only places of these countries, ISO 3166-1 alpha-2 (ML,BF)')
    .option('--limit <N>', 'at most N candidates (default: 20)')
    .option('--home <DIR>', HOME_HELP)
    .action(async (name: string, opts: { home?: string; country?: string; limit?: string }) => {
      process.exitCode = await runGazetteerLookup(name, opts);
    });

  program
    .command('ingest')
    .description('Read reports into the store: coded, deduplicated (the same event from several reports is one event with several sources), each stored once.')
    .argument('[INPUT...]', 'text, HTML, JSONL batches, RSS/Atom files, folders of them, or feed/page URLs')
    .option('--db <URL>', DB_HELP)
    .option('--retry-failed', 'read again the inputs of the documents that failed before (and any INPUT given)')
    .option('--published <YYYY-MM-DD>', 'publication date for documents that do not give one')
    .option('--lang <en|fr>', 'language for documents that do not give one (default: detected)')
    .option('--country <codes>', COUNTRY_HELP, DEFAULT_COUNTRIES)
    .option('--max-bytes <size>', MAX_BYTES_HELP)
    .option('--quiet', 'no progress, no summary')
    .option('--home <DIR>', HOME_HELP)
    .addHelpText('after', `
The same report (same text, or same URL) ingested again changes nothing. A document that cannot be read or
coded is reported on stderr and recorded with its reason; the others are stored. Progress (documents/s, ETA)
goes to stderr on a terminal.

Examples:
  faultline ingest examples/
  faultline ingest reports.jsonl --db postgres://faultline@127.0.0.1/faultline
  faultline ingest https://example.org/feed.xml
  faultline ingest --retry-failed

Exit status:
  0  every document was stored (or was already)
  1  some documents failed (named on stderr, recorded for --retry-failed); the others were stored
  2  usage error or an input that does not exist; nothing was read
  3  Faultline failed (store unreachable, internal error)`)
    .action(async (inputs: string[], opts: IngestOptions) => {
      const { runIngest } = await import('./ingest-command.ts');
      process.exitCode = await runIngest(inputs, opts);
    });

  program
    .command('import-acled')
    .description('Load an ACLED export (CSV) into the store as events of origin ACLED, to compare and merge with Faultline\'s.')
    .argument('<FILE.csv>', "ACLED's CSV (or Faultline's acled-csv export)")
    .option('--db <URL>', DB_HELP)
    .option('--quiet', 'no progress, no summary')
    .option('--home <DIR>', HOME_HELP)
    .action(async (file: string, opts: { db?: string; home?: string; quiet?: boolean }) => {
      const { runImportAcled } = await import('./acled-command.ts');
      process.exitCode = await runImportAcled(file, opts);
    });

  program
    .command('export')
    .description('Write the stored events a filter selects, as ACLED CSV (default), GeoJSON, JSONL or JSON.')
    .option('--db <URL>', DB_HELP)
    .addOption(new Option('-f, --format <format>', 'output format').choices(FORMATS.filter((f) => f !== 'table')).default('acled-csv'))
    .option('-o, --output <FILE>', 'write here (atomically) instead of stdout')
    .option('--from <YYYY-MM-DD>', 'events on or after this date')
    .option('--to <YYYY-MM-DD>', 'events on or before this date')
    .option('--country <names>', 'country names, comma-separated (Mali,Niger)')
    .option('--admin1 <names>', 'admin1 names, comma-separated')
    .option('--admin2 <names>', 'admin2 names, comma-separated')
    .option('--event-type <types>', 'event types, comma-separated')
    .option('--sub-event-type <types>', 'sub-event types, comma-separated')
    .option('--actor <text>', 'an actor (any side) whose name holds this text')
    .option('--bbox <w,s,e,n>', 'events inside this box (degrees)')
    .option('--text <text>', 'words in the notes, location or actors')
    .option('--min-fatalities <N>', 'at least N fatalities')
    .option('--source <outlet>', 'events with a source from this outlet')
    .option('--home <DIR>', HOME_HELP)
    .action(async (opts: ExportOptions) => {
      const { runExport } = await import('./export-command.ts');
      process.exitCode = await runExport(opts);
    });

  program
    .command('serve')
    .description('Serve the dashboard (at /) and the HTTP API (OpenAPI document at /docs) on the store.')
    .option('--db <URL>', DB_HELP)
    .option('--port <N>', 'port (default: 8080; 0 picks a free one)')
    .option('--host <ADDRESS>', 'address to listen on (default: 127.0.0.1; 0.0.0.0 for every interface)')
    .addOption(new Option('--read-auth <mode>', 'open: anyone reads; token: reads need a viewer token (writes always need an analyst token)').choices(['open', 'token']).default('open'))
    .option('--country <codes>', COUNTRY_HELP, DEFAULT_COUNTRIES)
    .option('--max-bytes <size>', MAX_BYTES_HELP)
    .option('--examples', 'first ingest the bundled example reports (into examples.db in the data directory unless --db is given)')
    .option('--boundaries <FILE>', 'admin1 outlines for the map: a GeoJSON (or TopoJSON) file of admin1 polygons, e.g. Natural Earth\'s ne_10m_admin_1_states_provinces')
    .option('--home <DIR>', HOME_HELP)
    .action(async (opts: import('./serve-command.ts').ServeOptions) => {
      const { runServe } = await import('./serve-command.ts');
      process.exitCode = await runServe(opts);
    });

  const token = program.command('token').description('API tokens: viewers read, analysts also correct, admins also manage.');
  token
    .command('create')
    .description('Make a token and print it (once).')
    .addOption(new Option('--role <role>', 'what the token may do').choices(['viewer', 'analyst', 'admin']).default('viewer'))
    .option('--name <NAME>', 'who holds it (shown in the history of what it changes)')
    .option('--db <URL>', DB_HELP)
    .option('--home <DIR>', HOME_HELP)
    .action(async (opts: { role?: string; name?: string; db?: string; home?: string }) => {
      const { runTokenCreate } = await import('./token-command.ts');
      process.exitCode = await runTokenCreate(opts);
    });
  token
    .command('list')
    .description('The tokens: id, role, name, created, revoked.')
    .option('--db <URL>', DB_HELP)
    .option('--home <DIR>', HOME_HELP)
    .action(async (opts: { db?: string; home?: string }) => {
      const { runTokenList } = await import('./token-command.ts');
      process.exitCode = await runTokenList(opts);
    });
  token
    .command('revoke')
    .description('Revoke a token by its id.')
    .argument('<ID>', 'the id token list shows')
    .option('--db <URL>', DB_HELP)
    .option('--home <DIR>', HOME_HELP)
    .action(async (id: string, opts: { db?: string; home?: string }) => {
      const { runTokenRevoke } = await import('./token-command.ts');
      process.exitCode = await runTokenRevoke(id, opts);
    });

  return program;
}

export async function main(argv: string[]): Promise<number> {
  // A closed pipe (`faultline extract ... | head`) is not an error.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(EXIT.OK);
    throw err;
  });
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.OK;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? EXIT.OK : EXIT.USAGE; // commander printed it
    if (err instanceof UsageError) {
      process.stderr.write(`faultline: ${err.message}\n`);
      return EXIT.USAGE;
    }
    process.stderr.write(`faultline: failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    return EXIT.FAILED;
  }
}

process.exitCode = await main(process.argv);
