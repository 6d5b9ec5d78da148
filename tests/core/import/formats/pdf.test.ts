// PDF: text in reading order, one entry per document, page offsets; encrypted and damaged files refused.
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../../../electron/core/import/parse-document.ts';
import { makePdf } from '../fixtures/make-pdf.ts';

describe('PDF import', () => {
  it('reads every page in order into one entry and records where each page starts', async () => {
    const pdf = makePdf({
      title: 'Riverside Council Newsletter',
      author: 'Clerk of the Council',
      pages: [
        ['Riverside Council Newsletter', 'The bridge repair budget was approved.'],
        ['Page two: the library opens on Sundays.', 'Questions go to the town hall.'],
      ],
    });
    const doc = await parseDocument('newsletter.pdf', pdf);
    expect(doc.format).toBe('pdf');
    expect(doc.entries).toHaveLength(1);
    const [entry] = doc.entries;
    expect(entry!.title).toBe('Riverside Council Newsletter');
    expect(entry!.author).toBe('Clerk of the Council');
    expect(entry!.date).toBe('2021-08-23');
    expect(doc.text.indexOf('bridge repair')).toBeLessThan(doc.text.indexOf('library opens'));
    expect(doc.text).toContain('The bridge repair budget was approved.\n');
    expect(doc.pages).toHaveLength(2);
    expect(doc.text.slice(doc.pages![1]!)).toMatch(/^Page two: the library opens on Sundays\./u);
    expect(doc.text.slice(entry!.start, entry!.end)).toBe(entry!.body);
  });

  it('detects a PDF by its content even without the .pdf name', async () => {
    const doc = await parseDocument('download', makePdf({ pages: [['Minutes of the harbour committee']] }));
    expect(doc.format).toBe('pdf');
    expect(doc.entries[0]!.title).toBe('Minutes of the harbour committee');
  });

  it('refuses a password-protected PDF', async () => {
    const pdf = makePdf({ pages: [['Confidential minutes']], encrypted: true });
    await expect(parseDocument('locked.pdf', pdf)).rejects.toThrow(/password-protected/u);
  });

  it('refuses a PDF with no text layer and a damaged PDF', async () => {
    await expect(parseDocument('scan.pdf', makePdf({ pages: [[]] }))).rejects.toThrow(/no text layer/u);
    await expect(parseDocument('broken.pdf', Uint8Array.from(Buffer.from('%PDF-1.4\n1 0 obj garbage', 'latin1')))).rejects.toThrow(/damaged or incomplete/u);
  });
});
