// Deleting a code says what hangs under it (sub-codes, highlights, and how many of those would be
// left with no code) and asks what happens to them: move up, merge into another code, or delete.
import { useEffect, useState } from 'react';
import type { Code, CodeDeleteMode, CodeImpact } from '../../../shared/contract.ts';
import type { Connection } from '../archive-client.ts';
import { descendantIds, type CodeTree } from '../lib/code-tree.ts';
import { errorMessage } from '../lib/errors.ts';
import { plural } from '../lib/format.ts';
import { Dialog } from './dialog.tsx';

interface Props {
  connection: Connection;
  code: Code;
  tree: CodeTree;
  onDone(message: string): void;
  onClose(): void;
}

export function CodeDeleteDialog({ connection, code, tree, onDone, onClose }: Props) {
  const [impact, setImpact] = useState<CodeImpact | null>(null);
  const [mode, setMode] = useState<CodeDeleteMode>('move-up');
  const [into, setInto] = useState<string>('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    connection.api.codeImpact({ id: code.id }).then(setImpact, (e: unknown) => setError(errorMessage(e)));
  }, [connection, code.id]);

  const inside = descendantIds(tree, code.id);
  const targets = [...tree.byId.values()].filter((c) => c.id !== code.id && !inside.has(c.id));
  const parent = code.parentId === null ? null : tree.byId.get(code.parentId);
  const bare = impact !== null && impact.descendants === 0 && impact.highlights === 0;

  const submit = async () => {
    const chosen: CodeDeleteMode = bare ? 'delete' : mode;
    if (chosen === 'merge' && !into) return setError('Choose the code to merge into.');
    setBusy(true);
    setError(null);
    try {
      await connection.api.deleteCode(chosen === 'merge' ? { id: code.id, mode: chosen, into: Number(into) } : { id: code.id, mode: chosen });
      const target = chosen === 'merge' ? tree.byId.get(Number(into)) : undefined;
      onDone(target ? `Merged “${code.name}” into “${target.name}”.` : `Deleted “${code.name}”.`);
    } catch (e) {
      setBusy(false);
      setError(errorMessage(e));
    }
  };

  return (
    <Dialog
      title={`Delete code “${code.name}”`}
      onClose={onClose}
      className="code-delete-dialog"
      footer={
        <>
          <button type="button" className="text-button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form="code-delete-form" className="primary-button danger" disabled={busy || impact === null}>
            {mode === 'merge' && !bare ? 'Merge and delete' : 'Delete'}
          </button>
        </>
      }
    >
      <form
        id="code-delete-form"
        className="stacked-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        {impact === null && !error && <p className="muted">Counting what this code holds…</p>}
        {impact !== null && (
          <p className="code-impact" data-testid="code-impact">
            {bare
              ? 'No highlights carry this code and it has no sub-codes.'
              : `“${code.name}” has ${plural(impact.descendants, 'sub-code')} and ${plural(impact.highlights, 'highlight')}` +
                (impact.highlights > 0 ? ` (${impact.highlightsOnlyThese.toLocaleString('en-US')} of them ${impact.highlightsOnlyThese === 1 ? 'carries' : 'carry'} no other code).` : '.')}
          </p>
        )}
        {impact !== null && !bare && (
          <fieldset className="delete-modes">
            <legend>What happens to them?</legend>
            <label className="delete-mode">
              <input type="radio" name="mode" checked={mode === 'move-up'} onChange={() => setMode('move-up')} />
              <span>
                <strong>Move up.</strong> Sub-codes move to {parent ? `“${parent.name}”` : 'the top level'}; highlights keep their other codes and lose just this one.
              </span>
            </label>
            <label className="delete-mode">
              <input type="radio" name="mode" checked={mode === 'merge'} onChange={() => setMode('merge')} disabled={targets.length === 0} />
              <span>
                <strong>Merge into another code.</strong> Its sub-codes and highlights go to the code chosen here.
              </span>
            </label>
            {mode === 'merge' && (
              <label className="delete-into">
                <span>Merge into</span>
                <select value={into} onChange={(e) => setInto(e.target.value)} autoFocus>
                  <option value="">Choose a code…</option>
                  {targets.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.path}
                    </option>
                  ))}
                </select>
              </label>
            )}
            <label className="delete-mode">
              <input type="radio" name="mode" checked={mode === 'delete'} onChange={() => setMode('delete')} />
              <span>
                <strong>Delete everything.</strong> {impact.descendants > 0 ? `The ${plural(impact.descendants, 'sub-code')} go too` : 'The code goes'}
                {impact.highlightsOnlyThese > 0
                  ? `, and ${plural(impact.highlightsOnlyThese, 'highlight')} left with no code ${impact.highlightsOnlyThese === 1 ? 'goes' : 'go'} to the trash.`
                  : '; no highlight is left without a code.'}
              </span>
            </label>
          </fieldset>
        )}
        <p className="muted small-note">{navigator.platform.includes('Mac') ? '⌘Z' : 'Ctrl+Z'} undoes it.</p>
        {error && (
          <p className="inline-error" role="alert">
            {error}
          </p>
        )}
      </form>
    </Dialog>
  );
}
