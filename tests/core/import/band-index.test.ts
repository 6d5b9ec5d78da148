// Near-duplicate versions are found whether their earlier version is in the lookup table already,
// still only in the running import's memory (an earlier file of the same import), or was left
// unindexed by an import that stopped before indexing it (band-index.ts).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Archive } from '../../../electron/core/archive.ts';
import { bandsUpto } from '../../../electron/core/import/band-index.ts';
import { importPaths } from '../../../electron/core/import/import-files.ts';
import { tempDir } from '../../helpers/temp-dir.ts';
import { topicPost } from './fixtures/topic-posts.ts';

/** A 60-word post on its topic; `variant` changes its last word (a near-duplicate version). */
const post = (topic: string, variant = '') => topicPost(topic, variant, 60);

describe('the near-duplicate lookup table', () => {
  const dir = tempDir();
  const archive = new Archive(path.join(dir, 'bands.quire'));
  afterAll(() => archive.close());
  let n = 0;
  const write = (posts: unknown[]) => {
    const file = path.join(dir, `dump-${++n}.json`);
    fs.writeFileSync(file, JSON.stringify(posts));
    return file;
  };
  const run = (paths: string[], bandMemory?: number) =>
    importPaths(archive.db, paths, { jobId: `bands-${++n}`, isCancelled: () => false, onProgress: () => {}, ...(bandMemory ? { bandMemory } : {}) });
  /** Each entry's group leader's title, by title (null: it leads no group). */
  const groups = () =>
    Object.fromEntries(
      (archive.db.prepare('SELECT e.title, g.title AS leader FROM entries e LEFT JOIN entries g ON g.id = e.near_group ORDER BY e.id').all() as { title: string; leader: string | null }[]).map((r) => [
        r.title,
        r.leader,
      ]),
    );
  const unindexed = () => archive.db.prepare('SELECT count(*) FROM entries e WHERE e.minhash IS NOT NULL AND NOT EXISTS (SELECT 1 FROM entry_bands b WHERE b.entry_id = e.id)').pluck().get();

  it('groups a version with an earlier file of the same import, before either is in the table', async () => {
    const first = write([post('harbour'), post('library')]);
    const second = write([{ ...post('harbour', 'morning'), title: 'harbour again' }, post('bridge')]);
    const report = await run([first, second]);
    expect(report.counts).toEqual({ newEntries: 3, versions: 1, duplicates: 0 });
    expect(groups()['harbour again']).toBe('harbour notes');
    // After the import every entry is in the table, and the mark says so.
    expect(unindexed()).toBe(0);
    expect(bandsUpto(archive.db)).toBe(archive.db.prepare('SELECT max(id) FROM entries').pluck().get());
  });

  it('groups a version with an entry of an earlier import, from the table', async () => {
    const report = await run([write([{ ...post('library', 'evening'), title: 'library again' }])]);
    expect(report.counts).toEqual({ newEntries: 0, versions: 1, duplicates: 0 });
    expect(groups()['library again']).toBe('library notes');
  });

  it('indexes an import’s entries between its files when it keeps too many in memory, and still groups across them', async () => {
    const topics = ['school', 'garden', 'orchard', 'museum', 'quarry', 'tunnel'];
    const files = topics.map((t) => write([post(t)]));
    files.push(write(topics.map((t) => ({ ...post(t, 'later'), title: `${t} again` }))));
    const report = await run(files, 2);
    expect(report.counts).toEqual({ newEntries: 6, versions: 6, duplicates: 0 });
    for (const t of topics) expect(groups()[`${t} again`]).toBe(`${t} notes`);
    expect(unindexed()).toBe(0);
  });

  it('indexes first what an import stopped before indexing, so the next import finds its versions', async () => {
    await run([write([post('station'), post('platform')])]);
    // As if the process had been killed after the files' commit, before their indexing.
    const stationId = archive.db.prepare(`SELECT id FROM entries WHERE title = 'station notes'`).pluck().get() as number;
    archive.db.prepare('DELETE FROM entry_bands WHERE entry_id >= ?').run(stationId);
    archive.db.prepare(`UPDATE meta SET value = ? WHERE key = 'bands_upto'`).run(String(stationId - 1));
    expect(unindexed()).toBe(2);
    const report = await run([write([{ ...post('station', 'night'), title: 'station again' }])]);
    expect(report.counts).toEqual({ newEntries: 0, versions: 1, duplicates: 0 });
    expect(groups()['station again']).toBe('station notes');
    expect(unindexed()).toBe(0);
  });

  it('forgets the entries of a file that was rolled back (their ids go to the next file)', async () => {
    // The second entry of the first file fails to store, so the whole file is rolled back.
    archive.db.exec(`CREATE TEMP TRIGGER fail_meeting BEFORE INSERT ON entry_sources
      WHEN (SELECT title FROM entries WHERE id = new.entry_id) = 'meeting notes' BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`);
    try {
      const failing = write([post('budget'), post('meeting')]);
      // The next file's first entry (too short for a signature) takes the rolled-back one's id;
      // its second is a version of the rolled-back text, which must not join the short one.
      const next = write([{ title: 'ticket notes', body: 'A short note.' }, { ...post('budget', 'vote'), title: 'budget again' }]);
      const report = await run([failing, next]);
      expect(report.files.map((f) => f.status)).toEqual(['rejected', 'imported']);
      expect(report.counts).toEqual({ newEntries: 2, versions: 0, duplicates: 0 });
      expect(groups()['budget notes']).toBeUndefined();
      expect(groups()['budget again']).toBeNull(); // a group of its own, not the next file's entry's
      expect(groups()['ticket notes']).toBeNull();
    } finally {
      archive.db.exec('DROP TRIGGER temp.fail_meeting');
    }
  });
});
