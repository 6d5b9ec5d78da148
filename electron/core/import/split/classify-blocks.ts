// Paragraphs labelled for the splitter: separators, date lines and text. A "Read more" or a rule
// written right under a paragraph (no blank line) still separates, and a date line as the first
// or second line of a paragraph (`Title` / `Posted on: …` / body) is read as its own block.
import { isSeparatorLine } from './find-separators.ts';
import { type Paragraph, toParagraphs } from './paragraphs.ts';
import { type DateLine, parseDateLine } from './parse-date-line.ts';
import type { DateOptions } from './parse-date.ts';

export interface Block extends Paragraph {
  kind: 'separator' | 'date' | 'text';
  dateLine: DateLine | null;
}

const TITLE_MAX = 160;

/** A short line with no final period: what a post title looks like. */
export function isTitleLike(block: Block | undefined): boolean {
  if (!block || block.kind !== 'text' || block.lines.length !== 1) return false;
  const t = block.lines[0]!.text;
  return t.length <= TITLE_MAX && /\p{L}/u.test(t) && !/[.,;:]$/u.test(t.replace(/\.{3}$|…$/u, 'x'));
}

function block(p: Paragraph, kind: Block['kind'], dateLine: DateLine | null = null): Block {
  return { ...p, kind, dateLine };
}

function piece(p: Paragraph, from: number, to: number, blankBefore: number): Paragraph {
  const lines = p.lines.slice(from, to);
  return { lines, start: lines[0]!.start, end: lines[lines.length - 1]!.end, blankBefore };
}

export function classifyBlocks(text: string, options: DateOptions): Block[] {
  const blocks: Block[] = [];
  for (const p of toParagraphs(text)) {
    let from = 0;
    let blankBefore = p.blankBefore;
    const emitText = (to: number) => {
      if (to > from) blocks.push(block(piece(p, from, to, blankBefore), 'text'));
      blankBefore = 0;
    };
    p.lines.forEach((line, i) => {
      if (isSeparatorLine(line.text)) {
        emitText(i);
        blocks.push(block(piece(p, i, i + 1, blankBefore), 'separator'));
        blankBefore = 0;
        from = i + 1;
        return;
      }
      if (i <= 1 && p.lines.length > 1) {
        const dateLine = parseDateLine(line.text, options);
        if (dateLine) {
          emitText(i);
          blocks.push(block(piece(p, i, i + 1, blankBefore), 'date', dateLine));
          blankBefore = 0;
          from = i + 1;
        }
      }
    });
    if (from === 0 && p.lines.length === 1) {
      const dateLine = parseDateLine(p.lines[0]!.text, options);
      blocks.push(block(p, dateLine ? 'date' : 'text', dateLine));
      continue;
    }
    emitText(p.lines.length);
  }
  return blocks;
}

/** The blocks of `text.slice(start, end)`, with offsets into the whole `text`. */
export function classifyBlocksIn(text: string, start: number, end: number, options: DateOptions): Block[] {
  const at = (n: number) => n + start;
  return classifyBlocks(text.slice(start, end), options).map((b) => ({
    ...b,
    start: at(b.start),
    end: at(b.end),
    lines: b.lines.map((l) => ({ ...l, start: at(l.start), end: at(l.end) })),
  }));
}
