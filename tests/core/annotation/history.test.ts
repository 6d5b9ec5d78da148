// The history module on its own: row images recorded, undone and redone, kept across reopening,
// the redo stack cleared by a new change, and the extension point for rows outside annotation.
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Archive } from '../../../electron/core/archive.ts';
import { currentHistoryId, historyState, recordChange, recordOp, redo, registerHistoryOp, setHistoryLimit, undo } from '../../../electron/core/annotation/history.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

describe('history', () => {
  const dir = tempDir();
  const file = path.join(dir, 'history.quire');
  let archive = new Archive(file);
  afterAll(() => archive.close());
  const now = '2026-01-01T00:00:00.000Z';
  const addCode = (name: string) =>
    recordChange(archive.db, `Add ${name}`, () =>
      Number(archive.db.prepare('INSERT INTO codes (guid, name, created_at, updated_at) VALUES (?, ?, ?, ?)').run(`g-${name}`, name, now, now).lastInsertRowid),
    );
  const names = () => (archive.db.prepare('SELECT name FROM codes WHERE deleted_at IS NULL ORDER BY id').all() as { name: string }[]).map((r) => r.name);

  it('undoes and redoes inserts and updates, bringing back the same id and GUID', () => {
    const a = addCode('Alpha');
    recordChange(archive.db, 'Rename Alpha', () => archive.db.prepare("UPDATE codes SET name = 'Beta' WHERE id = ?").run(a));
    expect(historyState(archive.db)).toEqual({ undo: 'Rename Alpha', redo: null });
    expect(undo(archive.db)).toEqual({ done: 'Rename Alpha', undo: 'Add Alpha', redo: 'Rename Alpha' });
    expect(names()).toEqual(['Alpha']);
    undo(archive.db);
    expect(names()).toEqual([]);
    redo(archive.db);
    expect(archive.db.prepare('SELECT id, guid FROM codes').get()).toEqual({ id: a, guid: 'g-Alpha' });
    redo(archive.db);
    expect(names()).toEqual(['Beta']);
    expect(redo(archive.db).done).toBeNull();
  });

  it('keeps the history when the archive is closed and reopened', () => {
    archive.close();
    archive = new Archive(file);
    expect(historyState(archive.db).undo).toBe('Rename Alpha');
    undo(archive.db);
    expect(names()).toEqual(['Alpha']);
  });

  it('clears the redo stack when a new change is made, and leaves no history for a change that touched nothing', () => {
    expect(historyState(archive.db).redo).toBe('Rename Alpha');
    addCode('Gamma');
    expect(historyState(archive.db)).toEqual({ undo: 'Add Gamma', redo: null });
    recordChange(archive.db, 'Nothing', () => archive.db.prepare("UPDATE codes SET name = 'x' WHERE id = -1").run());
    expect(historyState(archive.db).undo).toBe('Add Gamma');
  });

  it('rolls back a change that throws, recording nothing', () => {
    expect(() =>
      recordChange(archive.db, 'Broken', () => {
        archive.db.prepare("UPDATE codes SET name = 'Broken' WHERE name = 'Alpha'").run();
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(names()).toEqual(['Alpha', 'Gamma']);
    expect(historyState(archive.db).undo).toBe('Add Gamma');
  });

  it('calls a registered op at its place in the change, with the change id', () => {
    const calls: string[] = [];
    registerHistoryOp('test-op', {
      undo: (_db, payload, id) => calls.push(`undo ${String((payload as { n: number }).n)} ${id}`),
      redo: (_db, payload, id) => calls.push(`redo ${String((payload as { n: number }).n)} ${id}`),
    });
    let id = 0;
    recordChange(archive.db, 'With op', () => {
      id = currentHistoryId(archive.db);
      recordOp(archive.db, 'test-op', { n: 7 });
    });
    undo(archive.db);
    redo(archive.db);
    expect(calls).toEqual([`undo 7 ${id}`, `redo 7 ${id}`]);
  });

  it('keeps only the newest changes, telling a dropped op to forget its rows', () => {
    const forgotten: number[] = [];
    registerHistoryOp('forgetful', { undo: () => {}, redo: () => {}, forget: (_db, _p, id, undone) => forgotten.push(undone ? -id : id) });
    const previous = setHistoryLimit(3);
    try {
      let first = 0;
      recordChange(archive.db, 'Op change', () => {
        first = currentHistoryId(archive.db);
        recordOp(archive.db, 'forgetful', null);
      });
      for (const name of ['Delta', 'Epsilon', 'Zeta']) addCode(name);
      expect((archive.db.prepare('SELECT label FROM history ORDER BY id').all() as { label: string }[]).map((r) => r.label)).toEqual(['Add Delta', 'Add Epsilon', 'Add Zeta']);
      expect(forgotten).toEqual([first]);
      for (let i = 0; i < 3; i++) undo(archive.db);
      expect(undo(archive.db).done).toBeNull();
      expect(names()).toEqual(['Alpha', 'Gamma']);
    } finally {
      setHistoryLimit(previous);
    }
  });

  it('records nothing new while an op replays a change, so undo never clears its own redo', () => {
    registerHistoryOp('nested', {
      undo: (db) => recordChange(db, 'Inner', () => db.prepare("UPDATE codes SET description = 'undone' WHERE name = 'Alpha'").run()),
      redo: (db) => recordChange(db, 'Inner', () => db.prepare("UPDATE codes SET description = 'redone' WHERE name = 'Alpha'").run()),
    });
    recordChange(archive.db, 'Outer', () => recordOp(archive.db, 'nested', null));
    undo(archive.db);
    expect(historyState(archive.db)).toEqual({ undo: null, redo: 'Outer' });
    redo(archive.db);
    expect(historyState(archive.db)).toEqual({ undo: 'Outer', redo: null });
    expect(archive.db.prepare("SELECT description FROM codes WHERE name = 'Alpha'").get()).toEqual({ description: 'redone' });
  });
});
