// HTML character references: numeric ones, and the named ones scraped pages actually use.

const NAMED: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', shy: '\u00ad', zwnj: '\u200c', zwj: '\u200d',
  lrm: '\u200e', rlm: '\u200f', ensp: '\u2002', emsp: '\u2003', thinsp: '\u2009', ndash: '–', mdash: '—',
  lsquo: '‘', rsquo: '’', sbquo: '‚', ldquo: '“', rdquo: '”', bdquo: '„', laquo: '«', raquo: '»', lsaquo: '‹',
  rsaquo: '›', hellip: '…', bull: '•', middot: '·', copy: '©', reg: '®', trade: '™', deg: '°', plusmn: '±',
  times: '×', divide: '÷', euro: '€', pound: '£', yen: '¥', cent: '¢', sect: '§', para: '¶', dagger: '†',
  Dagger: '‡', permil: '‰', prime: '′', Prime: '″', frac12: '½', frac14: '¼', frac34: '¾', sup1: '¹',
  sup2: '²', sup3: '³', iexcl: '¡', iquest: '¿', ordf: 'ª', ordm: 'º', micro: 'µ', larr: '←', rarr: '→',
  uarr: '↑', darr: '↓', harr: '↔', minus: '−', hyphen: '‐', brvbar: '¦', curren: '¤', not: '¬', macr: '¯',
  acute: '´', cedil: '¸', uml: '¨', szlig: 'ß', AElig: 'Æ', aelig: 'æ', OElig: 'Œ', oelig: 'œ', ETH: 'Ð',
  eth: 'ð', THORN: 'Þ', thorn: 'þ', Oslash: 'Ø', oslash: 'ø', Aring: 'Å', aring: 'å', yuml: 'ÿ', Yuml: 'Ÿ',
  Scaron: 'Š', scaron: 'š', Zcaron: 'Ž', zcaron: 'ž', fnof: 'ƒ', circ: 'ˆ', tilde: '˜',
};

// Letters with diacritics: &eacute; &Ouml; &ntilde; ...
const ACCENTS: Record<string, string> = { acute: '\u0301', grave: '\u0300', circ: '\u0302', uml: '\u0308', tilde: '\u0303', cedil: '\u0327', ring: '\u030a' };

function named(name: string): string | null {
  const direct = NAMED[name];
  if (direct !== undefined) return direct;
  const m = /^([A-Za-z])(acute|grave|circ|uml|tilde|cedil|ring)$/u.exec(name);
  if (m) return (m[1]! + ACCENTS[m[2]!]!).normalize('NFC');
  return null;
}

// Browsers map these C1 code points to windows-1252 characters.
const C1: Record<number, number> = { 0x80: 0x20ac, 0x82: 0x201a, 0x84: 0x201e, 0x85: 0x2026, 0x91: 0x2018, 0x92: 0x2019, 0x93: 0x201c, 0x94: 0x201d, 0x96: 0x2013, 0x97: 0x2014 };

export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#[xX][0-9a-fA-F]{1,6}|#\d{1,7}|[A-Za-z][A-Za-z0-9]{1,31});?/gu, (whole, ref: string) => {
    if (ref.startsWith('#')) {
      let code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      code = C1[code] ?? code;
      if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\ufffd';
      return String.fromCodePoint(code);
    }
    return named(ref) ?? whole;
  });
}
