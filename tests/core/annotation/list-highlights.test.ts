// The annotations list: filters (a code with its sub-codes, collection, tag, outlet, author,
// dates, folded text, orphans), sorting and paging, and orphans of a deleted entry listed with
// the title kept in the trash.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setDatedWalkMax, setWalkFrom } from '../../../electron/core/annotation/list-highlights.ts';
import type { Archive } from '../../../electron/core/archive.ts';
import type { Code, Highlight, HighlightList, HighlightQuery } from '../../../shared/contract.ts';
import { codePointLength, entryText } from '../../../shared/entry-text.ts';
import { tempDir } from '../../helpers/temp-dir.ts';
import { openTestArchive, seedEntries } from '../search/helpers/seed-entries.ts';

const ENTRIES = [
  { title: 'Harvest', body: 'The Café du Port served the harvest festival.', date: '2020-09-14', outlet: 'Gazette', author: 'Ann Lee' },
  { title: 'Drought', body: 'A long drought hit the northern farms.', date: '2021-06-02', outlet: 'Herald', author: 'Bo Chen' },
  { title: 'Rain', body: 'Rain returned to the farms in autumn.', date: '2021-10-20', outlet: 'Herald', author: 'Ann Lee' },
  { title: 'Undated', body: 'Farmers met without a date on record.' },
];

describe('listHighlights', () => {
  const dir = tempDir();
  let archive: Archive;
  let ids: number[];
  let farming: Code;
  let crops: Code;
  let weather: Code;
  const made: Highlight[] = [];
  beforeAll(() => {
    archive = openTestArchive(dir, 'list');
    ids = seedEntries(archive, ENTRIES);
    farming = archive.call('saveCode', { name: 'Farming' }) as Code;
    crops = archive.call('saveCode', { name: 'Crops', parentId: farming.id }) as Code;
    weather = archive.call('saveCode', { name: 'Weather' }) as Code;
    const mark = (i: number, passage: string, codeIds: number[], note: string | null = null) => {
      const e = ENTRIES[i]!;
      const text = entryText(e.title, e.body);
      const start = codePointLength(text.slice(0, text.indexOf(passage)));
      made.push(archive.call('createHighlight', { entryId: ids[i]!, start, end: start + codePointLength(passage), codeIds, note }) as Highlight);
    };
    mark(0, 'Café du Port', [farming.id], 'a landmark');
    mark(0, 'harvest festival', [crops.id]);
    mark(1, 'long drought', [weather.id, crops.id]);
    mark(2, 'Rain returned', [weather.id]);
    mark(3, 'Farmers met', [farming.id]);
  });
  afterAll(() => archive.close());

  const list = (q: HighlightQuery) => archive.call('listHighlights', q) as HighlightList;
  const exacts = (q: HighlightQuery) => list(q).items.map((h) => h.exact);

  it('filters by a code and all its sub-codes', () => {
    expect(exacts({ codeId: farming.id, sort: 'entry' })).toEqual(['Café du Port', 'harvest festival', 'long drought', 'Farmers met']);
    expect(exacts({ codeId: crops.id, sort: 'entry' })).toEqual(['harvest festival', 'long drought']);
    expect(list({ codeId: weather.id }).total).toBe(2);
  });

  it('filters by folded text in the quote or the note', () => {
    expect(exacts({ text: 'cafe' })).toEqual(['Café du Port']);
    expect(exacts({ text: 'LANDMARK' })).toEqual(['Café du Port']);
    expect(exacts({ text: 'long drou' })).toEqual(['long drought']);
    expect(exacts({ text: 'nothing like this' })).toEqual([]);
  });

  it('filters by entry date, outlet, author and tag', () => {
    expect(exacts({ dateFrom: '2021', sort: 'date-asc' })).toEqual(['long drought', 'Rain returned']);
    expect(exacts({ dateFrom: '2021-01-01', dateTo: '2021-06', sort: 'date-asc' })).toEqual(['long drought']);
    expect(exacts({ dateTo: '2020', sort: 'date-asc' })).toEqual(['Café du Port', 'harvest festival']);
    expect(exacts({ outlet: 'Herald', sort: 'date-asc' })).toEqual(['long drought', 'Rain returned']);
    expect(exacts({ author: 'Ann Lee', codeId: weather.id })).toEqual(['Rain returned']);
    const now = new Date().toISOString();
    const tag = archive.db.prepare("INSERT INTO tags (guid, name, created_at) VALUES ('t-1', 'dry', ?)").run(now).lastInsertRowid;
    archive.db.prepare('INSERT INTO entry_tags (entry_id, tag_id, created_at) VALUES (?, ?, ?)').run(ids[1], tag, now);
    expect(exacts({ tag: 'Dry' })).toEqual(['long drought']);
  });

  it('filters by collection: highlights added to it and highlights on entries added to it', () => {
    const now = new Date().toISOString();
    const c = archive.db.prepare("INSERT INTO collections (guid, name, created_at, updated_at) VALUES ('c-1', 'Chapter 2', ?, ?)").run(now, now).lastInsertRowid;
    archive.db.prepare('INSERT INTO collection_entries (collection_id, entry_id, position, added_at) VALUES (?, ?, 0, ?)').run(c, ids[2], now);
    archive.db.prepare('INSERT INTO collection_highlights (collection_id, highlight_id, position, added_at) VALUES (?, ?, 0, ?)').run(c, made[0]!.id, now);
    expect(exacts({ collectionId: Number(c), sort: 'entry' })).toEqual(['Café du Port', 'Rain returned']);
  });

  it('sorts by entry date (undated last), entry, or newest first, and pages with a total', () => {
    expect(exacts({ sort: 'date-desc' })).toEqual(['Rain returned', 'long drought', 'Café du Port', 'harvest festival', 'Farmers met']);
    expect(exacts({ sort: 'date-asc' }).at(-1)).toBe('Farmers met');
    expect(exacts({})).toEqual(['Farmers met', 'Rain returned', 'long drought', 'harvest festival', 'Café du Port']);
    const page = list({ sort: 'entry', limit: 2, offset: 2 });
    expect(page.total).toBe(5);
    expect(page.items.map((h) => h.exact)).toEqual(['long drought', 'Rain returned']);
    expect(page.items[0]).toMatchObject({ entryTitle: 'Drought', entryDate: '2021-06-02', entryOutlet: 'Herald', entryAuthor: 'Bo Chen', entryExists: true, direction: 'ltr' });
    expect(page.items[0]!.codes.map((c) => c.path)).toEqual(['Farming/Crops', 'Weather']);
  });

  it('lists the highlights of a deleted entry as orphans, titled from the trash, and leaves out deleted highlights', () => {
    // The entry goes to the trash as deleteEntries leaves it: its row verbatim in trash_entries.
    const db = archive.db;
    db.transaction(() => {
      db.prepare(
        `INSERT INTO trash_entries (id, title, body, date, date_source, author, outlet, url, language, direction, content_hash, near_group, minhash, created_at, guid, deleted_at, history_id)
         SELECT id, title, body, date, date_source, author, outlet, url, language, direction, content_hash, near_group, minhash, created_at, guid, ?, 0 FROM entries WHERE id = ?`,
      ).run(new Date().toISOString(), ids[1]);
      db.prepare('DELETE FROM entries WHERE id = ?').run(ids[1]);
    })();
    const orphans = list({ orphaned: true });
    expect(orphans.items.map((h) => [h.exact, h.entryTitle, h.entryExists, h.entryDate])).toEqual([['long drought', 'Drought', false, '2021-06-02']]);
    expect(exacts({ codeId: weather.id, sort: 'entry' })).toEqual(['long drought', 'Rain returned']);
    archive.call('deleteHighlight', { id: made[3]!.id });
    expect(exacts({ codeId: weather.id })).toEqual(['long drought']);
  });

  it('pages by entry date the same whether it walks the entries in date order or sorts every match', () => {
    // Besides a deleted entry's highlight (its date from the trash) and an undated entry's, one
    // whose entry is in neither table (no date: last), and more highlights on dated entries.
    const now = new Date().toISOString();
    archive.db
      .prepare("INSERT INTO highlights (guid, entry_id, entry_guid, start, end, exact, text_hash, created_at, updated_at) VALUES ('h-ghost', 99999, '', 0, 3, 'ghost', '', ?, ?)")
      .run(now, now);
    const e = ENTRIES[2]!;
    archive.call('createHighlight', { entryId: ids[2]!, start: 0, end: codePointLength(e.title), codeIds: [farming.id] });
    archive.call('createHighlight', { entryId: ids[0]!, start: 0, end: 3, codeIds: [crops.id] });
    const pages = (datedWalk: number) => {
      const previousDated = setDatedWalkMax(datedWalk);
      const previousWalk = setWalkFrom(1);
      try {
        const out: [string, number | undefined, number, number, string[], number][] = [];
        for (const sort of ['date-desc', 'date-asc'] as const) {
          for (const codeId of [undefined, farming.id]) {
            for (const limit of [1, 2, 3]) {
              for (let offset = 0; offset <= 7; offset++) {
                const page = list({ sort, codeId, limit, offset });
                out.push([sort, codeId, limit, offset, page.items.map((h) => h.exact), page.total]);
              }
            }
          }
        }
        return out;
      } finally {
        setDatedWalkMax(previousDated);
        setWalkFrom(previousWalk);
      }
    };
    const sorted = pages(0);
    // One at a time, newest entry first: the entry in the trash by its date, the undated entry's and then the one with no entry last.
    expect(sorted.filter(([sort, codeId, limit]) => sort === 'date-desc' && codeId === undefined && limit === 1).map((p) => p[4][0] ?? null)).toEqual([
      'Rain',
      'long drought',
      'Har',
      'Café du Port',
      'harvest festival',
      'Farmers met',
      'ghost',
      null,
    ]);
    expect(pages(Number.POSITIVE_INFINITY)).toEqual(sorted);
  });
});
