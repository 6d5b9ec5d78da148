// Splitting scraped text dumps into entries: the shapes real dumps take, and each rule on its own.
import { describe, expect, it } from 'vitest';
import { splitTextDump } from '../../../../electron/core/import/split/split-text-dump.ts';
import { DIGEST, TEASER_LIST } from './dump-fixtures.ts';

describe('a teaser list (title / paragraph / Read more, no dates, no header)', () => {
  const { header, entries, separators } = splitTextDump(TEASER_LIST);

  it('yields one entry per block with its title and no date', () => {
    expect(header).toBeNull();
    expect(entries.map((e) => e.title)).toEqual([
      'Otters return to the lower Willowbend',
      'Reed beds planted at Hollow Ford',
      'Open letter to the county water board',
      'Winter litter pick draws record turnout',
      'Trust welcomes new rules on sewage overflows',
    ]);
    expect(entries.every((e) => e.date === null && e.dateSource === null)).toBe(true);
  });

  it('keeps "Read more" out of every entry and truncated teasers as they are', () => {
    expect(separators).toHaveLength(5);
    for (const e of entries) {
      expect(TEASER_LIST.slice(e.start, e.end)).not.toContain('Read more');
      expect(e.body).not.toContain('Read more');
    }
    expect(entries[2]!.body.startsWith('… We ask the board')).toBe(true);
    expect(entries[2]!.body.endsWith('to account …')).toBe(true);
  });

  it('spans run from the title line through the end of the body', () => {
    const e = entries[1]!;
    expect(TEASER_LIST.slice(e.start, e.end)).toBe(`${e.title}\n\n${e.body}`);
  });
});

describe('a digest (site header, titles, Posted on, attributions, link titles)', () => {
  const { header, entries } = splitTextDump(DIGEST);

  it('returns the site header apart, not as an entry', () => {
    expect(header).toMatchObject({
      siteName: 'Willowbend River Trust',
      author: 'Willowbend River Trust',
      handles: ['Twitter: WillowbendTrust'],
      start: 0,
    });
    expect(header!.description).toMatch(/^The Willowbend River Trust – a volunteer group/u);
    expect(DIGEST.slice(header!.start, header!.end).endsWith('Twitter: WillowbendTrust')).toBe(true);
    expect(entries.some((e) => e.body.includes('Twitter:') || e.title.includes('Author'))).toBe(false);
  });

  it('yields each post with its Posted on date, author and outlet', () => {
    expect(entries.map((e) => [e.title, e.date, e.dateSource, e.author, e.outlet])).toEqual([
      ['Fish ladder opens at the old mill – Willowbend Weekly Digest – Sep 10, 2019', '2019-09-11', 'posted-on', null, 'Willowbend River Trust'],
      ['Why the estuary needs its mudflats', '2019-08-23', 'posted-on', 'Nora Fenwick', 'Coastal Courier'],
      ['Council delays decision on gravel quarry', '2019-08-16', 'posted-on', 'Owen Tull', 'Valley Gazette'],
      ['River festival returns after two quiet years', '2019-08-12', 'posted-on', null, 'Radio Willow'],
      ['Drought Warnings – Willowbend Weekly Digest – Jul 30, 2019', '2019-08-01', 'posted-on', null, null],
    ]);
  });

  it('keeps the attribution in the body and trims the title repeated as link text', () => {
    const [fish, mudflats, quarry, festival, drought] = entries as [typeof entries[0], typeof entries[0], typeof entries[0], typeof entries[0], typeof entries[0]];
    expect(fish.body.startsWith('Willowbend River Trust, September 11  2019:… The fish ladder')).toBe(true);
    expect(fish.body.endsWith('to the project.')).toBe(true); // shortened title trimmed
    expect(mudflats.body.endsWith('need it most.')).toBe(true); // exact title trimmed
    expect(quarry.body.endsWith('letters of objection arrived.')).toBe(true); // lengthened title trimmed
    expect(festival.body.endsWith('they had seen..')).toBe(true);
    expect(drought.body.endsWith('where they can.')).toBe(true);
    // The span still holds the link text: it is where the entry came from.
    expect(DIGEST.slice(quarry.start, quarry.end).endsWith('near the river bend')).toBe(true);
  });
});

describe('splitting rules', () => {
  it('a text with no recognisable structure is one entry, nothing lost', () => {
    const text = 'Some notes taken at the meeting. The river was high.\nWe talked about the weir.\n\nA second paragraph follows here, and it ends.';
    const { header, entries } = splitTextDump(text);
    expect(header).toBeNull();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ title: '', body: text, start: 0, end: text.length, date: null });
  });

  it('an empty or blank text has no entries', () => {
    expect(splitTextDump('').entries).toEqual([]);
    expect(splitTextDump('  \n\n \n').entries).toEqual([]);
  });

  it.each([
    ['----'],
    ['===='],
    ['***'],
    ['___'],
    ['* * *'],
    ['Continue reading'],
    ['Continue reading →'],
    ['Read More »'],
    ['[Read more]'],
    ['more…'],
    ['(more...)'],
    ['Continue reading “Bank repairs”'],
  ])('"%s" separates posts and belongs to neither', (sep) => {
    const text = `Bank repairs\n\nThe east bank was shored up.\n\n${sep}\n\nNew footbridge\n\nThe footbridge opened on Friday.`;
    const { entries, separators } = splitTextDump(text);
    expect(entries.map((e) => e.title)).toEqual(['Bank repairs', 'New footbridge']);
    expect(separators).toEqual([{ start: text.indexOf(sep), end: text.indexOf(sep) + sep.length }]);
  });

  it('"Read more" right under a paragraph (no blank line) still separates', () => {
    const text = 'Bank repairs\n\nThe east bank was shored up.\nRead more\nNew footbridge\n\nThe footbridge opened.';
    const { entries } = splitTextDump(text);
    expect(entries.map((e) => [e.title, e.body])).toEqual([
      ['Bank repairs', 'The east bank was shored up.'],
      ['New footbridge', 'The footbridge opened.'],
    ]);
  });

  it('the word "more" inside prose is not a separator', () => {
    expect(splitTextDump('Water levels\n\nWe need more\ndata before spring.').entries).toHaveLength(1);
  });

  it('three or more blank lines separate; two do not', () => {
    expect(splitTextDump('First note\n\nalpha text here\n\n\n\nSecond note\n\nbeta text here').entries).toHaveLength(2);
    expect(splitTextDump('First note\n\nalpha text here\n\n\nSecond note\n\nbeta text here').entries).toHaveLength(1);
  });

  it('a title followed by a date line starts a post even without separators', () => {
    const text = 'Spring count\n\nAugust 23, 2021\n\nWe counted herons.\n\nAutumn count\n\n23.10.2021\n\nWe counted egrets.';
    const { entries } = splitTextDump(text);
    expect(entries.map((e) => [e.title, e.date, e.dateSource, e.body])).toEqual([
      ['Spring count', '2021-08-23', 'dated-line', 'We counted herons.'],
      ['Autumn count', '2021-10-23', 'dated-line', 'We counted egrets.'],
    ]);
  });

  it('a date line closing a post dates it and starts no new post', () => {
    const text = 'Spring count\n\nWe counted herons.\n\n23 Aug 2021\n\nRead more\n\nAutumn count\n\nWe counted egrets.\n\n24.10.2021';
    const { entries } = splitTextDump(text);
    expect(entries.map((e) => [e.title, e.date, e.dateSource, e.body])).toEqual([
      ['Spring count', '2021-08-23', 'dated-line', 'We counted herons.'],
      ['Autumn count', '2021-10-24', 'dated-line', 'We counted egrets.'],
    ]);
    expect(text.slice(entries[1]!.start, entries[1]!.end).endsWith('24.10.2021')).toBe(true);
  });

  it('a title with its date on the next line (no blank) is still read', () => {
    const { entries } = splitTextDump('Spring count\nPosted on: 2021-08-23\nWe counted herons along the bank.');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ title: 'Spring count', date: '2021-08-23', dateSource: 'posted-on', body: 'We counted herons along the bank.' });
  });

  it('a long line or a sentence with a final period is not a title', () => {
    const long = 'x'.repeat(170);
    expect(splitTextDump(`${long}\n\nbody text`).entries[0]!.title).toBe('');
    expect(splitTextDump('The weir was repaired.\n\nbody text').entries[0]!.title).toBe('');
    expect(splitTextDump('The weir was repaired?\n\nbody text').entries[0]!.title).toBe('The weir was repaired?');
  });

  it('the attribution date fills the entry date when there is no Posted on line', () => {
    const { entries } = splitTextDump('Heron colony grows\n\nMia Lund, Fenland Post, 23rd August 2021:… The colony now has forty nests.');
    expect(entries[0]).toMatchObject({ date: '2021-08-23', dateSource: 'attribution', author: 'Mia Lund', outlet: 'Fenland Post' });
  });

  it('attributions: outlet only, outlet with place, and prose that is not an attribution', () => {
    const one = (body: string) => splitTextDump(`A title\n\n${body}`).entries[0]!;
    expect(one('Valley Gazette, 23 Aug 2021: The weir held.')).toMatchObject({ author: null, outlet: 'Valley Gazette', date: '2021-08-23' });
    expect(one('Radio Willow, Paris, 23 Aug 2021:… The weir held.')).toMatchObject({ author: null, outlet: 'Radio Willow' });
    expect(one('Mia Lund, Fenland Post, 23 Aug 2021 — The weir held.')).toMatchObject({ author: 'Mia Lund', outlet: 'Fenland Post', date: '2021-08-23' });
    expect(one('The board met on August 23 2021: the weir held.')).toMatchObject({ author: null, outlet: null, date: null });
    expect(one('The board met on August 23 2021 — the weir held.')).toMatchObject({ author: null, outlet: null, date: null });
    expect(one('At 12:30 the weir held.')).toMatchObject({ author: null, outlet: null, date: null });
  });

  it('a date at the end of the title is used when nothing else dates the post', () => {
    const { entries } = splitTextDump('Weekly Digest – Sep 10, 2021\n\nNews of the week from the river.');
    expect(entries[0]).toMatchObject({ date: '2021-09-10', dateSource: 'title' });
  });

  it('a body ending with a sentence that merely starts like the title keeps it', () => {
    const { entries } = splitTextDump('The river council met\n\nIt was a long evening. The river council met again on Friday.');
    expect(entries[0]!.body).toBe('It was a long evening. The river council met again on Friday.');
  });

  it('dd/mm slash dates are read day-first when the file shows it', () => {
    const text = 'First\n\n23/08/2021\n\nalpha text\n\nSecond\n\n03/09/2021\n\nbeta text';
    expect(splitTextDump(text).entries.map((e) => e.date)).toEqual(['2021-08-23', '2021-09-03']);
  });

  it('a Persian post with a Gregorian month name and Persian digits', () => {
    const text = 'گزارش رودخانه\n\nتاریخ: ۲۳ آگوست ۲۰۲۱\n\nسطح آب رودخانه در این هفته پایین بود.';
    const { entries } = splitTextDump(text);
    expect(entries[0]).toMatchObject({ title: 'گزارش رودخانه', date: '2021-08-23', dateSource: 'posted-on', body: 'سطح آب رودخانه در این هفته پایین بود.' });
  });

  it('a header needs a marker line: an ordinary opening paragraph stays content', () => {
    const text = 'Willowbend notes\n\nA long opening paragraph about the river and its people.\n\nRead more\n\nSecond post\n\nbody';
    const { header, entries } = splitTextDump(text);
    expect(header).toBeNull();
    expect(entries[0]!.title).toBe('Willowbend notes');
  });

  it('handles given as @name and profile links are header markers', () => {
    const text = 'River Watch\n\n@riverwatch @willowtrust\n\nFirst post\n\nPosted on: 2021-01-02\n\nbody one';
    const { header, entries } = splitTextDump(text);
    expect(header).toMatchObject({ siteName: 'River Watch', handles: ['@riverwatch @willowtrust'] });
    expect(entries.map((e) => e.title)).toEqual(['First post']);
  });
});
