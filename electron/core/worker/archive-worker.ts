// A worker thread that owns one connection to the archive. The writer runs imports and edits;
// the reader answers searches, so the window never waits on a long import.
import { parentPort, workerData } from 'node:worker_threads';
import { ARCHIVE_METHODS } from '../../../shared/contract.ts';
import { toErrorData } from '../../../shared/errors.ts';
import { Archive } from '../archive.ts';
import { commitOpenBatch } from '../import/archive-writer.ts';
import type { HostToWorker, WorkerInit, WorkerToHost } from './worker-protocol.ts';

const init = workerData as WorkerInit;
const port = parentPort!;
const flags = new Int32Array(init.cancelFlags);
const jobSlots = new Map<string, number>();
const post = (msg: WorkerToHost) => port.postMessage(msg);

let archive: Archive;
try {
  archive = new Archive(init.archivePath, {
    readonly: init.role === 'reader',
    jobs: {
      isCancelled: (jobId) => {
        const slot = jobSlots.get(jobId);
        return slot !== undefined && Atomics.load(flags, slot) !== 0;
      },
      onProgress: (progress) => post({ kind: 'event', event: { type: 'import-progress', progress } }),
      searchStats: init.searchStats,
    },
  });
  post({ kind: 'ready' });
} catch (error) {
  post({ kind: 'open-failed', error: toErrorData(error) });
  process.exit(0);
}

// The writer serves one job (an import) at a time, and every edit between two of the job's files
// (or two slices of its statistics refresh), in a transaction of its own (commitOpenBatch).
let jobs: Promise<unknown> = Promise.resolve();

port.on('message', (msg: HostToWorker) => {
  if (msg.kind === 'close') {
    archive.close();
    port.close();
    return;
  }
  if (msg.jobId !== undefined && msg.jobSlot !== undefined) jobSlots.set(msg.jobId, msg.jobSlot);
  if (ARCHIVE_METHODS[msg.method] === 'job') jobs = jobs.then(() => serve(msg));
  else void serve(msg);
});

async function serve(msg: Extract<HostToWorker, { kind: 'call' }>): Promise<void> {
  try {
    if (ARCHIVE_METHODS[msg.method] === 'write') commitOpenBatch(archive.db);
    const value = await archive.call(msg.method, msg.arg as never);
    post({ kind: 'result', id: msg.id, result: { ok: true, value } });
  } catch (error) {
    post({ kind: 'result', id: msg.id, result: { ok: false, error: toErrorData(error) } });
  } finally {
    if (msg.jobId !== undefined) jobSlots.delete(msg.jobId);
  }
}
