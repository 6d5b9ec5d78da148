// Collections in the sidebar: named sets of entries (and highlights). Opening one lists its entries
// like a search; rename in place; delete goes to the trash and Undo (or Ctrl/Cmd+Z) brings it back.
import { useRef, useState } from 'react';
import type { CollectionSummary } from '../../../shared/contract.ts';
import type { Connection } from '../archive-client.ts';
import { useAsyncValue } from '../hooks/use-async-value.ts';
import { errorMessage } from '../lib/errors.ts';
import { ExportDialog } from './export-dialog.tsx';

interface Props {
  connection: Connection;
  annotationVersion: number;
  /** Names of the collections the list is filtered by. */
  activeNames: readonly string[];
  onOpen(name: string): void;
  /** After a change made here, so the list reloads at once. */
  onChanged(): void;
}

function NameField({ initial, label, onDone }: { initial: string; label: string; onDone(name: string | null): void }) {
  const [name, setName] = useState(initial);
  const done = useRef(false);
  const finish = (value: string | null) => {
    if (done.current) return;
    done.current = true;
    onDone(value);
  };
  return (
    <input
      className="collection-name-field"
      aria-label={label}
      value={name}
      dir="auto"
      autoFocus
      onFocus={(e) => e.target.select()}
      onChange={(e) => setName(e.target.value)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          e.preventDefault();
          finish(name.trim() || null);
        } else if (e.key === 'Escape') {
          e.preventDefault();
          e.stopPropagation();
          finish(null);
        }
      }}
      onBlur={() => finish(name.trim() || null)}
    />
  );
}

export function CollectionList({ connection, annotationVersion, activeNames, onOpen, onChanged }: Props) {
  const list = useAsyncValue(`collections#${annotationVersion}`, () => connection.api.listCollections());
  const [renaming, setRenaming] = useState<number | null>(null);
  const [adding, setAdding] = useState(false);
  const [exporting, setExporting] = useState<number | null>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean; undo?: boolean } | null>(null);
  const collections = list.value ?? [];
  const active = new Set(activeNames);

  const fail = (e: unknown) => setMessage({ text: errorMessage(e), error: true });
  const create = (name: string | null) => {
    setAdding(false);
    if (name) connection.api.saveCollection({ name }).then(() => (onChanged(), setMessage(null)), fail);
  };
  const rename = (c: CollectionSummary, name: string | null) => {
    setRenaming(null);
    if (!name || name === c.name) return;
    connection.api.saveCollection({ id: c.id, name, description: c.description }).then(() => {
      onChanged();
      setMessage(null);
      // The list is filtered by name: follow the rename.
      if (active.has(c.name)) onOpen(name);
    }, fail);
  };
  const remove = (c: CollectionSummary) => {
    connection.api.deleteCollection({ id: c.id }).then(() => (onChanged(), setMessage({ text: `Deleted collection “${c.name}”.`, error: false, undo: true })), fail);
  };
  const undo = () => {
    connection.api.undo().then(() => (onChanged(), setMessage(null)), fail);
  };

  return (
    <div className="collections">
      {list.error && <p className="sidebar-note inline-error">{list.error}</p>}
      {collections.length === 0 && !list.error && !adding && (
        <p className="sidebar-note">Collect entries for a chapter or a theme: select results with Ctrl/⌘ or Shift and add them, or add a whole search.</p>
      )}
      <ul>
        {collections.map((c) =>
          renaming === c.id ? (
            <li key={c.id} className="sidebar-item-row">
              <NameField initial={c.name} label={`New name for collection ${c.name}`} onDone={(name) => rename(c, name)} />
            </li>
          ) : (
            <li key={c.id} className="sidebar-item-row collection-row">
              <button
                type="button"
                className="sidebar-item"
                aria-current={active.has(c.name)}
                onClick={() => onOpen(c.name)}
                onDoubleClick={() => setRenaming(c.id)}
                onKeyDown={(e) => {
                  if (e.key === 'F2') {
                    e.preventDefault();
                    setRenaming(c.id);
                  }
                }}
                title={c.description ?? undefined}
              >
                <span className="sidebar-item-label" dir="auto">
                  {c.name}
                </span>
                <span className="count">{c.entries.toLocaleString('en-US')}</span>
              </button>
              <button type="button" className="icon-button subtle" aria-label={`Rename collection ${c.name}`} onClick={() => setRenaming(c.id)}>
                ✎
              </button>
              <button type="button" className="icon-button subtle" aria-label={`Export collection ${c.name}`} title="Export…" onClick={() => setExporting(c.id)}>
                ⇩
              </button>
              <button type="button" className="icon-button subtle" aria-label={`Delete collection ${c.name}`} onClick={() => remove(c)}>
                ×
              </button>
            </li>
          ),
        )}
        {adding && (
          <li className="sidebar-item-row">
            <NameField initial="" label="Name of the new collection" onDone={create} />
          </li>
        )}
      </ul>
      {message && (
        <p className={message.error ? 'sidebar-note inline-error' : 'sidebar-note'} role={message.error ? 'alert' : 'status'}>
          {message.text}
          {message.undo && (
            <button type="button" className="text-button small" onClick={undo}>
              Undo
            </button>
          )}
        </p>
      )}
      <div className="sidebar-actions">
        <button type="button" className="text-button small" onClick={() => (setMessage(null), setAdding(true))} disabled={adding}>
          New collection
        </button>
      </div>
      {exporting !== null && <ExportDialog connection={connection} initial="collection" collectionId={exporting} onClose={() => setExporting(null)} />}
    </div>
  );
}
