// "Move to…" and "Merge into…": picks another code (or, for a move, the top level). A code cannot
// go inside itself or its own sub-codes; the core refuses that too, and its message is shown.
import { useState } from 'react';
import type { Code } from '../../../shared/contract.ts';
import { descendantIds, type CodeTree } from '../lib/code-tree.ts';
import { errorMessage } from '../lib/errors.ts';
import { Dialog } from './dialog.tsx';

interface Props {
  kind: 'move' | 'merge';
  code: Code;
  tree: CodeTree;
  /** The chosen code's id (null: the top level). */
  onPick(target: number | null): Promise<void>;
  onClose(): void;
}

const TOP = 'top';

export function CodePickDialog({ kind, code, tree, onPick, onClose }: Props) {
  const inside = descendantIds(tree, code.id);
  const targets = [...tree.byId.values()].filter((c) => c.id !== code.id && !inside.has(c.id) && !(kind === 'move' && c.id === code.parentId));
  const [value, setValue] = useState(kind === 'move' && code.parentId !== null ? TOP : '');
  const [error, setError] = useState<string | null>(null);
  const submit = () => {
    if (!value) return setError(kind === 'move' ? 'Choose where to move it.' : 'Choose the code to merge into.');
    onPick(value === TOP ? null : Number(value)).catch((e: unknown) => setError(errorMessage(e)));
  };
  return (
    <Dialog
      title={kind === 'move' ? `Move “${code.name}”` : `Merge “${code.name}”`}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="text-button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form="code-pick-form" className="primary-button">
            {kind === 'move' ? 'Move' : 'Merge'}
          </button>
        </>
      }
    >
      <form
        id="code-pick-form"
        className="stacked-form"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        {kind === 'merge' && <p className="muted">Its highlights and sub-codes go to the code chosen here, and “{code.name}” goes to the trash.</p>}
        <label>
          <span>{kind === 'move' ? 'Move under' : 'Merge into'}</span>
          <select value={value} onChange={(e) => setValue(e.target.value)} autoFocus>
            {kind === 'merge' || code.parentId === null ? <option value="">Choose a code…</option> : null}
            {kind === 'move' && code.parentId !== null && <option value={TOP}>The top level</option>}
            {targets.map((c) => (
              <option key={c.id} value={c.id}>
                {c.path}
              </option>
            ))}
          </select>
        </label>
        {error && (
          <p className="inline-error" role="alert">
            {error}
          </p>
        )}
      </form>
    </Dialog>
  );
}
