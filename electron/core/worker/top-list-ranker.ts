// The writer's helper thread for the statistics refresh. Ranking a word found in most entries is
// one FTS5 statement of seconds at a million entries (bm25 over every match); on a read
// connection of its own, in another thread, it leaves the writer free to answer edits meanwhile.
// The thread is the archive worker itself in the 'ranker' role, started on the first list and
// stopped after the import (close).
import { Worker } from 'node:worker_threads';
import { fromErrorData, QuireError } from '../../../shared/errors.ts';
import type { RankedEntry, TopListRequest } from '../search/search-stats.ts';
import type { HostToWorker, WorkerInit, WorkerToHost } from './worker-protocol.ts';

interface Waiter {
  resolve: (rows: RankedEntry[]) => void;
  reject: (error: Error) => void;
}

/** One running helper thread and the lists it was asked for. */
interface Helper {
  ready: Promise<Worker>;
  pending: Map<number, Waiter>;
}

export class TopListRanker {
  private helper: Helper | null = null;
  private nextId = 1;
  private readonly file: URL;
  private readonly archivePath: string;

  /** `file`: the archive worker script (the writer's own). */
  constructor(file: URL, archivePath: string) {
    this.file = file;
    this.archivePath = archivePath;
  }

  rank(request: TopListRequest): Promise<RankedEntry[]> {
    const helper = (this.helper ??= this.start());
    return helper.ready.then(
      (worker) =>
        new Promise<RankedEntry[]>((resolve, reject) => {
          const id = this.nextId++;
          helper.pending.set(id, { resolve, reject });
          worker.postMessage({ kind: 'rank', id, request } satisfies HostToWorker);
        }),
    );
  }

  private start(): Helper {
    const init: WorkerInit = { archivePath: this.archivePath, role: 'ranker', cancelFlags: new SharedArrayBuffer(4) };
    const worker = new Worker(this.file, { workerData: init });
    worker.unref();
    const pending = new Map<number, Waiter>();
    const ready = new Promise<Worker>((resolve, reject) => {
      const stopped = (error: Error) => {
        reject(error);
        for (const w of pending.values()) w.reject(error);
        pending.clear();
        if (this.helper?.pending === pending) this.helper = null;
      };
      worker.on('message', (msg: WorkerToHost) => {
        if (msg.kind === 'ready') resolve(worker);
        else if (msg.kind === 'open-failed') stopped(fromErrorData(msg.error));
        else if (msg.kind === 'result') {
          const waiter = pending.get(msg.id);
          pending.delete(msg.id);
          if (msg.result.ok) waiter?.resolve(msg.result.value as RankedEntry[]);
          else waiter?.reject(fromErrorData(msg.result.error));
        }
      });
      worker.once('error', stopped);
      worker.once('exit', () => stopped(new QuireError('internal', 'The ranking helper thread stopped.')));
    });
    ready.catch(() => undefined); // a failed start is reported to the lists that wait for it
    return { ready, pending };
  }

  /** Stops the thread and frees its connection; the next list starts another. */
  async close(): Promise<void> {
    const helper = this.helper;
    this.helper = null;
    const worker = await helper?.ready.catch(() => null);
    if (worker) await worker.terminate();
  }
}
