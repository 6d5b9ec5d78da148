import type { Database } from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  /** SQL run in one transaction, or a function for data migrations. */
  up: string | ((db: Database) => void);
}
