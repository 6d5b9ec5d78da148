// The contract methods for codes, highlights and history, spread into Archive's handler map.
// getEntryAnnotations fills `highlights` here; tags, notes and collections come from their own
// module (the Archive merges them over these empty lists).
import type { ArchiveHandlers } from '../../../shared/contract.ts';
import type { Db } from '../db/open-archive.ts';
import { carryHighlights } from './carry-highlights.ts';
import { CodesRepo } from './codes-repo.ts';
import { HighlightsRepo } from './highlights-repo.ts';
import { historyState, redo, undo } from './history.ts';
import { listHighlights } from './list-highlights.ts';

export type AnnotationMethod =
  | 'listCodes'
  | 'saveCode'
  | 'codeImpact'
  | 'mergeCodes'
  | 'deleteCode'
  | 'createHighlight'
  | 'updateHighlight'
  | 'deleteHighlight'
  | 'getEntryAnnotations'
  | 'listHighlights'
  | 'carryHighlights'
  | 'history'
  | 'undo'
  | 'redo';

export function annotationHandlers(db: Db): Pick<ArchiveHandlers, AnnotationMethod> {
  const codes = new CodesRepo(db);
  const highlights = new HighlightsRepo(db);
  return {
    listCodes: () => codes.list(),
    saveCode: (req) => codes.save(req),
    codeImpact: (req) => codes.impact(req.id),
    mergeCodes: (req) => codes.merge(req.from, req.into),
    deleteCode: (req) => codes.delete(req.id, req.mode, req.into),
    createHighlight: (req) => highlights.create(req),
    updateHighlight: (req) => highlights.update(req),
    deleteHighlight: (req) => highlights.delete(req.id),
    getEntryAnnotations: (req) => {
      highlights.entryText(req.entryId); // not-found for an entry that is not there
      return { entryId: req.entryId, highlights: highlights.forEntry(req.entryId), tags: [], notes: [], collections: [] };
    },
    listHighlights: (req) => listHighlights(db, req),
    carryHighlights: (req) => carryHighlights(db, req.fromEntryId, req.toEntryId),
    history: () => historyState(db),
    undo: () => undo(db),
    redo: () => redo(db),
  };
}
