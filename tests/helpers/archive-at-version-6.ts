// An archive as Quire kept it at version 6 (before sources moved into compressed chunks): a few
// sources with their bytes and text in the row, so opening it runs migrations 7 and on.
import Database from 'better-sqlite3';
import crypto from 'node:crypto';
import { MIGRATIONS } from '../../electron/core/db/migrations/index.ts';
import { registerSqlFunctions } from '../../electron/core/db/sql-functions.ts';

export function archiveAtVersion6(file: string, names = ['pier.txt', 'lighthouse.txt', 'ferry.txt', 'harbour-master.txt']): void {
  const db = new Database(file);
  registerSqlFunctions(db);
  for (const m of MIGRATIONS.slice(0, 6)) {
    if (typeof m.up === 'string') db.exec(m.up);
    else m.up(db);
  }
  db.pragma('user_version = 6');
  const insert = db.prepare("INSERT INTO sources (sha256, guid, name, size, format, imported_at, bytes, text) VALUES (?, quire_uuid_from(?), ?, ?, 'text', '2025-03-01T00:00:00.000Z', ?, ?)");
  // One transaction, not a commit (and its fsync) per source: 300 sources took 4 s.
  db.transaction(() => {
    for (const name of names) {
      const text = `Notes on the ${name.replace('.txt', '')}\n\nThe board met on Tuesday.\n`;
      const sha256 = crypto.createHash('sha256').update(text).digest('hex');
      insert.run(sha256, sha256, name, Buffer.byteLength(text), Buffer.from(text), text);
    }
  })();
  db.close();
}
