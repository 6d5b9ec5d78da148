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
import { detectScript } from './detect-script.ts';
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
  const batch = new GroupCommit(db);
  try {
    await importEach();
    batch.commit();
  } catch (error) {
    batch.rollback();
    throw error;
  }
  progress.currentFile = null;
  emit(true);
  return { jobId: ctx.jobId, files: results, cancelled, entriesAdded };

  async function importEach(): Promise<void> {
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
        const result = await writer.importOne(member, ctx, () => batch.begin(), () => {
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
    batch.maybeCommit();
    emit(true);
  }
  }
}

/**
 * Commits finished files together, at most every 250 ms: each file is still all-or-nothing (a
 * savepoint of its own inside the batch), but small files no longer pay a commit (and an FTS5
 * segment flush) each. A crash loses at most the last 250 ms of finished files, never part of one.
 */
class GroupCommit {
  private readonly db: Db;
  private started = 0;
  constructor(db: Db) {
    this.db = db;
  }

  /** Opens the batch if none is open; called before each file's own (nested) transaction. */
  begin(): void {
    if (this.db.inTransaction) return;
    this.db.exec('BEGIN IMMEDIATE');
    this.started = Date.now();
  }

  maybeCommit(): void {
    if (this.db.inTransaction && Date.now() - this.started >= 250) this.commit();
  }

  commit(): void {
    if (this.db.inTransaction) this.db.exec('COMMIT');
  }

  rollback(): void {
    if (this.db.inTransaction) this.db.exec('ROLLBACK');
  }
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
    beginBatch: () => void,
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
        header: doc.header || doc.pages ? JSON.stringify({ ...doc.header, ...(doc.pages ? { pages: doc.pages } : {}) }) : null,
        warnings: doc.warnings.length > 0 ? JSON.stringify(doc.warnings) : null,
      });
      let added = 0;
      for (let from = 0; from < doc.entries.length; from += BATCH) {
        const batch = doc.entries.slice(from, from + BATCH);
        const prepared = batch.map((draft) => {
          const contentHash = crypto.createHash('sha256').update(`${normalizeForHash(draft.title)}\n${normalizeForHash(draft.body)}`).digest('hex');
          const existing = this.entries.findByHash(contentHash);
          const sig = existing === null ? minhash(`${draft.title} ${draft.body}`) : null;
          return { draft, contentHash, existing, sig, bands: sig ? bandHashes(sig) : null };
        });
        const groups = new NearDuplicateBatch(this.entries, prepared.flatMap((p) => (p.bands ? p.bands.map((h, b): [number, number] => [b, h]) : [])));
        prepared.forEach(({ draft, contentHash, existing, sig, bands }, i) => {
          if (ctx.isCancelled()) throw new ImportCancelled();
          let entryId = existing ?? this.entries.findByHash(contentHash); // the same text twice in one batch
          if (entryId === null) {
            const script = detectScript(`${draft.title}\n${draft.body}`);
            const nearGroup = sig && bands ? groups.groupFor(sig, bands) : null;
            entryId = this.entries.insert({
              title: draft.title,
              body: draft.body,
              date: draft.date ?? null,
              dateSource: draft.date ? (draft.dateSource ?? null) : null,
              author: draft.author ?? null,
              outlet: draft.outlet ?? null,
              url: draft.url ?? null,
              language: draft.language ?? script.language,
              direction: script.direction,
              contentHash,
              minhash: sig ? signatureToBlob(sig) : null,
              nearGroup,
              createdAt: now,
            });
            if (sig && bands) groups.add(entryId, sig, nearGroup, bands);
            added++;
          }
          this.entries.link(entryId, sourceId, draft.start, draft.end, from + i);
          onEntry();
        });
        groups.flush();
      }
      return { sourceId, added };
    });
    beginBatch();
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
}

const BATCH = 2000;

/**
 * Near-duplicate grouping for one batch of new entries: the stored candidates for all of the
 * batch's band keys are fetched in one query, entries of the batch are matched in memory, and the
 * batch's bands are written in one statement at the end.
 */
class NearDuplicateBatch {
  private readonly byKey = new Map<number, number[]>();
  private readonly known = new Map<number, { sig: Uint32Array; group: number }>();
  private readonly rows: [number, number, number][] = [];
  private readonly repo: EntriesRepo;

  constructor(repo: EntriesRepo, keys: [number, number][]) {
    this.repo = repo;
    for (const m of repo.bandMatches(keys)) this.remember(m.band, m.hash, m.entryId);
  }

  private remember(band: number, hash: number, entryId: number): void {
    const key = band * 4294967296 + (hash >>> 0);
    const list = this.byKey.get(key);
    if (list) list.push(entryId);
    else this.byKey.set(key, [entryId]);
  }

  /** The group this signature joins (its earliest near-duplicate's group), or null for a new group. */
  groupFor(sig: Uint32Array, bands: number[]): number | null {
    const candidates = new Set<number>();
    bands.forEach((hash, band) => {
      for (const id of this.byKey.get(band * 4294967296 + (hash >>> 0)) ?? []) candidates.add(id);
    });
    for (const id of [...candidates].sort((a, b) => a - b).slice(0, 50)) {
      let other = this.known.get(id);
      if (!other) {
        const stored = this.repo.signature(id);
        if (!stored?.minhash) continue;
        other = { sig: blobToSignature(stored.minhash), group: stored.nearGroup ?? id };
        this.known.set(id, other);
      }
      if (estimatedJaccard(sig, other.sig) >= NEAR_DUPLICATE_THRESHOLD) return other.group;
    }
    return null;
  }

  add(entryId: number, sig: Uint32Array, group: number | null, bands: number[]): void {
    this.known.set(entryId, { sig, group: group ?? entryId });
    bands.forEach((hash, band) => {
      this.remember(band, hash, entryId);
      this.rows.push([band, hash, entryId]);
    });
  }

  flush(): void {
    this.repo.addBands(this.rows);
    this.rows.length = 0;
  }
}

function normalizeForHash(text: string): string {
  return text.normalize('NFC').replace(/\s+/gu, ' ').trim();
}
