// Browser-mode uploads, written to a temporary folder as the body arrives: the server holds one
// chunk at a time whatever the size of the drop, and refuses a file or a request past the limits
// (413) or a malformed frame (400) as soon as its frame head says so.
import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { isQuireError } from '../../shared/errors.ts';
import { UploadFrameReader, type UploadFrameEvent } from '../../shared/upload-frames.ts';
import { PARTED_FORMATS, PARTED_NAME } from '../core/import/file-parts.ts';
import { DEFAULT_IMPORT_LIMITS, formatSize } from '../core/import/import-limits.ts';

export interface UploadLimits {
  /** The largest file in an upload: the largest file an import takes (256 MB). */
  maxFileBytes: number;
  /** The most one request may carry (4 GB). */
  maxRequestBytes: number;
}

export const DEFAULT_UPLOAD_LIMITS: UploadLimits = Object.freeze({
  maxFileBytes: DEFAULT_IMPORT_LIMITS.maxFileBytes,
  maxRequestBytes: 4096 * 1024 * 1024,
});

/** A refusal with the HTTP status it is sent with. */
export class UploadRefused extends Error {
  readonly status: 400 | 413;
  constructor(status: 400 | 413, message: string) {
    super(message);
    this.status = status;
  }
}

export interface ReceivedFile {
  /** Where the bytes are, in the temporary folder (named by number, never by the uploaded name). */
  path: string;
  /** The name as the user dropped it (folder/file.txt), shown and stored as the file's path. */
  name: string;
}

/**
 * Reads the whole body into `dir`, one file at a time (the request is paused while a chunk is
 * written); rejects with UploadRefused at the first frame past the limits or malformed. After a
 * refusal the rest of the body is read and dropped, so the page gets the answer, not a reset.
 */
export function receiveUploads(req: http.IncomingMessage, dir: string, limits: UploadLimits): Promise<ReceivedFile[]> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (declared > limits.maxRequestBytes) {
    req.resume();
    return Promise.reject(tooLargeRequest(limits));
  }
  const reader = new UploadFrameReader();
  const files: ReceivedFile[] = [];
  let out: fs.promises.FileHandle | null = null;
  let received = 0;
  let chain: Promise<void> = Promise.resolve();
  let failed = false;
  return new Promise<ReceivedFile[]>((resolve, reject) => {
    const fail = (error: unknown) => {
      if (failed) return;
      failed = true;
      req.resume();
      const refusal = error instanceof UploadRefused ? error : new UploadRefused(400, isQuireError(error) ? error.message : 'The upload could not be received.');
      const open = out;
      out = null;
      void (open ? open.close().catch(() => {}) : Promise.resolve()).then(() => reject(refusal));
    };
    const handle = async (events: UploadFrameEvent[]) => {
      for (const event of events) {
        if (failed) return;
        if (event.kind === 'start') {
          // A file named as one of the formats read in parts may be as large as the request (its import checks its content).
          if (event.size > limits.maxFileBytes && !PARTED_NAME.test(event.name)) {
            throw new UploadRefused(
              413,
              `“${event.name}” is ${formatSize(event.size)}; Quire reads files of up to ${formatSize(limits.maxFileBytes)} whole, and larger ones only when they are ${PARTED_FORMATS}. Split it into smaller files and import the parts. Nothing from this upload was imported.`,
            );
          }
          const file = path.join(dir, String(files.length));
          files.push({ path: file, name: event.name });
          out = await fs.promises.open(file, 'wx', 0o600);
        } else if (event.kind === 'data') {
          await out!.write(event.bytes);
        } else {
          const done = out!;
          out = null;
          await done.close();
        }
      }
    };
    req.on('data', (chunk: Buffer) => {
      if (failed) return; // draining after a refusal
      received += chunk.byteLength;
      if (received > limits.maxRequestBytes) return fail(tooLargeRequest(limits));
      let events: UploadFrameEvent[];
      try {
        events = reader.push(chunk);
      } catch (error) {
        return fail(new UploadRefused(400, isQuireError(error) ? error.message : 'The upload was cut short or malformed.'));
      }
      req.pause();
      chain = chain.then(() => handle(events)).then(() => {
        if (!failed) req.resume();
      }, fail);
    });
    req.on('end', () => {
      void chain.then(() => {
        if (failed) return;
        try {
          reader.finish();
        } catch (error) {
          return fail(new UploadRefused(400, isQuireError(error) ? error.message : 'The upload was cut short or malformed.'));
        }
        resolve(files);
      });
    });
    req.on('error', fail);
    req.on('aborted', () => fail(new UploadRefused(400, 'The upload was cut short.')));
  });
}

function tooLargeRequest(limits: UploadLimits): UploadRefused {
  return new UploadRefused(413, `This upload is larger than ${formatSize(limits.maxRequestBytes)}, the most Quire takes in one request; drop fewer files at a time.`);
}
