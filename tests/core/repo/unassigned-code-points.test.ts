// A file whose text holds an unassigned code point keeps its text stored (a later Unicode may give
// it a decomposition, which would change NFC). The check learns each UTF-16 unit's answer once
// instead of running the regex over the whole file: it must say what the regex says.
import { describe, expect, it } from 'vitest';
import { hasUnassigned } from '../../../electron/core/repo/source-content.ts';
import { piecesText, seededRandom } from '../../helpers/random-pieces.ts';

const UNASSIGNED = /\p{Cn}/u;

// Assigned: ASCII, NUL, accents and combining marks, RTL letters with harakat, ZWNJ, CJK, an
// emoji and a CJK letter outside the BMP, private use, lone surrogates of both halves (Cs).
// Unassigned: U+0378, U+0380, the noncharacters U+FDD0, U+FFFE, U+FFFF, U+1FFFF, U+10FFFF, and
// an unassigned astral U+E0080.
const ASSIGNED = ['tide ', 'A', '\0', '\n', 'é', 'e\u0301', 'كِتابـ', 'می\u200cگویند', '中文', '\u{1F600}', '\u{20000}', '\ue000', '\ud800', '\udc00', '\ud800x'];
const ODD = ['\u0378', '\u0380', '\ufdd0', '\ufffe', '\uffff', '\u{1FFFF}', '\u{10FFFF}', '\u{E0080}'];

describe('hasUnassigned', () => {
  it('answers as the \\p{Cn} regex does, on assigned, unassigned and broken text', () => {
    const next = seededRandom(5);
    let found = 0;
    for (let run = 0; run < 3_000; run++) {
      // One text in four may hold an unassigned code point; the rest only assigned ones and lone halves.
      const text = piecesText(next, run % 4 === 0 ? [...ASSIGNED, ...ODD] : ASSIGNED, 25);
      const want = UNASSIGNED.test(text);
      if (want) found++;
      expect(hasUnassigned(text), JSON.stringify(text)).toBe(want);
      // Again, once the table knows these units.
      expect(hasUnassigned(text), JSON.stringify(text)).toBe(want);
    }
    expect(found).toBeGreaterThan(200);
  });

  it('sees a high surrogate and a low one apart as two lone halves, and together as one code point', () => {
    // U+1FFFF is D83F DFFF: unassigned as a pair; each half alone is a surrogate, assigned (Cs).
    expect(hasUnassigned('\ud83f\udfff')).toBe(true);
    expect(hasUnassigned('\ud83f \udfff')).toBe(false);
    expect(hasUnassigned('\udfff\ud83f')).toBe(false);
  });
});
