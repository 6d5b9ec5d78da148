// Folding with a map back to the original: snippets and reader highlights point at the letters the
// user sees. The map is built per UTF-16 unit from a table (fold-text.ts); these check it against
// folding one character at a time, on mixed-script text where one character folds to none, one
// or several.
import { describe, expect, it } from 'vitest';
import { foldPlain, foldPlainByChar, foldText, foldWithMap } from '../../../electron/core/search/fold-text.ts';
import { makeSnippet } from '../../../electron/core/search/snippets.ts';

/** The folded text and map, one code point at a time (what foldWithMap must equal). */
function reference(text: string): { folded: string; map: number[] } {
  let folded = '';
  const map: number[] = [];
  let offset = 0;
  for (const ch of text) {
    const f = foldPlainByChar(ch);
    folded += f;
    for (let i = 0; i < f.length; i++) map.push(offset);
    offset += ch.length;
  }
  map.push(text.length);
  return { folded, map };
}

describe('foldWithMap', () => {
  it('maps every folded character back to the character it came from, in any script', () => {
    // Dropped (harakat, tatweel, ZWNJ), folded to another letter (ي ك ة أ), to two (ß), spaced
    // apart (CJK, also outside the BMP), accents, Persian digits, a lone surrogate.
    const pieces = ['a', 'Z', 'é', 'ß', 'ي', 'ك', 'ة', 'أ', '\u064b', '\u0640', '\u200c', '中', '\u{20000}', '\ud800', '۵', 'ک', 'ی', ' ', 'Å', 'ǅ', 'ก', 'x'];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let run = 0; run < 2_000; run++) {
      let text = '';
      const length = Math.floor(next() * 30);
      for (let i = 0; i < length; i++) text += pieces[Math.floor(next() * pieces.length)];
      const got = foldWithMap(text);
      const want = reference(text);
      expect(got.folded).toBe(want.folded);
      expect([...got.map]).toEqual(want.map);
    }
  });

  it('highlights a Persian word written with Arabic letters, harakat and tatweel at its original letters', () => {
    // "ڪتابخانه" typed as کتابخانه: the body spells it with Arabic kaf, a fatha and a tatweel.
    const word = 'كِتابـخانة';
    const body = `گزارش تازه درباره‌ی ${word} شهر و ۱۲ نشست 中文 ${word}`;
    const { snippet, snippetHighlights } = makeSnippet('', body, [{ tokens: [foldPlain('کتابخانه')], prefix: false }]);
    expect(snippetHighlights.map((h) => snippet.slice(h.start, h.end))).toEqual([word, word]);
  });

  it('grows past its first guess when the text folds longer than it is', () => {
    const text = `${'中'.repeat(5_000)}ß`;
    const got = foldWithMap(text);
    expect(got.folded).toBe(reference(text).folded);
    expect(got.map[got.folded.length]).toBe(text.length);
    expect(got.map[got.folded.length - 1]).toBe(text.length - 1);
  });
});

describe('foldPlain', () => {
  // The index holds what foldText gives at import; a search folds its words with foldPlain. The
  // shortcuts (ASCII lower-cased whole, other text through a table per UTF-16 unit) must give
  // exactly the character-at-a-time folding, or old entries would stop matching new searches.
  it('folds as one character at a time does, on ASCII, mixed and adversarial text', () => {
    // Capitals, combining marks (decomposed é, a lone mark), astral letters (CJK B, an emoji),
    // right-to-left letters with harakat and tatweel, ZWNJ and ZWJ, NUL, lone surrogates of both
    // halves, dotted I (lower-cases to two units), final sigma, ligatures, Persian digits.
    const pieces = ['The', 'HARBOUR', 'ferry', ' ', '…', '’', '\n', '\t', '.', '\0', 'e\u0301', '\u0301', 'É', 'Ǆ', 'ß', 'İ', 'ΣΑΣ', 'ﬁ', '\u{20000}', '\u{1F600}', '\ud800', '\udc00', 'كِتابـخانة', 'درباره\u200cی', '\u200d', '۱۲', '中文', 'ก', 'שָׁלוֹם', 'Ω', '\u00ad', 'x'];
    let seed = 11;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    let asciiOnly = 0;
    for (let run = 0; run < 3_000; run++) {
      let text = '';
      // A third of the texts from the ASCII pieces alone, so the ASCII shortcut is taken too; a
      // third mostly ASCII with a '…' or another piece here and there (most English bodies).
      const ascii = run % 3 === 0;
      const mostly = run % 3 === 1;
      const length = Math.floor(next() * 40);
      for (let i = 0; i < length; i++) text += pieces[Math.floor(next() * (ascii || (mostly && next() < 0.9) ? 4 : pieces.length))];
      if (ascii) asciiOnly++;
      const want = foldPlainByChar(text);
      expect(foldPlain(text), JSON.stringify(text)).toBe(want);
      // Again, now that the table holds these characters.
      expect(foldPlain(text), JSON.stringify(text)).toBe(want);
    }
    expect(asciiOnly).toBe(1_000);
  });

  it('indexes English text in lower case and Persian text with its letters folded', () => {
    expect(foldText('The Harbour Ferry LEFT at 6')).toBe('the harbour ferry left at 6');
    expect(foldText('Kitab كتابخانة')).toBe('kitab کتابخانه');
  });
});
