// Records in the shapes real scrapers and extractors write: objects keyed by a hash, schema.org
// articles, news-please output, localised title_fa/title_en pairs; and the user's own mapping.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { EntryDetail, ImportReport } from '../../../../shared/contract.ts';
import { validateInput } from '../../../../shared/contract-schemas.ts';
import { parseFieldMap } from '../../../../shared/field-map.ts';
import { Archive } from '../../../../electron/core/archive.ts';
import { parseDocument } from '../../../../electron/core/import/parse-document.ts';
import { tempDir } from '../../../helpers/temp-dir.ts';
import { utf8 } from '../fixtures/encode-legacy.ts';

/** A sha256-like key, as dumps keyed by content hash use. */
const hashKey = (seed: number) => Array.from({ length: 64 }, (_, i) => ((seed * 7919 + i * 104729) % 16).toString(16)).join('');

const SCHEMA_ORG = {
  [hashKey(1)]: {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: 'Tidal mill reopens in Verlow',
    articleBody: 'The restored tidal mill in Verlow ground its first sack of flour on Saturday.\n\nVolunteers spent four winters on the wheel.',
    datePublished: '2019-06-14T09:20:00+01:00',
    author: { '@type': 'Person', name: 'Orla Fenwick' },
    publisher: { '@type': 'Organization', name: 'Verlow Courier' },
    url: 'https://courier.example/tidal-mill',
  },
  [hashKey(2)]: {
    '@type': 'NewsArticle',
    headline: 'Ferry crews agree new rota',
    articleBody: 'Crews on the island ferry accepted a four-day rota after talks that lasted a week.',
    datePublished: '2019-06-15',
    author: [
      { '@type': 'Person', name: 'Tam Reyes' },
      { '@type': 'Person', name: 'Ilse Varga' },
    ],
  },
};

const NEWS_PLEASE = [
  {
    authors: ['Dara Quill'],
    date_download: '2022-02-01 10:00:00',
    date_modify: null,
    date_publish: '2018-03-07 14:05:00',
    description: 'A short standfirst about the orchard.',
    filename: 'orchard.json',
    image_url: 'https://gazette.example/orchard.jpg',
    language: 'en',
    localpath: null,
    maintext: 'The community orchard planted forty pear trees along the old rail line.',
    source_domain: 'gazette.example',
    title: 'Orchard grows on old rail line',
    title_page: 'Orchard grows on old rail line | Gazette',
    title_rss: null,
    url: 'https://gazette.example/orchard',
  },
  {
    authors: [],
    date_download: '2022-02-01 10:01:00',
    date_publish: '2018-03-08 08:00:00',
    description: 'Night buses will run on weekends from April.',
    maintext: null,
    source_domain: 'gazette.example',
    title: null,
    title_page: 'Weekend night buses | Gazette',
    url: 'https://gazette.example/night-buses',
  },
];

// Invented Persian text: a record's own language picks its title.
const LOCALISED = {
  a1: {
    title_fa: 'بازگشایی کتابخانه‌ی محله‌ی نارون',
    title_en: 'Narvan neighbourhood library reopens',
    summary: ['کتابخانه‌ی محله پس از دو سال تعمیر دوباره باز شد.', 'کودکان در روز نخست قصه‌خوانی شنیدند.'],
    date_raw: '2020-11-03T09:30:00+03:30',
  },
  a2: {
    title_fa: 'چراغ‌های تازه در خیابان بازار',
    title_en: 'Market street gets new lamps',
    summary: ['The council fitted forty lamps along the market street this week.'],
    date_raw: '2020-11-04',
  },
  a3: {
    title_fa: 'جشنواره‌ی انار در باغ‌های شهر',
    summary: ['باغداران شهر انارهای امسال را در میدان اصلی به نمایش گذاشتند.'],
    date_raw: '2020-11-05T18:00:00Z',
  },
};

const json = (value: unknown) => utf8(JSON.stringify(value, null, 2));

describe('JSON records in other vocabularies', () => {
  it('reads an object keyed by hash: each value a record, its key in the JSON Pointer', async () => {
    const text = JSON.stringify(SCHEMA_ORG, null, 2);
    const doc = await parseDocument('articles.json', utf8(text));
    expect(doc.entries).toHaveLength(2);
    const [mill, ferry] = doc.entries;
    expect(mill).toMatchObject({ title: 'Tidal mill reopens in Verlow', date: '2019-06-14', author: 'Orla Fenwick', outlet: 'Verlow Courier', url: 'https://courier.example/tidal-mill' });
    expect(mill!.body).toBe('The restored tidal mill in Verlow ground its first sack of flour on Saturday.\n\nVolunteers spent four winters on the wheel.');
    expect(ferry).toMatchObject({ title: 'Ferry crews agree new rota', date: '2019-06-15', author: 'Tam Reyes, Ilse Varga' });
    expect(mill!.locator).toMatchObject({ kind: 'json', pointer: `/${hashKey(1)}` });
    expect(ferry!.locator).toMatchObject({ kind: 'json', pointer: `/${hashKey(2)}` });
    // The locator's span is that record, as the file writes it.
    const loc = ferry!.locator as { start: number; end: number };
    expect(JSON.parse(text.slice(loc.start, loc.end))).toEqual(SCHEMA_ORG[hashKey(2)]);
    expect(doc.fieldMap).toEqual({ title: 'headline', body: 'articleBody', date: 'datePublished', author: 'author', outlet: 'publisher', url: 'url' });
  });

  it('reads records keyed by id whose only text field is articleBody', async () => {
    const doc = await parseDocument('bodies.json', json({ [hashKey(3)]: { articleBody: 'Only a body here, about the harbour wall.', dateCreated: '2017-01-02' }, [hashKey(4)]: { articleBody: 'And another body about the sea wall.' } }));
    expect(doc.entries.map((e) => e.body)).toEqual(['Only a body here, about the harbour wall.', 'And another body about the sea wall.']);
    expect(doc.entries[0]!.date).toBe('2017-01-02');
  });

  it('reads news-please output: maintext, date_publish, authors, source_domain, title_page when title is empty', async () => {
    const doc = await parseDocument('news-please.json', json(NEWS_PLEASE));
    expect(doc.entries).toHaveLength(2);
    expect(doc.entries[0]).toMatchObject({
      title: 'Orchard grows on old rail line',
      body: 'The community orchard planted forty pear trees along the old rail line.',
      date: '2018-03-07',
      author: 'Dara Quill',
      outlet: 'gazette.example',
      url: 'https://gazette.example/orchard',
    });
    // No maintext: the description is the text; no title: the page's title.
    expect(doc.entries[1]).toMatchObject({ title: 'Weekend night buses | Gazette', body: 'Night buses will run on weekends from April.', date: '2018-03-08', author: null });
    expect(doc.fieldMap).toMatchObject({ title: 'title', body: 'maintext', date: 'date_publish', author: 'authors', outlet: 'source_domain' });
    expect(doc.warnings.join(' ')).toMatch(/The title came from "title" in 1, "title_page" in 1 of 2 records/u);
  });

  it('reads localised fields: the title in the text’s own language, summary paragraphs, date_raw', async () => {
    const doc = await parseDocument('localised.json', json(LOCALISED));
    expect(doc.entries).toHaveLength(3);
    const [library, lamps, pomegranate] = doc.entries;
    expect(library).toMatchObject({ title: 'بازگشایی کتابخانه‌ی محله‌ی نارون', date: '2020-11-03' });
    expect(library!.body).toBe('کتابخانه‌ی محله پس از دو سال تعمیر دوباره باز شد.\n\nکودکان در روز نخست قصه‌خوانی شنیدند.');
    // Its summary is English, so its English title is chosen though title_fa is there too.
    expect(lamps).toMatchObject({ title: 'Market street gets new lamps', date: '2020-11-04' });
    expect(pomegranate).toMatchObject({ title: 'جشنواره‌ی انار در باغ‌های شهر', date: '2020-11-05' });
    expect(library!.locator).toMatchObject({ pointer: '/a1' });
    expect(doc.fieldMap).toMatchObject({ title: 'title_fa', body: 'summary', date: 'date_raw' });
  });

  it('a record that says its language picks that title', async () => {
    const doc = await parseDocument('lang.json', json([{ language: 'en', title_fa: 'گزارش', title_en: 'Report', text_fa: 'متن کوتاه گزارش درباره‌ی پل.' }]));
    expect(doc.entries[0]).toMatchObject({ title: 'Report', body: 'متن کوتاه گزارش درباره‌ی پل.' });
  });

  it('skips a date field that holds no date for the next one', async () => {
    const doc = await parseDocument('dates.json', json([{ title: 'Sluice gate', text: 'The sluice gate was oiled.', date: 'n/a', date_raw: '2015-09-30' }]));
    expect(doc.entries[0]!.date).toBe('2015-09-30');
    expect(doc.fieldMap).toMatchObject({ date: 'date_raw' });
  });

  it('does not take identifier fields such as title_id for a title', async () => {
    const doc = await parseDocument('ids.json', json([{ title_id: '8841', text: 'A body about the canal.' }]));
    expect(doc.entries[0]).toMatchObject({ title: '', body: 'A body about the canal.' });
  });
});

describe('the user’s field mapping', () => {
  it('reads the fields it names, and says how many records lacked one, leaving it empty for them', async () => {
    const doc = await parseDocument('localised.json', json(LOCALISED), 0, { title: 'title_en', date: 'date_raw' });
    expect(doc.entries.map((e) => e.title)).toEqual(['Narvan neighbourhood library reopens', 'Market street gets new lamps', '']);
    expect(doc.entries[2]!.body).toBe('باغداران شهر انارهای امسال را در میدان اصلی به نمایش گذاشتند.');
    expect(doc.fieldMap).toMatchObject({ title: 'title_en', date: 'date_raw', body: 'summary' });
    expect(doc.warnings).toContain('1 of 3 records had no "title_en" field, so their title was left empty.');
  });

  it('takes a dotted path into a nested object', async () => {
    const doc = await parseDocument('articles.json', json(SCHEMA_ORG), 0, { outlet: 'publisher.name', author: 'author.name' });
    expect(doc.entries[0]).toMatchObject({ outlet: 'Verlow Courier', author: 'Orla Fenwick' });
    // The second record's author is a list: it has no author.name, so it is left without one.
    expect(doc.entries[1]).toMatchObject({ outlet: null, author: null });
    expect(doc.warnings).toContain('1 of 2 records had no "author.name" field, so their author was left empty.');
  });

  it('maps CSV columns too, and says which column became which field', async () => {
    const csv = 'kop,tekst,dag\nHaven open,De haven gaat weer open.,2016-04-02\n';
    await expect(parseDocument('sheet.csv', utf8(csv))).rejects.toThrow(/no text column/u);
    const mapped = await parseDocument('sheet.csv', utf8(csv), 0, { title: 'kop', body: 'tekst', date: 'dag' });
    expect(mapped.entries[0]).toMatchObject({ title: 'Haven open', body: 'De haven gaat weer open.', date: '2016-04-02' });
    expect(mapped.fieldMap).toEqual({ title: 'kop', body: 'tekst', date: 'dag' });
  });

  it('refuses a file none of whose records has the named fields, saying which', async () => {
    await expect(parseDocument('x.json', json({ a: { foo: 1 }, b: { foo: 2 } }), 0, { title: 'headline_nl' })).rejects.toThrow(/no record has a "headline_nl" field/u);
  });

  it('reads FIELD=SOURCE pairs and refuses unknown fields and malformed pairs', () => {
    expect(parseFieldMap('title=headline,date=date_raw')).toEqual({ title: 'headline', date: 'date_raw' });
    expect(parseFieldMap(' author = author.name ')).toEqual({ author: 'author.name' });
    expect(() => parseFieldMap('headline=title')).toThrow(/"headline" is not a field Quire fills; use title, body, date, author, outlet, url/u);
    expect(() => parseFieldMap('title')).toThrow(/"title" is not FIELD=SOURCE/u);
    expect(() => parseFieldMap('title=')).toThrow(/not FIELD=SOURCE/u);
    expect(() => parseFieldMap('title=a,title=b')).toThrow(/title is mapped twice/u);
    expect(() => parseFieldMap('')).toThrow(/--map needs FIELD=SOURCE pairs/u);
    expect(() => validateInput('importFiles', { paths: ['a.json'], fieldMap: { headline: 'title' } })).toThrow(/Invalid request to importFiles/u);
    expect(validateInput('importFiles', { paths: ['a.json'], fieldMap: { title: 'headline' } }).fieldMap).toEqual({ title: 'headline' });
  });
});

describe('the import report’s field mapping', () => {
  const dir = tempDir();
  const archive = new Archive(path.join(dir, 'vocab.quire'));
  afterAll(() => archive.close());
  const write = (name: string, value: unknown) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, JSON.stringify(value, null, 2));
    return file;
  };

  it('names, for each JSON file, the source field of each entry field; a mapping given is used and shown', async () => {
    const keyed = write('keyed.json', SCHEMA_ORG);
    const localised = write('localised.json', LOCALISED);
    const report = (await archive.call('importFiles', { paths: [keyed] })) as ImportReport;
    expect(report.files[0]).toMatchObject({ status: 'imported', entries: 2, fieldMap: { title: 'headline', body: 'articleBody', date: 'datePublished', author: 'author' } });
    const mapped = (await archive.call('importFiles', { paths: [localised], fieldMap: { title: 'title_en' } })) as ImportReport;
    expect(mapped.files[0]).toMatchObject({ status: 'imported', entries: 3, fieldMap: { title: 'title_en', body: 'summary', date: 'date_raw' } });
    expect(mapped.files[0]!.warnings).toContain('1 of 3 records had no "title_en" field, so their title was left empty.');
    const row = archive.db.prepare("SELECT id FROM entries WHERE title = 'Narvan neighbourhood library reopens'").get() as { id: number } | undefined;
    expect(row).toBeDefined();
    const entry = (await archive.call('getEntry', { id: row!.id })) as EntryDetail;
    expect(entry.date).toBe('2020-11-03');
    expect(entry.provenance[0]!.locator).toMatchObject({ kind: 'json', pointer: '/a1' });
  });

  it('gives no mapping for files that are not records', async () => {
    const file = path.join(dir, 'note.txt');
    fs.writeFileSync(file, 'A note on the weir\n\nThe weir was cleared of branches.\n');
    const report = (await archive.call('importFiles', { paths: [file] })) as ImportReport;
    expect(report.files[0]!.status).toBe('imported');
    expect(report.files[0]!.fieldMap).toBeUndefined();
  });
});
