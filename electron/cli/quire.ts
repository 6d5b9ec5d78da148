// The `quire` command: reads the command line and hands it to the command's own file.
import { parseArgs } from 'node:util';
import { QuireError } from '../../shared/errors.ts';
import { resolveArchivePath } from '../core/default-archive.ts';
import { UsageError, type CliContext, type CliIo, type CliOptions } from './cli-common.ts';
import { EXPORT_CLI_OPTIONS, EXPORT_USAGE, type ExportOptionName } from './cli-export-options.ts';
import { upgradeIfOlder } from './cli-upgrade.ts';

export { UsageError, type CliIo };

const USAGE = `Usage: quire <command> [options]

Commands:
  import PATH...                  Import files, folders and globs into the archive;
                                  --map title=headline,date=date_raw reads JSON/CSV fields
                                  (title, body, date, author, outlet, url) from the fields named
  search QUERY                    Search the archive (same query language as the app)
  stats                           Count what the archive holds
  serve                           Open the app in a browser (localhost only)

  codes                           The codebook as a tree, with each code's highlights
  code add PATH/TO/CODE           Add a code (and any missing parents); --color C
  code rename PATH NEWNAME        Rename a code
  code merge FROM_PATH INTO_PATH  Move a code's highlights and sub-codes into another
  code delete PATH                Delete a code: --mode move-up (default) | merge --into PATH | delete
  highlight ENTRY_ID              Highlight a passage: --quote TEXT, or --start S --end E
                                  (code points of the title, a blank line, the body);
                                  --code PATH (repeatable), --note TEXT
  highlights                      List highlights: --code PATH (with its sub-codes), --collection NAME
  collection add NAME             Add entries to a collection (made if new): --query Q or --entry ID...
  delete                          Move to the trash: --source NAME... or --entry ID...
                                  (highlights on them are kept, listed as orphaned)
  undo, redo                      Undo or redo the last change to annotations or the trash
  backup                          A consistent copy of the archive, also while the app runs:
                                  into FILE.backups/ beside it, or --out FILE
  backups                         List the archive's backups (manual, daily, before upgrades)
  restore BACKUP                  Put a backup in the archive's place (close the app first);
                                  the state it replaces is kept as a backup
${EXPORT_USAGE}

Options:
  --archive FILE      Archive to use (default: $QUIRE_ARCHIVE, else the desktop app's)
  --json              Machine-readable output
  --limit N           search, highlights: how many (search default 20, highlights all)
  --sort ORDER        search: relevance | date-desc | date-asc
  --translit          search: romanised-name spelling variants
  --exact-count       search: wait for the exact count before printing (else the first page
                      comes at once, with "at least N" and the count when it has it; --json
                      then gives the lower bound with "totalExact": false)
  --port N            serve: port (default: a free one)
  --no-open           serve: do not print the browser hint
  -h, --help          Show this help

A code PATH is names joined with "/" from the root (Topics/Economy); write a "/" inside a name as "\\/".`;

type OptionName = keyof CliOptions | ExportOptionName | 'archive' | 'help' | 'no-open';

/** The options each command reads; any other is a usage error rather than silently ignored. */
const COMMAND_OPTIONS: Record<string, OptionName[]> = {
  import: ['json', 'map'],
  search: ['json', 'limit', 'sort', 'translit', 'exact-count'],
  stats: ['json'],
  serve: ['port', 'no-open'],
  codes: ['json'],
  code: ['json', 'color', 'mode', 'into'],
  highlight: ['json', 'quote', 'start', 'end', 'code', 'note'],
  highlights: ['json', 'code', 'collection', 'limit'],
  collection: ['json', 'query', 'entry'],
  delete: ['json', 'source', 'entry'],
  undo: ['json'],
  redo: ['json'],
  export: ['json', 'collection', 'query', 'entry', 'all', 'highlights-only', 'context', 'format', 'out'],
  verify: ['json'],
  'import-project': ['json'],
  backup: ['json', 'out'],
  backups: ['json'],
  restore: ['json'],
};

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      tokens: true,
      options: {
        archive: { type: 'string' },
        json: { type: 'boolean', default: false },
        limit: { type: 'string' },
        sort: { type: 'string' },
        port: { type: 'string' },
        'no-open': { type: 'boolean' },
        translit: { type: 'boolean', default: false },
        'exact-count': { type: 'boolean', default: false },
        color: { type: 'string' },
        mode: { type: 'string' },
        into: { type: 'string' },
        quote: { type: 'string' },
        start: { type: 'string' },
        end: { type: 'string' },
        code: { type: 'string', multiple: true },
        note: { type: 'string' },
        collection: { type: 'string' },
        query: { type: 'string' },
        entry: { type: 'string', multiple: true },
        source: { type: 'string', multiple: true },
        map: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
        ...EXPORT_CLI_OPTIONS,
      },
    });
  } catch (error) {
    io.err(`quire: ${(error as Error).message.split('\n')[0]}`);
    return 2;
  }
  const { values, positionals, tokens } = parsed;
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    io.out(USAGE);
    return command || values.help ? 0 : 2;
  }
  try {
    const allowed = COMMAND_OPTIONS[command];
    if (!allowed) throw new UsageError(`unknown command "${command}". Run quire --help`);
    for (const t of tokens) {
      if (t.kind === 'option' && t.name !== 'archive' && !allowed.includes(t.name as OptionName)) throw new UsageError(`${command} has no option --${t.name}. Run quire --help`);
    }
    const hasSub = command === 'code' || command === 'collection';
    const ctx: CliContext = { io, archivePath: resolveArchivePath(values.archive), options: values, args: hasSub ? rest.slice(1) : rest };
    // An older archive is upgraded first, saying so on stderr; restore replaces it and verify only reads.
    if (command !== 'restore' && command !== 'verify') upgradeIfOlder(ctx);
    // Each command's file is loaded when it runs (the bundle splits at these imports): a
    // script that runs `quire codes` thousands of times does not compile the importers, the
    // exporters or the HTTP server each time.
    switch (command) {
      case 'stats':
        return await (await import('./cli-search.ts')).statsCommand(ctx);
      case 'search':
        return await (await import('./cli-search.ts')).searchCommand(ctx);
      case 'import':
        return await (await import('./cli-import.ts')).importCommand(ctx);
      case 'serve':
        return await (await import('./cli-import.ts')).serveCommand(ctx);
      case 'codes':
        return await (await import('./cli-codes.ts')).listCodesCommand(ctx);
      case 'code':
        return await (await import('./cli-codes.ts')).codeCommand(ctx, rest[0]);
      case 'highlight':
        return await (await import('./cli-highlights.ts')).highlightCommand(ctx);
      case 'highlights':
        return await (await import('./cli-highlights.ts')).listHighlightsCommand(ctx);
      case 'collection':
        return await (await import('./cli-collections.ts')).collectionCommand(ctx, rest[0]);
      case 'delete':
        return await (await import('./cli-history.ts')).deleteCommand(ctx);
      case 'undo':
      case 'redo':
        return await (await import('./cli-history.ts')).historyCommand(ctx, command);
      case 'backup':
        return await (await import('./cli-backup.ts')).backupCommand(ctx);
      case 'backups':
        return await (await import('./cli-backup.ts')).listBackupsCommand(ctx);
      case 'restore':
        return await (await import('./cli-backup.ts')).restoreCommand(ctx);
      case 'export':
        return await (await import('./cli-export.ts')).exportCommand(ctx);
      case 'verify':
        return await (await import('./cli-export.ts')).verifyCommand(ctx);
      case 'import-project':
        return await (await import('./cli-export.ts')).importProjectCommand(ctx);
      default:
        throw new UsageError(`unknown command "${command}". Run quire --help`);
    }
  } catch (error) {
    if (error instanceof UsageError || error instanceof QuireError) {
      io.err(`quire: ${error.message}`);
      return error instanceof UsageError ? 2 : 1;
    }
    io.err(`quire: unexpected error: ${(error as Error).message ?? String(error)}`);
    return 1;
  }
}
