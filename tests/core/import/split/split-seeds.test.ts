// The two real sample dumps (read at run time from ../shared/seeds, never copied into the repo):
// the first must yield 5 entries, the second 10, each with its date and its author and/or outlet.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Archive } from '../../../../electron/core/archive.ts';
import { splitTextDump } from '../../../../electron/core/import/split/split-text-dump.ts';
import { SEEDS_DIR, tempDir } from '../../../helpers/temp-dir.ts';

function seed(prefix: string): string | null {
  if (!fs.existsSync(SEEDS_DIR)) return null;
  const name = fs.readdirSync(SEEDS_DIR).find((n) => n.startsWith(prefix) && n.endsWith('.txt'));
  return name ? path.join(SEEDS_DIR, name) : null;
}

const teaserSeed = seed('000_');
const digestSeed = seed('001_');
if (!teaserSeed || !digestSeed) console.warn(`Sample dumps not found in ${SEEDS_DIR}: the seed tests are skipped.`);

const read = (file: string) => fs.readFileSync(file, 'utf8').normalize('NFC').replace(/\r\n?/gu, '\n');

describe('the real sample dumps, split directly', () => {
  it.skipIf(!teaserSeed)('the teaser list yields 5 titled entries, no header, no "Read more" in any', () => {
    const text = read(teaserSeed!);
    const { header, entries } = splitTextDump(text);
    expect(header).toBeNull();
    expect(entries).toHaveLength(5);
    for (const e of entries) {
      expect(e.title.length).toBeGreaterThan(10);
      expect(e.body.length).toBeGreaterThan(100);
      expect(e.date).toBeNull();
      expect(text.slice(e.start, e.end)).not.toMatch(/Read more/u);
    }
  });

  it.skipIf(!digestSeed)('the digest yields 10 entries, each with its Posted on date and author and/or outlet', () => {
    const text = read(digestSeed!);
    const { header, entries } = splitTextDump(text);
    const postedOn = [...text.matchAll(/^Posted on: (\d{4})\/(\d{2})\/(\d{2})$/gmu)].map((m) => `${m[1]}-${m[2]}-${m[3]}`);
    expect(postedOn).toHaveLength(10);

    expect(header).not.toBeNull();
    expect(header!.siteName).toBeTruthy();
    expect(header!.author).toBeTruthy();
    expect(header!.description!.length).toBeGreaterThan(200);
    expect(header!.handles).toHaveLength(1);
    expect(header!.end).toBeLessThanOrEqual(entries[0]!.start);

    expect(entries).toHaveLength(10);
    expect(entries.map((e) => e.date)).toEqual(postedOn);
    expect(entries.every((e) => e.dateSource === 'posted-on')).toBe(true);
    for (const e of entries) {
      expect(e.title.length).toBeGreaterThan(10);
      expect(e.body).not.toMatch(/^Posted on/mu);
      // The link text repeating the title is trimmed: every body ends where its prose ends.
      expect(e.body).toMatch(/[.!?”"…]$/u);
      const named = e.author ?? e.outlet;
      if (named) expect(e.body.startsWith(named)).toBe(true); // taken from the attribution
      if (e.author) expect(e.outlet).toBeTruthy();
    }
    // One post's attribution is its own title: no author or outlet there, but its date stands.
    const untitled = entries.filter((e) => !e.author && !e.outlet);
    expect(untitled).toHaveLength(1);
    expect(untitled[0]!.body.startsWith(untitled[0]!.title)).toBe(true);
    expect(untitled[0]!.date).toBeTruthy();
    expect(entries.filter((e) => e.author)).toHaveLength(5);
    expect(entries.filter((e) => e.outlet)).toHaveLength(9);
  });
});

describe('the real sample dumps, through the whole import pipeline', () => {
  const dir = tempDir('quire-seeds-');
  const archive = new Archive(path.join(dir, 'seeds.quire'));
  afterAll(() => archive.close());
  const rows = (sourceName: string) =>
    archive.db
      .prepare(
        `SELECT e.title, e.date, e.date_source AS dateSource, e.author, e.outlet
           FROM entries e JOIN entry_sources es ON es.entry_id = e.id JOIN sources s ON s.id = es.source_id
          WHERE s.name = ? ORDER BY es.ordinal`,
      )
      .all(sourceName) as { title: string; date: string | null; dateSource: string | null; author: string | null; outlet: string | null }[];

  it.skipIf(!teaserSeed)('importing the teaser list stores 5 entries', async () => {
    await archive.call('importFiles', { paths: [teaserSeed!] });
    expect(rows(path.basename(teaserSeed!))).toHaveLength(5);
  });

  it.skipIf(!digestSeed)('importing the digest stores 10 dated entries with author or outlet', async () => {
    await archive.call('importFiles', { paths: [digestSeed!] });
    const stored = rows(path.basename(digestSeed!));
    expect(stored).toHaveLength(10);
    expect(stored.every((r) => r.date !== null && r.dateSource === 'posted-on')).toBe(true);
    expect(stored.filter((r) => r.author !== null || r.outlet !== null)).toHaveLength(9);
  });
});
