// Recognises binary files by their magic numbers and by their byte statistics, so that a photo
// or a program renamed to .txt is refused with a reason instead of imported as gibberish.

interface Magic {
  bytes: number[];
  offset?: number;
  what: string;
}

const MAGIC: Magic[] = [
  { bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], what: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], what: 'a JPEG image' },
  { bytes: [0x47, 0x49, 0x46, 0x38], what: 'a GIF image' },
  { bytes: [0x42, 0x4d], what: 'a BMP image' },
  { bytes: [0x49, 0x49, 0x2a, 0x00], what: 'a TIFF image' },
  { bytes: [0x4d, 0x4d, 0x00, 0x2a], what: 'a TIFF image' },
  { bytes: [0x57, 0x45, 0x42, 0x50], offset: 8, what: 'a WebP image' },
  { bytes: [0x00, 0x00, 0x01, 0x00], what: 'an icon image' },
  { bytes: [0x7f, 0x45, 0x4c, 0x46], what: 'a program (ELF executable)' },
  { bytes: [0x4d, 0x5a], what: 'a Windows program' },
  { bytes: [0xcf, 0xfa, 0xed, 0xfe], what: 'a macOS program' },
  { bytes: [0xca, 0xfe, 0xba, 0xbe], what: 'a compiled program' },
  { bytes: [0x50, 0x4b, 0x03, 0x04], what: 'a ZIP archive' },
  { bytes: [0x50, 0x4b, 0x05, 0x06], what: 'an empty ZIP archive' },
  { bytes: [0x1f, 0x8b], what: 'a gzip-compressed file' },
  { bytes: [0x42, 0x5a, 0x68], what: 'a bzip2-compressed file' },
  { bytes: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], what: 'an xz-compressed file' },
  { bytes: [0x28, 0xb5, 0x2f, 0xfd], what: 'a zstd-compressed file' },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], what: 'a 7-Zip archive' },
  { bytes: [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07], what: 'a RAR archive' },
  { bytes: [0x75, 0x73, 0x74, 0x61, 0x72], offset: 257, what: 'a tar archive' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], what: 'an old Microsoft Office document (.doc/.xls/.ppt)' },
  { bytes: [0x7b, 0x5c, 0x72, 0x74, 0x66], what: 'a Rich Text (RTF) document' },
  { bytes: [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65, 0x20, 0x66], what: 'an SQLite database' },
  { bytes: [0x49, 0x44, 0x33], what: 'an MP3 audio file' },
  { bytes: [0x4f, 0x67, 0x67, 0x53], what: 'an Ogg audio/video file' },
  { bytes: [0x66, 0x4c, 0x61, 0x43], what: 'a FLAC audio file' },
  { bytes: [0x1a, 0x45, 0xdf, 0xa3], what: 'a Matroska/WebM video' },
  { bytes: [0x66, 0x74, 0x79, 0x70], offset: 4, what: 'an MP4/QuickTime video or HEIC image' },
  { bytes: [0x00, 0x61, 0x73, 0x6d], what: 'a WebAssembly program' },
  { bytes: [0x77, 0x4f, 0x46, 0x46], what: 'a web font' },
  { bytes: [0x77, 0x4f, 0x46, 0x32], what: 'a web font' },
];

const RIFF_KINDS: Record<string, string> = { 'WAVE': 'a WAV audio file', 'AVI ': 'an AVI video', 'WEBP': 'a WebP image' };

function startsWith(bytes: Uint8Array, magic: number[], offset = 0): boolean {
  if (bytes.length < offset + magic.length) return false;
  return magic.every((b, i) => bytes[offset + i] === b);
}

/** What kind of binary file the first bytes announce, or null when no known magic number matches. */
export function sniffMagic(bytes: Uint8Array): string | null {
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && bytes.length >= 12) {
    const kind = String.fromCharCode(...bytes.subarray(8, 12));
    return RIFF_KINDS[kind] ?? 'a RIFF media file';
  }
  // BMP and MZ are two-byte signatures that plain text can also start with ("BM...", "MZ..."):
  // trust them only when the bytes that follow are binary too.
  for (const m of MAGIC) {
    if (!startsWith(bytes, m.bytes, m.offset)) continue;
    if (m.bytes.length <= 2 && m.what !== 'a gzip-compressed file' && !looksBinary(bytes.subarray(0, 512))) continue;
    if (m.what === 'an icon image' && bytes.length < 22) continue;
    return m.what;
  }
  return null;
}

/**
 * True when the bytes are not text in any single-byte or UTF-8 encoding: NUL bytes (text files
 * never hold them, UTF-16 is recognised before this is asked) or many control characters.
 */
export function looksBinary(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 65536);
  if (sample.length === 0) return false;
  let nul = 0;
  let control = 0;
  for (const b of sample) {
    if (b === 0) nul++;
    else if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x0b && b !== 0x1b) control++;
    else if (b === 0x7f) control++;
  }
  if (nul > 0 && nul / sample.length > 0.0005) return true;
  if (nul > 2) return true;
  return (control + nul) / sample.length > 0.05;
}
