// Killed over and over: SIGKILL at random moments of a long import (starting up, writing a file,
// committing, refreshing the search statistics). After every kill the archive opens, passes its
// integrity check, holds every source wholly or not at all, and the annotations made before the
// imports are exactly as they were. QUIRE_KILL_LOOPS sets the number of kills (CI 20, bench 50).
// Kills the bundled command `npm test` builds (as a user runs it): from the TypeScript source every
// start compiled the CLI and its workers again (~2.5 s of each ~5.5 s cycle). QUIRE_CLI points at another
// build of bin/quire.mjs or cli.mjs.
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Archive } from '../../../electron/core/archive.ts';
import { REPO_ROOT, tempDir } from '../../helpers/temp-dir.ts';

const CLI = process.env['QUIRE_CLI'] ?? path.join(REPO_ROOT, 'bin', 'quire.mjs');
const KILLS = Number(process.env['QUIRE_KILL_LOOPS'] ?? 20);
const FILES = 80;
const PER_FILE = 200;

/** A random generator with a fixed seed, so a failing run can be repeated. */
function lcg(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

describe('killing imports again and again', () => {
  const dir = tempDir('quire-kill-loop-');

  it(`keeps the archive whole and the annotations intact through ${KILLS} kills`, async () => {
    const archivePath = path.join(dir, 'killed.quire');
    const seed = path.join(dir, 'earlier.txt');
    fs.writeFileSync(seed, 'Tide tables\n\nThe spring tides come early this year, the harbour office says.');
    const first = new Archive(archivePath);
    await first.call('importFiles', { paths: [seed] });
    const entryId = (first.db.prepare('SELECT id FROM entries LIMIT 1').get() as { id: number }).id;
    const code = await first.call('saveCode', { name: 'Tides' });
    const highlight = await first.call('createHighlight', { entryId, start: 0, end: 11, codeIds: [code.id], note: 'made before the kills' });
    const annotationsBefore = JSON.stringify(await first.call('getEntryAnnotations', { entryId }));
    first.close();

    // A folder of FILES dumps; once every one of them is in (the bundled command imports them quickly),
    // the next kills go to a new folder, so that each kill still lands in an import with work to do.
    let batches = 0;
    const newInputs = () => {
      const folder = path.join(dir, `inputs-${batches}`);
      fs.mkdirSync(folder);
      for (let f = batches * FILES; f < (batches + 1) * FILES; f++) {
        const posts = Array.from({ length: PER_FILE }, (_, i) => `Item ${f}-${i}\n\nParagraph ${f}-${i} of a long dump about ferries, tides and the harbour ${f * PER_FILE + i}.\n\nRead more\n`);
        fs.writeFileSync(path.join(folder, `dump-${String(f).padStart(3, '0')}.txt`), `Dump ${f}\n\n` + posts.join('\n'));
      }
      batches++;
      return folder;
    };
    let inputs = newInputs();

    const random = lcg(20261129);
    const sourceCount = () => {
      try {
        const db = new Database(archivePath, { readonly: true, fileMustExist: true });
        try {
          return (db.prepare('SELECT count(*) AS n FROM sources').get() as { n: number }).n;
        } finally {
          db.close();
        }
      } catch {
        return -1;
      }
    };
    let partial = 0;
    for (let k = 0; k < KILLS; k++) {
      const child = spawn(process.execPath, [CLI, 'import', inputs, '--archive', archivePath, '--json'], { stdio: 'ignore', env: { ...process.env, QUIRE_QUIET_MIGRATIONS: '1' } });
      // Kill at a random moment: one time in four while it starts up (opening, migrating), else once
      // it has committed a new file, a random few milliseconds later (mid-file, mid-commit).
      if (random() < 0.25) {
        await new Promise((r) => setTimeout(r, random() * 1200));
      } else {
        const before = sourceCount();
        const deadline = Date.now() + 120_000;
        while (sourceCount() === before && Date.now() < deadline && child.exitCode === null) await new Promise((r) => setTimeout(r, 10));
        await new Promise((r) => setTimeout(r, random() * 300));
      }
      // A child that finished on its own (every file already in) has sent its 'exit' already: waiting for it would hang.
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGKILL');
        await exited;
      }

      const archive = new Archive(archivePath);
      try {
        expect(archive.db.pragma('integrity_check', { simple: true })).toBe('ok');
        expect(archive.db.pragma('foreign_key_check')).toEqual([]);
        const counts = archive.db
          .prepare("SELECT s.name, (SELECT count(*) FROM entry_sources es WHERE es.source_id = s.id) AS n FROM sources s WHERE s.name LIKE 'dump-%'")
          .all() as { name: string; n: number }[];
        for (const c of counts) expect(c.n, `${c.name} is whole`).toBe(PER_FILE);
        if (counts.length % FILES !== 0) partial++;
        if (counts.length === batches * FILES) inputs = newInputs();
        const orphans = archive.db.prepare('SELECT count(*) AS n FROM entries e WHERE NOT EXISTS (SELECT 1 FROM entry_sources es WHERE es.entry_id = e.id)').get() as { n: number };
        expect(orphans.n).toBe(0);
        expect(JSON.stringify(await archive.call('getEntryAnnotations', { entryId }))).toBe(annotationsBefore);
        expect((await archive.call('listHighlights', {})).items.map((h) => h.guid)).toEqual([highlight.guid]);
      } finally {
        archive.close();
      }
    }
    // The kills did land in the middle of imports, not only before or after them.
    expect(partial).toBeGreaterThan(0);
  }, Math.max(600_000, KILLS * 30_000));
});
