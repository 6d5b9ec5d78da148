// The alias group editor: groups of names that mean the same thing, searched as one.
import { useRef, useState } from 'react';
import type { AliasGroup } from '../../../shared/contract.ts';
import type { Connection } from '../archive-client.ts';
import { errorMessage } from '../lib/errors.ts';
import { AliasGroupForm } from './alias-group-form.tsx';

interface Props {
  connection: Connection;
  groups: AliasGroup[];
  error: string | null;
  onChanged(): void;
  /** After a group is deleted, so it can be offered back (Undo). */
  onDeleted(group: AliasGroup): void;
}

function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function AliasGroupList({ connection, groups, error, onChanged, onDeleted }: Props) {
  const [editing, setEditing] = useState<AliasGroup | 'new' | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  const save = async (name: string, variants: string[]) => {
    const id = editing && editing !== 'new' ? editing.id : undefined;
    await connection.api.saveAliasGroup(id === undefined ? { name, variants } : { id, name, variants });
    setEditing(null);
    setMessage(null);
    onChanged();
  };
  const remove = (g: AliasGroup) => {
    connection.api.deleteAliasGroup({ id: g.id }).then(
      () => {
        onChanged();
        onDeleted(g);
      },
      (e: unknown) => setMessage(errorMessage(e)),
    );
  };
  const importFile = async (file: File | undefined) => {
    if (!file) return;
    try {
      const r = await connection.api.importAliasGroups({ text: await file.text() });
      const skipped = r.skipped.map((x) => `line ${x.line}: ${x.reason}`);
      setMessage(
        `Imported ${r.groups} ${r.groups === 1 ? 'group' : 'groups'}.` +
          (skipped.length > 0 ? ` Skipped ${skipped.length} ${skipped.length === 1 ? 'line' : 'lines'}: ${skipped.slice(0, 5).join('; ')}${skipped.length > 5 ? '; …' : ''}` : ''),
      );
      onChanged();
    } catch (e) {
      setMessage(errorMessage(e));
    }
  };
  const exportAll = () => {
    connection.api.exportAliasGroups().then((r) => download('quire-alias-groups.txt', r.text), (e: unknown) => setMessage(errorMessage(e)));
  };

  return (
    <div className="alias-groups">
      {error && <p className="sidebar-note">{error}</p>}
      {groups.length === 0 && !error && editing === null && <p className="sidebar-note">Group names that mean the same thing (acronyms, other scripts, old names) so one search finds them all.</p>}
      <ul>
        {groups.map((g) =>
          editing !== 'new' && editing?.id === g.id ? (
            <li key={g.id}>
              <AliasGroupForm group={g} onSave={save} onCancel={() => setEditing(null)} />
            </li>
          ) : (
            <li key={g.id} className="sidebar-item-row alias-group">
              <button type="button" className="sidebar-item" onClick={() => setEditing(g)} aria-label={`Edit alias group ${g.name}`}>
                <span className="sidebar-item-label" dir="auto">
                  {g.name}
                </span>
                <span className="alias-variants" dir="auto">
                  {g.variants.join(' · ')}
                </span>
              </button>
              <button type="button" className="icon-button subtle" aria-label={`Delete alias group ${g.name}`} onClick={() => remove(g)}>
                ×
              </button>
            </li>
          ),
        )}
      </ul>
      {editing === 'new' && <AliasGroupForm group={null} onSave={save} onCancel={() => setEditing(null)} />}
      {message && (
        <p className="sidebar-note" role="status">
          {message}
        </p>
      )}
      <div className="sidebar-actions">
        <button type="button" className="text-button small" onClick={() => setEditing('new')} disabled={editing !== null}>
          Add group
        </button>
        <button type="button" className="text-button small" onClick={() => fileInput.current?.click()}>
          Import…
        </button>
        <button type="button" className="text-button small" onClick={exportAll} disabled={groups.length === 0}>
          Export…
        </button>
        <input ref={fileInput} type="file" accept=".txt,text/plain" hidden aria-label="Import alias groups file" onChange={(e) => void importFile(e.target.files?.[0]).then(() => (e.target.value = ''))} />
      </div>
    </div>
  );
}
