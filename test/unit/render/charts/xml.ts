/**
 * A small strict XML parser for the chart tests: elements, attributes, text and the five predefined entities plus
 * numeric references. It throws on anything that is not well formed (a stray `<` or `&`, an unknown entity,
 * mismatched or unclosed tags, a duplicate attribute), so it also checks the escaping.
 */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** Text directly inside this element, entities decoded. */
  text: string;
  parent: XmlElement | null;
}

const NAME = /[A-Za-z_:][-A-Za-z0-9_:.]*/y;

function decode(raw: string, where: number): string {
  if (raw.includes('<')) throw new Error(`raw "<" in text or attribute near ${where}`);
  return raw.replace(/&([^;&\s]*);?/g, (m, body: string) => {
    if (!m.endsWith(';')) throw new Error(`bare "&" near ${where}: ${JSON.stringify(raw.slice(0, 40))}`);
    switch (body) {
      case 'amp':
        return '&';
      case 'lt':
        return '<';
      case 'gt':
        return '>';
      case 'quot':
        return '"';
      case 'apos':
        return "'";
    }
    const num = /^#(x[0-9a-fA-F]+|[0-9]+)$/.exec(body);
    if (num && num[1]) return String.fromCodePoint(num[1].startsWith('x') ? parseInt(num[1].slice(1), 16) : Number(num[1]));
    throw new Error(`unknown entity &${body}; near ${where}`);
  });
}

/** Parse a document with one root element (an XML declaration may precede it). */
export function parseXml(source: string): XmlElement {
  let i = 0;
  const doc: XmlElement = { name: '#document', attrs: {}, children: [], text: '', parent: null };
  let cur = doc;
  const readName = () => {
    NAME.lastIndex = i;
    const m = NAME.exec(source);
    if (!m) throw new Error(`expected a name at ${i}: ${JSON.stringify(source.slice(i, i + 20))}`);
    i += m[0].length;
    return m[0];
  };
  const skipSpace = () => {
    while (i < source.length && /\s/.test(source[i] ?? '')) i++;
  };
  while (i < source.length) {
    if (source.startsWith('<?', i)) {
      const end = source.indexOf('?>', i);
      if (end < 0) throw new Error('unclosed processing instruction');
      i = end + 2;
    } else if (source.startsWith('<!--', i)) {
      const end = source.indexOf('-->', i);
      if (end < 0) throw new Error('unclosed comment');
      i = end + 3;
    } else if (source.startsWith('</', i)) {
      i += 2;
      const name = readName();
      skipSpace();
      if (source[i] !== '>') throw new Error(`bad end tag at ${i}`);
      i++;
      if (name !== cur.name) throw new Error(`</${name}> closes <${cur.name}> at ${i}`);
      cur = cur.parent ?? doc;
    } else if (source[i] === '<') {
      i++;
      const el: XmlElement = { name: readName(), attrs: {}, children: [], text: '', parent: cur };
      for (;;) {
        const before = i;
        skipSpace();
        if (source.startsWith('/>', i)) {
          i += 2;
          cur.children.push(el);
          break;
        }
        if (source[i] === '>') {
          i++;
          cur.children.push(el);
          cur = el;
          break;
        }
        if (i === before) throw new Error(`expected space between attributes at ${i}`);
        const name = readName();
        if (source[i] !== '=' || source[i + 1] !== '"') throw new Error(`attribute ${name} without ="…" at ${i}`);
        const end = source.indexOf('"', i + 2);
        if (end < 0) throw new Error('unclosed attribute value');
        if (name in el.attrs) throw new Error(`duplicate attribute ${name} at ${i}`);
        el.attrs[name] = decode(source.slice(i + 2, end), i);
        i = end + 1;
      }
    } else {
      const end = source.indexOf('<', i);
      const raw = source.slice(i, end < 0 ? source.length : end);
      if (cur === doc && raw.trim()) throw new Error('text outside the root element');
      cur.text += decode(raw, i);
      i = end < 0 ? source.length : end;
    }
  }
  if (cur !== doc) throw new Error(`<${cur.name}> is not closed`);
  if (doc.children.length !== 1) throw new Error(`expected one root element, found ${doc.children.length}`);
  const root = doc.children[0] as XmlElement;
  root.parent = null;
  return root;
}

/** Parse an SVG string and check its root is <svg>. */
export function parseSvg(svg: string): XmlElement {
  const root = parseXml(svg);
  if (root.name !== 'svg') throw new Error(`root is <${root.name}>, not <svg>`);
  return root;
}

/** Every element below (and including) `root`, depth first. */
export function all(root: XmlElement): XmlElement[] {
  const out: XmlElement[] = [root];
  for (const c of root.children) out.push(...all(c));
  return out;
}

/** Elements whose class list contains `cls`. */
export function byClass(root: XmlElement, cls: string): XmlElement[] {
  return all(root).filter((e) => (e.attrs['class'] ?? '').split(/\s+/).includes(cls));
}

/** All text of an element and its descendants (tspans joined by spaces). */
export function textOf(e: XmlElement): string {
  return [e.text, ...e.children.map(textOf)].filter(Boolean).join(' ');
}
