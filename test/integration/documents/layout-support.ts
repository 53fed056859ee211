/**
 * The demo documents rendered once per test file for the layout tests (print layout, PDF structure, phone HTML):
 * the strategic assessment with its public summary, the latest quarter's performance report and the serious violence
 * needs assessment, as PDF and HTML,
 * and the small readers those tests share (the PDF structure tree through pdf.js, the lines of a page with their
 * boxes from `pdftotext -bbox-layout`).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { DEMO, explain, swp, temp, xmlText } from './support.js';

export interface RenderedDemo {
  dir: string;
  /** Document name (file name without extension) → path, for each format. */
  pdfs: Map<string, string>;
  htmls: Map<string, string>;
  remove(): void;
}

/** Render the demo's assessment (+ public summary), report and needs assessment as PDF and/or HTML into a fresh folder. */
export async function renderDemo(formats = 'pdf,html'): Promise<RenderedDemo> {
  const dir = temp('swp-layout-');
  const a = await swp(['assess', '-w', DEMO, '--out', dir, '--format', formats, '--date', '2017-06-30', '--public-summary', '--quiet']);
  expect(a.code, explain(a)).toBe(0);
  const r = await swp(['report', '-w', DEMO, '--out', dir, '--format', formats, '--date', '2017-06-30', '--quiet']);
  expect(r.code, explain(r)).toBe(0);
  const n = await swp(['needs-assessment', '-w', DEMO, '--out', dir, '--format', formats, '--date', '2017-06-30', '--quiet']);
  expect(n.code, explain(n)).toBe(0);
  const files = readdirSync(dir);
  const pick = (ext: string) => new Map(files.filter((f) => f.endsWith(`.${ext}`)).sort().map((f) => [f.slice(0, -ext.length - 1), join(dir, f)]));
  return { dir, pdfs: pick('pdf'), htmls: pick('html'), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

// ---------------------------------------------------------------------------------------------------------------
// The PDF structure tree (pdf.js, the reader Firefox uses)

export interface StructNode {
  role?: string;
  alt?: string;
  type?: string;
  children?: StructNode[];
}

/** The structure tree of every page of a PDF (pdf.js `page.getStructTree()`), one root per page. */
export async function structTrees(path: string): Promise<StructNode[]> {
  const pdfjs = (await import('pdfjs-dist/legacy/build/pdf.mjs')) as unknown as {
    getDocument(src: { data: Uint8Array; isEvalSupported: boolean; verbosity: number }): { promise: Promise<PdfDoc> };
  };
  const doc = await pdfjs.getDocument({ data: new Uint8Array(readFileSync(path)), isEvalSupported: false, verbosity: 0 }).promise;
  const trees: StructNode[] = [];
  for (let i = 1; i <= doc.numPages; i++) trees.push(((await (await doc.getPage(i)).getStructTree()) as StructNode | null) ?? {});
  await doc.destroy();
  return trees;
}

interface PdfDoc {
  numPages: number;
  getPage(n: number): Promise<{ getStructTree(): Promise<unknown> }>;
  destroy(): Promise<void>;
}

/** Every node of a tree with the given role, depth first. */
export function nodesWithRole(root: StructNode, role: string): StructNode[] {
  const found: StructNode[] = [];
  const walk = (n: StructNode) => {
    if (n.role === role) found.push(n);
    for (const c of n.children ?? []) walk(c);
  };
  walk(root);
  return found;
}

// ---------------------------------------------------------------------------------------------------------------
// Lines of text with their boxes

export interface TextLine {
  /** Index of the block (pdftotext's guess at a paragraph or table cell) the line belongs to. */
  block: number;
  words: string[];
  yMin: number;
  yMax: number;
}

/** The lines of one page (1-based), grouped in blocks, from `pdftotext -bbox-layout`. */
export function pdfLines(path: string, page: number): TextLine[] {
  const r = spawnSync('pdftotext', ['-f', String(page), '-l', String(page), '-bbox-layout', '-enc', 'UTF-8', path, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`pdftotext -bbox-layout failed on ${path}: ${r.stderr}`);
  const lines: TextLine[] = [];
  let block = 0;
  for (const b of r.stdout.matchAll(/<block[^>]*>([\s\S]*?)<\/block>/g)) {
    for (const l of b[1]!.matchAll(/<line xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([\s\S]*?)<\/line>/g)) {
      const words = [...l[3]!.matchAll(/<word[^>]*>([^<]*)<\/word>/g)].map((w) => xmlText(w[1]!));
      lines.push({ block, words, yMin: Number(l[1]), yMax: Number(l[2]) });
    }
    block++;
  }
  return lines;
}

/** The number of pages of a PDF (pdfinfo). */
export function pageCount(path: string): number {
  const r = spawnSync('pdfinfo', [path], { encoding: 'utf8' });
  return Number(/Pages:\s+(\d+)/.exec(r.stdout)?.[1] ?? NaN);
}

/** The visible text of an HTML document (tags, styles and comments dropped, entities decoded). */
export function htmlText(html: string): string {
  return xmlText(html.replace(/<style[\s\S]*?<\/style>/g, ' ').replace(/<!--[\s\S]*?-->/g, ' ').replace(/<[^>]+>/g, ' '));
}
