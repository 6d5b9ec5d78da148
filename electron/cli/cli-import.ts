// `quire import` and `quire serve`: the two commands that run the worker host (progress events,
// cancellation with Ctrl+C, and a reader that answers the browser during an import).
import path from 'node:path';
import type { ImportFileResult, ImportReport } from '../../shared/contract.ts';
import { addedPhrase, duplicatesPhrase, fileEntriesPhrase, partsPhrase } from '../../shared/entry-counts.ts';
import { QuireError } from '../../shared/errors.ts';
import { type FieldMap, MAPPED_FIELDS, parseFieldMap } from '../../shared/field-map.ts';
import { ArchiveHost } from '../core/worker/archive-host.ts';
import { UsageError, type CliContext } from './cli-common.ts';

export async function importCommand(ctx: CliContext): Promise<number> {
  const { io, options } = ctx;
  if (ctx.args.length === 0) throw new UsageError('import needs at least one file, folder or glob');
  const fieldMap = options.map === undefined ? undefined : readMap(options.map);
  const host = await ArchiveHost.open(ctx.archivePath);
  const jobId = `cli-${process.pid}`;
  const onSigint = () => {
    io.err('quire: cancelling after the current file…');
    host.cancel(jobId);
  };
  process.on('SIGINT', onSigint);
  const off = host.onEvent((e) => {
    if (e.type === 'import-progress' && io.isTTY && !options.json) {
      const p = e.progress;
      const stats = p.searchStats ? ` · updating search statistics${p.searchStats.total > 0 ? ` ${p.searchStats.done}/${p.searchStats.total}` : '…'}` : '';
      process.stderr.write(`\r${p.filesDone}/${p.filesTotal} files · ${p.entriesDone} entries · ${mb(p.bytesDone)}/${mb(p.bytesTotal)} MB${stats}   `);
    }
  });
  try {
    const paths = ctx.args.map((p) => (/[*?[{]/.test(p) ? p : path.resolve(p)));
    const result = await host.invoke('importFiles', { paths, jobId, ...(fieldMap ? { fieldMap } : {}) });
    if (io.isTTY && !options.json) process.stderr.write('\n');
    if (!result.ok) throw new QuireError(result.error.code as never, result.error.message);
    const report = result.value as ImportReport;
    io.out(options.json ? JSON.stringify(importJson(report)) : formatImport(report));
    const rejected = report.files.filter((f) => f.status === 'rejected').length;
    const unmapped = report.files.filter((f) => f.status === 'duplicate').length;
    if (fieldMap && unmapped > 0) {
      // A file already in the archive is not read again, so a new mapping cannot reach it.
      io.err(`quire: ${unmapped} ${unmapped === 1 ? 'file was' : 'files were'} already in the archive, so --map did not apply; delete the source first (quire delete --source NAME) to import it again with this mapping.`);
    }
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

export async function serveCommand(ctx: CliContext): Promise<number> {
  const port = ctx.options.port === undefined ? 0 : Number(ctx.options.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port must be a number from 0 to 65535');
  const host = await ArchiveHost.open(ctx.archivePath);
  // Only `quire serve` loads the server (and what it brings): not an import.
  const { serveArchive } = await import('../serve/serve-archive.ts');
  const server = await serveArchive({ host, rendererDir: ctx.io.rendererDir, port });
  ctx.io.out(`Quire is serving ${ctx.archivePath}\nOpen ${server.url}\nPress Ctrl+C to stop.`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await server.close();
  await host.close();
  return 0;
}

function mb(bytes: number): string {
  return (bytes / 1_048_576).toFixed(1);
}

function readMap(text: string): FieldMap {
  try {
    return parseFieldMap(text);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** `title=headline,body=articleBody`: the file's mapping, written as --map takes it. */
function mappingLine(f: ImportFileResult): string | null {
  const map = f.fieldMap;
  if (!map) return null;
  const pairs = MAPPED_FIELDS.flatMap((field) => (map[field] === undefined ? [] : [`${field}=${map[field]}`]));
  return pairs.length > 0 ? pairs.join(',') : null;
}

function importJson(report: ImportReport) {
  return {
    files: report.files.map((f) => ({
      path: f.path,
      status: f.status,
      entries: f.entries,
      ...(f.counts ? { counts: f.counts } : {}),
      ...(f.fieldMap ? { fieldMap: f.fieldMap } : {}),
      ...(f.warnings && f.warnings.length > 0 ? { warnings: f.warnings } : {}),
      ...(f.error ? { error: f.error } : {}),
    })),
    entriesAdded: report.entriesAdded,
    counts: report.counts,
  };
}

function formatImport(report: ImportReport): string {
  const lines = report.files.map((f) => {
    if (f.status === 'imported') {
      const mapping = mappingLine(f);
      const parts = partsPhrase(f.parts);
      return [`imported   ${f.path} (${fileEntriesPhrase(f.entries, f.counts)})`, ...(mapping ? [`           fields: ${mapping}`] : []), ...(parts ? [`           ${parts}`] : []), ...(f.warnings ?? []).map((w) => `           note: ${w}`)].join('\n');
    }
    if (f.status === 'duplicate') return `duplicate  ${f.path} (already in the archive)`;
    if (f.status === 'cancelled') return `cancelled  ${f.path}`;
    return `rejected   ${f.path}: ${f.error ?? 'unreadable'}`;
  });
  lines.push(`${[addedPhrase(report.counts), duplicatesPhrase(report.counts)].filter(Boolean).join('; ')}.`);
  return lines.join('\n');
}
