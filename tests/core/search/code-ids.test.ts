// A code: filter's sub-codes are worked out once and kept until the codebook changes
// (search/code-ids.ts). Every codebook edit (move, rename, merge, delete, undo, redo, a change
// rolled back) must be seen by the very next search, on the connection that made it and on
// another one (a reader worker, another process).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Archive } from '../../../electron/core/archive.ts';
import { CodeIds } from '../../../electron/core/search/code-ids.ts';
import { filterSql, requestFilters, type SqlFilter } from '../../../electron/core/search/sql-filters.ts';
import type { Code, SearchRequest, SearchResult } from '../../../shared/contract.ts';
import { tempDir } from '../../helpers/temp-dir.ts';
import { smallCodebook } from './helpers/small-codebook.ts';
import { openTestArchive, seedEntries, titles } from './helpers/seed-entries.ts';

describe('code: filters after codebook edits', () => {
  const dir = tempDir();
  let writer: Archive;
  let reader: Archive;
  let code: Record<string, Code>;

  beforeAll(() => {
    ({ writer, reader, code } = smallCodebook(dir, 'code-ids'));
  });
  afterAll(() => {
    reader.close();
    writer.close();
  });

  /** The hits' titles through the connection that edits the codebook and through a read-only one: they must agree. */
  const hits = (req: Partial<SearchRequest> & { query: string }): string[] => {
    const full = { limit: 50, ...req };
    const own = titles(writer.call('search', full) as SearchResult);
    const other = titles(reader.call('search', full) as SearchResult);
    expect(other, `${req.query} on another connection`).toEqual(own);
    return own;
  };
  /** `code:VALUE` alone, with a word, and as a code facet selection (by path) where one is given. */
  const coded = (value: string, path?: string): string[] => {
    const alone = hits({ query: `code:${value}` });
    expect(hits({ query: `report code:${value}` }), `report code:${value}`).toEqual(alone);
    if (path) expect(hits({ query: '', filters: { code: [path] } }), `facet ${path}`).toEqual(alone);
    return alone;
  };

  it('before any edit: a code with its sub-codes', () => {
    expect(coded('Weather', 'Weather')).toEqual(['Gale', 'Hailstones']);
    expect(coded('Economy', 'Economy')).toEqual(['Bread', 'Budget', 'Diesel']);
  });

  it('a code moved under another is found under its new parent, not its old one', () => {
    writer.call('saveCode', { id: code['Storms']!.id, parentId: code['Economy']!.id });
    expect(coded('Weather', 'Weather')).toEqual([]);
    expect(coded('Economy', 'Economy')).toEqual(['Bread', 'Budget', 'Diesel', 'Gale', 'Hailstones']);
    expect(coded('Economy/Storms', 'Economy/Storms')).toEqual(['Gale', 'Hailstones']);
    expect(coded('Weather/Storms')).toEqual([]);
  });

  it('a renamed code answers to its new name only', () => {
    writer.call('saveCode', { id: code['Prices']!.id, name: 'Costs' });
    expect(coded('Prices')).toEqual([]);
    expect(coded('Costs', 'Economy/Costs')).toEqual(['Bread', 'Diesel']);
  });

  it('a merge brings the merged code’s sub-codes under the code it went into', () => {
    writer.call('mergeCodes', { from: code['Prices']!.id, into: code['Storms']!.id });
    expect(coded('Costs')).toEqual([]);
    // Fuel was a sub-code of Costs: its entry is now under Storms.
    expect(coded('Storms', 'Economy/Storms')).toEqual(['Bread', 'Diesel', 'Gale', 'Hailstones']);
    expect(coded('Economy/Storms/Fuel', 'Economy/Storms/Fuel')).toEqual(['Diesel']);
  });

  it('a deleted code no longer matches, and undo and redo are seen at once', () => {
    writer.call('deleteCode', { id: code['Storms']!.id, mode: 'move-up' });
    expect(coded('Storms')).toEqual([]);
    expect(coded('Economy/Hail', 'Economy/Hail')).toEqual(['Hailstones']);
    // Gale and Bread carried only Storms (Bread since the merge): their highlights lost it.
    expect(coded('Economy')).toEqual(['Budget', 'Diesel', 'Hailstones']);

    writer.call('undo', undefined);
    expect(coded('Storms', 'Economy/Storms')).toEqual(['Bread', 'Diesel', 'Gale', 'Hailstones']);
    expect(coded('Economy/Hail')).toEqual([]);

    writer.call('redo', undefined);
    expect(coded('Storms')).toEqual([]);
    expect(coded('Economy/Hail', 'Economy/Hail')).toEqual(['Hailstones']);
  });

  it('a codebook change rolled back is not seen, though a search ran inside it', () => {
    expect(() =>
      writer.db.transaction(() => {
        writer.db.prepare('UPDATE codes SET name = ? WHERE id = ?').run('Climate', code['Weather']!.id);
        writer.db.prepare('UPDATE codes SET parent_id = ? WHERE id = ?').run(code['Weather']!.id, code['Fuel']!.id);
        expect(titles(writer.call('search', { query: 'code:Climate', limit: 50 }) as SearchResult)).toEqual(['Diesel']);
        throw new Error('rolled back');
      })(),
    ).toThrow('rolled back');
    expect(coded('Climate')).toEqual([]);
    expect(coded('Weather', 'Weather')).toEqual([]);
    expect(coded('Fuel', 'Economy/Fuel')).toEqual(['Diesel']);
  });
});

describe('code ids worked out in JavaScript, against the same worked out in SQL', () => {
  const dir = tempDir();
  let archive: Archive;
  const names: string[] = [];
  const paths: string[] = [];

  beforeAll(() => {
    archive = openTestArchive(dir, 'code-ids-sql');
    const save = (name: string, parent?: Code) => {
      const c = archive.call('saveCode', { name, parentId: parent?.id ?? null }) as Code;
      names.push(name);
      paths.push(c.path);
      return c;
    };
    const harm = save('Harm');
    const flood = save('Flood damage', harm);
    save('Crop loss', flood);
    save('Flood damage', save('Response'));
    const economy = save('Économie');
    save('Prix / coûts', economy);
    const gone = save('Gone', economy);
    save('Orphan', gone);
    save('İstanbul');
    const all = archive.call('listCodes', undefined) as Code[];
    // One entry per code, highlighted with it alone: an entry set names a code set exactly.
    const ids = seedEntries(archive, all.map((c) => ({ title: c.path, body: `notes on ${c.name}` })));
    all.forEach((c, i) => archive.call('createHighlight', { entryId: ids[i]!, start: 0, end: 5, codeIds: [c.id] }));
    // A trashed parent with a live child (the SQL then roots the child's path at the child).
    archive.db.prepare("UPDATE codes SET deleted_at = '2026-01-01T00:00:00Z' WHERE name = 'Gone'").run();
  });
  afterAll(() => archive.close());

  const entries = (f: SqlFilter) => (archive.db.prepare(`SELECT DISTINCT id FROM (${f.ids}) ORDER BY id`).pluck().all(...f.params) as number[]).join(',');

  it('code:VALUE picks the same entries for every name, path, case and accent variant', () => {
    const codes = new CodeIds(archive.db);
    const values = [...names, ...paths, 'harm', 'HARM/flood DAMAGE', 'economie', 'Economie/Prix \\/ coûts', 'Orphan', 'Économie/Gone/Orphan', 'Gone', 'istanbul', 'Flood', 'nothing'];
    let found = 0;
    for (const value of values) {
      const node = { kind: 'filter', field: 'code', value, pos: 0 } as const;
      const sql = entries(filterSql(node));
      expect(entries(filterSql(node, codes)), `code:${value}`).toBe(sql);
      if (sql !== '') found++;
    }
    expect(found).toBeGreaterThan(names.length);
  });

  it('a code facet selection picks the same entries for every path', () => {
    const codes = new CodeIds(archive.db);
    for (const selected of [...paths.map((p) => [p]), ['Harm/Flood damage', 'Response'], ['harm'], ['Orphan']]) {
      const [sql] = requestFilters({ code: selected }, null, null);
      const [bound] = requestFilters({ code: selected }, null, null, undefined, codes);
      expect(entries(bound!), selected.join(' + ')).toBe(entries(sql!));
    }
  });
});
