// Stable keys (UUIDs) for every row a researcher makes or may exchange (REFI-QDA asks for GUIDs).
// Sources and entries derive theirs from their content, so the same file or entry text has the
// same GUID in every archive and an exported project re-imports onto the rows it came from.
import crypto from 'node:crypto';

export function newGuid(): string {
  return crypto.randomUUID();
}

/** A UUIDv8 (RFC 9562, custom) made from the first 128 bits of a hex digest such as a SHA-256. */
export function guidFromHash(hexDigest: string): string {
  const h = hexDigest.toLowerCase().padEnd(32, '0');
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
