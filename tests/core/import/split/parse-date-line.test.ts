// A paragraph's first lines are asked whether they are a date line, in Markdown marks or not
// (`**Posted on: 2021-03-04**`). The marks are cut off by looking at the line's ends only: that
// must cut exactly what the regex it replaced cut, on any line.
import { describe, expect, it } from 'vitest';
import { parseDateLine, stripLineMarks } from '../../../../electron/core/import/split/parse-date-line.ts';
import { piecesText, seededRandom } from '../../../helpers/random-pieces.ts';

const byRegex = (line: string) => line.trim().replace(/^[*_#>\s]+|[*_\s]+$/gu, '');

// Marks of both ends (# and > only count in front), white space of several kinds, words, a date,
// and characters that are none of these: RTL with ZWNJ, a combining mark, NUL, astral, lone surrogates.
const PIECES = ['*', '**', '_', '#', '>', ' ', '\t', '\n', '\u00a0', '\u3000', 'Posted on:', ' 2021-03-04', 'tide', 'می\u200cگویند', 'e\u0301', '\0', '\u{1F600}', '\ud800', '\udc00', '-', '.'];

describe('stripLineMarks', () => {
  it('cuts what the regex cuts, on lines of marks, white space, words and odd characters', () => {
    const next = seededRandom(9);
    let allMarks = 0;
    for (let run = 0; run < 4_000; run++) {
      // One line in four of marks and white space only (cut to nothing, or to a lone # or >).
      const line = piecesText(next, run % 4 === 0 ? PIECES.slice(0, 9) : PIECES, 16);
      if (byRegex(line) === '') allMarks++;
      expect(stripLineMarks(line), JSON.stringify(line)).toBe(byRegex(line));
    }
    expect(allMarks).toBeGreaterThan(500);
  });

  it('reads a date line in Markdown marks, and not a long line that ends in one', () => {
    expect(parseDateLine('> **Posted on: 2021-03-04** ')?.date).toBe('2021-03-04');
    expect(parseDateLine('**Posted on:** 2021-03-04')).toEqual({ date: '2021-03-04', source: 'posted-on', author: null });
    expect(parseDateLine('_Published:_ March 4, 2021')).toEqual({ date: '2021-03-04', source: 'posted-on', author: null });
    expect(parseDateLine(`${'The harbour master wrote at length. '.repeat(4)}Posted on: 2021-03-04`)).toBeNull();
  });
});
