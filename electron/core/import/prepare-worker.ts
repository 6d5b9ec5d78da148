// A worker thread that prepares (parses and fingerprints) files for the import writer.
import { getHeapStatistics } from 'node:v8';
import { parentPort } from 'node:worker_threads';
import type { FieldMap } from '../../../shared/field-map.ts';
import { prepareDocument } from './prepare-document.ts';
import { threadCpuMs, useStageSink, type StageTimes } from './stage-times.ts';
import { ImportRejection, NothingToImport } from './types.ts';

/** `timing`: send back the file's stage times, this thread's CPU time so far and its heap's size (the bench's breakdown). */
export type PrepareRequest = { id: number; name: string; bytes: Uint8Array; fieldMap?: FieldMap; chunkBytes?: number; header?: Uint8Array; timing?: boolean };
export type PrepareReply = (
  | { id: number; ok: true; prepared: Awaited<ReturnType<typeof prepareDocument>> }
  | { id: number; ok: false; rejection: string | null; nothing?: boolean }
) & { times?: { stages: StageTimes; threadCpuMs: number; heapMb: number } };

const port = parentPort!;
port.on('message', async (req: PrepareRequest) => {
  let reply: PrepareReply;
  const stages: StageTimes | null = req.timing ? {} : null;
  useStageSink(stages);
  try {
    reply = { id: req.id, ok: true, prepared: await prepareDocument(req.name, req.bytes, req.fieldMap, req.chunkBytes, req.header) };
  } catch (error) {
    reply = { id: req.id, ok: false, rejection: error instanceof ImportRejection ? error.message : null, nothing: error instanceof NothingToImport };
  } finally {
    useStageSink(null);
  }
  if (stages) reply.times = { stages, threadCpuMs: threadCpuMs(), heapMb: getHeapStatistics().total_heap_size / 1048576 };
  port.postMessage(reply);
});
