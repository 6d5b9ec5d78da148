// Messages between the archive host (main process, CLI, server) and its worker threads.
import type { ArchiveEvent, ArchiveMethod, WireResult } from '../../../shared/contract.ts';
import type { TopListRequest } from '../search/search-stats.ts';
import type { SearchThresholds } from '../search/search-thresholds.ts';
import type { ImportLimits } from '../import/import-limits.ts';

export interface WorkerInit {
  archivePath: string;
  /**
   * A ranker is the writer's own helper: a read connection that ranks top lists (top-list-ranker.ts);
   * a checkpointer, its other: a connection that only checkpoints the log (wal-checkpointer.ts).
   */
  role: 'writer' | 'reader' | 'ranker' | 'checkpointer';
  /** One Int32 per job slot: non-zero means "cancel". Shared so a busy worker sees it at once. */
  cancelFlags: SharedArrayBuffer;
  /** One Int32 per search slot: non-zero means "a newer search replaced this one" (SearchCall.supersede). */
  searchFlags?: SharedArrayBuffer;
  /** Thresholds of an import's statistics refresh (HostOptions.searchStats). */
  searchStats?: { commonDocs?: number; topK?: number };
  /** An import's limits and tunables (HostOptions.importLimits). */
  importLimits?: Partial<ImportLimits>;
  /** When search fast paths switch on (HostOptions.searchThresholds). */
  searchThresholds?: Partial<SearchThresholds>;
}

export type HostToWorker =
  | { kind: 'call'; id: number; method: ArchiveMethod; arg: unknown; jobId?: string; jobSlot?: number; searchSlot?: number }
  | { kind: 'rank'; id: number; request: TopListRequest }
  | { kind: 'close' };

export type WorkerToHost =
  | { kind: 'ready' }
  | { kind: 'open-failed'; error: { code: string; message: string } }
  // `timing` (epoch ms, only with QUIRE_CALL_TIMING=1): when the worker began and finished the call.
  | { kind: 'result'; id: number; result: WireResult<unknown>; timing?: { start: number; end: number } }
  | { kind: 'event'; event: ArchiveEvent };
