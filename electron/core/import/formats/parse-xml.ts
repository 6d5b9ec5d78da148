// A small XML reader for feeds: elements with the exact span of their markup in the text (what a
// provenance locator points at), namespaces resolved, text and CDATA decoded. It reads what real
// feeds hold as a browser would (undeclared HTML entities such as &nbsp;, a stray "&"), but broken
// structure (a tag never closed, tags closed out of order, a cut-off file) is an error with its
// line and column, since guessing there would put one item's text into another.
import { decodeEntities } from './html-entities.ts';

export interface XmlElement {
  /** As written, prefix included ("dc:creator"). */
  name: string;
  local: string;
  /** The namespace URI of its prefix (or of the default namespace); '' for none. */
  ns: string;
  /** Attribute values decoded, by qualified name as written. */
  attrs: ReadonlyMap<string, string>;
  children: XmlNode[];
  parent: XmlElement | null;
  /** The element's markup: from its start tag's `<` to past its end tag. */
  start: number;
  end: number;
  /** Namespace prefixes in scope ('' is the default namespace). */
  scope: ReadonlyMap<string, string>;
}
export type XmlNode = XmlElement | string;

export class XmlSyntaxError extends Error {
  readonly reason: string;
  readonly line: number;
  readonly column: number;

  constructor(reason: string, line: number, column: number) {
    super(`${reason} (line ${line}, column ${column})`);
    this.name = 'XmlSyntaxError';
    this.reason = reason;
    this.line = line;
    this.column = column;
  }
}

/** Deeper nesting is refused: nothing that walks the tree may overflow the stack. */
export const MAX_XML_DEPTH = 512;

const NAME = /[A-Za-z_\u00c0-\uffff][\w.:\-\u00b7-\uffff]*/uy;
const ATTR = /\s+([A-Za-z_:\u00c0-\uffff][\w.:\-\u00b7-\uffff]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/uy;
const TAG_END = /\s*(\/?)>/uy;
const END_TAG = /<\/([^\s>]+)\s*>/uy;
/** Shared by every element without attributes: most of a feed's elements. */
const NO_ATTRS: ReadonlyMap<string, string> = new Map();
const XML_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** XML's five entities and character references; other named ones as HTML knows them. */
export function decodeXml(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#[xX][0-9a-fA-F]{1,6}|#\d{1,7}|[A-Za-z][\w.-]{0,31});/gu, (whole, ref: string) => XML_ENTITIES[ref] ?? decodeEntities(whole));
}

function lineColumn(text: string, at: number): [number, number] {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < at; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return [line, at - lineStart + 1];
}

function splitName(name: string): [prefix: string, local: string] {
  const colon = name.indexOf(':');
  return colon < 0 ? ['', name] : [name.slice(0, colon), name.slice(colon + 1)];
}

/** Past a <!DOCTYPE …> declaration, internal subset (in square brackets) included. */
function skipDeclaration(text: string, at: number): number {
  let inSubset = false;
  let quote = '';
  for (let i = at + 2; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[') inSubset = true;
    else if (c === ']') inSubset = false;
    else if (c === '>' && !inSubset) return i + 1;
  }
  return -1;
}

export function parseXml(text: string): XmlElement {
  const fail = (reason: string, at: number): never => {
    throw new XmlSyntaxError(reason, ...lineColumn(text, at));
  };
  const cutOff = (at: number) => text.indexOf('>', at) < 0;
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  const addText = (s: string, at: number) => {
    const top = stack[stack.length - 1];
    if (!top) {
      if (s.trim()) fail(root ? `there is text after the end of <${root.name}>` : 'there is text before the first element', at + s.search(/\S/u));
      return;
    }
    const last = top.children.length - 1;
    if (typeof top.children[last] === 'string') top.children[last] += s;
    else top.children.push(s);
  };

  let i = 0;
  while (i < text.length) {
    const lt = text.indexOf('<', i);
    if (lt !== i) {
      const stop = lt < 0 ? text.length : lt;
      addText(decodeXml(text.slice(i, stop)), i);
      if (lt < 0) break;
    }
    if (text.startsWith('<!--', lt)) {
      const close = text.indexOf('-->', lt + 4);
      if (close < 0) fail('a comment is never closed', lt);
      i = close + 3;
    } else if (text.startsWith('<![CDATA[', lt)) {
      const close = text.indexOf(']]>', lt + 9);
      if (close < 0) fail('a CDATA section is never closed', lt);
      addText(text.slice(lt + 9, close), lt);
      i = close + 3;
    } else if (text.startsWith('<?', lt)) {
      const close = text.indexOf('?>', lt + 2);
      if (close < 0) fail('a processing instruction (<?…?>) is never closed', lt);
      i = close + 2;
    } else if (text.startsWith('<!', lt)) {
      if (root) fail('a <!…> declaration stands inside the document', lt);
      const past = skipDeclaration(text, lt);
      if (past < 0) fail('a <!DOCTYPE> declaration is never closed', lt);
      i = past;
    } else if (text[lt + 1] === '/') {
      END_TAG.lastIndex = lt;
      const m = END_TAG.exec(text);
      if (!m) fail(cutOff(lt) ? 'the file ends inside an end tag (it may be cut off)' : 'an end tag is malformed', lt);
      const name = m![1]!;
      const open = stack.pop();
      if (!open) fail(`</${name}> closes an element that was never opened`, lt);
      if (open!.name !== name) fail(`</${name}> closes <${open!.name}>, which was opened at line ${lineColumn(text, open!.start)[0]}`, lt);
      open!.end = lt + m![0].length;
      i = open!.end;
    } else {
      NAME.lastIndex = lt + 1;
      const nameMatch = NAME.exec(text);
      if (!nameMatch) fail('a "<" does not start a tag (write it as &lt; in text)', lt);
      const name = nameMatch![0];
      if (root && stack.length === 0) fail(`a second top-level element <${name}> follows the end of <${root.name}>`, lt);
      if (stack.length >= MAX_XML_DEPTH) fail(`elements nest more than ${MAX_XML_DEPTH} deep`, lt);
      let attrs: Map<string, string> | null = null;
      let at = lt + 1 + name.length;
      let selfClosing = false;
      for (;;) {
        TAG_END.lastIndex = at;
        const end = TAG_END.exec(text);
        if (end) {
          selfClosing = end[1] === '/';
          at += end[0].length;
          break;
        }
        ATTR.lastIndex = at;
        const attr = ATTR.exec(text);
        if (!attr) fail(cutOff(at) ? `the file ends inside the tag <${name}> (it may be cut off)` : `the tag <${name}> is malformed (attribute values need quotes, and the tag needs its ">")`, at);
        (attrs ??= new Map()).set(attr![1]!, decodeXml(attr![2] ?? attr![3] ?? ''));
        at += attr![0].length;
      }
      const parent = stack[stack.length - 1] ?? null;
      let scope = parent?.scope ?? new Map<string, string>();
      for (const [key, value] of attrs ?? NO_ATTRS) {
        if (key !== 'xmlns' && !key.startsWith('xmlns:')) continue;
        if (scope === parent?.scope) scope = new Map(scope);
        (scope as Map<string, string>).set(key === 'xmlns' ? '' : key.slice(6), value);
      }
      const [prefix, local] = splitName(name);
      const el: XmlElement = { name, local, ns: scope.get(prefix) ?? '', attrs: attrs ?? NO_ATTRS, children: [], parent, start: lt, end: at, scope };
      if (parent) parent.children.push(el);
      else root = el;
      if (!selfClosing) stack.push(el);
      i = at;
    }
  }
  const open = stack[stack.length - 1];
  if (open) fail(`<${open.name}> is never closed (the file may be cut off)`, open.start);
  if (!root) fail('there is no element at all', 0);
  return root!;
}

/** The element children of an element. */
export function elements(el: XmlElement): XmlElement[] {
  return el.children.filter((c): c is XmlElement => typeof c !== 'string');
}

/** All the text inside an element, its descendants' included. */
export function textOf(el: XmlElement): string {
  return el.children.map((c) => (typeof c === 'string' ? c : textOf(c))).join('');
}

/** Each element's place among its same-named siblings, counted once per parent (a feed may have 100,000 items). */
const ordinals = new WeakMap<XmlElement, { nth: number; of: number }>();

function ordinal(el: XmlElement): { nth: number; of: number } {
  const known = ordinals.get(el);
  if (known) return known;
  if (!el.parent) return { nth: 1, of: 1 };
  const byName = new Map<string, XmlElement[]>();
  for (const c of elements(el.parent)) {
    const same = byName.get(c.name);
    if (same) same.push(c);
    else byName.set(c.name, [c]);
  }
  for (const same of byName.values()) same.forEach((c, i) => ordinals.set(c, { nth: i + 1, of: same.length }));
  return ordinals.get(el)!;
}

/** A CSS-like path that finds the element again: `rss > channel > item:nth-of-type(3)`. */
export function xmlPath(el: XmlElement): string {
  const steps: string[] = [];
  for (let e: XmlElement | null = el; e; e = e.parent) {
    const { nth, of } = ordinal(e);
    steps.unshift(of > 1 ? `${e.name}:nth-of-type(${nth})` : e.name);
  }
  return steps.join(' > ');
}
