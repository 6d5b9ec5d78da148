// All SQL about entries and their provenance lives here.
import type { EntryDetail, EntryProvenance, EntryVersion, TextDirection } from '../../../shared/contract.ts';
import type { Db } from '../db/open-archive.ts';
import { BANDS } from '../import/near-duplicates.ts';

export interface NewEntry {
  title: string;
  body: string;
  date: string | null;
  dateSource: string | null;
  author: string | null;
  outlet: string | null;
  url: string | null;
  language: string | null;
  direction: TextDirection;
  contentHash: string;
  minhash: Buffer | null;
  createdAt: string;
}

interface EntryRow {
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
  nearGroup: number | null;
}

export class EntriesRepo {
  private readonly byHash;
  private readonly insertStmt;
  private readonly linkStmt;
  private readonly setGroupStmt;
  private readonly insertBandStmt;
  private readonly bandCandidatesStmt;
  private readonly minhashStmt;
  private readonly getStmt;
  private readonly provenanceStmt;
  private readonly versionsStmt;

  constructor(db: Db) {
    this.byHash = db.prepare<[string], { id: number }>('SELECT id FROM entries WHERE content_hash = ?');
    this.insertStmt = db.prepare(
      `INSERT INTO entries (title, body, date, date_source, author, outlet, url, language, direction, content_hash, minhash, created_at)
       VALUES (@title, @body, @date, @dateSource, @author, @outlet, @url, @language, @direction, @contentHash, @minhash, @createdAt)`,
    );
    this.linkStmt = db.prepare(
      'INSERT OR IGNORE INTO entry_sources (entry_id, source_id, start, end, ordinal) VALUES (?, ?, ?, ?, ?)',
    );
    this.setGroupStmt = db.prepare('UPDATE entries SET near_group = ? WHERE id = ?');
    // One statement for all bands (not one per band): this runs once per imported entry.
    const bandRows = Array.from({ length: BANDS }, () => '(?, ?, ?)').join(', ');
    this.insertBandStmt = db.prepare(`INSERT OR IGNORE INTO entry_bands (band, hash, entry_id) VALUES ${bandRows}`);
    const bandKeys = Array.from({ length: BANDS }, () => '(band = ? AND hash = ?)').join(' OR ');
    this.bandCandidatesStmt = db.prepare<number[], { entry_id: number }>(
      `SELECT DISTINCT entry_id FROM entry_bands WHERE ${bandKeys} ORDER BY entry_id LIMIT 50`,
    );
    this.minhashStmt = db.prepare<[number], { minhash: Buffer | null; near_group: number | null }>(
      'SELECT minhash, near_group FROM entries WHERE id = ?',
    );
    this.getStmt = db.prepare<[number], EntryRow>(
      `SELECT id, title, body, date, date_source AS dateSource, author, outlet, url, language, direction, near_group AS nearGroup
         FROM entries WHERE id = ?`,
    );
    this.provenanceStmt = db.prepare<[number], EntryProvenance>(
      `SELECT es.source_id AS sourceId, s.name AS sourceName, s.path AS sourcePath, es.start, es.end
         FROM entry_sources es JOIN sources s ON s.id = es.source_id
        WHERE es.entry_id = ? ORDER BY es.source_id, es.start`,
    );
    this.versionsStmt = db.prepare<[number, number], EntryVersion>(
      `SELECT e.id, e.title, e.date, e.outlet,
              (SELECT s.name FROM entry_sources es JOIN sources s ON s.id = es.source_id WHERE es.entry_id = e.id LIMIT 1) AS source
         FROM entries e WHERE e.near_group = ? AND e.id != ? ORDER BY e.date IS NULL, e.date, e.id LIMIT 200`,
    );
  }

  findByHash(contentHash: string): number | null {
    return this.byHash.get(contentHash)?.id ?? null;
  }

  insert(entry: NewEntry): number {
    return Number(this.insertStmt.run(entry).lastInsertRowid);
  }

  link(entryId: number, sourceId: number, start: number, end: number, ordinal: number): void {
    this.linkStmt.run(entryId, sourceId, start, end, ordinal);
  }

  setNearGroup(entryId: number, group: number): void {
    this.setGroupStmt.run(group, entryId);
  }

  /** hashes: one per band, BANDS of them. */
  addBands(entryId: number, hashes: number[]): void {
    this.insertBandStmt.run(...hashes.flatMap((hash, band) => [band, hash, entryId]));
  }

  /** Entries sharing at least one band with these hashes (the near-duplicate candidates), oldest first. */
  bandCandidates(hashes: number[]): number[] {
    return this.bandCandidatesStmt.all(...hashes.flatMap((hash, band) => [band, hash])).map((r) => r.entry_id);
  }

  signature(entryId: number): { minhash: Buffer | null; nearGroup: number | null } | null {
    const row = this.minhashStmt.get(entryId);
    return row ? { minhash: row.minhash, nearGroup: row.near_group } : null;
  }

  get(id: number): EntryDetail | null {
    const row = this.getStmt.get(id);
    if (!row) return null;
    const versions = row.nearGroup === null ? [] : this.versionsStmt.all(row.nearGroup, id);
    const dates = [row.date, ...versions.map((v) => v.date)].filter((d): d is string => d !== null).sort();
    const { nearGroup, ...rest } = row;
    void nearGroup;
    return { ...rest, provenance: this.provenanceStmt.all(id), versions, earliestDate: dates[0] ?? null };
  }
}
