// Chooses the importer for a file from its content (and, second, its name) and runs it.
import type { FieldMap } from '../../../shared/field-map.ts';
import { decodeDeclared, decodeText, type DecodedText } from './decode/decode-text.ts';
import { gunzipStrict, isGzip } from './decode/gunzip.ts';
import { detectFormat } from './formats/detect-format.ts';
import type { FormatResult } from './formats/format-result.ts';
import { importCsv } from './formats/import-csv.ts';
import { importFeed } from './formats/import-feed.ts';
import { importHtml } from './formats/import-html.ts';
import { importJson, importJsonl } from './formats/import-json.ts';
import { importEml, importMbox } from './formats/import-mail.ts';
import { importPdf } from './formats/import-pdf.ts';
import { importWarc, isWarc } from './formats/import-warc.ts';
import { metaCharset } from './formats/meta-charset.ts';
import { decodeFeed } from './formats/xml-charset.ts';
import { EXTRACTORS } from './formats/extractors.ts';
import { refuseByExtension, refuseZip } from './formats/refuse-unread.ts';
import { splitMarkdown, splitTextDump } from './split/split-text-dump.ts';
import type { ParsedDocument } from './types.ts';
import { ImportRejection, NothingToImport } from './types.ts';
import { stageEnd, stageStart } from './stage-times.ts';

function startsWithAscii(bytes: Uint8Array, magic: string, within = 0): boolean {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, within + magic.length)).toString('latin1');
  return within === 0 ? head.startsWith(magic) : head.includes(magic);
}

function withEncoding(result: FormatResult, encoding: string | null, confidence: number | null): ParsedDocument {
  return { ...result, encoding, encodingConfidence: confidence };
}

/** `fieldMap`: for JSON and CSV, the source field of each entry field the user chose (`--map`). */
export async function parseDocument(name: string, bytes: Uint8Array, depth = 0, fieldMap: FieldMap = {}): Promise<ParsedDocument> {
  if (bytes.length === 0) throw new ImportRejection('The file is empty.');
  if (isGzip(bytes)) {
    if (/\.warc\.gz$/iu.test(name)) return withEncoding(importWarc(bytes), null, null);
    const inner = gunzipStrict(bytes, 'This compressed file');
    if (isWarc(inner)) return withEncoding(importWarc(bytes), null, null);
    if (depth > 2) throw new ImportRejection('This file is compressed several times over; Quire does not read it.');
    return parseDocument(name.replace(/\.gz$/iu, ''), inner, depth + 1, fieldMap);
  }
  if (startsWithAscii(bytes, '%PDF-', 1024)) return withEncoding(await importPdf(bytes), null, null);
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 0x03 || bytes[2] === 0x05)) refuseZip(name, bytes);
  refuseByExtension(name);
  if (isWarc(bytes)) return withEncoding(importWarc(bytes), null, null);

  const tick = stageStart();
  const decoded = decodeText(bytes);
  stageEnd('decode', tick);
  if (!decoded.text.trim()) throw new NothingToImport('The file holds only blank space: there is no text to import.');
  const doc = await parseText(name, bytes, decoded, fieldMap);
  const nuls = decoded.nulsRemoved ?? 0;
  if (nuls > 0) doc.warnings.unshift(`${nuls} stray NUL ${nuls === 1 ? 'byte was' : 'bytes were'} removed from the text (NUL is no character of text); the file itself is kept as it was.`);
  return doc;
}

/** A text file's entries, read by the format its decoded text has. */
async function parseText(name: string, bytes: Uint8Array, decoded: DecodedText, fieldMap: FieldMap): Promise<ParsedDocument> {
  const format = detectFormat(name, decoded.text);
  if (format === 'html' && decoded.confidence < 1) {
    const declared = metaCharset(bytes);
    if (declared) decoded = decodeDeclared(bytes, declared);
  }
  const feedCharset = format === 'feed' ? decodeFeed(bytes, decoded) : null;
  if (feedCharset) decoded = feedCharset.decoded;
  const { text, encoding, confidence } = decoded;
  switch (format) {
    case 'html':
      return withEncoding(importHtml(text), encoding, confidence);
    case 'feed': {
      const feed = importFeed(text);
      if (feedCharset?.note) feed.warnings.unshift(feedCharset.note);
      return withEncoding(feed, encoding, confidence);
    }
    case 'json':
      return withEncoding(importJson(text, fieldMap), encoding, confidence);
    case 'jsonl':
      return withEncoding(importJsonl(text, fieldMap), encoding, confidence);
    case 'csv':
    case 'tsv':
      return withEncoding(importCsv(text, format, fieldMap), encoding, confidence);
    case 'warc':
      return withEncoding(importWarc(bytes), null, null);
    case 'eml':
    case 'mbox': {
      // Mail declares a charset per part, so it is parsed from the bytes, not from the decoded text.
      // One char per byte (latin1), so message offsets are byte offsets; UTF-16 mail is decoded
      // without normalising, two bytes per char after the byte-order mark.
      const utf16 = encoding.startsWith('utf-16');
      const raw = utf16 ? new TextDecoder(encoding).decode(bytes) : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
      const mail = await (format === 'eml' ? importEml(raw) : importMbox(raw));
      if (utf16) {
        const bom = Math.max(0, bytes.length - 2 * raw.length);
        for (const e of mail.entries) if (e.locator?.kind === 'mail') e.locator = { ...e.locator, byteStart: bom + 2 * e.locator.byteStart, byteEnd: bom + 2 * e.locator.byteEnd };
      }
      const { charset, ...result } = mail;
      return withEncoding(result, charset ?? encoding, charset ? 0.9 : confidence);
    }
    case 'markdown':
    case 'text':
    case 'pdf': {
      const split = format === 'markdown' ? splitMarkdown(text) : splitTextDump(text);
      const extractor = format === 'markdown' ? EXTRACTORS.markdown : EXTRACTORS.text;
      // The stored text is the decoded text itself, so the entry's spans are its locator.
      const entries = split.entries.map((e) => {
        const bodyStart = e.bodyStart ?? e.start;
        const bodyEnd = e.bodyEnd ?? bodyStart + e.body.length;
        return { ...e, bodyStart, bodyEnd, locator: { kind: 'text', extractor, start: e.start, end: e.end, bodyStart, bodyEnd } as const };
      });
      return { format: format === 'markdown' ? 'markdown' : 'text', encoding, encodingConfidence: confidence, text, header: split.header, entries, warnings: [] };
    }
  }
}
