// An archive an older Quire wrote is upgraded before a command runs, its steps on stderr: one
// updating line on a terminal, a line per step otherwise (a log, a pipe), and at the end how long
// each step took, the backup first. Without this, opening a big old archive said nothing for an hour.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import type { UpgradeProgress } from '../../shared/contract.ts';
import { Archive } from '../core/archive.ts';
import { LATEST_SCHEMA_VERSION } from '../core/db/migrations/index.ts';
import type { CliContext, CliIo } from './cli-common.ts';

/** Opens and closes the archive once, upgrading it, when it exists and is older than this Quire. */
export function upgradeIfOlder(ctx: CliContext): void {
  const version = versionOf(ctx.archivePath);
  if (version === null || version === 0 || version >= LATEST_SCHEMA_VERSION) return;
  const report = upgradeReporter(ctx.io);
  try {
    new Archive(ctx.archivePath, { onUpgrade: report, log: () => {} }).close();
  } catch (error) {
    if (ctx.io.isTTY) process.stderr.write('\n'); // the step that failed stays on screen above the message
    throw error;
  }
}

/** The archive's format version, or null when there is no readable archive (the command says why). */
function versionOf(file: string): number | null {
  if (!fs.existsSync(file)) return null;
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      return db.pragma('user_version', { simple: true }) as number;
    } finally {
      db.close();
    }
  } catch {
    return null;
  }
}

export function describeStep(p: UpgradeProgress): string {
  const m = p.migration;
  const which = m ? `migration ${m.index} of ${m.count} (to format ${m.version}: ${m.name})` : '';
  const what = p.phase === 'backup' ? 'backing up the archive first' : p.phase === 'checks' ? `checking the archive after migration ${m?.index} of ${m?.count}` : which;
  return `Upgrading the archive: step ${p.step} of ${p.steps}, ${what}`;
}

export function upgradeReporter(io: CliIo): (p: UpgradeProgress) => void {
  const took: string[] = [];
  let started: number | null = null;
  return (p) => {
    started ??= performance.now();
    if (p.phase === 'done') {
      if (io.isTTY) process.stderr.write('\r\x1b[K');
      io.err(`Archive upgraded in ${seconds(performance.now() - (started ?? 0))} (${took.join(', ')}).`);
      return;
    }
    if (p.tookMs !== undefined) {
      const m = p.migration;
      took.push(`${p.phase === 'backup' ? 'backup' : p.phase === 'checks' ? `checks after migration ${m?.version}` : `migration ${m?.version}`} ${seconds(p.tookMs)}`);
      return;
    }
    if (io.isTTY) process.stderr.write(`\r\x1b[K${describeStep(p)}… ${Math.round(p.fraction * 100)}%`);
    else if (p.fraction === 0) io.err(`${describeStep(p)}…`);
  };
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
