// The text as paragraphs (runs of non-blank lines) with exact offsets, the unit the splitter reasons in.

export interface Line {
  text: string;
  /** Offsets of the line without its newline, and of its trimmed content. */
  start: number;
  end: number;
}

export interface Paragraph {
  lines: Line[];
  /** Offsets of the first and last non-whitespace characters: [start, end). */
  start: number;
  end: number;
  /** Blank lines between this paragraph and the previous one (or the start of the text). */
  blankBefore: number;
}

export function toParagraphs(text: string): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  let current: Line[] = [];
  let blanks = 0;
  let blankBefore = 0;
  const flush = () => {
    if (current.length === 0) return;
    const first = current[0]!;
    const last = current[current.length - 1]!;
    paragraphs.push({ lines: current, start: first.start, end: last.end, blankBefore });
    current = [];
  };
  let pos = 0;
  while (pos <= text.length) {
    const nl = text.indexOf('\n', pos);
    const lineEnd = nl < 0 ? text.length : nl;
    const raw = text.slice(pos, lineEnd);
    const lead = raw.length - raw.trimStart().length;
    const content = raw.trim();
    if (content.length === 0) {
      if (current.length > 0) {
        flush();
        blanks = 0;
      }
      blanks++;
    } else {
      if (current.length === 0) blankBefore = blanks;
      const start = pos + lead;
      current.push({ text: content, start, end: start + content.length });
      blanks = 0;
    }
    if (nl < 0) break;
    pos = nl + 1;
  }
  flush();
  return paragraphs;
}

/** A one-line paragraph's text, or null. */
export function singleLine(p: Paragraph | undefined): string | null {
  return p && p.lines.length === 1 ? p.lines[0]!.text : null;
}
