// Binary framing for browser-mode uploads: many files in one request body without base64.
// Frame: [u32 name byte length][name UTF-8][f64 data length][data bytes], repeated.
import type { UploadedFile } from './contract.ts';
import { QuireError } from './errors.ts';

export function encodeUploads(files: UploadedFile[]): Uint8Array {
  const enc = new TextEncoder();
  const names = files.map((f) => enc.encode(f.name));
  const total = files.reduce((n, f, i) => n + 12 + names[i]!.byteLength + f.data.byteLength, 0);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  let at = 0;
  files.forEach((f, i) => {
    const name = names[i]!;
    view.setUint32(at, name.byteLength);
    out.set(name, at + 4);
    at += 4 + name.byteLength;
    view.setFloat64(at, f.data.byteLength);
    out.set(f.data, at + 8);
    at += 8 + f.data.byteLength;
  });
  return out;
}

export const MAX_NAME_BYTES = 4096;
export const MAX_FILES = 100_000;

const cutShort = () => new QuireError('invalid-input', 'The upload was cut short or malformed. Try dropping the files again.');

/** What an UploadFrameReader finds in the bytes pushed so far, in order. */
export type UploadFrameEvent =
  | { kind: 'start'; name: string; size: number }
  | { kind: 'data'; bytes: Uint8Array }
  | { kind: 'end' };

/**
 * The same frames read as the body arrives, so a server never holds more than one chunk: each
 * push returns the files started, their bytes (views into the chunk) and their ends. Throws
 * QuireError('invalid-input') at the first malformed frame, before anything is made of it.
 */
export class UploadFrameReader {
  private head: Uint8Array = new Uint8Array(0);
  /** Bytes of the current file still to come; -1 while a frame's head is being read. */
  private left = -1;
  private files = 0;
  private readonly dec = new TextDecoder('utf-8', { fatal: true });

  push(chunk: Uint8Array): UploadFrameEvent[] {
    const events: UploadFrameEvent[] = [];
    let at = 0;
    while (at < chunk.byteLength) {
      if (this.left > 0) {
        const take = Math.min(this.left, chunk.byteLength - at);
        events.push({ kind: 'data', bytes: chunk.subarray(at, at + take) });
        at += take;
        this.left -= take;
        if (this.left === 0) this.endFile(events);
        continue;
      }
      // A frame's head: u32 name length, the name, f64 data length. Gathered across chunks (it is small).
      const need = this.headLength();
      const take = Math.min(chunk.byteLength - at, Math.max(1, need - this.head.byteLength));
      this.head = concat(this.head, chunk.subarray(at, at + take));
      at += take;
      if (this.head.byteLength >= 4) {
        const nameLen = new DataView(this.head.buffer, this.head.byteOffset).getUint32(0);
        if (nameLen === 0 || nameLen > MAX_NAME_BYTES) throw cutShort();
      }
      if (this.head.byteLength === this.headLength() && this.head.byteLength > 4) this.startFile(events);
    }
    return events;
  }

  /** The body ended: it must end on a frame boundary, after at least one file. */
  finish(): void {
    if (this.left > 0 || this.head.byteLength > 0 || this.files === 0) throw cutShort();
  }

  private headLength(): number {
    if (this.head.byteLength < 4) return 4;
    return 4 + new DataView(this.head.buffer, this.head.byteOffset).getUint32(0) + 8;
  }

  private startFile(events: UploadFrameEvent[]): void {
    const view = new DataView(this.head.buffer, this.head.byteOffset, this.head.byteLength);
    const nameLen = view.getUint32(0);
    const size = view.getFloat64(4 + nameLen);
    if (!Number.isSafeInteger(size) || size < 0) throw cutShort();
    if (this.files >= MAX_FILES) throw new QuireError('invalid-input', `One upload holds at most ${MAX_FILES.toLocaleString('en')} files; drop fewer at a time.`);
    let name: string;
    try {
      name = this.dec.decode(this.head.subarray(4, 4 + nameLen));
    } catch {
      throw cutShort();
    }
    this.files++;
    this.head = new Uint8Array(0);
    events.push({ kind: 'start', name, size });
    this.left = size;
    if (size === 0) this.endFile(events);
  }

  private endFile(events: UploadFrameEvent[]): void {
    events.push({ kind: 'end' });
    this.left = -1;
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.byteLength + b.byteLength);
  out.set(a);
  out.set(b, a.byteLength);
  return out;
}

export function decodeUploads(body: Uint8Array): UploadedFile[] {
  const dec = new TextDecoder('utf-8', { fatal: true });
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
  const files: UploadedFile[] = [];
  let at = 0;
  const bad = () => new QuireError('invalid-input', 'The upload was cut short or malformed. Try dropping the files again.');
  while (at < body.byteLength) {
    if (at + 4 > body.byteLength) throw bad();
    const nameLen = view.getUint32(at);
    if (at + 4 + nameLen + 8 > body.byteLength) throw bad();
    if (nameLen === 0 || nameLen > MAX_NAME_BYTES) throw bad();
    if (files.length >= MAX_FILES) throw new QuireError('invalid-input', `One upload holds at most ${MAX_FILES.toLocaleString('en')} files; drop fewer at a time.`);
    let name: string;
    try {
      name = dec.decode(body.subarray(at + 4, at + 4 + nameLen));
    } catch {
      throw bad();
    }
    at += 4 + nameLen;
    const dataLen = view.getFloat64(at);
    if (!Number.isInteger(dataLen) || dataLen < 0 || at + 8 + dataLen > body.byteLength) throw bad();
    files.push({ name, data: body.subarray(at + 8, at + 8 + dataLen) });
    at += 8 + dataLen;
  }
  if (files.length === 0) throw bad();
  return files;
}
