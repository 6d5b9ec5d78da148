// Undo and redo for everything a researcher makes, kept in the archive (table `history`), so they
// live in the core, serve every window and the CLI alike, and survive closing the archive.
//
// How a change is recorded: `recordChange(db, label, fn)` runs `fn` in one IMMEDIATE transaction.
// TEMP triggers (made once per connection, on the annotation tables in ANNOTATION_TABLES) write a
// JSON image of each row before and after every INSERT, UPDATE and DELETE into a temp table while a
// change is being recorded; at the end the images become one `history` row:
//   changes = [{ "table": "highlights", "before": {...} | null, "after": {...} | null }, ...]
// in the order they happened. Undo applies the before-images backwards (a null before deletes the
// row, otherwise the row is updated back or re-inserted, by primary key), so the same id and GUID
// come back; redo applies the after-images forwards. A new change clears the redo stack.
//
// Extension point for rows outside the annotation tables (the trash of sources and entries):
// a module registers a named operation once, with `registerHistoryOp(kind, { undo, redo, forget? })`,
// and inside `recordChange` calls `recordOp(db, kind, payload)`. The op is stored among the row
// images, in order, as { "op": kind, "payload": ... }; undo calls `undo(db, payload, historyId)` at
// that point of the backwards walk and redo calls `redo(db, payload, historyId)` on the forwards
// walk, both inside the undo/redo transaction with recording off. `currentHistoryId(db)` gives the
// id of the change being recorded (trash rows carry it as `history_id`). For example deleteEntries:
//   recordChange(db, 'Delete 3 entries', () => {
//     moveToTrash(db, ids, currentHistoryId(db));             // entries -> trash_entries
//     recordOp(db, 'trash', { historyId: currentHistoryId(db) });
//   });
// with the 'trash' op's undo moving the rows of that history id back and redo trashing them again.
// `forget(db, payload, historyId, undone)` (optional) runs when a change leaves the history: a
// redo stack cleared by a new change (undone = true) or the oldest change dropped by the bound
// (undone = false); an op whose undone state leaves rows behind can tidy them there.
//
// The history is bounded: the newest HISTORY_LIMIT (1,000) changes are kept; older ones can no
// longer be undone (their rows are as they are; trashed sources and entries stay in the trash).
import { QuireError } from '../../../shared/errors.ts';
import type { HistoryState, UndoResult } from '../../../shared/contract.ts';
import type { Db } from '../db/open-archive.ts';
import { prepared } from '../db/prepared.ts';

/** The tables whose rows a change records (they hold what a researcher makes). */
export const ANNOTATION_TABLES = [
  'codes',
  'highlights',
  'highlight_codes',
  'tags',
  'entry_tags',
  'entry_notes',
  'collections',
  'collection_entries',
  'collection_highlights',
] as const;

export const HISTORY_LIMIT = 1000;
let historyLimit = HISTORY_LIMIT;

/** Sets how many changes are kept (tests set it low); returns the previous bound. */
export function setHistoryLimit(limit: number): number {
  const previous = historyLimit;
  historyLimit = limit;
  return previous;
}

export interface HistoryOp {
  undo(db: Db, payload: unknown, historyId: number): void;
  redo(db: Db, payload: unknown, historyId: number): void;
  forget?(db: Db, payload: unknown, historyId: number, undone: boolean): void;
}

type Row = Record<string, unknown>;
type Change = { table: string; before: Row | null; after: Row | null } | { op: string; payload: unknown };

interface TableInfo {
  columns: string[];
  key: string[];
}

interface ConnectionState {
  tables: Map<string, TableInfo>;
  historyId: number | null;
  label: string;
  /** Set while undo or redo applies a change: writes then are the change itself, not a new one. */
  replaying: boolean;
}

const ops = new Map<string, HistoryOp>();
const connections = new WeakMap<Db, ConnectionState>();

export function registerHistoryOp(kind: string, op: HistoryOp): void {
  ops.set(kind, op);
}

/**
 * Runs `fn` as one undoable change named `label` (the Edit menu shows "Undo <label>"). Nested
 * calls join the outer change. A change that touched no row leaves no history.
 */
export function recordChange<T>(db: Db, label: string, fn: () => T): T {
  const state = install(db);
  if (state.historyId !== null || state.replaying) return fn();
  return db
    .transaction(() => {
      const now = new Date().toISOString();
      const historyId = Number(prepared(db, "INSERT INTO history (label, changes, created_at) VALUES (?, '[]', ?)").run(label, now).lastInsertRowid);
      prepared(db, 'DELETE FROM temp.history_capture').run();
      prepared(db, 'INSERT INTO temp.history_recording (on_) VALUES (1)').run();
      state.historyId = historyId;
      state.label = label;
      let result: T;
      try {
        result = fn();
      } finally {
        state.historyId = null;
        prepared(db, 'DELETE FROM temp.history_recording').run();
      }
      const captured = prepared(db, 'SELECT tbl, before, after, op, payload FROM temp.history_capture ORDER BY seq').all() as {
        tbl: string | null;
        before: string | null;
        after: string | null;
        op: string | null;
        payload: string | null;
      }[];
      prepared(db, 'DELETE FROM temp.history_capture').run();
      if (captured.length === 0) {
        prepared(db, 'DELETE FROM history WHERE id = ?').run(historyId);
        return result;
      }
      const changes: Change[] = captured.map((c) =>
        c.op !== null
          ? { op: c.op, payload: c.payload === null ? null : (JSON.parse(c.payload) as unknown) }
          : { table: c.tbl!, before: c.before === null ? null : (JSON.parse(c.before) as Row), after: c.after === null ? null : (JSON.parse(c.after) as Row) },
      );
      prepared(db, 'UPDATE history SET changes = ? WHERE id = ?').run(JSON.stringify(changes), historyId);
      // A new change ends the redo stack, and the oldest changes beyond the bound are dropped.
      forgetWhere(db, 'undone = 1 AND id < ?', [historyId], true);
      forgetWhere(db, 'id <= ?', [historyId - historyLimit], false);
      return result;
    })
    .immediate();
}

/** The id of the change being recorded (for rows outside the annotation tables, such as the trash). */
export function currentHistoryId(db: Db): number {
  const id = connections.get(db)?.historyId ?? null;
  if (id === null) throw new Error('currentHistoryId is only valid inside recordChange');
  return id;
}

/** Adds a registered operation to the change being recorded, at this point of its order. */
export function recordOp(db: Db, kind: string, payload: unknown): void {
  if (!ops.has(kind)) throw new Error(`No history op "${kind}" is registered`);
  currentHistoryId(db);
  prepared(db, 'INSERT INTO temp.history_capture (op, payload) VALUES (?, ?)').run(kind, JSON.stringify(payload ?? null));
}

export function historyState(db: Db): HistoryState {
  const undo = prepared(db, 'SELECT label FROM history WHERE undone = 0 ORDER BY id DESC LIMIT 1').get() as { label: string } | undefined;
  const redo = prepared(db, 'SELECT label FROM history WHERE undone = 1 ORDER BY id ASC LIMIT 1').get() as { label: string } | undefined;
  return { undo: undo?.label ?? null, redo: redo?.label ?? null };
}

export function undo(db: Db): UndoResult {
  return step(db, 'undo');
}

export function redo(db: Db): UndoResult {
  return step(db, 'redo');
}

function step(db: Db, direction: 'undo' | 'redo'): UndoResult {
  const state = install(db);
  state.replaying = true;
  try {
    const done = db.transaction(() => replay(db, state, direction)).immediate();
    return { done, ...historyState(db) };
  } finally {
    state.replaying = false;
  }
}

/** Applies the newest done change backwards (undo) or the oldest undone one forwards (redo); its label. */
function replay(db: Db, state: ConnectionState, direction: 'undo' | 'redo'): string | null {
  const row = db
    .prepare(direction === 'undo' ? 'SELECT id, label, changes FROM history WHERE undone = 0 ORDER BY id DESC LIMIT 1' : 'SELECT id, label, changes FROM history WHERE undone = 1 ORDER BY id ASC LIMIT 1')
    .get() as { id: number; label: string; changes: string } | undefined;
  if (!row) return null;
  const changes = JSON.parse(row.changes) as Change[];
  for (const change of direction === 'undo' ? [...changes].reverse() : changes) {
    if ('op' in change) {
      const op = ops.get(change.op);
      if (!op) throw new QuireError('internal', `This change (“${row.label}”) cannot be ${direction === 'undo' ? 'undone' : 'redone'} by this version of Quire.`);
      op[direction](db, change.payload, row.id);
    } else {
      applyImage(db, state, change.table, direction === 'undo' ? change.after : change.before, direction === 'undo' ? change.before : change.after);
    }
  }
  prepared(db, 'UPDATE history SET undone = ? WHERE id = ?').run(direction === 'undo' ? 1 : 0, row.id);
  return row.label;
}

/** Puts a row from image `from` to image `to`: delete, update or insert by primary key. */
function applyImage(db: Db, state: ConnectionState, table: string, from: Row | null, to: Row | null): void {
  const info = state.tables.get(table);
  if (!info) throw new QuireError('internal', `History names an unknown table ${table}.`);
  const keyRow = to ?? from;
  if (!keyRow) return;
  const where = info.key.map((k) => `"${k}" = ?`).join(' AND ');
  const keyValues = info.key.map((k) => keyRow[k] ?? null);
  if (to === null) {
    prepared(db, `DELETE FROM main."${table}" WHERE ${where}`).run(...(keyValues as never[]));
    return;
  }
  const values = info.columns.map((c) => (to[c] === undefined ? null : to[c]));
  const exists = prepared(db, `SELECT 1 FROM main."${table}" WHERE ${where}`).get(...(keyValues as never[]));
  if (exists) {
    const set = info.columns.map((c) => `"${c}" = ?`).join(', ');
    prepared(db, `UPDATE main."${table}" SET ${set} WHERE ${where}`).run(...(values as never[]), ...(keyValues as never[]));
  } else {
    const cols = info.columns.map((c) => `"${c}"`).join(', ');
    prepared(db, `INSERT INTO main."${table}" (${cols}) VALUES (${info.columns.map(() => '?').join(', ')})`).run(...(values as never[]));
  }
}

function forgetWhere(db: Db, where: string, params: unknown[], undone: boolean): void {
  const rows = prepared(db, `SELECT id, changes FROM history WHERE ${where}`).all(...(params as never[])) as { id: number; changes: string }[];
  if (rows.length === 0) return;
  for (const row of rows) {
    if (!row.changes.includes('"op"')) continue;
    for (const change of JSON.parse(row.changes) as Change[]) {
      if ('op' in change) ops.get(change.op)?.forget?.(db, change.payload, row.id, undone);
    }
  }
  prepared(db, `DELETE FROM history WHERE ${where}`).run(...(params as never[]));
}

/** Makes the capture table and triggers on this connection (TEMP objects live per connection). */
function install(db: Db): ConnectionState {
  const known = connections.get(db);
  if (known) return known;
  const tables = new Map<string, TableInfo>();
  const statements = [
    'CREATE TEMP TABLE IF NOT EXISTS history_capture (seq INTEGER PRIMARY KEY, tbl TEXT, before TEXT, after TEXT, op TEXT, payload TEXT)',
    'CREATE TEMP TABLE IF NOT EXISTS history_recording (on_ INTEGER)',
  ];
  for (const table of ANNOTATION_TABLES) {
    const cols = prepared(db, `SELECT name, pk FROM pragma_table_info(?)`).all(table) as { name: string; pk: number }[];
    if (cols.length === 0) throw new QuireError('internal', `The archive has no table ${table}.`);
    const columns = cols.map((c) => c.name);
    const key = cols.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
    tables.set(table, { columns, key });
    const image = (alias: 'NEW' | 'OLD') => `json_object(${columns.map((c) => `'${c}', ${alias}."${c}"`).join(', ')})`;
    const when = 'WHEN EXISTS (SELECT 1 FROM temp.history_recording)';
    statements.push(
      `CREATE TEMP TRIGGER IF NOT EXISTS history_${table}_insert AFTER INSERT ON main."${table}" ${when} BEGIN INSERT INTO temp.history_capture (tbl, before, after) VALUES ('${table}', NULL, ${image('NEW')}); END`,
      `CREATE TEMP TRIGGER IF NOT EXISTS history_${table}_update AFTER UPDATE ON main."${table}" ${when} BEGIN INSERT INTO temp.history_capture (tbl, before, after) VALUES ('${table}', ${image('OLD')}, ${image('NEW')}); END`,
      `CREATE TEMP TRIGGER IF NOT EXISTS history_${table}_delete AFTER DELETE ON main."${table}" ${when} BEGIN INSERT INTO temp.history_capture (tbl, before, after) VALUES ('${table}', ${image('OLD')}, NULL); END`,
    );
  }
  for (const sql of statements) db.exec(sql);
  const state: ConnectionState = { tables, historyId: null, label: '', replaying: false };
  connections.set(db, state);
  return state;
}
