/**
 * The demo documents rendered once per test file for the layout tests (print layout, PDF structure, phone HTML):
 * the strategic assessment with its public summary, the latest quarter's performance report and the serious violence
 * needs assessment, as PDF and HTML,
 * and the small readers those tests share (the PDF structure tree through pdf.js, the lines of a page with their
 * boxes from `pdftotext -bbox-layout`).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { join } from 'node:path';
import { expect, inject } from 'vitest';
import { DEMO, explain, swp, xmlText } from './support.js';

export interface RenderedDemo {
  dir: string;
  /** Document name (file name without extension) → path, for each format. */
  pdfs: Map<string, string>;
  htmls: Map<string, string>;
  /** Nothing to do: the shared folder goes with the run (kept so the test files read the same). */
  remove(): void;
}

/**
 * The demo's assessment (+ public summary), report and needs assessment as PDF and HTML, rendered once per
 * `vitest run` and shared by the layout test files (print layout, PDF structure, phone): the first file to ask takes
 * a lock (an atomic mkdir) in the run's folder from test/global-setup.ts and renders; the others wait for its
 * marker (as test/integration/demo-json.ts does for the JSON). The files are only read, never changed; the folder
 * goes with the run.
 */
export async function renderDemo(): Promise<RenderedDemo> {
  const dir = join(inject('demoJsonDir'), 'layout');
  let owner = true;
  try {
    mkdirSync(join(inject('demoJsonDir'), 'layout.lock'));
  } catch {
    owner = false;
  }
  const marker = join(inject('demoJsonDir'), 'layout.done');
  if (owner) writeFileSync(marker, await renderInto(dir));
  else for (let waited = 0; !existsSync(marker); waited += 100) {
    if (waited > 110_000) throw new Error(`no rendered demo in ${dir} after ${waited / 1000} s`);
    await sleep(100);
  }
  expect(readFileSync(marker, 'utf8'), 'the shared demo render failed').toBe('');
  const files = readdirSync(dir);
  const pick = (ext: string) => new Map(files.filter((f) => f.endsWith(`.${ext}`)).sort().map((f) => [f.slice(0, -ext.length - 1), join(dir, f)]));
  return { dir, pdfs: pick('pdf'), htmls: pick('html'), remove: () => undefined };
}

/** Render the three documents into `dir`; '' when all went well, else what failed (the marker's text). */
async function renderInto(dir: string): Promise<string> {
  const common = ['-w', DEMO, '--out', dir, '--format', 'pdf,html', '--date', '2017-06-30', '--quiet'];
  for (const argv of [['assess', ...common, '--public-summary'], ['report', ...common], ['needs-assessment', ...common]]) {
    const r = await swp(argv);
    if (r.code !== 0) return `${argv[0]} exited ${r.code}: ${explain(r)}`;
  }
  return '';
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
