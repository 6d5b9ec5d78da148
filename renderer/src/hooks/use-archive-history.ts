// Undo and redo of the archive's own history (highlights, codes, tags, notes, collections, trash):
// Cmd/Ctrl+Z undoes, Shift+Cmd/Ctrl+Z or Ctrl+Y redoes, outside text fields. The history lives in
// the archive, so it survives a reload. While a deletion toast offers its own Undo (saved
// searches, alias groups), Cmd/Ctrl+Z stays with the toast.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Connection } from '../archive-client.ts';
import { errorMessage } from '../lib/errors.ts';
import { isEditable } from './use-keyboard.ts';

export const HISTORY_STATUS_MS = 6000;

export interface HistoryStatus {
  key: number;
  message: string;
  /** What the status button does next: redo after an undo, undo after a redo. */
  next: 'undo' | 'redo' | null;
}

export interface ArchiveHistory {
  status: HistoryStatus | null;
  run(kind: 'undo' | 'redo'): void;
  dismiss(): void;
}

interface Options {
  /** A deletion toast is offering its own Undo. */
  toastOffered: boolean;
  onError(message: string): void;
  /** After a change was undone or redone (the lists refetch). */
  onChanged(): void;
}

export function useArchiveHistory(connection: Connection, options: Options): ArchiveHistory {
  const [status, setStatus] = useState<HistoryStatus | null>(null);
  const opts = useRef(options);
  opts.current = options;
  const counter = useRef(0);

  const run = useCallback(
    (kind: 'undo' | 'redo') => {
      (kind === 'undo' ? connection.api.undo() : connection.api.redo()).then(
        (r) => {
          counter.current += 1;
          const message = r.done ? `${kind === 'undo' ? 'Undone' : 'Redone'}: ${r.done}` : `Nothing to ${kind}`;
          const next = r.done ? (kind === 'undo' ? (r.redo ? 'redo' : null) : r.undo ? 'undo' : null) : null;
          setStatus({ key: counter.current, message, next });
          if (r.done) opts.current.onChanged();
        },
        (e: unknown) => opts.current.onError(`Could not ${kind}: ${errorMessage(e)}`),
      );
    },
    [connection],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || !(e.ctrlKey || e.metaKey)) return;
      const k = e.key.toLowerCase();
      const undo = k === 'z' && !e.shiftKey;
      const redo = (k === 'z' && e.shiftKey) || (k === 'y' && !e.shiftKey);
      if (!undo && !redo) return;
      // In a text field the keys undo typing, as everywhere else.
      if (isEditable(e.target instanceof Element ? e.target : null)) return;
      if (document.querySelector('[role="dialog"]')) return;
      if (undo && opts.current.toastOffered) return;
      e.preventDefault();
      run(undo ? 'undo' : 'redo');
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [run]);

  useEffect(() => {
    if (!status) return;
    const t = setTimeout(() => setStatus(null), HISTORY_STATUS_MS);
    return () => clearTimeout(t);
  }, [status]);

  return { status, run, dismiss: useCallback(() => setStatus(null), []) };
}
