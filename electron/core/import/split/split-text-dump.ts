// Splits a scraped page saved as text into entries (posts), each with its span of the text.
// What separates posts: "Read more"-style links, rules (----, ***), runs of 3+ blank lines, and a
// new post's opening (a title line followed by a date line, or a date line alone). A site header
// at the top is returned apart. Nothing is lost: every non-blank character of the text lies in an
// entry's span, a separator's span or the header's span. A text with none of these shapes is one entry.
// Labelled digests (`Headline:` / `Source:` / `Date:` records) are read by split-labelled-digest.ts.
import type { EntryDraft, SiteHeader } from '../types.ts';
import { buildEntry } from './build-entry.ts';
import { type Block, classifyBlocks, isTitleLike } from './classify-blocks.ts';
import { findHeader } from './find-header.ts';
import { slashOrderOf } from './parse-date.ts';
import { splitLabelledDigest } from './split-labelled-digest.ts';
import { splitMarkdownText } from './split-markdown.ts';

export interface Span {
  start: number;
  end: number;
}

export interface SplitResult {
  header: SiteHeader | null;
  entries: EntryDraft[];
  /** Lines that only separated posts ("Read more", rules): part of no entry. */
  separators?: Span[];
}

const BLANK_RUN_SEPARATES = 3;

/**
 * Where posts start inside a run of blocks: at a title followed by a date line, or at a lone date
 * line. A date line closing a post (nothing but a separator or the end after it) starts nothing.
 */
function postStarts(blocks: Block[]): Set<number> {
  const starts = new Set<number>();
  blocks.forEach((b, i) => {
    if (b.kind !== 'date') return;
    const prev = blocks[i - 1];
    if (prev?.kind === 'date') return;
    if (isTitleLike(prev) && !starts.has(i - 1)) starts.add(i - 1);
    else if (closesPost(blocks, i)) return;
    else starts.add(i);
  });
  return starts;
}

function closesPost(blocks: Block[], i: number): boolean {
  const next = blocks[i + 1];
  return i > 0 && (next === undefined || next.kind === 'separator' || next.blankBefore >= BLANK_RUN_SEPARATES);
}

/** `text` is already decoded, NFC-normalised, with \n line endings. Offsets refer to it. */
export function splitTextDump(text: string): SplitResult {
  const options = { slashOrder: slashOrderOf(text) ?? undefined };
  const digest = splitLabelledDigest(text, options);
  if (digest) return digest;
  const blocks = classifyBlocks(text, options);
  if (blocks.length === 0) return { header: null, entries: [], separators: [] };

  const starts = postStarts(blocks);
  let firstPost = blocks.findIndex((b, i) => b.kind === 'separator' || starts.has(i));
  if (firstPost < 0) firstPost = blocks.length;
  const found = findHeader(blocks, firstPost);

  const entries: EntryDraft[] = [];
  const separators: Span[] = [];
  let run: Block[] = [];
  const flush = () => {
    if (run.length > 0) entries.push(buildEntry(text, run, options));
    run = [];
  };
  for (let i = found?.paragraphs ?? 0; i < blocks.length; i++) {
    const b = blocks[i]!;
    if (b.kind === 'separator') {
      flush();
      separators.push({ start: b.start, end: b.end });
      continue;
    }
    if (b.blankBefore >= BLANK_RUN_SEPARATES || starts.has(i)) flush();
    run.push(b);
  }
  flush();
  return { header: found?.header ?? null, entries, separators };
}

/** Markdown: `#`/`##` headings split posts; front matter gives title, date and author. */
export function splitMarkdown(text: string): SplitResult {
  return splitMarkdownText(text);
}
