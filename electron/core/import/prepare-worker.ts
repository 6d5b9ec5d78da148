// A worker thread that prepares (parses and fingerprints) files for the import writer.
import { parentPort } from 'node:worker_threads';
import type { FieldMap } from '../../../shared/field-map.ts';
import { prepareDocument } from './prepare-document.ts';
import { ImportRejection } from './types.ts';

export type PrepareRequest = { id: number; name: string; bytes: Uint8Array; fieldMap?: FieldMap; chunkBytes?: number };
export type PrepareReply =
  | { id: number; ok: true; prepared: Awaited<ReturnType<typeof prepareDocument>> }
  | { id: number; ok: false; rejection: string | null };

const port = parentPort!;
port.on('message', async (req: PrepareRequest) => {
  let reply: PrepareReply;
  try {
    reply = { id: req.id, ok: true, prepared: await prepareDocument(req.name, req.bytes, req.fieldMap, req.chunkBytes) };
  } catch (error) {
    reply = { id: req.id, ok: false, rejection: error instanceof ImportRejection ? error.message : null };
  }
  port.postMessage(reply);
});
