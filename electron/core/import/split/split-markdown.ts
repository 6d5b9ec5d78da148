// Markdown dumps: `#` and `##` headings start posts (title = heading text), horizontal rules
// separate, and YAML front matter at the top gives the first post's title, date and author.
// Headings inside fenced code blocks are code, not posts. A heading with no text of its own is no
// post. Dumps of social accounts (`## @account` over rule-separated posts that end in
// `[Source](url)`) give each post its account as author and its link as URL.
import type { EntryDraft } from '../types.ts';
import { buildEntry, type EntryPrefix } from './build-entry.ts';
import { type Block, classifyBlocksIn } from './classify-blocks.ts';
import { type DateOptions, parseDate, slashOrderOf } from './parse-date.ts';
import { titleFromText } from './post-title.ts';
import { buildSocialPost, postsOf } from './social-post.ts';
import { splitLabelledDigest } from './split-labelled-digest.ts';
import { trailingSourceLink } from './source-link.ts';
import type { Span, SplitResult } from './split-text-dump.ts';

interface FrontMatter extends EntryPrefix {
  end: number;
}

const ATX = /^ {0,3}(#{1,2})[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$/u;
const FENCE = /^ {0,3}(```|~~~)/u;
const SETEXT = /^ {0,3}(=+|-+)[ \t]*$/u;
const ATX_ANYWHERE = /^ {0,3}#{1,2}[ \t]+\S/mu;
const ACCOUNT_HEADING = /^ {0,3}#{1,2}[ \t]+@[\p{L}\p{N}_]/mu;

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

/** `dashRules`: a `---` line under text is a rule, not a setext underline (dumps of accounts write them so). */
function sections(text: string, from: number, dashRules: boolean): Section[] {
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
    // Dumps write `---` right under a post's closing `[Source](url)`: a rule there, not an underline.
    const setext =
      !inFence && prevLine !== null && prevLine.text.trim() !== '' && !ATX.test(prevLine.text) && SETEXT.test(line) && !(line.includes('-') && (dashRules || trailingSourceLink(prevLine.text)))
        ? prevLine
        : null;
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

/** The account a section heading names (`## @harbour_watch`, `## Channel: Harbour Watch`), or null. */
function namedAccount(title: string): string | null {
  const m = /^(?:(?:channel|account|user|profile)\s*:\s*)?(@[\p{L}\p{N}_.]+.*)$|^(?:channel|account|user|profile)\s*:\s*(.+)$/iu.exec(title.trim());
  return m ? (m[1] ?? m[2] ?? '').trim() || null : null;
}

function endsWithSourceLink(part: Block[]): boolean {
  const lines = part[part.length - 1]?.lines;
  return lines !== undefined && trailingSourceLink(lines[lines.length - 1]!.text) !== null;
}

/** A post ending in `[Source](url)`: the link is its URL and is not body text. */
function takeSourceLink(text: string, entry: EntryDraft): EntryDraft {
  const bodyStart = entry.bodyStart ?? entry.start;
  const bodyEnd = entry.bodyEnd ?? bodyStart + entry.body.length;
  const lineStart = text.lastIndexOf('\n', bodyEnd - 1) + 1;
  const link = trailingSourceLink(text.slice(Math.max(lineStart, bodyStart), bodyEnd));
  if (!link) return entry;
  const end = bodyStart + text.slice(bodyStart, Math.max(lineStart, bodyStart) + link.at).trimEnd().length;
  const body = text.slice(bodyStart, end);
  // An untitled text closed by its source link is a post: named like one.
  return { ...entry, title: entry.title || (body ? titleFromText(body) : link.url), url: link.url, body, bodyEnd: end };
}

interface SplitSection extends Section {
  parts: Block[][];
  account: string | null;
}

export function splitMarkdownText(text: string): SplitResult {
  const options: DateOptions = { slashOrder: slashOrderOf(text) ?? undefined };
  const fm = readFrontMatter(text, options);
  // A labelled digest saved as Markdown: its rules would otherwise underline its last lines into headings.
  const digest = !fm && !ATX_ANYWHERE.test(text) ? splitLabelledDigest(text, options) : null;
  if (digest) return digest;
  const separators: Span[] = [];
  const accountDump = ACCOUNT_HEADING.test(text);
  const found: SplitSection[] = sections(text, fm?.end ?? 0, accountDump).map((section) => {
    // A setext heading's text sits on the line before its underline; skip both.
    const blocks = classifyBlocksIn(text, section.bodyStart, section.end, options);
    const parts: Block[][] = [[]];
    for (const b of blocks) {
      if (b.kind === 'separator') {
        separators.push({ start: b.start, end: b.end });
        parts.push([]);
      } else parts[parts.length - 1]!.push(b);
    }
    const linked = parts.filter((p) => p.length > 0 && endsWithSourceLink(p)).length;
    const account = section.title === undefined ? null : (namedAccount(section.title) ?? (linked >= 2 ? section.title : null));
    return { ...section, parts, account };
  });
  // In a dump of accounts, every heading over posts that end in source links names an account.
  if (found.some((s) => s.account !== null)) {
    for (const s of found) if (s.title !== undefined && s.account === null && s.parts.some((p) => p.length > 0 && endsWithSourceLink(p))) s.account = s.title;
  }

  const entries: EntryDraft[] = [];
  const bareHeadings: { title: string; start: number; end: number }[] = [];
  for (const section of found) {
    const headingEnd = section.start + text.slice(section.start, section.bodyStart).trimEnd().length;
    if (section.account !== null) {
      // The heading is shared by all the account's posts, so it belongs to none of them.
      separators.push({ start: section.start, end: headingEnd });
      for (const part of section.parts.flatMap(postsOf)) {
        const post = buildSocialPost(text, part, options, section.account);
        // A date line alone says nothing to read.
        if (post) entries.push(post);
        else separators.push({ start: part[0]!.start, end: part[part.length - 1]!.end });
      }
      continue;
    }
    section.parts.forEach((part, i) => {
      const heading = i === 0 && section.title !== undefined;
      if (part.length === 0) {
        // A heading with no text of its own (`# Channel export` right above `## …`) is no entry.
        if (heading) bareHeadings.push({ title: section.title!, start: section.start, end: headingEnd });
        return;
      }
      const entry = buildEntry(text, part, options, heading ? { title: section.title } : undefined);
      if (heading) entry.start = section.start;
      entries.push(takeSourceLink(text, entry));
    });
  }
  let header: SplitResult['header'] = null;
  if (entries.length === 0) {
    // Headings alone: each is all there is of its post.
    for (const h of bareHeadings) entries.push({ title: h.title, body: '', date: null, dateSource: null, author: null, outlet: null, start: h.start, end: h.end });
  } else {
    bareHeadings.forEach((h, i) => {
      const first = i === 0 && !fm && text.slice(0, h.start).trim() === '';
      if (first) header = { siteName: h.title, start: h.start, end: h.end };
      else separators.push({ start: h.start, end: h.end });
    });
  }
  if (fm) {
    const first = entries[0];
    if (first) {
      // The front matter is the first post's: its span takes in whatever stands between them.
      for (let i = separators.length - 1; i >= 0; i--) if (separators[i]!.start < first.start) separators.splice(i, 1);
      first.start = 0;
      if (fm.title && !first.title) first.title = fm.title;
      if (fm.date) {
        first.date = fm.date;
        first.dateSource = fm.dateSource ?? null;
      }
      if (fm.author) first.author = fm.author;
    } else separators.push({ start: 0, end: fm.end });
  }
  return { header, entries, separators };
}
