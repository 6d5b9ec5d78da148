// Add or edit one alias group: a name and its variants, one per line.
import { useState } from 'react';
import type { AliasGroup } from '../../../shared/contract.ts';

interface Props {
  group: AliasGroup | null;
  onSave(name: string, variants: string[]): Promise<void>;
  onCancel(): void;
}

export function AliasGroupForm({ group, onSave, onCancel }: Props) {
  const [name, setName] = useState(group?.name ?? '');
  const [variants, setVariants] = useState((group?.variants ?? []).join('\n'));
  const [error, setError] = useState<string | null>(null);
  const list = variants
    .split('\n')
    .map((v) => v.trim())
    .filter(Boolean);
  return (
    <form
      className="alias-form"
      aria-label={group ? `Edit ${group.name}` : 'New alias group'}
      onSubmit={(e) => {
        e.preventDefault();
        if (!name.trim()) return setError('Give the group a name.');
        if (list.length < 2) return setError('Add at least two variants, one per line.');
        onSave(name.trim(), list).catch((err: unknown) => setError(err instanceof Error ? err.message : 'Could not save the group.'));
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onCancel();
        }
      }}
    >
      <label>
        <span>Name</span>
        <input value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. Example Society" autoFocus dir="auto" />
      </label>
      <label>
        <span>Variants, one per line</span>
        <textarea value={variants} onChange={(e) => setVariants(e.target.value)} rows={4} placeholder={'Example Society\nES\nSoc. of Examples'} dir="auto" />
      </label>
      {error && (
        <p className="inline-error" role="alert">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="button" className="text-button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="primary-button">
          Save group
        </button>
      </div>
    </form>
  );
}
