// Re-anchoring a highlight on a new version of its text, and carrying an entry's highlights to
// another version: by position, by fuzzy quote, or orphaned and listed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reanchor } from '../../../electron/core/annotation/anchoring.ts';
import type { Archive } from '../../../electron/core/archive.ts';
import type { CarryResult, Code, Highlight, HighlightList } from '../../../shared/contract.ts';
import { codePointLength, entryText, quoteAt, sliceCodePoints } from '../../../shared/entry-text.ts';
import { tempDir } from '../../helpers/temp-dir.ts';
import { openTestArchive, seedEntries } from '../search/helpers/seed-entries.ts';

/** A highlight on `text` over the first occurrence of `passage`, as the archive stores it. */
function made(text: string, passage: string) {
  const start = codePointLength(text.slice(0, text.indexOf(passage)));
  const end = start + codePointLength(passage);
  return { start, end, ...quoteAt(text, start, end) };
}

const OLD = 'The council met on Monday. The mayor said the bridge would reopen in spring, after the repairs. Residents were not convinced.';

describe('reanchor', () => {
  it('keeps the position when the text there is unchanged', () => {
    const h = made(OLD, 'the bridge would reopen');
    expect(reanchor(h, OLD)).toEqual({ state: 'position', start: h.start, end: h.end });
    expect(reanchor(h, `${OLD} Added at the end.`).state).toBe('position');
  });

  it('finds the passage by its quote when text was inserted before it', () => {
    const h = made(OLD, 'the bridge would reopen');
    const text = OLD.replace('on Monday.', 'on Monday, after a long delay.');
    const r = reanchor(h, text);
    expect(r.state).toBe('fuzzy');
    expect(sliceCodePoints(text, r.start, r.end)).toBe('the bridge would reopen');
  });

  it('finds a slightly edited passage', () => {
    const h = made(OLD, 'the bridge would reopen in spring');
    const text = `Update. ${OLD.replace('would reopen in spring', 'will reopen in the spring')}`;
    const r = reanchor(h, text);
    expect(r.state).toBe('fuzzy');
    expect(sliceCodePoints(text, r.start, r.end)).toBe('the bridge will reopen in the spring');
  });

  it('prefers the occurrence whose context matches', () => {
    const old = 'First: the river rose. Second: the river fell.';
    const h = made(old, 'the river fell');
    const text = `Intro. ${old}`.replace('the river rose', 'the river fell');
    const r = reanchor(h, text);
    expect(r.state).toBe('fuzzy');
    expect(sliceCodePoints(text, r.start - 8, r.start)).toBe('Second: ');
  });

  it('orphans a passage that was removed, keeping clamped offsets', () => {
    const h = made(OLD, 'the bridge would reopen in spring, after the repairs');
    const text = 'The council met on Monday. Residents were not convinced.';
    const r = reanchor(h, text);
    expect(r.state).toBe('orphaned');
    expect(r.end).toBeLessThanOrEqual(codePointLength(text));
    expect(r.start).toBeLessThan(r.end);
  });

  it('counts RTL, combining marks and astral characters as code points when re-anchoring', () => {
    const old = 'خبر: کتاب‌ها را به کتابخانه‌ی شهر بردیم 📚 و cafe\u0301 𝒳 بسته بود.';
    for (const passage of ['کتابخانه‌ی شهر', 'cafe\u0301 𝒳', '📚']) {
      const h = made(old, passage);
      const text = `سلام 👋🏽 ${old}`;
      const r = reanchor(h, text);
      expect(r.state).toBe('fuzzy');
      expect(sliceCodePoints(text, r.start, r.end)).toBe(passage);
    }
    const h = made(old, 'کتابخانه‌ی شهر');
    const edited = old.replace('کتابخانه‌ی شهر', 'کتابخانهٔ شهر');
    const r = reanchor(h, edited);
    expect(r.state).toBe('fuzzy');
    expect(sliceCodePoints(edited, r.start, r.end)).toBe('کتابخانهٔ شهر');
  });
});

describe('reanchor on a long text', () => {
  // 150,000 characters of pseudo-random words (no passage repeats), a passage near the middle.
  let seed = 1;
  const rnd = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
  const text = Array.from({ length: 25_000 }, () => Array.from({ length: 2 + Math.floor(rnd() * 7) }, () => 'abcdefghijklmnoprstuvwy'[Math.floor(rnd() * 23)]).join('')).join(' ');
  const h = { start: 100_000, end: 100_300, ...quoteAt(text, 100_000, 100_300) };

  it('finds the passage moved, finds it edited, and orphans it removed', () => {
    const moved = `INSERTED ${text}`;
    expect(reanchor(h, moved)).toEqual({ state: 'fuzzy', start: 100_009, end: 100_309 });
    const edited = `INSERTED ${text.slice(0, 100_050)}CHANGED${text.slice(100_060)}`;
    const r = reanchor(h, edited);
    expect(r.state).toBe('fuzzy');
    expect(r.start).toBe(100_009);
    expect(Math.abs(r.end - 100_306)).toBeLessThanOrEqual(1);
    expect(reanchor(h, text.slice(0, 99_000) + text.slice(101_000))).toEqual({ state: 'orphaned', start: 100_000, end: 100_300 });
  });
});

describe('carryHighlights', () => {
  const dir = tempDir();
  let archive: Archive;
  let from: number;
  let to: number;
  let code: Code;
  beforeAll(() => {
    archive = openTestArchive(dir, 'carry');
    const newBody = OLD.replace('on Monday.', 'on Monday, after a long delay.').replace('Residents were not convinced.', 'Some residents agreed.');
    const seeded = seedEntries(archive, [
      { title: 'Bridge', body: OLD },
      { title: 'Bridge', body: newBody },
    ]);
    [from, to] = [seeded[0]!, seeded[1]!];
    code = archive.call('saveCode', { name: 'Infrastructure' }) as Code;
  });
  afterAll(() => archive.close());

  it('places each highlight on the new version by position, fuzzy quote or as an orphan, with the same codes and note', () => {
    const text = entryText('Bridge', OLD);
    const mark = (passage: string) => {
      const h = made(text, passage);
      return archive.call('createHighlight', { entryId: from!, start: h.start, end: h.end, codeIds: [code.id], note: `on ${passage}` }) as Highlight;
    };
    mark('The council met');
    mark('the bridge would reopen');
    mark('Residents were not convinced');
    const r = archive.call('carryHighlights', { fromEntryId: from!, toEntryId: to! }) as CarryResult;
    expect({ position: r.position, fuzzy: r.fuzzy, orphaned: r.orphaned }).toEqual({ position: 1, fuzzy: 1, orphaned: 1 });
    const byAnchor = Object.fromEntries(r.highlights.map((h) => [h.anchor, h]));
    expect(byAnchor['position']!.exact).toBe('The council met');
    expect(byAnchor['fuzzy']!.exact).toBe('the bridge would reopen');
    expect(byAnchor['orphaned']!.exact).toBe('Residents were not convinced');
    for (const h of r.highlights) {
      expect(h.entryId).toBe(to);
      expect(h.codes.map((c) => c.name)).toEqual(['Infrastructure']);
      expect(h.note).toBe(`on ${h.exact}`);
    }
    const orphans = archive.call('listHighlights', { orphaned: true }) as HighlightList;
    expect(orphans.items.map((h) => [h.exact, h.entryExists])).toEqual([['Residents were not convinced', true]]);
    // One change: undo removes all three copies, the originals stay.
    archive.call('undo', undefined);
    expect((archive.call('listHighlights', {}) as HighlightList).items.every((h) => h.entryId === from)).toBe(true);
  });
});
