// Where each object and array of a JSON text stands: RFC 6901 pointer → [start, end) in the text.
// JSON.parse gives values but no positions; this scanner walks the same (already valid) text once
// and records the containers down to a depth, which is where records live.

/** An RFC 6901 reference token: `~` as `~0`, `/` as `~1`. */
export function pointerToken(key: string | number): string {
  return String(key).replace(/~/gu, '~0').replace(/\//gu, '~1');
}

interface Frame {
  pointer: string;
  start: number;
  isArray: boolean;
  index: number;
  key: string | null;
}

/** Spans of every object and array at most `maxDepth` levels deep ('' is the root). The text must be valid JSON. */
export function jsonContainerSpans(text: string, maxDepth = 8, base = 0): Map<string, [number, number]> {
  const spans = new Map<string, [number, number]>();
  const stack: Frame[] = [];
  const childPointer = (): string => {
    const top = stack[stack.length - 1];
    if (!top) return '';
    return `${top.pointer}/${pointerToken(top.isArray ? top.index : (top.key ?? ''))}`;
  };
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      let j = i + 1;
      while (j < text.length && text.charCodeAt(j) !== 0x22) j += text.charCodeAt(j) === 0x5c ? 2 : 1;
      const top = stack[stack.length - 1];
      if (expectKey && top && !top.isArray) top.key = JSON.parse(text.slice(i, j + 1)) as string;
      expectKey = false;
      i = j;
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      stack.push({ pointer: childPointer(), start: i, isArray: c === 0x5b, index: 0, key: null });
      expectKey = c === 0x7b;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      const frame = stack.pop()!;
      if (stack.length < maxDepth) spans.set(frame.pointer, [base + frame.start, base + i + 1]);
      expectKey = false;
    } else if (c === 0x2c /* , */) {
      const top = stack[stack.length - 1];
      if (top?.isArray) top.index++;
      else expectKey = true;
    }
  }
  return spans;
}
