// Romanised names spelled differently (Hossein / Husain, Qasem / Ghassem, Rouhani / Rowhani,
// Mohammad / Muhammed, Khodabande / Khodabandeh) are matched in two steps:
//  - a coarse key, the consonant skeleton (consonant classes in order: kh/gh/q/g one class, sh,
//    ch, zh, w/v..., doubled letters collapsed, a final -h after a vowel dropped), groups the
//    vocabulary's words;
//  - within a group, two words are variants only when the vowels in each gap between those
//    consonants agree up to the usual romanisation choices (a/e, e/i, o/u/ou/oo/ow, ei/ai/ay/ey)
//    and the words are of about the same length. Reducing every vowel run to one marker (the
//    rule before this one) let "Massoud" match "missed", "messed" and "masad", and "Rajavi"
//    match "rajiv": the vowels are where those words differ.

/** A word cut into consonant classes and the vowel gaps around them ('' for no vowel). */
interface Shape {
  consonants: string[];
  /** gaps[i] is the vowel before consonants[i]; the last is the vowel after the last consonant. */
  gaps: string[];
  length: number;
}

const DIGRAPHS: Record<string, string> = { kh: 'K', gh: 'K', sh: 'S', ch: 'C', zh: 'Z', ph: 'f', th: 't', dh: 'z', dj: 'j', ck: 'k' };
const SINGLE: Record<string, string> = { q: 'K', g: 'K', w: 'v', c: 'k' };
const VOWELS = 'aeiou';
/** Vowel runs and the vowel they are romanisations of; any other run is left open ('*'). */
const RUNS: Record<string, string> = {
  a: 'a',
  aa: 'a',
  e: 'e',
  i: 'i',
  ee: 'i',
  ii: 'i',
  iy: 'i',
  o: 'o',
  u: 'u',
  ou: 'u',
  oo: 'u',
  uu: 'u',
  ow: 'u',
  ei: 'D',
  ey: 'D',
  ai: 'D',
  ay: 'D',
  eyi: 'D',
};
/** Vowels written for one another in romanised names. */
const COMPATIBLE = new Set(['a|e', 'e|i', 'o|u', 'D|e', 'D|i']);
const compatible = (x: string, y: string) => x === y || x === '*' || y === '*' || COMPATIBLE.has(`${x}|${y}`) || COMPATIBLE.has(`${y}|${x}`);

/** Words shorter than this, or with fewer consonants, get no variants: too many short words look alike. */
const MIN_LETTERS = 4;
const MIN_CONSONANTS = 2;
/** Variants differ in length by at most this many letters. */
const MAX_LENGTH_DIFFERENCE = 3;

function shape(word: string): Shape | null {
  let w = word.toLowerCase().replace(/[-'\u2019\u02bc\u2018`]/g, '');
  if (!/^[a-z]+$/.test(w) || w.length < MIN_LETTERS) return null;
  w = w.replace(/([aeiou])h$/, '$1'); // Khodabandeh / Khodabande
  const consonants: string[] = [];
  const gaps: string[] = [''];
  const isVowel = (ch: string | undefined) => ch !== undefined && VOWELS.includes(ch);
  for (let i = 0; i < w.length; ) {
    const ch = w[i] as string;
    const next = w[i + 1];
    // A run of vowels, with the glides that belong to it: y or w after a vowel and before a
    // consonant (Hayder, Rowhani), y between a consonant and a vowel (Esfandyari).
    if (isVowel(ch) || (ch === 'y' && i > 0 && !isVowel(w[i - 1]) && (isVowel(next) || next === undefined))) {
      let run = ch === 'y' ? 'i' : ch;
      i++;
      while (i < w.length) {
        const c = w[i] as string;
        if (isVowel(c)) run += c;
        else if ((c === 'y' || c === 'w') && !isVowel(w[i + 1])) run += c;
        else break;
        i++;
      }
      gaps[gaps.length - 1] = RUNS[run] ?? '*';
      continue;
    }
    let cls: string;
    const two = DIGRAPHS[ch + (next ?? '')];
    if (two) {
      cls = two;
      i += 2;
    } else {
      cls = SINGLE[ch] ?? ch;
      i++;
    }
    // Doubled letters (Hassan / Hasan, Mohammad / Mohamad) are one consonant.
    if (consonants[consonants.length - 1] === cls && gaps[gaps.length - 1] === '') continue;
    consonants.push(cls);
    gaps.push('');
  }
  if (consonants.length < MIN_CONSONANTS) return null;
  return { consonants, gaps, length: w.length };
}

/** The coarse key of one folded Latin word (its consonant skeleton), or null for words the rules do not apply to. */
export function skeleton(word: string): string | null {
  return shape(word)?.consonants.join('') ?? null;
}

/** Whether two words are romanisations of one name under the rules above (a word is not its own variant here). */
export function spellingVariants(a: string, b: string): boolean {
  const x = shape(a);
  const y = shape(b);
  if (!x || !y || a === b) return false;
  if (Math.abs(x.length - y.length) > MAX_LENGTH_DIFFERENCE) return false;
  if (x.consonants.join(' ') !== y.consonants.join(' ')) return false;
  return x.gaps.every((g, i) => {
    const h = y.gaps[i] ?? '';
    return g === '' || h === '' ? g === h : compatible(g, h);
  });
}
