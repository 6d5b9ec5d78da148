// The log of an archive open in the app is copied into the archive file by a thread of its own
// (wal-checkpointer.ts), not by the writer's commits: what was imported reaches the .quire file
// while the app runs (a backup tool copying it sees it), and the writer never stops to sync.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ArchiveHost } from '../../../electron/core/worker/archive-host.ts';
import { runCheckpoints } from '../../../electron/core/worker/wal-checkpointer.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

/** One dump of `count` dated entries, about 2 KB each. */
function writeDump(file: string, count: number): void {
  let seed = 5;
  const word = () => `w${Math.floor(((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31) * 5_000)}`;
  const entries = Array.from({ length: count }, (_, i) => `Entry ${i}\n2024-03-${String((i % 28) + 1).padStart(2, '0')}\n\n${Array.from({ length: 300 }, word).join(' ')}.`);
  fs.writeFileSync(file, entries.join('\n\n----------\n\n'));
}

/**
 * How far the log's frames have been copied into the archive file, from the shared-memory index
 * SQLite keeps beside it (wal.c: the header's mxFrame at byte 16, the checkpoint's nBackfill at 96).
 */
function logState(file: string): { frames: number; backfilled: number } {
  const shm = fs.readFileSync(`${file}-shm`);
  return { frames: shm.readUInt32LE(16), backfilled: shm.readUInt32LE(96) };
}

async function until(check: () => boolean, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 50))) if (check()) return true;
  return check();
}

describe('checkpoints in a thread of their own', () => {
  const dir = tempDir();

  it('bring an import into the archive file while the app still has it open', async () => {
    const file = path.join(dir, 'open.quire');
    const dump = path.join(dir, 'dump.txt');
    writeDump(dump, 400);
    const host = await ArchiveHost.open(file);
    try {
      const result = await host.invoke('importFiles', { paths: [dump] });
      expect(result).toMatchObject({ ok: true, value: { files: [{ status: 'imported' }] } });
      // The import logged megabytes, under the writer's own (fallback) checkpoint size: only the
      // thread copies them. The writer is idle now: wait until every frame is in the file.
      expect(fs.statSync(`${file}-wal`).size).toBeGreaterThan(1024 * 1024);
      expect(await until(() => {
        const log = logState(file);
        return log.frames > 0 && log.backfilled === log.frames;
      }, 10_000)).toBe(true);
      // What a copy of the file alone holds, with the app still running.
      const copy = path.join(dir, 'copy.quire');
      fs.copyFileSync(file, copy);
      const read = new Database(copy, { readonly: true });
      try {
        expect(read.prepare('SELECT count(*) AS n FROM entries').get()).toEqual({ n: 400 });
      } finally {
        read.close();
      }
    } finally {
      await host.close();
    }
    // Closed: the log is folded in and gone, the archive back to a rollback journal.
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
  });

  it('leave a log alone until it is written to and big enough', async () => {
    const file = path.join(dir, 'small.quire');
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('wal_autocheckpoint = 0');
    db.exec('CREATE TABLE t (x TEXT)');
    const checkpoints = runCheckpoints(file, { everyMs: 20, atBytes: 64 * 1024 });
    try {
      const mainSize = () => fs.statSync(file).size;
      db.prepare('INSERT INTO t VALUES (?)').run('a small row');
      const small = mainSize();
      expect(await until(() => mainSize() > small, 300)).toBe(false);
      db.prepare('INSERT INTO t VALUES (?)').run('x'.repeat(200_000));
      expect(await until(() => mainSize() > small + 150_000, 5_000)).toBe(true);
    } finally {
      checkpoints.stop();
      db.close();
    }
  });
});
