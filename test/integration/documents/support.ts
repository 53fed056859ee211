/**
 * Shared helpers for the document integration tests: running swp in-process with captured streams, copying the demo
 * workspace, reading PDFs back with poppler-utils, hashing files, and launching a bare Chromium for the DOM checks.
 *
 * Every test in this folder renders real documents with the real Chromium (Debian's /usr/bin/chromium when present)
 * and reads them back with poppler (pdfinfo, pdftotext, pdftohtml).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';
import { parse as parseYaml } from 'yaml';
import { run } from '../../../src/cli/run.js';
import { ROOT } from '../../helpers.js';

export const DEMO = join(ROOT, 'data/demo');
export const CHROMIUM = '/usr/bin/chromium';
/** Generous: a full assessment renders in ~10 s alone, but the files run in parallel on a busy machine. */
export const SLOW = 120_000;

/** The same flags swp uses for an offline, first-run-free browser. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** The environment a run gets: ours, without anything that would change the output, and the browser pinned. */
export function runEnv(extra: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = { ...process.env };
  delete env.SOURCE_DATE_EPOCH;
  delete env.SWP_DEBUG;
  delete env.NO_COLOR;
  if (existsSync(CHROMIUM)) env.SWP_BROWSER = CHROMIUM;
  return { ...env, ...extra };
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Run swp in-process (`run(argv, io)`) and capture what it printed. */
export async function swp(argv: string[], options: { cwd?: string; env?: Record<string, string | undefined> } = {}): Promise<RunResult> {
  const out = { stdout: '', stderr: '' };
  const io = {
    stdout: { write: (s: string) => (out.stdout += s), isTTY: false },
    stderr: { write: (s: string) => (out.stderr += s), isTTY: false },
    env: options.env ?? runEnv(),
    cwd: options.cwd ?? ROOT,
  };
  const t0 = performance.now();
  const code = await run(argv, io);
  return { code, ...out, ms: performance.now() - t0 };
}

/** Fail with everything swp printed when a run did not exit as expected. */
export function explain(r: RunResult): string {
  return `exit ${r.code}\n--- stderr ---\n${r.stderr}\n--- stdout ---\n${r.stdout.slice(0, 2000)}`;
}

/** A fresh temporary folder. */
export function temp(prefix = 'swp-docs-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Copy the demo workspace (config, small CSVs and the generated police.uk tree; never an `out` folder) to `dest`. */
export function copyDemo(dest: string): string {
  const skip = new Set([join(DEMO, 'out')]);
  cpSync(DEMO, dest, { recursive: true, filter: (src) => !skip.has(src) });
  return dest;
}

/** The demo's config, parsed. */
export function demoConfig(): {
  partnership: { name: string };
  area: { name: string; force?: string };
  strategicPriorities: Array<{ id: string; label: string; lead?: string }>;
  document: { protectiveMarking?: string };
} {
  return parseYaml(readFileSync(join(DEMO, 'swp.config.yaml'), 'utf8'));
}

// ---------------------------------------------------------------------------------------------------------------
// poppler

// The shared poppler readers (also used by the PDF stage's own tests).
export { pdffonts, pdfinfo } from '../pdf/poppler.js';

/** The text of the PDF (UTF-8), one string per page (pdftotext separates pages with a form feed). */
export function pdfPages(path: string, layout = false): string[] {
  const r = spawnSync('pdftotext', [...(layout ? ['-layout'] : []), '-enc', 'UTF-8', path, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`pdftotext failed on ${path}: ${r.stderr}`);
  const pages = r.stdout.split('\f');
  if (pages.length > 0 && pages[pages.length - 1]!.trim() === '') pages.pop();
  return pages;
}

/**
 * The text in the top or bottom margin of one page (1-based) of an A4 PDF: where Chromium prints the running header
 * and footer (swp's margins are 20 mm = 57 pt top and bottom).
 */
export function pdfMarginText(path: string, page: number, where: 'header' | 'footer'): string {
  const y = where === 'header' ? 0 : 842 - 57;
  const r = spawnSync('pdftotext', ['-f', String(page), '-l', String(page), '-x', '0', '-y', String(y), '-W', '596', '-H', '57', '-enc', 'UTF-8', path, '-'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`pdftotext failed on ${path}: ${r.stderr}`);
  return squash(r.stdout);
}

/** The words of one page (1-based) with their boxes in points, from `pdftotext -bbox`. */
export function pdfWords(path: string, page: number): Array<{ text: string; xMin: number; yMin: number; xMax: number; yMax: number }> {
  const r = spawnSync('pdftotext', ['-f', String(page), '-l', String(page), '-bbox', '-enc', 'UTF-8', path, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`pdftotext -bbox failed on ${path}: ${r.stderr}`);
  return [...r.stdout.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
    xMin: Number(m[1]),
    yMin: Number(m[2]),
    xMax: Number(m[3]),
    yMax: Number(m[4]),
    text: xmlText(m[5]!),
  }));
}

/** All the text of the PDF with runs of white space collapsed to one space (headings and table cells wrap). */
export function pdfText(path: string): string {
  return squash(pdfPages(path).join('\n'));
}

/** Collapse white space. */
export function squash(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** Decode the few entities `pdftohtml -xml` writes. */
export function xmlText(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&amp;/g, '&');
}

/** The bookmarks (document outline), as `pdftohtml -xml -i` reads them: title, nesting depth, target page. */
export function pdfOutline(path: string): Array<{ title: string; depth: number; page: number }> {
  const r = spawnSync('pdftohtml', ['-xml', '-i', '-q', '-stdout', path], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`pdftohtml failed on ${path}: ${r.stderr}`);
  const start = r.stdout.indexOf('<outline>');
  if (start === -1) return [];
  const items: Array<{ title: string; depth: number; page: number }> = [];
  let depth = 0;
  for (const m of r.stdout.slice(start).matchAll(/<outline>|<\/outline>|<item(?: page="(\d+)")?[^>]*>([^<]*)<\/item>/g)) {
    if (m[0] === '<outline>') depth += 1;
    else if (m[0] === '</outline>') depth -= 1;
    else items.push({ title: xmlText(m[2]!), depth, page: Number(m[1] ?? NaN) });
  }
  return items;
}

/** The raw /CreationDate and /ModDate strings of a PDF (Chromium writes them as plain text in the info dictionary). */
export function pdfRawDates(bytes: Uint8Array): { creation: string[]; mod: string[] } {
  const text = Buffer.from(bytes).toString('latin1');
  return {
    creation: [...text.matchAll(/\/CreationDate\s*\((D:[^)]*)\)/g)].map((m) => m[1]!),
    mod: [...text.matchAll(/\/ModDate\s*\((D:[^)]*)\)/g)].map((m) => m[1]!),
  };
}

export function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** Where a path is, for messages. */
export function shown(path: string): string {
  return relative(ROOT, path) || path;
}

// ---------------------------------------------------------------------------------------------------------------
// A bare Chromium for DOM checks (axe, counting elements): its own profile, closed by the caller.

export async function launchChromium(): Promise<{ browser: Browser; profile: string }> {
  const profile = temp('swp-docs-profile-');
  const browser = await puppeteer.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, userDataDir: profile, pipe: true });
  return { browser, profile };
}

/** The HTML headings (h1–h3) of a document as text, in order. */
export function htmlHeadings(html: string): Array<{ level: number; text: string }> {
  return [...html.matchAll(/<h([1-6])\b[^>]*>([\s\S]*?)<\/h\1>/g)].map((m) => ({
    level: Number(m[1]),
    text: squash(xmlText(m[2]!.replace(/<[^>]+>/g, ''))),
  }));
}
