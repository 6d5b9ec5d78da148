// Everything an import needs to know about a file that does not touch the archive: the parsed
// document, and per entry its content hash, MinHash signature, language and direction. Pure, so
// it runs in its own thread while the writer stores the previous file.
import crypto from 'node:crypto';
import type { TextDirection } from '../../../shared/contract.ts';
import type { FieldMap } from '../../../shared/field-map.ts';
import { packContent, packSpliced, type BodySpan, type PackedContent } from '../repo/source-content.ts';
import { foldFields, type FoldedFields } from '../search/fold-text.ts';
import { detectScript } from './detect-script.ts';
import { bandHashes, minhash } from './near-duplicates.ts';
import { parseDocument } from './parse-document.ts';
import { decodedSourceText } from './original-region.ts';
import { stageEnd, stageStart } from './stage-times.ts';
import type { EntryDraft, ParsedDocument } from './types.ts';

export interface PreparedEntry {
  draft: EntryDraft;
  contentHash: string;
  signature: Uint32Array | null;
  bands: number[] | null;
  language: string | null;
  direction: TextDirection;
  /** Search-folded fields, computed here so the writer thread only writes. */
  folded: FoldedFields;
}

export interface PreparedDocument {
  /** Without its entries: `entries` below has them, and each would cross to the writer twice. */
  doc: Omit<ParsedDocument, 'entries'>;
  entries: PreparedEntry[];
  /** The file's bytes and text compressed for storing (source-content.ts), in chunks of `chunkBytes`. */
  packed: PackedContent;
}


/**
 * `header`: a table's header row, for a part of a large table that does not hold it
 * (file-parts.ts): the part is read after it, and every locator then counted from the part's own start.
 */
export async function prepareDocument(name: string, bytes: Uint8Array, fieldMap: FieldMap = {}, chunkBytes?: number, header?: Uint8Array): Promise<PreparedDocument> {
  // Stage times, when the bench asks for them (stage-times.ts): 'parse' includes 'decode'.
  let tick = stageStart();
  const doc = header ? afterHeader(await parseDocument(name, concatBytes(header, bytes), 0, fieldMap), header) : await parseDocument(name, bytes, 0, fieldMap);
  stageEnd('parse', tick);
  // Each stage over all the file's entries in turn: timed per entry, reading the thread's CPU
  // clock (8 reads an entry) cost the bench's prepare thread 0.45 s of 7 at 20,000 entries.
  tick = stageStart();
  // The body alone: a republished article often gets a new headline.
  const signatures = doc.entries.map((draft) => minhash(draft.body));
  const bands = signatures.map((signature) => (signature ? bandHashes(signature) : null));
  stageEnd('minhash', tick);
  tick = stageStart();
  const folded = doc.entries.map((draft) => foldFields({ title: draft.title, body: draft.body, author: draft.author ?? null, outlet: draft.outlet ?? null }));
  stageEnd('fold', tick);
  tick = stageStart();
  const entries = doc.entries.map((draft, i): PreparedEntry => {
    const script = detectScript(`${draft.title}\n${draft.body}`);
    return {
      draft: { ...draft, ...bodySpan(doc.text, draft) },
      contentHash: entryContentHash(draft.title, draft.body),
      signature: signatures[i]!,
      bands: bands[i]!,
      language: draft.language ?? script.language,
      direction: script.direction,
      folded: folded[i]!,
    };
  });
  stageEnd('entry hash, script, spans', tick);
  tick = stageStart();
  // The bodies the entries will hold need not be stored twice (source-content.ts: spliced).
  const bodies: BodySpan[] = [];
  for (const { draft } of entries) {
    const { bodyStart: start, bodyEnd: end } = draft;
    if (start !== undefined && end !== undefined && doc.text.slice(start, end) === draft.body) bodies.push({ start, end });
  }
  const packed = packSpliced(bytes, doc.encoding, doc.text, bodies, chunkBytes) ?? packContent(bytes, doc.encoding, doc.text, chunkBytes);
  stageEnd('content packing', tick);
  const { entries: _drafts, ...rest } = doc;
  return { doc: rest, entries, packed };
}

function concatBytes(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

/**
 * A table part read after its file's header row, as if read alone: each row's locator counts its
 * characters in the part's own decoded text (as "Show original" decodes the part's stored bytes)
 * and its lines in the part, and row numbers count the part's rows (the citation names the part).
 */
function afterHeader(doc: ParsedDocument, header: Uint8Array): ParsedDocument {
  // The header ends with its line break, so the text read is the header's text and then the part's.
  const shift = decodedSourceText(header, doc.encoding).length;
  let lines = 0;
  for (const b of header) if (b === 0x0a) lines++;
  for (const entry of doc.entries) {
    const loc = entry.locator;
    if (loc?.kind === 'csv') entry.locator = { ...loc, start: loc.start - shift, end: loc.end - shift, firstLine: loc.firstLine - lines, lastLine: loc.lastLine - lines };
  }
  return doc;
}

/**
 * What "the same entry" means. Two drafts are the same entry when their titles and bodies are
 * equal after NFC, trimming, and collapsing every run of white space (spaces, tabs, line breaks,
 * no-break spaces) to one space: a page saved twice with different wrapping or indentation is one
 * entry, stored once. The entry row keeps the FIRST file's text; each source link keeps its own
 * locator and the span of its own body in its own source (entry_sources.body_start/body_end), so
 * every citation quotes its source exactly, and equals the entry text modulo this normalisation.
 */
export function entryContentHash(title: string, body: string): string {
  return crypto.createHash('sha256').update(`${normalizeForHash(title)}\n${normalizeForHash(body)}`).digest('hex');
}

/** White space that the collapse in normalizeForHash changes: any but a space, or two spaces in a row. */
const UNCOLLAPSED = /[^\S ]| {2}/u;

/** The white-space normalisation of entryContentHash (exported so tests and checks use the very same rule). */
export function normalizeForHash(text: string): string {
  const nfc = text.normalize('NFC');
  // Most bodies are already collapsed (no white space but single spaces): the replace would copy
  // them whole, at a match per space (a fifth of this stage's time).
  return (UNCOLLAPSED.test(nfc) ? nfc.replace(/\s+/gu, ' ') : nfc).trim();
}

/** Where the draft's body stands verbatim in the stored text: as the format said, else searched for in the entry's span. */
function bodySpan(text: string, draft: EntryDraft): { bodyStart: number; bodyEnd: number } {
  if (draft.bodyStart !== undefined && draft.bodyEnd !== undefined && text.slice(draft.bodyStart, draft.bodyEnd) === draft.body) {
    return { bodyStart: draft.bodyStart, bodyEnd: draft.bodyEnd };
  }
  const found = text.slice(draft.start, draft.end).lastIndexOf(draft.body);
  const bodyStart = found >= 0 ? draft.start + found : draft.start;
  return { bodyStart, bodyEnd: found >= 0 ? bodyStart + draft.body.length : draft.end };
}
