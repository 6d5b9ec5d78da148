// The charset an HTML page declares in its own <meta> tags, read from its first bytes.

export function metaCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 4096)).toString('latin1');
  const m = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/iu.exec(head);
  return m ? m[1]! : null;
}
