-- GENERATED FILE, DO NOT EDIT. The schema after every migration, for reading.
-- Schema version 3. Regenerate: node scripts/schema-snapshot.ts
CREATE TABLE alias_groups (
      id         INTEGER PRIMARY KEY,
      name       TEXT NOT NULL,
      created_at TEXT NOT NULL
    ) STRICT;

CREATE TABLE aliases (
      group_id INTEGER NOT NULL REFERENCES alias_groups(id) ON DELETE CASCADE,
      variant  TEXT NOT NULL,
      PRIMARY KEY (group_id, variant)
    ) STRICT, WITHOUT ROWID;

CREATE TABLE codes (
      id          INTEGER PRIMARY KEY,
      parent_id   INTEGER REFERENCES codes(id) ON DELETE CASCADE,
      name        TEXT NOT NULL,
      color       TEXT NOT NULL DEFAULT '#f2c94c',
      description TEXT,
      position    INTEGER NOT NULL DEFAULT 0,
      created_at  TEXT NOT NULL,
      UNIQUE (parent_id, name)
    ) STRICT;

CREATE TABLE collection_entries (
      collection_id INTEGER NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
      entry_id      INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
      position      INTEGER NOT NULL,
      added_at      TEXT NOT NULL,
      PRIMARY KEY (collection_id, entry_id)
    ) STRICT, WITHOUT ROWID;

CREATE TABLE collections (
      id          INTEGER PRIMARY KEY,
      name        TEXT NOT NULL,
      description TEXT,
      created_at  TEXT NOT NULL
    ) STRICT;

CREATE TABLE entries (
      id            INTEGER PRIMARY KEY,
      title         TEXT NOT NULL DEFAULT '',
      body          TEXT NOT NULL,
      date          TEXT,
      date_source   TEXT,
      author        TEXT,
      outlet        TEXT,
      url           TEXT,
      language      TEXT,
      direction     TEXT NOT NULL DEFAULT 'ltr' CHECK (direction IN ('ltr', 'rtl')),
      content_hash  TEXT NOT NULL UNIQUE,
      near_group    INTEGER,
      minhash       BLOB,
      created_at    TEXT NOT NULL
    ) STRICT;

CREATE TABLE entry_bands (
      band      INTEGER NOT NULL,
      hash      INTEGER NOT NULL,
      entry_id  INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
      PRIMARY KEY (band, hash, entry_id)
    ) STRICT, WITHOUT ROWID;

CREATE VIRTUAL TABLE entry_index USING fts5(
      title, body, author, outlet, dates,
      content = '',
      contentless_delete = 1,
      tokenize = "unicode61 remove_diacritics 0 categories 'L* N* Co Mc Mn'"
    );

CREATE TABLE 'entry_index_config'(k PRIMARY KEY, v) WITHOUT ROWID;

CREATE TABLE 'entry_index_data'(id INTEGER PRIMARY KEY, block BLOB);

CREATE TABLE 'entry_index_docsize'(id INTEGER PRIMARY KEY, sz BLOB, origin INTEGER);

CREATE TABLE 'entry_index_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;

CREATE TABLE entry_sources (
      entry_id   INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
      source_id  INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
      start      INTEGER NOT NULL,
      end        INTEGER NOT NULL,
      ordinal    INTEGER NOT NULL,
      PRIMARY KEY (entry_id, source_id, start)
    ) STRICT, WITHOUT ROWID;

CREATE TABLE entry_tags (
      entry_id INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
      tag_id   INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
      PRIMARY KEY (entry_id, tag_id)
    ) STRICT, WITHOUT ROWID;

CREATE VIRTUAL TABLE entry_terms USING fts5vocab(entry_index, 'row');

CREATE TABLE highlight_codes (
      highlight_id INTEGER NOT NULL REFERENCES highlights(id) ON DELETE CASCADE,
      code_id      INTEGER NOT NULL REFERENCES codes(id) ON DELETE CASCADE,
      PRIMARY KEY (highlight_id, code_id)
    ) STRICT, WITHOUT ROWID;

CREATE TABLE highlights (
      id          INTEGER PRIMARY KEY,
      entry_id    INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
      exact       TEXT NOT NULL,
      prefix      TEXT NOT NULL DEFAULT '',
      suffix      TEXT NOT NULL DEFAULT '',
      start       INTEGER NOT NULL,
      end         INTEGER NOT NULL,
      note        TEXT,
      color       TEXT,
      created_at  TEXT NOT NULL,
      updated_at  TEXT NOT NULL,
      CHECK (end >= start)
    ) STRICT;

CREATE TABLE meta (
      key   TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) STRICT;

CREATE TABLE saved_searches (
      id              INTEGER PRIMARY KEY,
      name            TEXT NOT NULL,
      query           TEXT NOT NULL,
      created_at      TEXT NOT NULL,
      last_opened_at  TEXT,
      last_max_entry  INTEGER NOT NULL DEFAULT 0
    ) STRICT;

CREATE TABLE search_terms (
      term TEXT PRIMARY KEY,
      docs INTEGER NOT NULL
    ) STRICT, WITHOUT ROWID;

CREATE TABLE search_top (
      term     TEXT NOT NULL,
      score    REAL NOT NULL,
      entry_id INTEGER NOT NULL,
      PRIMARY KEY (term, score, entry_id)
    ) STRICT, WITHOUT ROWID;

CREATE TABLE sources (
      id                  INTEGER PRIMARY KEY,
      sha256              TEXT NOT NULL UNIQUE,
      name                TEXT NOT NULL,
      path                TEXT,
      container           TEXT,
      size                INTEGER NOT NULL,
      format              TEXT NOT NULL,
      encoding            TEXT,
      encoding_confidence REAL,
      imported_at         TEXT NOT NULL,
      bytes               BLOB NOT NULL,
      text                TEXT NOT NULL,
      header              TEXT,
      warnings            TEXT
    ) STRICT;

CREATE TABLE tags (
      id    INTEGER PRIMARY KEY,
      name  TEXT NOT NULL UNIQUE COLLATE NOCASE
    ) STRICT;

CREATE INDEX entries_author ON entries(author);

CREATE INDEX entries_date ON entries(date);

CREATE INDEX entries_language ON entries(language);

CREATE INDEX entries_near_group ON entries(near_group);

CREATE INDEX entries_outlet ON entries(outlet);

CREATE INDEX entry_sources_source ON entry_sources(source_id, ordinal);

CREATE INDEX entry_tags_tag ON entry_tags(tag_id);

CREATE INDEX highlight_codes_code ON highlight_codes(code_id);

CREATE INDEX highlights_entry ON highlights(entry_id);

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
