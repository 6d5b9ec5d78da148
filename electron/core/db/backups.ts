// Backups: consistent copies of an archive, made while it is in use (SQLite's online backup API,
// or VACUUM INTO before a migration, when nothing else has the file open yet), kept in a folder
// beside the archive ("Library.quire.backups/"), the newest N of each kind.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import type { BackupInfo, BackupReason } from '../../../shared/contract.ts';
import { QuireError } from '../../../shared/errors.ts';
import type { Db } from './open-archive.ts';

/** How many automatic backups of each kind are kept (QUIRE_BACKUPS_KEEP overrides). */
export function backupsToKeep(): number {
  const n = Number(process.env['QUIRE_BACKUPS_KEEP'] ?? 5);
  return Number.isInteger(n) && n >= 1 ? n : 5;
}

/** An automatic backup is due when the newest daily one is older than this. */
export const DAILY_MS = 24 * 60 * 60 * 1000;

export function backupsDir(archivePath: string): string {
  return `${path.resolve(archivePath)}.backups`;
}

const NAME = /^(.*)-(\d{8}T\d{6}(?:\d{3})?Z)-(manual|daily|before-migration|before-restore)(?:-v(\d+))?\.quire$/;

function stamp(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.(\d{3})Z$/, '$1Z');
}

/** Where the next automatic backup of this kind goes. */
export function backupPath(archivePath: string, reason: BackupReason, schemaVersion?: number, now = new Date()): string {
  const base = path.basename(archivePath).replace(/\.quire$/i, '');
  const suffix = reason === 'before-migration' && schemaVersion !== undefined ? `-v${schemaVersion}` : '';
  return path.join(backupsDir(archivePath), `${base}-${stamp(now)}-${reason}${suffix}.quire`);
}

/** The archive's backups, newest first. */
export function listBackups(archivePath: string): BackupInfo[] {
  const dir = backupsDir(archivePath);
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const out: BackupInfo[] = [];
  for (const name of names) {
    const m = NAME.exec(name);
    if (!m) continue;
    const file = path.join(dir, name);
    const st = fs.statSync(file, { throwIfNoEntry: false });
    if (!st?.isFile()) continue;
    const t = m[2]!;
    const iso = `${t.slice(0, 4)}-${t.slice(4, 6)}-${t.slice(6, 8)}T${t.slice(9, 11)}:${t.slice(11, 13)}:${t.slice(13, 15)}.${t.length > 16 ? t.slice(15, 18) : '000'}Z`;
    out.push({ path: file, name, createdAt: iso, reason: m[3] as BackupReason, size: st.size, ...(m[4] ? { schemaVersion: Number(m[4]) } : {}) });
  }
  return out.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
}

/** Deletes all but the newest `keep` backups of one kind (manual ones are the user's to delete). */
export function pruneBackups(archivePath: string, reason: BackupReason, keep = backupsToKeep()): void {
  if (reason === 'manual') return;
  for (const old of listBackups(archivePath).filter((b) => b.reason === reason).slice(keep)) fs.rmSync(old.path, { force: true });
}

/**
 * Copies the archive as it is now, consistently, while other connections keep reading and
 * writing: SQLite's online backup API, a few pages at a time. Written to a temporary name and
 * renamed, so a half-made backup never looks like a whole one.
 */
export async function backupArchive(db: Db, dest: string): Promise<number> {
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  const tmp = `${dest}.partial`;
  fs.rmSync(tmp, { force: true });
  try {
    await db.backup(tmp);
    fs.renameSync(tmp, dest);
  } catch (error) {
    fs.rmSync(tmp, { force: true });
    throw new QuireError('internal', `The backup could not be written to ${dest} (${describe(error)}). Check the disk has room and the folder can be written.`);
  }
  return fs.statSync(dest).size;
}

/** A backup made synchronously on the connection about to migrate (nothing else has it open). */
export function backupBeforeMigration(db: Db, archivePath: string, fromVersion: number): string {
  const dest = backupPath(archivePath, 'before-migration', fromVersion);
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  const tmp = `${dest}.partial`;
  fs.rmSync(tmp, { force: true });
  try {
    db.prepare('VACUUM INTO ?').run(tmp);
    fs.renameSync(tmp, dest);
  } catch (error) {
    fs.rmSync(tmp, { force: true });
    throw new QuireError(
      'internal',
      `Quire makes a backup before upgrading an archive and could not write it to ${dest} (${describe(error)}). The archive was not changed; free some disk space and open it again.`,
    );
  }
  pruneBackups(archivePath, 'before-migration');
  return dest;
}

/** True when no daily backup is younger than a day. */
export function dailyBackupDue(archivePath: string, now = Date.now()): boolean {
  const newest = listBackups(archivePath).find((b) => b.reason === 'daily' || b.reason === 'manual');
  return !newest || now - Date.parse(newest.createdAt) >= DAILY_MS;
}

/** Checks a file is a backup of this archive that can be restored: it exists and is a whole SQLite file. */
export function assertRestorable(archivePath: string, file: string): string {
  const resolved = path.resolve(file);
  const st = fs.statSync(resolved, { throwIfNoEntry: false });
  if (!st?.isFile()) throw new QuireError('not-found', `There is no backup at ${resolved}.`);
  const fd = fs.openSync(resolved, 'r');
  try {
    const head = Buffer.alloc(16);
    fs.readSync(fd, head, 0, 16, 0);
    if (head.toString('latin1') !== 'SQLite format 3\u0000') throw new QuireError('invalid-input', `${resolved} is not a Quire archive backup.`);
  } finally {
    fs.closeSync(fd);
  }
  if (resolved === path.resolve(archivePath)) throw new QuireError('invalid-input', 'That is the archive itself, not a backup of it.');
  return resolved;
}

/**
 * Puts a backup in the archive's place. The caller has closed every connection to the archive.
 * The archive as it was is kept first as a 'before-restore' backup, so a restore can be undone.
 */
export function restoreFile(archivePath: string, file: string): { previous: string | null } {
  const target = path.resolve(archivePath);
  const source = assertRestorable(archivePath, file);
  let previous: string | null = null;
  if (fs.existsSync(target)) {
    previous = backupPath(archivePath, 'before-restore');
    fs.mkdirSync(path.dirname(previous), { recursive: true });
    // VACUUM INTO from a fresh connection: a consistent copy that includes anything still in the WAL.
    const db = new Database(target, { fileMustExist: true });
    try {
      db.prepare('VACUUM INTO ?').run(previous);
    } finally {
      db.close();
    }
    pruneBackups(archivePath, 'before-restore');
  }
  const tmp = `${target}.restoring`;
  fs.copyFileSync(source, tmp);
  for (const suffix of ['-wal', '-shm']) fs.rmSync(`${target}${suffix}`, { force: true });
  fs.renameSync(tmp, target);
  return { previous };
}

function describe(error: unknown): string {
  const code = typeof error === 'object' && error && 'code' in error ? String((error as { code: unknown }).code) : '';
  if (code === 'ENOSPC' || /SQLITE_FULL/.test(code)) return 'the disk is full';
  if (code === 'EACCES' || code === 'EPERM' || /READONLY|CANTOPEN/.test(code)) return 'permission denied';
  return code || 'write error';
}
