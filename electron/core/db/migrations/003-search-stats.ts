// Migration 3: search at a million entries.
//  - The full-text index gains a `dates` column (words for year, month and day, see
//    search/date-tokens.ts) so date filters intersect inside the index. FTS5 cannot add a column,
//    so the index is rebuilt from `entries` (minutes at a million entries, once).
//  - `search_terms` is a snapshot of the index's vocabulary with document counts, and
//    `search_top` the best-ranked entries of each very common word (search/search-stats.ts).
//    Both describe the archive as of `meta.search_stats_as_of`; any change to an indexed entry
//    marks them stale (`meta.search_stats_valid = 0`) until the next refresh.
import type { Migration } from '../migration-types.ts';

export const migration003: Migration = {
  version: 3,
  name: 'search index with date words; vocabulary snapshot and top lists of common words',
  up: `
    DROP TRIGGER entries_index_delete;
    DROP TRIGGER entries_index_update;
    DROP TABLE entry_terms;
    DROP TABLE entry_index;

    CREATE VIRTUAL TABLE entry_index USING fts5(
      title, body, author, outlet, dates,
      content = '',
      contentless_delete = 1,
      tokenize = "unicode61 remove_diacritics 0 categories 'L* N* Co Mc Mn'"
    );
    -- Title weighted over body; the date words never count towards relevance.
    INSERT INTO entry_index (entry_index, rank) VALUES ('rank', 'bm25(5.0, 1.0, 2.0, 1.0, 0.0)');
    CREATE VIRTUAL TABLE entry_terms USING fts5vocab(entry_index, 'row');

    INSERT INTO entry_index (rowid, title, body, author, outlet, dates)
      SELECT id, quire_fold(title), quire_fold(body), quire_fold(author), quire_fold(outlet), quire_date_tokens(date) FROM entries;

    CREATE TABLE search_terms (
      term TEXT PRIMARY KEY,
      docs INTEGER NOT NULL
    ) STRICT, WITHOUT ROWID;

    -- score: FTS5's rank (bm25, lower is better) when the list was made.
    CREATE TABLE search_top (
      term     TEXT NOT NULL,
      score    REAL NOT NULL,
      entry_id INTEGER NOT NULL,
      PRIMARY KEY (term, score, entry_id)
    ) STRICT, WITHOUT ROWID;

    INSERT INTO meta (key, value) VALUES ('search_stats_valid', '0'), ('search_stats_as_of', '0');

    CREATE TRIGGER entries_index_delete AFTER DELETE ON entries BEGIN
      DELETE FROM entry_index WHERE rowid = old.id;
      UPDATE meta SET value = '0' WHERE key = 'search_stats_valid' AND value <> '0';
    END;
    CREATE TRIGGER entries_index_update AFTER UPDATE OF title, body, author, outlet, date ON entries BEGIN
      DELETE FROM entry_index WHERE rowid = old.id;
      INSERT INTO entry_index (rowid, title, body, author, outlet, dates)
        VALUES (new.id, quire_fold(new.title), quire_fold(new.body), quire_fold(new.author), quire_fold(new.outlet), quire_date_tokens(new.date));
      UPDATE meta SET value = '0' WHERE key = 'search_stats_valid' AND value <> '0';
    END;
  `,
};
