// Legacy multi-byte encodings (Shift_JIS, EUC-JP, GBK/GB18030, Big5, EUC-KR) for bytes that are not
// UTF-8. jschardet ranks them; its answer is only taken when decoding with it loses no byte and
// the text reads as the script that encoding is for. Otherwise the single-byte scorer decides.
import { chardet } from 'jschardet';

export interface MultiByteGuess {
  encoding: string;
  confidence: number;
}

type Family = 'ja' | 'zh' | 'ko';

/** jschardet's names (lower-cased) as the TextDecoder label and the script family each is for. */
const LABELS: Record<string, [string, Family]> = {
  shift_jis: ['shift_jis', 'ja'],
  cp932: ['shift_jis', 'ja'],
  'euc-jp': ['euc-jp', 'ja'],
  gb2312: ['gbk', 'zh'],
  gbk: ['gbk', 'zh'],
  gb18030: ['gbk', 'zh'],
  big5: ['big5', 'zh'],
  big5hkscs: ['big5', 'zh'],
  'euc-kr': ['euc-kr', 'ko'],
  cp949: ['euc-kr', 'ko'],
};

/**
 * jschardet 4's confidence grows with the evidence: the few-paragraph test texts score 0.73–1.0,
 * a 20-character sentence 0.18–0.48, a four-character title 0.06–0.35. Of about twenty short
 * single-byte texts (Latin, Cyrillic, Greek, Hebrew, Arabic, Thai) only one had a multi-byte
 * encoding ranked first: the Thai word สวัสดี as GBK (是咽凑) at 0.13. 0.15 takes a CJK sentence and
 * leaves a title-sized scrap to the single-byte scorer, whose low confidence then says how unsure
 * the reading is.
 */
export const MIN_JSCHARDET_CONFIDENCE = 0.15;

/** Share of the decoded non-ASCII characters that must belong to the encoding's script. */
const MIN_SCRIPT_SHARE = 0.9;

const SAMPLE_BYTES = 65536;

/**
 * The bytes jschardet is asked about: long ASCII runs (markup, URLs, numbers) cut to their first two
 * bytes, which keeps a trail byte that happens to be ASCII. They say nothing about which CJK
 * encoding a file is in but dilute jschardet's confidence: a Shift_JIS page under 2 KB of markup
 * scored 0.001 and ranked below windows-1252.
 */
function evidence(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(Math.min(bytes.length, SAMPLE_BYTES) + 1);
  let n = 0;
  let run = 0;
  for (let i = 0; i < bytes.length && n < SAMPLE_BYTES; i++) {
    const b = bytes[i]!;
    if (b >= 0x80) run = 0;
    else if (++run > 2) {
      if (run === 3) out[n++] = 0x20;
      continue;
    }
    out[n++] = b;
  }
  return out.subarray(0, n);
}

const HAN = /\p{Script=Han}/u;
const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/u;
const HANGUL = /\p{Script=Hangul}/u;
/** CJK and general punctuation, full-width forms: at home in all three. Half-width katakana is not. */
const CJK_PUNCT = /[\u2010-\u206f\u3000-\u303f\u30fb\u30fc\uff01-\uff60\uffe0-\uffee]/u;

/** Whether the text reads as the family's script: nearly all its non-ASCII characters are of it. */
export function readsAsScript(text: string, family: Family): boolean {
  let nonAscii = 0;
  let own = 0;
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80 || /\s/u.test(ch)) continue;
    nonAscii++;
    if (CJK_PUNCT.test(ch) || HAN.test(ch)) own++;
    else if (family === 'ja' && KANA.test(ch) && !(ch >= '\uff61' && ch <= '\uff9f')) own++;
    else if (family === 'ko' && HANGUL.test(ch)) own++;
  }
  return nonAscii > 0 && own / nonAscii >= MIN_SCRIPT_SHARE;
}

/** The sample decoded without a replacement character, forgiving one character cut off at its end. */
function decodesCleanly(bytes: Uint8Array, label: string): string | null {
  const text = new TextDecoder(label).decode(bytes.subarray(0, SAMPLE_BYTES));
  const bad = text.indexOf('\uFFFD');
  if (bad === -1) return text;
  return bad === text.length - 1 ? text.slice(0, -1) : null;
}

/** GBK and GB18030 decode alike; the report says GB18030 only when a four-byte sequence shows it. */
function gbLabel(bytes: Uint8Array): string {
  const n = Math.min(bytes.length, SAMPLE_BYTES) - 3;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b < 0x81) continue;
    const c = bytes[i + 1]!;
    if (b <= 0xfe && c >= 0x30 && c <= 0x39 && bytes[i + 2]! >= 0x81 && bytes[i + 3]! >= 0x30 && bytes[i + 3]! <= 0x39) return 'gb18030';
    i++; // a two-byte character: its trail byte is no lead
  }
  return 'gbk';
}

/** The multi-byte encoding of bytes that are not UTF-8, or null when none is convincing. */
export function detectMultiByte(bytes: Uint8Array): MultiByteGuess | null {
  const ranked = chardet.detectAll(evidence(bytes), { ignoreThreshold: true });
  // What jschardet thinks of the best single-byte reading: a multi-byte one must do at least as well.
  const bestOther = ranked.find((r) => !LABELS[r.encoding?.toLowerCase() ?? ''])?.confidence ?? 0;
  const tried = new Set<string>();
  for (const r of ranked) {
    const known = LABELS[r.encoding?.toLowerCase() ?? ''];
    if (!known || r.confidence < Math.max(MIN_JSCHARDET_CONFIDENCE, bestOther)) continue;
    const [label, family] = known;
    if (tried.has(label)) continue;
    tried.add(label);
    const text = decodesCleanly(bytes, label);
    if (text === null || !readsAsScript(text, family)) continue;
    // Passing both checks is worth more than a coin flip; full jschardet confidence maps to 0.95.
    const confidence = Math.round((0.5 + 0.45 * Math.min(1, r.confidence)) * 100) / 100;
    return { encoding: label === 'gbk' ? gbLabel(bytes) : label, confidence };
  }
  return null;
}
