// The one contract between the archive and everything that talks to it.
// The worker, the Electron IPC handlers, the preload bridge, the HTTP server and the
// renderer client are all derived from ArchiveApi; nothing re-declares a method.
// Runs anywhere: no node:*, no electron, no DOM.

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
  | 'pdf';

export interface ArchiveInfo {
  path: string;
  schemaVersion: number;
  appVersion: string;
  sqliteVersion: string;
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
  /** Chosen by the caller so that it can cancel and match progress events. */
  jobId?: string;
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
}

export interface ImportReport {
  jobId: string;
  files: ImportFileResult[];
  cancelled: boolean;
  entriesAdded: number;
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
  /** Set when the matches were too many to count one by one: counts are estimates from a sample spread over the archive. */
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

export interface EntryProvenance {
  sourceId: number;
  sourceName: string;
  sourcePath: string | null;
  start: number;
  end: number;
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

export interface EntryOriginal {
  entryId: number;
  sourceId: number;
  sourceName: string;
  /** The exact span of the source's decoded text this entry came from. */
  text: string;
  start: number;
  end: number;
  encoding: string | null;
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

  search(req: SearchRequest): SearchResult;
  countMatches(req: CountRequest): CountProgress;
  facets(req: SearchRequest): FacetsResult;
  timeline(req: SearchRequest): TimelineResult;

  /** `query` (optional) asks for highlight spans of its terms, folded and expanded as search does. */
  getEntry(req: { id: number; query?: string; transliteration?: boolean }): EntryDetail;
  getEntryOriginal(req: { id: number; sourceId?: number }): EntryOriginal;
  listSources(): SourceSummary[];

  listAliasGroups(): AliasGroup[];
  saveAliasGroup(req: { id?: number; name: string; variants: string[] }): AliasGroup;
  deleteAliasGroup(req: { id: number }): { deleted: boolean };
  importAliasGroups(req: { text: string }): { groups: number };
  exportAliasGroups(): { text: string };

  listSavedSearches(): SavedSearch[];
  saveSearch(req: SaveSearchRequest): SavedSearch;
  openSavedSearch(req: { id: number }): SavedSearch;
  deleteSavedSearch(req: { id: number }): { deleted: boolean };
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
} as const satisfies Record<ArchiveMethod, 'read' | 'write' | 'job' | 'control'>;

export const ARCHIVE_METHOD_NAMES = Object.keys(ARCHIVE_METHODS) as ArchiveMethod[];

export function isArchiveMethod(name: string): name is ArchiveMethod {
  return Object.prototype.hasOwnProperty.call(ARCHIVE_METHODS, name);
}

// ---- Events and wire format ----------------------------------------------

export type ArchiveEvent =
  | { type: 'import-progress'; progress: ImportProgress }
  | { type: 'import-finished'; report: ImportReport }
  | { type: 'archive-changed' };

/** IPC channel names, listed once. */
export const CHANNELS = {
  invoke: 'quire:invoke',
  event: 'quire:event',
  shell: 'quire:shell',
} as const;

export type WireResult<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };
