// An edit sent to the writer while an import writes a file (edit-turns.ts): the file steps aside
// (its savepoint rolled back) so that the edit commits at once, then is written again from its
// start; no other connection ever sees part of a file, and the archive ends as it would have
// without the edit. Past `stepAsides`, edits wait for the file's end instead, so a stream of edits
// cannot stop an import.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import type { ImportReport } from '../../../shared/contract.ts';
import { Archive } from '../../../electron/core/archive.ts';
import { makeWayForEdit } from '../../../electron/core/import/edit-turns.ts';
import { importPaths, type JobContext } from '../../../electron/core/import/import-files.ts';
import type { ImportLimits } from '../../../electron/core/import/import-limits.ts';
import { tempDir } from '../../helpers/temp-dir.ts';
import { rng } from '../search/helpers/skewed-corpus.ts';

const WORDS = ['harbour', 'ferry', 'council', 'library', 'market', 'bridge', 'festival', 'river', 'school', 'orchard', 'café', 'مكتبة', '図書館'];

/** Files of JSON Lines posts; later files repeat some posts of earlier ones and reword others a little (near-duplicates). */
function postFiles(dir: string, files: number, perFile: number): string[] {
  fs.mkdirSync(dir, { recursive: true });
  const rand = rng(29);
  const words = (n: number) => Array.from({ length: n }, () => WORDS[Math.floor(rand() * WORDS.length)]).join(' ');
  const posts: { title: string; text: string; date: string }[] = [];
  return Array.from({ length: files }, (_, f) => {
    const lines: string[] = [];
    for (let i = 0; i < perFile; i++) {
      const n = posts.length;
      let post = { title: `Post ${n}: ${words(3)}`, text: words(40 + Math.floor(rand() * 80)), date: `2022-0${1 + (n % 9)}-1${n % 10}` };
      if (f > 0 && i % 10 === 0) post = posts[Math.floor(rand() * posts.length)]!;
      else if (f > 0 && i % 10 === 1) {
        const earlier = posts[Math.floor(rand() * posts.length)]!;
        post = { ...earlier, title: `${earlier.title} (updated)`, text: `${earlier.text} ${words(2)}` };
      }
      posts.push(post);
      lines.push(JSON.stringify(post));
    }
    const file = path.join(dir, `posts-${f}.jsonl`);
    fs.writeFileSync(file, `${lines.join('\n')}\n`);
    return file;
  });
}

/** Everything an import writes, by id: the same with and without edits along the way. */
function snapshot(db: Database.Database) {
  return {
    sources: db.prepare('SELECT id, sha256, name, size FROM sources ORDER BY id').all(),
    entries: db.prepare('SELECT id, title, body, date, content_hash, near_group, guid FROM entries ORDER BY id').all(),
    links: db.prepare('SELECT entry_id, source_id, start, "end", ordinal FROM entry_sources ORDER BY entry_id, source_id, ordinal').all(),
    bands: db.prepare('SELECT count(*) AS n FROM entry_bands').get(),
    found: WORDS.map((w) => db.prepare('SELECT rowid FROM entry_index WHERE entry_index MATCH ? ORDER BY rowid').pluck().all(`"${w}"`)),
  };
}

const reportOf = (r: ImportReport) => r.files.map((f) => [path.basename(f.path), f.status, f.entries, f.counts]);

describe('an edit sent while an import writes a file', () => {
  const dir = tempDir('quire-edit-turns-');
  const files = postFiles(path.join(dir, 'posts'), 4, 300);
  const archives: Archive[] = [];
  afterAll(() => archives.forEach((a) => a.close()));
  const open = (name: string) => {
    const a = new Archive(path.join(dir, `${name}.quire`));
    a.db.exec('CREATE TABLE edit_log (n INTEGER)');
    archives.push(a);
    return a;
  };
  const run = (archive: Archive, limits: Partial<ImportLimits>, more: Partial<JobContext> = {}) =>
    importPaths(archive.db, files, { jobId: `edits-${Math.random()}`, isCancelled: () => false, onProgress: () => {}, limits, ...more });

  /** What the writer thread does with an edit (worker/archive-worker.ts), and what another connection then sees. */
  async function edit(archive: Archive, reader: Database.Database) {
    const ended = await makeWayForEdit(archive.db);
    try {
      archive.db.prepare('INSERT INTO edit_log VALUES (1)').run();
    } finally {
      ended();
    }
    return {
      edits: reader.prepare('SELECT count(*) FROM edit_log').pluck().get() as number,
      sources: reader.prepare('SELECT count(*) FROM sources').pluck().get() as number,
      linked: reader.prepare('SELECT count(*) FROM entry_sources').pluck().get() as number,
    };
  }

  let quiet: { snapshot: ReturnType<typeof snapshot>; report: ImportReport };
  it('imports the files without edits (what the others are compared with)', async () => {
    const archive = open('quiet');
    const report = await run(archive, { editSliceMs: 0 });
    expect(report.files.every((f) => f.status === 'imported')).toBe(true);
    quiet = { snapshot: snapshot(archive.db), report };
    expect(quiet.snapshot.entries.length).toBeGreaterThan(1000);
    expect(quiet.snapshot.entries.some((e) => (e as { near_group: number | null }).near_group !== null)).toBe(true);
  });

  /** Sends one edit from inside the first file's write, once 100 of its entries are written. */
  async function editMidFile(name: string, limits: Partial<ImportLimits>) {
    const archive = open(name);
    const reader = new Database(archive.db.name, { readonly: true });
    let sent: ReturnType<typeof edit> | null = null;
    // Called before each entry the import writes: the writer's own connection sees its file so far.
    const isCancelled = () => {
      if (!sent && archive.db.inTransaction && (archive.db.prepare('SELECT count(*) FROM entry_sources').pluck().get() as number) >= 100) sent = edit(archive, reader);
      return false;
    };
    const report = await run(archive, limits, { isCancelled });
    expect(sent).not.toBeNull();
    const seen = await sent!;
    const after = snapshot(archive.db);
    reader.close();
    return { seen, report, after };
  }

  it('is committed before the file ends: the file steps aside and is then written again, as it would have been', async () => {
    const { seen, report, after } = await editMidFile('stepped-aside', { editSliceMs: 0, stepAsides: 2 });
    // Committed on its own and seen at once, while none of the file is in.
    expect(seen).toEqual({ edits: 1, sources: 0, linked: 0 });
    expect(reportOf(report)).toEqual(reportOf(quiet.report));
    expect(after).toEqual(quiet.snapshot);
  });

  it('waits for the file to end once the file may step aside no more', async () => {
    const { seen, report, after } = await editMidFile('waited', { editSliceMs: 0, stepAsides: 0 });
    expect(seen).toEqual({ edits: 1, sources: 1, linked: 300 });
    expect(reportOf(report)).toEqual(reportOf(quiet.report));
    expect(after).toEqual(quiet.snapshot);
  });

  it('under a stream of edits, every file steps aside a few times at most, and each comes in whole', async () => {
    const archive = open('stream');
    const reader = new Database(archive.db.name, { readonly: true });
    const seen: Awaited<ReturnType<typeof edit>>[] = [];
    let stop = false;
    // A few turns of the writer between two edits (a file's write takes one per entry here), so files step aside part-way.
    const turns = rng(5);
    const editor = (async () => {
      while (!stop) {
        seen.push(await edit(archive, reader));
        for (let n = 1 + Math.floor(turns() * 40); n > 0 && !stop; n--) await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    const progress: number[] = [];
    const report = await run(archive, { editSliceMs: 0, stepAsides: 2 }, { onProgress: (p) => progress.push(p.entriesDone) });
    stop = true;
    await editor;
    reader.close();
    expect(reportOf(report)).toEqual(reportOf(quiet.report));
    expect(snapshot(archive.db)).toEqual(quiet.snapshot);
    // Each edit was seen by another connection as soon as it was made.
    seen.forEach((s, i) => expect(s.edits).toBe(i + 1));
    // Only ever whole files: the entries linked so far are those of the files finished.
    const wholeFiles = [0, 300, 600, 900, 1200];
    expect(seen.every((s) => s.linked === wholeFiles[s.sources])).toBe(true);
    // Edits were made while files were being written: some between files, and more than files' count.
    expect(seen.length).toBeGreaterThan(files.length * 3);
    // The progress shown never passes the entries there are, though files were written part-way more than once.
    expect(progress.at(-1)).toBe(1200);
  });
});
