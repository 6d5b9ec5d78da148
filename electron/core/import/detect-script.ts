// Text direction and a script-level language guess, from the letters themselves.
import type { TextDirection } from '../../../shared/contract.ts';

// Letters only: Arabic-script digits (U+0660–0669, U+06F0–06F9) and punctuation, and U+FEFF
// (the byte-order mark, not a letter), say nothing about direction (see isRtlLetter).

function count(text: string, re: RegExp): number {
  re.lastIndex = 0;
  let n = 0;
  while (re.exec(text) !== null) n++;
  return n;
}

/** 'rtl' when right-to-left letters outnumber left-to-right ones in the first few thousand characters. */
export function detectDirection(text: string): TextDirection {
  return directionFrom(countScripts(text.slice(0, 4000)));
}

function directionFrom(k: ScriptCounts): TextDirection {
  return k.rtl > k.latin + k.el + k.ru + k.kana + k.han + k.ko + k.th ? 'rtl' : 'ltr';
}

/** Letters per script in one pass (this runs for every imported entry, so no regex per script). */
interface ScriptCounts {
  he: number;
  ru: number;
  el: number;
  han: number;
  kana: number;
  ko: number;
  th: number;
  latin: number;
  arabic: number;
  /** Every right-to-left letter: Hebrew, Arabic script, Syriac, Thaana, N'Ko and presentation forms. */
  rtl: number;
}

function isRtlLetter(u: number): boolean {
  return (
    (u >= 0x5d0 && u <= 0x5ea) ||
    (u >= 0x5f0 && u <= 0x5f2) ||
    (u >= 0x620 && u <= 0x64a) ||
    (u >= 0x66e && u <= 0x6d3) ||
    u === 0x6d5 ||
    (u >= 0x6fa && u <= 0x6ff) ||
    (u >= 0x700 && u <= 0x74f) ||
    (u >= 0x750 && u <= 0x77f) ||
    (u >= 0x780 && u <= 0x7b1) ||
    (u >= 0x7ca && u <= 0x7ea) ||
    (u >= 0x8a0 && u <= 0x8ff) ||
    (u >= 0xfb1d && u <= 0xfdff) ||
    (u >= 0xfe70 && u <= 0xfefc)
  );
}

function countScripts(s: string): ScriptCounts {
  const c: ScriptCounts = { he: 0, ru: 0, el: 0, han: 0, kana: 0, ko: 0, th: 0, latin: 0, arabic: 0, rtl: 0 };
  for (let i = 0; i < s.length; i++) {
    const u = s.charCodeAt(i);
    if (u < 0x41) continue;
    if (u >= 0x5d0 && isRtlLetter(u)) c.rtl++; // its first range starts at U+05D0: Latin letters skip them all
    if (u <= 0x7a) {
      if (u <= 0x5a || u >= 0x61) c.latin++;
    } else if (u >= 0xc0 && u <= 0x24f) c.latin++;
    else if (u >= 0x370 && u <= 0x3ff) c.el++;
    else if (u >= 0x400 && u <= 0x4ff) c.ru++;
    else if (u >= 0x5d0 && u <= 0x5ea) c.he++;
    else if ((u >= 0x620 && u <= 0x64a) || (u >= 0x66e && u <= 0x6d3) || u === 0x6d5 || (u >= 0x6fa && u <= 0x6ff)) c.arabic++;
    else if (u >= 0xe00 && u <= 0xe7f) c.th++;
    else if (u >= 0x3040 && u <= 0x30ff) c.kana++;
    else if (u >= 0x4e00 && u <= 0x9fff) c.han++;
    else if (u >= 0xac00 && u <= 0xd7af) c.ko++;
  }
  return c;
}

// Persian: letters Arabic lacks, and the zero-width non-joiner Persian spelling uses constantly
// (می‌گویند). ی and ک are weaker evidence: Persian typed on an Arabic keyboard has ي and ك instead.
const PERSIAN_STRONG = /[\u067E\u0686\u0698\u06AF\u200C]/gu; // پ چ ژ گ ZWNJ
const PERSIAN_WEAK = /[\u06CC\u06A9]/gu; // ی ک
// Sorani Kurdish: letters neither Persian nor Arabic nor Urdu write (its ە is the vowel e, in
// nearly every word). Checked before Urdu: Sorani writes h as ھ, which Urdu uses too.
const SORANI_ONLY = /[\u0695\u06B5\u06CE\u06C6\u06D5\u06A4]/gu; // ڕ ڵ ێ ۆ ە ڤ
const URDU_ONLY = /[\u0679\u0688\u0691\u06BA\u06BE\u06C1\u06D2]/gu; // ٹ ڈ ڑ ں ھ ہ ے
// Arabic: tā' marbūṭa, alif maqṣūra, tanwīn and the article ال at the start of a word.
const ARABIC_STRONG = /[\u0629\u0649\u064B-\u064D]|(?<![\u0620-\u06FF])\u0627\u0644/gu; // ة ى ً ٌ ٍ ال
const ARABIC_WEAK = /[\u064A\u0643]/gu; // ي ك

// Frequent short words that tell Latin-script languages apart.
export const LATIN_WORDS: [string, Set<string>][] = [
  ['en', new Set('the and of to in is that it was for on are with as be this have from by not but they has'.split(' '))],
  ['fr', new Set('le la les des et est un une du dans que qui pour pas sur au aux ce cette sont avec ont été'.split(' '))],
  ['de', new Set('der die das und ist nicht ein eine den dem des mit sich auf für von zu im sind dass wird auch'.split(' '))],
  ['es', new Set('el la los las y es en un una del que por con para se su al como más pero sus ha fue'.split(' '))],
  ['it', new Set('il lo la gli le di e è un una del della che per con non sono nel alla questo anche ha'.split(' '))],
  ['pt', new Set('o a os as e é um uma do da dos das que em no na para com não por se foi são ao'.split(' '))],
  ['nl', new Set('de het een en van is dat in op te niet zijn met voor er die ook aan maar werd wordt'.split(' '))],
];

// Each stop word once, with the languages it votes for (one lookup per word, not one per language).
const LATIN_VOTES = new Map<string, number[]>();
LATIN_WORDS.forEach(([, stop], index) => {
  for (const w of stop) LATIN_VOTES.set(w, [...(LATIN_VOTES.get(w) ?? []), index]);
});

const LONGEST_STOP = Math.max(...[...LATIN_VOTES.keys()].map((w) => w.length));

/** Stop-word votes over the words (runs of a–z and U+00C0–U+024F) of the lower-cased sample. */
function latinLanguage(sample: string): string {
  const hits = new Array<number>(LATIN_WORDS.length).fill(0);
  // One pass, and a string only for words short enough to be stop words (this runs for every entry).
  const s = sample.toLowerCase();
  let start = -1;
  for (let i = 0; i <= s.length; i++) {
    const u = i < s.length ? s.charCodeAt(i) : 0;
    if ((u >= 0x61 && u <= 0x7a) || (u >= 0xc0 && u <= 0x24f)) {
      if (start < 0) start = i;
      continue;
    }
    if (start >= 0 && i - start <= LONGEST_STOP) {
      const votes = LATIN_VOTES.get(s.slice(start, i));
      if (votes) for (const v of votes) hits[v]!++;
    }
    start = -1;
  }
  let best = 0;
  for (let i = 1; i < hits.length; i++) if (hits[i]! > hits[best]!) best = i;
  return hits[best]! > 0 ? LATIN_WORDS[best]![0] : 'en';
}

/** A script-based language guess (ISO 639-1, or `ckb` for Sorani Kurdish), or null when the text gives too little to go on. */
export function guessLanguage(text: string): string | null {
  return languageFrom(text.slice(0, 4000), countScripts(text.slice(0, 4000)));
}

/** Direction and language in one pass over the sample (this runs for every imported entry). */
export function detectScript(text: string): { direction: TextDirection; language: string | null } {
  const s = text.slice(0, 2000);
  const k = countScripts(s);
  return { direction: directionFrom(k), language: languageFrom(s, k) };
}

function languageFrom(s: string, k: ScriptCounts): string | null {
  const counts: [string, number][] = [
    ['he', k.he],
    ['ru', k.ru],
    ['el', k.el],
    ['zh', k.han - k.kana],
    ['ja', k.kana * 3],
    ['ko', k.ko],
    ['th', k.th],
    ['en', k.latin],
    ['ar', k.arabic],
  ];
  counts.sort((a, b) => b[1] - a[1]);
  const top = counts[0];
  if (!top || top[1] < 3) return null;
  if (top[0] === 'en') return latinLanguage(s);
  if (top[0] === 'ar') {
    const sorani = count(s, SORANI_ONLY);
    if (sorani > 2 && sorani * 20 >= k.arabic) return 'ckb';
    const urdu = count(s, URDU_ONLY);
    const persian = count(s, PERSIAN_STRONG);
    const arabic = count(s, ARABIC_STRONG);
    if (urdu > 2 && urdu >= (persian + count(s, PERSIAN_WEAK)) / 4) return 'ur';
    if (persian !== arabic) return persian > arabic ? 'fa' : 'ar';
    return count(s, PERSIAN_WEAK) > count(s, ARABIC_WEAK) ? 'fa' : 'ar';
  }
  return top[0];
}
