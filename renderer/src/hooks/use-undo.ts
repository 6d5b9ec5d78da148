// One undoable action at a time: a toast offers Undo for a few seconds after a deletion, and
// Cmd/Ctrl+Z does the same while the toast is showing.
import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage } from '../lib/errors.ts';

export const UNDO_MS = 8000;

export interface UndoOffer {
  key: number;
  message: string;
}

export interface UndoControls {
  offer: UndoOffer | null;
  /** Shows the toast; undo() re-creates what was deleted. */
  offerUndo(message: string, undo: () => Promise<unknown>): void;
  undo(): void;
  dismiss(): void;
  /** While the pointer or focus is on the toast its clock stops (so it can be read and reached). */
  hold(held: boolean): void;
}

function isTextField(el: EventTarget | null): boolean {
  if (el instanceof HTMLTextAreaElement) return true;
  if (el instanceof HTMLInputElement) return !['checkbox', 'radio', 'button', 'submit', 'range'].includes(el.type);
  return el instanceof HTMLElement && el.isContentEditable;
}

export function useUndo(onError: (message: string) => void): UndoControls {
  const [offer, setOffer] = useState<UndoOffer | null>(null);
  const [held, setHeld] = useState(false);
  const action = useRef<(() => Promise<unknown>) | null>(null);
  const counter = useRef(0);
  const errorRef = useRef(onError);
  errorRef.current = onError;

  // The toast is gone or replaced, so no pointer or focus holds it any more.
  const dismiss = useCallback(() => {
    action.current = null;
    setOffer(null);
    setHeld(false);
  }, []);

  const offerUndo = useCallback((message: string, undo: () => Promise<unknown>) => {
    action.current = undo;
    counter.current += 1;
    setOffer({ key: counter.current, message });
    setHeld(false);
  }, []);

  const undo = useCallback(() => {
    const run = action.current;
    if (!run) return;
    action.current = null;
    setOffer(null);
    setHeld(false);
    run().catch((e: unknown) => errorRef.current(`Could not undo: ${errorMessage(e)}`));
  }, []);

  // The toast goes after UNDO_MS; a new offer, or letting go of the toast, restarts the clock.
  useEffect(() => {
    if (!offer || held) return;
    const t = setTimeout(dismiss, UNDO_MS);
    return () => clearTimeout(t);
  }, [offer, held, dismiss]);

  useEffect(() => {
    if (!offer) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.key.toLowerCase() !== 'z' || !(e.metaKey || e.ctrlKey) || e.shiftKey || e.altKey) return;
      // In a text field Cmd/Ctrl+Z undoes typing, as everywhere else.
      if (isTextField(e.target)) return;
      e.preventDefault();
      undo();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [offer, undo]);

  return { offer, offerUndo, undo, dismiss, hold: setHeld };
}
