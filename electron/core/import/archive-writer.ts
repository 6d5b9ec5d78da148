// Writes prepared documents into the archive: one savepoint per file inside a group commit, so
// each file is all-or-nothing whatever happens (an error, a cancel, or a killed process).
import type { EntryCounts, ImportFileResult } from '../../../shared/contract.ts';
import type { Db } from '../db/open-archive.ts';
import { bandKey, EntriesRepo } from '../repo/entries-repo.ts';
import { SPLICED_CODEC } from '../repo/source-content.ts';
import { SourcesRepo } from '../repo/sources-repo.ts';
import { blobToSignature, estimatedJaccard, NEAR_DUPLICATE_THRESHOLD, signatureToBlob } from './near-duplicates.ts';
import { lastEditAt, type FileTurns } from './edit-turns.ts';
import type { PreparedDocument } from './prepare-document.ts';
import { stageEnd, stageStart } from './stage-times.ts';

export class ImportCancelled extends Error {
  constructor() {
    super('Import cancelled.');
  }
}

export interface MemberToWrite {
  displayPath: string;
  sha256: string;
  name: string;
  container: string | null;
  bytes: Uint8Array;
}

/** Writes parsed documents; one instance per import job, statements prepared once. */
export class ArchiveWriter {
  private readonly sources: SourcesRepo;
  private readonly entries: EntriesRepo;
  private readonly db: Db;
  readonly batch: GroupCommit;
  /** This import's entries not yet in the near-duplicate table (band-index.ts). */
  readonly bands = new JobBands();

  /** `sourceChunkBytes`: the pieces a file's bytes are stored in (ImportLimits; tests set it low). */
  constructor(db: Db, sourceChunkBytes?: number) {
    this.db = db;
    this.sources = new SourcesRepo(db, sourceChunkBytes);
    this.entries = new EntriesRepo(db);
    this.batch = new GroupCommit(db);
  }

  hasSource(sha256: string): boolean {
    return this.sources.findByHash(sha256) !== null;
  }

  /**
   * Stores one file and its entries in one savepoint, all or nothing: rolled back when it throws
   * (ImportCancelled on cancel, StepAside when `turns` makes way for an edit: edit-turns.ts).
   * Without `turns` it runs in one go (the parts of a file read in parts, during which edits wait).
   */
  async write(member: MemberToWrite, prepared: PreparedDocument, isCancelled: () => boolean, onEntry: () => void, turns?: FileTurns): Promise<ImportFileResult> {
    const { doc } = prepared;
    const now = new Date().toISOString();
    const added: number[] = [];
    this.batch.begin();
    this.db.exec('SAVEPOINT quire_file');
    const stopCounting = this.entries.countIds();
    let sourceId: number;
    const counts: EntryCounts = { newEntries: 0, versions: 0, duplicates: 0 };
    try {
      const tick = stageStart();
      sourceId = this.sources.insert({
        sha256: member.sha256,
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
        packed: prepared.packed,
        header: doc.header || doc.pages ? JSON.stringify({ ...doc.header, ...(doc.pages ? { pages: doc.pages } : {}) }) : null,
        warnings: doc.warnings.length > 0 ? JSON.stringify(doc.warnings) : null,
      });
      stageEnd('source rows (packed content)', tick);
      // The near-duplicate candidates are looked up for a batch of entries at once: a short one
      // when the write takes turns (at a million entries, 45 µs an entry).
      const batch = turns ? TURN_BATCH : BATCH;
      for (let from = 0; from < prepared.entries.length; from += batch) {
        if (turns?.due()) await turns.turn();
        const slice = prepared.entries.slice(from, from + batch);
        const keys = new Set<number>();
        for (const p of slice) p.bands?.forEach((hash, band) => keys.add(bandKey(band, hash)));
        const groups = new NearDuplicateBatch(this.entries, this.bands, keys);
        for (let i = 0; i < slice.length; i++) {
          if (turns?.due()) await turns.turn();
          if (isCancelled()) throw new ImportCancelled();
          const p = slice[i]!;
          const { draft } = p;
          let entryId = this.entries.findByHash(p.contentHash);
          if (entryId === null) {
            const nearGroup = p.signature && p.bands ? groups.groupFor(p.signature, p.bands) : null;
            entryId = this.entries.insert({
              title: draft.title,
              body: draft.body,
              date: draft.date ?? null,
              dateSource: draft.date ? (draft.dateSource ?? null) : null,
              author: draft.author ?? null,
              outlet: draft.outlet ?? null,
              url: draft.url ?? null,
              language: p.language,
              direction: p.direction,
              contentHash: p.contentHash,
              minhash: p.signature ? signatureToBlob(p.signature) : null,
              nearGroup,
              folded: p.folded,
              createdAt: now,
            });
            if (p.signature && p.bands) {
              this.bands.add(entryId, p.signature, nearGroup, p.bands);
              added.push(entryId);
            }
            if (nearGroup === null) counts.newEntries++;
            else counts.versions++;
          } else {
            counts.duplicates++;
          }
          this.entries.link(entryId, sourceId, draft.start, draft.end, from + i, draft);
          onEntry();
        }
      }
      if (prepared.packed.columns.contentCodec === SPLICED_CODEC) {
        const tick = stageStart();
        this.sources.confirmSpliced(sourceId, { bytes: member.bytes, encoding: doc.encoding, text: doc.text });
        stageEnd('source rows (packed content)', tick);
      }
      this.db.exec('RELEASE quire_file');
    } catch (error) {
      // SQLite may have rolled back the whole transaction itself (a full disk, RAISE(ROLLBACK)).
      if (this.db.inTransaction) this.db.exec('ROLLBACK TO quire_file; RELEASE quire_file');
      // Their ids will be given to others.
      this.bands.forget(added);
      throw error;
    } finally {
      stopCounting();
    }
    this.batch.holds(prepared.entries.length);
    return {
      path: member.displayPath,
      status: 'imported',
      entries: prepared.entries.length,
      format: doc.format,
      encoding: doc.encoding,
      sourceId,
      counts,
      ...(doc.fieldMap && Object.keys(doc.fieldMap).length > 0 ? { fieldMap: doc.fieldMap } : {}),
      ...(doc.warnings.length > 0 ? { warnings: [...doc.warnings] } : {}),
    };
  }
}

/**
 * Commits finished files together: each file is still all-or-nothing (a savepoint of its own
 * inside the batch), but small files no longer pay a commit (and an FTS5 segment flush) each.
 * A batch is committed once it holds BATCH_ENTRIES entries or is BATCH_MS old, so a crash loses at
 * most a second of finished files, never part of one. By entries, not only by time: committed
 * every 250 ms, on a busy machine (whose files take longer) a batch held one or two files of 200
 * entries, and the commits of 20,000 generated entries took 0.6-0.8 s of the writer's CPU; at
 * 2,000 entries a batch, 0.35 s (paired runs, import-breakdown.mjs). An edit waits for neither: it
 * commits the batch itself (edit-turns.ts).
 *
 * While someone is editing (an edit in the last `editQuietMs`), each file is committed on its own:
 * an edit then waits for one file's commit at most, where it would wait for the flush of a whole
 * batch's search index (about 35 ms of CPU for 2,000 entries).
 */
export class GroupCommit {
  private readonly db: Db;
  private readonly editQuietMs: number;
  private started = 0;
  private entries = 0;
  constructor(db: Db, editQuietMs = EDIT_QUIET_MS) {
    this.db = db;
    this.editQuietMs = editQuietMs;
  }

  /** Opens the batch if none is open; called before each file's own (nested) transaction. */
  begin(): void {
    if (this.db.inTransaction) return;
    this.db.exec('BEGIN IMMEDIATE');
    this.started = Date.now();
    this.entries = 0;
  }

  /** Counts a finished file's entries into the batch. */
  holds(entries: number): void {
    this.entries += entries;
  }

  /** Commits when the batch is full or old enough; an edit may have committed it already (commitOpenBatch). */
  maybeCommit(): void {
    if (!this.db.inTransaction) return;
    const now = Date.now();
    const editing = now - lastEditAt(this.db) < this.editQuietMs;
    if (editing || this.entries >= BATCH_ENTRIES || now - this.started >= BATCH_MS) this.commit();
  }

  commit(): void {
    if (this.db.inTransaction) this.db.exec('COMMIT');
  }

  rollback(): void {
    if (this.db.inTransaction) this.db.exec('ROLLBACK');
  }
}

const BATCH = 2000;
const TURN_BATCH = 64;
/** GroupCommit's bounds: as many entries as the ceiling's transactions (PERFORMANCE.md), or a second. */
const BATCH_ENTRIES = 2000;
const BATCH_MS = 1000;
/** How long after an edit files are committed one by one (GroupCommit). */
export const EDIT_QUIET_MS = 5000;
const MAX_PER_KEY = 20;

/** Keeps at most the MAX_PER_KEY earliest ids per key (the earliest lead their groups). */
function remember(byKey: Map<number, number[]>, key: number, entryId: number): void {
  const list = byKey.get(key);
  if (!list) byKey.set(key, [entryId]);
  else if (list.length < MAX_PER_KEY) list.push(entryId);
}

/**
 * The bands of the entries this import has written and not yet put in entry_bands (band-index.ts
 * adds them after the files): the candidates the table cannot give yet, with their signatures.
 */
export class JobBands {
  readonly byKey = new Map<number, number[]>();
  readonly known = new Map<number, { sig: Uint32Array; group: number; bands: number[] }>();

  /** How many entries are kept here. */
  get size(): number {
    return this.known.size;
  }

  add(entryId: number, sig: Uint32Array, group: number | null, bands: number[]): void {
    this.known.set(entryId, { sig, group: group ?? entryId, bands });
    bands.forEach((hash, band) => remember(this.byKey, bandKey(band, hash), entryId));
  }

  /** Entries of a file that was rolled back: their ids will be given to others. */
  forget(entryIds: number[]): void {
    for (const id of entryIds) {
      const entry = this.known.get(id);
      if (!entry) continue;
      this.known.delete(id);
      entry.bands.forEach((hash, band) => {
        const key = bandKey(band, hash);
        const list = this.byKey.get(key)?.filter((x) => x !== id);
        if (list && list.length > 0) this.byKey.set(key, list);
        else this.byKey.delete(key);
      });
    }
  }

  /** Once band-index.ts has put them in the table. */
  clear(): void {
    this.byKey.clear();
    this.known.clear();
  }
}

/**
 * Near-duplicate grouping for one batch of new entries: the stored candidates for all of the
 * batch's band keys are fetched in one query, and matched in memory with the import's own
 * entries (earlier files and this batch, which are not in the table yet).
 */
class NearDuplicateBatch {
  private readonly byKey = new Map<number, number[]>();
  private readonly known = new Map<number, { sig: Uint32Array; group: number }>();
  private readonly repo: EntriesRepo;
  private readonly job: JobBands;

  constructor(repo: EntriesRepo, job: JobBands, keys: Set<number>) {
    this.repo = repo;
    this.job = job;
    for (const m of repo.bandMatches(keys)) remember(this.byKey, m.key, m.entryId);
  }

  /** The group this signature joins (its earliest near-duplicate's group), or null for a new group. */
  groupFor(sig: Uint32Array, bands: number[]): number | null {
    const candidates = new Set<number>();
    bands.forEach((hash, band) => {
      const key = bandKey(band, hash);
      for (const id of this.byKey.get(key) ?? []) candidates.add(id);
      for (const id of this.job.byKey.get(key) ?? []) candidates.add(id);
    });
    for (const id of [...candidates].sort((a, b) => a - b).slice(0, 50)) {
      let other = this.known.get(id) ?? this.job.known.get(id);
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
}
