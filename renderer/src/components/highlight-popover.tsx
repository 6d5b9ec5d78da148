// A highlight's popover, opened by clicking it (or Enter on it): which highlight (when several
// overlap there), its codes (toggle; 1–9 too), its note (saved on blur or Ctrl/Cmd+Enter), delete.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Code, Highlight } from '../../../shared/contract.ts';
import { CodeSwatch } from './annotation-toolbar.tsx';

interface Props {
  highlight: Highlight;
  /** Every highlight covering the clicked place (more than one when they overlap). */
  choices: Highlight[];
  codes: Code[];
  top: number;
  left: number;
  focusNote: boolean;
  onPick(id: number): void;
  onToggleCode(codeId: number): void;
  onSaveNote(note: string | null): void;
  onDelete(): void;
  onClose(): void;
}

function short(text: string, max = 60): string {
  const chars = Array.from(text);
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text;
}

export function HighlightPopover({ highlight, choices, codes, top, left, focusNote, onPick, onToggleCode, onSaveNote, onDelete, onClose }: Props) {
  // Mounted once per highlight (keyed by id): the note typed here is saved on blur, on
  // Ctrl/Cmd+Enter, and when the popover goes away by any route (a click elsewhere, Esc, Done).
  const [note, setNote] = useState(highlight.note ?? '');
  const current = useRef(note);
  current.current = note;
  const saved = useRef(highlight.note ?? '');
  const save = useRef(onSaveNote);
  save.current = onSaveNote;
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const saveNote = useCallback(() => {
    const text = current.current.trim();
    if (text === saved.current.trim()) return;
    saved.current = text;
    save.current(text ? text : null);
  }, []);
  useEffect(() => saveNote, [saveNote]);
  useEffect(() => {
    if (focusNote) noteRef.current?.focus();
  }, [focusNote]);

  const has = new Set(highlight.codes.map((c) => c.id));

  return (
    <section
      className="hl-popover"
      aria-label="Highlight"
      style={{ top, left }}
      dir="ltr"
      data-testid="highlight-popover"
      data-highlight-id={highlight.id}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onClose();
        }
      }}
    >
      {choices.length > 1 && (
        <div className="hl-choices" role="group" aria-label="Highlights here">
          {choices.map((h, i) => (
            <button type="button" key={h.id} className="hl-choice" aria-pressed={h.id === highlight.id} onClick={() => onPick(h.id)} title={h.exact}>
              <CodeSwatch color={h.codes[0]?.color ?? 'var(--hl-default)'} />
              {i + 1}. <span dir="auto">{short(h.exact, 24)}</span>
            </button>
          ))}
        </div>
      )}
      <blockquote className="hl-quote" dir="auto">
        {short(highlight.exact, 140)}
      </blockquote>
      {highlight.anchor !== 'exact' && (
        <p className="hl-anchor muted">{highlight.anchor === 'orphaned' ? 'This passage was not found in the current text.' : 'Carried over from another version of this entry.'}</p>
      )}
      <div className="hl-codes" role="group" aria-label="Codes">
        {codes.length === 0 && <span className="muted">No codes yet: add some in the codebook.</span>}
        {codes.map((c, i) => (
          <button type="button" key={c.id} className="hl-code" aria-pressed={has.has(c.id)} title={c.path} onClick={() => onToggleCode(c.id)}>
            <CodeSwatch color={c.color} />
            <span dir="auto">{c.name}</span>
            {i < 9 && <kbd>{i + 1}</kbd>}
          </button>
        ))}
      </div>
      <label className="hl-note">
        <span>Note</span>
        <textarea
          ref={noteRef}
          dir="auto"
          rows={3}
          value={note}
          placeholder="Write a note…"
          onChange={(e) => setNote(e.target.value)}
          onBlur={saveNote}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              saveNote();
            }
          }}
        />
      </label>
      <div className="hl-actions">
        <button
          type="button"
          className="text-button small danger"
          onClick={() => {
            saved.current = current.current;
            onDelete();
          }}
        >
          Delete highlight
        </button>
        <button
          type="button"
          className="text-button small"
          onClick={onClose}
        >
          Done
        </button>
      </div>
    </section>
  );
}
