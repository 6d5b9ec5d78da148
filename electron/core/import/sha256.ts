// A file's SHA-256, in its own module: the writer's thread hashes each file it is given without
// loading the parsers that prepare-document.ts brings (they run in the preparing thread).
import crypto from 'node:crypto';

export function sha256Hex(bytes: Uint8Array): string {
  return crypto.createHash('sha256').update(bytes).digest('hex');
}
