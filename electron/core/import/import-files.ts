// The import pipeline: each file (or container member) is parsed, then written in ONE transaction,
// so an import is all-or-nothing per file whatever happens (error, cancel, or a killed process).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ImportFileResult, ImportProgress, ImportReport, UploadedFile } from '../../../shared/contract.ts';
import type { Db } from '../db/open-archive.ts';
import { EntriesRepo } from '../repo/entries-repo.ts';
import { SourcesRepo } from '../repo/sources-repo.ts';
import { collectFiles } from './collect-files.ts';
import { detectDirection, guessLanguage } from './detect-script.ts';
import { expandContainer } from './expand-container.ts';
import { bandHashes, blobToSignature, estimatedJaccard, minhash, NEAR_DUPLICATE_THRESHOLD, signatureToBlob } from './near-duplicates.ts';
import { parseDocument } from './parse-document.ts';
import { ImportRejection, type ParsedDocument } from './types.ts';

export interface JobContext {
  jobId: string;
  isCancelled(): boolean;
  onProgress(progress: ImportProgress): void;
}

export class ImportCancelled extends Error {
  constructor() {
    super('Import cancelled.');
  }
}

interface PendingFile {
  displayPath: string;
  name: string;
  load(): Uint8Array;
  size: number;
}

export async function importPaths(db: Db, paths: string[], ctx: JobContext): Promise<ImportReport> {
  const { files, missing } = collectFiles(paths);
  const pending: PendingFile[] = files.map((f) => ({
    displayPath: f.path,
    name: path.basename(f.path),
    size: f.size,
    load: () => fs.readFileSync(f.path),
  }));
  const report = await runImport(db, pending, ctx);
  report.files.unshift(...missing.map((m): ImportFileResult => ({ path: m.path, status: 'rejected', entries: 0, error: m.error })));
  return report;
}

export async function importUploads(db: Db, uploads: UploadedFile[], ctx: JobContext): Promise<ImportReport> {
  const pending: PendingFile[] = uploads.map((u) => ({
    displayPath: u.name,
    name: u.name.split(/[\\/]/).pop() || u.name,
    size: u.data.byteLength,
    load: () => u.data,
  }));
  return runImport(db, pending, ctx);
}

async function runImport(db: Db, pending: PendingFile[], ctx: JobContext): Promise<ImportReport> {
  const writer = new ArchiveWriter(db);
  const progress: ImportProgress = {
    jobId: ctx.jobId,
    filesDone: 0,
    filesTotal: pending.length,
    bytesDone: 0,
    bytesTotal: pending.reduce((n, f) => n + f.size, 0),
    entriesDone: 0,
    currentFile: null,
  };
  let lastEmit = 0;
  const emit = (force = false) => {
    const now = Date.now();
    if (!force && now - lastEmit < 100) return;
    lastEmit = now;
    ctx.onProgress({ ...progress });
  };
  const results: ImportFileResult[] = [];
  let cancelled = false;
  let entriesAdded = 0;
  emit(true);
  for (const file of pending) {
    if (cancelled || ctx.isCancelled()) {
      cancelled = true;
      results.push({ path: file.displayPath, status: 'cancelled', entries: 0 });
      continue;
    }
    progress.currentFile = file.displayPath;
    emit(true);
    let bytes: Uint8Array;
    try {
      bytes = file.load();
    } catch (error) {
      results.push({ path: file.displayPath, status: 'rejected', entries: 0, error: `Quire could not read this file (${describeFsError(error)}).` });
      progress.filesDone++;
      progress.bytesDone += file.size;
      continue;
    }
    let members: { displayPath: string; name: string; container: string | null; bytes: Uint8Array }[];
    try {
      const expanded = expandContainer(file.name, bytes);
      members = expanded
        ? expanded.map((m) => ({ displayPath: `${file.displayPath}/${m.name}`, name: m.name.split('/').pop() || m.name, container: file.displayPath, bytes: m.bytes }))
        : [{ displayPath: file.displayPath, name: file.name, container: null, bytes }];
      if (expanded && expanded.length === 0) {
        results.push({ path: file.displayPath, status: 'rejected', entries: 0, error: 'The container holds no files.' });
      }
    } catch (error) {
      results.push({ path: file.displayPath, status: 'rejected', entries: 0, error: rejectionMessage(error) });
      members = [];
    }
    for (const member of members) {
      try {
        const result = await writer.importOne(member, ctx, () => {
          progress.entriesDone++;
          emit();
        });
        entriesAdded += result.status === 'imported' ? result.entries : 0;
        results.push(result);
      } catch (error) {
        if (error instanceof ImportCancelled) {
          cancelled = true;
          results.push({ path: member.displayPath, status: 'cancelled', entries: 0 });
          break;
        }
        results.push({ path: member.displayPath, status: 'rejected', entries: 0, error: rejectionMessage(error) });
      }
    }
    progress.filesDone++;
    progress.bytesDone += file.size;
    emit(true);
  }
  progress.currentFile = null;
  emit(true);
  return { jobId: ctx.jobId, files: results, cancelled, entriesAdded };
}

function describeFsError(error: unknown): string {
  const code = typeof error === 'object' && error && 'code' in error ? String((error as { code: unknown }).code) : '';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOENT') return 'it no longer exists';
  if (code === 'EISDIR') return 'it is a folder';
  return code || 'read error';
}

function rejectionMessage(error: unknown): string {
  if (error instanceof ImportRejection) return error.message;
  return 'Quire could not read this file: its content is malformed.';
}

/** Writes parsed documents; one instance per import job, statements prepared once. */
class ArchiveWriter {
  private readonly sources: SourcesRepo;
  private readonly entries: EntriesRepo;
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
    this.sources = new SourcesRepo(db);
    this.entries = new EntriesRepo(db);
  }

  async importOne(
    member: { displayPath: string; name: string; container: string | null; bytes: Uint8Array },
    ctx: JobContext,
    onEntry: () => void,
  ): Promise<ImportFileResult> {
    const sha256 = crypto.createHash('sha256').update(member.bytes).digest('hex');
    if (this.sources.findByHash(sha256) !== null) {
      return { path: member.displayPath, status: 'duplicate', entries: 0 };
    }
    // Parsing is async (PDF) and happens before the write transaction, which stays synchronous.
    const doc: ParsedDocument = await parseDocument(member.name, member.bytes);
    if (doc.entries.length === 0) throw new ImportRejection('Quire found no text to import in this file.');
    const now = new Date().toISOString();
    const write = this.db.transaction(() => {
      const sourceId = this.sources.insert({
        sha256,
        name: member.name,
        path: member.displayPath,
        container: member.container,
        size: member.bytes.byteLength,
        format: doc.format,
        encoding: doc.encoding,
        encodingConfidence: doc.encodingConfidence,
        importedAt: now,
        bytes: member.bytes,
        text: doc.text,
        header: doc.header ? JSON.stringify(doc.header) : null,
        warnings: doc.warnings.length > 0 ? JSON.stringify(doc.warnings) : null,
      });
      let added = 0;
      doc.entries.forEach((draft, ordinal) => {
        if (ctx.isCancelled()) throw new ImportCancelled();
        const body = draft.body;
        const contentHash = crypto.createHash('sha256').update(`${normalizeForHash(draft.title)}\n${normalizeForHash(body)}`).digest('hex');
        let entryId = this.entries.findByHash(contentHash);
        if (entryId === null) {
          const sig = minhash(`${draft.title} ${body}`);
          const sample = `${draft.title}\n${body}`;
          entryId = this.entries.insert({
            title: draft.title,
            body,
            date: draft.date ?? null,
            dateSource: draft.date ? (draft.dateSource ?? null) : null,
            author: draft.author ?? null,
            outlet: draft.outlet ?? null,
            url: draft.url ?? null,
            language: draft.language ?? guessLanguage(sample),
            direction: detectDirection(sample),
            contentHash,
            minhash: sig ? signatureToBlob(sig) : null,
            createdAt: now,
          });
          this.groupNearDuplicates(entryId, sig);
          added++;
        }
        this.entries.link(entryId, sourceId, draft.start, draft.end, ordinal);
        onEntry();
      });
      return { sourceId, added };
    });
    const { sourceId, added } = write.immediate();
    return {
      path: member.displayPath,
      status: 'imported',
      entries: doc.entries.length,
      format: doc.format,
      encoding: doc.encoding,
      sourceId,
      ...(doc.warnings.length > 0 ? { warnings: doc.warnings } : {}),
      ...(added < doc.entries.length ? { warnings: [...doc.warnings, `${doc.entries.length - added} entries were already in the archive from another file.`] } : {}),
    };
  }

  private groupNearDuplicates(entryId: number, sig: Uint32Array | null): void {
    if (!sig) {
      this.entries.setNearGroup(entryId, entryId);
      return;
    }
    const hashes = bandHashes(sig);
    let group: number | null = null;
    for (const candidate of this.entries.bandCandidates(hashes)) {
      const other = this.entries.signature(candidate);
      if (!other?.minhash) continue;
      if (estimatedJaccard(sig, blobToSignature(other.minhash)) >= NEAR_DUPLICATE_THRESHOLD) {
        group = other.nearGroup ?? candidate;
        break;
      }
    }
    this.entries.setNearGroup(entryId, group ?? entryId);
    this.entries.addBands(entryId, hashes);
  }
}

function normalizeForHash(text: string): string {
  return text.normalize('NFC').replace(/\s+/gu, ' ').trim();
}
