// A worker thread that owns one connection to the archive. The writer runs imports and edits;
// the reader answers searches, so the window never waits on a long import.
import { parentPort, workerData } from 'node:worker_threads';
import type { ArchiveMethod } from '../../../shared/contract.ts';
import { toErrorData } from '../../../shared/errors.ts';
import { Archive } from '../archive.ts';
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
    },
  });
  post({ kind: 'ready' });
} catch (error) {
  post({ kind: 'open-failed', error: toErrorData(error) });
  process.exit(0);
}

port.on('message', async (msg: HostToWorker) => {
  if (msg.kind === 'close') {
    archive.close();
    port.close();
    return;
  }
  if (msg.jobId !== undefined && msg.jobSlot !== undefined) jobSlots.set(msg.jobId, msg.jobSlot);
  try {
    const value = await archive.call(msg.method as ArchiveMethod, msg.arg as never);
    post({ kind: 'result', id: msg.id, result: { ok: true, value } });
  } catch (error) {
    post({ kind: 'result', id: msg.id, result: { ok: false, error: toErrorData(error) } });
  } finally {
    if (msg.jobId !== undefined) jobSlots.delete(msg.jobId);
  }
});
