// Reading bytes right: every common encoding detected with a confidence, text normalised, and
// Persian/Arabic letter variants and ZWNJ kept exactly.
import path from 'node:path';
import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { EntryDetail, ImportReport } from '../../../shared/contract.ts';
import { Archive } from '../../../electron/core/archive.ts';
import { decodeText } from '../../../electron/core/import/decode/decode-text.ts';
import { detectEncoding } from '../../../electron/core/import/decode/detect-encoding.ts';
import { tempDir } from '../../helpers/temp-dir.ts';
import { concat, encodeSingleByte, encodeUtf16, utf8 } from './fixtures/encode-legacy.ts';
import { storedBytes, storedText } from '../../helpers/source-content.ts';

const PERSIAN = 'خبرنامه‌ی شورای شهر: جلسه‌ی سه‌شنبه درباره‌ی بودجه‌ی پل و کتابخانه برگزار شد.';
// windows-1256 predates U+06CC, so Persian written in it uses the Arabic ي; it must stay ي.
const PERSIAN_1256 = 'خبرنامه‌ي شوراي شهر: جلسه‌ي سه‌شنبه درباره‌ي بودجه‌ي پل و کتابخانه برگزار شد. گزارش کامل در دفتر شهرداري است.';
const ARABIC = 'نشرة مجلس المدينة: اجتمع المجلس يوم الثلاثاء لمناقشة ميزانية إصلاح الجسر والمكتبة العامة.';
const RUSSIAN = 'Вестник городского совета: во вторник совет обсудил бюджет на ремонт моста и библиотеки.';
const FRENCH = 'Bulletin du conseil municipal : mardi, le conseil a étudié le budget du pont et de la bibliothèque. Réunion très animée.';
const GERMAN = 'Mitteilungsblatt des Stadtrats: Am Dienstag beriet der Rat über die Brücke und die Straßenbäume. Größere Pläne folgen.';
const GREEK = 'Ενημερωτικό δελτίο του δημοτικού συμβουλίου: την Τρίτη συζητήθηκε ο προϋπολογισμός της γέφυρας.';
const HEBREW = 'עלון מועצת העיר: ביום שלישי דנה המועצה בתקציב לתיקון הגשר והספרייה.';
const CZECH = 'Zpravodaj městské rady: v úterý rada projednala rozpočet na opravu mostu a knihovny. Příští zasedání bude v září.';

describe('encoding detection', () => {
  const cases: [string, string, string][] = [
    ['windows-1256 (Persian)', PERSIAN_1256, 'windows-1256'],
    ['windows-1256 (Arabic)', ARABIC, 'windows-1256'],
    ['windows-1251', RUSSIAN, 'windows-1251'],
    ['koi8-r', RUSSIAN, 'koi8-r'],
    ['windows-1252 (French)', FRENCH, 'windows-1252'],
    ['windows-1252 (German)', GERMAN, 'windows-1252'],
    ['windows-1253', GREEK, 'windows-1253'],
    ['windows-1255', HEBREW, 'windows-1255'],
    ['windows-1250', CZECH, 'windows-1250'],
    ['iso-8859-7', GREEK, 'iso-8859-7'],
  ];
  for (const [label, text, encoding] of cases) {
    it(`reads ${label}`, () => {
      const bytes = encodeSingleByte(text, encoding);
      const decoded = decodeText(bytes);
      // ISO-8859-7 and windows-1253 agree on every Greek letter used here; either reading is right.
      if (encoding === 'iso-8859-7') expect(['iso-8859-7', 'windows-1253']).toContain(decoded.encoding);
      else expect(decoded.encoding).toBe(encoding);
      expect(decoded.text).toBe(text);
      expect(decoded.confidence).toBeGreaterThan(0.3);
      expect(decoded.confidence).toBeLessThan(1);
    });
  }

  it('reads UTF-8 with and without a BOM, the BOM not kept', () => {
    expect(decodeText(utf8(PERSIAN))).toMatchObject({ text: PERSIAN, encoding: 'utf-8' });
    expect(decodeText(concat(Uint8Array.of(0xef, 0xbb, 0xbf), utf8(ARABIC)))).toMatchObject({ text: ARABIC, encoding: 'utf-8', confidence: 1 });
  });

  for (const endian of ['le', 'be'] as const) {
    for (const bom of [true, false]) {
      for (const [script, text] of [['Latin', FRENCH], ['Persian', PERSIAN], ['Cyrillic', RUSSIAN]] as const) {
        it(`reads UTF-16${endian.toUpperCase()} ${bom ? 'with' : 'without'} a BOM (${script})`, () => {
          const decoded = decodeText(encodeUtf16(text, endian, bom));
          expect(decoded.encoding).toBe(`utf-16${endian}`);
          expect(decoded.text).toBe(text);
          expect(decoded.confidence).toBe(bom ? 1 : decoded.confidence);
          expect(decoded.confidence).toBeGreaterThan(0.6);
        });
      }
    }
  }

  it('keeps ی/ي, ک/ك and ZWNJ exactly as written', () => {
    const mixed = 'كتاب و کتاب، يك و یک، می‌خواهم';
    const decoded = decodeText(utf8(mixed));
    expect(decoded.text).toBe(mixed);
    expect([...decoded.text].filter((c) => c === '\u200c')).toHaveLength(1);
    expect(decoded.text).toContain('ك');
    expect(decoded.text).toContain('ی');
  });

  it('ends lines at CR, LF and CRLF alike and normalises to NFC', () => {
    const decoded = decodeText(utf8('one\r\ntwo\rthree\nCafe\u0301'));
    expect(decoded.text).toBe('one\ntwo\nthree\nCafé');
  });

  it('tolerates a UTF-8 file cut in the middle of a character', () => {
    const bytes = utf8(`${ARABIC} ${ARABIC}`);
    expect(detectEncoding(bytes.subarray(0, bytes.length - 1)).encoding).toBe('utf-8');
  });
});

describe('encodings through the import pipeline', () => {
  const dir = tempDir();
  const archive = new Archive(path.join(dir, 'encodings.quire'));
  afterAll(() => archive.close());

  it('stores the decoded text, the encoding and its confidence, and keeps the original bytes', async () => {
    const file = path.join(dir, 'newsletter-fa.txt');
    const bytes = encodeSingleByte(`${PERSIAN_1256}\r\n\r\n${PERSIAN_1256.replace('پل', 'باغ')}\r\n`, 'windows-1256');
    fs.writeFileSync(file, bytes);
    const report = (await archive.call('importFiles', { paths: [file] })) as ImportReport;
    expect(report.files[0]).toMatchObject({ status: 'imported', encoding: 'windows-1256' });
    const row = {
      ...(archive.db.prepare('SELECT encoding, encoding_confidence AS c FROM sources WHERE name = ?').get('newsletter-fa.txt') as { encoding: string; c: number }),
      text: storedText(archive.db, 'newsletter-fa.txt'),
      bytes: storedBytes(archive.db, 'newsletter-fa.txt'),
    };
    expect(row.text).not.toContain('\r');
    expect(row.text).toContain(PERSIAN_1256);
    expect(row.c).toBeGreaterThan(0.3);
    expect(Buffer.compare(row.bytes, Buffer.from(bytes))).toBe(0);
    const id = (archive.db.prepare('SELECT id FROM entries ORDER BY id LIMIT 1').get() as { id: number }).id;
    const entry = (await archive.call('getEntry', { id })) as EntryDetail;
    expect(entry.direction).toBe('rtl');
    expect(entry.body).toContain('خبرنامه‌ي');
  });
});
