// Puts entries with exact titles, dates, authors and outlets into a test archive through the
// real EntriesRepo (and a real source row), so the search index triggers run as in an import.
import crypto from 'node:crypto';
import path from 'node:path';
import { Archive } from '../../../../electron/core/archive.ts';
import { EntriesRepo } from '../../../../electron/core/repo/entries-repo.ts';
import { SourcesRepo } from '../../../../electron/core/repo/sources-repo.ts';
import type { SearchRequest, SearchResult } from '../../../../shared/contract.ts';

export interface SeedEntry {
  title?: string;
  body: string;
  date?: string | null;
  author?: string | null;
  outlet?: string | null;
  language?: string | null;
  source?: string;
}

export function seedEntries(archive: Archive, entries: SeedEntry[]): number[] {
  const repo = new EntriesRepo(archive.db);
  const sources = new SourcesRepo(archive.db);
  const sourceIds = new Map<string, number>();
  return archive.db.transaction(() =>
    entries.map((e, i) => {
      const name = e.source ?? 'seed.txt';
      let sourceId = sourceIds.get(name) ?? sources.findByHash(crypto.createHash('sha256').update(name).digest('hex'));
      if (sourceId === null || sourceId === undefined) {
        sourceId = sources.insert({
          sha256: crypto.createHash('sha256').update(name).digest('hex'),
          name,
          path: `/seed/${name}`,
          container: null,
          size: 1,
          format: 'text',
          encoding: 'utf-8',
          encodingConfidence: 1,
          importedAt: new Date().toISOString(),
          bytes: new Uint8Array([1]),
          text: 'x',
          header: null,
          warnings: null,
        });
      }
      sourceIds.set(name, sourceId);
      const id = repo.insert({
        title: e.title ?? '',
        body: e.body,
        date: e.date ?? null,
        dateSource: e.date ? 'field' : null,
        author: e.author ?? null,
        outlet: e.outlet ?? null,
        url: null,
        language: e.language ?? null,
        direction: /[\u0600-\u06FF]/.test(e.body) ? 'rtl' : 'ltr',
        contentHash: crypto.createHash('sha256').update(`${i}:${e.title}:${e.body}:${Math.random()}`).digest('hex'),
        minhash: null,
        createdAt: new Date().toISOString(),
      });
      repo.link(id, sourceId, 0, 1, i);
      return id;
    }),
  )();
}

export function openTestArchive(dir: string, name: string): Archive {
  return new Archive(path.join(dir, `${name}.quire`));
}

export function search(archive: Archive, query: string, more: Partial<SearchRequest> = {}): SearchResult {
  return archive.call('search', { query, limit: 50, ...more }) as SearchResult;
}

/** The titles of the hits, sorted, for order-independent comparisons. */
export function titles(result: SearchResult): string[] {
  return result.hits.map((h) => h.title).sort();
}

/** The highlighted text of each hit's snippet. */
export function highlighted(result: SearchResult): string[][] {
  return result.hits.map((h) => h.snippetHighlights.map((s) => h.snippet.slice(s.start, s.end)));
}
