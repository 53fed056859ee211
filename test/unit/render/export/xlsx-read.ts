/** Just enough of an xlsx reader to check what the writer put in: sheets, cells, tables, links, properties. */
import { readZip } from '../../../../src/render/export/index.js';

export interface ReadCell {
  /** "n" for a number, "s" for text. */
  type: 'n' | 's';
  value: string | number;
  style: number;
}

export interface ReadSheet {
  name: string;
  path: string;
  xml: string;
  cells: Map<string, ReadCell>;
  /** The Excel table on the sheet, if any. */
  table: { name: string; ref: string; columns: string[] } | null;
  links: { ref: string; location: string }[];
  widths: number[];
}

export interface ReadWorkbook {
  files: Map<string, string>;
  sheets: ReadSheet[];
  sheet(name: string): ReadSheet;
}

const decode = (s: string): string =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&amp;/g, '&');

const attrOf = (tag: string, name: string): string | undefined => {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? decode(m[1]!) : undefined;
};

export function readWorkbook(bytes: Uint8Array): ReadWorkbook {
  const files = new Map(readZip(bytes).map((e) => [e.name, new TextDecoder().decode(e.data)]));
  const get = (name: string): string => {
    const f = files.get(name);
    if (f === undefined) throw new Error(`no ${name} in the workbook`);
    return f;
  };
  const strings = [...get('xl/sharedStrings.xml').matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) =>
    [...m[1]!.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)].map((t) => decode(t[1]!)).join(''),
  );
  const rels = new Map([...get('xl/_rels/workbook.xml.rels').matchAll(/<Relationship\b[^>]*>/g)].map((m) => [attrOf(m[0], 'Id')!, attrOf(m[0], 'Target')!]));
  const sheets = [...get('xl/workbook.xml').matchAll(/<sheet\b[^>]*>/g)].map((m): ReadSheet => {
    const name = attrOf(m[0], 'name')!;
    const target = rels.get(attrOf(m[0], 'r:id')!)!.replace(/^\/?(xl\/)?/, '');
    const path = `xl/${target}`;
    const xml = get(path);
    const cells = new Map<string, ReadCell>();
    for (const c of xml.matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const tag = `<c${c[1]}>`;
      const ref = attrOf(tag, 'r')!;
      const v = /<v>([\s\S]*?)<\/v>/.exec(c[2] ?? '')?.[1];
      if (v === undefined) continue;
      const t = attrOf(tag, 't');
      const style = Number(attrOf(tag, 's') ?? 0);
      cells.set(ref, t === 's' ? { type: 's', value: strings[Number(v)]!, style } : { type: 'n', value: Number(v), style });
    }
    let table: ReadSheet['table'] = null;
    const relsPath = path.replace(/worksheets\/(sheet\d+\.xml)$/, 'worksheets/_rels/$1.rels');
    const tableTarget = [...(files.get(relsPath) ?? '').matchAll(/<Relationship\b[^>]*>/g)].map((r) => r[0]).find((r) => r.includes('/relationships/table'));
    if (tableTarget) {
      const tableXml = get(`xl/${attrOf(tableTarget, 'Target')!.replace(/^\.\.\//, '')}`);
      const head = /<table\b[^>]*>/.exec(tableXml)![0];
      table = { name: attrOf(head, 'name')!, ref: attrOf(head, 'ref')!, columns: [...tableXml.matchAll(/<tableColumn\b[^>]*>/g)].map((t) => attrOf(t[0], 'name')!) };
    }
    const links = [...xml.matchAll(/<hyperlink\b[^>]*>/g)].map((h) => ({ ref: attrOf(h[0], 'ref')!, location: attrOf(h[0], 'location')! }));
    const widths = [...xml.matchAll(/<col\b[^>]*>/g)].map((col) => Number(attrOf(col[0], 'width')));
    return { name, path, xml, cells, table, links, widths };
  });
  return {
    files,
    sheets,
    sheet(name) {
      const s = sheets.find((x) => x.name === name);
      if (!s) throw new Error(`no sheet ${name}`);
      return s;
    },
  };
}

/** Column letters and row number of a cell reference. */
export function splitRef(ref: string): { col: string; row: number } {
  const m = /^([A-Z]+)(\d+)$/.exec(ref)!;
  return { col: m[1]!, row: Number(m[2]) };
}

export function colIndex(letters: string): number {
  return [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
}

export function colLetters(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}
