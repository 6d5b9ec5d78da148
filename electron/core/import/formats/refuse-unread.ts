// Files Quire does not read, recognised by name and by content, refused with what they are.
import { ImportRejection } from '../types.ts';

const BY_EXTENSION: Record<string, string> = {
  docx: 'a Word document', doc: 'a Word document', odt: 'an OpenDocument text', rtf: 'a Rich Text document', pages: 'a Pages document',
  xlsx: 'an Excel spreadsheet', xls: 'an Excel spreadsheet', ods: 'an OpenDocument spreadsheet', numbers: 'a Numbers spreadsheet',
  pptx: 'a PowerPoint presentation', ppt: 'a PowerPoint presentation', odp: 'an OpenDocument presentation', key: 'a Keynote presentation',
  epub: 'an e-book (EPUB)', mobi: 'an e-book (MOBI)', djvu: 'a DjVu document',
  png: 'an image', jpg: 'an image', jpeg: 'an image', gif: 'an image', webp: 'an image', bmp: 'an image', tif: 'an image', tiff: 'an image', heic: 'an image', svg: 'an SVG image',
  mp3: 'an audio file', wav: 'an audio file', m4a: 'an audio file', ogg: 'an audio file', flac: 'an audio file',
  mp4: 'a video', mov: 'a video', avi: 'a video', mkv: 'a video', webm: 'a video',
  exe: 'a program', dll: 'a program', so: 'a program', dmg: 'a disk image', iso: 'a disk image',
  sqlite: 'a database', db: 'a database', '7z': 'a 7-Zip archive', rar: 'a RAR archive', tar: 'a tar archive', bz2: 'a bzip2-compressed file', xz: 'an xz-compressed file',
};

const HOW = 'Save it as plain text, HTML or PDF and import that instead.';

/** A ZIP-based office or e-book file tells itself apart by the names of its parts. */
export function zipKind(bytes: Uint8Array): string {
  const names = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 1 << 20)).toString('latin1');
  if (names.includes('word/document.xml') || names.includes('word/')) return 'a Word document (.docx)';
  if (names.includes('xl/workbook') || names.includes('xl/')) return 'an Excel spreadsheet (.xlsx)';
  if (names.includes('ppt/')) return 'a PowerPoint presentation (.pptx)';
  if (names.includes('application/epub+zip')) return 'an e-book (EPUB)';
  if (names.includes('application/vnd.oasis.opendocument')) return 'an OpenDocument file';
  return 'a ZIP archive';
}

export function refuseByExtension(name: string): void {
  const ext = /\.([A-Za-z0-9]+)$/u.exec(name)?.[1]?.toLowerCase() ?? '';
  const what = BY_EXTENSION[ext];
  if (what) throw new ImportRejection(`This file is ${what} (.${ext}); Quire does not read this format. ${HOW}`);
}

export function refuseZip(name: string, bytes: Uint8Array): never {
  const kind = zipKind(bytes);
  if (kind === 'a ZIP archive') throw new ImportRejection(`This file is a ZIP archive, not text, although its name is "${name}"; rename it to .zip to import the files inside.`);
  throw new ImportRejection(`This file is ${kind}; Quire does not read this format. ${HOW}`);
}
