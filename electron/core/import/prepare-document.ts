// Everything an import needs to know about a file that does not touch the archive: the parsed
// document, and per entry its content hash, MinHash signature, language and direction. Pure, so
// it runs in its own thread while the writer stores the previous file.
import crypto from 'node:crypto';
import type { TextDirection } from '../../../shared/contract.ts';
import { foldFields, type FoldedFields } from '../search/fold-text.ts';
import { detectScript } from './detect-script.ts';
import { bandHashes, minhash } from './near-duplicates.ts';
import { parseDocument } from './parse-document.ts';
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
  doc: ParsedDocument;
  entries: PreparedEntry[];
}

export function sha256Hex(bytes: Uint8Array): string {
  return crypto.createHash('sha256').update(bytes).digest('hex');
}

export async function prepareDocument(name: string, bytes: Uint8Array): Promise<PreparedDocument> {
  const doc = await parseDocument(name, bytes);
  const entries = doc.entries.map((draft): PreparedEntry => {
    // The body alone: a republished article often gets a new headline.
    const signature = minhash(draft.body);
    const script = detectScript(`${draft.title}\n${draft.body}`);
    return {
      draft,
      contentHash: crypto.createHash('sha256').update(`${normalizeForHash(draft.title)}\n${normalizeForHash(draft.body)}`).digest('hex'),
      signature,
      bands: signature ? bandHashes(signature) : null,
      language: draft.language ?? script.language,
      direction: script.direction,
      folded: foldFields({ title: draft.title, body: draft.body, author: draft.author ?? null, outlet: draft.outlet ?? null }),
    };
  });
  return { doc, entries };
}

function normalizeForHash(text: string): string {
  return text.normalize('NFC').replace(/\s+/gu, ' ').trim();
}
