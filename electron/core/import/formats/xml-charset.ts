// The encoding an XML file declares in its prolog (<?xml version="1.0" encoding="windows-1252"?>),
// read from its first bytes. NUL bytes are dropped first so a UTF-16 prolog reads too.

export function xmlCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 1024)).toString('latin1').replace(/\0/gu, '');
  const m = /^[^<]{0,8}<\?xml\s[^>]*?\bencoding\s*=\s*["']\s*([\w.:-]+)\s*["']/u.exec(head);
  return m ? m[1]! : null;
}
