// The language of Latin-script entries is voted by stop words; the one-pass word scan must find
// the same words as the regex it replaced (a–z and U+00C0–U+024F, lower-cased), or entries would
// be labelled differently from one import to the next.
import { describe, expect, it } from 'vitest';
import { guessLanguage, LATIN_WORDS } from '../../../electron/core/import/detect-script.ts';

function referenceLatin(sample: string): string {
  const hits = LATIN_WORDS.map(() => 0);
  for (const [w] of sample.toLowerCase().matchAll(/[a-z\u00C0-\u024F]+/gu)) LATIN_WORDS.forEach(([, stop], i) => (hits[i]! += stop.has(w) ? 1 : 0));
  let best = 0;
  for (let i = 1; i < hits.length; i++) if (hits[i]! > hits[best]!) best = i;
  return hits[best]! > 0 ? LATIN_WORDS[best]![0] : 'en';
}

// Stop words of every language, the same glued to letters or accents, capitals, long words, and
// signs inside the letter range (× ÷) or just outside it (ɐ U+0250, ʼ).
const PIECES = [...LATIN_WORDS.flatMap(([, stop]) => [...stop].slice(0, 6)), 'été', 'Été', 'DER', 'Und', 'ände', 'deré', 'la×le', 'a÷', 'dieɐ', 'ɐdie', 'ʼla', 'questo', 'questoo', 'wordt', 'xwordt', 'straße', 'ÆØÅ', 'ąla', 'dieŋ', 'ǅder', ' ', ' ', ', ', '.\n', '-', "'", '1'];

describe('Latin-script language votes', () => {
  it('come out as the regex definition gives them', () => {
    const seen = new Set<string>();
    for (let seed = 1; seed <= 400; seed++) {
      let s = seed;
      let text = 'Latin text: ';
      for (let i = 0; i < 10 + (seed % 50); i++) {
        s = (Math.imul(s, 1103515245) + 12345) >>> 0;
        text += PIECES[(s >>> 8) % PIECES.length];
      }
      const expected = referenceLatin(text.slice(0, 4000));
      seen.add(expected);
      expect(guessLanguage(text), text).toBe(expected);
    }
    // The texts reach several languages, not only the default.
    expect(seen.size).toBeGreaterThanOrEqual(5);
  });
});
