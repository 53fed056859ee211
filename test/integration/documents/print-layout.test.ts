/**
 * The print layout of the demo documents, read back from the PDFs with poppler: no page but the last is less than a
 * quarter filled; no word is broken inside itself at a line end; the running footer is one line; the web-only
 * "Data for this chart" control is not printed; a heading never ends a page.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { htmlText, pageCount, pdfLines, renderDemo, type RenderedDemo, type TextLine } from './layout-support.js';
import { htmlHeadings, pdfText, pdfWords, SLOW, squash } from './support.js';

let demo: RenderedDemo;
const NAMES = ['assessment-2016-17', 'assessment-2016-17-public', 'report-2016-17-Q4', 'needs-assessment-2016-17'];

beforeAll(async () => {
  demo = await renderDemo();
}, SLOW);

afterAll(() => demo?.remove());

// A4 is 842 pt tall; swp prints with 20 mm (57 pt) margins top and bottom, where the running header and footer are.
const PAGE_HEIGHT = 842;
const MARGIN = 57;
const BODY = PAGE_HEIGHT - 2 * MARGIN;

const pdf = (name: string) => demo.pdfs.get(name)!;
const html = (name: string) => readFileSync(demo.htmls.get(name)!, 'utf8');
/** The lines of the page's body (between the header and footer margins). */
const bodyLines = (name: string, page: number) => pdfLines(pdf(name), page).filter((l) => l.yMin >= MARGIN && l.yMax <= PAGE_HEIGHT - MARGIN);

describe.each(NAMES)('%s.pdf', (name) => {
  it('fills every page but the last to at least a quarter of its height', () => {
    const n = pageCount(pdf(name));
    const empty: string[] = [];
    for (let page = 1; page < n; page++) {
      // The span from the first to the last line of text on the page (charts carry text too: their axis labels).
      const lines = bodyLines(name, page);
      const fill = lines.length === 0 ? 0 : (Math.max(...lines.map((l) => l.yMax)) - Math.min(...lines.map((l) => l.yMin))) / BODY;
      if (fill < 0.25) empty.push(`page ${page}: ${Math.round(fill * 100)}%`);
    }
    expect(empty).toEqual([]);
  });

  it('breaks no word inside itself at a line end (tables size their columns from content)', () => {
    // The dictionary: every word of the document's own text. A break inside a word leaves two fragments, at least one
    // of which is not a word of the document, whose join (without a hyphen the browser may have added) is one.
    const words = new Set(htmlText(html(name)).toLowerCase().match(/[a-z]+/g) ?? []);
    const broken: string[] = [];
    for (let page = 1; page <= pageCount(pdf(name)); page++) {
      const lines = pdfLines(pdf(name), page);
      for (let i = 0; i + 1 < lines.length; i++) {
        const [a, b] = [lines[i]!, lines[i + 1]!];
        if (a.block !== b.block) continue;
        const end = /([A-Za-z]+)-?$/.exec(a.words[a.words.length - 1] ?? '')?.[1];
        const start = /^([a-z]+)/.exec(b.words[0] ?? '')?.[1];
        if (!end || !start) continue;
        const joined = (end + start).toLowerCase();
        if (words.has(joined) && !(words.has(end.toLowerCase()) && words.has(start))) broken.push(`page ${page}: ${end}/${start}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('prints a one-line running footer on every page', () => {
    const n = pageCount(pdf(name));
    for (let page = 1; page <= n; page++) {
      const footer = pdfWords(pdf(name), page).filter((w) => w.yMin > PAGE_HEIGHT - MARGIN);
      // Words on one line share their baseline: distinct tops more than 2 pt apart are separate lines.
      const tops = [...new Set(footer.map((w) => Math.round(w.yMax)))].sort((x, y) => x - y);
      const lines = tops.filter((t, i) => i === 0 || t - tops[i - 1]! > 2);
      expect(lines.length, `page ${page} footer: ${footer.map((w) => w.text).join(' ')}`).toBe(1);
      expect(footer.map((w) => w.text).join(' ')).toContain(`Page ${page} of ${n}`);
    }
  });

  it('prints at 100%: no table outgrows the page (the body text starts where the footer does)', () => {
    // Chromium shrinks every page of a document when one element is wider than the text column; the running footer
    // is not shrunk, so a shrunk body starts to the right of it.
    const n = pageCount(pdf(name));
    const body: number[] = [];
    const footer: number[] = [];
    for (let page = 1; page <= n; page++) {
      for (const w of pdfWords(pdf(name), page)) (w.yMin > PAGE_HEIGHT - MARGIN ? footer : w.yMin > MARGIN ? body : []).push(w.xMin);
    }
    expect(Math.min(...body)).toBeCloseTo(Math.min(...footer), 0);
  });

  it('does not print the web-only "Data for this chart" control (the data tables are printed)', () => {
    const text = pdfText(pdf(name));
    expect(text).not.toContain('Data for this chart');
    expect(text).not.toContain('▼');
    // The chart data tables are still there: every chart's table caption is in the printed text.
    const captions = [...html(name).matchAll(/<details class="data"[\s\S]*?<caption[^>]*>([\s\S]*?)<\/caption>/g)].map((m) => squash(htmlText(m[1]!)));
    for (const c of captions) expect(text).toContain(c);
  });

  it('never ends a page with a heading or a table group\'s heading row (a heading keeps with what follows)', () => {
    // Headings, and the heading rows of groups inside a table (one header cell across the table).
    const groups = [...html(name).matchAll(/<th scope="colgroup"[^>]*>([\s\S]*?)<\/th>/g)].map((m) => squash(htmlText(m[1]!)));
    const headings = new Set([...htmlHeadings(html(name)).filter((h) => h.level >= 2).map((h) => h.text), ...groups]);
    const n = pageCount(pdf(name));
    const orphans: string[] = [];
    for (let page = 1; page < n; page++) {
      const lines = bodyLines(name, page);
      // The lowest block on the page (pdftotext's reading order is not always top to bottom).
      const lowest = lines.reduce<TextLine | undefined>((low, l) => (!low || l.yMax > low.yMax ? l : low), undefined);
      const last = lines.filter((l) => l.block === lowest?.block);
      const text = squash(last.map((l: TextLine) => l.words.join(' ')).join(' '));
      // A table row whose first cell reads like a heading ("Anti-social behaviour") has other cells beside it.
      const beside = lines.some((l) => l.block !== lowest?.block && Math.abs(l.yMax - lowest!.yMax) < 2);
      if (headings.has(text) && !beside) orphans.push(`page ${page}: ${text}`);
    }
    expect(orphans).toEqual([]);
  });
});
