// A small XML reader for QDA-XML projects: elements, attributes and text (entities, character
// references and CDATA decoded; comments, processing instructions and the doctype skipped).
// No DTD, no external entities: nothing in a project file can make it read anything else.
import { QuireError } from '../../../shared/errors.ts';

export interface XmlElement {
  /** The local name (namespace prefix dropped). */
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(raw: string): string {
  return raw.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-zA-Z]+);/g, (whole, ref: string) => {
    if (ref.startsWith('#x')) return String.fromCodePoint(parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(parseInt(ref.slice(1), 10));
    return NAMED[ref] ?? whole;
  });
}

const TAG = /<([^\s/>]+)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/y;

const localName = (qname: string) => qname.slice(qname.indexOf(':') + 1);

export function parseXml(source: string): XmlElement {
  const text = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  const root: XmlElement = { name: '#document', attrs: {}, children: [], text: '' };
  const stack: XmlElement[] = [root];
  const fail = (what: string) => {
    throw new QuireError('invalid-input', `The project file is not well-formed XML (${what}).`);
  };
  let i = 0;
  while (i < text.length) {
    const lt = text.indexOf('<', i);
    const top = stack[stack.length - 1]!;
    if (lt < 0) {
      top.text += decode(text.slice(i));
      break;
    }
    if (lt > i) top.text += decode(text.slice(i, lt));
    if (text.startsWith('<!--', lt)) {
      const end = text.indexOf('-->', lt + 4);
      if (end < 0) fail('an unclosed comment');
      i = end + 3;
    } else if (text.startsWith('<![CDATA[', lt)) {
      const end = text.indexOf(']]>', lt + 9);
      if (end < 0) fail('an unclosed CDATA section');
      top.text += text.slice(lt + 9, end);
      i = end + 3;
    } else if (text.startsWith('<?', lt)) {
      const end = text.indexOf('?>', lt + 2);
      if (end < 0) fail('an unclosed processing instruction');
      i = end + 2;
    } else if (text.startsWith('<!', lt)) {
      const end = text.indexOf('>', lt + 2);
      if (end < 0) fail('an unclosed declaration');
      i = end + 1;
    } else if (text.startsWith('</', lt)) {
      const end = text.indexOf('>', lt + 2);
      if (end < 0) fail('an unclosed end tag');
      const name = localName(text.slice(lt + 2, end).trim());
      const open = stack.pop();
      if (!open || open.name !== name || stack.length === 0) fail(`</${name}> does not close the open element`);
      i = end + 1;
    } else {
      TAG.lastIndex = lt;
      const tag = TAG.exec(text);
      if (!tag) fail(`a malformed tag at character ${lt}`);
      const attrs: Record<string, string> = {};
      for (const m of tag![2]!.matchAll(/([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) attrs[localName(m[1]!)] = decode(m[2] ?? m[3] ?? '');
      const el: XmlElement = { name: localName(tag![1]!), attrs, children: [], text: '' };
      top.children.push(el);
      if (tag![3] !== '/') stack.push(el);
      i = lt + tag![0].length;
    }
  }
  if (stack.length !== 1) fail(`<${stack[stack.length - 1]!.name}> is never closed`);
  const docEl = root.children[0];
  if (!docEl) fail('no root element');
  return docEl!;
}

export function child(el: XmlElement, name: string): XmlElement | undefined {
  return el.children.find((c) => c.name === name);
}

export function childrenNamed(el: XmlElement, name: string): XmlElement[] {
  return el.children.filter((c) => c.name === name);
}
