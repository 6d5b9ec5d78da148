// Markdown dumps: `#` and `##` headings start posts (title = heading text), horizontal rules
// separate, and YAML front matter at the top gives the first post's title, date and author.
// Headings inside fenced code blocks are code, not posts.
import type { EntryDraft } from '../types.ts';
import { buildEntry, type EntryPrefix } from './build-entry.ts';
import { type Block, classifyBlocks } from './classify-blocks.ts';
import { type DateOptions, parseDate, slashOrderOf } from './parse-date.ts';
import type { Span, SplitResult } from './split-text-dump.ts';

interface FrontMatter extends EntryPrefix {
  end: number;
}

const ATX = /^ {0,3}(#{1,2})[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$/u;
const FENCE = /^ {0,3}(```|~~~)/u;
const SETEXT = /^ {0,3}(=+|-+)[ \t]*$/u;

function unquote(v: string): string {
  return v.trim().replace(/^(["'])(.*)\1$/u, '$2').trim();
}

function readFrontMatter(text: string, options: DateOptions): FrontMatter | null {
  const m = /^---[ \t]*\n([\s\S]*?)\n(?:---|\.\.\.)[ \t]*(?:\n|$)/u.exec(text);
  if (!m) return null;
  const fm: FrontMatter = { end: m[0].length };
  const lines = m[1]!.split('\n');
  lines.forEach((line, i) => {
    const kv = /^([A-Za-z_][\w-]*)\s*:\s*(.*)$/u.exec(line);
    if (!kv) return;
    const key = kv[1]!.toLowerCase();
    let value = unquote(kv[2]!);
    if (value === '' && /^\s*-\s+/u.test(lines[i + 1] ?? '')) value = unquote(lines[i + 1]!.replace(/^\s*-\s+/u, ''));
    value = value.replace(/^\[(.*)\]$/u, (_, inner: string) => unquote(inner.split(',')[0] ?? ''));
    if (!value) return;
    if (key === 'title') fm.title = value;
    else if ((key === 'date' || key === 'published' || key === 'pubdate') && !fm.date) {
      fm.date = parseDate(value.replace(/[ T]\d{1,2}:\d{2}.*$/u, ''), options);
      fm.dateSource = fm.date ? 'front-matter' : null;
    } else if (key === 'author' || key === 'authors' || key === 'by') fm.author = value;
  });
  return fm;
}

interface Section {
  start: number;
  bodyStart: number;
  end: number;
  title?: string;
}

function sections(text: string, from: number): Section[] {
  const out: Section[] = [];
  let current: Section = { start: from, bodyStart: from, end: text.length };
  let inFence = false;
  let prevLine: { text: string; start: number } | null = null;
  let pos = from;
  while (pos <= text.length) {
    const nl = text.indexOf('\n', pos);
    const end = nl < 0 ? text.length : nl;
    const line = text.slice(pos, end);
    const next = nl < 0 ? end : nl + 1;
    if (FENCE.test(line)) inFence = !inFence;
    const atx = inFence ? null : ATX.exec(line);
    const setext = !inFence && prevLine !== null && prevLine.text.trim() !== '' && !ATX.test(prevLine.text) && SETEXT.test(line) ? prevLine : null;
    if (atx || setext) {
      const headingLine = atx ? { text: line, start: pos } : setext!;
      const headingStart = headingLine.start + (headingLine.text.length - headingLine.text.trimStart().length);
      current.end = headingStart;
      out.push(current);
      current = { start: headingStart, bodyStart: next, end: text.length, title: atx ? atx[2]!.trim() : setext!.text.trim() };
      prevLine = null;
    } else {
      prevLine = { text: line, start: pos };
    }
    if (nl < 0) break;
    pos = next;
  }
  out.push(current);
  return out;
}

function shifted(blocks: Block[], by: number): Block[] {
  return blocks.map((b) => ({ ...b, start: b.start + by, end: b.end + by, lines: b.lines.map((l) => ({ ...l, start: l.start + by, end: l.end + by })) }));
}

export function splitMarkdownText(text: string): SplitResult {
  const options: DateOptions = { slashOrder: slashOrderOf(text) ?? undefined };
  const fm = readFrontMatter(text, options);
  const entries: EntryDraft[] = [];
  const separators: Span[] = [];
  for (const section of sections(text, fm?.end ?? 0)) {
    // A setext heading's text sits on the line before its underline; skip both.
    const blocks = shifted(classifyBlocks(text.slice(section.bodyStart, section.end), options), section.bodyStart);
    let run: Block[] = [];
    let prefix: EntryPrefix | undefined = section.title !== undefined ? { title: section.title } : undefined;
    let runStart = section.title !== undefined ? section.start : -1;
    const flush = () => {
      if (run.length === 0 && runStart < 0) return;
      const entry: EntryDraft =
        run.length > 0
          ? buildEntry(text, run, options, prefix)
          : { title: prefix?.title ?? '', body: '', date: null, dateSource: null, author: null, outlet: null, start: runStart, end: runStart };
      if (runStart >= 0) entry.start = runStart;
      if (run.length === 0) entry.end = section.start + text.slice(section.start, section.bodyStart).trimEnd().length;
      entries.push(entry);
      run = [];
      prefix = undefined;
      runStart = -1;
    };
    for (const b of blocks) {
      if (b.kind === 'separator') {
        flush();
        separators.push({ start: b.start, end: b.end });
      } else run.push(b);
    }
    flush();
  }
  if (fm) {
    const first = entries[0];
    if (first) {
      first.start = 0;
      if (fm.title && !first.title) first.title = fm.title;
      if (fm.date) {
        first.date = fm.date;
        first.dateSource = fm.dateSource ?? null;
      }
      if (fm.author) first.author = fm.author;
    } else separators.push({ start: 0, end: fm.end });
  }
  return { header: null, entries, separators };
}
