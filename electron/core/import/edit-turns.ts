// When an edit (a highlight saved, a code renamed, an undo) runs in the writer while an import
// runs there too. The edit is the user's own work: it must commit on its own, at once, and outlive
// whatever then happens to the import; the import's files must each stay all-or-nothing.
//
// Between files, an edit commits the batch of finished files (commitOpenBatch) and runs in a
// transaction of its own. A file is written in slices with a turn of the event loop between them
// (FileTurns); an edit sent meanwhile makes the file step aside: the file's savepoint is rolled
// back, the edit runs, and the file is written again from its start. At a million entries a file
// of 200 entries takes 40-140 ms to write (its rows go into seven indexes of a million keys each),
// which an edit waited for; now it waits for one slice (EDIT_SLICE_MS) and a rollback.
//
// A file steps aside at most `stepAsides` times: under a stream of edits faster than a file can be
// written it is then written to its end while the edits wait, so the import always gets on. A file
// read in parts (import-files.ts) is one transaction of many parts, far too much to write again:
// edits wait for its end instead (holdEdits).
import type { Db } from '../db/open-archive.ts';

/** Raised inside a file's write when an edit asked it to step aside; the file is written again after the edit. */
export class StepAside extends Error {
  constructor() {
    super('The file being written stepped aside for an edit.');
  }
}

interface EditState {
  /** The file being written, when one is. */
  file: FileTurns | null;
  /** The end of a file read in parts, when one is being written (holdEdits). */
  held: Promise<void> | null;
  /** Edits making their way or running: a file is not begun (or begun again) until they end. */
  inFlight: number;
  settled: (() => void)[];
  /** When an edit last ran (GroupCommit commits files one by one for a while after). */
  lastEdit: number;
}

const states = new WeakMap<Db, EditState>();

function state(db: Db): EditState {
  let s = states.get(db);
  if (!s) states.set(db, (s = { file: null, held: null, inFlight: 0, settled: [], lastEdit: -Infinity }));
  return s;
}

/**
 * Clears the way for an edit in the writer: waits for the end of a file read in parts, makes a file
 * being written step aside (or waits for its end when it may not), then commits the batch of
 * finished files so that the edit runs in a transaction of its own: readers see it at once and it
 * outlives a later failure or cancel of the import. Returns what to call when the edit has ended.
 */
export async function makeWayForEdit(db: Db): Promise<() => void> {
  const s = state(db);
  s.inFlight++;
  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    if (--s.inFlight === 0) for (const resolve of s.settled.splice(0)) resolve();
  };
  try {
    for (;;) {
      if (s.held) await s.held;
      else if (s.file) await s.file.makeWay();
      else break;
    }
    commitOpenBatch(db);
  } catch (error) {
    end();
    throw error;
  }
  return end;
}

/**
 * Commits the batch an import holds open between files (never inside one: makeWayForEdit sees to
 * that), and notes that an edit ran. Synchronous: nothing else runs before the edit.
 */
export function commitOpenBatch(db: Db): void {
  state(db).lastEdit = Date.now();
  if (db.inTransaction) db.exec('COMMIT');
}

/** When an edit last ran on this connection (-Infinity: never). */
export function lastEditAt(db: Db): number {
  return states.get(db)?.lastEdit ?? -Infinity;
}

/**
 * Holds the edits sent to the writer until `release` is called: while a file read in parts is
 * written (import-files.ts), the batch holds part of a file, which an edit must not commit.
 */
export function holdEdits(db: Db): () => void {
  const s = state(db);
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  s.held = held;
  return () => {
    if (s.held === held) s.held = null;
    release();
  };
}

/** Resolves once no edit is making its way or running. */
async function editsSettled(s: EditState): Promise<void> {
  while (s.inFlight > 0) await new Promise<void>((resolve) => s.settled.push(resolve));
}

/** How long a file is written between two turns of the event loop: an edit waits about this long, and a rollback. */
export const EDIT_SLICE_MS = 4;
/** How many times a file steps aside for edits before it is written to its end. */
export const STEP_ASIDES = 2;

/**
 * The turns of one file's write. The writer checks `due()` between entries and awaits `turn()`
 * when it is; `turn()` throws StepAside when an edit is waiting and the file may still step aside.
 * `end()` once the file's savepoint is released or rolled back.
 */
export class FileTurns {
  private readonly s: EditState;
  private readonly sliceMs: number;
  private readonly mayStepAside: boolean;
  private last = performance.now();
  private waiting: (() => void)[] = [];

  private constructor(s: EditState, sliceMs: number, mayStepAside: boolean) {
    this.s = s;
    this.sliceMs = sliceMs;
    this.mayStepAside = mayStepAside;
  }

  /** Begins a file's turns once no edit is in flight (an edit never sees half a file). */
  static async begin(db: Db, options: { sliceMs?: number; mayStepAside: boolean }): Promise<FileTurns> {
    const s = state(db);
    await editsSettled(s);
    const turns = new FileTurns(s, options.sliceMs ?? EDIT_SLICE_MS, options.mayStepAside);
    s.file = turns;
    return turns;
  }

  due(): boolean {
    return performance.now() - this.last >= this.sliceMs;
  }

  async turn(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.last = performance.now();
    if (this.waiting.length > 0 && this.mayStepAside) throw new StepAside();
  }

  /** What an edit waits for: this file's end, or its stepping aside (a rollback), whichever comes. */
  makeWay(): Promise<void> {
    return new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  /** The file is written or rolled back: the edits waiting for it may run. */
  end(): void {
    if (this.s.file === this) this.s.file = null;
    for (const resolve of this.waiting.splice(0)) resolve();
  }
}
