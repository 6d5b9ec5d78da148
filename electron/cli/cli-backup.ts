// `quire backup`, `quire backups`, `quire restore`: the same backups the app makes, from a script.
import path from 'node:path';
import type { BackupInfo } from '../../shared/contract.ts';
import { ArchiveHost } from '../core/worker/archive-host.ts';
import { UsageError, withArchive, type CliContext } from './cli-common.ts';
import { upgradeReporter } from './cli-upgrade.ts';

const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;
const line = (b: BackupInfo) => `${b.createdAt.replace('T', ' ').slice(0, 19)}  ${b.reason.padEnd(16)}  ${mb(b.size).padStart(10)}  ${b.path}`;

/** quire backup [--out FILE]: a consistent copy, into the backups folder unless --out says where. */
export async function backupCommand(ctx: CliContext): Promise<number> {
  // --out is parsed once for export and backup (cli-export-options.ts declares it).
  const out = (ctx.options as { out?: string }).out;
  const made = await withArchive(ctx.archivePath, (call) => call('backupArchive', out ? { path: path.resolve(out) } : {}));
  if (!made) throw new Error('The backup was not made.');
  ctx.io.out(ctx.options.json ? JSON.stringify(made) : `Backed up ${ctx.archivePath}\nto ${made.path} (${mb(made.size)}).`);
  return 0;
}

/** quire backups: the archive's backups, newest first. */
export async function listBackupsCommand(ctx: CliContext): Promise<number> {
  const list = await withArchive(ctx.archivePath, (call) => call('listBackups', undefined));
  if (ctx.options.json) ctx.io.out(JSON.stringify(list));
  else ctx.io.out(list.length === 0 ? `No backups of ${ctx.archivePath} yet. Make one with: quire backup` : list.map(line).join('\n'));
  return 0;
}

/** quire restore FILE: puts a backup in the archive's place; what it replaces is kept as a backup. */
export async function restoreCommand(ctx: CliContext): Promise<number> {
  const [file] = ctx.args;
  if (!file) throw new UsageError('restore needs the backup file to restore, e.g. quire restore ~/Library.quire.backups/…quire (see quire backups)');
  // A backup an older Quire made is upgraded as the archive reopens: say so, step by step.
  const report = upgradeReporter(ctx.io);
  const host = await ArchiveHost.open(ctx.archivePath, { onEvent: (e) => e.type === 'upgrade-progress' && report(e.progress) });
  try {
    const result = await host.invoke('restoreBackup', { path: path.resolve(file) });
    if (!result.ok) {
      ctx.io.err(`quire: ${result.error.message}`);
      return 1;
    }
    const { previous } = result.value as { previous: string | null };
    if (ctx.options.json) ctx.io.out(JSON.stringify(result.value));
    else ctx.io.out(`Restored ${ctx.archivePath} from ${path.resolve(file)}.${previous ? `\nWhat it replaced is kept as ${previous} (quire restore that file to go back).` : ''}`);
    return 0;
  } finally {
    await host.close();
  }
}
