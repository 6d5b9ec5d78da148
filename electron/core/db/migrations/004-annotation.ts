// Migration 4: the ground under annotation, before any annotation data exists.
//  - Stable GUIDs (UUIDs) on sources, entries and every row a researcher makes, for REFI-QDA and
//    JSON round-trips. A source's and an entry's GUID derive from their content (the file's
//    SHA-256, the entry's content hash), so the same text has the same GUID in any archive.
//  - Annotation rows are never removed by a cascade: highlights, tags, notes and collection
//    members point at entries by id WITHOUT a foreign key (a deleted entry leaves them orphaned,
//    listed, restorable), and codes, highlights, notes and collections are soft-deleted
//    (`deleted_at`) so undo restores the same row, same id and GUID.
//  - Deleted sources and entries move to trash tables (their rows verbatim) so undo restores
//    them; ids are never reused while a row is in the trash (see EntriesRepo/SourcesRepo.insert).
//    A later migration that adds a column to `sources` or `entries` adds it to its trash table too.
//  - `history`: every annotation change as before/after row images, for undo and redo that live
//    in the core and survive a reload.
// Offsets (highlights.start/end) count Unicode code points of the entry text (shared/entry-text.ts).
import type { Migration } from '../migration-types.ts';

export const migration004: Migration = {
  version: 4,
  name: 'annotation ground: GUIDs, soft delete and trash, no cascades into annotation, history, migration log',
  up: `
    CREATE TABLE migration_log (
      version     INTEGER PRIMARY KEY,
      name        TEXT NOT NULL,
      applied_at  TEXT NOT NULL,
      app_version TEXT NOT NULL
    ) STRICT;

    ALTER TABLE sources ADD COLUMN guid TEXT;
    UPDATE sources SET guid = quire_uuid_from(sha256);
    CREATE UNIQUE INDEX sources_guid ON sources(guid);

    ALTER TABLE entries ADD COLUMN guid TEXT;
    UPDATE entries SET guid = quire_uuid_from(content_hash);
    CREATE UNIQUE INDEX entries_guid ON entries(guid);

    -- The trash: deleted sources and entries, verbatim, with the history step that deleted them.
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
      bytes               BLOB NOT NULL,
      text                TEXT NOT NULL,
      header              TEXT,
      warnings            TEXT,
      guid                TEXT,
      deleted_at          TEXT NOT NULL,
      history_id          INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX trash_sources_history ON trash_sources(history_id);

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
    CREATE INDEX trash_entries_history ON trash_entries(history_id);
    -- Deleting an entry cascades to its near-duplicate bands (8 per entry): without an index on
    -- entry_id every deleted entry scanned all bands (200 entries of a 40,000-entry archive: 17 s;
    -- 0.3 s with it). Ids only grow, so an import appends to it: importing 30,000 entries took no
    -- measurably longer.
    CREATE INDEX entry_bands_entry ON entry_bands(entry_id);

    CREATE TABLE trash_entry_sources (
      entry_id   INTEGER NOT NULL,
      source_id  INTEGER NOT NULL,
      start      INTEGER NOT NULL,
      end        INTEGER NOT NULL,
      ordinal    INTEGER NOT NULL,
      history_id INTEGER NOT NULL,
      PRIMARY KEY (history_id, entry_id, source_id, start)
    ) STRICT, WITHOUT ROWID;

    -- Annotation tables from migration 1 had cascades from entries; they are rebuilt without.
    -- (No release wrote rows to them; any that exist are kept.)
    ALTER TABLE codes RENAME TO old_codes;
    ALTER TABLE highlights RENAME TO old_highlights;
    ALTER TABLE highlight_codes RENAME TO old_highlight_codes;
    ALTER TABLE tags RENAME TO old_tags;
    ALTER TABLE entry_tags RENAME TO old_entry_tags;
    ALTER TABLE collections RENAME TO old_collections;
    ALTER TABLE collection_entries RENAME TO old_collection_entries;
    DROP INDEX highlights_entry;
    DROP INDEX highlight_codes_code;
    DROP INDEX entry_tags_tag;

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
    -- Names are unique among siblings; NULL parents are distinct to UNIQUE, hence two partial indexes.
    CREATE UNIQUE INDEX codes_root_name ON codes(name COLLATE NOCASE) WHERE parent_id IS NULL AND deleted_at IS NULL;
    CREATE UNIQUE INDEX codes_child_name ON codes(parent_id, name COLLATE NOCASE) WHERE parent_id IS NOT NULL AND deleted_at IS NULL;
    CREATE INDEX codes_parent ON codes(parent_id);

    -- start/end: Unicode code points of the entry text (title, blank line, body: shared/entry-text.ts).
    -- exact/prefix/suffix: W3C TextQuoteSelector; text_hash: SHA-256 of the entry text it was made on.
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
    CREATE INDEX highlights_entry ON highlights(entry_id);
    CREATE INDEX highlights_created ON highlights(created_at);
    -- Code counts subtract the links of trashed highlights; this keeps finding those cheap.
    CREATE INDEX highlights_trashed ON highlights(id) WHERE deleted_at IS NOT NULL;
    -- The live highlights in the annotations view's orders (newest first; by entry and place), so a
    -- page is read off an index with LIMIT; by entry it also serves has:highlight and an entry's own
    -- highlights. (deleted_at does not lead them: without ANALYZE statistics the planner would take
    -- "deleted_at IS NULL" for a selective equality and walk every live highlight.)
    CREATE INDEX highlights_live_created ON highlights(created_at) WHERE deleted_at IS NULL;
    CREATE INDEX highlights_live_entry ON highlights(entry_id, start, end) WHERE deleted_at IS NULL;
    -- has:note's highlights (its condition repeats this one, so the search reads this small index).
    CREATE INDEX highlights_noted ON highlights(entry_id) WHERE deleted_at IS NULL AND note IS NOT NULL AND trim(note) <> '';

    CREATE TABLE highlight_codes (
      highlight_id INTEGER NOT NULL REFERENCES highlights(id),
      code_id      INTEGER NOT NULL REFERENCES codes(id),
      PRIMARY KEY (highlight_id, code_id)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX highlight_codes_code ON highlight_codes(code_id, highlight_id);

    CREATE TABLE tags (
      id         INTEGER PRIMARY KEY,
      guid       TEXT NOT NULL UNIQUE,
      name       TEXT NOT NULL UNIQUE COLLATE NOCASE,
      created_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE entry_tags (
      entry_id   INTEGER NOT NULL,
      tag_id     INTEGER NOT NULL REFERENCES tags(id),
      created_at TEXT NOT NULL,
      PRIMARY KEY (entry_id, tag_id)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX entry_tags_tag ON entry_tags(tag_id, entry_id);

    CREATE TABLE entry_notes (
      id         INTEGER PRIMARY KEY,
      guid       TEXT NOT NULL UNIQUE,
      entry_id   INTEGER NOT NULL,
      text       TEXT NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      deleted_at TEXT
    ) STRICT;
    CREATE INDEX entry_notes_entry ON entry_notes(entry_id);

    CREATE TABLE collections (
      id          INTEGER PRIMARY KEY,
      guid        TEXT NOT NULL UNIQUE,
      name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
      description TEXT,
      created_at  TEXT NOT NULL,
      updated_at  TEXT NOT NULL,
      deleted_at  TEXT
    ) STRICT;
    CREATE UNIQUE INDEX collections_name ON collections(name COLLATE NOCASE) WHERE deleted_at IS NULL;

    CREATE TABLE collection_entries (
      collection_id INTEGER NOT NULL REFERENCES collections(id),
      entry_id      INTEGER NOT NULL,
      position      INTEGER NOT NULL,
      added_at      TEXT NOT NULL,
      PRIMARY KEY (collection_id, entry_id)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX collection_entries_entry ON collection_entries(entry_id);

    CREATE TABLE collection_highlights (
      collection_id INTEGER NOT NULL REFERENCES collections(id),
      highlight_id  INTEGER NOT NULL REFERENCES highlights(id),
      position      INTEGER NOT NULL,
      added_at      TEXT NOT NULL,
      PRIMARY KEY (collection_id, highlight_id)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX collection_highlights_highlight ON collection_highlights(highlight_id);

    INSERT INTO codes (id, guid, parent_id, name, color, description, position, created_at, updated_at)
      SELECT id, quire_uuid(), parent_id, name, color, description, position, created_at, created_at FROM old_codes;
    INSERT INTO highlights (id, guid, entry_id, entry_guid, start, end, exact, prefix, suffix, text_hash, note, color, created_at, updated_at)
      SELECT h.id, quire_uuid(), h.entry_id, coalesce(e.guid, ''), h.start, max(h.end, h.start + 1), h.exact, h.prefix, h.suffix, '', h.note, h.color, h.created_at, h.updated_at
        FROM old_highlights h LEFT JOIN entries e ON e.id = h.entry_id;
    INSERT INTO highlight_codes SELECT highlight_id, code_id FROM old_highlight_codes;
    INSERT INTO tags (id, guid, name, created_at) SELECT id, quire_uuid(), name, strftime('%Y-%m-%dT%H:%M:%fZ') FROM old_tags;
    INSERT INTO entry_tags (entry_id, tag_id, created_at) SELECT entry_id, tag_id, strftime('%Y-%m-%dT%H:%M:%fZ') FROM old_entry_tags;
    INSERT INTO collections (id, guid, name, description, created_at, updated_at)
      SELECT id, quire_uuid(), name, description, created_at, created_at FROM old_collections;
    INSERT INTO collection_entries SELECT collection_id, entry_id, position, added_at FROM old_collection_entries;

    DROP TABLE old_highlight_codes;
    DROP TABLE old_highlights;
    DROP TABLE old_codes;
    DROP TABLE old_entry_tags;
    DROP TABLE old_tags;
    DROP TABLE old_collection_entries;
    DROP TABLE old_collections;

    -- Undo and redo: one row per user action; changes is a JSON array of row images
    -- [{"table": ..., "before": {...} | null, "after": {...} | null}], applied backwards to undo.
    CREATE TABLE history (
      id         INTEGER PRIMARY KEY,
      label      TEXT NOT NULL,
      changes    TEXT NOT NULL,
      undone     INTEGER NOT NULL DEFAULT 0 CHECK (undone IN (0, 1)),
      created_at TEXT NOT NULL
    ) STRICT;
    -- Every change looks for the undone ones (the redo stack it ends) and undo for the newest done one.
    CREATE INDEX history_undone ON history(undone, id);
  `,
};
