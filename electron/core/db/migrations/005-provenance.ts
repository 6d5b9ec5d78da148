// Migration 5: provenance a citation can stand on. Each entry–source link records a locator a
// reader can follow in the original file (JSON, see SourceLocator in shared/contract.ts: a JSON
// Pointer, a CSV row, a mail message's byte range, a WARC record, PDF pages, a text span, with the
// extractor and its version), and the span of that source's own version of the body in the
// source's stored text: entries that differ only in white space are stored once, so the entry row
// holds the first file's text and each link says where its own file's text is.
// Links made before this version keep NULLs: their start/end still locate the stored text.
// The trash keeps the same columns, so an undone delete restores the locators too.
import type { Migration } from '../migration-types.ts';

export const migration005: Migration = {
  version: 5,
  name: 'provenance: locator and body span per entry source',
  up: `
    ALTER TABLE entry_sources ADD COLUMN locator TEXT CHECK (locator IS NULL OR json_valid(locator));
    ALTER TABLE entry_sources ADD COLUMN body_start INTEGER;
    ALTER TABLE entry_sources ADD COLUMN body_end INTEGER;

    ALTER TABLE trash_entry_sources ADD COLUMN locator TEXT;
    ALTER TABLE trash_entry_sources ADD COLUMN body_start INTEGER;
    ALTER TABLE trash_entry_sources ADD COLUMN body_end INTEGER;
  `,
};
