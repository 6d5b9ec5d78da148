// Highlights on real entries: offsets are code points of the entry text (title, blank line, body),
// so emoji, astral letters, combining marks and Persian with ZWNJ count as a reader sees them;
// editing, overlapping, deleting, and undo/redo bringing back the same id and GUID, across reopening.
import crypto from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Archive } from '../../../electron/core/archive.ts';
import type { Code, EntryAnnotations, Highlight, HistoryState, UndoResult } from '../../../shared/contract.ts';
import { codePointLength, entryText, sliceCodePoints } from '../../../shared/entry-text.ts';
import { tempDir } from '../../helpers/temp-dir.ts';
import { seedEntries } from '../search/helpers/seed-entries.ts';

const PERSIAN_TITLE = 'گزارش';
const PERSIAN_BODY = 'کتاب‌ها را به کتابخانه‌ی شهر بردیم.';
const EMOJI_BODY = 'Team 👩‍🔬 found 𝒳 = café (cafe\u0301) in 2021 🎉.';

describe('highlights', () => {
  const dir = tempDir();
  const file = path.join(dir, 'highlights.quire');
  let archive = new Archive(file);
  let persian: number;
  let emoji: number;
  let code: Code;
  beforeAll(() => {
    const seeded = seedEntries(archive, [
      { title: PERSIAN_TITLE, body: PERSIAN_BODY },
      { title: 'Lab', body: EMOJI_BODY },
    ]);
    [persian, emoji] = [seeded[0]!, seeded[1]!];
    code = archive.call('saveCode', { name: 'Finding' }) as Code;
  });
  afterAll(() => archive.close());

  const create = (entryId: number, start: number, end: number, codeIds: number[] = []) => archive.call('createHighlight', { entryId, start, end, codeIds }) as Highlight;
  const annotations = (entryId: number) => (archive.call('getEntryAnnotations', { entryId }) as EntryAnnotations).highlights;
  const cpIndex = (text: string, needle: string) => codePointLength(text.slice(0, text.indexOf(needle)));

  it('counts offsets in code points of the entry text and stores the exact passage with its context', () => {
    const text = entryText('Lab', EMOJI_BODY);
    // 👩‍🔬 is three code points (woman, ZWJ, microscope); 𝒳 one astral code point; é one plus a combining mark.
    for (const needle of ['👩‍🔬', '𝒳', 'cafe\u0301', '🎉']) {
      const start = cpIndex(text, needle);
      const h = create(emoji!, start, start + codePointLength(needle), [code.id]);
      expect(h.exact).toBe(needle);
      expect(h.exact).toBe(sliceCodePoints(text, h.start, h.end));
      expect(h.textHash).toBe(crypto.createHash('sha256').update(text).digest('hex'));
      expect(h.codes.map((c) => c.path)).toEqual(['Finding']);
    }
    const tada = annotations(emoji!).at(-1)!;
    expect(tada.prefix.endsWith('in 2021 ')).toBe(true);
    expect(tada.suffix).toBe('.');
    expect(tada.entryGuid).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('keeps ZWNJ inside a Persian passage and counts the title and blank line', () => {
    const text = entryText(PERSIAN_TITLE, PERSIAN_BODY);
    const word = 'کتابخانه‌ی';
    const start = cpIndex(text, word);
    expect(start).toBe(PERSIAN_TITLE.length + 2 + PERSIAN_BODY.indexOf(word));
    const h = create(persian!, start, start + codePointLength(word));
    expect(h.exact).toBe(word);
    expect(h.exact).toContain('\u200c');
    // Overlapping highlights are separate rows.
    const wider = create(persian!, start - 3, start + codePointLength(word) + 4);
    expect(wider.exact).toBe('به کتابخانه‌ی شهر');
    expect(annotations(persian!).map((x) => x.exact)).toEqual(['به کتابخانه‌ی شهر', 'کتابخانه‌ی']);
  });

  it('refuses a range outside the text, empty or reversed', () => {
    const length = codePointLength(entryText('Lab', EMOJI_BODY));
    expect(() => create(emoji!, 0, length + 1)).toThrow(/code points 0 to/);
    expect(() => create(emoji!, 5, 5)).toThrow(/must cover some/);
    expect(() => create(emoji!, 6, 5)).toThrow(/must cover some/);
    expect(() => archive.call('createHighlight', { entryId: 999_999, start: 0, end: 1 })).toThrow(/Entry 999999 is not in this archive/);
    expect(() => create(emoji!, 0, 1, [424242])).toThrow(/codes is not in this archive/);
  });

  it('edits range, codes and note, and undo/redo restore each step', () => {
    const other = archive.call('saveCode', { name: 'Other' }) as Code;
    const h = create(emoji!, 0, 3);
    const text = entryText('Lab', EMOJI_BODY);
    const resized = archive.call('updateHighlight', { id: h.id, start: 5, end: 9 }) as Highlight;
    expect(resized.exact).toBe(sliceCodePoints(text, 5, 9));
    archive.call('updateHighlight', { id: h.id, codeIds: [code.id, other.id] });
    archive.call('updateHighlight', { id: h.id, removeCodeIds: [code.id], note: 'check the date' });
    const edited = annotations(emoji!).find((x) => x.id === h.id)!;
    expect(edited.codes.map((c) => c.name)).toEqual(['Other']);
    expect(edited.note).toBe('check the date');
    archive.call('undo', undefined);
    expect(annotations(emoji!).find((x) => x.id === h.id)).toMatchObject({ note: null, codes: [{ name: 'Finding' }, { name: 'Other' }] });
    archive.call('undo', undefined);
    archive.call('undo', undefined);
    expect(annotations(emoji!).find((x) => x.id === h.id)).toMatchObject({ start: 0, end: 3, exact: 'Lab', codes: [] });
    archive.call('redo', undefined);
    expect(annotations(emoji!).find((x) => x.id === h.id)).toMatchObject({ start: 5, end: 9 });
  });

  it('deletes to the trash; undo brings back the same id and GUID; redo deletes again', () => {
    const h = create(persian!, 0, 5);
    expect(archive.call('deleteHighlight', { id: h.id })).toEqual({ deleted: true });
    expect(annotations(persian!).some((x) => x.id === h.id)).toBe(false);
    expect(archive.call('deleteHighlight', { id: h.id })).toEqual({ deleted: false });
    expect(archive.call('undo', undefined)).toMatchObject({ done: 'Delete highlight' });
    expect(annotations(persian!).find((x) => x.id === h.id)).toEqual(h);
    archive.call('redo', undefined);
    expect(annotations(persian!).some((x) => x.id === h.id)).toBe(false);
    // Undoing the creation removes the row; redoing it brings back the same id and GUID.
    archive.call('undo', undefined);
    archive.call('undo', undefined);
    expect(annotations(persian!).some((x) => x.id === h.id)).toBe(false);
    archive.call('redo', undefined);
    expect(annotations(persian!).find((x) => x.id === h.id)).toEqual(h);
  });

  it('keeps undo and redo across closing and reopening the archive, and a new change clears redo', () => {
    const h = create(emoji!, 1, 2);
    archive.call('undo', undefined);
    const state = archive.call('history', undefined) as HistoryState;
    expect(state.redo).toBe('New highlight');
    archive.close();
    archive = new Archive(file);
    expect(archive.call('history', undefined)).toEqual(state);
    expect((archive.call('redo', undefined) as UndoResult).done).toBe('New highlight');
    expect(annotations(emoji!).find((x) => x.id === h.id)?.guid).toBe(h.guid);
    archive.call('undo', undefined);
    create(emoji!, 2, 3);
    expect((archive.call('history', undefined) as HistoryState).redo).toBeNull();
    expect((archive.call('redo', undefined) as UndoResult).done).toBeNull();
  });
});
