// Romanised names spelled differently (Hossein / Husain, Qasem / Ghassem, Rouhani / Rowhani,
// Mohammad / Muhammed) share one "skeleton": consonant classes in order, with every run of vowels
// reduced to one marker, doubled letters collapsed and a trailing linking vowel (-e / -i) dropped.

const DIGRAPHS: [RegExp, string][] = [
  [/kh|gh|q/g, 'K'],
  [/sh/g, 'S'],
  [/ch/g, 'C'],
  [/zh/g, 'Z'],
  [/ph/g, 'f'],
  [/th/g, 't'],
  [/dh/g, 'z'],
  [/dj/g, 'j'],
  [/ck/g, 'k'],
];

/** The skeleton of one folded Latin word, or null for words the rules do not apply to. */
export function skeleton(word: string): string | null {
  if (!/^[a-z]{3,}$/.test(word)) return null;
  let s = word;
  for (const [re, rep] of DIGRAPHS) s = s.replace(re, rep);
  let out = '';
  let prev = '';
  for (let i = 0; i < s.length; i++) {
    let ch = s[i] as string;
    // w and y between or after vowels are vowel glides (Rowhani / Rouhani, Hayder / Haider).
    if ((ch === 'w' || ch === 'y') && prev === 'V') ch = 'V';
    else if ('aeiouy'.includes(ch)) ch = 'V';
    else if (ch === 'w') ch = 'v';
    if (ch === prev) continue;
    out += ch;
    prev = ch;
  }
  if (out.length > 2 && out.endsWith('V')) out = out.slice(0, -1);
  return out.length >= 2 ? out : null;
}
