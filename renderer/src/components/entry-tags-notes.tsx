// Tags and notes on the whole entry, under the reader's header: tag chips (Enter adds, × removes)
// and a list of notes (add, edit, delete).
import { useEffect, useRef, useState } from 'react';
import type { EntryNote } from '../../../shared/contract.ts';

interface Props {
  tags: string[];
  notes: EntryNote[];
  /** Settles true when the archive has the tags, false when it refused them. */
  onSetTags(tags: string[]): Promise<boolean>;
  onSaveNote(note: { id?: number; text: string }): void;
  onDeleteNote(id: number): void;
}

function NoteEditor({ initial, label, onSave, onCancel }: { initial: string; label: string; onSave(text: string): void; onCancel(): void }) {
  const [text, setText] = useState(initial);
  const save = () => (text.trim() ? onSave(text.trim()) : onCancel());
  return (
    <div className="entry-note-editor">
      <textarea
        aria-label={label}
        dir="auto"
        rows={3}
        value={text}
        autoFocus
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            save();
          } else if (e.key === 'Escape') {
            e.preventDefault();
            onCancel();
          }
        }}
      />
      <div className="entry-note-actions">
        <button type="button" className="text-button small" onClick={save}>
          Save
        </button>
        <button type="button" className="text-button small" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}

export function EntryTagsNotes({ tags, notes, onSetTags, onSaveNote, onDeleteNote }: Props) {
  const [tag, setTag] = useState('');
  const [editing, setEditing] = useState<number | 'new' | null>(null);
  // Each change sends the whole list, so a second tag typed before the first one's answer came
  // back must build on the first (it was lost). The list sent last shows until the archive's
  // answer for it arrives; a refusal puts back what the archive holds.
  const [sent, setSent] = useState<string[] | null>(null);
  const inFlight = useRef(0);
  const shown = sent ?? tags;
  useEffect(() => {
    if (inFlight.current === 0) setSent(null);
  }, [tags]);
  const setTags = (next: string[]) => {
    inFlight.current++;
    setSent(next);
    void onSetTags(next).then((ok) => {
      inFlight.current--;
      if (!ok) setSent(null);
    });
  };
  const addTag = () => {
    const t = tag.trim();
    if (!t) return;
    if (!shown.some((x) => x.toLowerCase() === t.toLowerCase())) setTags([...shown, t]);
    setTag('');
  };
  return (
    <section className="entry-annotations" aria-label="Tags and notes">
      <ul className="tag-chips" aria-label="Tags">
        {shown.map((t) => (
          <li key={t} className="tag-chip">
            <span dir="auto">{t}</span>
            <button type="button" className="tag-remove" aria-label={`Remove tag ${t}`} onClick={() => setTags(shown.filter((x) => x !== t))}>
              ×
            </button>
          </li>
        ))}
        <li>
          <input
            className="tag-input"
            aria-label="Add a tag"
            placeholder="Add tag…"
            dir="auto"
            value={tag}
            onChange={(e) => setTag(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                addTag();
              } else if (e.key === 'Escape' && tag) {
                e.preventDefault();
                setTag('');
              }
            }}
          />
        </li>
      </ul>
      {notes.length > 0 && (
        <ul className="entry-notes" aria-label="Notes">
          {notes.map((n) => (
            <li key={n.id} className="entry-note">
              {editing === n.id ? (
                <NoteEditor
                  initial={n.text}
                  label="Edit note"
                  onSave={(text) => {
                    onSaveNote({ id: n.id, text });
                    setEditing(null);
                  }}
                  onCancel={() => setEditing(null)}
                />
              ) : (
                <>
                  <p dir="auto">{n.text}</p>
                  <div className="entry-note-actions">
                    <button type="button" className="text-button small" onClick={() => setEditing(n.id)}>
                      Edit
                    </button>
                    <button type="button" className="text-button small danger" onClick={() => onDeleteNote(n.id)}>
                      Delete
                    </button>
                  </div>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {editing === 'new' ? (
        <NoteEditor
          initial=""
          label="New note"
          onSave={(text) => {
            onSaveNote({ text });
            setEditing(null);
          }}
          onCancel={() => setEditing(null)}
        />
      ) : (
        <button type="button" className="text-button small" onClick={() => setEditing('new')}>
          Add note
        </button>
      )}
    </section>
  );
}
