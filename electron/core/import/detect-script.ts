// Text direction and a script-level language guess, from the letters themselves.
import type { TextDirection } from '../../../shared/contract.ts';

// Letters only: Arabic-script digits (U+0660–0669, U+06F0–06F9) and punctuation, and U+FEFF
// (the byte-order mark, not a letter), say nothing about direction.
const RTL_LETTER = /[\u05D0-\u05EA\u05F0-\u05F2\u0620-\u064A\u066E-\u06D3\u06D5\u06FA-\u06FF\u0700-\u074F\u0750-\u077F\u0780-\u07B1\u07CA-\u07EA\u08A0-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFC]/gu;
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

// Persian: letters Arabic lacks, and the zero-width non-joiner Persian spelling uses constantly
// (می‌گویند). ی and ک are weaker evidence: Persian typed on an Arabic keyboard has ي and ك instead.
const PERSIAN_STRONG = /[\u067E\u0686\u0698\u06AF\u200C]/gu; // پ چ ژ گ ZWNJ
const PERSIAN_WEAK = /[\u06CC\u06A9]/gu; // ی ک
const URDU_ONLY = /[\u0679\u0688\u0691\u06BA\u06BE\u06C1\u06D2]/gu; // ٹ ڈ ڑ ں ھ ہ ے
// Arabic: tā' marbūṭa, alif maqṣūra, tanwīn and the article ال at the start of a word.
const ARABIC_STRONG = /[\u0629\u0649\u064B-\u064D]|(?<![\u0620-\u06FF])\u0627\u0644/gu; // ة ى ً ٌ ٍ ال
const ARABIC_WEAK = /[\u064A\u0643]/gu; // ي ك
const HEBREW = /[\u05D0-\u05EA]/gu;
const CYRILLIC = /[\u0400-\u04FF]/gu;
const GREEK = /[\u0370-\u03FF]/gu;
const HAN = /[\u4E00-\u9FFF]/gu;
const KANA = /[\u3040-\u30FF]/gu;
const HANGUL = /[\uAC00-\uD7AF]/gu;
const THAI = /[\u0E00-\u0E7F]/gu;
const LATIN = /[A-Za-z\u00C0-\u024F]/gu;
const ARABIC_SCRIPT = /[\u0620-\u064A\u066E-\u06D3\u06D5\u06FA-\u06FF]/gu;

// Frequent short words that tell Latin-script languages apart.
const LATIN_WORDS: [string, Set<string>][] = [
  ['en', new Set('the and of to in is that it was for on are with as be this have from by not but they has'.split(' '))],
  ['fr', new Set('le la les des et est un une du dans que qui pour pas sur au aux ce cette sont avec ont été'.split(' '))],
  ['de', new Set('der die das und ist nicht ein eine den dem des mit sich auf für von zu im sind dass wird auch'.split(' '))],
  ['es', new Set('el la los las y es en un una del que por con para se su al como más pero sus ha fue'.split(' '))],
  ['it', new Set('il lo la gli le di e è un una del della che per con non sono nel alla questo anche ha'.split(' '))],
  ['pt', new Set('o a os as e é um uma do da dos das que em no na para com não por se foi são ao'.split(' '))],
  ['nl', new Set('de het een en van is dat in op te niet zijn met voor er die ook aan maar werd wordt'.split(' '))],
];

function latinLanguage(sample: string): string {
  const words = sample.toLowerCase().match(/[a-z\u00C0-\u024F]+/gu) ?? [];
  let best = 'en';
  let bestHits = 0;
  for (const [lang, stop] of LATIN_WORDS) {
    let hits = 0;
    for (const w of words) if (stop.has(w)) hits++;
    if (hits > bestHits) {
      best = lang;
      bestHits = hits;
    }
  }
  return best;
}

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
  if (top[0] === 'en') return latinLanguage(s);
  if (top[0] === 'ar') {
    const urdu = count(s, URDU_ONLY);
    const persian = count(s, PERSIAN_STRONG);
    const arabic = count(s, ARABIC_STRONG);
    if (urdu > 2 && urdu >= (persian + count(s, PERSIAN_WEAK)) / 4) return 'ur';
    if (persian !== arabic) return persian > arabic ? 'fa' : 'ar';
    return count(s, PERSIAN_WEAK) > count(s, ARABIC_WEAK) ? 'fa' : 'ar';
  }
  return top[0];
}
