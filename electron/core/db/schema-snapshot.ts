// Renders the schema that the migrations produce, for the generated snapshot file.
import Database from 'better-sqlite3';
import { MIGRATIONS } from './migrations/index.ts';
import { registerSqlFunctions } from './sql-functions.ts';

export function renderSchemaSnapshot(): string {
  const db = new Database(':memory:');
  try {
    registerSqlFunctions(db);
    for (const m of MIGRATIONS) {
      if (typeof m.up === 'string') db.exec(m.up);
      else m.up(db);
    }
    const rows = db
      .prepare("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY CASE type WHEN 'table' THEN 0 WHEN 'index' THEN 1 WHEN 'trigger' THEN 2 ELSE 3 END, name")
      .all() as { sql: string }[];
    const header = [
      '-- GENERATED FILE, DO NOT EDIT. The schema after every migration, for reading.',
      `-- Schema version ${MIGRATIONS.length}. Regenerate: node scripts/schema-snapshot.ts`,
      '',
    ];
    return header.join('\n') + rows.map((r) => `${r.sql.trim()};`).join('\n\n') + '\n';
  } finally {
    db.close();
  }
}
