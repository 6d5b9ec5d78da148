// A worker thread that owns one connection to the archive. The writer runs imports and edits;
// the reader answers searches, so the window never waits on a long import.
import { parentPort, workerData } from 'node:worker_threads';
import { ARCHIVE_METHODS } from '../../../shared/contract.ts';
import { toErrorData } from '../../../shared/errors.ts';
import { Archive } from '../archive.ts';
import { makeWayForEdit } from '../import/edit-turns.ts';
import { rankTopList, type TopListRequest } from '../search/search-stats.ts';
import { topUpTopLists } from '../search/top-list-top-up.ts';
import { TopListRanker } from './top-list-ranker.ts';
import { runCheckpoints, WalCheckpointer } from './wal-checkpointer.ts';
import type { HostToWorker, WorkerInit, WorkerToHost } from './worker-protocol.ts';

const init = workerData as WorkerInit;
const port = parentPort!;
const flags = new Int32Array(init.cancelFlags);
const searchFlags = init.searchFlags ? new Int32Array(init.searchFlags) : null;
// Server-side timing of each call (the host passes it on; `quire serve` as a Server-Timing header).
const timed = process.env['QUIRE_CALL_TIMING'] === '1';
const epochNow = () => performance.timeOrigin + performance.now();
const jobSlots = new Map<string, number>();
const post = (msg: WorkerToHost) => port.postMessage(msg);

// The writer ranks its statistics' top lists in a helper thread (falling back to its own
// connection if the helper cannot run), so an edit is answered while a long list is ranked.
const ranker = init.role === 'writer' ? new TopListRanker(new URL(import.meta.url), init.archivePath) : null;
// …and checkpoints its log in another (wal-checkpointer.ts), which is all that role does.
let checkpointer: WalCheckpointer | null = null;
if (init.role === 'checkpointer') runCheckpoints(init.archivePath); // until the writer terminates the thread

let archive: Archive;
if (init.role !== 'checkpointer') try {
  archive = new Archive(init.archivePath, {
    readonly: init.role !== 'writer',
    // Only the writer upgrades an older archive; the window shows each step (upgrade-progress).
    onUpgrade: (progress) => post({ kind: 'event', event: { type: 'upgrade-progress', progress } }),
    ...(init.searchThresholds ? { searchThresholds: init.searchThresholds } : {}),
    jobs: {
      isCancelled: (jobId) => {
        const slot = jobSlots.get(jobId);
        return slot !== undefined && Atomics.load(flags, slot) !== 0;
      },
      onProgress: (progress) => post({ kind: 'event', event: { type: 'import-progress', progress } }),
      emit: (event) => post({ kind: 'event', event }),
      ...(init.importLimits ? { importLimits: init.importLimits } : {}),
      searchStats: {
        ...init.searchStats,
        ...(ranker ? { rankElsewhere: (request) => ranker.rank(request).catch(() => rankTopList(archive.db, request)) } : {}),
      },
    },
  });
  if (init.role === 'writer') checkpointer = WalCheckpointer.start(new URL(import.meta.url), init.archivePath, archive.db);
  post({ kind: 'ready' });
} catch (error) {
  post({ kind: 'open-failed', error: toErrorData(error) });
  process.exit(0);
}

// The writer serves one job (an import) at a time, and every edit between two of the job's files,
// two slices of a file's write or of its statistics refresh, in a transaction of its own (edit-turns.ts).
let jobs: Promise<unknown> = Promise.resolve();

// Between jobs, the top lists today's thresholds call for that the statistics lack (made by an
// older version with another threshold: search/top-list-top-up.ts), on opening and after each job
// (whose refresh may have made the statistics current). The next job or a close stops it; the one
// after that job goes on from where it stopped.
let topUp: { stopped: boolean; running: Promise<unknown> } = { stopped: true, running: Promise.resolve() };
function queueTopUp(): void {
  const run: { stopped: boolean; running: Promise<unknown> } = { stopped: false, running: Promise.resolve() };
  const options = {
    ...init.searchStats,
    isCancelled: () => run.stopped,
    // Closing the helper thread fails the list it ranks: a stopped top-up drops it rather than ranking it here.
    ...(ranker ? { rankElsewhere: (request: TopListRequest) => ranker.rank(request).catch(() => (run.stopped ? [] : rankTopList(archive.db, request))) } : {}),
  };
  const start = async (): Promise<void> => {
    if (run.stopped) return;
    run.running = topUpTopLists(archive.db, options);
    await run.running;
  };
  // A failed top-up leaves the lists it wrote (each whole); searches rank the other words live.
  jobs = jobs.then(start).then(
    () => ranker?.close(),
    () => ranker?.close(),
  );
  topUp = run;
}
if (init.role === 'writer') queueTopUp();

if (init.role !== 'checkpointer') port.on('message', (msg: HostToWorker) => {
  if (msg.kind === 'close') {
    topUp.stopped = true;
    // The helper threads' connections go first: the writer's close switches the journal mode, which needs it alone.
    void Promise.all([ranker?.close(), checkpointer?.close(), topUp.running.catch(() => undefined)]).finally(() => {
      archive.close();
      port.close();
    });
    return;
  }
  if (msg.kind === 'rank') {
    try {
      post({ kind: 'result', id: msg.id, result: { ok: true, value: rankTopList(archive.db, msg.request) } });
    } catch (error) {
      post({ kind: 'result', id: msg.id, result: { ok: false, error: toErrorData(error) } });
    }
    return;
  }
  if (msg.jobId !== undefined && msg.jobSlot !== undefined) jobSlots.set(msg.jobId, msg.jobSlot);
  if (ARCHIVE_METHODS[msg.method] === 'job') {
    topUp.stopped = true;
    jobs = jobs.then(() => serve(msg)).then(() => ranker?.close());
    queueTopUp();
  } else void serve(msg);
});

async function serve(msg: Extract<HostToWorker, { kind: 'call' }>): Promise<void> {
  const start = timed ? epochNow() : 0;
  const timing = () => (timed ? { timing: { start, end: epochNow() } } : {});
  let editEnded: (() => void) | null = null;
  try {
    // Never inside a file an import is writing (edit-turns.ts), and in a transaction of its own.
    if (ARCHIVE_METHODS[msg.method] === 'write') editEnded = await makeWayForEdit(archive.db);
    const slot = msg.searchSlot;
    const superseded = searchFlags && slot !== undefined ? () => Atomics.load(searchFlags, slot) !== 0 : null;
    // A search is synchronous, so the check is set for exactly this call.
    archive.searchInterrupt = superseded;
    let pending;
    try {
      pending = archive.call(msg.method, msg.arg as never);
    } finally {
      archive.searchInterrupt = null;
    }
    const value = await pending;
    post({ kind: 'result', id: msg.id, result: { ok: true, value }, ...timing() });
  } catch (error) {
    post({ kind: 'result', id: msg.id, result: { ok: false, error: toErrorData(error) }, ...timing() });
  } finally {
    editEnded?.();
    if (msg.jobId !== undefined) jobSlots.delete(msg.jobId);
  }
}
