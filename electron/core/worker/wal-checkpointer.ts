// Checkpoints the archive's write-ahead log from a thread of its own. SQLite's automatic
// checkpoint runs inside the writer's commit: every ~4 MB of log, the commit that crosses it also
// copies the log into the database file and syncs both to disk, tens of milliseconds during an
// import (each file's commit logs megabytes), which a highlight saved meanwhile waits for. A
// checkpoint needs no write lock: on another connection it runs beside the writer's commits
// (https://sqlite.org/wal.html#checkpointing), so the writer only appends to the log.
import fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import type { Db } from '../db/open-archive.ts';
import type { WorkerInit } from './worker-protocol.ts';

/** How often the thread looks at the log, and how big it lets it grow before a checkpoint. */
export const CHECKPOINT_EVERY_MS = 200;
export const CHECKPOINT_AT_BYTES = 1024 * 1024;

/**
 * The writer's commits checkpoint only past this many pages (256 MB at 4 KB pages): a safety net
 * should the thread stop, never reached while it runs.
 */
const WRITER_FALLBACK_PAGES = 65_536;

/** The writer's side: starts the thread (the archive worker script in the 'checkpointer' role). */
export class WalCheckpointer {
  private readonly worker: Worker;

  private constructor(worker: Worker) {
    this.worker = worker;
  }

  /** `file`: the archive worker script. Leaves the writer's own automatic checkpoints as a fallback only. */
  static start(file: URL, archivePath: string, writer: Db): WalCheckpointer | null {
    if (writer.pragma('journal_mode', { simple: true }) !== 'wal') return null;
    const init: WorkerInit = { archivePath, role: 'checkpointer', cancelFlags: new SharedArrayBuffer(4) };
    const worker = new Worker(file, { workerData: init });
    worker.unref();
    // If the thread cannot run, the writer checkpoints as it did before.
    worker.once('error', () => writer.open && writer.pragma('wal_autocheckpoint = 1000'));
    writer.pragma(`wal_autocheckpoint = ${WRITER_FALLBACK_PAGES}`);
    return new WalCheckpointer(worker);
  }

  /** Stops the thread and closes its connection (before the writer's last close switches the journal mode). */
  async close(): Promise<void> {
    await this.worker.terminate();
  }
}

/**
 * The thread's side: a connection that only checkpoints, PASSIVE (never waiting for the writer or
 * readers), when the log has been written since the last look and holds at least `atBytes`.
 */
export function runCheckpoints(archivePath: string, options: { everyMs?: number; atBytes?: number } = {}): { stop(): void } {
  const db = new Database(archivePath, { fileMustExist: true });
  const wal = `${archivePath}-wal`;
  const atBytes = options.atBytes ?? CHECKPOINT_AT_BYTES;
  let seen = -1;
  const look = () => {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(wal);
    } catch {
      return; // no log (yet, or any more)
    }
    if (stat.mtimeMs === seen || stat.size < atBytes) return;
    seen = stat.mtimeMs;
    try {
      db.pragma('wal_checkpoint(PASSIVE)');
    } catch {
      // busy or closing: the next look tries again
    }
  };
  const timer = setInterval(look, options.everyMs ?? CHECKPOINT_EVERY_MS);
  return {
    stop() {
      clearInterval(timer);
      db.close();
    },
  };
}
