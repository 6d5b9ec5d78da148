// `quire verify`: reads a JSON, CSV, W3C or .qdpx export and checks every cited passage against
// the archive: the entry is there, its text at the cited code points is the quoted passage, and
// each cited source file is in the archive with that SHA-256 (its stored bytes still hash to it)
// and is one the entry came from, and a passage in the body stands in that file's own version of
// the body where its locator points. Each passage that fails is reported with its reason.
import fs from 'node:fs';
import { unzipSync } from 'fflate';
import type { VerifyFailure } from '../../../shared/contract.ts';
import { bodyStart16, codePointLength, entryText, sliceCodePoints, toUtf16 } from '../../../shared/entry-text.ts';
import { QuireError } from '../../../shared/errors.ts';
import type { Db } from '../db/open-archive.ts';
import { SourceContent } from '../repo/source-content.ts';
import { CSV_COLUMNS, CSV_LIST_SEPARATOR } from './export-csv.ts';
import { JSON_EXPORT_FORMAT } from './export-json.ts';
import { canonicalGuid } from './import-rows.ts';
import { parseCsv } from './read-csv.ts';
import { child, childrenNamed, parseXml } from './parse-xml.ts';

export interface CitedPassage {
  where: string;
  entryGuid: string;
  start: number;
  end: number;
  quote: string;
  sha256s: string[];
}

export interface VerifyReport {
  format: 'json' | 'csv' | 'w3c' | 'qdpx';
  checked: number;
  failures: VerifyFailure[];
}

export function verifyExportFile(db: Db, file: string): VerifyReport {
  let bytes: Uint8Array;
  try {
    bytes = fs.readFileSync(file);
  } catch {
    throw new QuireError('not-found', `Quire could not read ${file}.`);
  }
  const { format, passages } = readPassages(bytes, file);
  const checker = new PassageChecker(db);
  const failures: VerifyFailure[] = [];
  for (const p of passages) {
    const reason = checker.check(p);
    if (reason) failures.push({ where: p.where, reason });
  }
  return { format, checked: passages.length, failures };
}

export function readPassages(bytes: Uint8Array, name: string): { format: VerifyReport['format']; passages: CitedPassage[] } {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return { format: 'qdpx', passages: qdpxPassages(bytes) };
  const text = new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
  if (text.trimStart().startsWith('{')) {
    let data: Record<string, unknown>;
    try {
      data = JSON.parse(text) as Record<string, unknown>;
    } catch {
      throw new QuireError('invalid-input', `${name} is not valid JSON.`);
    }
    if (data['format'] === JSON_EXPORT_FORMAT) return { format: 'json', passages: jsonPassages(data) };
    if (data['type'] === 'AnnotationCollection' || data['type'] === 'Annotation') return { format: 'w3c', passages: w3cPassages(data) };
    throw new QuireError('invalid-input', `${name} is JSON but neither a Quire export nor W3C annotations.`);
  }
  if (text.startsWith(CSV_COLUMNS.slice(0, 3).join(','))) return { format: 'csv', passages: csvPassages(text) };
  throw new QuireError('invalid-input', `${name} is not an export Quire can verify (JSON, CSV, W3C JSON-LD or .qdpx).`);
}

function jsonPassages(data: Record<string, unknown>): CitedPassage[] {
  const out: CitedPassage[] = [];
  for (const e of (data['entries'] as { guid: string; provenance?: { sourceSha256: string }[]; highlights?: { guid: string; start: number; end: number; exact: string; citation?: { sources?: { sha256: string }[] } }[] }[]) ?? []) {
    for (const h of e.highlights ?? []) {
      const cited = h.citation?.sources?.map((s) => s.sha256) ?? e.provenance?.map((p) => p.sourceSha256) ?? [];
      out.push({ where: `highlight ${h.guid}`, entryGuid: e.guid, start: h.start, end: h.end, quote: h.exact, sha256s: cited });
    }
  }
  return out;
}

function w3cPassages(data: Record<string, unknown>): CitedPassage[] {
  type Annotation = {
    id?: string;
    target?: { source?: string; selector?: { type: string; exact?: string; start?: number; end?: number }[] };
    citation?: { sources?: { sha256: string }[] };
  };
  const items: Annotation[] = data['type'] === 'Annotation' ? [data as Annotation] : (((data['first'] as { items?: Annotation[] } | undefined)?.items ?? (data['items'] as Annotation[] | undefined)) ?? []);
  return items.map((a, i) => {
    const selectors = a.target?.selector ?? [];
    const quote = selectors.find((s) => s.type === 'TextQuoteSelector');
    const position = selectors.find((s) => s.type === 'TextPositionSelector');
    return {
      where: `annotation ${i + 1}${a.id ? ` (${a.id})` : ''}`,
      entryGuid: (a.target?.source ?? '').replace(/^urn:uuid:/i, ''),
      start: position?.start ?? -1,
      end: position?.end ?? -1,
      quote: quote?.exact ?? '',
      sha256s: a.citation?.sources?.map((s) => s.sha256) ?? [],
    };
  });
}

function csvPassages(text: string): CitedPassage[] {
  const rows = parseCsv(text);
  const header = rows[0] ?? [];
  const col = (name: string) => header.indexOf(name);
  const [g, s, e, q, sha] = [col('entry_guid'), col('start'), col('end'), col('quote'), col('source_sha256')];
  if ([g, s, e, q, sha].some((i) => i < 0)) throw new QuireError('invalid-input', 'This CSV lacks the entry_guid, start, end, quote or source_sha256 column of a Quire export.');
  return rows.slice(1).map((r, i) => ({
    where: `row ${i + 2}`,
    entryGuid: r[g] ?? '',
    start: Number(r[s]),
    end: Number(r[e]),
    quote: r[q] ?? '',
    sha256s: (r[sha] ?? '').split(CSV_LIST_SEPARATOR).map((x) => x.trim()).filter(Boolean),
  }));
}

/** A .qdpx cites a passage by its selection's positions in the packaged text; the citation's files are in the source's Description. */
function qdpxPassages(bytes: Uint8Array): CitedPassage[] {
  const files = unzipSync(bytes);
  const qde = Object.keys(files).find((n) => /\.qde$/i.test(n));
  if (!qde) throw new QuireError('invalid-input', 'This zip has no project file (*.qde).');
  const project = parseXml(new TextDecoder().decode(files[qde]!));
  const out: CitedPassage[] = [];
  for (const s of childrenNamed(child(project, 'Sources') ?? project, 'TextSource')) {
    const guid = s.attrs['guid'] ?? '';
    const ref = (s.attrs['plainTextPath'] ?? '').replace(/^internal:\/\//i, '');
    const name = Object.keys(files).find((n) => n.toLowerCase() === `sources/${ref}`.toLowerCase());
    const text = name ? new TextDecoder().decode(files[name]!).replace(/^\uFEFF/, '') : (child(s, 'PlainTextContent')?.text ?? '');
    const sha256s = [...(child(s, 'Description')?.text ?? '').matchAll(/SHA-256 ([0-9a-f]{64})/g)].map((m) => m[1]!);
    for (const sel of childrenNamed(s, 'PlainTextSelection')) {
      const start = Number(sel.attrs['startPosition']);
      const end = Number(sel.attrs['endPosition']);
      out.push({ where: `selection ${sel.attrs['guid']} of ${s.attrs['name'] ?? guid}`, entryGuid: guid, start, end, quote: sliceCodePoints(text, start, end), sha256s });
    }
  }
  return out;
}

class PassageChecker {
  private readonly bytesOk = new Map<string, string | null>();
  private readonly entryStmt;
  private readonly sourceStmt;
  private readonly content;
  private readonly linkStmt;

  constructor(db: Db) {
    this.entryStmt = db.prepare<[string], { id: number; title: string; body: string }>('SELECT id, title, body FROM entries WHERE lower(guid) = ?');
    this.sourceStmt = db.prepare<[string], { id: number; name: string }>('SELECT id, name FROM sources WHERE sha256 = ?');
    this.content = new SourceContent(db);
    this.linkStmt = db.prepare<[number, number], { bodyStart: number | null; bodyEnd: number | null }>(
      'SELECT body_start AS bodyStart, body_end AS bodyEnd FROM entry_sources WHERE entry_id = ? AND source_id = ? ORDER BY start LIMIT 1',
    );
  }

  /** Null when the passage holds, else why not. */
  check(p: CitedPassage): string | null {
    const guid = canonicalGuid(p.entryGuid);
    if (!guid) return `“${p.entryGuid}” is not an entry GUID.`;
    const entry = this.entryStmt.get(guid);
    if (!entry) return `Entry ${guid} is not in this archive (deleted, or another archive).`;
    const text = entryText(entry.title, entry.body);
    const length = codePointLength(text);
    if (!(Number.isInteger(p.start) && Number.isInteger(p.end) && p.start >= 0 && p.start < p.end && p.end <= length)) {
      return `The span ${p.start}–${p.end} does not lie on the entry's text (${length} code points).`;
    }
    const actual = sliceCodePoints(text, p.start, p.end);
    if (actual !== p.quote) return `The entry's text at ${p.start}–${p.end} reads “${clip(actual)}”, not the quoted “${clip(p.quote)}”.`;
    if (p.sha256s.length === 0) return 'The passage cites no source file.';
    // Where the passage lies in the body, in UTF-16 units of the body (null: it is in the title).
    const bodyAt16 = bodyStart16(entry.title);
    const from16 = toUtf16(text, p.start) - bodyAt16;
    const inBody = from16 >= 0 ? { from: from16, to: toUtf16(text, p.end) - bodyAt16 } : null;
    for (const sha of p.sha256s) {
      const reason = this.sourceReason(sha.toLowerCase(), entry, inBody, p.quote);
      if (reason) return reason;
    }
    return null;
  }

  /** A source's stored text; the last one read is kept, since passages come entry by entry. */
  private lastText: { id: number; text: string } | null = null;
  private storedText(id: number): string {
    if (this.lastText?.id !== id) this.lastText = { id, text: this.content.text(id) };
    return this.lastText.text;
  }

  private sourceReason(sha: string, entry: { id: number; body: string }, inBody: { from: number; to: number } | null, quote: string): string | null {
    const entryId = entry.id;
    const source = this.sourceStmt.get(sha);
    if (!source) return `No source file with SHA-256 ${sha} is in this archive.`;
    if (!this.bytesOk.has(sha)) {
      const { sha256: actual, byteLength } = this.content.sha256(source.id);
      this.bytesOk.set(sha, byteLength === 0 ? `The archive records ${source.name} (SHA-256 ${sha}) but does not hold its bytes: import the file to check against it.` : actual === sha ? null : `The stored bytes of ${source.name} no longer hash to ${sha} (they hash to ${actual}).`);
    }
    const bytesReason = this.bytesOk.get(sha);
    if (bytesReason) return bytesReason;
    const link = this.linkStmt.get(entryId, source.id);
    if (!link) return `The entry did not come from ${source.name} (SHA-256 ${sha}).`;
    // The passage stands in this file's own version of the body (the same text, or the same but for
    // white space when the archive keeps another file's copy of the entry).
    if (inBody && link.bodyStart !== null && link.bodyEnd !== null) {
      const own = this.storedText(source.id).slice(link.bodyStart, link.bodyEnd);
      const holds = own === entry.body ? own.slice(inBody.from, inBody.to) === quote : squash(own).includes(squash(quote));
      if (!holds) return `The passage is not in ${source.name}'s text where its locator points (characters ${link.bodyStart}–${link.bodyEnd} of the stored text).`;
    }
    return null;
  }
}

function squash(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}

function clip(text: string): string {
  const chars = Array.from(text);
  return chars.length > 80 ? `${chars.slice(0, 77).join('')}…` : text;
}
