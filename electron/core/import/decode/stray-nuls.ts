// Real pages and dumps pick up a few NUL bytes (a CMS bug, a bad copy, a crawler's buffer), and
// text never needs them. A file whose NULs are a handful of strays among text is read as text with
// them dropped; NULs in number, in runs, or in UTF-16's every-other-byte pattern mean binary data
// (or UTF-16 not recognised) and the file is refused as before.
import { detectEncoding, isUtf8 } from './detect-encoding.ts';
import { looksBinary } from './sniff-binary.ts';

/** At most one NUL per this many bytes (and at least 8 allowed) still counts as stray. */
const BYTES_PER_NUL = 500;
const MIN_ALLOWED = 8;
/** Binary data pads with runs of NULs; a stray is alone or nearly so. */
const LONGEST_RUN = 4;

/** How many NUL bytes the file holds when every one is a stray in otherwise clear text; null when they are not. */
export function strayNuls(bytes: Uint8Array): number | null {
  let count = 0;
  let run = 0;
  let longest = 0;
  const parity = [0, 0];
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] !== 0) {
      run = 0;
      continue;
    }
    count++;
    parity[i & 1]!++;
    longest = Math.max(longest, ++run);
  }
  if (count === 0) return 0;
  if (count > Math.max(MIN_ALLOWED, bytes.length / BYTES_PER_NUL) || longest > LONGEST_RUN) return null;
  // UTF-16 puts its NULs on one side of each byte pair; strays fall on both.
  if (count >= 4 && (parity[0] === 0 || parity[1] === 0)) return null;
  const rest = bytes.filter((b) => b !== 0);
  if (looksBinary(rest)) return null;
  if (!isUtf8(rest) && detectEncoding(rest).confidence < 0.5) return null;
  return count;
}
