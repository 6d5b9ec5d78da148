// What every exporter reads: entries a page at a time, each with its sources, highlights, tags
// and notes, plus the codebook. Positions are the highlights' own: code points of the entry text
// (shared/entry-text.ts), end exclusive.
import type { Code, ExportFormat, ExportProgress, TextDirection } from '../../../shared/contract.ts';
import type { ExportSink } from './export-sink.ts';

export interface ExportSource {
  id: number;
  guid: string;
  name: string;
  path: string | null;
  sha256: string;
  size: number;
  format: string;
  encoding: string | null;
  importedAt: string;
}

export interface ExportProvenance {
  source: ExportSource;
  /** The entry's span of the source's stored text (UTF-16 units, as the archive stores it). */
  start: number;
  end: number;
  /** Where this source's own version of the body stands verbatim in its stored text (null before schema 5). */
  bodyStart: number | null;
  bodyEnd: number | null;
  /**
   * The import's locator (the contract's SourceLocator, schema 5 on: a JSON pointer, a CSV row, a
   * WARC record…), kept as the archive stored it; null for links made before schema 5.
   */
  locator: Record<string, unknown> | null;
}

/** A code as an export writes it: the contract's Code without its live counts and times. */
export type ExportCode = Omit<Code, 'highlights' | 'createdAt' | 'updatedAt'>;

export interface ExportHighlight {
  id: number;
  guid: string;
  start: number;
  end: number;
  exact: string;
  prefix: string;
  suffix: string;
  textHash: string;
  anchor: string;
  note: string | null;
  codes: ExportCode[];
  createdAt: string;
  updatedAt: string;
}

export interface ExportNote {
  guid: string;
  text: string;
  createdAt: string;
  updatedAt: string;
}

export interface ExportEntry {
  id: number;
  guid: string;
  title: string;
  body: string;
  /** The text highlight positions count in: title, blank line, body. */
  text: string;
  date: string | null;
  dateSource: string | null;
  author: string | null;
  outlet: string | null;
  url: string | null;
  language: string | null;
  direction: TextDirection;
  createdAt: string;
  provenance: ExportProvenance[];
  highlights: ExportHighlight[];
  tags: string[];
  notes: ExportNote[];
}

export interface ExportCollection {
  id: number;
  guid: string;
  name: string;
  description: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ExportOptions {
  format: ExportFormat;
  highlightsOnly: boolean;
  /** Code points of context either side of a highlight (highlights-only exports). */
  context: number;
  /** What was exported, in words, for titles and headers ("Collection “Floods”"). */
  title: string;
  exportedAt: string;
  appVersion: string;
}

/** What one exporter gets: the codebook, the entries page by page, and where to write. */
export interface ExportJob {
  options: ExportOptions;
  codes: ExportCode[];
  /** Entries in export order, a page at a time (highlights-only exports skip entries without any). */
  pages(): AsyncIterable<ExportEntry[]>;
  /** Titles, dates and highlight counts in the same order, read ahead cheaply (tables of contents). */
  outline(): AsyncIterable<{ guid: string; title: string; date: string | null; highlights: number }[]>;
  /** Collections touching the exported entries, with members restricted to them, a page at a time. */
  collections(): AsyncIterable<{ collection: ExportCollection; entryGuids: string[]; highlightGuids: string[] }>;
  sink: ExportSink;
  /** For zip formats that need a scratch file beside the output (streamed project.qde). */
  scratchPath: string;
  warn(message: string): void;
}

export type Exporter = (job: ExportJob) => Promise<void>;

export type ProgressFn = (p: Omit<ExportProgress, 'jobId'>) => void;
