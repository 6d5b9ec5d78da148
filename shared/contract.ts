// The one contract between the archive and everything that talks to it.
// The worker, the Electron IPC handlers, the preload bridge, the HTTP server and the
// renderer client are all derived from ArchiveApi; nothing re-declares a method.
// Runs anywhere: no node:*, no electron, no DOM.
import type { FieldMap } from './field-map.ts';

export type { FieldMap, MappedField } from './field-map.ts';

export type TextDirection = 'ltr' | 'rtl';

export type SourceFormat =
  | 'text'
  | 'markdown'
  | 'html'
  | 'json'
  | 'jsonl'
  | 'csv'
  | 'tsv'
  | 'warc'
  | 'mbox'
  | 'eml'
  | 'pdf'
  | 'feed';

export interface ArchiveInfo {
  path: string;
  schemaVersion: number;
  appVersion: string;
  sqliteVersion: string;
  /** Why the archive is open read-only (a read-only file or folder, damage found on opening, or asked for), else absent. */
  readOnly?: string;
}

export interface ArchiveStats {
  sources: number;
  entries: number;
  highlights: number;
  codes: number;
  collections: number;
}

// ---- Import --------------------------------------------------------------

export interface ImportFilesRequest {
  /** Files, folders (walked recursively) or glob patterns. */
  paths: string[];
  /**
   * The name to show and store for each path (then each path is one file, taken as it is): browser
   * mode saves uploads to a temporary folder and imports them under the names they were dropped
   * with. Over HTTP importFiles itself is refused; the server calls it for the files it received.
   */
  displayNames?: string[];
  /** Chosen by the caller so that it can cancel and match progress events. */
  jobId?: string;
  /** JSON and CSV: the source field to read each entry field from, instead of Quire's choice. */
  fieldMap?: FieldMap;
}

export interface UploadedFile {
  /** Relative path as the user dropped it (folder/file.txt) or the bare file name. */
  name: string;
  data: Uint8Array;
}

export interface ImportUploadsRequest {
  files: UploadedFile[];
  jobId?: string;
}

export type ImportFileStatus = 'imported' | 'duplicate' | 'rejected' | 'cancelled';

export interface ImportFileResult {
  path: string;
  status: ImportFileStatus;
  entries: number;
  /** Plain-words reason for a rejection. */
  error?: string;
  warnings?: string[];
  format?: SourceFormat;
  encoding?: string | null;
  sourceId?: number;
  /** JSON and CSV: the source field each entry field was read from (the one most records used). */
  fieldMap?: FieldMap;
  /** What an imported file's `entries` became; they add up to `entries`. */
  counts?: EntryCounts;
  /** A file too large to read whole was read in this many parts, each a source of its own (file-parts.ts). */
  parts?: number;
}

/**
 * What the entries read from files became. `newEntries` and `versions` are rows added to the
 * archive; `duplicates` were not added: the same text was already there (from an earlier import or
 * earlier in this one). A version is a near-duplicate (near-duplicates.ts), stored with its group.
 */
export interface EntryCounts {
  newEntries: number;
  versions: number;
  duplicates: number;
}

export interface ImportReport {
  jobId: string;
  files: ImportFileResult[];
  cancelled: boolean;
  /** Entries added to the archive: `counts.newEntries + counts.versions`. */
  entriesAdded: number;
  counts: EntryCounts;
}

export interface ImportProgress {
  jobId: string;
  filesDone: number;
  filesTotal: number;
  bytesDone: number;
  bytesTotal: number;
  entriesDone: number;
  currentFile: string | null;
  /**
   * Set once the files are in: the search statistics (exact counts and the top lists of very
   * common words, which keep big archives fast) are being brought up to date. `done` of `total`
   * words ranked; the imported entries are already searchable.
   */
  searchStats?: { done: number; total: number };
  /**
   * Set while a file too large to read whole is written in parts, all in one transaction: edits
   * (highlights, notes, codes) sent meanwhile are saved when the file is in, which may be minutes.
   */
  editsWait?: boolean;
}

// ---- Search --------------------------------------------------------------

export type SortOrder = 'relevance' | 'date-desc' | 'date-asc';

export interface FacetFilter {
  outlet?: string[];
  author?: string[];
  source?: number[];
  language?: string[];
  year?: string[];
  month?: string[];
  tag?: string[];
  code?: string[];
  collection?: string[];
}

export interface SearchRequest {
  /** Quire query language: words, "phrases", OR, NOT/-word, prefix*, NEAR(a b, 10), fields, dates. */
  query: string;
  /** Facet selections, ANDed across facets, ORed within one facet. */
  filters?: FacetFilter;
  /** Inclusive ISO date range (yyyy-mm-dd) from the timeline brush. */
  dateFrom?: string | null;
  dateTo?: string | null;
  /** Opt-in romanised-name variants (u/o, e/a/i, kh/q/gh...). */
  transliteration?: boolean;
  sort?: SortOrder;
  limit?: number;
  offset?: number;
}

/**
 * A search that may be replaced: a later search with the same `supersede.key` (one per window's
 * list) and a higher `seq` stops this one at its next statement, or before it starts if it is
 * still queued; it then fails with code 'cancelled', as does one that arrives after a higher `seq`
 * (requests can overtake each other). The reader answers one call at a time, so a search typed
 * over would otherwise delay the one that will be shown.
 */
export interface SearchCall extends SearchRequest {
  supersede?: { key: string; seq: number };
}

export interface HighlightSpan {
  start: number;
  end: number;
}

export interface SearchHit {
  id: number;
  title: string;
  date: string | null;
  author: string | null;
  outlet: string | null;
  source: string | null;
  direction: TextDirection;
  /** Plain text; matched terms are given as spans so no HTML ever crosses the contract. */
  snippet: string;
  snippetHighlights: HighlightSpan[];
  /** Which variant of an alias group or transliteration matched, when not the typed word. */
  matchedVariants?: string[];
  versions?: number;
}

export interface SearchResult {
  total: number;
  /** True when total is exact; false when it is a lower bound computed under a time budget. */
  totalExact: boolean;
  hits: SearchHit[];
  /** How the query was understood, for the UI ("searching for ... or ..."). */
  explanation?: string;
  tookMs: number;
}

/**
 * Counting every match of a query too common to count within a search (`totalExact: false`), a
 * slice at a time: each call counts for a few tens of milliseconds from `after` (an entry id; 0 to
 * start) and says where the next call goes on, so searches sent meanwhile are never held up long.
 * The caller sums `counted` until `next` is null.
 */
export interface CountRequest extends SearchRequest {
  after?: number;
}

export interface CountProgress {
  counted: number;
  /** Where to go on from, or null when the count is complete. */
  next: number | null;
}

export interface FacetCount {
  value: string;
  label: string;
  count: number;
}

export interface FacetsResult {
  outlet: FacetCount[];
  author: FacetCount[];
  source: FacetCount[];
  language: FacetCount[];
  year: FacetCount[];
  month: FacetCount[];
  tag: FacetCount[];
  code: FacetCount[];
  collection: FacetCount[];
  /** Set when the matches were too many to count one by one: counts are estimates from a sample spread over the archive. */
  approximate?: boolean;
  /**
   * Each list holds at most 100 values (the most frequent); for a facet with more, how many
   * distinct values it has in all (in the sample, when `approximate`). `facetValues` gives that
   * facet's whole list.
   */
  distinct?: Partial<Record<keyof FacetFilter, number>>;
}

/** One facet's whole list for a search (facets gives at most 100 values of each). */
export interface FacetValuesRequest extends SearchRequest {
  facet: keyof FacetFilter;
}

export interface FacetValues {
  /** Every value, in the order of the facets' lists (count, then value; years and months newest first). */
  values: FacetCount[];
  /** As in FacetsResult: counts are estimates from the same sample. */
  approximate?: boolean;
}

export interface TimelineBucket {
  /** yyyy-mm */
  month: string;
  count: number;
}

export interface TimelineResult {
  buckets: TimelineBucket[];
  undated: number;
  /** Set when counts are estimates from a sample spread over the archive (very many matches). */
  approximate?: boolean;
}

// ---- Entries and sources -------------------------------------------------

/**
 * Where in its source file an entry came from, in terms a reader can follow with the file alone
 * (stored per entry and source; see "What it reads" in the README). Every locator names the
 * `extractor` (importer and its version, e.g. 'quire-json/1') that derived the entry's text.
 * Character offsets (`start`/`end`, `bodyStart`/`bodyEnd`) count UTF-16 units of the file's
 * DECODED text: its bytes decoded with the source's `encoding`, without a byte-order mark, NFC,
 * every CR/CRLF as \n, no NUL characters (the same text the archive stores for a text or Markdown file). Byte offsets
 * count bytes of the file as imported (of the decompressed stream for a .gz file).
 */
export type SourceLocator =
  /** Text and Markdown: the entry's span and the body's own span inside it. */
  | { kind: 'text'; extractor: string; start: number; end: number; bodyStart: number; bodyEnd: number }
  /** JSON: RFC 6901 pointer to the record and the record's span. JSON Lines: 1-based `line`, pointer inside that line's value. */
  | { kind: 'json'; extractor: string; pointer: string; line: number | null; start: number; end: number }
  /** CSV/TSV: 1-based data row (the header row not counted), its physical lines (1-based, inclusive) and span. */
  | { kind: 'csv'; extractor: string; row: number; firstLine: number; lastLine: number; start: number; end: number }
  /** HTML: the element the main content was read from (a CSS-like path) and the span of its markup. */
  | { kind: 'html'; extractor: string; path: string; start: number; end: number }
  /** mbox (1-based `index`, byte range from its "From " line to its last line) and .eml (index 1, the whole file). `messageId` as the header writes it, angle brackets included. */
  | { kind: 'mail'; extractor: string; index: number; messageId: string | null; byteStart: number; byteEnd: number }
  /**
   * WARC: the response record and, inside its HTTP payload (transfer and content encodings undone,
   * decoded with the page's charset), the element the content was read from. `recordOffset` is
   * the byte offset of the record's "WARC/" line in the (decompressed) file.
   */
  | {
      kind: 'warc';
      extractor: string;
      recordId: string | null;
      targetUri: string | null;
      payloadDigest: string | null;
      recordOffset: number;
      path: string;
      start: number;
      end: number;
    }
  /** RSS and Atom feeds: the item's (or entry's) element as a CSS-like path and the span of its markup in the decoded text. */
  | { kind: 'feed'; extractor: string; path: string; start: number; end: number }
  /** PDF: the 1-based pages the entry's text was extracted from. */
  | { kind: 'pdf'; extractor: string; pages: number[] };

export interface EntryProvenance {
  sourceId: number;
  sourceName: string;
  sourcePath: string | null;
  /** The entry's span of the source's stored text (the decoded text for text and Markdown, the extracted text otherwise). */
  start: number;
  end: number;
  /**
   * Where this source's own version of the body stands verbatim in its stored text. Entries that
   * differ only in whitespace are stored once (the first file's text): this span is what a citation
   * of THIS source quotes. null for links made before schema version 5.
   */
  bodyStart: number | null;
  bodyEnd: number | null;
  /** null for links made before schema version 5. */
  locator: SourceLocator | null;
}

export interface EntryVersion {
  id: number;
  title: string;
  date: string | null;
  outlet: string | null;
  source: string | null;
}

export interface EntryDetail {
  id: number;
  title: string;
  body: string;
  date: string | null;
  dateSource: string | null;
  author: string | null;
  outlet: string | null;
  url: string | null;
  language: string | null;
  direction: TextDirection;
  provenance: EntryProvenance[];
  /** Near-duplicate versions of this entry (the same article republished with edits). */
  versions: EntryVersion[];
  earliestDate: string | null;
  /** With getEntry's `query`: where the query's terms occur in `title` and `body` (original-text offsets, same folding as search). */
  titleHighlights?: HighlightSpan[];
  bodyHighlights?: HighlightSpan[];
}

/** Where a title or body occurs in an original region (UTF-16 offsets into EntryOriginal.text). */
export interface OriginalMark {
  field: 'title' | 'body';
  start: number;
  end: number;
  /** false when the region has the text only modulo white space, or escaped as the format writes it (JSON string escapes, HTML character references). */
  verbatim: boolean;
}

export interface EntryOriginal {
  entryId: number;
  sourceId: number;
  sourceName: string;
  /**
   * The real region of the source the entry came from, as plain text (never markup to render): the
   * text span, the JSON record, the CSV row, the mail message, the HTML element's markup, the WARC
   * page's element inside its HTTP payload, the PDF pages' text.
   */
  text: string;
  /** Where `text` stands (see SourceLocator): offsets of the decoded text; of the decoded page for WARC; bytes for mail; of the stored text for PDF. */
  start: number;
  end: number;
  unit: 'chars' | 'bytes';
  encoding: string | null;
  /** null for entries imported before schema version 5 (then `text` is the stored text's span). */
  locator: SourceLocator | null;
  /** "record /items/3", "row 4 (lines 5–6)", "message 2 <id@host>", "pages 1–3", ... */
  label: string;
  /** Where the entry's title and body (this source's version) occur in `text`, in order. */
  marks: OriginalMark[];
}

export interface SourceSummary {
  id: number;
  name: string;
  path: string | null;
  format: SourceFormat;
  encoding: string | null;
  size: number;
  sha256: string;
  importedAt: string;
  entries: number;
}

// ---- Alias groups and saved searches -----------------------------------

export interface AliasGroup {
  id: number;
  name: string;
  variants: string[];
}

export interface SavedSearch {
  id: number;
  name: string;
  query: string;
  createdAt: string;
  lastOpenedAt: string | null;
  /** Entries matching now that were added after the search was last opened. */
  newSinceOpened: number;
  /** The newest entry id when it was last opened (or saved): "new" means above it. */
  seenUpTo: number;
}

/** A new saved search; `seenUpTo` and `lastOpenedAt` restore a deleted one as it was (undo). */
export interface SaveSearchRequest {
  name: string;
  query: string;
  seenUpTo?: number;
  lastOpenedAt?: string | null;
}

// ---- Annotation ------------------------------------------------------------
//
// Offsets: a highlight's `start`/`end` count Unicode CODE POINTS of the entry text, as W3C's
// TextPositionSelector and REFI-QDA's PlainTextSelection do. The entry text is the title, a blank
// line, then the body (the body alone when there is no title): shared/entry-text.ts makes it, and
// converts code points to and from JavaScript's UTF-16 indexes (the only place that does).
// Search highlight spans (`HighlightSpan`) stay UTF-16 indexes into `title` or `body`.

export interface Code {
  id: number;
  guid: string;
  parentId: number | null;
  name: string;
  /** Names from the root, joined with "/" (a "/" inside a name is written "\/"). */
  path: string;
  color: string;
  /** The code's memo. */
  description: string | null;
  position: number;
  /** Highlights carrying this code itself (not its sub-codes). */
  highlights: number;
  createdAt: string;
  updatedAt: string;
}

export interface SaveCodeRequest {
  /** Absent: a new code. Present: rename, recolour, re-describe, re-parent or move that code. */
  id?: number;
  name?: string;
  /** null: a root code. Absent on update: unchanged. */
  parentId?: number | null;
  color?: string;
  description?: string | null;
  position?: number;
}

/** What deleting a code does to what hangs under it. */
export type CodeDeleteMode =
  /** Sub-codes move up to the deleted code's parent; its highlights lose just this code. */
  | 'move-up'
  /** Sub-codes and highlights go to `into`. */
  | 'merge'
  /** The code, its sub-codes, and the highlights left with no code at all go to the trash. */
  | 'delete';

export interface CodeImpact {
  id: number;
  /** Sub-codes at any depth. */
  descendants: number;
  /** Highlights carrying the code or any sub-code. */
  highlights: number;
  /** Of those, highlights that would keep no code if the code and its sub-codes went. */
  highlightsOnlyThese: number;
}

export interface HighlightCode {
  id: number;
  name: string;
  path: string;
  color: string;
}

export type AnchorState = 'exact' | 'position' | 'fuzzy' | 'orphaned';

export interface Highlight {
  id: number;
  guid: string;
  entryId: number;
  entryGuid: string;
  /** Code points of the entry text (see above). */
  start: number;
  end: number;
  /** W3C TextQuoteSelector: the passage and up to 32 code points either side. */
  exact: string;
  prefix: string;
  suffix: string;
  /** SHA-256 (hex) of the entry text the highlight was made on. */
  textHash: string;
  /** How it sits on its entry now: as made, carried by position or by fuzzy quote to a new version, or lost. */
  anchor: AnchorState;
  note: string | null;
  codes: HighlightCode[];
  createdAt: string;
  updatedAt: string;
}

export interface CreateHighlightRequest {
  entryId: number;
  start: number;
  end: number;
  codeIds?: number[];
  note?: string | null;
}

export interface UpdateHighlightRequest {
  id: number;
  start?: number;
  end?: number;
  /** Replaces the codes. */
  codeIds?: number[];
  addCodeIds?: number[];
  removeCodeIds?: number[];
  note?: string | null;
}

export interface EntryNote {
  id: number;
  guid: string;
  entryId: number;
  text: string;
  createdAt: string;
  updatedAt: string;
}

export interface CollectionSummary {
  id: number;
  guid: string;
  name: string;
  description: string | null;
  entries: number;
  highlights: number;
  createdAt: string;
  updatedAt: string;
}

export interface EntryAnnotations {
  entryId: number;
  /** The entry text the offsets count in (title, blank line, body). */
  highlights: Highlight[];
  tags: string[];
  notes: EntryNote[];
  collections: { id: number; name: string }[];
}

export interface HighlightQuery {
  /** A code and all its sub-codes. */
  codeId?: number;
  collectionId?: number;
  tag?: string;
  outlet?: string;
  author?: string;
  dateFrom?: string | null;
  dateTo?: string | null;
  /** Words in the quote or the note (case and diacritics folded). */
  text?: string;
  /** Only highlights whose entry is gone (deleted) or whose passage could not be carried to a new version. */
  orphaned?: boolean;
  sort?: 'date-desc' | 'date-asc' | 'entry' | 'created-desc';
  limit?: number;
  offset?: number;
}

export interface HighlightListItem extends Highlight {
  entryTitle: string;
  entryDate: string | null;
  entryAuthor: string | null;
  entryOutlet: string | null;
  direction: TextDirection;
  /** False when the entry is in the trash (deleted): the highlight is kept, listed as an orphan. */
  entryExists: boolean;
}

export interface HighlightList {
  total: number;
  items: HighlightListItem[];
}

export interface AddToCollectionRequest {
  collectionId: number;
  entryIds?: number[];
  highlightIds?: number[];
  /** Every entry matching this search. */
  search?: SearchRequest;
}

export interface DeleteEntriesRequest {
  entryIds?: number[];
  sourceIds?: number[];
}

export interface DeleteEntriesResult {
  sources: number;
  entries: number;
  /** Highlights now orphaned (kept, listed in the annotations view, restored by undo). */
  orphanedHighlights: number;
}

export interface CarryResult {
  /** Highlights placed on the new version: same position, found by fuzzy quote, or not found (orphaned, listed). */
  position: number;
  fuzzy: number;
  orphaned: number;
  highlights: Highlight[];
}

export interface HistoryState {
  /** What Undo would undo, and Redo redo (labels for the Edit menu), or null. */
  undo: string | null;
  redo: string | null;
}

export interface UndoResult extends HistoryState {
  /** The change just undone or redone, or null when there was nothing to do. */
  done: string | null;
}

// ---- Export ----------------------------------------------------------------
//
// Exports stream: entries and highlights are read a page at a time and written to the file as
// they come, so memory stays flat however large the export (a DOCX too: the docx package makes
// its frame, and the entries stream into it). Positions in every format are the highlights' own:
// code points of the entry text (see Annotation above), end exclusive.

export type ExportFormat = 'md' | 'html' | 'docx' | 'csv' | 'json' | 'qdpx' | 'w3c';

export type ExportScope =
  | { kind: 'collection'; collectionId: number }
  | { kind: 'search'; search: SearchRequest }
  | { kind: 'entries'; entryIds: number[] }
  | { kind: 'all' };

export interface ExportRequest {
  scope: ExportScope;
  format: ExportFormat;
  /** Only the highlights, each with `context` code points either side; else whole entries with their highlights marked. */
  highlightsOnly?: boolean;
  context?: number;
  /** Where to write (desktop app, CLI). Absent: a temporary file that the browser-mode server hands out once as a download. */
  path?: string;
  jobId?: string;
}

export interface ExportReport {
  jobId: string;
  format: ExportFormat;
  /** The file written, or null when cancelled. */
  path: string | null;
  /** A name to offer when saving or downloading it (quire-export-2026-11-29.html). */
  fileName: string;
  entries: number;
  highlights: number;
  bytes: number;
  cancelled: boolean;
  warnings: string[];
}

export interface ExportProgress {
  jobId: string;
  entriesDone: number;
  entriesTotal: number;
  highlightsDone: number;
}

/** A Quire JSON export or a REFI-QDA project (.qdpx) from any tool, by path (desktop, CLI) or uploaded (browser mode). */
export interface ImportProjectRequest {
  path?: string;
  file?: UploadedFile;
  jobId?: string;
}

export interface ImportProjectReport {
  jobId: string;
  format: 'quire-json' | 'qdpx';
  /** Rows created (and, for a Quire JSON export, updated by GUID); unchanged rows count in neither. */
  created: { sources: number; entries: number; codes: number; highlights: number; notes: number; collections: number };
  updated: { entries: number; codes: number; highlights: number; notes: number; collections: number };
  /** What was discarded or adjusted, in plain words. */
  warnings: string[];
}

/** What `verify` found for one cited passage of an export. */
export interface VerifyFailure {
  /** Where in the export: "row 12", "highlight 1f0c…", "annotation 3". */
  where: string;
  reason: string;
}

// ---- Backups ---------------------------------------------------------------

export type BackupReason = 'manual' | 'daily' | 'before-migration' | 'before-restore';

export interface BackupInfo {
  /** Where the backup file is (in the archive's backups folder, "<archive>.backups/"). */
  path: string;
  name: string;
  createdAt: string;
  reason: BackupReason;
  size: number;
  /** For a backup made before an upgrade: the archive format it was made at. */
  schemaVersion?: number;
}

// ---- The API -------------------------------------------------------------

/**
 * The archive as one interface. Every method takes at most one plain-data argument and returns
 * plain data (structured-clone and JSON safe, bar Uint8Array uploads).
 */
export interface ArchiveApi {
  info(): ArchiveInfo;
  stats(): ArchiveStats;

  importFiles(req: ImportFilesRequest): ImportReport;
  importUploads(req: ImportUploadsRequest): ImportReport;
  cancelJob(req: { jobId: string }): { cancelled: boolean };

  search(req: SearchCall): SearchResult;
  countMatches(req: CountRequest): CountProgress;
  facets(req: SearchRequest): FacetsResult;
  facetValues(req: FacetValuesRequest): FacetValues;
  timeline(req: SearchRequest): TimelineResult;

  /** `query` (optional) asks for highlight spans of its terms, folded and expanded as search does. */
  getEntry(req: { id: number; query?: string; transliteration?: boolean }): EntryDetail;
  getEntryOriginal(req: { id: number; sourceId?: number }): EntryOriginal;
  listSources(): SourceSummary[];

  listAliasGroups(): AliasGroup[];
  saveAliasGroup(req: { id?: number; name: string; variants: string[] }): AliasGroup;
  deleteAliasGroup(req: { id: number }): { deleted: boolean };
  /** Imports the good lines of an alias file; `skipped` names each line left out and why. */
  importAliasGroups(req: { text: string }): { groups: number; skipped: { line: number; reason: string }[] };
  exportAliasGroups(): { text: string };

  listSavedSearches(): SavedSearch[];
  saveSearch(req: SaveSearchRequest): SavedSearch;
  openSavedSearch(req: { id: number }): SavedSearch;
  deleteSavedSearch(req: { id: number }): { deleted: boolean };

  listCodes(): Code[];
  saveCode(req: SaveCodeRequest): Code;
  codeImpact(req: { id: number }): CodeImpact;
  /** Moves `from`'s highlights and sub-codes into `into`, then trashes `from`. */
  mergeCodes(req: { from: number; into: number }): Code;
  deleteCode(req: { id: number; mode: CodeDeleteMode; into?: number }): CodeImpact;

  createHighlight(req: CreateHighlightRequest): Highlight;
  updateHighlight(req: UpdateHighlightRequest): Highlight;
  deleteHighlight(req: { id: number }): { deleted: boolean };
  getEntryAnnotations(req: { entryId: number }): EntryAnnotations;
  listHighlights(req: HighlightQuery): HighlightList;
  /** Places an entry's highlights on another version of it (a near-duplicate): by position, by fuzzy quote, else orphaned. */
  carryHighlights(req: { fromEntryId: number; toEntryId: number }): CarryResult;

  listTags(): FacetCount[];
  setEntryTags(req: { entryId: number; tags: string[] }): { tags: string[] };
  saveEntryNote(req: { id?: number; entryId: number; text: string }): EntryNote;
  deleteEntryNote(req: { id: number }): { deleted: boolean };

  listCollections(): CollectionSummary[];
  saveCollection(req: { id?: number; name: string; description?: string | null }): CollectionSummary;
  deleteCollection(req: { id: number }): { deleted: boolean };
  addToCollection(req: AddToCollectionRequest): { added: number };
  removeFromCollection(req: { collectionId: number; entryIds?: number[]; highlightIds?: number[] }): { removed: number };

  /** Moves sources (with the entries only they hold) or entries to the trash; undo restores them. */
  deleteEntries(req: DeleteEntriesRequest): DeleteEntriesResult;

  /**
   * A consistent copy made while the archive is in use; `path` defaults to the backups folder (browser
   * mode writes only there). `daily`: the app's automatic backup, made only when the newest is a day
   * old and the archive holds anything (else null); the newest N are kept.
   */
  backupArchive(req: { path?: string; daily?: boolean }): BackupInfo | null;
  listBackups(): BackupInfo[];
  /** Puts a backup in the archive's place (keeping the current state as a 'before-restore' backup) and reopens it. */
  restoreBackup(req: { path: string }): { restored: BackupInfo; previous: string | null };

  history(): HistoryState;
  undo(): UndoResult;
  redo(): UndoResult;

  /** Writes a collection, a search's matches, chosen entries or everything in one format (a job: progress events, cancelJob). */
  exportArchive(req: ExportRequest): ExportReport;
  /** Brings in a Quire JSON export (upsert by GUID) or a .qdpx project (codebook, text sources, codings). */
  importProject(req: ImportProjectRequest): ImportProjectReport;
}

export type ArchiveMethod = keyof ArchiveApi;
export type ArchiveArg<M extends ArchiveMethod> = Parameters<ArchiveApi[M]> extends [infer A] ? A : undefined;
export type ArchiveReturn<M extends ArchiveMethod> = Awaited<ReturnType<ArchiveApi[M]>>;

/** What the renderer (and any other remote caller) holds: every method, Promise-returning. */
export type ArchiveClient = {
  [M in ArchiveMethod]: Parameters<ArchiveApi[M]> extends [] ? () => Promise<ArchiveReturn<M>> : (arg: ArchiveArg<M>) => Promise<ArchiveReturn<M>>;
};

/** What a transport serves: every method, sync or async. */
export type ArchiveHandlers = {
  [M in ArchiveMethod]: (arg: ArchiveArg<M>) => ArchiveReturn<M> | Promise<ArchiveReturn<M>>;
};

/**
 * Every method once, with where it runs: 'read' methods go to the reader worker so that search
 * stays instant during an import; 'write' and 'job' methods go to the writer worker; 'control'
 * methods are answered by the host itself.
 */
export const ARCHIVE_METHODS = {
  info: 'read',
  stats: 'read',
  importFiles: 'job',
  importUploads: 'job',
  cancelJob: 'control',
  search: 'read',
  countMatches: 'read',
  facets: 'read',
  facetValues: 'read',
  timeline: 'read',
  getEntry: 'read',
  getEntryOriginal: 'read',
  listSources: 'read',
  listAliasGroups: 'read',
  saveAliasGroup: 'write',
  deleteAliasGroup: 'write',
  importAliasGroups: 'write',
  exportAliasGroups: 'read',
  listSavedSearches: 'read',
  saveSearch: 'write',
  openSavedSearch: 'write',
  deleteSavedSearch: 'write',
  listCodes: 'read',
  saveCode: 'write',
  codeImpact: 'read',
  mergeCodes: 'write',
  deleteCode: 'write',
  createHighlight: 'write',
  updateHighlight: 'write',
  deleteHighlight: 'write',
  getEntryAnnotations: 'read',
  listHighlights: 'read',
  carryHighlights: 'write',
  listTags: 'read',
  setEntryTags: 'write',
  saveEntryNote: 'write',
  deleteEntryNote: 'write',
  listCollections: 'read',
  saveCollection: 'write',
  deleteCollection: 'write',
  addToCollection: 'write',
  removeFromCollection: 'write',
  deleteEntries: 'write',
  backupArchive: 'read',
  listBackups: 'read',
  restoreBackup: 'control',
  history: 'read',
  undo: 'write',
  redo: 'write',
  exportArchive: 'job',
  importProject: 'job',
} as const satisfies Record<ArchiveMethod, 'read' | 'write' | 'job' | 'control'>;

export const ARCHIVE_METHOD_NAMES = Object.keys(ARCHIVE_METHODS) as ArchiveMethod[];

export function isArchiveMethod(name: string): name is ArchiveMethod {
  return Object.prototype.hasOwnProperty.call(ARCHIVE_METHODS, name);
}

// ---- Events and wire format ----------------------------------------------

/**
 * Opening an archive an older Quire wrote: a backup of it, then each pending migration and its
 * closing checks, each a step of its own. Sent when a step starts, as it goes where it can say how
 * far it is, and when it ends; the last has `phase: 'done'`.
 */
export interface UpgradeProgress {
  phase: 'backup' | 'migration' | 'checks' | 'done';
  /** 1-based; `steps` in all (the backup, then two per migration). */
  step: number;
  steps: number;
  /** The migration this step belongs to: its place among the pending ones, and which it is. */
  migration?: { index: number; count: number; version: number; name: string };
  /** How far this step is, 0..1 (1 when it has ended). */
  fraction: number;
  /** Once the step has ended: how long it took. */
  tookMs?: number;
}

export type ArchiveEvent =
  | { type: 'import-progress'; progress: ImportProgress }
  | { type: 'import-finished'; report: ImportReport }
  | { type: 'archive-changed' }
  /** Codes, highlights, tags, notes or collections changed (by any window, tab or the CLI's host). */
  | { type: 'annotations-changed' }
  | { type: 'export-progress'; progress: ExportProgress }
  /** An archive of an older version is being upgraded as it opens (the backup, each migration, its checks). */
  | { type: 'upgrade-progress'; progress: UpgradeProgress }
  /** The desktop menu's File › Export… (sent by the shell, not the archive): the page opens its export dialog. */
  | { type: 'show-export' }
  /** The desktop menu's File › Backups… (sent by the shell): the page opens its backups dialog. */
  | { type: 'show-backups' };

/** IPC channel names, listed once. */
export const CHANNELS = {
  invoke: 'quire:invoke',
  event: 'quire:event',
  shell: 'quire:shell',
} as const;

export type WireResult<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };
