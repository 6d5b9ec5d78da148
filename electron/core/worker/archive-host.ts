// Runs the archive in two worker threads (a writer and a reader over one WAL database) and
// serves the contract to whoever holds the host: Electron IPC, the HTTP server, tests.
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { ARCHIVE_METHODS, type ArchiveEvent, type BackupInfo, type ArchiveMethod, type SearchCall, type WireResult } from '../../../shared/contract.ts';
import { validateInput } from '../../../shared/contract-schemas.ts';
import { fromErrorData, QuireError, toErrorData } from '../../../shared/errors.ts';
import { newJobId } from '../archive.ts';
import { assertRestorable, listBackups, restoreFile } from '../db/backups.ts';
import type { HostToWorker, WorkerInit, WorkerToHost } from './worker-protocol.ts';
import type { SearchThresholds } from '../search/search-thresholds.ts';
import type { ImportLimits } from '../import/import-limits.ts';

const JOB_SLOTS = 64;
/** Searches in flight that a newer one may replace (SearchCall.supersede); past this many they run unreplaceable. */
const SEARCH_SLOTS = 256;

type ReplaceableSearch = SearchCall & Required<Pick<SearchCall, 'supersede'>>;

/** Where a call's time went, in epoch ms (QUIRE_CALL_TIMING=1; `quire serve` sends it as Server-Timing). */
export interface CallTiming {
  /** host.invoke called */
  invoked?: number;
  /** posted to the worker */
  posted?: number;
  /** the worker began it (after the calls ahead of it) */
  workerStart?: number;
  workerEnd?: number;
  /** its answer back in the host */
  answered?: number;
}
/**
 * The writer thread's young generation, smaller than V8's default (sized for throughput): an
 * import's garbage fills it between scavenges. At 100,000 entries the import's peak RSS was 537 MB
 * instead of 635 MB, for no more writer CPU (scripts/bench/import-breakdown.mjs imports this way too).
 */
export const WRITER_YOUNG_GENERATION_MB = 16;

export interface HostOptions {
  /** Open without a writer: searches and reads only; every change is refused with the reason. */
  readOnly?: boolean;
  /** Where the worker script is; defaults to the sibling of this module (source or bundle). */
  workerFile?: URL | string;
  /**
   * The statistics an import makes at its end (search/search-stats.ts): a word in at least
   * `commonDocs` entries gets a top list of `topK`. Defaults suit the app; tests set them low so
   * a small archive takes the same path as a million entries.
   */
  searchStats?: { commonDocs?: number; topK?: number };
  /** When search fast paths switch on (search/search-thresholds.ts); tests set them low likewise. */
  searchThresholds?: Partial<SearchThresholds>;
  /** An import's limits and tunables (import/import-limits.ts); tests set them low. */
  importLimits?: Partial<ImportLimits>;
  /** Hears every event from the start, so also the steps of upgrading an older archive as it opens. */
  onEvent?: (e: ArchiveEvent) => void;
}

function defaultWorkerFile(): URL {
  const self = import.meta.url;
  return new URL(self.endsWith('.ts') ? './archive-worker.ts' : './archive-worker.mjs', self);
}

class WorkerLink {
  private nextId = 1;
  private readonly pending = new Map<number, (r: WireResult<unknown>) => void>();
  private readonly timings = new Map<number, CallTiming>();
  readonly exited: Promise<void>;

  readonly worker: Worker;

  constructor(worker: Worker, onEvent: (e: ArchiveEvent) => void) {
    this.worker = worker;
    worker.on('message', (msg: WorkerToHost) => {
      if (msg.kind === 'result') {
        const timing = this.timings.get(msg.id);
        if (timing) {
          Object.assign(timing, { workerStart: msg.timing?.start, workerEnd: msg.timing?.end, answered: performance.timeOrigin + performance.now() });
          this.timings.delete(msg.id);
        }
        this.pending.get(msg.id)?.(msg.result);
        this.pending.delete(msg.id);
      } else if (msg.kind === 'event') onEvent(msg.event);
    });
    this.exited = new Promise((resolve) => worker.once('exit', () => resolve()));
    worker.once('exit', () => {
      for (const settle of this.pending.values()) {
        settle({ ok: false, error: { code: 'internal', message: 'The archive worker stopped unexpectedly. The archive is intact; reopen it.' } });
      }
      this.pending.clear();
    });
  }

  static async start(file: URL | string, init: WorkerInit, onEvent: (e: ArchiveEvent) => void): Promise<WorkerLink> {
    const worker = new Worker(file, { workerData: init, ...(init.role === 'writer' ? { resourceLimits: { maxYoungGenerationSizeMb: WRITER_YOUNG_GENERATION_MB } } : {}) });
    const link = new WorkerLink(worker, onEvent);
    await new Promise<void>((resolve, reject) => {
      const onMessage = (msg: WorkerToHost) => {
        if (msg.kind === 'ready') {
          worker.off('message', onMessage);
          resolve();
        } else if (msg.kind === 'open-failed') {
          worker.off('message', onMessage);
          reject(fromErrorData(msg.error));
        }
      };
      worker.on('message', onMessage);
      worker.once('error', (err) => reject(err));
      worker.once('exit', (code) => reject(new QuireError('internal', `The archive worker exited early (code ${code}).`)));
    });
    return link;
  }

  call(msg: Omit<Extract<HostToWorker, { kind: 'call' }>, 'id' | 'kind'>, timing?: CallTiming): Promise<WireResult<unknown>> {
    const id = this.nextId++;
    if (timing) {
      timing.posted = performance.timeOrigin + performance.now();
      this.timings.set(id, timing);
    }
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.worker.postMessage({ kind: 'call', id, ...msg } satisfies HostToWorker);
    });
  }

  async close(): Promise<void> {
    this.worker.postMessage({ kind: 'close' } satisfies HostToWorker);
    const timer = setTimeout(() => void this.worker.terminate(), 2000);
    await this.exited;
    clearTimeout(timer);
  }
}

/**
 * Reads that fill in after a search's first page. They run on a reader of their own, so the next
 * keystroke's search never waits behind a facets, timeline or exact-count call (SQLite cannot
 * interrupt one, and facets take over 100 ms at a million entries), nor the list on opening
 * behind the codebook's counts (over a second with 100,000 highlights).
 */
const BACKGROUND_READS: ReadonlySet<ArchiveMethod> = new Set<ArchiveMethod>(['facets', 'facetValues', 'timeline', 'countMatches', 'listCodes']);

/** Write methods that change codes, highlights, tags, notes, collections or the trash. */
const ANNOTATION_WRITES: ReadonlySet<ArchiveMethod> = new Set<ArchiveMethod>([
  'saveCode',
  'mergeCodes',
  'deleteCode',
  'createHighlight',
  'updateHighlight',
  'deleteHighlight',
  'carryHighlights',
  'setEntryTags',
  'saveEntryNote',
  'deleteEntryNote',
  'saveCollection',
  'deleteCollection',
  'addToCollection',
  'removeFromCollection',
  'deleteEntries',
  'undo',
  'redo',
]);

export class ArchiveHost {
  private readonly listeners = new Set<(e: ArchiveEvent) => void>();
  private readonly flags = new Int32Array(new SharedArrayBuffer(JOB_SLOTS * 4));
  private readonly jobSlots = new Map<string, number>();
  private readonly searchFlags = new Int32Array(new SharedArrayBuffer(SEARCH_SLOTS * 4));
  private readonly freeSearchSlots = Array.from({ length: SEARCH_SLOTS }, (_, i) => SEARCH_SLOTS - 1 - i);
  /** Each supersede key's newest search in flight: its seq and slot. */
  private readonly newestSearch = new Map<string, { seq: number; slot: number }>();
  /** Each key's highest seq seen (a few hundred keys at most are kept: one per window opened). */
  private readonly highestSeq = new Map<string, number>();
  /** Null when the archive is open read-only (see readOnlyReason). */
  private writer: WorkerLink | null = null;
  private reader!: WorkerLink;
  /** A second read connection for BACKGROUND_READS. */
  private background: Promise<WorkerLink> | null = null;
  /** Why there is no writer: a read-only file or folder, damage found on opening, or asked for. */
  private readOnlyReason: string | null = null;

  readonly archivePath: string;
  private readonly options: HostOptions;
  private constructor(archivePath: string, options: HostOptions) {
    this.archivePath = archivePath;
    this.options = options;
    if (options.onEvent) this.listeners.add(options.onEvent);
  }

  /** Opens (creating or migrating) the archive: the writer first, then the read-only reader. */
  static async open(archivePath: string, options: HostOptions = {}): Promise<ArchiveHost> {
    const host = new ArchiveHost(archivePath, options);
    await host.startWorkers();
    host.scheduleDailyBackups();
    return host;
  }

  private dailyTimer: ReturnType<typeof setInterval> | null = null;

  /** While the archive is open: a backup a day (checked hourly, first a minute after opening). */
  private scheduleDailyBackups(): void {
    if (process.env['QUIRE_DAILY_BACKUPS'] === '0') return;
    const run = () => void this.reader?.call({ method: 'backupArchive', arg: { daily: true } });
    const first = setTimeout(run, 60_000);
    first.unref();
    this.dailyTimer = setInterval(run, 60 * 60 * 1000);
    this.dailyTimer.unref();
  }

  private async startWorkers(): Promise<void> {
    const file = this.options.workerFile ?? defaultWorkerFile();
    const emit = (e: ArchiveEvent) => this.emit(e);
    const { archivePath } = this;
    const { searchStats, searchThresholds, importLimits } = this.options;
    const search = searchThresholds ? { searchThresholds } : {};
    this.writer = null;
    this.readOnlyReason = this.options.readOnly ? 'It was opened read-only.' : null;
    if (!this.options.readOnly) {
      try {
        this.writer = await WorkerLink.start(file, { archivePath, role: 'writer', cancelFlags: this.flags.buffer as SharedArrayBuffer, ...(searchStats ? { searchStats } : {}), ...(importLimits ? { importLimits } : {}), ...search }, emit);
      } catch (error) {
        // An archive that cannot be written (read-only file or folder) or is damaged still opens
        // for reading, so the researcher can read, search and copy out what is there.
        const code = error instanceof QuireError ? error.code : '';
        if ((code !== 'archive-readonly' && code !== 'archive-corrupt') || !fs.existsSync(archivePath)) throw error;
        this.readOnlyReason = (error as QuireError).message;
      }
    }
    const startReader = () =>
      WorkerLink.start(file, { archivePath, role: 'reader', cancelFlags: this.flags.buffer as SharedArrayBuffer, searchFlags: this.searchFlags.buffer as SharedArrayBuffer, ...search }, emit);
    try {
      this.reader = await startReader();
    } catch (error) {
      await this.writer?.close();
      throw error;
    }
    // The second reader starts on its first call (backgroundReader): `quire import` and `quire
    // export` make none, and a thread with its connection is some 25 MB of memory.
    this.startBackground = startReader;
    this.background = null;
  }

  private startBackground: (() => Promise<WorkerLink>) | null = null;

  /** The reader of BACKGROUND_READS, started on first use; the first reader answers if it cannot start. */
  private backgroundReader(): Promise<WorkerLink> {
    // Closed (a restore in progress): the call goes to the closed reader and is refused, as before.
    this.background ??= this.startBackground ? this.startBackground().catch(() => this.reader) : Promise.resolve(this.reader);
    return this.background;
  }

  /** The writer, or a plain refusal naming why the archive is read-only. */
  private writable(): WorkerLink {
    if (this.writer) return this.writer;
    throw new QuireError(
      'archive-readonly',
      `This archive is open read-only, so it cannot be changed. ${this.readOnlyReason ?? ''} You can search and read it; to import or annotate, copy it to a folder you can write to${this.readOnlyReason?.includes('damaged') ? ' or restore a backup' : ''}.`,
    );
  }

  /**
   * Puts a backup in the archive's place: both workers close (so nothing holds the file), the
   * current state is kept as a 'before-restore' backup, the backup is copied in, and the workers
   * reopen it (migrating it if it is older). Refused while an import runs.
   */
  private async restore(file: string): Promise<{ restored: BackupInfo; previous: string | null }> {
    if (this.jobSlots.size > 0) throw new QuireError('archive-busy', 'An import is running. Let it finish or cancel it, then restore the backup.');
    const backups = listBackups(this.archivePath);
    const restored = backups.find((b) => path.resolve(b.path) === path.resolve(file));
    assertRestorable(this.archivePath, file);
    await this.closeWorkers();
    let previous: string | null = null;
    try {
      ({ previous } = restoreFile(this.archivePath, file));
    } finally {
      await this.startWorkers();
    }
    this.emit({ type: 'archive-changed' });
    this.emit({ type: 'annotations-changed' });
    const st = fs.statSync(file);
    return { restored: restored ?? { path: path.resolve(file), name: path.basename(file), createdAt: st.mtime.toISOString(), reason: 'manual', size: st.size }, previous };
  }

  onEvent(listener: (e: ArchiveEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: ArchiveEvent): void {
    for (const l of this.listeners) l(event);
  }

  /** Validates and runs one call; never throws: errors come back as data. `timing` is filled in when given. */
  async invoke(method: string, rawArg: unknown, timing?: CallTiming): Promise<WireResult<unknown>> {
    if (timing) timing.invoked = performance.timeOrigin + performance.now();
    try {
      if (!Object.prototype.hasOwnProperty.call(ARCHIVE_METHODS, method)) {
        throw new QuireError('invalid-input', `Unknown archive method "${method}".`);
      }
      const m = method as ArchiveMethod;
      const arg = validateInput(m, rawArg) as Record<string, unknown> | undefined;
      const kind = ARCHIVE_METHODS[m];
      if (m === 'restoreBackup') return { ok: true, value: await this.restore(String(arg?.['path'])) };
      if (kind === 'control') return { ok: true, value: this.cancel(String(arg?.['jobId'])) };
      if (m === 'info') {
        const result = await this.reader.call({ method: m, arg });
        return result.ok && this.readOnlyReason ? { ok: true, value: { ...(result.value as object), readOnly: this.readOnlyReason } } : result;
      }
      if (m === 'search' && arg?.['supersede']) return await this.replaceableSearch(arg as unknown as ReplaceableSearch, timing);
      if (kind === 'read') return await (BACKGROUND_READS.has(m) ? await this.backgroundReader() : this.reader).call({ method: m, arg }, timing);
      if (kind === 'write') {
        const result = await this.writable().call({ method: m, arg });
        // Every window, tab and the CLI's host learn of an annotation change (undo may also bring back entries).
        if (result.ok && ANNOTATION_WRITES.has(m)) {
          if (m === 'deleteEntries' || m === 'undo' || m === 'redo') this.emit({ type: 'archive-changed' });
          this.emit({ type: 'annotations-changed' });
        }
        return result;
      }
      return await this.runJob(m, arg ?? {});
    } catch (error) {
      return { ok: false, error: toErrorData(error) };
    }
  }

  /**
   * A search that replaces the previous one with the same key, if it is still queued or running:
   * that one is flagged and stops at its next statement (answering 'cancelled'), so the reader,
   * which answers one call at a time, moves on to this one.
   */
  private async replaceableSearch(arg: ReplaceableSearch, timing?: CallTiming): Promise<WireResult<unknown>> {
    const { supersede, ...req } = arg;
    const { key, seq } = supersede;
    // Overtaken on the way (a later keystroke's request got here first): never run.
    if (seq < (this.highestSeq.get(key) ?? -1)) return { ok: false, error: { code: 'cancelled', message: 'A newer search replaced this one.' } };
    this.highestSeq.delete(key);
    this.highestSeq.set(key, seq);
    if (this.highestSeq.size > 500) this.highestSeq.delete(this.highestSeq.keys().next().value as string);
    const previous = this.newestSearch.get(key);
    if (previous !== undefined) Atomics.store(this.searchFlags, previous.slot, 1);
    const slot = this.freeSearchSlots.pop();
    if (slot === undefined) {
      this.newestSearch.delete(key);
      return this.reader.call({ method: 'search', arg: req }, timing);
    }
    Atomics.store(this.searchFlags, slot, 0);
    this.newestSearch.set(key, { seq, slot });
    try {
      return await this.reader.call({ method: 'search', arg: req, searchSlot: slot }, timing);
    } finally {
      if (this.newestSearch.get(key)?.slot === slot) this.newestSearch.delete(key);
      Atomics.store(this.searchFlags, slot, 0);
      this.freeSearchSlots.push(slot);
    }
  }

  private async runJob(method: ArchiveMethod, arg: Record<string, unknown>): Promise<WireResult<unknown>> {
    const jobId = typeof arg['jobId'] === 'string' ? arg['jobId'] : newJobId();
    const slot = this.allocateSlot(jobId);
    try {
      const result = await this.writable().call({ method, arg: { ...arg, jobId }, jobId, jobSlot: slot });
      if (result.ok) {
        // An export changes nothing; a project import changes entries and annotations.
        if (method === 'importFiles' || method === 'importUploads') this.emit({ type: 'import-finished', report: result.value as never });
        if (method !== 'exportArchive') this.emit({ type: 'archive-changed' });
        if (method === 'importProject') this.emit({ type: 'annotations-changed' });
      }
      return result;
    } finally {
      this.jobSlots.delete(jobId);
      Atomics.store(this.flags, slot, 0);
    }
  }

  private allocateSlot(jobId: string): number {
    const used = new Set(this.jobSlots.values());
    for (let i = 0; i < JOB_SLOTS; i++) {
      if (!used.has(i)) {
        Atomics.store(this.flags, i, 0);
        this.jobSlots.set(jobId, i);
        return i;
      }
    }
    throw new QuireError('archive-busy', 'Too many imports are running at once. Wait for one to finish.');
  }

  cancel(jobId: string): { cancelled: boolean } {
    const slot = this.jobSlots.get(jobId);
    if (slot === undefined) return { cancelled: false };
    Atomics.store(this.flags, slot, 1);
    return { cancelled: true };
  }

  async close(): Promise<void> {
    if (this.dailyTimer) clearInterval(this.dailyTimer);
    await this.closeWorkers();
  }

  /** The reader first, so the writer is the last connection and can checkpoint and tidy the WAL away. */
  private async closeWorkers(): Promise<void> {
    this.startBackground = null;
    const background = await this.background;
    this.background = null;
    await Promise.all([this.reader?.close(), background !== this.reader ? background?.close() : undefined]);
    await this.writer?.close();
  }
}
