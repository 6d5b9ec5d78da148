// The import pipeline: files are read (containers opened), prepared in a helper thread one or
// two files ahead, and written one savepoint per file, so each file is all-or-nothing.
import fs from 'node:fs';
import path from 'node:path';
import type { EntryCounts, ImportFileResult, ImportProgress, ImportReport, SourceFormat, UploadedFile } from '../../../shared/contract.ts';
import type { FieldMap } from '../../../shared/field-map.ts';
import { packContent } from '../repo/source-content.ts';
import type { Db } from '../db/open-archive.ts';
import { ArchiveWriter, ImportCancelled, type MemberToWrite } from './archive-writer.ts';
import { FileTurns, holdEdits, StepAside } from './edit-turns.ts';
import { BAND_SLICE_ENTRIES, indexBandSlice, indexPendingBands } from './band-index.ts';
import { EntriesRepo } from '../repo/entries-repo.ts';
import { fileParts, PARTED_FORMATS, partedFormat, readHead, type FilePart } from './file-parts.ts';
import { deferIndexMerges, mergePendingIndex, restoreAutomerge } from './index-merge.ts';
import { limitImportMemory } from './import-memory.ts';
import { collectFiles } from './collect-files.ts';
import { DocumentPreparer } from './document-preparer.ts';
import { openContainer, type ContainerItem } from './expand-container.ts';
import { formatSize, importLimits, tooBigToImport, type ImportLimits } from './import-limits.ts';
import type { PreparedDocument } from './prepare-document.ts';
import { sha256Hex } from './sha256.ts';
import { refreshSearchStatsInSlices, type RefreshOptions } from '../search/search-stats.ts';
import { stageEnd, stageStart, useStageSink, type ImportStageTimes } from './stage-times.ts';
import { ImportRejection, NothingToImport } from './types.ts';

export interface JobContext {
  jobId: string;
  isCancelled(): boolean;
  onProgress(progress: ImportProgress): void;
  /** Thresholds of the statistics refresh at the end (search-stats.ts), which tests set low, and where it ranks its lists. */
  searchStats?: Pick<RefreshOptions, 'commonDocs' | 'topK' | 'rankElsewhere'>;
  /** How big a file may be and how far a container may unpack (import-limits.ts); tests lower them. */
  limits?: Partial<ImportLimits>;
  /** JSON and CSV: the source field of each entry field, as the user chose it (`quire import --map`). */
  fieldMap?: FieldMap;
  /** Free bytes on the disk of this folder, null when unknown (the default asks the OS; tests give their own). */
  freeBytes?: (dir: string) => number | null;
  /** How many of its new entries an import keeps in memory for near-duplicate lookups before indexing them (band-index.ts); tests set it low. */
  bandMemory?: number;
  /** Pages per transaction of the search index's merges between files (index-merge.ts); tests set it low. */
  indexMergePages?: number;
  /** How many bytes of files may wait read ahead of the one being written (LOOKAHEAD_BYTES); tests set it low. */
  lookaheadBytes?: number;
  /** The bench's breakdown: each thread adds its stages' CPU and wall time here (stage-times.ts). */
  stageTimes?: ImportStageTimes;
}

/**
 * JobContext.bandMemory's default: about 3 MB of band keys and signatures. V8 lets the writer's heap
 * grow to a few times what it holds live, so 20,000 (32 MB live) cost about 30 MB of peak RSS at
 * 100,000 entries; indexing them more often is the same work in more, smaller steps.
 */
const BAND_MEMORY = 2_000;

/** Free bytes for this user on the disk holding `dir`, or null when the system cannot say. */
function osFreeBytes(dir: string): number | null {
  try {
    const s = fs.statfsSync(dir);
    return s.bavail * s.bsize;
  } catch {
    return null;
  }
}

/**
 * Room a file takes while it is stored: its bytes and text, the entries and their index, and the
 * same pages again in the write-ahead log until they are checkpointed. An estimate on the large
 * side of what archives measure (about 2.3× the bytes and text together), so that a file that
 * cannot fit is refused at once instead of failing at the disk after all its work.
 */
export const spaceNeeded = (rowBytes: number) => 3 * rowBytes + 4 * 1024 * 1024;

interface PendingFile {
  displayPath: string;
  name: string;
  load(): Uint8Array;
  size: number;
  /** Where it is on disk, when it is: a file too large to read whole can then be read in parts. */
  path?: string;
}

export async function importPaths(db: Db, paths: string[], ctx: JobContext, displayNames?: string[]): Promise<ImportReport> {
  if (displayNames) return importNamedFiles(db, paths, displayNames, ctx);
  const { files, missing } = collectFiles(paths);
  const pending: PendingFile[] = files.map((f) => ({
    displayPath: f.path,
    name: path.basename(f.path),
    size: f.size,
    path: f.path,
    load: () => fs.readFileSync(f.path),
  }));
  const report = await runImport(db, pending, ctx);
  report.files.unshift(...missing.map((m): ImportFileResult => ({ path: m.path, status: 'rejected', entries: 0, error: m.error })));
  return report;
}

/**
 * Files saved under names of their own (browser-mode uploads in a temporary folder), imported as
 * the names the user dropped them with: each path is one file, never a folder or a pattern.
 */
async function importNamedFiles(db: Db, paths: string[], names: string[], ctx: JobContext): Promise<ImportReport> {
  const pending: PendingFile[] = [];
  const unreadable: ImportFileResult[] = [];
  paths.forEach((file, i) => {
    const name = names[i]!;
    let size: number;
    try {
      const stat = fs.statSync(file);
      if (!stat.isFile()) throw Object.assign(new Error('not a file'), { code: 'EISDIR' });
      size = stat.size;
    } catch (error) {
      unreadable.push({ path: name, status: 'rejected', entries: 0, error: `Quire could not read this file (${describeFsError(error)}).` });
      return;
    }
    pending.push({ displayPath: name, name: name.split(/[\\/]/).pop() || name, size, path: file, load: () => fs.readFileSync(file) });
  });
  const report = await runImport(db, pending, ctx);
  report.files.unshift(...unreadable);
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

/** How many files are prepared ahead of the one being written. */
const LOOKAHEAD = 2;
/**
 * No more files are read ahead while those waiting hold this many bytes: each is in memory several
 * times over until it is written (its bytes in both threads, its text, entries and folded fields),
 * so two large files waiting would take gigabytes. One file is always read, however large.
 */
export const LOOKAHEAD_BYTES = 32 * 1024 * 1024;
/**
 * The longest the import runs between two turns of the event loop, so an edit sent to the writer
 * meanwhile (worker/archive-worker.ts) waits for the current file at most, not for the whole
 * import: a prepared file is awaited without a turn when the helper thread is ahead.
 */
const TURN_MS = 20;

interface QueuedMember extends MemberToWrite {
  file: PendingFile;
  lastOfFile: boolean;
  /** A part of a file too large to read whole (file-parts.ts): its byte range in the file, the file's format, and a table's header row. */
  part?: { start: number; end: number; format: SourceFormat; header?: Uint8Array };
  /** The name its format is told by, when it is not `name` (a part's name says its range). */
  parseName?: string;
  prepared: Promise<PreparedDocument | Error> | null;
  /** Why this container member was not unpacked (it is reported, in its place, and nothing is written). */
  refused?: string;
}

/** The large file being read in parts, a part at a time as the import reaches them. */
interface OpenParts {
  file: PendingFile;
  format: SourceFormat;
  parts: Iterator<FilePart>;
}

/** The name of a part's source: the file's, and which of its bytes (first and last, from 0) the part holds. */
function partName(name: string, part: { start: number; end: number }, size: number): string {
  return `${name} (bytes ${part.start}–${part.end - 1} of ${size})`;
}

/** The container being read: its members are unpacked one at a time, as the import reaches them. */
interface OpenFile {
  file: PendingFile;
  items: Iterator<ContainerItem>;
  index: number;
  count: number;
}

async function runImport(db: Db, pending: PendingFile[], ctx: JobContext): Promise<ImportReport> {
  const restoreMemory = limitImportMemory(db);
  const previous = ctx.stageTimes ? useStageSink(ctx.stageTimes.writer) : null;
  // A file read in parts turns the writer's automatic checkpoint off (PartedWrite.finish); it is back after the job.
  const autocheckpoint = db.pragma('wal_autocheckpoint', { simple: true }) as number;
  try {
    return await runImportJob(db, pending, ctx);
  } finally {
    if (ctx.stageTimes) useStageSink(previous);
    restoreMemory();
    if (db.open) db.pragma(`wal_autocheckpoint = ${Math.trunc(autocheckpoint)}`);
  }
}

async function runImportJob(db: Db, pending: PendingFile[], ctx: JobContext): Promise<ImportReport> {
  const writer = new ArchiveWriter(db, importLimits(ctx.limits).sourceChunkBytes);
  const preparer = new DocumentPreparer(ctx.stageTimes);
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
  /** `counted`: its bytes already counted as done (the parts written of a file read in parts). */
  const fileDone = (file: PendingFile, counted = 0) => {
    progress.filesDone++;
    progress.bytesDone += file.size - counted;
  };
  let nextFile = 0;

  const limits = importLimits(ctx.limits);
  let open: OpenFile | null = null;
  let openParts: OpenParts | null = null;

  type NewMember = Omit<MemberToWrite, 'sha256'> & Pick<QueuedMember, 'part' | 'parseName'>;
  const queueMember = (file: PendingFile, m: NewMember, lastOfFile: boolean): QueuedMember => {
    const tick = stageStart();
    const sha256 = sha256Hex(m.bytes);
    stageEnd('read + hash', tick);
    // Files already in the archive are not parsed at all.
    const prepared = writer.hasSource(sha256)
      ? null
      : preparer.prepare(m.parseName ?? m.name, m.bytes, ctx.fieldMap, limits.sourceChunkBytes, m.part?.header).catch((e: unknown) => (e instanceof Error ? e : new Error(String(e))));
    return { ...m, file, lastOfFile, sha256, prepared };
  };

  /** The next part of the file being read in parts; one the file cannot be cut at is queued as refused, and is its last. */
  const nextPart = (current: OpenParts): QueuedMember | null => {
    const { file } = current;
    let step: IteratorResult<FilePart>;
    try {
      step = current.parts.next();
    } catch (error) {
      step = { done: false, value: { start: 0, error: new ImportRejection(`Quire could not read this file (${describeFsError(error)}). Nothing of it was kept.`) } };
    }
    if (step.done) return null;
    const part = step.value;
    const base = { displayPath: file.displayPath, container: null, parseName: file.name };
    const { format } = current;
    if ('error' in part) return { ...base, name: file.name, bytes: new Uint8Array(0), sha256: '', file, lastOfFile: true, prepared: null, refused: part.error.message, part: { start: part.start, end: part.start, format } };
    const range = { start: part.start, end: part.end, format, ...(part.header ? { header: part.header } : {}) };
    return queueMember(file, { ...base, name: partName(file.name, range, file.size), bytes: part.bytes, part: range }, part.end === file.size);
  };

  /** The next member of the open container; a member that cannot be unpacked is queued as refused, in its place. */
  const nextMember = (current: OpenFile): QueuedMember | null => {
    const { file } = current;
    const step = current.items.next();
    if (step.done) return null;
    const item = step.value;
    const lastOfFile = ++current.index === current.count;
    const base = { displayPath: `${file.displayPath}/${item.name}`, name: item.name.split('/').pop() || item.name, container: file.displayPath };
    if ('error' in item) return { ...base, bytes: new Uint8Array(0), sha256: '', file, lastOfFile, prepared: null, refused: item.error.message };
    return queueMember(file, { ...base, bytes: item.bytes }, lastOfFile);
  };

  /**
   * Opens a large file for reading in parts, when its format can be cut into records
   * (file-parts.ts) and the disk has room for it; else says why it cannot be read in parts.
   */
  const openInParts = (file: PendingFile): string | null => {
    const tooBig = tooBigToImport(file.size, limits, PARTED_FORMATS).message;
    if (!file.path) return tooBig;
    let format;
    try {
      format = partedFormat(file.name, readHead(file.path));
    } catch (error) {
      return `Quire could not read this file (${describeFsError(error)}).`;
    }
    if (!format) return tooBig;
    // Its bytes and about as much text, checked at once: the parts go in one transaction.
    const refusal = noRoom(spaceNeeded(2 * file.size));
    if (refusal) return refusal;
    openParts = { file, format, parts: fileParts(file.path, file.size, format, limits) };
    return null;
  };

  /** Reads the next file (or container member); failures of whole files go straight to the report. */
  const readNext = (): QueuedMember | null => {
    while (open || openParts || nextFile < pending.length) {
      if (openParts) {
        const part = nextPart(openParts);
        if (part?.lastOfFile || !part) openParts = null;
        if (part) return part;
        continue;
      }
      if (open) {
        let member: QueuedMember | null;
        try {
          member = nextMember(open);
        } catch (error) {
          // Unpacking failed in a way that says nothing about one member: the rest of the container is refused.
          member = { displayPath: open.file.displayPath, name: open.file.name, container: null, bytes: new Uint8Array(0), sha256: '', file: open.file, lastOfFile: true, prepared: null, refused: rejectionMessage(error) };
        }
        if (member?.lastOfFile || !member) open = null;
        if (member) return member;
        continue;
      }
      const file = pending[nextFile++]!;
      // Checked before the file is read: a large one is read in parts when its format has records to cut it at, else whole.
      if (file.size > Math.min(limits.partFromBytes, limits.maxFileBytes)) {
        const refusal = openInParts(file);
        if (refusal === null) continue;
        if (file.size > limits.maxFileBytes) {
          results.push({ path: file.displayPath, status: 'rejected', entries: 0, error: refusal });
          fileDone(file);
          continue;
        }
      }
      let bytes: Uint8Array;
      const tick = stageStart();
      try {
        bytes = file.load();
        stageEnd('read + hash', tick);
      } catch (error) {
        results.push({ path: file.displayPath, status: 'rejected', entries: 0, error: `Quire could not read this file (${describeFsError(error)}).` });
        fileDone(file);
        continue;
      }
      try {
        const opened = openContainer(file.name, bytes, limits);
        if (!opened) return queueMember(file, { displayPath: file.displayPath, name: file.name, container: null, bytes }, true);
        if (opened.count === 0) throw new ImportRejection('The container holds no files.');
        open = { file, items: opened.items(), index: 0, count: opened.count };
      } catch (error) {
        results.push({ path: file.displayPath, status: 'rejected', entries: 0, error: rejectionMessage(error) });
        fileDone(file);
      }
    }
    return null;
  };

  const queue: QueuedMember[] = [];
  const lookaheadBytes = ctx.lookaheadBytes ?? LOOKAHEAD_BYTES;
  let queuedBytes = 0;
  const fill = () => {
    // Parts of a large file one ahead at most: each is in memory several times over once prepared.
    const ahead = () => (queue.at(-1)?.part ? Math.min(lookaheadBytes, limits.partBytes) : lookaheadBytes);
    while (queue.length < LOOKAHEAD && (queue.length === 0 || queuedBytes < ahead())) {
      const next = readNext();
      if (!next) return;
      queue.push(next);
      queuedBytes += next.bytes.byteLength;
    }
  };

  let cancelled = false;
  let parted: PartedWrite | null = null;
  let bandRepo: EntriesRepo | null = null;
  const counts: EntryCounts = { newEntries: 0, versions: 0, duplicates: 0 };
  const merging = { isCancelled: ctx.isCancelled, ...(ctx.indexMergePages ? { slicePages: ctx.indexMergePages } : {}) };
  const mergeBetweenFiles = async () => {
    const tick = stageStart();
    await mergePendingIndex(db, merging);
    stageEnd('index merges', tick);
  };
  let lastTurn = performance.now();
  emit(true);
  try {
    // Entries an earlier import wrote but was stopped before indexing for near-duplicates.
    await indexPendingBands(db, { isCancelled: ctx.isCancelled });
    // What an import stopped before merging, then no merging inside the files' transactions (index-merge.ts).
    await mergePendingIndex(db, merging);
    deferIndexMerges(db);
    fill();
    while (queue.length > 0) {
      const member = queue.shift()!;
      queuedBytes -= member.bytes.byteLength;
      if (ctx.isCancelled()) {
        cancelled = true;
        queue.unshift(member);
        break;
      }
      progress.currentFile = member.file.displayPath;
      emit(true);
      if (member.part) {
        if ((await writePart(member, member.part)) === 'cancelled') {
          cancelled = true;
          break;
        }
      } else {
        const result = await writeMember(member);
        if (result.status === 'cancelled') {
          cancelled = true;
          results.push(result);
          if (member.lastOfFile) fileDone(member.file);
          break;
        }
        results.push(result);
        addCounts(result.counts);
        if (member.lastOfFile) {
          fileDone(member.file);
          const tick = stageStart();
          writer.batch.maybeCommit();
          stageEnd('commit', tick);
          if (!db.inTransaction) await mergeBetweenFiles();
        }
      }
      await flushBands();
      fill();
      // Throttled: the next file's start (or the end of the job) sends the state unthrottled anyway.
      emit();
      if (performance.now() - lastTurn >= TURN_MS) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        lastTurn = performance.now();
      }
    }
    // A cancel between two parts: the file's parts so far go (writePart sets it, which TypeScript does not follow).
    const unfinishedParts = parted as PartedWrite | null;
    if (unfinishedParts) abandonParted({ path: unfinishedParts.file.displayPath, status: 'cancelled', entries: 0 });
    const tick = stageStart();
    writer.batch.commit();
    stageEnd('commit', tick);
    if (!cancelled) await mergeBetweenFiles();
  } catch (error) {
    writer.batch.rollback();
    throw error;
  } finally {
    (parted as PartedWrite | null)?.releaseEdits();
    (openParts as OpenParts | null)?.parts.return?.(undefined);
    await preparer.close();
    // A cancelled or failed import leaves its merging to the next one; until then writes merge as before.
    try {
      if (!db.inTransaction) restoreAutomerge(db);
    } catch {
      // the archive failed (the error above says why): the next import turns merging off and on again
    }
  }
  if (cancelled) {
    // A file read in parts is reported once, by its first part.
    for (const m of queue) if (!m.part || m.part.start === 0) results.push({ path: m.displayPath, status: 'cancelled', entries: 0 });
    const unfinished = open as OpenFile | null; // set by readNext, which TypeScript does not follow
    if (unfinished) results.push({ path: unfinished.file.displayPath, status: 'cancelled', entries: 0 });
    for (const f of pending.slice(nextFile)) results.push({ path: f.displayPath, status: 'cancelled', entries: 0 });
  }
  progress.currentFile = null;
  emit(true);
  if (!cancelled) {
    // The new entries' near-duplicate keys, in slices (band-index.ts); a cancel leaves them to the next import.
    let tick = stageStart();
    await indexPendingBands(db, { isCancelled: ctx.isCancelled });
    stageEnd('near-duplicate bands', tick);
    tick = stageStart();
    // The statistics that keep common words fast at scale (search-stats.ts), when anything changed
    // since they were made (this import, or an earlier one that was cancelled or cut short).
    // Cancelling here keeps every imported file and leaves them stale, which searches work around.
    // In slices: edits sent to the writer meanwhile run between them.
    await refreshSearchStatsInSlices(db, {
      ...ctx.searchStats,
      isCancelled: ctx.isCancelled,
      onProgress: (done, total) => {
        progress.searchStats = { done, total };
        emit(done === 0 || done === total);
      },
    });
    stageEnd('search statistics', tick);
  }
  return { jobId: ctx.jobId, files: results, cancelled, entriesAdded: counts.newEntries + counts.versions, counts };

  /** Writes a part of a file read in parts; its file is kept when its last part is written, and dropped whole at a failure or a cancel. */
  async function writePart(member: QueuedMember, part: NonNullable<QueuedMember['part']>): Promise<'cancelled' | 'written'> {
    // The parts go together in a transaction of their own; the window says that edits wait for it.
    if (!parted) {
      parted = new PartedWrite(db, member.file, writer);
      progress.editsWait = true;
      emit(true);
    }
    const result = await writeMember(member);
    progress.bytesDone += part.end - part.start;
    if (result.status === 'imported' || result.status === 'duplicate') parted.add(result);
    if (result.status === 'cancelled') {
      abandonParted({ path: member.file.displayPath, status: 'cancelled', entries: 0 });
      return 'cancelled';
    }
    if (result.status === 'rejected') {
      const where = part.end > part.start ? ` (in its bytes ${part.start}–${part.end - 1})` : '';
      abandonParted({ path: member.file.displayPath, status: 'rejected', entries: 0, error: `${result.error ?? 'Quire could not read this file.'}${where} Nothing of this file was kept.` });
    } else if (member.lastOfFile && parted.entries === 0) {
      abandonParted({ path: member.file.displayPath, status: 'rejected', entries: 0, error: 'Quire found no text to import in this file.' });
    } else if (member.lastOfFile) {
      const tick = stageStart();
      const whole = parted.finish();
      stageEnd('commit', tick);
      parted = null;
      delete progress.editsWait;
      results.push(whole);
      addCounts(whole.counts);
      fileDone(member.file, member.file.size);
      await mergeBetweenFiles();
    }
    return 'written';
  }

  /** Why a file that takes `needed` bytes of disk is not stored, or null when the disk has room (or cannot say). */
  function noRoom(needed: number): string | null {
    const free = (ctx.freeBytes ?? osFreeBytes)(path.dirname(path.resolve(db.name)));
    if (free === null || free >= needed) return null;
    return `The disk holding the archive has ${formatSize(free)} free; storing this file takes about ${formatSize(needed)}. Nothing of it was kept: free some space and import it again.`;
  }

  function addCounts(more: EntryCounts | undefined): void {
    if (!more) return;
    counts.newEntries += more.newEntries;
    counts.versions += more.versions;
    counts.duplicates += more.duplicates;
  }

  /**
   * Puts the bands of the import's new entries in their table once it holds BAND_MEMORY of them.
   * Between files the batch is committed first and they are indexed in slices; inside a file
   * read in parts, in its savepoint, so a rollback of the file takes them too.
   */
  async function flushBands(): Promise<void> {
    if (writer.bands.size < (ctx.bandMemory ?? BAND_MEMORY)) return;
    if (parted) {
      const tick = stageStart();
      bandRepo ??= new EntriesRepo(db);
      while (indexBandSlice(db, BAND_SLICE_ENTRIES * 10, bandRepo) > 0);
      writer.bands.clear();
      stageEnd('near-duplicate bands', tick);
      return;
    }
    let tick = stageStart();
    writer.batch.commit();
    stageEnd('commit', tick);
    tick = stageStart();
    await indexPendingBands(db, { isCancelled: ctx.isCancelled });
    stageEnd('near-duplicate bands', tick);
    if (!ctx.isCancelled()) writer.bands.clear();
  }

  /** Rolls back the file being written in parts, reports it as `result`, and drops its parts still to come. */
  function abandonParted(result: ImportFileResult): void {
    const current = parted!;
    parted = null;
    delete progress.editsWait;
    current.rollback();
    results.push(result);
    for (let i = queue.length - 1; i >= 0; i--) {
      if (queue[i]!.file !== current.file) continue;
      queuedBytes -= queue[i]!.bytes.byteLength;
      queue.splice(i, 1);
    }
    if (openParts?.file === current.file) {
      openParts.parts.return?.(undefined);
      openParts = null;
    }
    fileDone(current.file, current.file.size);
  }

  async function writeMember(member: QueuedMember): Promise<ImportFileResult> {
    if (member.refused !== undefined) return { path: member.displayPath, status: 'rejected', entries: 0, error: member.refused };
    if (!member.prepared || writer.hasSource(member.sha256)) return { path: member.displayPath, status: 'duplicate', entries: 0 };
    let tick = stageStart();
    let prepared = await member.prepared;
    stageEnd('waiting for the prepare thread', tick);
    // A part with nothing to import (a run of a web archive's images) is kept, bytes only, with the rest of its file.
    if (prepared instanceof NothingToImport && member.part) prepared = emptyPart(member.bytes, member.part.format, limits.sourceChunkBytes);
    if (prepared instanceof Error) return { path: member.displayPath, status: 'rejected', entries: 0, error: rejectionMessage(prepared) };
    if (prepared.entries.length === 0 && !member.part) return { path: member.displayPath, status: 'rejected', entries: 0, error: 'Quire found no text to import in this file.' };
    // What the estimate of the room needed starts from (no row holds them whole since migration 007,
    // and their chunks are compressed, so it errs on the large side).
    const rowBytes = member.bytes.byteLength + Buffer.byteLength(prepared.doc.text, 'utf8');
    const refusal = noRoom(spaceNeeded(rowBytes));
    if (refusal) return { path: member.displayPath, status: 'rejected', entries: 0, error: refusal };
    // A part is written in one go: edits wait for the whole file (PartedWrite). A file is written in
    // slices and steps aside for an edit a few times at most (edit-turns.ts).
    for (let attempt = 0; ; attempt++) {
      const turns = member.part ? undefined : await FileTurns.begin(db, { sliceMs: limits.editSliceMs, mayStepAside: attempt < limits.stepAsides });
      // The edit it stepped aside for may have brought the file back (an undone deletion).
      if (attempt > 0 && writer.hasSource(member.sha256)) {
        turns?.end();
        return { path: member.displayPath, status: 'duplicate', entries: 0 };
      }
      let entriesWritten = 0;
      tick = stageStart();
      try {
        return await writer.write(member, prepared, ctx.isCancelled, () => {
          entriesWritten++;
          progress.entriesDone++;
          emit();
        }, turns);
      } catch (error) {
        if (error instanceof StepAside) {
          progress.entriesDone -= entriesWritten;
          continue;
        }
        if (error instanceof ImportCancelled) return { path: member.displayPath, status: 'cancelled', entries: 0 };
        // The file's own savepoint is rolled back; the files before it stay in the batch and the
        // import goes on, unless the archive itself failed (disk full or read-only, I/O error,
        // damage), which SQLite may have rolled back the whole batch for: that ends the job.
        if (fatalToImport(error) || !db.inTransaction) throw error;
        return { path: member.displayPath, status: 'rejected', entries: 0, error: writeFailureMessage(error) };
      } finally {
        turns?.end();
        stageEnd('file writes', tick);
      }
    }
  }
}

function describeFsError(error: unknown): string {
  const code = typeof error === 'object' && error && 'code' in error ? String((error as { code: unknown }).code) : '';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOENT') return 'it no longer exists';
  if (code === 'EISDIR') return 'it is a folder';
  return code || 'read error';
}

const FATAL_SQLITE = /^SQLITE_(FULL|IOERR|CORRUPT|NOTADB|READONLY|NOMEM|BUSY|LOCKED|CANTOPEN|PERM|INTERRUPT|PROTOCOL)/u;

function fatalToImport(error: unknown): boolean {
  const code = typeof error === 'object' && error && 'code' in error ? String((error as { code: unknown }).code) : '';
  return FATAL_SQLITE.test(code);
}

function writeFailureMessage(error: unknown): string {
  if (error instanceof ImportRejection) return error.message;
  const code = typeof error === 'object' && error && 'code' in error ? String((error as { code: unknown }).code) : '';
  if (code === 'SQLITE_TOOBIG' || error instanceof RangeError) {
    return 'This file is too large to store in one piece; split it into smaller files and import the parts. Nothing of it was kept.';
  }
  return 'Quire could not store this file, so nothing of it was kept; the other files were imported.';
}

function rejectionMessage(error: unknown): string {
  if (error instanceof ImportRejection) return error.message;
  return 'Quire could not read this file: its content is malformed.';
}

/** A part of a large file with nothing to import: stored for its bytes, so the parts are still the whole file. */
function emptyPart(bytes: Uint8Array, format: SourceFormat, chunkBytes: number): PreparedDocument {
  return { doc: { format, encoding: null, encodingConfidence: null, text: '', header: null, warnings: [] }, entries: [], packed: packContent(bytes, null, '', chunkBytes) };
}

/**
 * The parts of one file read in parts (file-parts.ts) written so far: in a transaction of their
 * own (the files before are committed first), so the file is all-or-nothing like any other, and no
 * edit runs until it ends (holdEdits), since an edit commits the batch it arrives in. Not a
 * savepoint inside the batch: SQLite keeps a copy of each page a savepoint changes until it is
 * released, in memory here (temp_store), which grew with the file (813 MB of peak memory for a
 * 64 MB file); each part's own savepoint is released when the part is written.
 */
class PartedWrite {
  readonly file: PendingFile;
  private readonly db: Db;
  private readonly writer: ArchiveWriter;
  private readonly bandsBefore: Set<number>;
  private release: (() => void) | null;
  private readonly whole: ImportFileResult & { counts: EntryCounts; parts: number };
  private imported = false;

  constructor(db: Db, file: PendingFile, writer: ArchiveWriter) {
    this.db = db;
    this.file = file;
    this.writer = writer;
    this.bandsBefore = new Set(writer.bands.known.keys());
    writer.batch.commit();
    writer.batch.begin();
    this.release = holdEdits(db);
    this.whole = { path: file.displayPath, status: 'duplicate', entries: 0, counts: { newEntries: 0, versions: 0, duplicates: 0 }, parts: 0 };
  }

  /** The entries of the parts so far. */
  get entries(): number {
    return this.whole.entries;
  }

  /** A part written (or found already in the archive). */
  add(part: ImportFileResult): void {
    const w = this.whole;
    w.parts++;
    w.entries += part.entries;
    if (part.status !== 'imported') return;
    this.imported = true;
    w.format ??= part.format;
    if (w.encoding === undefined && part.encoding !== undefined) w.encoding = part.encoding;
    w.sourceId ??= part.sourceId;
    if (part.counts) {
      w.counts.newEntries += part.counts.newEntries;
      w.counts.versions += part.counts.versions;
      w.counts.duplicates += part.counts.duplicates;
    }
    if (part.fieldMap && !w.fieldMap) w.fieldMap = part.fieldMap;
    for (const warning of part.warnings ?? []) {
      w.warnings ??= [];
      if (!w.warnings.includes(warning) && w.warnings.length < 20) w.warnings.push(warning);
    }
  }

  /**
   * The last part is written: the file is kept, and reported as one. The log then holds the whole
   * file (gigabytes), which the writer's own automatic checkpoint (a fallback past 256 MB of log,
   * wal-checkpointer.ts) would copy into the database inside its next commit: minutes of the
   * writer's time (seen at 2 GB), while edits wait. The checkpointing thread does it beside the
   * writer instead; runImport turns the fallback back on after the job.
   */
  finish(): ImportFileResult {
    if (this.db.pragma('journal_mode', { simple: true }) === 'wal') this.db.pragma('wal_autocheckpoint = 0');
    this.writer.batch.commit();
    this.releaseEdits();
    if (this.imported) this.whole.status = 'imported';
    return this.whole;
  }

  rollback(): void {
    this.writer.batch.rollback();
    // Their ids will be given to others.
    this.writer.bands.forget([...this.writer.bands.known.keys()].filter((id) => !this.bandsBefore.has(id)));
    this.releaseEdits();
  }

  releaseEdits(): void {
    this.release?.();
    this.release = null;
  }
}
