// One post from its blocks: title, date (and how it was found), author, outlet, body and span.
import type { EntryDraft } from '../types.ts';
import { type Block, isTitleLike } from './classify-blocks.ts';
import { parseAttribution } from './parse-attribution.ts';
import { type DateOptions, parseDate } from './parse-date.ts';
import { linkTitleStart } from './strip-link-title.ts';

/** A date closing a title: `Weekly Digest – Sep 10, 2021`, `Notes (23.08.2021)`. */
export function titleDate(title: string, options: DateOptions): string | null {
  const m = /(?:^|\s[-–—|:]\s|,\s|\()\s*([^-–—|(]{4,40}?)\)?$/u.exec(title);
  return m?.[1] ? parseDate(m[1], options) : null;
}

export interface EntryPrefix {
  title?: string;
  date?: string | null;
  dateSource?: string | null;
  author?: string | null;
}

/**
 * `blocks` are the text and date blocks of one post, in order (no separators). `prefix` carries
 * what a format already knows (a Markdown heading or front matter).
 */
export function buildEntry(text: string, blocks: Block[], options: DateOptions, prefix: EntryPrefix = {}): EntryDraft {
  const first = blocks[0]!;
  const last = blocks[blocks.length - 1]!;
  let i = 0;
  let title = prefix.title ?? '';
  let date = prefix.date ?? null;
  let dateSource = prefix.date ? (prefix.dateSource ?? null) : null;
  let author = prefix.author ?? null;
  const takeDate = (b: Block) => {
    if (!b.dateLine) return;
    if (!date) {
      date = b.dateLine.date;
      dateSource = b.dateLine.source;
    }
    author ??= b.dateLine.author;
  };
  if (first.kind === 'date') {
    takeDate(first);
    i = 1;
  }
  if (prefix.title === undefined && isTitleLike(blocks[i]) && blocks.length > i + 1) {
    title = blocks[i]!.lines[0]!.text;
    i++;
  }
  while (blocks[i]?.kind === 'date') takeDate(blocks[i++]!);

  // A date line closing the post dates it when nothing before did, and is not body text.
  let lastBody = blocks.length - 1;
  while (lastBody > i && blocks[lastBody]!.kind === 'date') takeDate(blocks[lastBody--]!);

  let outlet: string | null = null;
  let bodyStart = last.end;
  let bodyEnd = blocks[lastBody]!.end;
  const bodyFirst = blocks[i];
  if (bodyFirst) {
    bodyStart = bodyFirst.start;
    const attribution = parseAttribution(bodyFirst.lines[0]!.text, title, options);
    if (attribution) {
      author ??= attribution.author;
      outlet = attribution.outlet;
      if (!date) {
        date = attribution.date;
        dateSource = 'attribution';
      }
    }
    const cut = linkTitleStart(text.slice(bodyStart, bodyEnd), title);
    if (cut !== null) bodyEnd = bodyStart + text.slice(bodyStart, bodyStart + cut).trimEnd().length;
  }
  if (!date && title) {
    date = titleDate(title, options);
    if (date) dateSource = 'title';
  }
  return {
    title,
    body: text.slice(bodyStart, bodyEnd),
    date,
    dateSource,
    author,
    outlet,
    start: first.start,
    end: last.end,
    bodyStart,
    bodyEnd: Math.max(bodyStart, bodyEnd),
  };
}
