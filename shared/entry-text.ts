// The one place that defines what a highlight's offsets count, and converts them.
// A highlight's start/end count Unicode code points of the ENTRY TEXT: the title, a blank line,
// then the body (just the body when the title is empty). W3C's TextPositionSelector and REFI-QDA's
// PlainTextSelection count code points too; JavaScript strings count UTF-16 units, so every
// conversion between the two goes through this module. Runs anywhere (core, CLI, renderer).

const TITLE_SEPARATOR = '\n\n';

/** The text a highlight's offsets count in. */
export function entryText(title: string, body: string): string {
  return title ? `${title}${TITLE_SEPARATOR}${body}` : body;
}

/** Where the body starts in the entry text, in UTF-16 units. */
export function bodyStart16(title: string): number {
  return title ? title.length + TITLE_SEPARATOR.length : 0;
}

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** Code points in a string (a lone surrogate counts as one). */
export function codePointLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    if (isHigh(text.charCodeAt(i)) && i + 1 < text.length && isLow(text.charCodeAt(i + 1))) i++;
    n++;
  }
  return n;
}

/**
 * The code point offset of a UTF-16 index. An index inside a surrogate pair (which no selection
 * should produce) is rounded down to the pair's start.
 */
export function toCodePoints(text: string, index16: number): number {
  const end = Math.max(0, Math.min(index16, text.length));
  let n = 0;
  for (let i = 0; i < end; i++) {
    if (isHigh(text.charCodeAt(i)) && i + 1 < text.length && isLow(text.charCodeAt(i + 1))) {
      if (i + 1 >= end) break;
      i++;
    }
    n++;
  }
  return n;
}

/** The UTF-16 index of a code point offset (clamped to the text). */
export function toUtf16(text: string, codePoints: number): number {
  let i = 0;
  for (let n = 0; n < codePoints && i < text.length; n++) {
    i += isHigh(text.charCodeAt(i)) && i + 1 < text.length && isLow(text.charCodeAt(i + 1)) ? 2 : 1;
  }
  return i;
}

/** The text between two code point offsets. */
export function sliceCodePoints(text: string, start: number, end: number): string {
  const from = toUtf16(text, start);
  return text.slice(from, from + (toUtf16(text.slice(from), end - start)));
}

export interface TextQuote {
  exact: string;
  prefix: string;
  suffix: string;
}

/** W3C TextQuoteSelector for a code point range: the passage and `context` code points either side. */
export function quoteAt(text: string, start: number, end: number, context = 32): TextQuote {
  const s16 = toUtf16(text, start);
  const e16 = toUtf16(text, end);
  const before = Array.from(text.slice(Math.max(0, s16 - context * 2), s16));
  const after = Array.from(text.slice(e16, e16 + context * 2));
  return { exact: text.slice(s16, e16), prefix: before.slice(Math.max(0, before.length - context)).join(''), suffix: after.slice(0, context).join('') };
}
