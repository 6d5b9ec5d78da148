import type { ArchiveStats } from '../../../shared/contract.ts';
import type { Db } from '../db/open-archive.ts';

export function readStats(db: Db): ArchiveStats {
  return db
    .prepare<[], ArchiveStats>(
      `SELECT (SELECT count(*) FROM sources) AS sources,
              (SELECT count(*) FROM entries) AS entries,
              (SELECT count(*) FROM highlights) AS highlights,
              (SELECT count(*) FROM codes) AS codes,
              (SELECT count(*) FROM collections) AS collections`,
    )
    .get()!;
}
