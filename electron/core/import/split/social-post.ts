// One post of a social-media dump: the account is known from its section heading, the post has no
// title of its own, a `[Source](url)` link closes it and a date line may open or close it.
import type { EntryDraft } from '../types.ts';
import type { Block } from './classify-blocks.ts';
import type { Line } from './paragraphs.ts';
import { parseDateLine } from './parse-date-line.ts';
import type { DateOptions } from './parse-date.ts';
import { titleFromText } from './post-title.ts';
import { trailingSourceLink } from './source-link.ts';

/** `blocks`: the post's text and date blocks in order (no separators). Null when it has no text and no link. */
export function buildSocialPost(text: string, blocks: Block[], options: DateOptions, account: string | null): EntryDraft | null {
  const lines: Line[] = blocks.flatMap((b) => b.lines.map((l) => ({ ...l })));
  let url: string | null = null;
  let date: string | null = null;
  let dateSource: string | null = null;
  let author = account;
  const takeDate = (line: Line): boolean => {
    // `*2021-04-03 14:22* ·` before a link on the same line still is a date line.
    const found = parseDateLine(line.text.replace(/[\s·•|–—-]+$/u, ''), options);
    if (!found) return false;
    if (!date) {
      date = found.date;
      dateSource = found.source;
    }
    author ??= found.author;
    return true;
  };

  while (lines.length > 0 && takeDate(lines[lines.length - 1]!)) lines.pop();
  const last = lines[lines.length - 1];
  const link = last ? trailingSourceLink(last.text) : null;
  if (last && link) {
    url = link.url;
    const kept = last.text.slice(0, link.at).trimEnd();
    if (kept) last.text = kept;
    if (!kept || takeDate(last)) lines.pop();
    else last.end = last.start + kept.length;
  }
  while (lines.length > 0 && takeDate(lines[0]!)) lines.shift();
  while (lines.length > 0 && takeDate(lines[lines.length - 1]!)) lines.pop();

  const first = blocks[0]!;
  const bodyStart = lines[0]?.start ?? first.start;
  const bodyEnd = lines[lines.length - 1]?.end ?? bodyStart;
  const body = text.slice(bodyStart, bodyEnd);
  if (!body && !url) return null;
  return {
    // A post that only shares a link is named by it.
    title: body ? titleFromText(body) : (url ?? ''),
    body,
    date,
    dateSource,
    author,
    outlet: null,
    url,
    start: first.start,
    end: blocks[blocks.length - 1]!.end,
    bodyStart,
    bodyEnd,
  };
}

/**
 * An account's posts within a run between rules: a line closed by a source link ends a post, so
 * posts written one after another without a rule still come apart.
 */
export function postsOf(part: Block[]): Block[][] {
  const posts: Block[][] = [[]];
  for (const b of part) {
    let from = 0;
    b.lines.forEach((line, i) => {
      if (!trailingSourceLink(line.text) || (i === b.lines.length - 1 && b === part[part.length - 1])) return;
      posts[posts.length - 1]!.push(piece(b, from, i + 1));
      posts.push([]);
      from = i + 1;
    });
    if (from < b.lines.length) posts[posts.length - 1]!.push(from === 0 ? b : piece(b, from, b.lines.length));
  }
  // A date line after the link closes that post rather than standing alone.
  const out: Block[][] = [];
  for (const p of posts) {
    if (p.length === 0) continue;
    const datesOnly = p.every((b) => b.lines.every((l) => parseDateLine(l.text) !== null));
    if (datesOnly && out.length > 0) out[out.length - 1]!.push(...p);
    else out.push(p);
  }
  return out;
}

function piece(b: Block, from: number, to: number): Block {
  const lines = b.lines.slice(from, to);
  return { ...b, kind: 'text', dateLine: null, lines, start: lines[0]!.start, end: lines[lines.length - 1]!.end, blankBefore: from === 0 ? b.blankBefore : 0 };
}
