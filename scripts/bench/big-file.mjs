// Issue 17's large file: a generated JSON Lines dump of QUIRE_BIG_FILE_MB (default 2048) MB,
// imported by the built `quire` into a new archive under /usr/bin/time, which reports the peak
// resident memory of the whole process (every thread). The file is read in parts
// (electron/core/import/file-parts.ts); the target is under 500 MB for a 2 GB dump.
// Run: node scripts/build.mjs && node scripts/bench/big-file.mjs [DIR]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { rng } from './generate-corpus.mjs';

const MB = 1024 * 1024;
const size = Number(process.env.QUIRE_BIG_FILE_MB ?? 2048) * MB;
const dir = process.argv[2] ?? fs.mkdtempSync(path.join(os.tmpdir(), 'quire-big-'));
fs.mkdirSync(dir, { recursive: true });
const file = path.join(dir, `posts-${size / MB}mb.jsonl`);

const random = rng(17);
const SYLLABLES = ['ka', 'lo', 'mi', 'ra', 'ten', 'su', 'vor', 'an', 'el', 'dri', 'pa', 'no', 'gu', 'shi', 'ber', 'tal', 'om', 'ix', 'fe', 'ran'];
const vocab = Array.from({ length: 30000 }, () => Array.from({ length: 2 + Math.floor(random() * 3) }, () => SYLLABLES[Math.floor(random() * SYLLABLES.length)]).join(''));
const H = Math.log(vocab.length) + 0.5772;
const word = () => vocab[Math.min(vocab.length - 1, Math.max(0, Math.floor(Math.exp(random() * H - 0.5772)) - 1))];
// Half the words Zipf-distributed, half uniform: posts that share their common words but are not near-duplicates.
const words = (n) => Array.from({ length: n }, (_, k) => (k % 2 ? word() : vocab[Math.floor(random() * vocab.length)])).join(' ');

if (!fs.existsSync(file) || fs.statSync(file).size < size) {
  const fd = fs.openSync(file, 'w');
  let written = 0;
  let i = 0;
  while (written < size) {
    const lines = [];
    for (let k = 0; k < 1000; k++, i++) {
      const day = String(1 + (i % 28)).padStart(2, '0');
      lines.push(JSON.stringify({ title: `${words(6)} ${i}`, text: words(120 + Math.floor(random() * 400)), author: `writer ${i % 500}`, date: `20${10 + (i % 14)}-0${1 + (i % 9)}-${day}`, url: `https://example.org/post/${i}` }));
    }
    const chunk = `${lines.join('\n')}\n`;
    written += fs.writeSync(fd, chunk);
  }
  fs.closeSync(fd);
}
const bytes = fs.statSync(file).size;
const archive = path.join(dir, 'big.quire');
fs.rmSync(archive, { force: true });
for (const ext of ['-wal', '-shm']) fs.rmSync(archive + ext, { force: true });
const quire = path.join(path.dirname(new URL(import.meta.url).pathname), '../../bin/quire.mjs');
const started = Date.now();
// Peak memory by phase: the file's parts (until the file is in: all its parts are committed
// together, so another connection sees its sources at once), then what the import does after
// (near-duplicate bands, index merges, search statistics), read from /proc every 250 ms.
const child = spawn('/usr/bin/time', ['-f', 'TIME %M %e %U %S', process.execPath, quire, 'import', '--archive', archive, file], { stdio: ['ignore', 'pipe', 'pipe'] });
let stdout = '';
let stderr = '';
child.stdout.on('data', (d) => (stdout += d));
child.stderr.on('data', (d) => (stderr += d));
const peak = { parts: 0, after: 0 };
let phase = 'parts';
let fileInAt = 0;
const rssOf = (pid) => {
  try {
    return Number(/VmRSS:\s+(\d+)/u.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
  } catch {
    return 0;
  }
};
const nodePid = () => {
  try {
    return Number(fs.readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8').trim().split(/\s+/u)[0]) || null;
  } catch {
    return null;
  }
};
const sampler = setInterval(() => {
  const pid = nodePid();
  if (!pid) return;
  peak[phase] = Math.max(peak[phase], rssOf(pid));
  if (phase === 'parts' && fs.existsSync(archive)) {
    try {
      const db = new Database(archive, { readonly: true, fileMustExist: true });
      const n = db.prepare('SELECT count(*) AS n FROM sources').get().n;
      db.close();
      if (n > 0) {
        phase = 'after';
        fileInAt = Date.now();
      }
    } catch {
      // not created yet
    }
  }
}, 250);
const status = await new Promise((resolve) => child.on('exit', resolve));
clearInterval(sampler);
console.log(stdout.trim().split('\n').slice(-4).join('\n'));
const time = /TIME (\d+) ([\d.]+) ([\d.]+) ([\d.]+)/u.exec(stderr);
if (status !== 0 || !time) {
  console.error(stderr);
  process.exit(1);
}
const [, rssKb, wall, user, sys] = time.map(Number);
const mbOf = (b) => (b / MB).toFixed(0);
console.log(`file ${mbOf(bytes)} MB: peak memory ${(rssKb / 1024).toFixed(0)} MB in all (target under 500 MB); ${mbOf(peak.parts)} MB while its parts were read and written (${((fileInAt - started) / 1000).toFixed(0)} s), ${mbOf(peak.after)} MB after (bands, merges, search statistics: ${((Date.now() - fileInAt) / 1000).toFixed(0)} s)`);
console.log(`${wall.toFixed(0)} s wall, ${(user + sys).toFixed(0)} s CPU; archive ${mbOf(fs.statSync(archive).size)} MB`);
