// HTML character references as HTML5 decodes them: all 2,231 named ones (the table is generated,
// see scripts/generate-html-entities.mjs), the legacy names that work without a semicolon, and
// numeric references with the replacements browsers make.
import { LEGACY_REFERENCES, NAMED_REFERENCES } from './html-entity-table.ts';

const LONGEST_LEGACY = Math.max(...[...LEGACY_REFERENCES].map((name) => name.length));

// Numeric references to C1 controls mean the windows-1252 characters there (HTML5 §13.2.5.80):
// pages written in cp1252 and converted carelessly say &#150; for an en dash.
const C1: Record<number, number> = {
  0x80: 0x20ac, 0x82: 0x201a, 0x83: 0x0192, 0x84: 0x201e, 0x85: 0x2026, 0x86: 0x2020, 0x87: 0x2021, 0x88: 0x02c6,
  0x89: 0x2030, 0x8a: 0x0160, 0x8b: 0x2039, 0x8c: 0x0152, 0x8e: 0x017d, 0x91: 0x2018, 0x92: 0x2019, 0x93: 0x201c,
  0x94: 0x201d, 0x95: 0x2022, 0x96: 0x2013, 0x97: 0x2014, 0x98: 0x02dc, 0x99: 0x2122, 0x9a: 0x0161, 0x9b: 0x203a,
  0x9c: 0x0153, 0x9e: 0x017e, 0x9f: 0x0178,
};

function numeric(digits: string): string {
  const hex = digits[0] === 'x' || digits[0] === 'X';
  // Leading zeros are allowed; anything past 7 significant digits is out of range anyway.
  const significant = (hex ? digits.slice(1) : digits).replace(/^0+/u, '');
  if (significant.length > 7) return '\ufffd';
  let code = significant ? parseInt(significant, hex ? 16 : 10) : 0;
  code = C1[code] ?? code;
  if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\ufffd';
  return String.fromCodePoint(code);
}

const REFERENCE = /&(?:#([xX][0-9a-fA-F]+|[0-9]+);?|([A-Za-z][A-Za-z0-9]*)(;?))/gu;

/**
 * Decodes the character references in `text`. In an attribute value (`attribute: true`) a legacy
 * name without its semicolon followed by `=` or a letter or digit stays as written, as HTML5 says:
 * `href="?a=1&copy=2"` keeps its query string.
 */
export function decodeEntities(text: string, options?: { attribute?: boolean }): string {
  if (!text.includes('&')) return text;
  const attribute = options?.attribute === true;
  return text.replace(REFERENCE, (whole: string, digits: string | undefined, name: string | undefined, semi: string, offset: number) => {
    if (digits !== undefined) return numeric(digits);
    const word = name!;
    if (semi && Object.hasOwn(NAMED_REFERENCES, word)) return NAMED_REFERENCES[word]!;
    // The longest legacy name the letters begin with: `&notit;` is `¬it;`, `&copy2024` is `©2024`.
    for (let len = Math.min(word.length, LONGEST_LEGACY); len >= 2; len--) {
      const legacy = word.slice(0, len);
      if (!LEGACY_REFERENCES.has(legacy)) continue;
      if (attribute) {
        const next = len < word.length ? word[len] : semi || text[offset + whole.length];
        if (next !== undefined && /[=A-Za-z0-9]/u.test(next)) return whole;
      }
      return NAMED_REFERENCES[legacy]! + word.slice(len) + semi;
    }
    return whole;
  });
}
