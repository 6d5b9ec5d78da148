// Files Quire refuses: each with a specific plain-words reason, and the archive left untouched.
import fs from 'node:fs';
import path from 'node:path';
import { zipSync, gzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import type { ImportReport } from '../../../shared/contract.ts';
import { Archive } from '../../../electron/core/archive.ts';
import { tempDir } from '../../helpers/temp-dir.ts';
import { utf8 } from './fixtures/encode-legacy.ts';
import { makePdf } from './fixtures/make-pdf.ts';

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]);
const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1]);
const ELF = Uint8Array.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0x3e, 0]);

function randomBytes(n: number): Uint8Array {
  // Deterministic noise (a linear congruential generator), so the test is repeatable.
  const out = new Uint8Array(n);
  let x = 12345;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

const docx = zipSync({ '[Content_Types].xml': utf8('<Types/>'), 'word/document.xml': utf8('<w:document>Council minutes</w:document>') });
const xlsx = zipSync({ '[Content_Types].xml': utf8('<Types/>'), 'xl/workbook.xml': utf8('<workbook/>') });
const goodGz = gzipSync(utf8('Harbour committee notes: the pier lights are fixed.\n'.repeat(40)));
const goodZip = zipSync({ 'a.txt': utf8('Notes on the market square.\n'.repeat(40)) });

const CASES: { name: string; bytes: Uint8Array; reason: RegExp }[] = [
  { name: 'empty.txt', bytes: new Uint8Array(0), reason: /^The file is empty\.$/u },
  { name: 'blank.txt', bytes: utf8(' \n\t\r\n   \n'), reason: /only blank space/u },
  { name: 'photo.txt', bytes: PNG, reason: /PNG image, not text/u },
  { name: 'scan.md', bytes: JPEG, reason: /JPEG image, not text/u },
  { name: 'tool.txt', bytes: ELF, reason: /program \(ELF executable\)/u },
  { name: 'noise.txt', bytes: randomBytes(4096), reason: /binary data, not text/u },
  { name: 'bundle.txt', bytes: goodZip, reason: /ZIP archive, not text.*rename it to \.zip/u },
  { name: 'report.docx', bytes: docx, reason: /Word document.*does not read/u },
  { name: 'budget.xlsx', bytes: xlsx, reason: /Excel spreadsheet.*does not read/u },
  { name: 'budget.xls', bytes: utf8('not really excel'), reason: /Excel spreadsheet \(\.xls\); Quire does not read/u },
  { name: 'notes.txt.gz', bytes: goodGz.subarray(0, goodGz.length - 30), reason: /truncated/u },
  { name: 'mangled.gz', bytes: Uint8Array.from([...goodGz.subarray(0, 10), ...randomBytes(60)]), reason: /corrupt|truncated/u },
  { name: 'pages.zip', bytes: goodZip.subarray(0, goodZip.length - 25), reason: /ZIP archive is truncated or corrupt/u },
  { name: 'fake.zip', bytes: utf8('just some text pretending'), reason: /named \.zip but is not a ZIP archive/u },
  { name: 'locked.pdf', bytes: makePdf({ pages: [['Private minutes']], encrypted: true }), reason: /password-protected/u },
  { name: 'broken.json', bytes: utf8('[{"title": "Bridge", "text": "Repairs"},\n {"title": "Library" "text": "Open"}]'), reason: /not valid JSON \(error at line 2, column \d+\)/u },
  { name: 'broken.jsonl', bytes: utf8('{"title":"a","text":"one"}\n{"title":"b","text":\n'), reason: /line 2 is not valid JSON/u },
];

describe('rejections leave the archive untouched', () => {
  const dir = tempDir();
  const archive = new Archive(path.join(dir, 'rejections.quire'));
  afterAll(() => archive.close());
  const counts = () => archive.db.prepare('SELECT (SELECT count(*) FROM sources) AS sources, (SELECT count(*) FROM entries) AS entries, (SELECT count(*) FROM entry_sources) AS links').get();

  it('starts from a non-empty archive', async () => {
    const file = path.join(dir, 'kept.txt');
    fs.writeFileSync(file, 'The tram line will reopen in spring, the council said.\n');
    const report = (await archive.call('importFiles', { paths: [file] })) as ImportReport;
    expect(report.files[0]!.status).toBe('imported');
  });

  for (const c of CASES) {
    it(`refuses ${c.name} with a specific reason`, async () => {
      const before = counts();
      const file = path.join(dir, c.name);
      fs.writeFileSync(file, c.bytes);
      const report = (await archive.call('importFiles', { paths: [file] })) as ImportReport;
      expect(report.files).toHaveLength(1);
      expect(report.files[0]!.status).toBe('rejected');
      expect(report.files[0]!.error).toMatch(c.reason);
      expect(report.entriesAdded).toBe(0);
      expect(counts()).toEqual(before);
    });
  }
});
