import type { Database } from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  /**
   * SQL run in one transaction, or a function for data migrations. A function that loops over
   * rows calls `progress` with the fraction done (0..1), so a long upgrade is not silent.
   */
  up: string | ((db: Database, progress?: (fraction: number) => void) => void);
  /**
   * The tables whose rows this migration writes, rebuilds or drops. The runner's closing
   * `foreign_key_check` then looks only at these and the tables whose foreign keys point at them
   * (the rows a rebuilt or emptied parent could orphan), not the whole archive. Left out: every
   * table is checked, as before. `[]`: the migration writes no rows (an index, say).
   */
  touches?: readonly string[];
}
