// "The same entry" is the same title and body after NFC and collapsing white space (entryContentHash).
// normalizeForHash skips the collapse when there is nothing to collapse; it must give what the rule
// gives on any text, or a re-import would store an entry twice (or two entries as one).
import { describe, expect, it } from 'vitest';
import { entryContentHash, normalizeForHash } from '../../../electron/core/import/prepare-document.ts';
import { piecesText, seededRandom } from '../../helpers/random-pieces.ts';

/** The rule as written: NFC, every run of white space to one space, trimmed. */
const rule = (text: string) => text.normalize('NFC').replace(/\s+/gu, ' ').trim();

// Words, one space and two, every kind of white space JavaScript's \s knows (tab, line breaks,
// vertical tab, form feed, no-break and ideographic spaces, U+1680, U+2028, BOM) and some it
// does not (U+0085, U+200B), decomposed é (NFC composes it), a lone mark, RTL text with ZWNJ,
// NUL, astral letters and lone surrogates.
const PIECES = ['tide', 'Harbour', ' ', ' ', '  ', '\t', '\n', '\r\n', '\v', '\f', '\u00a0', '\u1680', '\u2003', '\u2028', '\u3000', '\ufeff', '\u0085', '\u200b', 'e\u0301', '\u0301', 'می\u200cگویند', '\0', '\u{20000}', '\ud800', '\udc00', '.'];

describe('normalizeForHash', () => {
  it('gives what NFC and the white-space collapse give, on text with and without white space to collapse', () => {
    const next = seededRandom(3);
    let plain = 0;
    for (let run = 0; run < 3_000; run++) {
      // Half the texts of words and single spaces only, which skip the collapse.
      const text = piecesText(next, run % 2 === 0 ? PIECES.slice(0, 3) : PIECES, 30);
      if (!/[^\S ]| {2}/u.test(text)) plain++;
      expect(normalizeForHash(text), JSON.stringify(text)).toBe(rule(text));
    }
    expect(plain).toBeGreaterThan(500);
    expect(plain).toBeLessThan(2_500);
  });

  it('makes a post wrapped or spaced differently the same entry, and a changed word another', () => {
    const body = 'The ferry left at six.\n\nCrew   of four, \u00a0all well.';
    expect(entryContentHash('Ferry notes', body)).toBe(entryContentHash('Ferry  notes', 'The ferry left at six. Crew of four, all well.'));
    expect(entryContentHash('Ferry notes', body)).not.toBe(entryContentHash('Ferry notes', 'The ferry left at seven. Crew of four, all well.'));
  });
});
