// The near-duplicate lookup takes a batch's band keys in one statement, packed as numbers
// (bandKey) and taken apart in SQL: it must find exactly what asking for each band and hash on its
// own finds, whatever the hash's sign, so that a version is grouped with the same earlier entry.
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Archive } from '../../../electron/core/archive.ts';
import { bandKey, EntriesRepo } from '../../../electron/core/repo/entries-repo.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

describe('near-duplicate candidates for a batch of band keys', () => {
  const dir = tempDir();
  const archive = new Archive(path.join(dir, 'bands.quire'));
  afterAll(() => archive.close());
  const repo = new EntriesRepo(archive.db);

  // The hashes at the ends of the signed 32-bit range, around 0, and seeded random ones.
  const edges = [-2147483648, -2147483647, -1, 0, 1, 2147483646, 2147483647];
  let seed = 5;
  const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) | 0);
  const hashes = [...edges, ...Array.from({ length: 40 }, random)];
  const rows: [number, number, number][] = [];
  let entryId = 1;
  for (const [i, hash] of hashes.entries()) {
    const band = i % 8;
    // Most keys hold one entry or a few; two hold more than the 20 a lookup returns per key.
    const holders = i === 3 || i === 9 ? 25 : 1 + (i % 3);
    for (let k = 0; k < holders; k++) rows.push([band, hash, (entryId += 1 + (k % 4))]);
  }
  // The same hashes under other bands are other keys.
  for (const hash of edges) rows.push([(hashes.indexOf(hash) + 1) % 8, hash, (entryId += 1)]);
  repo.addBands(rows);

  const oneByOne = archive.db.prepare<[number, number], number>('SELECT entry_id FROM entry_bands WHERE band = ? AND hash = ? ORDER BY entry_id LIMIT 20').pluck();
  const expected = (keys: [number, number][]) => keys.flatMap(([band, hash]) => oneByOne.all(band, hash).map((id) => `${bandKey(band, hash)}:${id}`)).sort();
  const found = (keys: [number, number][]) =>
    repo
      .bandMatches(new Set(keys.map(([band, hash]) => bandKey(band, hash))))
      .map((m) => `${m.key}:${m.entryId}`)
      .sort();

  it('finds what a lookup of each key finds, for stored keys of any sign and keys not stored', () => {
    const stored = [...new Map(rows.map(([band, hash]) => [bandKey(band, hash), [band, hash] as [number, number]])).values()];
    const absent: [number, number][] = edges.map((hash) => [7 - (hashes.indexOf(hash) % 8), hash ^ 0x5a5a]);
    const keys = [...stored, ...absent];
    const want = expected(keys);
    expect(want.length).toBeGreaterThan(stored.length);
    expect(found(keys)).toEqual(want);
    expect(found(absent)).toEqual(expected(absent));
  });

  it('returns the 20 earliest entries of a key that more hold', () => {
    const [band, hash] = [3, hashes[3]!];
    const ids = found([[band, hash]]).map((k) => Number(k.split(':')[1]));
    expect(ids).toHaveLength(20);
    expect(ids.sort((a, b) => a - b)).toEqual(oneByOne.all(band, hash));
  });

  it('finds nothing for no keys', () => {
    expect(repo.bandMatches(new Set())).toEqual([]);
  });
});
