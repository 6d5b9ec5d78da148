// How much memory the writer's connection holds while an import runs. It opens with 256 MB of page
// cache and 256 MB of memory map (open-archive.ts), which an import fills with the pages it writes
// and reads: at 100,000 entries the import process peaked at 867 MB with them and 679 MB with 64 MB
// of each, for no more writer CPU (58 s instead of 69 s on a loaded machine: a page not cached is
// copied from the OS's file cache, not read from the disk, and a commit writes the same pages).
// The map only ever covers the start of the file (its first 256 MB, of 7 GB at a million entries),
// so an import reads through the cache alone, and no map. 16 MB of cache, not 64: at 100,000
// entries, in runs side by side, 32 MB took the import's peak RSS from 454 MB to 419 MB (writer CPU
// 63.3 s against 64.4 s) and 16 MB, with fewer entries kept for near-duplicate lookups
// (import-files.ts), from 426 MB to 387 MB (54.6 s against 55.8 s): a page not cached is read back
// from the OS's file cache, as above. The connection gets its own settings back after.
import type { Db } from '../db/open-archive.ts';

export const IMPORT_CACHE_KIB = 16_384;
export const IMPORT_MMAP_BYTES = 0;

/** Lowers the connection's page cache and memory map for an import; returns what puts them back. */
export function limitImportMemory(db: Db): () => void {
  const cache = db.pragma('cache_size', { simple: true }) as number;
  const mmap = db.pragma('mmap_size', { simple: true }) as number;
  db.pragma(`cache_size = -${IMPORT_CACHE_KIB}`);
  db.pragma(`mmap_size = ${Math.min(mmap, IMPORT_MMAP_BYTES)}`);
  return () => {
    db.pragma(`cache_size = ${Math.trunc(cache)}`);
    db.pragma(`mmap_size = ${Math.trunc(mmap)}`);
  };
}
