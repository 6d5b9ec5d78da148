// Picks the collection to add entries to: an existing one, or a new one named here.
import { useEffect, useState } from 'react';
import type { CollectionSummary } from '../../../shared/contract.ts';
import type { Connection } from '../archive-client.ts';
import { errorMessage } from '../lib/errors.ts';
import { plural } from '../lib/format.ts';
import { Dialog } from './dialog.tsx';

interface Props {
  connection: Connection;
  /** What is being added, for the title: "2 entries", "all 12 results". */
  what: string;
  /** Adds to the chosen collection and says how many entries went in. */
  onAdd(collection: CollectionSummary): Promise<number>;
  onDone(message: string): void;
  onClose(): void;
}

const NEW = 'new';

export function AddToCollectionDialog({ connection, what, onAdd, onDone, onClose }: Props) {
  const [collections, setCollections] = useState<CollectionSummary[] | null>(null);
  const [choice, setChoice] = useState<string>(NEW);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    connection.api.listCollections().then(
      (list) => {
        setCollections(list);
        if (list[0]) setChoice(String(list[0].id));
      },
      (e: unknown) => setError(errorMessage(e)),
    );
  }, [connection]);

  const submit = async () => {
    setError(null);
    let target = collections?.find((c) => String(c.id) === choice);
    if (choice === NEW) {
      if (!name.trim()) return setError('Give the new collection a name.');
      setBusy(true);
      try {
        target = await connection.api.saveCollection({ name: name.trim() });
      } catch (e) {
        setBusy(false);
        return setError(errorMessage(e));
      }
    }
    if (!target) return setError('Choose a collection.');
    setBusy(true);
    try {
      const added = await onAdd(target);
      onDone(`Added ${plural(added, 'entry', 'entries')} to “${target.name}”.`);
    } catch (e) {
      setError(errorMessage(e));
      setBusy(false);
    }
  };

  return (
    <Dialog
      title="Add to collection"
      onClose={onClose}
      className="collection-dialog"
      footer={
        <>
          <button type="button" className="text-button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form="add-to-collection-form" className="primary-button" disabled={busy}>
            Add
          </button>
        </>
      }
    >
      <form
        id="add-to-collection-form"
        className="stacked-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <p className="muted collection-dialog-what">Adding {what}.</p>
        <fieldset className="collection-choices">
          <legend className="visually-hidden">Collection</legend>
          {collections === null && !error && <p className="muted">Loading collections…</p>}
          {collections?.map((c) => (
            <label key={c.id} className="collection-choice">
              <input type="radio" name="collection" value={c.id} checked={choice === String(c.id)} onChange={() => setChoice(String(c.id))} />
              <span dir="auto" className="collection-choice-name">
                {c.name}
              </span>
              <span className="count">{plural(c.entries, 'entry', 'entries')}</span>
            </label>
          ))}
          <label className="collection-choice">
            <input type="radio" name="collection" value={NEW} checked={choice === NEW} onChange={() => setChoice(NEW)} />
            <span>New collection</span>
          </label>
        </fieldset>
        {choice === NEW && (
          <label>
            <span>Name of the new collection</span>
            <input value={name} onChange={(e) => setName(e.target.value)} autoFocus dir="auto" placeholder="e.g. Readings" />
          </label>
        )}
        {error && (
          <p className="inline-error" role="alert">
            {error}
          </p>
        )}
      </form>
    </Dialog>
  );
}
