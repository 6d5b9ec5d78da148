// Input validation for every contract method, applied where calls enter the main process
// (Electron IPC) or the browser-mode server. Typed against the contract so the two cannot drift.
import { z } from 'zod';
import type { ArchiveArg, ArchiveMethod } from './contract.ts';
import { QuireError } from './errors.ts';

const none = z.undefined().or(z.null()).transform(() => undefined);
const id = z.number().int().positive();
const jobId = z.string().min(1).max(100).optional();
const isoDate = z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'a date like 2021-08-23');
const strings = z.array(z.string().max(1000)).max(1000);

const filters = z
  .object({
    outlet: strings.optional(),
    author: strings.optional(),
    source: z.array(id).max(1000).optional(),
    language: strings.optional(),
    year: strings.optional(),
    month: strings.optional(),
    tag: strings.optional(),
    code: strings.optional(),
    collection: strings.optional(),
  })
  .strict();

const searchRequest = z
  .object({
    query: z.string().max(10_000),
    filters: filters.optional(),
    dateFrom: isoDate.nullable().optional(),
    dateTo: isoDate.nullable().optional(),
    transliteration: z.boolean().optional(),
    sort: z.enum(['relevance', 'date-desc', 'date-asc']).optional(),
    limit: z.number().int().min(1).max(1000).optional(),
    offset: z.number().int().min(0).max(10_000_000).optional(),
  })
  .strict();

// Annotation: codes, highlights, history (offsets are code points of the entry text).
const color = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour like #f2c94c');
const codeName = z.string().trim().min(1).max(200);
const memo = z.string().max(100_000).nullable();
const offset = z.number().int().min(0).max(100_000_000);
const codeIds = z.array(id).max(1000);
const note = z.string().max(100_000).nullable();

// JSON and CSV field mapping: entry field → the record's field (shared/field-map.ts).
const sourceField = z.string().trim().min(1).max(200);
const fieldMap = z
  .object({ title: sourceField.optional(), body: sourceField.optional(), date: sourceField.optional(), author: sourceField.optional(), outlet: sourceField.optional(), url: sourceField.optional() })
  .strict();

type Schemas = { [M in ArchiveMethod]: z.ZodType<ArchiveArg<M>, unknown> };

export const INPUT_SCHEMAS: Schemas = {
  info: none,
  stats: none,
  importFiles: z
    .object({ paths: z.array(z.string().min(1).max(4096)).min(1).max(100_000), displayNames: z.array(z.string().min(1).max(4096)).max(100_000).optional(), jobId, fieldMap: fieldMap.optional() })
    .strict()
    .refine((r) => r.displayNames === undefined || r.displayNames.length === r.paths.length, 'one display name for each path'),
  importUploads: z
    .object({
      files: z.array(z.object({ name: z.string().min(1).max(4096), data: z.instanceof(Uint8Array) }).strict()).min(1),
      jobId,
    })
    .strict(),
  cancelJob: z.object({ jobId: z.string().min(1).max(100) }).strict(),
  search: searchRequest.extend({ supersede: z.object({ key: z.string().min(1).max(100), seq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER) }).strict().optional() }).strict(),
  countMatches: searchRequest.extend({ after: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional() }).strict(),
  facets: searchRequest,
  facetValues: searchRequest.extend({ facet: filters.keyof() }).strict(),
  timeline: searchRequest,
  getEntry: z.object({ id, query: z.string().max(5000).optional(), transliteration: z.boolean().optional() }).strict(),
  getEntryOriginal: z.object({ id, sourceId: id.optional() }).strict(),
  listSources: none,
  listAliasGroups: none,
  saveAliasGroup: z
    .object({ id: id.optional(), name: z.string().trim().min(1).max(200), variants: z.array(z.string().trim().min(1).max(200)).min(1).max(500) })
    .strict(),
  deleteAliasGroup: z.object({ id }).strict(),
  importAliasGroups: z.object({ text: z.string().max(10_000_000) }).strict(),
  exportAliasGroups: none,
  listSavedSearches: none,
  saveSearch: z
    .object({
      name: z.string().trim().min(1).max(200),
      query: z.string().max(10_000),
      seenUpTo: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
      lastOpenedAt: z.string().max(40).nullable().optional(),
    })
    .strict(),
  openSavedSearch: z.object({ id }).strict(),
  deleteSavedSearch: z.object({ id }).strict(),
  listCodes: none,
  saveCode: z
    .object({ id: id.optional(), name: codeName.optional(), parentId: id.nullable().optional(), color: color.optional(), description: memo.optional(), position: z.number().int().min(0).max(1_000_000).optional() })
    .strict(),
  codeImpact: z.object({ id }).strict(),
  mergeCodes: z.object({ from: id, into: id }).strict(),
  deleteCode: z.object({ id, mode: z.enum(['move-up', 'merge', 'delete']), into: id.optional() }).strict(),
  createHighlight: z.object({ entryId: id, start: offset, end: offset, codeIds: codeIds.optional(), note: note.optional() }).strict(),
  updateHighlight: z
    .object({ id, start: offset.optional(), end: offset.optional(), codeIds: codeIds.optional(), addCodeIds: codeIds.optional(), removeCodeIds: codeIds.optional(), note: note.optional() })
    .strict(),
  deleteHighlight: z.object({ id }).strict(),
  getEntryAnnotations: z.object({ entryId: id }).strict(),
  listHighlights: z
    .object({
      codeId: id.optional(),
      collectionId: id.optional(),
      tag: z.string().max(200).optional(),
      outlet: z.string().max(1000).optional(),
      author: z.string().max(1000).optional(),
      dateFrom: isoDate.nullable().optional(),
      dateTo: isoDate.nullable().optional(),
      text: z.string().max(1000).optional(),
      orphaned: z.boolean().optional(),
      sort: z.enum(['date-desc', 'date-asc', 'entry', 'created-desc']).optional(),
      limit: z.number().int().min(1).max(1000).optional(),
      offset: z.number().int().min(0).max(10_000_000).optional(),
    })
    .strict(),
  carryHighlights: z.object({ fromEntryId: id, toEntryId: id }).strict(),
  backupArchive: z.object({ path: z.string().min(1).max(4096).optional(), daily: z.boolean().optional() }).strict(),
  listBackups: none,
  restoreBackup: z.object({ path: z.string().min(1).max(4096) }).strict(),
  history: none,
  undo: none,
  redo: none,
  // Tags, entry notes, collections, deleting sources and entries.
  listTags: none,
  setEntryTags: z.object({ entryId: id, tags: z.array(z.string().max(200)).max(1000) }).strict(),
  saveEntryNote: z.object({ id: id.optional(), entryId: id, text: z.string().max(1_000_000) }).strict(),
  deleteEntryNote: z.object({ id }).strict(),
  listCollections: none,
  saveCollection: z.object({ id: id.optional(), name: z.string().trim().min(1).max(200), description: z.string().max(100_000).nullable().optional() }).strict(),
  deleteCollection: z.object({ id }).strict(),
  addToCollection: z
    .object({ collectionId: id, entryIds: z.array(id).max(1_000_000).optional(), highlightIds: z.array(id).max(1_000_000).optional(), search: searchRequest.optional() })
    .strict(),
  removeFromCollection: z.object({ collectionId: id, entryIds: z.array(id).max(1_000_000).optional(), highlightIds: z.array(id).max(1_000_000).optional() }).strict(),
  deleteEntries: z.object({ entryIds: z.array(id).max(1_000_000).optional(), sourceIds: z.array(id).max(100_000).optional() }).strict(),
  exportArchive: z
    .object({
      scope: z.discriminatedUnion('kind', [
        z.object({ kind: z.literal('collection'), collectionId: id }).strict(),
        z.object({ kind: z.literal('search'), search: searchRequest }).strict(),
        z.object({ kind: z.literal('entries'), entryIds: z.array(id).min(1).max(1_000_000) }).strict(),
        z.object({ kind: z.literal('all') }).strict(),
      ]),
      format: z.enum(['md', 'html', 'docx', 'csv', 'json', 'qdpx', 'w3c']),
      highlightsOnly: z.boolean().optional(),
      context: z.number().int().min(0).max(100_000).optional(),
      path: z.string().min(1).max(4096).optional(),
      jobId,
    })
    .strict(),
  importProject: z
    .object({
      path: z.string().min(1).max(4096).optional(),
      file: z.object({ name: z.string().min(1).max(4096), data: z.instanceof(Uint8Array) }).strict().optional(),
      jobId,
    })
    .strict()
    .refine((r) => (r.path === undefined) !== (r.file === undefined), 'give either a path or a file'),
};

/** Validates one call's argument; throws a QuireError('invalid-input') that names the field. */
export function validateInput<M extends ArchiveMethod>(method: M, arg: unknown): ArchiveArg<M> {
  const schema = INPUT_SCHEMAS[method] as z.ZodType<ArchiveArg<M>, unknown>;
  const parsed = schema.safeParse(arg);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? ` (${issue.path.join('.')})` : '';
  throw new QuireError('invalid-input', `Invalid request to ${method}${where}: ${issue?.message ?? 'malformed input'}.`);
}
