/**
 * SVG string helpers shared by the charts: XML escaping, element builders with rounded coordinates, en-GB number
 * and month wording, a text-width estimate for layout (no DOM and no font metrics in Node), and the accessible root
 * element every chart uses (`role="img"`, `<title>`, `<desc>`, `aria-labelledby`) with the `ChartResult` around it.
 *
 * Everything here is pure and deterministic: the same input gives the same bytes.
 */

/** A table a document can show beside a chart, and export as CSV or a spreadsheet. */
export interface ChartTable {
  caption: string;
  /** Column headings; the first column is the row heading (`<th scope="row">`). */
  columns: string[];
  /** Cells formatted for reading (en-GB numbers, GSS symbols `[x]` not available, `[c]` suppressed). */
  rows: string[][];
  /** The same cells unformatted (numbers at full precision, `null` where `rows` has a symbol), for CSV and xlsx. */
  values: (string | number | null)[][];
}

/** What every chart function returns. */
export interface ChartResult {
  /** The `<svg>` element: inline it in HTML; it has no external references. */
  svg: string;
  /** Short title (also the SVG `<title>`). */
  title: string;
  /** The text alternative (also the SVG `<desc>`). */
  desc: string;
  /** The chart's data, to show near the chart. */
  table: ChartTable;
  /** viewBox size in user units. The fonts are at least 10 units, so the chart should be shown at least `width` CSS px × 0.9 wide for text of 9px or more. */
  width: number;
  height: number;
}

/** Options every chart takes. */
export interface BaseChartOptions {
  /** Prefix of the ids inside the SVG (`<prefix>-title`, `<prefix>-desc`); unique per chart in a document. */
  idPrefix?: string;
  /** Replaces the generated title. */
  title?: string;
}

// ---------------------------------------------------------------------------------------------------------------
// Escaping and ids

// Characters XML 1.0 does not allow at all (C0 controls other than tab, LF, CR; lone surrogates; U+FFFE/U+FFFF).
// eslint-disable-next-line no-control-regex
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Escape text for XML content or a quoted attribute value; characters XML cannot carry become U+FFFD. */
export function escapeXml(value: string): string {
  return value
    .replace(INVALID_XML, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** A string usable as an XML/HTML id prefix: letters, digits, `-`, `_`; starts with a letter. */
export function safeId(value: string): string {
  const cleaned = value.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '');
  return /^[A-Za-z]/.test(cleaned) ? cleaned : `c-${cleaned || 'chart'}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Numbers in coordinates

/** A coordinate rounded to 2 decimals, without trailing zeros or negative zero. */
export function n(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`chart coordinate is not a finite number: ${value}`);
  const r = Math.round(value * 100) / 100;
  return Object.is(r, -0) || r === 0 ? '0' : String(r);
}

type AttrValue = string | number | null | undefined | false;

/** Serialise attributes in the given order; numbers are rounded (`n`), strings escaped, null/undefined/false skipped. */
function attrs(a: Record<string, AttrValue>): string {
  let out = '';
  for (const [k, v] of Object.entries(a)) {
    if (v === null || v === undefined || v === false) continue;
    out += ` ${k}="${typeof v === 'number' ? n(v) : escapeXml(v)}"`;
  }
  return out;
}

/** An element; `children` is already-serialised markup. Empty children give a self-closing tag. */
export function el(name: string, a: Record<string, AttrValue> = {}, children: string | string[] = ''): string {
  const inner = Array.isArray(children) ? children.join('') : children;
  return inner === '' ? `<${name}${attrs(a)}/>` : `<${name}${attrs(a)}>${inner}</${name}>`;
}

/** A `<text>` element with escaped content. */
export function text(x: number, y: number, content: string, a: Record<string, AttrValue> = {}): string {
  return el('text', { x, y, ...a }, escapeXml(content));
}

/** A `<text>` of several lines (`<tspan>`s), the first baseline at y. */
export function multilineText(x: number, y: number, lines: string[], lineHeight: number, a: Record<string, AttrValue> = {}): string {
  if (lines.length === 1) return text(x, y, lines[0] ?? '', a);
  const spans = lines.map((line, i) => el('tspan', { x, dy: i === 0 ? undefined : lineHeight }, escapeXml(line)));
  return el('text', { x, y, ...a }, spans);
}

/** A polyline path ("M…L…") through the points, rounded. */
function pathThrough(points: [number, number][]): string {
  return points.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${n(x)},${n(y)}`).join('');
}

// ---------------------------------------------------------------------------------------------------------------
// Markers: one shape per meaning, so colour is never the only cue

export type MarkerShape = 'circle' | 'square' | 'diamond' | 'triangle' | 'triangle-down' | 'bar';

/**
 * A marker of roughly equal visual weight for every shape, centred on (x, y); `size` is the circle radius.
 * Extra attributes (class, fill, stroke…) go on the element.
 */
export function marker(shape: MarkerShape, x: number, y: number, size: number, a: Record<string, AttrValue> = {}): string {
  switch (shape) {
    case 'circle':
      return el('circle', { cx: x, cy: y, r: size, ...a });
    case 'square': {
      const h = size * 0.9;
      return el('rect', { x: x - h, y: y - h, width: 2 * h, height: 2 * h, ...a });
    }
    case 'diamond': {
      const h = size * 1.3;
      return el('path', { d: `${pathThrough([[x, y - h], [x + h, y], [x, y + h], [x - h, y]])}Z`, ...a });
    }
    case 'triangle': {
      const h = size * 1.35;
      return el('path', { d: `${pathThrough([[x, y - h], [x + h, y + h * 0.8], [x - h, y + h * 0.8]])}Z`, ...a });
    }
    case 'triangle-down': {
      const h = size * 1.35;
      return el('path', { d: `${pathThrough([[x, y + h], [x + h, y - h * 0.8], [x - h, y - h * 0.8]])}Z`, ...a });
    }
    case 'bar': {
      const w = Math.max(1.5, size * 0.6);
      return el('rect', { x: x - w / 2, y: y - size * 2, width: w, height: size * 4, ...a });
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Wording: en-GB numbers and months

const formatters = new Map<number, Intl.NumberFormat>();

/** en-GB number with exactly `decimals` decimals ("1,801", "84.7"); null gives `fallback`. */
export function formatNumber(value: number | null | undefined, decimals: number, fallback = '[x]'): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return fallback;
  let f = formatters.get(decimals);
  if (!f) {
    f = new Intl.NumberFormat('en-GB', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
    formatters.set(decimals, f);
  }
  const s = f.format(value);
  // "-0.0" reads badly: a value that rounds to zero is zero.
  return /^-[0.,]+$/.test(s) ? s.slice(1) : s;
}

/** Decimals that suit the figures: 0 for whole numbers or from 100 up, 1 from 1 up, otherwise 2. */
export function decimalsFor(values: (number | null | undefined)[]): number {
  let max = 0;
  let whole = true;
  for (const v of values) {
    if (v === null || v === undefined || !Number.isFinite(v)) continue;
    max = Math.max(max, Math.abs(v));
    if (!Number.isInteger(v)) whole = false;
  }
  if (whole || max >= 100) return 0;
  if (max >= 1) return 1;
  return 2;
}

/** Decimals the tick values need to show exactly ([0, 0.25, 0.5] → 2). */
export function decimalsOfTicks(ticks: number[]): number {
  let d = 0;
  for (const t of ticks) {
    const s = String(Math.round(t * 1e6) / 1e6);
    const dot = s.indexOf('.');
    if (dot >= 0) d = Math.max(d, s.length - dot - 1);
  }
  return d;
}

const MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
] as const;

/** "2016-11" → 1-based month count since year 0, for gaps and spacing; throws on a malformed month. */
export function monthIndex(period: string): number {
  const m = /^(\d{4})-(\d{2})$/.exec(period);
  if (!m) throw new Error(`not a month (YYYY-MM): ${period}`);
  const month = Number(m[2]);
  if (month < 1 || month > 12) throw new Error(`not a month (YYYY-MM): ${period}`);
  return Number(m[1]) * 12 + (month - 1);
}

/** Inverse of monthIndex: "YYYY-MM". */
export function monthPeriod(index: number): string {
  const y = Math.floor(index / 12);
  return `${y}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** "2016-11" → "November 2016" (or "Nov 2016" when short). */
export function monthName(period: string, short = false): string {
  const i = monthIndex(period);
  const name = MONTHS[i % 12] ?? '';
  return `${short ? name.slice(0, 3) : name} ${Math.floor(i / 12)}`;
}

/**
 * Months in plain English, consecutive ones joined into ranges: "March 2014, May to December 2016 and
 * January 2017". At most `limit` ranges are named; the rest are counted.
 */
export function monthList(periods: string[], limit = 4): string {
  const idx = [...new Set(periods.map(monthIndex))].sort((a, b) => a - b);
  const ranges: [number, number][] = [];
  for (const i of idx) {
    const last = ranges[ranges.length - 1];
    if (last && i === last[1] + 1) last[1] = i;
    else ranges.push([i, i]);
  }
  const words = ranges.map(([a, b]) => {
    if (a === b) return monthName(monthPeriod(a));
    const ya = Math.floor(a / 12);
    const yb = Math.floor(b / 12);
    const from = ya === yb ? (MONTHS[a % 12] ?? '') : monthName(monthPeriod(a));
    return `${from} to ${monthName(monthPeriod(b))}`;
  });
  if (words.length > limit) {
    const shown = words.slice(0, limit);
    return `${shown.join(', ')} and ${words.length - limit} more period${words.length - limit === 1 ? '' : 's'}`;
  }
  return joinWords(words);
}

/** ["a", "b", "c"] → "a, b and c". */
export function joinWords(words: string[]): string {
  if (words.length <= 1) return words[0] ?? '';
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/** "1 point" / "3 points". */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** The first letter in upper case. */
export function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

// ---------------------------------------------------------------------------------------------------------------
// Text layout without font metrics

// Helvetica/Arial advance widths (1/1000 em) for ASCII 32–126; the document font (Source Sans 3) is narrower and
// the usual fallbacks (Arial, DejaVu Sans) within about 10%, so estimates are scaled by a safety margin.
const WIDTHS = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556,
  556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833,
  722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556,
  556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334,
  260, 334, 584,
];
const SAFETY = 1.12;

/** Estimated width of `s` at `fontSize` (bold about 10% wider), erring wide. */
export function textWidth(s: string, fontSize: number, bold = false): number {
  let units = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    units += c >= 32 && c <= 126 ? (WIDTHS[c - 32] ?? 600) : 650;
  }
  return (units / 1000) * fontSize * SAFETY * (bold ? 1.1 : 1);
}

const estimate = textWidth;

/** Break text into lines no wider than maxWidth (a word longer than a line is cut with a hyphen). */
export function wrapText(s: string, maxWidth: number, fontSize: number, maxLines = 3, bold = false): string[] {
  const textWidth = (t: string, size: number) => estimate(t, size, bold);
  const words = s.trim().split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  const push = (w: string) => {
    // A single word too long for a line: cut it.
    while (textWidth(w, fontSize) > maxWidth && w.length > 1) {
      let k = w.length - 1;
      while (k > 1 && textWidth(`${w.slice(0, k)}-`, fontSize) > maxWidth) k--;
      lines.push(`${w.slice(0, k)}-`);
      w = w.slice(k);
    }
    return w;
  };
  for (const word of words) {
    const candidate = line ? `${line} ${word}` : word;
    if (textWidth(candidate, fontSize) <= maxWidth) {
      line = candidate;
    } else {
      if (line) lines.push(line);
      line = push(word);
    }
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return lines.length ? lines : [''];
  const kept = lines.slice(0, maxLines);
  let last = kept[maxLines - 1] ?? '';
  while (last.length > 1 && textWidth(`${last}…`, fontSize) > maxWidth) last = last.slice(0, -1);
  kept[maxLines - 1] = `${last.trimEnd()}…`;
  return kept;
}

/**
 * Move labels (centre y, all `height` tall) apart so none overlap, keeping them inside [min, max] and as close to
 * their wanted positions as possible (overlapping labels form a block centred on their wanted centres). Returns
 * the new centres in the input order.
 */
export function spreadLabels(wanted: number[], height: number, min: number, max: number): number[] {
  const order = wanted.map((y, i) => ({ y, i })).sort((a, b) => a.y - b.y || a.i - b.i);
  interface Block {
    items: { y: number; i: number }[];
    top: number;
  }
  const place = (b: Block) => {
    // Least-squares top for centres top + h/2 + k·h, then kept within bounds.
    const ideal = b.items.reduce((s, it, k) => s + it.y - height / 2 - k * height, 0) / b.items.length;
    b.top = Math.max(min, Math.min(max - b.items.length * height, ideal));
  };
  const blocks: Block[] = [];
  for (const it of order) {
    const b: Block = { items: [it], top: 0 };
    place(b);
    blocks.push(b);
    for (;;) {
      const cur = blocks[blocks.length - 1] as Block;
      const prev = blocks[blocks.length - 2];
      if (!prev || prev.top + prev.items.length * height <= cur.top + 1e-9) break;
      blocks.pop();
      prev.items.push(...cur.items);
      place(prev);
    }
  }
  const out = new Array<number>(wanted.length);
  for (const b of blocks) b.items.forEach((it, k) => (out[it.i] = b.top + height / 2 + k * height));
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// The root element

interface SvgDocument {
  id: string;
  width: number;
  height: number;
  title: string;
  desc: string;
  /** Chart kind, for the class attribute (`swp-chart swp-chart-<kind>`). */
  kind: string;
  defs?: string;
  body: string;
}

/**
 * The accessible root: `role="img"`, `<title>` and `<desc>` first, named by `aria-labelledby`, a viewBox and
 * `width="100%"`. No font-family is set, so the text takes the document's font.
 */
function svgRoot(doc: SvgDocument): string {
  const titleId = `${doc.id}-title`;
  const descId = `${doc.id}-desc`;
  return el(
    'svg',
    {
      xmlns: 'http://www.w3.org/2000/svg',
      role: 'img',
      'aria-labelledby': `${titleId} ${descId}`,
      viewBox: `0 0 ${n(doc.width)} ${n(doc.height)}`,
      width: '100%',
      class: `swp-chart swp-chart-${doc.kind}`,
      id: doc.id,
    },
    [
      el('title', { id: titleId }, escapeXml(doc.title)),
      el('desc', { id: descId }, escapeXml(doc.desc)),
      doc.defs ? el('defs', {}, doc.defs) : '',
      el('rect', { width: doc.width, height: doc.height, fill: '#ffffff' }),
      doc.body,
    ],
  );
}

/**
 * What a chart function returns: the accessible root around `body` (the chart's parts, in drawing order) and the
 * title, text alternative and data table beside it. `id` is the chart's `idPrefix`, made safe here.
 */
export function chartResult(c: Omit<SvgDocument, 'body'> & { body: string[]; table: ChartTable }): ChartResult {
  const { table, body, ...doc } = c;
  const id = safeId(doc.id);
  const svg = svgRoot({ ...doc, id, body: body.join('') });
  return { svg, title: doc.title, desc: doc.desc, table, width: doc.width, height: doc.height };
}

/**
 * A chart's data table: one row per item, each cell given twice, formatted for reading (`text`) and unformatted
 * for the exports (`value`).
 */
export function chartTable<T>(
  caption: string,
  columns: string[],
  items: T[],
  cells: (item: T) => { text: string[]; value: (string | number | null)[] },
): ChartTable {
  const rows: string[][] = [];
  const values: (string | number | null)[][] = [];
  for (const item of items) {
    const c = cells(item);
    rows.push(c.text);
    values.push(c.value);
  }
  return { caption, columns, rows, values };
}
