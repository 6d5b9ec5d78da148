-- GENERATED FILE, DO NOT EDIT. The schema after every migration, for reading.
-- Schema version 9. Regenerate: node scripts/schema-snapshot.ts
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
      guid        TEXT NOT NULL UNIQUE,
      parent_id   INTEGER REFERENCES codes(id),
      name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
      color       TEXT NOT NULL DEFAULT '#f2c94c',
      description TEXT,
      position    INTEGER NOT NULL DEFAULT 0,
      created_at  TEXT NOT NULL,
      updated_at  TEXT NOT NULL,
      deleted_at  TEXT
    ) STRICT;

CREATE TABLE collection_entries (
      collection_id INTEGER NOT NULL REFERENCES collections(id),
      entry_id      INTEGER NOT NULL,
      position      INTEGER NOT NULL,
      added_at      TEXT NOT NULL,
      PRIMARY KEY (collection_id, entry_id)
    ) STRICT, WITHOUT ROWID;

CREATE TABLE collection_highlights (
      collection_id INTEGER NOT NULL REFERENCES collections(id),
      highlight_id  INTEGER NOT NULL REFERENCES highlights(id),
      position      INTEGER NOT NULL,
      added_at      TEXT NOT NULL,
      PRIMARY KEY (collection_id, highlight_id)
    ) STRICT, WITHOUT ROWID;

CREATE TABLE collections (
      id          INTEGER PRIMARY KEY,
      guid        TEXT NOT NULL UNIQUE,
      name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
      description TEXT,
      created_at  TEXT NOT NULL,
      updated_at  TEXT NOT NULL,
      deleted_at  TEXT
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
    , guid TEXT) STRICT;

CREATE TABLE "entry_bands" (
        band      INTEGER NOT NULL,
        hash      INTEGER NOT NULL,
        entry_id  INTEGER NOT NULL,
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

CREATE TABLE entry_notes (
      id         INTEGER PRIMARY KEY,
      guid       TEXT NOT NULL UNIQUE,
      entry_id   INTEGER NOT NULL,
      text       TEXT NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      deleted_at TEXT
    ) STRICT;

CREATE TABLE entry_sources (
      entry_id   INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
      source_id  INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
      start      INTEGER NOT NULL,
      end        INTEGER NOT NULL,
      ordinal    INTEGER NOT NULL, locator TEXT CHECK (locator IS NULL OR json_valid(locator)), body_start INTEGER, body_end INTEGER,
      PRIMARY KEY (entry_id, source_id, start)
    ) STRICT, WITHOUT ROWID;

CREATE TABLE entry_tags (
      entry_id   INTEGER NOT NULL,
      tag_id     INTEGER NOT NULL REFERENCES tags(id),
      created_at TEXT NOT NULL,
      PRIMARY KEY (entry_id, tag_id)
    ) STRICT, WITHOUT ROWID;

CREATE VIRTUAL TABLE entry_terms USING fts5vocab(entry_index, 'row');

CREATE TABLE highlight_codes (
      highlight_id INTEGER NOT NULL REFERENCES highlights(id),
      code_id      INTEGER NOT NULL REFERENCES codes(id),
      PRIMARY KEY (highlight_id, code_id)
    ) STRICT, WITHOUT ROWID;

CREATE TABLE highlights (
      id          INTEGER PRIMARY KEY,
      guid        TEXT NOT NULL UNIQUE,
      entry_id    INTEGER NOT NULL,
      entry_guid  TEXT NOT NULL,
      start       INTEGER NOT NULL,
      end         INTEGER NOT NULL,
      exact       TEXT NOT NULL,
      prefix      TEXT NOT NULL DEFAULT '',
      suffix      TEXT NOT NULL DEFAULT '',
      text_hash   TEXT NOT NULL,
      anchor      TEXT NOT NULL DEFAULT 'exact' CHECK (anchor IN ('exact', 'position', 'fuzzy', 'orphaned')),
      note        TEXT,
      color       TEXT,
      created_at  TEXT NOT NULL,
      updated_at  TEXT NOT NULL,
      deleted_at  TEXT,
      CHECK (start >= 0 AND end > start)
    ) STRICT;

CREATE TABLE history (
      id         INTEGER PRIMARY KEY,
      label      TEXT NOT NULL,
      changes    TEXT NOT NULL,
      undone     INTEGER NOT NULL DEFAULT 0 CHECK (undone IN (0, 1)),
      created_at TEXT NOT NULL
    ) STRICT;

CREATE TABLE meta (
      key   TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) STRICT;

CREATE TABLE migration_log (
      version     INTEGER PRIMARY KEY,
      name        TEXT NOT NULL,
      applied_at  TEXT NOT NULL,
      app_version TEXT NOT NULL
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

CREATE TABLE source_chunks (
        source_id INTEGER NOT NULL,
        kind      TEXT NOT NULL CHECK (kind IN ('bytes', 'text')),
        seq       INTEGER NOT NULL,
        data      BLOB NOT NULL,
        PRIMARY KEY (source_id, kind, seq)
      ) STRICT;

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
      header              TEXT,
      warnings            TEXT
    , guid TEXT, kept_bytes INTEGER NOT NULL DEFAULT 0, content_codec TEXT NOT NULL DEFAULT 'brotli-5', chunk_bytes INTEGER NOT NULL DEFAULT 1048576, text_kind TEXT NOT NULL DEFAULT 'stored' CHECK (text_kind IN ('derived', 'stored'))) STRICT;

CREATE TABLE tags (
      id         INTEGER PRIMARY KEY,
      guid       TEXT NOT NULL UNIQUE,
      name       TEXT NOT NULL UNIQUE COLLATE NOCASE,
      created_at TEXT NOT NULL
    ) STRICT;

CREATE TABLE trash_entries (
      id            INTEGER PRIMARY KEY,
      title         TEXT NOT NULL,
      body          TEXT NOT NULL,
      date          TEXT,
      date_source   TEXT,
      author        TEXT,
      outlet        TEXT,
      url           TEXT,
      language      TEXT,
      direction     TEXT NOT NULL,
      content_hash  TEXT NOT NULL,
      near_group    INTEGER,
      minhash       BLOB,
      created_at    TEXT NOT NULL,
      guid          TEXT,
      deleted_at    TEXT NOT NULL,
      history_id    INTEGER NOT NULL
    ) STRICT;

CREATE TABLE trash_entry_sources (
      entry_id   INTEGER NOT NULL,
      source_id  INTEGER NOT NULL,
      start      INTEGER NOT NULL,
      end        INTEGER NOT NULL,
      ordinal    INTEGER NOT NULL,
      history_id INTEGER NOT NULL, locator TEXT, body_start INTEGER, body_end INTEGER,
      PRIMARY KEY (history_id, entry_id, source_id, start)
    ) STRICT, WITHOUT ROWID;

CREATE TABLE trash_sources (
      id                  INTEGER PRIMARY KEY,
      sha256              TEXT NOT NULL,
      name                TEXT NOT NULL,
      path                TEXT,
      container           TEXT,
      size                INTEGER NOT NULL,
      format              TEXT NOT NULL,
      encoding            TEXT,
      encoding_confidence REAL,
      imported_at         TEXT NOT NULL,
      header              TEXT,
      warnings            TEXT,
      guid                TEXT,
      deleted_at          TEXT NOT NULL,
      history_id          INTEGER NOT NULL
    , kept_bytes INTEGER NOT NULL DEFAULT 0, content_codec TEXT NOT NULL DEFAULT 'brotli-5', chunk_bytes INTEGER NOT NULL DEFAULT 1048576, text_kind TEXT NOT NULL DEFAULT 'stored' CHECK (text_kind IN ('derived', 'stored'))) STRICT;

CREATE UNIQUE INDEX codes_child_name ON codes(parent_id, name COLLATE NOCASE) WHERE parent_id IS NOT NULL AND deleted_at IS NULL;

CREATE INDEX codes_parent ON codes(parent_id);

CREATE UNIQUE INDEX codes_root_name ON codes(name COLLATE NOCASE) WHERE parent_id IS NULL AND deleted_at IS NULL;

CREATE INDEX collection_entries_entry ON collection_entries(entry_id);

CREATE INDEX collection_highlights_highlight ON collection_highlights(highlight_id);

CREATE UNIQUE INDEX collections_name ON collections(name COLLATE NOCASE) WHERE deleted_at IS NULL;

CREATE INDEX entries_author ON entries(author);

CREATE INDEX entries_date ON entries(date);

CREATE INDEX entries_facet_fields ON entries(id, date, language, outlet, author);

CREATE UNIQUE INDEX entries_guid ON entries(guid);

CREATE INDEX entries_id_date ON entries(id, date);

CREATE INDEX entries_language ON entries(language);

CREATE INDEX entries_near_group ON entries(near_group);

CREATE INDEX entries_outlet ON entries(outlet);

CREATE INDEX entry_notes_entry ON entry_notes(entry_id);

CREATE INDEX entry_sources_source ON entry_sources(source_id, ordinal);

CREATE INDEX entry_tags_tag ON entry_tags(tag_id, entry_id);

CREATE INDEX highlight_codes_code ON highlight_codes(code_id, highlight_id);

CREATE INDEX highlights_created ON highlights(created_at);

CREATE INDEX highlights_entry ON highlights(entry_id);

CREATE INDEX highlights_live_created ON highlights(created_at) WHERE deleted_at IS NULL;

CREATE INDEX highlights_live_entry ON highlights(entry_id, start, end) WHERE deleted_at IS NULL;

CREATE INDEX highlights_live_id_entry ON highlights(id, entry_id) WHERE deleted_at IS NULL;

CREATE INDEX highlights_noted ON highlights(entry_id) WHERE deleted_at IS NULL AND note IS NOT NULL AND trim(note) <> '';

CREATE INDEX highlights_trashed ON highlights(id) WHERE deleted_at IS NOT NULL;

CREATE INDEX history_undone ON history(undone, id);

CREATE UNIQUE INDEX sources_guid ON sources(guid);

CREATE INDEX trash_entries_history ON trash_entries(history_id);

CREATE INDEX trash_sources_history ON trash_sources(history_id);

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
