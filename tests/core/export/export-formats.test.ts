// Exports of a collection built here (Persian right-to-left text, overlapping highlights, nested
// codes, an emoji, a Chinese entry with a character outside the BMP, entries from a JSON file and
// a WARC capture) in every format, each read back the way another tool would read it.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportFormat, ExportReport, ExportRequest } from '../../../shared/contract.ts';
import { entryText, sliceCodePoints } from '../../../shared/entry-text.ts';
import { parseCsv } from '../../../electron/core/export/read-csv.ts';
import { child, childrenNamed, parseXml } from '../../../electron/core/export/parse-xml.ts';
import { REPO_ROOT, tempDir } from '../../helpers/temp-dir.ts';
import { buildCollection, type BuiltCollection } from './build-collection.ts';

const XSD = path.resolve(REPO_ROOT, '../shared/refi-qda/Project.xsd');

describe('export formats', () => {
  const dir = tempDir('quire-export-');
  let built: BuiltCollection;
  const exportTo = async (format: ExportFormat, more: Partial<ExportRequest> = {}) => {
    const out = path.join(dir, `out-${format}${more.highlightsOnly ? '-ho' : ''}.${format}`);
    const report = (await built.archive.call('exportArchive', { scope: { kind: 'collection', collectionId: built.collection.id }, format, path: out, ...more })) as ExportReport;
    expect(report).toMatchObject({ path: out, cancelled: false, entries: 4, highlights: 8 });
    return out;
  };
  /** The text every exported position must cut: the archive's own entry text, by entry GUID. */
  const textOf = (guid: string) => {
    const row = built.archive.db.prepare('SELECT title, body FROM entries WHERE guid = ?').get(guid) as { title: string; body: string };
    return entryText(row.title, row.body);
  };
  const sourceSha = () => new Set(built.archive.db.prepare('SELECT sha256 FROM sources').pluck().all() as string[]);

  beforeAll(async () => {
    built = await buildCollection(dir);
  });
  afterAll(() => built.archive.close());

  it('the collection holds what the tests rely on', () => {
    const dirs = built.archive.db.prepare('SELECT direction, count(*) AS n FROM entries GROUP BY direction ORDER BY direction').all();
    expect(dirs).toEqual([
      { direction: 'ltr', n: 3 },
      { direction: 'rtl', n: 1 },
    ]);
    expect(built.highlights).toHaveLength(8);
  });

  it('CSV: one row per highlight, BOM, RFC 4180, every span cuts exactly its quote in code points', async () => {
    const bytes = fs.readFileSync(await exportTo('csv'));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    expect(text.includes('\r\n')).toBe(true);
    const rows = parseCsv(text);
    const header = rows[0]!;
    for (const col of ['entry_guid', 'title', 'date', 'author', 'outlet', 'source_file', 'source_sha256', 'locator', 'start', 'end', 'quote', 'codes', 'note']) expect(header).toContain(col);
    const records = rows.slice(1).filter((r) => r.length > 1).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]!])));
    expect(records).toHaveLength(8);
    const shas = sourceSha();
    for (const r of records) {
      expect(sliceCodePoints(textOf(r['entry_guid']!), Number(r['start']), Number(r['end']))).toBe(r['quote']);
      expect(shas.has(r['source_sha256']!)).toBe(true);
      expect(r['source_file']).toMatch(/posts\.json|docks\.warc/);
      expect(r['locator']).not.toBe('');
    }
    const emoji = records.find((r) => r['quote']!.includes('🚢'))!;
    expect(emoji['codes']!.split('; ').sort()).toEqual(['People', 'Topics/Economy']);
    expect(emoji['note']).toContain('Emoji inside');
    expect(records.find((r) => r['quote'] === 'قیمت نان')!['codes']).toBe('Topics/Economy/Prices');
    expect(records.find((r) => r['quote'] === '𠀋字')).toMatchObject({ author: '李华', outlet: '港口日报', date: '2019-06-20' });
    // Locators a reader can follow: the JSON record's pointer, the WARC record's id and URI.
    expect(records.find((r) => r['quote'] === '𠀋字')!['locator']).toMatch(/record \/2\b/);
    expect(records.find((r) => r['quote'] === 'the price of lunch')!['locator']).toContain('record <urn:uuid:5d0c3e36-4b7a-4c1e-9a51-0e0d2b9f8a11> (https://docks.example/meeting), element html > body > article');
  });

  it('JSON: full fidelity, every position cuts its quote, documented by docs/export-schema.json', async () => {
    const data = JSON.parse(fs.readFileSync(await exportTo('json'), 'utf8'));
    expect(data).toMatchObject({ format: 'quire-export', version: 1 });
    expect(data.codes.map((c: { path: string }) => c.path)).toEqual(['Topics', 'Topics/Economy', 'Topics/Economy/Prices', 'Places', 'People']);
    expect(data.entries).toHaveLength(4);
    expect(data.sources.map((s: { name: string }) => s.name).sort()).toEqual(['docks.warc', 'posts.json']);
    expect(data.collections).toEqual([expect.objectContaining({ name: 'Harbour study', guid: built.collection.guid, entries: expect.any(Array) })]);
    const ferry = data.entries.find((e: { title: string }) => e.title === 'Ferry service returns');
    expect(ferry.tags).toEqual(['good news', 'transport']);
    let n = 0;
    for (const e of data.entries) {
      for (const h of e.highlights) {
        expect(sliceCodePoints(entryText(e.title, e.body), h.start, h.end)).toBe(h.exact);
        expect(h.citation.sources[0]).toMatchObject({ sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
        n++;
      }
    }
    expect(n).toBe(8);
    // The file is what docs/export-schema.json says it is.
    const schema = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'docs/export-schema.json'), 'utf8'));
    const validate = new Ajv2020({ allErrors: true, validateFormats: false }).compile(schema);
    expect(validate(data), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    expect(validate({ ...data, entries: [{ ...data.entries[0], highlights: [{ guid: 'not-a-guid', start: 0, end: 1, exact: 'x', codes: [] }] }] })).toBe(false);
  });

  it('W3C: one annotation per highlight, quote and code point position selectors agree, codes as tags, note as comment', async () => {
    const data = JSON.parse(fs.readFileSync(await exportTo('w3c'), 'utf8'));
    expect(data.type).toBe('AnnotationCollection');
    const items = data.first.items;
    expect(items).toHaveLength(8);
    expect(data.total).toBe(8);
    for (const a of items) {
      const quote = a.target.selector.find((s: { type: string }) => s.type === 'TextQuoteSelector');
      const pos = a.target.selector.find((s: { type: string }) => s.type === 'TextPositionSelector');
      const text = textOf(a.target.source.replace('urn:uuid:', ''));
      expect(sliceCodePoints(text, pos.start, pos.end)).toBe(quote.exact);
      expect(text.includes(`${quote.prefix}${quote.exact}${quote.suffix}`)).toBe(true);
    }
    const emoji = items.find((a: { target: { selector: { exact?: string }[] } }) => a.target.selector[0]!.exact!.includes('🚢'));
    expect(emoji.body).toEqual(
      expect.arrayContaining([
        { type: 'TextualBody', value: 'Topics/Economy', purpose: 'tagging' },
        expect.objectContaining({ purpose: 'commenting', value: expect.stringContaining('Emoji') }),
      ]),
    );
  });

  it('REFI-QDA: a zip with project.qde valid against Project.xsd and sources/GUID.txt; selections cut exactly their quotes', async () => {
    const files = unzipSync(fs.readFileSync(await exportTo('qdpx')));
    const names = Object.keys(files);
    expect(names).toContain('project.qde');
    const txts = names.filter((n) => n.endsWith('.txt'));
    expect(txts).toHaveLength(4);
    for (const t of txts) {
      expect(t).toMatch(/^sources\/[0-9a-f-]{36}\.txt$/);
      expect(files[t]![0]).not.toBe(0xef); // no BOM
    }
    const qde = strFromU8(files['project.qde']!);
    expect(qde.startsWith('<?xml')).toBe(true);
    const project = parseXml(qde);
    expect(childrenNamed(child(project, 'Users')!, 'User')).toHaveLength(1);
    const topCodes = childrenNamed(child(child(project, 'CodeBook')!, 'Codes')!, 'Code');
    expect(topCodes.map((c) => c.attrs['name'])).toEqual(['Topics', 'Places', 'People']);
    const economy = childrenNamed(topCodes[0]!, 'Code')[0]!;
    expect(economy.attrs).toMatchObject({ name: 'Economy', color: '#E8A33D', isCodable: 'true' });
    expect(child(economy, 'Description')!.text).toBe('Money, prices, work');
    expect(childrenNamed(economy, 'Code')[0]!.attrs['name']).toBe('Prices');
    let selections = 0;
    for (const s of childrenNamed(child(project, 'Sources')!, 'TextSource')) {
      expect(s.attrs['guid']).toBe(s.attrs['guid']!.toLowerCase());
      const text = strFromU8(files[`sources/${s.attrs['guid']}.txt`]!);
      expect(text).toBe(textOf(s.attrs['guid']!));
      for (const sel of childrenNamed(s, 'PlainTextSelection')) {
        const h = built.highlights.find((x) => x.guid === sel.attrs['guid'])!;
        expect(sliceCodePoints(text, Number(sel.attrs['startPosition']), Number(sel.attrs['endPosition']))).toBe(h.exact);
        expect(childrenNamed(sel, 'Coding').length).toBe(h.codes.length);
        selections++;
      }
    }
    expect(selections).toBe(8);
    const qdePath = path.join(dir, 'project.qde');
    fs.writeFileSync(qdePath, files['project.qde']!);
    let xmllint = true;
    try {
      execFileSync('xmllint', ['--version'], { stdio: 'ignore' });
    } catch {
      xmllint = false;
    }
    if (!fs.existsSync(XSD) || !xmllint) {
      console.warn(`Skipped: validating project.qde needs ${fs.existsSync(XSD) ? 'xmllint (apt-get install libxml2-utils)' : `the schema at ${XSD}`}.`);
      return;
    }
    expect(() => execFileSync('xmllint', ['--noout', '--schema', XSD, qdePath], { stdio: 'pipe' })).not.toThrow();
  });

  it('DOCX: a Word document with the quotes, citations and right-to-left paragraphs marked bidi', async () => {
    const files = unzipSync(fs.readFileSync(await exportTo('docx')));
    const xml = strFromU8(files['word/document.xml']!);
    for (const h of built.highlights) expect(xml).toContain(h.exact.replace(/&/g, '&amp;'));
    expect(xml).toContain('<w:bidi/>');
    expect(xml).toMatch(/<w:rtl\/>/);
    expect(xml).toContain('SHA-256');
    const bidiParagraph = /<w:p>(?:(?!<\/w:p>).)*<w:bidi\/>(?:(?!<\/w:p>).)*<\/w:p>/s.exec(xml)![0];
    expect(bidiParagraph).toMatch(/[\u0600-\u06FF]/);
  });

  it('HTML: one self-contained file, no scripts or remote resources, RTL entries laid out RTL, highlights coloured by code', async () => {
    const html = fs.readFileSync(await exportTo('html'), 'utf8');
    expect(html).not.toMatch(/<script|<link|<img|<iframe|url\(/i);
    expect(html).toContain("default-src 'none'");
    expect(html).toMatch(/<article id="e-[0-9a-f-]+" dir="rtl"/);
    expect(html).toContain('Codebook');
    expect(html).toContain('Contents');
    expect(html).toContain('rgba(208,69,58,0.45)'); // Prices' colour on its passages
    expect(html).toContain('box-shadow:inset 0 -3px 0'); // an overlapped passage
    for (const h of built.highlights) expect(html).toContain(h.exact.replace(/&/g, '&amp;'));
  });

  it('Markdown: entries with metadata, highlights as quotes with codes, notes and citation', async () => {
    const md = fs.readFileSync(await exportTo('md'), 'utf8');
    expect(md).toContain('### 1. Ferry service returns');
    expect(md).toContain('> Codes: `People`, `Topics/Economy`');
    expect(md).toContain('<div dir="rtl">');
    expect(md).toMatch(/Cite: .*posts\.json \(SHA-256 [0-9a-f]{64}\)/);
  });

  it('highlights only, with N code points of context', async () => {
    const md = fs.readFileSync(await exportTo('md', { highlightsOnly: true, context: 5 }), 'utf8');
    expect(md).not.toContain('two weeks of repairs. Fares'); // no whole text
    expect(md).toContain('**Fares stay the same**.');
    const rows = parseCsv(fs.readFileSync(await exportTo('csv', { highlightsOnly: true, context: 5 }), 'utf8').slice(1));
    const h = rows.find((r) => r.includes('Fares stay the same'))!;
    expect(h.slice(-2)).toEqual(['irs. ', '.']);
  });
  it('a collection holding a single highlight brings its entry with just that highlight; a search exports its matches', async () => {
    const c = built.archive.call('saveCollection', { name: 'Quotes only' }) as { id: number };
    const fares = built.highlights.find((h) => h.exact === 'Fares stay the same')!;
    built.archive.call('addToCollection', { collectionId: c.id, highlightIds: [fares.id] });
    const out = path.join(dir, 'quotes.json');
    const report = (await built.archive.call('exportArchive', { scope: { kind: 'collection', collectionId: c.id }, format: 'json', path: out })) as ExportReport;
    expect(report).toMatchObject({ entries: 1, highlights: 1 });
    const data = JSON.parse(fs.readFileSync(out, 'utf8'));
    expect(data.entries[0].highlights.map((h: { guid: string }) => h.guid)).toEqual([fares.guid]);
    expect(data.collections).toEqual([expect.objectContaining({ name: 'Quotes only', entries: [], highlights: [fares.guid] })]);

    const searched = (await built.archive.call('exportArchive', { scope: { kind: 'search', search: { query: 'lunch OR 渡轮' } }, format: 'csv', path: path.join(dir, 'search.csv') })) as ExportReport;
    expect(searched).toMatchObject({ entries: 2, highlights: 3 });
  });
  it('an empty collection exports in every format, and its .qdpx still validates', async () => {
    const empty = built.archive.call('saveCollection', { name: 'Nothing yet' }) as { id: number };
    for (const format of ['md', 'html', 'docx', 'csv', 'json', 'qdpx', 'w3c'] as const) {
      const out = path.join(dir, `empty.${format}`);
      const report = (await built.archive.call('exportArchive', { scope: { kind: 'collection', collectionId: empty.id }, format, path: out })) as ExportReport;
      expect(report, format).toMatchObject({ entries: 0, highlights: 0, cancelled: false });
      expect(fs.statSync(out).size, format).toBeGreaterThan(0);
    }
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'empty.json'), 'utf8')).entries).toEqual([]);
    const qde = path.join(dir, 'empty.qde');
    fs.writeFileSync(qde, unzipSync(fs.readFileSync(path.join(dir, 'empty.qdpx')))['project.qde']!);
    if (fs.existsSync(XSD)) expect(() => execFileSync('xmllint', ['--noout', '--schema', XSD, qde], { stdio: 'pipe' })).not.toThrow();
  });
  it('a highlight whose passage was lost is left out, and the report says so', async () => {
    const docks = built.highlights.find((h) => h.exact === 'the price of lunch')!;
    built.archive.db.prepare("UPDATE highlights SET anchor = 'orphaned' WHERE id = ?").run(docks.id);
    try {
      const report = (await built.archive.call('exportArchive', { scope: { kind: 'collection', collectionId: built.collection.id }, format: 'csv', path: path.join(dir, 'orphan.csv') })) as ExportReport;
      expect(report.highlights).toBe(7);
      expect(report.warnings).toEqual([expect.stringMatching(/^1 highlight whose passage was lost .* was left out/)]);
    } finally {
      built.archive.db.prepare("UPDATE highlights SET anchor = 'exact' WHERE id = ?").run(docks.id);
    }
  });
});
