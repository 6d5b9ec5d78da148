// Migration 6: indexes that let annotation filters (code:, has:, and the code facet) answer at a
// million entries without reading full rows.
//  - highlights_live_id_entry: a live highlight's entry by the highlight's id, read off a small
//    index instead of the highlight's row (code: goes from codes to highlights to entries);
//  - entries_id_date: an entry's date by its id, so a set of matching entries is counted and put
//    in date order without reading each entry's row (the date sits after the body).
// (IF NOT EXISTS: a bench archive may have been given them by hand before.)
import type { Migration } from '../migration-types.ts';

export const migration006: Migration = {
  version: 6,
  name: 'annotation search: highlight-to-entry and id-to-date indexes',
  up: `
    CREATE INDEX IF NOT EXISTS highlights_live_id_entry ON highlights(id, entry_id) WHERE deleted_at IS NULL;
    CREATE INDEX IF NOT EXISTS entries_id_date ON entries(id, date);
  `,
};
