// Language codes (as entries store them) and the names people read, both ways: the language facet
// shows the name, and `lang:` takes either (`lang:fa`, `lang:Persian`), so what is shown can be typed.

// ISO 639-1, and the codes import detects beyond it (ckb: Sorani Kurdish).
const CODES = (
  'aa ab ae af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ' +
  'ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my ' +
  'na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ' +
  'ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu ckb'
).split(' ');

/** Names we choose over the standard English ones (Unicode calls ckb "Central Kurdish"). */
const OWN_NAMES: Record<string, string> = { ckb: 'Sorani Kurdish' };

const standard = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'code' });

/** "fa" → "Persian", "ckb" → "Sorani Kurdish"; an unknown code is shown as it is. */
export function languageName(code: string): string {
  const own = OWN_NAMES[code.toLowerCase()];
  if (own) return own;
  try {
    return standard.of(code) ?? code;
  } catch {
    return code; // not a well-formed language tag
  }
}

let byName: Map<string, string> | null = null;

/**
 * The code a `lang:` value means, case-insensitively: a code as it is ("FA" → "fa"), a name as the
 * facet shows it ("sorani kurdish" → "ckb"), or the standard name ("Central Kurdish" → "ckb").
 * A value that is neither is kept (lower case), and matches only entries stored with it.
 */
export function languageCode(value: string): string {
  const key = value.trim().toLowerCase();
  if (!byName) {
    byName = new Map();
    for (const code of CODES) {
      for (const name of [languageName(code), standard.of(code)]) if (name && name !== code) byName.set(name.toLowerCase(), code);
    }
  }
  return byName.get(key) ?? key;
}
