// A code's memo: what the code means and when to apply it (its description in REFI-QDA terms).
import { useState } from 'react';
import type { Code } from '../../../shared/contract.ts';
import { errorMessage } from '../lib/errors.ts';
import { Dialog } from './dialog.tsx';

interface Props {
  code: Code;
  onSave(description: string | null): Promise<void>;
  onClose(): void;
}

export function CodeMemoDialog({ code, onSave, onClose }: Props) {
  const [text, setText] = useState(code.description ?? '');
  const [error, setError] = useState<string | null>(null);
  const submit = () => {
    onSave(text.trim() ? text.trim() : null).catch((e: unknown) => setError(errorMessage(e)));
  };
  return (
    <Dialog
      title={`Memo for “${code.name}”`}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="text-button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form="code-memo-form" className="primary-button">
            Save
          </button>
        </>
      }
    >
      <form
        id="code-memo-form"
        className="stacked-form"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <label>
          <span>What this code means and when to apply it</span>
          <textarea
            rows={6}
            value={text}
            dir="auto"
            autoFocus
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.metaKey || e.ctrlKey)) {
                e.preventDefault();
                submit();
              }
            }}
          />
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
