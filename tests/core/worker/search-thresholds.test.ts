// The search thresholds a host is opened with reach the search service in its worker threads, so
// a test through the host (or the app) can run the million-entry paths on a small archive.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SearchResult, WireResult } from '../../../shared/contract.ts';
import { ArchiveHost } from '../../../electron/core/worker/archive-host.ts';
import { tempDir } from '../../helpers/temp-dir.ts';
import { openTestArchive, seedEntries } from '../search/helpers/seed-entries.ts';

async function searchVia(host: ArchiveHost, query: string): Promise<SearchResult> {
  const answer = (await host.invoke('search', { query })) as WireResult<SearchResult>;
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.value;
}

describe('search thresholds through the archive host', () => {
  const dir = tempDir();

  it('ranks a set of 30 matches among its newest 5 when told to, and over all of them by default', async () => {
    const seeded = openTestArchive(dir, 'thresholds');
    seedEntries(
      seeded,
      Array.from({ length: 30 }, (_, i) => ({ title: `Note ${i}`, body: `The harbour wall and the harbour gate, note ${i}.` })),
    );
    seeded.close();
    const file = path.join(dir, 'thresholds.quire');
    const low = await ArchiveHost.open(file, { searchThresholds: { candidates: 5 } });
    try {
      const result = await searchVia(low, 'harbour wall');
      expect(result.explanation).toMatch(/approximate: .* among the 5 most recently added of 30 matches/);
      expect(result.hits).toHaveLength(30);
    } finally {
      await low.close();
    }
    const usual = await ArchiveHost.open(file);
    try {
      const result = await searchVia(usual, 'harbour wall');
      expect(result.explanation).not.toMatch(/approximate/);
      expect(result.total).toBe(30);
    } finally {
      await usual.close();
    }
  });
});
