// Runs prepareDocument in a worker thread so parsing the next file overlaps writing this one
// (the writer is SQLite-bound, parsing is CPU-bound: on two cores they run side by side).
// Falls back to preparing inline when the worker script is not there.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { FieldMap } from '../../../shared/field-map.ts';
import type { PreparedDocument } from './prepare-document.ts';
import type { PrepareReply, PrepareRequest } from './prepare-worker.ts';
import { addStageTimes, type ImportStageTimes } from './stage-times.ts';
import { ImportRejection, NothingToImport } from './types.ts';

function workerFile(): URL | null {
  const self = import.meta.url;
  // Source (tests, CLI from source) or the bundle beside main.mjs/archive-worker.mjs in dist/.
  const url = new URL(self.endsWith('.ts') ? './prepare-worker.ts' : './prepare-worker.mjs', self);
  return url.protocol === 'file:' && fs.existsSync(fileURLToPath(url)) ? url : null;
}

/**
 * The helper thread's young generation, smaller than V8's default (sized for throughput): each
 * file's parse leaves garbage to fill it. At 20,000 entries its heap peaked at 140 MB instead of
 * 177 MB for up to a fifth more of its CPU time; it is the less busy of the import's two threads.
 */
const PREPARE_YOUNG_GENERATION_MB = 16;

export class DocumentPreparer {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (p: PreparedDocument) => void; reject: (e: Error) => void }>();

  private readonly times: ImportStageTimes | undefined;

  /** `times`: the bench's breakdown, which the helper thread's stage times are added to. */
  constructor(times?: ImportStageTimes) {
    this.times = times;
    const file = workerFile();
    if (!file) return;
    this.worker = new Worker(file, { resourceLimits: { maxYoungGenerationSizeMb: PREPARE_YOUNG_GENERATION_MB } });
    this.worker.unref();
    this.worker.on('message', (reply: PrepareReply) => {
      if (reply.times && this.times) {
        addStageTimes(this.times.prepare, reply.times.stages);
        this.times.prepareThreadCpuMs = reply.times.threadCpuMs;
        this.times.prepareHeapMb = Math.max(this.times.prepareHeapMb ?? 0, reply.times.heapMb);
      }
      const waiter = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (!waiter) return;
      if (reply.ok) waiter.resolve(reply.prepared);
      else if (reply.rejection === null) waiter.reject(new Error('malformed'));
      else waiter.reject(reply.nothing ? new NothingToImport(reply.rejection) : new ImportRejection(reply.rejection));
    });
    this.worker.on('error', () => this.failAll());
    this.worker.on('exit', () => this.failAll());
  }

  private failAll(): void {
    this.worker = null;
    for (const w of this.pending.values()) w.reject(new Error('The import helper thread stopped.'));
    this.pending.clear();
  }

  /** `chunkBytes`: the pieces the file's content is stored in (ImportLimits.sourceChunkBytes). */
  prepare(name: string, bytes: Uint8Array, fieldMap?: FieldMap, chunkBytes?: number, header?: Uint8Array): Promise<PreparedDocument> {
    // Loaded here only then: the parsers are the preparing thread's, not the writer's (about 2 MB of code).
    if (!this.worker) return import('./prepare-document.ts').then((m) => m.prepareDocument(name, bytes, fieldMap, chunkBytes, header));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker!.postMessage({ id, name, bytes, fieldMap, chunkBytes, ...(header ? { header } : {}), ...(this.times ? { timing: true } : {}) } satisfies PrepareRequest);
    });
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    if (w) await w.terminate();
  }
}
