// Carries an entry's highlights onto another version of it (a near-duplicate: a corrected or
// re-published text). Each live highlight of `from` becomes a new highlight on `to` (new GUID,
// same codes and note), placed by position, by fuzzy quote, or kept as an orphan at its old
// offsets (listed in the annotations view). The originals stay where they are. One undoable change.
import type { CarryResult } from '../../../shared/contract.ts';
import { QuireError } from '../../../shared/errors.ts';
import type { Db } from '../db/open-archive.ts';
import { reanchor } from './anchoring.ts';
import { recordChange } from './history.ts';
import { HighlightsRepo, placement } from './highlights-repo.ts';

export function carryHighlights(db: Db, fromEntryId: number, toEntryId: number): CarryResult {
  if (fromEntryId === toEntryId) throw new QuireError('invalid-input', 'An entry’s highlights can only be carried to another entry.');
  const repo = new HighlightsRepo(db);
  repo.entryText(fromEntryId);
  const target = repo.entryText(toEntryId);
  const result: CarryResult = { position: 0, fuzzy: 0, orphaned: 0, highlights: [] };
  recordChange(db, 'Carry highlights to another version', () => {
    const codesOf = db.prepare('SELECT hc.code_id AS id FROM highlight_codes hc JOIN codes c ON c.id = hc.code_id WHERE hc.highlight_id = ? AND c.deleted_at IS NULL');
    for (const h of repo.forEntry(fromEntryId)) {
      const at = reanchor(h, target.text);
      // An orphan keeps the quote and text hash it was made on, so it can still be read and re-placed.
      const placed = at.state === 'orphaned' ? { ...h, entryId: target.id, entryGuid: target.guid, start: at.start, end: at.end } : placement(target, at.start, at.end);
      const id = repo.insert({
        entryId: placed.entryId,
        entryGuid: placed.entryGuid,
        start: placed.start,
        end: placed.end,
        exact: placed.exact,
        prefix: placed.prefix,
        suffix: placed.suffix,
        textHash: placed.textHash,
        anchor: at.state,
        note: h.note,
      });
      repo.link(id, (codesOf.all(h.id) as { id: number }[]).map((c) => c.id));
      result[at.state]++;
      result.highlights.push(repo.get(id));
    }
  });
  return result;
}
