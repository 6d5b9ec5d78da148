// Writes a digest-shaped generated corpus: files of posts (title, "Posted on:" date, an
// "Name, Outlet, Month DD YYYY:…" attribution, a body of 80–250 words from a Zipf vocabulary),
// with some Persian/Arabic-script and CJK posts. Deterministic (seeded), all names invented.
import fs from 'node:fs';
import path from 'node:path';

/** mulberry32: seeded, and no short cycles (an LCG in doubles loses its low bits). */
export function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = ['ka', 'lo', 'mi', 'ra', 'ten', 'su', 'vor', 'an', 'el', 'dri', 'pa', 'no', 'gu', 'shi', 'ber', 'tal', 'om', 'ix', 'fe', 'ran', 'zo', 'che', 'mar', 'vel'];
const COMMON = ['the', 'of', 'and', 'to', 'in', 'a', 'is', 'that', 'for', 'on', 'was', 'with', 'as', 'by', 'government', 'report', 'people', 'said', 'minister', 'meeting', 'policy', 'regional', 'council', 'officials', 'statement', 'security', 'economic', 'group', 'members', 'country'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const FIRST = ['Ana', 'Bertil', 'Chiara', 'Dmitri', 'Elif', 'Farid', 'Greta', 'Hugo', 'Ines', 'Jonas', 'Kaveh', 'Lena', 'Marek', 'Nadia', 'Omar', 'Petra'];
const LAST = ['Varga', 'Lindqvist', 'Moretti', 'Sokolov', 'Aydin', 'Rahimi', 'Holm', 'Ferrand', 'Calvo', 'Brandt', 'Tehrani', 'Novak'];
const OUTLETS = ['Harbor Ledger', 'Northern Courier', 'Valley Gazette', 'Morning Dispatch', 'Coastal Review', 'Metro Tribune', 'Plains Observer', 'Summit Herald'];
// Arabic-script words, with letters that differ between Persian and Arabic keyboards (ی/ي, ک/ك, ه/ة).
const FA = ['کتابخانه', 'گزارش', 'دولت', 'نشست', 'سیاست', 'امنیت', 'مردم', 'وزیر', 'شورا', 'اقتصادی', 'گروه', 'کشور', 'بیانیه', 'منطقه'];
const toArabicKeyboard = (w) => w.replace(/ی/g, 'ي').replace(/ک/g, 'ك');
const CJK = '東京都大阪府政府会議報告経済安全地域委員長発表国民市場銀行新聞社記者天気晴雨中国北京上海日本語研究所';

export const PLANTED = { rare: 'zephyrine', alias: ['Northwind Institute', 'NWI', 'Northwind Inst'] };

function makeVocab(random, size) {
  const words = new Set(COMMON);
  while (words.size < size) {
    const n = 2 + Math.floor(random() * 3);
    let w = '';
    for (let i = 0; i < n; i++) w += SYLLABLES[Math.floor(random() * SYLLABLES.length)];
    words.add(w);
  }
  return [...words];
}

export function generateCorpus(dir, entries, { perFile = 200, seed = 7 } = {}) {
  fs.mkdirSync(dir, { recursive: true });
  const random = rng(seed);
  const vocab = makeVocab(random, 40_000);
  // Zipf: rank r drawn with probability ∝ 1/r, by inverting the harmonic CDF approximately.
  const H = Math.log(vocab.length) + 0.5772;
  const zipf = () => vocab[Math.min(vocab.length - 1, Math.max(0, Math.floor(Math.exp(random() * H - 0.5772)) - 1))];
  const pick = (list) => list[Math.floor(random() * list.length)];
  let bytes = 0;
  let files = 0;
  for (let done = 0; done < entries; files++) {
    const posts = [];
    const n = Math.min(perFile, entries - done);
    for (let k = 0; k < n; k++, done++) {
      const year = 2015 + Math.floor(random() * 8);
      const month = Math.floor(random() * 12);
      const day = 1 + Math.floor(random() * 28);
      const author = `${pick(FIRST)} ${pick(LAST)}`;
      const outlet = pick(OUTLETS);
      const kind = random();
      const len = 80 + Math.floor(random() * 171);
      let title;
      let body;
      if (kind < 0.03) {
        const words = Array.from({ length: len }, () => (random() < 0.5 ? toArabicKeyboard(pick(FA)) : pick(FA)));
        title = words.slice(0, 5).join(' ');
        body = words.join(' ');
      } else if (kind < 0.04) {
        title = Array.from({ length: 8 }, () => CJK[Math.floor(random() * CJK.length)]).join('');
        body = Array.from({ length: len * 2 }, () => CJK[Math.floor(random() * CJK.length)]).join('') + '。';
      } else {
        const words = Array.from({ length: len }, zipf);
        if (random() < 0.003) words[Math.floor(random() * len)] = PLANTED.rare;
        if (random() < 0.002) words.splice(Math.floor(random() * len), 0, pick(PLANTED.alias));
        title = Array.from({ length: 5 + Math.floor(random() * 5) }, zipf).join(' ');
        title = title[0].toUpperCase() + title.slice(1);
        body = words.join(' ') + '.';
      }
      const posted = `${year}/${String(month + 1).padStart(2, '0')}/${String(day).padStart(2, '0')}`;
      posts.push(`${title}\n\nPosted on: ${posted}\n\n${author}, ${outlet}, ${MONTHS[month]} ${day} ${year}:… ${body}\n\nRead more\n`);
    }
    const text = `${posts.join('\n\n')}`;
    const sub = path.join(dir, String(Math.floor(files / 500)).padStart(4, '0'));
    fs.mkdirSync(sub, { recursive: true });
    fs.writeFileSync(path.join(sub, `digest-${String(files).padStart(6, '0')}.txt`), text);
    bytes += Buffer.byteLength(text);
  }
  return { files, bytes, commonWord: 'government', otherWord: 'policy', phrase: 'the government', prefix: 'gov' };
}
