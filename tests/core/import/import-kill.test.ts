// A process killed in the middle of an import leaves a valid archive holding only whole files.
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Archive } from '../../../electron/core/archive.ts';
import { REPO_ROOT, tempDir } from '../../helpers/temp-dir.ts';
import { storedText } from '../../helpers/source-content.ts';

const CLI = path.join(REPO_ROOT, 'electron', 'cli', 'cli-entry.ts');

describe('killing an import part-way', () => {
  const dir = tempDir('quire-kill-');

  it('keeps the archive valid with every source whole', async () => {
    const archivePath = path.join(dir, 'killed.quire');
    // Seed the archive so we can check earlier content survives untouched.
    const seed = path.join(dir, 'earlier.txt');
    fs.writeFileSync(seed, 'An earlier note\n\nIt was imported before the crash and must survive.');
    const first = new Archive(archivePath);
    await first.call('importFiles', { paths: [seed] });
    first.close();

    const inputs = path.join(dir, 'inputs');
    fs.mkdirSync(inputs);
    const lines = Array.from({ length: 2000 }, (_, i) => `Item ${i}\n\nParagraph ${i} of a long dump with words alpha beta gamma delta ${i}.\n\nRead more\n`);
    for (let f = 0; f < 60; f++) fs.writeFileSync(path.join(inputs, `dump-${String(f).padStart(2, '0')}.txt`), `Dump ${f}\n\n` + lines.join('\n'));

    const child = spawn(process.execPath, [CLI, 'import', inputs, '--archive', archivePath, '--json'], { stdio: 'ignore' });
    // Wait until at least one file has been committed, then kill without warning.
    const reader = () => {
      try {
        const db = new Database(archivePath, { readonly: true, fileMustExist: true });
        try {
          return (db.prepare('SELECT count(*) AS n FROM sources').get() as { n: number }).n;
        } finally {
          db.close();
        }
      } catch {
        return 0;
      }
    };
    const deadline = Date.now() + 60_000;
    while (reader() < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));

    const archive = new Archive(archivePath);
    try {
      expect(archive.db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(archive.db.pragma('foreign_key_check')).toEqual([]);
      const sources = (archive.db.prepare('SELECT id, name FROM sources ORDER BY id').all() as { id: number; name: string }[]).map((s) => ({ ...s, text: storedText(archive.db, s.id) }));
      expect(sources[0]!.name).toBe('earlier.txt');
      expect(sources.length).toBeGreaterThan(1);
      expect(sources.length).toBeLessThan(61); // killed before the end
      // Every source that exists is whole: all of its entries are linked, none is half-written.
      const perSource = archive.db.prepare('SELECT count(*) AS n FROM entry_sources WHERE source_id = ?');
      const counts = sources.slice(1).map((s) => (perSource.get(s.id) as { n: number }).n);
      expect(new Set(counts).size).toBe(1);
      expect(counts[0]).toBeGreaterThan(0);
      const orphans = archive.db.prepare('SELECT count(*) AS n FROM entries e WHERE NOT EXISTS (SELECT 1 FROM entry_sources es WHERE es.entry_id = e.id)').get() as { n: number };
      expect(orphans.n).toBe(0);
    } finally {
      archive.close();
    }
  });
});
