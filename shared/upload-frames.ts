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

const MAX_NAME_BYTES = 4096;
const MAX_FILES = 100_000;

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
