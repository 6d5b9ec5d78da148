// The upload frames read as they arrive: whatever the chunks, the same files as read whole, and a
// malformed head refused at once.
import { describe, expect, it } from 'vitest';
import { decodeUploads, encodeUploads, UploadFrameReader, type UploadFrameEvent } from '../../shared/upload-frames.ts';

const enc = new TextEncoder();
const FILES = [
  { name: 'a.txt', data: enc.encode('First file\n\nwith a body.') },
  { name: 'empty.txt', data: new Uint8Array(0) },
  { name: 'dossier/ملاحظات.txt', data: enc.encode('نص الملاحظة') },
];

function readInChunks(body: Uint8Array, size: number) {
  const reader = new UploadFrameReader();
  const files: { name: string; parts: Uint8Array[] }[] = [];
  const events: UploadFrameEvent[] = [];
  for (let at = 0; at < body.byteLength; at += size) events.push(...reader.push(body.subarray(at, at + size)));
  reader.finish();
  for (const e of events) {
    if (e.kind === 'start') files.push({ name: e.name, parts: [] });
    else if (e.kind === 'data') files.at(-1)!.parts.push(e.bytes.slice());
  }
  return files.map((f) => ({ name: f.name, data: Uint8Array.from(f.parts.flatMap((p) => [...p])) }));
}

describe('upload frames read as they arrive', () => {
  it('gives the same files as reading the body whole, for every chunk size', () => {
    const body = encodeUploads(FILES);
    const whole = decodeUploads(body).map((f) => ({ name: f.name, data: Uint8Array.from(f.data) }));
    expect(whole).toEqual(FILES);
    for (let size = 1; size <= body.byteLength; size++) expect(readInChunks(body, size), `chunks of ${size}`).toEqual(FILES);
  });

  it('refuses an empty name at the first four bytes, and a body cut short at the end', () => {
    expect(() => new UploadFrameReader().push(new Uint8Array(64 * 1024))).toThrow(/cut short or malformed/u);
    const body = encodeUploads(FILES);
    const reader = new UploadFrameReader();
    reader.push(body.subarray(0, body.byteLength - 3));
    expect(() => reader.finish()).toThrow(/cut short or malformed/u);
    expect(() => new UploadFrameReader().finish()).toThrow(/cut short or malformed/u);
  });
});
