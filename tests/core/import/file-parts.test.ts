// Files too large to read whole are read in parts where one record ends (file-parts.ts): the
// entries are the same as when the file is read whole, every part is a source whose bytes are the
// byte range its name gives, and the file is still all-or-nothing.
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import type { ImportReport } from '../../../shared/contract.ts';
import { Archive } from '../../../electron/core/archive.ts';
import { makeWayForEdit } from '../../../electron/core/import/edit-turns.ts';
import { cutJsonLines, cutMbox, cutWarc, partedFormat } from '../../../electron/core/import/file-parts.ts';
import { detectFormat } from '../../../electron/core/import/formats/detect-format.ts';
import { importPaths } from '../../../electron/core/import/import-files.ts';
import type { ImportLimits } from '../../../electron/core/import/import-limits.ts';
import { SourcesRepo } from '../../../electron/core/repo/sources-repo.ts';
import { makeCrawlWarc } from './fixtures/make-crawl-warc.ts';
import { REPO_ROOT, tempDir } from '../../helpers/temp-dir.ts';
import { rng } from '../search/helpers/skewed-corpus.ts';

const KB = 1024;
/** Small enough that each fixture is read in many parts; a record longer than a part makes it grow. */
const PARTED: Partial<ImportLimits> = { partFromBytes: 16 * KB, partBytes: 8 * KB, maxFileBytes: 64 * KB };

const WORDS = ['harbour', 'ferry', 'council', 'library', 'market', 'bridge', 'festival', 'river', 'school', 'orchard', 'café', 'Zürich', 'مكتبة', '図書館'];

function sentence(rand: () => number, n: number): string {
  return Array.from({ length: n }, () => WORDS[Math.floor(rand() * WORDS.length)]).join(' ');
}

/** JSON Lines of scraped posts: some repeated (duplicates), one line far longer than a part. */
function jsonLines(records: number, seed: number): string {
  const rand = rng(seed);
  const lines: string[] = [];
  for (let i = 0; i < records; i++) {
    // Every third record after the 450th repeats an earlier one: a duplicate, maybe in another part.
    if (i >= 450 && i % 3 === 0) {
      lines.push(lines[i - 450]!);
      continue;
    }
    const body = i === 37 ? sentence(rand, 6000) : sentence(rand, 20 + Math.floor(rand() * 120));
    lines.push(JSON.stringify({ title: `Post ${i}: ${sentence(rand, 3)}`, text: body, author: `writer${i % 7}`, date: `2021-0${1 + (i % 9)}-1${i % 10}`, url: `https://example.org/p/${i}` }));
  }
  return `${lines.join('\n')}\n`;
}

function mbox(messages: number, seed: number): string {
  const rand = rng(seed);
  const out: string[] = [];
  for (let i = 0; i < messages; i++) {
    out.push(
      `From sender${i % 5}@example.org Mon Aug ${10 + (i % 18)} 09:00:00 2021`,
      `From: Sender ${i % 5} <sender${i % 5}@example.org>`,
      `Subject: Notice ${i}: ${sentence(rand, 3)}`,
      `Message-ID: <notice-${i}@example.org>`,
      `Date: Mon, ${10 + (i % 18)} Aug 2021 09:00:00 +0000`,
      'Content-Type: text/plain; charset=utf-8',
      '',
      sentence(rand, 30 + Math.floor(rand() * 200)),
      // An escaped From line inside a body, where no message starts.
      i % 4 === 0 ? '>From the minutes: nothing new.' : sentence(rand, 5),
      'From here on a line that starts like a separator but follows no blank line.',
      '',
    );
  }
  return out.join('\n');
}

interface EntryRow {
  title: string;
  body: string;
  date: string | null;
  author: string | null;
  url: string | null;
}

describe('files read in parts', () => {
  const dir = tempDir();
  const archives: Archive[] = [];
  afterAll(() => archives.forEach((a) => a.close()));
  const open = (name: string) => {
    const a = new Archive(path.join(dir, `${name}.quire`));
    archives.push(a);
    return a;
  };
  const write = (name: string, data: string | Uint8Array) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, data);
    return file;
  };
  const run = (archive: Archive, paths: string[], limits?: Partial<ImportLimits>, more: Partial<Parameters<typeof importPaths>[2]> = {}): Promise<ImportReport> =>
    importPaths(archive.db, paths, { jobId: `parts-${Math.random()}`, isCancelled: () => false, onProgress: () => {}, ...(limits ? { limits } : {}), ...more });
  const entries = (archive: Archive): EntryRow[] =>
    (archive.db.prepare('SELECT title, body, date, author, url FROM entries ORDER BY title, body').all() as EntryRow[]);
  const sources = (archive: Archive) => archive.db.prepare('SELECT id, name, sha256, size FROM sources ORDER BY id').all() as { id: number; name: string; sha256: string; size: number }[];

  /** Reads `file` whole into one archive and in parts into another: the same entries, and parts that are its bytes. */
  async function sameAsWhole(name: string, data: string | Uint8Array) {
    const file = write(name, data);
    const bytes = fs.readFileSync(file);
    const whole = open(`${name}-whole`);
    const wholeReport = await run(whole, [file]);
    expect(wholeReport.files[0]!.status).toBe('imported');
    const parted = open(`${name}-parted`);
    const report = await run(parted, [file], PARTED);
    expect(report.files).toHaveLength(1);
    const result = report.files[0]!;
    expect(result).toMatchObject({ path: file, status: 'imported', entries: wholeReport.files[0]!.entries, counts: wholeReport.files[0]!.counts });
    expect(result.parts).toBeGreaterThan(5);
    expect(entries(parted)).toEqual(entries(whole));
    // Every part is a source holding exactly the bytes its name gives, and together they are the file.
    const stored = sources(parted);
    expect(stored).toHaveLength(result.parts!);
    const repo = new SourcesRepo(parted.db);
    let next = 0;
    for (const s of stored) {
      const m = /^(.+) \(bytes (\d+)–(\d+) of (\d+)\)$/u.exec(s.name);
      expect(m, s.name).not.toBeNull();
      expect([m![1], Number(m![4])]).toEqual([name, bytes.length]);
      const [start, last] = [Number(m![2]), Number(m![3])];
      expect(start).toBe(next);
      next = last + 1;
      const range = bytes.subarray(start, last + 1);
      expect(s.sha256).toBe(crypto.createHash('sha256').update(range).digest('hex'));
      expect(Buffer.from(repo.original(s.id)!.bytes()).equals(range)).toBe(true);
    }
    expect(next).toBe(bytes.length);
    return { parted, report };
  }

  it('JSON Lines: the same entries as read whole, from parts cut at line ends (a line longer than a part makes its part longer)', async () => {
    const data = jsonLines(900, 7);
    expect(data.length).toBeGreaterThan(3 * 64 * KB);
    const { report } = await sameAsWhole('posts.jsonl', data);
    expect(report.files[0]!.counts!.duplicates).toBeGreaterThan(0);
  });

  it('CSV: the same entries as read whole, each part read after the header row, and each row shown from its own part', async () => {
    const rand = rng(23);
    const rows = ['title,text,author,date'];
    for (let i = 0; i < 700; i++) {
      // Quoted fields with commas, doubled quotes and line breaks inside them, which a cut must not split.
      const text = i % 5 === 0 ? `"${sentence(rand, 30)}, he said ""no""\r\n${sentence(rand, 40)}"` : sentence(rand, 20 + Math.floor(rand() * 60));
      rows.push(`Row ${i} ${sentence(rand, 2)},${text},writer${i % 4},2021-03-${String(1 + (i % 28)).padStart(2, '0')}`);
    }
    const data = `\uFEFF${rows.join('\r\n')}\r\n`;
    const { parted } = await sameAsWhole('table.csv', data);
    const whole = archives.find((a) => a.db.name.endsWith('table.csv-whole.quire'))!;
    // Each entry's original is its row, read from the part's own bytes, with the same line numbers as in the whole file less the header's.
    const originals = async (archive: Archive) => {
      const links = archive.db.prepare('SELECT e.title, es.entry_id AS id, es.source_id AS sourceId, es.locator FROM entry_sources es JOIN entries e ON e.id = es.entry_id ORDER BY e.title').all() as { title: string; id: number; sourceId: number; locator: string }[];
      return Promise.all(links.map(async (l) => ({ title: l.title, text: ((await archive.call('getEntryOriginal', { id: l.id, sourceId: l.sourceId })) as { text: string }).text, locator: JSON.parse(l.locator) as { firstLine: number } })));
    };
    const [a, b] = [await originals(whole), await originals(parted)];
    expect(b.map((o) => [o.title, o.text])).toEqual(a.map((o) => [o.title, o.text]));
    expect(b.every((o) => o.text.startsWith(o.title))).toBe(true);
    expect(b.filter((o) => o.locator.firstLine === 1).length).toBeGreaterThan(5); // the first row of each part is its line 1
  });

  it('mbox: the same entries as read whole, from parts cut before a From line that follows a blank line', async () => {
    await sameAsWhole('list.mbox', mbox(700, 11));
  });

  it('WARC: the same entries as read whole, from parts cut after whole records', async () => {
    // The same pages crawled again and again (each crawl's record ids its own, so no part repeats another's bytes).
    const crawls = Array.from({ length: 3 }, () => Buffer.from(makeCrawlWarc().stream));
    const { report } = await sameAsWhole('crawl.warc', Buffer.concat(crawls));
    expect(report.files[0]!.counts!.duplicates).toBeGreaterThan(0);
  });

  it('knows the formats it can cut from a file\'s first bytes, as the importers do', () => {
    const enc = (s: string) => new TextEncoder().encode(s);
    const cases: [string, string, string | null][] = [
      ['posts.jsonl', '{"title":"a"}\n', 'jsonl'],
      ['posts.txt', '{"title":"a","text":"b"}\n{"title":"c","text":"d"}\n{"title":"e"', 'jsonl'],
      ['posts.json', '[{"title":"a"},\n{"title":"b"}]\n', null],
      ['list.mbox', mbox(2, 1).slice(0, 400), 'mbox'],
      ['table.csv', 'title,text\nA,"b, c"\n', 'csv'],
      ['table.tsv', 'title\ttext\nA\tb\n', 'tsv'],
      ['crawl.warc', '\r\nWARC/1.0\r\nWARC-Type: warcinfo\r\n', 'warc'],
      ['notes.txt', 'Harbour note\n\nThe pier lights were fixed.\nMore.\n', null],
    ];
    for (const [name, head, format] of cases) {
      expect(partedFormat(name, enc(head)), name).toBe(format);
      // What the importer reading each part will make of it (its own detection) agrees.
      if (format) expect(detectFormat(name, head), name).toBe(format);
    }
    expect(partedFormat('x.jsonl', new Uint8Array([0x1f, 0x8b, 8, 0]))).toBeNull();
    // UTF-16, with or without a byte-order mark: a cut at a 0x0A byte would split a character.
    expect(partedFormat('table.csv', new Uint8Array(Buffer.from('\ufefftitle,text\nA,b\n', 'utf16le')))).toBeNull();
    expect(partedFormat('table.csv', new Uint8Array(Buffer.from('title,text\nA,b\n', 'utf16le')))).toBeNull();
  });

  it('cuts only where a record ends', () => {
    const enc = (s: string) => new TextEncoder().encode(s);
    expect(cutJsonLines(enc('{"a":1}\n{"a":2}\n{"a":'))).toBe(16);
    expect(cutJsonLines(enc('{"a":1'))).toBe(0);
    const box = 'From a@x Mon Aug 1 2021\nSubject: a\n\nbody\nFrom here, no blank line before\n\nFrom b@x Tue Aug 2 2021\nSubject: b\n\nmore';
    expect(cutMbox(enc(box))).toBe(box.indexOf('From b@x'));
    expect(cutMbox(enc('From a@x Mon Aug 1 2021\nSubject: a\n\nbody\nFrom here'))).toBe(0);
    const record = (body: string) => `WARC/1.0\r\nWARC-Type: resource\r\nContent-Length: ${enc(body).length}\r\n\r\n${body}\r\n\r\n`;
    const two = record('first café') + record('second');
    expect(cutWarc(enc(two))).toBe(enc(two).length);
    expect(cutWarc(enc(two.slice(0, -5)))).toBe(enc(record('first café')).length);
    expect(cutWarc(enc(record('first').slice(0, 20)))).toBe(0);
  });

  it('is all-or-nothing: a part that cannot be read drops the whole file, and the other files are kept', async () => {
    const archive = open('all-or-nothing');
    const good = write('note.txt', 'Harbour note\n\nThe pier lights were fixed on Monday.\n');
    // A line past what a file may be read whole: no part can end within it, after many parts were written.
    const lines = jsonLines(600, 3).split('\n').filter(Boolean);
    lines.splice(500, 0, JSON.stringify({ title: 'Endless', text: 'x'.repeat(70 * KB) }));
    const bad = write('endless.jsonl', `${lines.join('\n')}\n`);
    const report = await run(archive, [good, bad], PARTED);
    expect(report.files.map((f) => [path.basename(f.path), f.status])).toEqual([
      ['note.txt', 'imported'],
      ['endless.jsonl', 'rejected'],
    ]);
    expect(report.files[1]!.error).toMatch(/^No line ends within 64 KB after byte \d+, so Quire cannot read this file in parts .*Nothing of it was kept\./u);
    expect(sources(archive).map((s) => s.name)).toEqual(['note.txt']);
    expect(entries(archive).map((e) => e.title)).toEqual(['Harbour note']);
    expect(archive.db.pragma('integrity_check', { simple: true })).toBe('ok');
    // A failure while a part is stored (a constraint, say) drops the parts before it too.
    archive.db.exec("CREATE TEMP TRIGGER poison BEFORE INSERT ON entries WHEN NEW.title LIKE 'Post 300:%' BEGIN SELECT RAISE(ABORT, 'refused by the test'); END");
    const poisoned = write('poisoned.jsonl', jsonLines(600, 5));
    const again = await run(archive, [poisoned], PARTED);
    archive.db.exec('DROP TRIGGER poison');
    expect(again.files).toMatchObject([{ status: 'rejected', entries: 0 }]);
    expect(again.files[0]!.error).toMatch(/\(in its bytes \d+–\d+\) Nothing of this file was kept\.$/u);
    expect(sources(archive)).toHaveLength(1);
    expect(entries(archive)).toHaveLength(1);
  });

  it('a file in a format that cannot be cut is refused, naming the formats that can', async () => {
    const archive = open('refused');
    const big = write('big.txt', 'A line of text.\n'.repeat(8000));
    const report = await run(archive, [big], PARTED);
    expect(report.files[0]!.status).toBe('rejected');
    expect(report.files[0]!.error).toMatch(/^This file is 125 KB; Quire reads files of up to 64 KB whole, and larger ones in parts only when they are JSON Lines \(\.jsonl\), CSV or TSV \(\.csv, \.tsv\), mbox mail and uncompressed WARC\. Split it/u);
  });

  it('a process killed in the middle of the file leaves nothing of it, and the archive whole', async () => {
    const archivePath = path.join(dir, 'killed.quire');
    const good = write('kept.txt', 'Harbour note\n\nThe pier lights were fixed on Monday.\n');
    const file = write('killed.jsonl', jsonLines(3000, 29));
    // The import in a process of its own, which says when parts are in its open transaction; it is killed there.
    const script = path.join(dir, 'import-in-parts.mjs');
    fs.writeFileSync(
      script,
      `import { Archive } from ${JSON.stringify(path.join(REPO_ROOT, 'electron/core/archive.ts'))};
import { importPaths } from ${JSON.stringify(path.join(REPO_ROOT, 'electron/core/import/import-files.ts'))};
const archive = new Archive(${JSON.stringify(archivePath)});
await importPaths(archive.db, [${JSON.stringify(good)}], { jobId: 'first', isCancelled: () => false, onProgress: () => {} });
let said = false;
await importPaths(archive.db, [${JSON.stringify(file)}], { jobId: 'killed', isCancelled: () => false, limits: ${JSON.stringify(PARTED)}, onProgress: () => {
  const parts = archive.db.prepare("SELECT count(*) AS n FROM sources WHERE name LIKE 'killed.jsonl (bytes%'").get().n;
  // Held there (the transaction open) until the kill.
  if (parts >= 5 && !said) { said = true; process.stdout.write('parts written\\n'); Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60000); }
} });
process.stdout.write('finished\\n');
`,
    );
    const child = spawn(process.execPath, [script], { stdio: ['ignore', 'pipe', 'inherit'] });
    const heard = await new Promise<string>((resolve) => {
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (/parts written|finished/u.test(out)) resolve(out);
      });
      child.on('exit', () => resolve(out));
    });
    expect(heard).toMatch(/parts written/u);
    child.kill('SIGKILL');
    await new Promise((resolve) => child.on('exit', resolve));
    const after = new Archive(archivePath);
    archives.push(after);
    expect(after.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(sources(after).map((s) => s.name)).toEqual(['kept.txt']);
    expect(entries(after).map((e) => e.title)).toEqual(['Harbour note']);
  }, 60_000);

  it('a cancel in the middle of the file keeps nothing of it', async () => {
    const archive = open('cancel');
    const file = write('cancelled.jsonl', jsonLines(900, 13));
    let progressCalls = 0;
    const report = await run(archive, [file], PARTED, {
      // Once three parts are written (the same connection sees them before they are committed).
      isCancelled: () => progressCalls > 0 && sources(archive).length >= 3,
      onProgress: () => progressCalls++,
    });
    expect(report.cancelled).toBe(true);
    expect(report.files).toMatchObject([{ path: file, status: 'cancelled' }]);
    expect(sources(archive)).toHaveLength(0);
    expect(entries(archive)).toHaveLength(0);
  });

  it('an edit sent while the parts are written waits for the file to end; no other connection ever sees part of it', async () => {
    const archive = open('edits');
    archive.db.exec('CREATE TABLE edit_log (at INTEGER)');
    const file = write('edited.jsonl', jsonLines(900, 17));
    const reader = new Database(archive.db.name, { readonly: true });
    const seen = new Set<number>();
    let edits = 0;
    let stop = false;
    // What the writer thread does with an edit (worker/archive-worker.ts): make way (wait while held, commit the batch), write.
    const editor = (async () => {
      while (!stop) {
        const ended = await makeWayForEdit(archive.db);
        archive.db.prepare('INSERT INTO edit_log VALUES (?)').run(Date.now());
        ended();
        edits++;
        seen.add((reader.prepare('SELECT count(*) AS n FROM sources').get() as { n: number }).n);
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    // The writer's own checkpoint, which would copy the whole file's log inside its next commit (minutes at gigabytes).
    archive.db.pragma('wal_autocheckpoint = 50');
    // The window is told that edits wait (import-progress.tsx), while they do and not after.
    const waits: (boolean | undefined)[] = [];
    const report = await run(archive, [file], PARTED, { onProgress: (p) => waits.push(p.editsWait) });
    expect(waits).toContain(true);
    expect(waits.at(-1)).toBeUndefined();
    stop = true;
    await editor;
    // Left to the checkpointing thread (none here): the log still holds the file, and the fallback is back after the job.
    expect(archive.db.pragma('wal_autocheckpoint', { simple: true })).toBe(50);
    const log = archive.db.pragma('wal_checkpoint(PASSIVE)') as { log: number }[];
    expect(log[0]!.log).toBeGreaterThan(200);
    const parts = report.files[0]!.parts!;
    expect(parts).toBeGreaterThan(5);
    expect(edits).toBeGreaterThan(0);
    // Either none of the parts or all of them, never some.
    expect([...seen].every((n) => n === 0 || n === parts)).toBe(true);
    expect((reader.prepare('SELECT count(*) AS n FROM sources').get() as { n: number }).n).toBe(parts);
    reader.close();
  });
});
