// The `quire` command: import, search, stats, serve (export arrives with the export issue).
import path from 'node:path';
import { parseArgs } from 'node:util';
import { QuireError } from '../../shared/errors.ts';
import { Archive } from '../core/archive.ts';
import { resolveArchivePath } from '../core/default-archive.ts';
import { ArchiveHost } from '../core/worker/archive-host.ts';
import { serveArchive } from '../serve/serve-archive.ts';
import type { CountProgress, ImportReport, SearchRequest, SearchResult } from '../../shared/contract.ts';
import { countAllMatches } from '../../shared/count-matches.ts';

const USAGE = `Usage: quire <command> [options]

Commands:
  import PATH...      Import files, folders and globs into the archive
  search QUERY        Search the archive (same query language as the app)
  stats               Count what the archive holds
  serve               Open the app in a browser (localhost only)
  export ...          Export collections (not yet available)

Options:
  --archive FILE      Archive to use (default: $QUIRE_ARCHIVE, else the desktop app's)
  --json              Machine-readable output
  --limit N           search: how many hits (default 20)
  --sort ORDER        search: relevance | date-desc | date-asc
  --port N            serve: port (default: a free one)
  --no-open           serve: do not print the browser hint
  -h, --help          Show this help`;

export class UsageError extends Error {}

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  rendererDir: string;
  isTTY: boolean;
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        archive: { type: 'string' },
        json: { type: 'boolean', default: false },
        limit: { type: 'string' },
        sort: { type: 'string' },
        port: { type: 'string' },
        translit: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    io.err(`quire: ${(error as Error).message.split('\n')[0]}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    io.out(USAGE);
    return command || values.help ? 0 : 2;
  }
  const archivePath = resolveArchivePath(values.archive);
  try {
    switch (command) {
      case 'stats': {
        const archive = new Archive(archivePath);
        try {
          const stats = archive.call('stats', undefined) as ReturnType<Archive['handlers']['stats']>;
          if (values.json) io.out(JSON.stringify(stats));
          else io.out(Object.entries(stats).map(([k, v]) => `${k.padEnd(12)} ${v}`).join('\n'));
        } finally {
          archive.close();
        }
        return 0;
      }
      case 'search': {
        if (rest.length === 0) throw new UsageError('search needs a query, e.g. quire search "exact phrase"');
        const limit = values.limit === undefined ? 20 : Number(values.limit);
        if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new UsageError('--limit must be a whole number from 1 to 1000');
        const sort = values.sort ?? 'relevance';
        if (sort !== 'relevance' && sort !== 'date-desc' && sort !== 'date-asc') throw new UsageError('--sort must be relevance, date-desc or date-asc');
        const archive = new Archive(archivePath);
        try {
          const request: SearchRequest = { query: rest.join(' '), sort, transliteration: values.translit };
          const result = (await archive.call('search', { ...request, limit })) as SearchResult;
          if (!result.totalExact) {
            // Too many matches to count within the search: count them all now, as the app does.
            result.total = (await countAllMatches((req) => archive.call('countMatches', req) as CountProgress, request)) ?? result.total;
            result.totalExact = true;
          }
          io.out(values.json ? JSON.stringify(searchJson(result)) : formatSearch(result));
        } finally {
          archive.close();
        }
        return 0;
      }
      case 'import': {
        if (rest.length === 0) throw new UsageError('import needs at least one file, folder or glob');
        const host = await ArchiveHost.open(archivePath);
        const jobId = `cli-${process.pid}`;
        const onSigint = () => {
          io.err('quire: cancelling after the current file…');
          host.cancel(jobId);
        };
        process.on('SIGINT', onSigint);
        const off = host.onEvent((e) => {
          if (e.type === 'import-progress' && io.isTTY && !values.json) {
            const p = e.progress;
            const stats = p.searchStats ? ` · updating search statistics${p.searchStats.total > 0 ? ` ${p.searchStats.done}/${p.searchStats.total}` : '…'}` : '';
            process.stderr.write(`\r${p.filesDone}/${p.filesTotal} files · ${p.entriesDone} entries · ${mb(p.bytesDone)}/${mb(p.bytesTotal)} MB${stats}   `);
          }
        });
        try {
          const result = await host.invoke('importFiles', { paths: rest.map((p) => (/[*?[{]/.test(p) ? p : path.resolve(p))), jobId });
          if (io.isTTY && !values.json) process.stderr.write('\n');
          if (!result.ok) throw new QuireError(result.error.code as never, result.error.message);
          const report = result.value as ImportReport;
          io.out(values.json ? JSON.stringify(importJson(report)) : formatImport(report));
          const rejected = report.files.filter((f) => f.status === 'rejected').length;
          if (report.cancelled) {
            io.err('quire: import cancelled; finished files were kept.');
            return 130;
          }
          if (rejected > 0) {
            io.err(`quire: ${rejected} of ${report.files.length} files were rejected (see the report).`);
            return 1;
          }
          return 0;
        } finally {
          off();
          process.off('SIGINT', onSigint);
          await host.close();
        }
      }
      case 'serve': {
        const port = values.port === undefined ? 0 : Number(values.port);
        if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port must be a number from 0 to 65535');
        const host = await ArchiveHost.open(archivePath);
        const server = await serveArchive({ host, rendererDir: io.rendererDir, port });
        io.out(`Quire is serving ${archivePath}\nOpen ${server.url}\nPress Ctrl+C to stop.`);
        await new Promise<void>((resolve) => {
          process.once('SIGINT', resolve);
          process.once('SIGTERM', resolve);
        });
        await server.close();
        await host.close();
        return 0;
      }
      case 'export':
        throw new UsageError('export is not available yet in this version of Quire');
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

function mb(bytes: number): string {
  return (bytes / 1_048_576).toFixed(1);
}

function importJson(report: ImportReport) {
  return {
    files: report.files.map((f) => ({ path: f.path, status: f.status, entries: f.entries, ...(f.error ? { error: f.error } : {}) })),
  };
}

function formatImport(report: ImportReport): string {
  const lines = report.files.map((f) => {
    if (f.status === 'imported') return `imported   ${f.path} (${f.entries} ${f.entries === 1 ? 'entry' : 'entries'})`;
    if (f.status === 'duplicate') return `duplicate  ${f.path} (already in the archive)`;
    if (f.status === 'cancelled') return `cancelled  ${f.path}`;
    return `rejected   ${f.path}: ${f.error ?? 'unreadable'}`;
  });
  lines.push(`${report.entriesAdded} new entries.`);
  return lines.join('\n');
}

function searchJson(result: SearchResult) {
  return {
    total: result.total,
    totalExact: result.totalExact,
    hits: result.hits.map((h) => ({ id: h.id, title: h.title, date: h.date, author: h.author, outlet: h.outlet, source: h.source, snippet: h.snippet })),
  };
}

function formatSearch(result: SearchResult): string {
  const lines = [`${result.total}${result.totalExact ? '' : '+'} entries match.`];
  for (const h of result.hits) {
    const meta = [h.date, h.author, h.outlet].filter(Boolean).join(' · ');
    lines.push('', `#${h.id}  ${h.title || '(untitled)'}`, meta ? `      ${meta}` : '', `      ${h.snippet}`);
  }
  return lines.filter((l, i) => l !== '' || i === 0 || lines[i - 1] !== '').join('\n');
}
