// The social-account Markdown export and the labelled digest through the whole import: what the
// archive stores for each post, and that each entry's original still shows its body verbatim.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { EntryDetail, ImportReport } from '../../../../shared/contract.ts';
import { Archive } from '../../../../electron/core/archive.ts';
import { tempDir } from '../../../helpers/temp-dir.ts';
import { LABELLED_DIGEST, SOCIAL_MARKDOWN } from './post-dump-fixtures.ts';

interface Row {
  id: number;
  title: string;
  body: string;
  date: string | null;
  author: string | null;
  outlet: string | null;
  url: string | null;
}

describe('social exports and labelled digests, imported', () => {
  const dir = tempDir('quire-post-dumps-');
  const archive = new Archive(path.join(dir, 'posts.quire'));
  afterAll(() => archive.close());
  const importText = async (name: string, text: string) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    const report = (await archive.call('importFiles', { paths: [file] })) as ImportReport;
    expect(report.files[0]).toMatchObject({ status: 'imported' });
    return archive.db
      .prepare(
        `SELECT e.id, e.title, e.body, e.date, e.author, e.outlet, e.url
           FROM entries e JOIN entry_sources es ON es.entry_id = e.id JOIN sources s ON s.id = es.source_id
          WHERE s.name = ? ORDER BY es.ordinal`,
      )
      .all(name) as Row[];
  };

  const expectBodiesTraceable = async (rows: Row[], file: string) => {
    for (const row of rows) {
      const entry = (await archive.call('getEntry', { id: row.id })) as EntryDetail;
      const prov = entry.provenance[0]!;
      expect(file.slice(prov.bodyStart!, prov.bodyEnd!)).toBe(row.body);
      if (!row.body) continue;
      const original = await archive.call('getEntryOriginal', { id: row.id, sourceId: prov.sourceId });
      // A post that is one short sentence is its own title, and marked once, as the title.
      const mark = original.marks.find((m) => m.field === (row.body === row.title ? 'title' : 'body'))!;
      expect(mark.verbatim).toBe(true);
      expect(original.text.slice(mark.start, mark.end)).toBe(row.body);
    }
  };

  it('stores each social post with its account, link and date, and no entry for the export heading', async () => {
    const rows = await importText('channel-export.md', SOCIAL_MARKDOWN);
    expect(rows.map((r) => [r.author, r.url, r.date])).toEqual([
      ['@harbour_watch', 'https://example.org/harbour_watch/101', null],
      ['@harbour_watch', 'https://example.org/harbour_watch/102', '2021-04-03'],
      ['@harbour_watch', 'https://example.org/harbour_watch/103', '2021-04-05'],
      ['@tidal_notes_kerrow', 'https://example.org/tidal_notes_kerrow/7', '2021-04-09'],
      ['@tidal_notes_kerrow', 'https://example.org/tidal_notes_kerrow/8', null],
    ]);
    expect(rows.every((r) => r.title && r.title !== 'channel-export.md' && r.body && !r.body.includes('[Source]'))).toBe(true);
    await expectBodiesTraceable(rows, SOCIAL_MARKDOWN);
  });

  it('stores each digest record with its labelled fields and no placeholder as text', async () => {
    const rows = await importText('press-digest.txt', LABELLED_DIGEST);
    expect(rows.map((r) => [r.title, r.outlet, r.date, r.url])).toEqual([
      ['Ferry fares to rise in spring', 'The Harbour Ledger', '2019-03-12', 'https://example.org/ledger/ferry-fares'],
      ['Lifeboat crew rescues kayakers off Dunmore Head', 'Western Coast Radio', '2019-03-13', 'https://example.org/wcr/lifeboat'],
      ['Pier repairs delayed until summer', 'Kerrow Gazette', '2019-03-14', 'https://example.org/gazette/pier'],
      ['Harbour master retires after thirty years', 'The Harbour Ledger', '2019-03-15', 'https://example.org/ledger/harbour-master'],
    ]);
    expect(rows[2]!.body).toBe('');
    expect(rows.some((r) => /Article No\.|No summary available|No content|\[no text\]/u.test(r.body))).toBe(false);
    await expectBodiesTraceable(rows, LABELLED_DIGEST);
  });
});
