// What every format importer produces, and how it refuses a file.
import type { SourceFormat, SourceLocator } from '../../../shared/contract.ts';
import type { FieldMap } from '../../../shared/field-map.ts';

/** One entry as a format found it, with the span of the document text it came from. */
export interface EntryDraft {
  title: string;
  body: string;
  date?: string | null;
  /** How the date was found: 'posted-on', 'attribution', 'dated-line', 'meta', 'json-ld', 'field', 'warc-date', 'header', ... */
  dateSource?: string | null;
  author?: string | null;
  outlet?: string | null;
  url?: string | null;
  language?: string | null;
  /** Character offsets into ParsedDocument.text: [start, end). */
  start: number;
  end: number;
  /** Where `body` stands verbatim in ParsedDocument.text, when the splitter knows (else it is searched for in [start, end)). */
  bodyStart?: number;
  bodyEnd?: number;
  /** Where in the file the entry came from; text and Markdown get theirs from the spans (parse-document.ts). */
  locator?: SourceLocator;
}

/** A site header: it describes the source, not an entry. */
export interface SiteHeader {
  siteName?: string | null;
  description?: string | null;
  author?: string | null;
  handles?: string[];
  start: number;
  end: number;
}

export interface ParsedDocument {
  format: SourceFormat;
  encoding: string | null;
  encodingConfidence: number | null;
  /** Decoded, NFC-normalised text with \n line endings; every offset refers to it. */
  text: string;
  header?: SiteHeader | null;
  entries: EntryDraft[];
  warnings: string[];
  /** PDF: the offset in `text` where each page starts. */
  pages?: number[];
  /** JSON and CSV: the source field each entry field was read from (record-entries.ts). */
  fieldMap?: FieldMap;
}

/** A file Quire will not import, with the reason in plain words. */
export class ImportRejection extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportRejection';
  }
}

/**
 * A file that is readable but holds nothing to import (no pages, no records with text, only blank
 * space): refused as a file, but a part of a large file (file-parts.ts) may well be so.
 */
export class NothingToImport extends ImportRejection {}

export interface ContainerMember {
  /** Path inside the container, e.g. "dump/page-1.txt". */
  name: string;
  bytes: Uint8Array;
}
