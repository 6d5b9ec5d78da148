// How much memory the writer's connection holds while an import runs. It opens with 256 MB of page
// cache and 256 MB of memory map (open-archive.ts), which an import fills with the pages it writes
// and reads: at 100,000 entries the import process peaked at 867 MB with them and 679 MB with 64 MB
// of each, for no more writer CPU (58 s instead of 69 s on a loaded machine: a page not cached is
// copied from the OS's file cache, not read from the disk, and a commit writes the same pages).
// The map only ever covers the start of the file (its first 256 MB, of 7 GB at a million entries),
// so an import reads through the cache alone, and no map. 32 MB of cache, not 64: at 100,000
// entries the import's peak RSS was 419 MB against 454 MB with 64, writer CPU 63.3 s against
// 64.4 s in the two runs side by side (a page not cached is read back from the OS's file cache,
// as above). The connection gets its own settings back after.
import type { Db } from '../db/open-archive.ts';

export const IMPORT_CACHE_KIB = 32_768;
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
