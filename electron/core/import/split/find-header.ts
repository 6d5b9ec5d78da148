// A site header at the top of a dump (site name, a description, `Author:`, social handles)
// describes the source, not a post. It is recognised only by its marker lines (`Author:` or a
// handle), and only before the first post starts, so a plain essay never loses its opening.
import type { SiteHeader } from '../types.ts';
import type { Paragraph } from './paragraphs.ts';

const AUTHOR = /^(?:author|authors|written\s+by|auteur|autor|autore|auteur|автор|نویسنده|الكاتب|الكاتبة|الكاتب)\s*[:：]\s*(.{1,100})$/iu;
const HANDLE =
  /^(?:follow\s+(?:us|me)\s+on\s+)?(?:twitter|x|facebook|fb|instagram|telegram|youtube|tiktok|linkedin|mastodon|bluesky|threads|vk|whatsapp|email|e-mail|website|web|rss|aparat|تلگرام|توییتر|اینستاگرام|فيسبوك|تويتر)\s*[:：]\s*\S.{0,120}$/iu;
const AT_HANDLES = /^@[\p{L}\p{N}_.]{1,50}(?:[\s,|·]+@[\p{L}\p{N}_.]{1,50})*$/u;
const PROFILE_URL = /^(?:https?:\/\/)?(?:www\.)?(?:twitter|x|facebook|instagram|t|youtube|tiktok|linkedin)\.(?:com|me)\/\S+$/iu;

/** How many paragraphs a header may hold before the first post, at most. */
const MAX_HEADER_PARAGRAPHS = 8;
const SHORT_LINE = 100;

function isMarkerLine(line: string): boolean {
  return AUTHOR.test(line) || HANDLE.test(line) || AT_HANDLES.test(line) || PROFILE_URL.test(line);
}

function isMarker(p: Paragraph): boolean {
  return p.lines.every((l) => isMarkerLine(l.text));
}

export interface FoundHeader {
  header: SiteHeader;
  /** Paragraphs the header uses, from the first. */
  paragraphs: number;
}

/** `firstPost` is the index of the paragraph where the first post (or a separator) begins. */
export function findHeader(paragraphs: Paragraph[], firstPost: number): FoundHeader | null {
  const limit = Math.min(firstPost, MAX_HEADER_PARAGRAPHS, paragraphs.length);
  let last = -1;
  for (let i = 0; i < limit; i++) if (isMarker(paragraphs[i]!)) last = i;
  if (last < 0) return null;
  let siteName: string | null = null;
  let description: string | null = null;
  let author: string | null = null;
  const handles: string[] = [];
  for (let i = 0; i <= last; i++) {
    const p = paragraphs[i]!;
    if (isMarker(p)) {
      for (const { text } of p.lines) {
        const a = AUTHOR.exec(text);
        if (a?.[1]) author ??= a[1].trim();
        else handles.push(text);
      }
      continue;
    }
    const short = p.lines.length === 1 && p.lines[0]!.text.length <= SHORT_LINE;
    const text = p.lines.map((l) => l.text).join('\n');
    if (short && siteName === null) siteName = text;
    else if (description === null) description = text;
    else return null; // more prose than a header holds: it is content
  }
  const first = paragraphs[0]!;
  const end = paragraphs[last]!.end;
  return { header: { siteName, description, author, handles, start: first.start, end }, paragraphs: last + 1 };
}
