// SQLite failures, classified so that each is handled on purpose with words a user understands.
import { QuireError } from '../../../shared/errors.ts';

export function classifySqliteError(error: unknown, archivePath: string): QuireError | null {
  if (error instanceof QuireError) return error;
  const code = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
  if (!code.startsWith('SQLITE_')) return null;
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new QuireError('archive-busy', `The archive ${archivePath} is busy in another program. Close it there and try again.`);
  }
  if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN') || code === 'SQLITE_PERM') {
    return new QuireError('archive-readonly', `Quire cannot write to ${archivePath}. Check that the file and its folder are writable.`);
  }
  if (code === 'SQLITE_NOTADB') {
    return new QuireError('archive-unreadable', `${archivePath} is not a Quire archive (it is not an SQLite database).`);
  }
  if (code.startsWith('SQLITE_CORRUPT')) {
    return new QuireError('archive-corrupt', `The archive ${archivePath} is damaged; Quire did not change it further. Restore a backup (File › Backups…, or quire backups and quire restore).`);
  }
  if (code === 'SQLITE_FULL' || code === 'SQLITE_IOERR_WRITE' && /no space|full/i.test(String((error as Error).message))) {
    return new QuireError('disk-full', `The disk holding ${archivePath} is full. Nothing was half-written: free some space and try again.`);
  }
  if (code.startsWith('SQLITE_IOERR')) {
    return new QuireError('archive-readonly', `Reading or writing ${archivePath} failed (a disk error). Nothing was half-written; check the disk and try again.`);
  }
  return null;
}

/** Runs fn and rethrows SQLite errors as classified QuireErrors. */
export function withSqliteErrors<T>(archivePath: string, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    throw classifySqliteError(error, archivePath) ?? error;
  }
}
