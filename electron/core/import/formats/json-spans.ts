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

/**
 * Spans of the objects and arrays named in `wanted` ('' is the root), shifted by `base`. The text
 * must be valid JSON. Only the wanted spans are kept: a file of a million records holds many more
 * containers than records.
 */
export function jsonContainerSpans(text: string, wanted: ReadonlySet<string>, base = 0): Map<string, [number, number]> {
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
      let escaped = false;
      while (j < text.length && text.charCodeAt(j) !== 0x22) {
        if (text.charCodeAt(j) === 0x5c) {
          escaped = true;
          j += 2;
        } else j++;
      }
      const top = stack[stack.length - 1];
      if (expectKey && top && !top.isArray) top.key = escaped ? (JSON.parse(text.slice(i, j + 1)) as string) : text.slice(i + 1, j);
      expectKey = false;
      i = j;
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      stack.push({ pointer: childPointer(), start: i, isArray: c === 0x5b, index: 0, key: null });
      expectKey = c === 0x7b;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      const frame = stack.pop()!;
      if (wanted.has(frame.pointer)) spans.set(frame.pointer, [base + frame.start, base + i + 1]);
      expectKey = false;
    } else if (c === 0x2c /* , */) {
      const top = stack[stack.length - 1];
      if (top?.isArray) top.index++;
      else expectKey = true;
    }
  }
  return spans;
}
