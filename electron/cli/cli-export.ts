// `quire export`, `quire verify` and `quire import-project`: exports run as a job in the worker
// host (progress on a terminal, Ctrl+C cancels and leaves no half-written file); verify reads the
// export and checks each cited passage against the archive; import-project brings a Quire JSON
// export or a .qdpx project in.
import fs from 'node:fs';
import path from 'node:path';
import type { ExportFormat, ExportReport, ExportScope, ImportProjectReport } from '../../shared/contract.ts';
import { QuireError } from '../../shared/errors.ts';
import { Archive } from '../core/archive.ts';
import { verifyExportFile } from '../core/export/verify-export.ts';
import { ArchiveHost } from '../core/worker/archive-host.ts';
import { findCollection } from './cli-collections.ts';
import { plural, UsageError, wholeNumber, withArchive, type CliContext } from './cli-common.ts';

interface ExportCliOptions {
  json: boolean;
  collection?: string;
  query?: string;
  entry?: string[];
  all?: boolean;
  'highlights-only'?: boolean;
  context?: string;
  format?: string;
  out?: string;
}

const FORMATS: ExportFormat[] = ['md', 'html', 'docx', 'csv', 'json', 'qdpx', 'w3c'];

export async function exportCommand(ctx: CliContext): Promise<number> {
  const o = ctx.options as unknown as ExportCliOptions;
  const format = o.format as ExportFormat | undefined;
  if (!format || !FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
  if (!o.out) throw new UsageError('--out PATH says where to write the export');
  const chosen = [o.collection !== undefined, o.query !== undefined, o.entry !== undefined, o.all === true].filter(Boolean).length;
  if (chosen !== 1) throw new UsageError('say what to export: --collection NAME, --query Q, --entry ID... or --all (one of them)');
  const context = o.context === undefined ? undefined : wholeNumber(o.context, '--context');
  if (context !== undefined && !o['highlights-only']) throw new UsageError('--context goes with --highlights-only');
  if (!fs.existsSync(ctx.archivePath)) throw new QuireError('not-found', `There is no archive at ${ctx.archivePath} to export from (give it with --archive FILE).`);
  let scope: ExportScope;
  if (o.collection !== undefined) {
    const name = o.collection;
    const collection = await withArchive(ctx.archivePath, async (call) => findCollection(await call('listCollections', undefined), name));
    scope = { kind: 'collection', collectionId: collection.id };
  } else if (o.query !== undefined) scope = { kind: 'search', search: { query: o.query } };
  else if (o.entry !== undefined) scope = { kind: 'entries', entryIds: [...new Set(o.entry.map((e) => wholeNumber(e, '--entry', 1)))] };
  else scope = { kind: 'all' };

  const host = await ArchiveHost.open(ctx.archivePath);
  const jobId = `cli-export-${process.pid}`;
  const onSigint = () => {
    ctx.io.err('quire: cancelling the export…');
    host.cancel(jobId);
  };
  process.on('SIGINT', onSigint);
  const off = host.onEvent((e) => {
    if (e.type === 'export-progress' && e.progress.jobId === jobId && ctx.io.isTTY && !o.json) {
      process.stderr.write(`\r${e.progress.entriesDone}/${e.progress.entriesTotal} entries · ${e.progress.highlightsDone} highlights   `);
    }
  });
  try {
    const out = path.resolve(o.out);
    const result = await host.invoke('exportArchive', { scope, format, path: out, jobId, ...(o['highlights-only'] ? { highlightsOnly: true } : {}), ...(context !== undefined ? { context } : {}) });
    if (ctx.io.isTTY && !o.json) process.stderr.write('\n');
    if (!result.ok) throw new QuireError(result.error.code as never, result.error.message);
    const report = result.value as ExportReport;
    if (report.cancelled) {
      ctx.io.err('quire: export cancelled; nothing was written.');
      return 130;
    }
    for (const w of report.warnings) ctx.io.err(`quire: ${w}`);
    if (o.json) ctx.io.out(JSON.stringify({ path: report.path, format: report.format, entries: report.entries, highlights: report.highlights, bytes: report.bytes }));
    else ctx.io.out(`Wrote ${report.path}: ${plural(report.entries, 'entry', 'entries')}, ${plural(report.highlights, 'highlight')} (${format}).`);
    return 0;
  } finally {
    off();
    process.off('SIGINT', onSigint);
    await host.close();
  }
}

export async function verifyCommand(ctx: CliContext): Promise<number> {
  if (ctx.args.length !== 1) throw new UsageError('usage: quire verify EXPORT [--archive FILE]');
  if (!fs.existsSync(ctx.archivePath)) throw new QuireError('not-found', `There is no archive at ${ctx.archivePath} to check against (give it with --archive FILE).`);
  const archive = new Archive(ctx.archivePath, { readonly: true });
  try {
    const report = verifyExportFile(archive.db, path.resolve(ctx.args[0]!));
    if (ctx.options.json) ctx.io.out(JSON.stringify(report));
    else {
      for (const f of report.failures) ctx.io.out(`FAIL  ${f.where}: ${f.reason}`);
      const ok = report.checked - report.failures.length;
      ctx.io.out(`${plural(report.checked, 'passage')} checked (${report.format}): ${ok} hold, ${report.failures.length} ${report.failures.length === 1 ? 'fails' : 'fail'}.`);
    }
    return report.failures.length > 0 ? 1 : 0;
  } finally {
    archive.close();
  }
}

export async function importProjectCommand(ctx: CliContext): Promise<number> {
  if (ctx.args.length !== 1) throw new UsageError('usage: quire import-project FILE (a Quire JSON export or a .qdpx)');
  const report = (await withArchive(ctx.archivePath, (call) => call('importProject', { path: path.resolve(ctx.args[0]!) }))) as ImportProjectReport;
  if (ctx.options.json) ctx.io.out(JSON.stringify(report));
  else {
    const c = report.created;
    const u = report.updated;
    ctx.io.out(
      `Imported ${report.format === 'qdpx' ? 'the project' : 'the export'}: new ${plural(c.entries, 'entry', 'entries')}, ${plural(c.codes, 'code')}, ${plural(c.highlights, 'highlight')}, ${plural(c.notes, 'note')}, ${plural(c.collections, 'collection')}, ${plural(c.sources, 'source')}; updated ${u.entries + u.codes + u.highlights + u.notes + u.collections}.`,
    );
    for (const w of report.warnings) ctx.io.err(`quire: ${w}`);
  }
  return 0;
}
