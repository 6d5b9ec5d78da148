// Scores how plausible a legacy single-byte decoding is. Each candidate code page turns the bytes
// above 0x7F into characters; in the right one they form words of one script with sensible case
// and common letters, in a wrong one they form words like "ÏðèâåòÌèð" (Cyrillic read as
// windows-1252), mix scripts, or hit control and unassigned characters.

export const SINGLE_BYTE_CANDIDATES = [
  'windows-1252',
  'windows-1256',
  'windows-1251',
  'koi8-r',
  'windows-1250',
  'windows-1253',
  'windows-1254',
  'windows-1255',
  'windows-1257',
  'windows-874',
  'iso-8859-2',
  'iso-8859-5',
  'iso-8859-6',
  'iso-8859-7',
  'iso-8859-8',
  'iso-8859-15',
] as const;

/**
 * The non-ASCII lowercase letters of the languages each code page is for, most frequent first.
 * The first five weigh +3, the next five +2, the rest +1; a letter of the same script that is not
 * listed weighs -1 (in a wrong code page, text turns into the rare letters of another alphabet).
 */
const COMMON: Record<string, string> = {
  'windows-1252': 'éàèçêüöäßñáíóúôâîûëïùãõœ',
  'iso-8859-15': 'éàèçêüöäßñáíóúôâîûëïùãõœ',
  'windows-1250': 'áíéčřěšžýůóúąęłőűńśźżćťďň',
  'iso-8859-2': 'áíéčřěšžýůóúąęłőűńśźżćťďň',
  'windows-1257': 'ąčęėįšųūžāēīļņķģõäöü',
  'windows-1254': 'ıüşçğöâîû',
  'windows-1251': 'оеаинтсрвлкмдпуяыьгзбч',
  'koi8-r': 'оеаинтсрвлкмдпуяыьгзбч',
  'iso-8859-5': 'оеаинтсрвлкмдпуяыьгзбч',
  'windows-1253': 'οαετινσςρηκπυμλάέίόύήωγδ',
  'iso-8859-7': 'οαετινσςρηκπυμλάέίόύήωγδ',
  'windows-1255': 'יוהלארבתמשנםכעדקפ',
  'iso-8859-8': 'יוהלארבתמשנםכעדקפ',
  'windows-1256': 'اليمنوهربتدعسفكقحجشصطزآأإةىپچژگک\u200c',
  'iso-8859-6': 'اليمنوهربتدعسفكقحجشصطزآأإةى',
  'windows-874': 'าอนรกเงมยลวดทสตะคิีัุบ่้',
};

/** Code pages a legacy file is far more likely to be in get a small head start. */
const PRIOR: Record<string, number> = { 'windows-1252': 1, 'windows-1256': 0.5, 'windows-1251': 0.5 };

const GOOD_PUNCT = new Set([...'“”‘’„‚–—…«»‹›€£¥°©®±§¶·•×÷¡¿\u00a0\u200c\u200d\u200e\u200f،؛؟٪٫٬']);

const NONE = 0;
const LATIN = 1;

interface CharInfo {
  ch: string;
  script: number;
  letter: boolean;
  joiner: boolean;
  upper: boolean;
  lower: boolean;
  /** Weight from the frequency list of the code page's languages. */
  weight: number;
  /** Score for a high byte standing outside a word. */
  loose: number;
}

function scriptOf(c: number): number {
  if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7) || (c >= 0x1e00 && c <= 0x1eff)) return LATIN;
  if (c >= 0x370 && c <= 0x3ff) return 2;
  if (c >= 0x400 && c <= 0x4ff) return 3;
  if (c >= 0x590 && c <= 0x5ff) return 4;
  if ((c >= 0x600 && c <= 0x6ff) || (c >= 0x750 && c <= 0x77f) || (c >= 0xfb50 && c <= 0xfeff)) return 5;
  if (c >= 0xe00 && c <= 0xe7f) return 6;
  return NONE;
}

function frequencyWeight(ch: string, ranked: string[], mainScript: number, c: number): number {
  const rank = ranked.indexOf(ch);
  if (rank >= 0) return rank < 5 ? 3 : rank < 10 ? 2 : 1;
  return scriptOf(c) === mainScript && ch === ch.toLowerCase() ? -1 : 0;
}

const tables = new Map<string, CharInfo[]>();

function table(encoding: string): CharInfo[] {
  let t = tables.get(encoding);
  if (t) return t;
  const decoder = new TextDecoder(encoding);
  const ranked = [...(COMMON[encoding] ?? '')];
  const mainScript = scriptOf(ranked[0]?.codePointAt(0) ?? 0x41);
  t = [];
  for (let b = 0; b < 256; b++) {
    const ch = decoder.decode(new Uint8Array([b]));
    const c = ch.codePointAt(0) ?? 0xfffd;
    const letter = /^[\p{L}\p{M}]$/u.test(ch);
    const joiner = c === 0x200c || c === 0x200d;
    let loose = -3;
    if (c === 0xfffd || (c >= 0x80 && c <= 0x9f)) loose = -10;
    else if (GOOD_PUNCT.has(ch)) loose = 1;
    else if (/^\p{N}$/u.test(ch)) loose = 0;
    t.push({
      ch,
      script: letter ? scriptOf(c) : NONE,
      letter,
      joiner,
      upper: ch !== ch.toLowerCase(),
      lower: ch !== ch.toUpperCase(),
      weight: frequencyWeight(ch, ranked, mainScript, c),
      loose,
    });
  }
  tables.set(encoding, t);
  return t;
}

/** Average plausibility per byte above 0x7F, roughly -10..+10 (plus a small prior). Higher is better. */
export function scoreSingleByte(bytes: Uint8Array, encoding: string): number {
  const t = table(encoding);
  const n = Math.min(bytes.length, 65536);
  let total = 0;
  let high = 0;
  // The word being read.
  let wHigh = 0;
  let wLetters = 0;
  let wNonAsciiLatin = 0;
  let wCommon = 0;
  let wCaseFlips = 0;
  let wPrevLower = false;
  let wScripts = 0; // bit set, ASCII counted as Latin
  const endWord = () => {
    if (wHigh > 0) {
      const scripts = wScripts & ~(1 << LATIN);
      const mixed = scripts !== 0 && (scripts & (scripts - 1)) !== 0;
      const latinWithOther = scripts !== 0 && (wScripts & (1 << LATIN)) !== 0;
      let s: number;
      if (mixed || latinWithOther) s = -6 * wHigh;
      else if (scripts === 0) {
        // Latin: accented letters sprinkled in mostly-ASCII words are plausible; words made mostly of them are not.
        s = wLetters > 2 && wNonAsciiLatin / wLetters > 0.5 ? -4 * wHigh : 2 * wHigh;
      } else s = 3 * wHigh;
      s += wCommon - 4 * wCaseFlips;
      total += s;
    }
    wHigh = wLetters = wNonAsciiLatin = wCommon = wCaseFlips = wScripts = 0;
    wPrevLower = false;
  };
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    const info = t[b]!;
    if (b >= 0x80) high++;
    if (info.letter || info.joiner) {
      if (b >= 0x80) {
        wHigh++;
        wCommon += info.weight;
        if (info.script === LATIN) wNonAsciiLatin++;
      }
      if (info.letter) {
        wLetters++;
        wScripts |= 1 << info.script;
        if (info.upper && wPrevLower) wCaseFlips++;
        wPrevLower = info.lower;
      }
      continue;
    }
    endWord();
    if (b >= 0x80) total += info.loose;
  }
  endWord();
  if (high === 0) return 0;
  return total / high + (PRIOR[encoding] ?? 0);
}
