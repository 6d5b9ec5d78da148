// Format detection reads the content first and the file name second.
import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../../../electron/core/import/formats/detect-format.ts';

describe('format detection', () => {
  const cases: [string, string, string][] = [
    ['page.txt', '<!DOCTYPE html>\n<html><body><p>x</p></body></html>', 'html'],
    ['notes.html', 'Just words in a file misnamed .html', 'html'],
    ['data.txt', '[{"title":"a","text":"b"}]', 'json'],
    ['data', '{"title":"a"}\n{"title":"b"}\n', 'jsonl'],
    ['sheet.txt', 'title,text,date\nA,one,2021-01-01\nB,two,2021-01-02\n', 'csv'],
    ['sheet', 'title\ttext\nA\tone\nB\ttwo\n', 'tsv'],
    ['crawl.bin', 'WARC/1.0\r\nWARC-Type: warcinfo\r\n', 'warc'],
    ['mail.txt', 'From a@b.example Mon Aug 23 09:00:00 2021\nFrom: a@b.example\nSubject: Hi\n\nBody\n', 'mbox'],
    ['message', 'From: a@b.example\nSubject: Hi\nDate: Mon, 23 Aug 2021 09:00:00 +0000\n\nBody\n', 'eml'],
    ['post.txt', '# First post\n\nText.\n\n# Second post\n\nMore.\n', 'markdown'],
    ['readme.md', 'Plain words only.', 'markdown'],
    ['prose.txt', 'We met, talked, and left.\nThen, later, we met again, and talked.\n', 'text'],
    ['notes.csv', 'The council met, and talked.\nNothing else.', 'csv'],
  ];
  for (const [name, text, format] of cases) {
    it(`${name} → ${format}`, () => expect(detectFormat(name, text)).toBe(format));
  }
});
