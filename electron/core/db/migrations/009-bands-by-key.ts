// Migration 9: the near-duplicate lookup table (entry_bands) without its foreign key to entries and
// its index by entry. Each entry's 8 band keys were kept twice: in the table, ordered by key for the
// lookup, and in entry_bands_entry, ordered by entry only so that deleting an entry could cascade to
// them (6% of a new archive at 20,000 bench entries, issue 15). Deleting entries now removes their
// rows by key, made again from each entry's signature (annotation/trash.ts), as band-index.ts adds
// them. A row left behind by an entry removed some other way names an id without a signature, which
// a lookup skips (archive-writer.ts), so it can cost a candidate slot but never a wrong group.
// SQLite cannot drop a foreign key in place: the table is copied, band by band (its key's first
// column), so a large archive's upgrade reports its progress.
import type { Migration } from '../migration-types.ts';

/** The band numbers an import writes (near-duplicates.ts BANDS, frozen here with the format). */
const BANDS = 8;

export const migration009: Migration = {
  version: 9,
  name: 'near-duplicate bands kept once, by key',
  touches: ['entry_bands'],
  up: (db, progress) => {
    db.exec(`
      CREATE TABLE entry_bands_by_key (
        band      INTEGER NOT NULL,
        hash      INTEGER NOT NULL,
        entry_id  INTEGER NOT NULL,
        PRIMARY KEY (band, hash, entry_id)
      ) STRICT, WITHOUT ROWID;
    `);
    const copy = db.prepare('INSERT INTO entry_bands_by_key (band, hash, entry_id) SELECT band, hash, entry_id FROM entry_bands WHERE band = ? ORDER BY hash, entry_id');
    for (let band = 0; band < BANDS; band++) {
      copy.run(band);
      progress?.((band + 1) / (BANDS + 1));
    }
    // Rows under any other band number (none an import writes) come along too.
    db.prepare('INSERT INTO entry_bands_by_key (band, hash, entry_id) SELECT band, hash, entry_id FROM entry_bands WHERE band < 0 OR band >= ?').run(BANDS);
    db.exec(`
      DROP TABLE entry_bands;
      ALTER TABLE entry_bands_by_key RENAME TO entry_bands;
    `);
    progress?.(1);
  },
};
