// An archive an older Quire wrote is upgraded as it opens, which takes minutes on a big one: a bar
// over the whole upgrade, which step of how many, what it is doing, and how long the backup took.
import { useState } from 'react';
import type { UpgradeProgress } from '../../../shared/contract.ts';
import type { Connection } from '../archive-client.ts';
import { useArchiveEvent } from '../hooks/use-archive-event.ts';

export function UpgradeProgressBar({ connection }: { connection: Connection }) {
  const [progress, setProgress] = useState<UpgradeProgress | null>(null);
  const [backupMs, setBackupMs] = useState<number | null>(null);
  useArchiveEvent(connection, (e) => {
    if (e.type !== 'upgrade-progress') return;
    const p = e.progress;
    if (p.phase === 'backup' && p.tookMs !== undefined) setBackupMs(p.tookMs);
    setProgress(p.phase === 'done' ? null : p);
  });
  if (!progress) return null;
  const m = progress.migration;
  const doing =
    progress.phase === 'backup'
      ? 'Backing up the archive first'
      : progress.phase === 'checks'
        ? `Checking the archive after migration ${m?.index} of ${m?.count}`
        : `Migration ${m?.index} of ${m?.count}: ${m?.name}${progress.fraction > 0 && progress.fraction < 1 ? ` (${Math.round(progress.fraction * 100)}%)` : ''}`;
  return (
    <div className="import-progress upgrade-progress" role="region" aria-label="Upgrade progress">
      <div className="import-progress-text">
        <strong>
          Upgrading the archive… step {progress.step} of {progress.steps}
        </strong>
        <span className="muted" data-testid="upgrade-detail">
          {doing}
          {backupMs !== null && progress.phase !== 'backup' ? ` · backup made in ${(backupMs / 1000).toFixed(1)}\u00a0s` : ''}
        </span>
      </div>
      <progress value={progress.step - 1 + progress.fraction} max={progress.steps} aria-label="Upgrade progress" />
    </div>
  );
}
