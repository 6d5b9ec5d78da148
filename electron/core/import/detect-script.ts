// Text direction and a script-level language guess, from the letters themselves.
import type { TextDirection } from '../../../shared/contract.ts';

const RTL_LETTER = /[\u0590-\u05FF\u0600-\u06FF\u0700-\u074F\u0750-\u077F\u08A0-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/gu;
const LTR_LETTER = /[A-Za-z\u00C0-\u024F\u0370-\u03FF\u0400-\u04FF\u3040-\u30FF\u4E00-\u9FFF\uAC00-\uD7AF\u0E00-\u0E7F]/gu;

function count(text: string, re: RegExp): number {
  re.lastIndex = 0;
  let n = 0;
  while (re.exec(text) !== null) n++;
  return n;
}

/** 'rtl' when right-to-left letters outnumber left-to-right ones in the first few thousand characters. */
export function detectDirection(text: string): TextDirection {
  const sample = text.slice(0, 4000);
  return count(sample, RTL_LETTER) > count(sample, LTR_LETTER) ? 'rtl' : 'ltr';
}

const PERSIAN_ONLY = /[\u067E\u0686\u0698\u06AF\u06CC\u06A9]/gu; // پ چ ژ گ ی ک
const URDU_ONLY = /[\u0679\u0688\u0691\u06BA\u06BE\u06C1\u06D2]/gu; // ٹ ڈ ڑ ں ھ ہ ے
const ARABIC_ONLY = /[\u0629\u064A\u0643\u0649]/gu; // ة ي ك ى
const HEBREW = /[\u0590-\u05FF]/gu;
const CYRILLIC = /[\u0400-\u04FF]/gu;
const GREEK = /[\u0370-\u03FF]/gu;
const HAN = /[\u4E00-\u9FFF]/gu;
const KANA = /[\u3040-\u30FF]/gu;
const HANGUL = /[\uAC00-\uD7AF]/gu;
const THAI = /[\u0E00-\u0E7F]/gu;
const LATIN = /[A-Za-z]/gu;
const ARABIC_SCRIPT = /[\u0600-\u06FF]/gu;

/** A script-based language guess (ISO 639-1), or null when the text gives too little to go on. */
export function guessLanguage(text: string): string | null {
  const s = text.slice(0, 4000);
  const arabicScript = count(s, ARABIC_SCRIPT);
  const counts: [string, number][] = [
    ['he', count(s, HEBREW)],
    ['ru', count(s, CYRILLIC)],
    ['el', count(s, GREEK)],
    ['zh', count(s, HAN) - count(s, KANA)],
    ['ja', count(s, KANA) * 3],
    ['ko', count(s, HANGUL)],
    ['th', count(s, THAI)],
    ['en', count(s, LATIN)],
    ['ar', arabicScript],
  ];
  counts.sort((a, b) => b[1] - a[1]);
  const top = counts[0];
  if (!top || top[1] < 3) return null;
  if (top[0] === 'ar') {
    const urdu = count(s, URDU_ONLY);
    const persian = count(s, PERSIAN_ONLY);
    const arabic = count(s, ARABIC_ONLY);
    if (urdu > 2 && urdu >= persian / 4) return 'ur';
    if (persian > arabic) return 'fa';
    return 'ar';
  }
  return top[0];
}
