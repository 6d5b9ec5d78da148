// The archive's backups: make one now, see the automatic ones (daily, before upgrades, before a
// restore), and restore any of them. A restore keeps what it replaces as a backup of its own.
import { useState } from 'react';
import type { BackupInfo } from '../../../shared/contract.ts';
import type { Connection } from '../archive-client.ts';
import { useAsyncValue } from '../hooks/use-async-value.ts';
import { errorMessage } from '../lib/errors.ts';
import { Dialog } from './dialog.tsx';

const REASONS: Record<BackupInfo['reason'], string> = {
  manual: 'Made by you',
  daily: 'Daily',
  'before-migration': 'Before an upgrade',
  'before-restore': 'Before a restore',
};

const size = (bytes: number) => (bytes < 1_048_576 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1_048_576).toFixed(1)} MB`);
const when = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

interface Props {
  connection: Connection;
  readOnly: string | null;
  onClose(): void;
  /** After a restore: everything the window shows is stale. */
  onRestored(): void;
}

export function BackupsDialog({ connection, readOnly, onClose, onRestored }: Props) {
  const [version, setVersion] = useState(0);
  const [busy, setBusy] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<BackupInfo | null>(null);
  const list = useAsyncValue(`backups#${version}`, () => connection.api.listBackups());

  const run = async (label: string, fn: () => Promise<string>) => {
    setBusy(label);
    setStatus(null);
    try {
      setStatus(await fn());
      setVersion((v) => v + 1);
    } catch (e) {
      setStatus(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  const backupNow = () =>
    run('backup', async () => {
      const made = await connection.api.backupArchive({});
      return made ? `Backed up (${size(made.size)}) to ${made.name}.` : 'Nothing to back up.';
    });

  const restore = (b: BackupInfo) =>
    run('restore', async () => {
      const r = await connection.api.restoreBackup({ path: b.path });
      setConfirming(null);
      onRestored();
      return `Restored the backup of ${when(r.restored.createdAt)}.${r.previous ? ' What it replaced is kept as a backup (“Before a restore”).' : ''}`;
    });

  return (
    <Dialog title="Backups" onClose={onClose} className="backups-dialog" footer={<button type="button" className="secondary-button" onClick={onClose}>Close</button>}>
      <p className="muted">
        Quire copies the archive once a day while it is open and before every upgrade, keeping the newest five of each. A copy is consistent even while you
        work.
      </p>
      <p>
        <button type="button" className="primary-button" onClick={() => void backupNow()} disabled={busy !== null}>
          {busy === 'backup' ? 'Backing up…' : 'Back up now'}
        </button>
      </p>
      {status && (
        <p role="status" className="backups-status">
          {status}
        </p>
      )}
      {list.error && <p className="inline-error">{list.error}</p>}
      {list.value && list.value.length === 0 && <p className="muted">No backups yet.</p>}
      {list.value && list.value.length > 0 && (
        <ul className="backups-list" aria-label="Backups, newest first">
          {list.value.map((b) => (
            <li key={b.path}>
              <span className="backups-when">{when(b.createdAt)}</span>
              <span className="backups-reason">
                {REASONS[b.reason]}
                {b.schemaVersion !== undefined ? ` (format ${b.schemaVersion})` : ''}
              </span>
              <span className="backups-size">{size(b.size)}</span>
              {confirming?.path === b.path ? (
                <span className="backups-confirm">
                  Replace the archive with this copy?{' '}
                  <button type="button" className="primary-button danger" onClick={() => void restore(b)} disabled={busy !== null}>
                    {busy === 'restore' ? 'Restoring…' : 'Restore'}
                  </button>{' '}
                  <button type="button" className="secondary-button" onClick={() => setConfirming(null)}>
                    Keep current
                  </button>
                </span>
              ) : (
                <button type="button" className="text-button small" onClick={() => setConfirming(b)} disabled={busy !== null} aria-label={`Restore the backup of ${when(b.createdAt)}`}>
                  Restore…
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {readOnly && <p className="muted">This archive is open read-only: {readOnly}</p>}
    </Dialog>
  );
}
