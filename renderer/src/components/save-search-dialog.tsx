// Names the current search so it can be reopened from the sidebar.
import { useState } from 'react';
import { Dialog } from './dialog.tsx';

interface Props {
  query: string;
  onSave(name: string): Promise<void>;
  onClose(): void;
}

export function SaveSearchDialog({ query, onSave, onClose }: Props) {
  const [name, setName] = useState(query.slice(0, 60));
  const [error, setError] = useState<string | null>(null);
  const submit = () => {
    if (!name.trim()) return setError('Give the search a name.');
    onSave(name.trim()).catch((e: unknown) => setError(e instanceof Error ? e.message : 'Could not save the search.'));
  };
  return (
    <Dialog
      title="Save search"
      onClose={onClose}
      footer={
        <>
          <button type="button" className="text-button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form="save-search-form" className="primary-button">
            Save
          </button>
        </>
      }
    >
      <form
        id="save-search-form"
        className="stacked-form"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <label>
          <span>Name</span>
          <input value={name} onChange={(e) => setName(e.target.value)} autoFocus dir="auto" />
        </label>
        <p className="muted query-preview">
          Query: <code dir="auto">{query}</code>
        </p>
        {error && (
          <p className="inline-error" role="alert">
            {error}
          </p>
        )}
      </form>
    </Dialog>
  );
}
