// Runs one export as a job: plans what goes in, streams it through the format's exporter into
// `<destination>.part`, and renames that into place only when complete, so a cancelled or failed
// export never leaves half a file where the user asked for one.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ExportFormat, ExportProgress, ExportReport, ExportRequest } from '../../../shared/contract.ts';
import { QuireError } from '../../../shared/errors.ts';
import { APP_VERSION } from '../app-version.ts';
import type { Db } from '../db/open-archive.ts';
import { entryPages, exportCollections, outlinePages, planExport } from './collect-export.ts';
import { exportCsv } from './export-csv.ts';
import { exportDocx } from './export-docx.ts';
import { exportHtml } from './export-html.ts';
import { exportJson } from './export-json.ts';
import { exportMarkdown } from './export-markdown.ts';
import type { ExportJob, Exporter } from './export-model.ts';
import { exportQdpx } from './export-qdpx.ts';
import { ExportReader } from './export-reader.ts';
import { ExportSink } from './export-sink.ts';
import { exportW3c } from './export-w3c.ts';

const EXPORTERS: Record<ExportFormat, Exporter> = {
  md: exportMarkdown,
  html: exportHtml,
  docx: exportDocx,
  csv: exportCsv,
  json: exportJson,
  qdpx: exportQdpx,
  w3c: exportW3c,
};

export const EXPORT_EXTENSIONS: Record<ExportFormat, string> = {
  md: 'md',
  html: 'html',
  docx: 'docx',
  csv: 'csv',
  json: 'json',
  qdpx: 'qdpx',
  w3c: 'jsonld',
};

export interface ExportJobContext {
  jobId: string;
  isCancelled(): boolean;
  onProgress(progress: ExportProgress): void;
}

class Cancelled extends Error {}

/** Where an export with no destination goes (browser mode): the server hands it out once, then deletes it. */
export function downloadDir(): string {
  return path.join(os.tmpdir(), 'quire-exports');
}

export function downloadFile(jobId: string): string {
  if (!/^[A-Za-z0-9._-]{1,100}$/.test(jobId)) throw new QuireError('invalid-input', 'That is not an export job.');
  return path.join(downloadDir(), `${jobId}.export`);
}

/** Downloads nobody fetched (a page closed mid-export) are removed after a day. */
async function pruneDownloads(): Promise<void> {
  const dir = downloadDir();
  const names = await fs.promises.readdir(dir).catch(() => [] as string[]);
  const old = Date.now() - 24 * 3600 * 1000;
  for (const name of names) {
    const file = path.join(dir, name);
    const stat = await fs.promises.stat(file).catch(() => null);
    if (stat && stat.mtimeMs < old) await fs.promises.rm(file, { force: true });
  }
}

export async function runExport(db: Db, req: ExportRequest, ctx: ExportJobContext): Promise<ExportReport> {
  if (!req.path) await pruneDownloads();
  const reader = new ExportReader(db);
  const highlightsOnly = req.highlightsOnly === true;
  const plan = planExport(db, reader, req.scope);
  if (highlightsOnly) plan.ids = reader.withHighlights(plan.ids);
  const warnings: string[] = [];
  const target = req.path ? path.resolve(req.path) : downloadFile(ctx.jobId);
  const part = `${target}.part`;
  let sink: ExportSink;
  try {
    await fs.promises.mkdir(path.dirname(target), { recursive: true });
    sink = await ExportSink.open(part);
  } catch (error) {
    throw writeFailure(error, target);
  }
  const exportedAt = new Date().toISOString();
  const fileName = `quire-${slug(plan.title)}-${exportedAt.slice(0, 10)}.${EXPORT_EXTENSIONS[req.format]}`;
  let entries = 0;
  let highlights = 0;
  const job: ExportJob = {
    options: { format: req.format, highlightsOnly, context: req.context ?? 200, title: plan.title, exportedAt, appVersion: APP_VERSION },
    codes: reader.codes,
    async *pages() {
      entries = 0;
      highlights = 0;
      for await (const page of entryPages(reader, plan, {
        highlightsOnly,
        isCancelled: () => ctx.isCancelled(),
        onProgress: (p) => ctx.onProgress({ jobId: ctx.jobId, ...p }),
        onCancel: () => {
          throw new Cancelled();
        },
      })) {
        entries += page.length;
        highlights += page.reduce((n, e) => n + e.highlights.length, 0);
        yield page;
      }
    },
    outline: () => outlinePages(reader, plan, highlightsOnly),
    collections: () => exportCollections(reader, plan),
    sink,
    scratchPath: `${target}.scratch`,
    warn: (message) => warnings.push(message),
  };
  const report = (done: boolean): ExportReport => ({
    jobId: ctx.jobId,
    format: req.format,
    path: done ? target : null,
    fileName,
    entries,
    highlights,
    bytes: sink.bytes,
    cancelled: !done,
    warnings,
  });
  try {
    await EXPORTERS[req.format](job);
    if (reader.orphansSkipped > 0) {
      warnings.push(`${reader.orphansSkipped} highlight${reader.orphansSkipped === 1 ? '' : 's'} whose passage was lost when the entry changed ${reader.orphansSkipped === 1 ? 'was' : 'were'} left out (see the orphans in the annotations view).`);
    }
    await sink.close();
    await fs.promises.rename(part, target);
    return report(true);
  } catch (error) {
    await sink.close().catch(() => {});
    await fs.promises.rm(part, { force: true });
    if (error instanceof Cancelled) return report(false);
    throw writeFailure(error, target);
  }
}

/** A file system error in words a user can act on; anything else as it is. */
function writeFailure(error: unknown, target: string): unknown {
  if (error instanceof QuireError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOSPC') return new QuireError('invalid-input', `Quire could not write ${target}: the disk is full.`);
  if (code && ['EACCES', 'EPERM', 'EROFS', 'ENOENT', 'ENOTDIR', 'EISDIR', 'EEXIST'].includes(code)) {
    return new QuireError('invalid-input', `Quire could not write ${target}: that place is not writable (${code}).`);
  }
  return error;
}

function slug(text: string): string {
  const s = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return s || 'export';
}
