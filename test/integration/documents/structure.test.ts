/**
 * The tagged PDF's structure tree, read with pdf.js (`getStructTree`), on every demo document: every /Figure has
 * alternative text (/Alt) or is not tagged at all (PDF/UA-1, 7.3: figures need /Alt; decoration is an artifact),
 * and every table has header cells (7.5: TH). Chromium tags an SVG with role="img" as a /Figure with its accessible
 * name as /Alt, and an HTML <figure> as a /Figure with none, which is why swp's chart wrapper is a named group.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodesWithRole, renderDemo, structTrees, type RenderedDemo, type StructNode } from './layout-support.js';
import { SLOW } from './support.js';

let demo: RenderedDemo;
const trees = new Map<string, StructNode[]>();

beforeAll(async () => {
  demo = await renderDemo();
  for (const [name, path] of demo.pdfs) trees.set(name, await structTrees(path));
}, SLOW);

afterAll(() => demo?.remove());

/** The documents of the demo run (the file names swp writes for 2016/17 and its last quarter). */
const NAMES = ['assessment-2016-17', 'assessment-2016-17-public', 'report-2016-17-Q4', 'needs-assessment-2016-17'];

describe.each(NAMES)('%s.pdf', (name) => {
  const figures = () => trees.get(name)!.flatMap((t) => nodesWithRole(t, 'Figure'));

  it('is tagged and has figures (the charts)', () => {
    expect([...trees.keys()]).toContain(name);
    expect(figures().length).toBeGreaterThan(0);
  });

  it('gives every /Figure alternative text', () => {
    const without = figures().filter((f) => !f.alt || f.alt.trim() === '');
    expect(without.map((f) => (f.children ?? []).map((c) => c.role ?? c.type).join(',')), `${without.length} of ${figures().length} figures without /Alt`).toEqual([]);
  });

  it('the alternative text of a chart says what it shows (not an empty or generic label)', () => {
    for (const f of figures()) expect(f.alt!.length, f.alt).toBeGreaterThan(20);
  });

  it('gives every table header cells (TH)', () => {
    // pdf.js gives each page the part of the tree it draws: a table that runs on from the page before shows there
    // without its TH (the repeated heading row is an artifact). So a table part without TH must be the first table of
    // its page, with a table on the page before. (Chromium also leaves an empty Table part, no rows, on the page
    // before a table that starts at the top of the next: it has no cells to head.)
    const pages = trees.get(name)!.map((t) => nodesWithRole(t, 'Table').filter((part) => nodesWithRole(part, 'TR').length > 0));
    // The public summary (three pages of headline figures) has no data tables; the long documents have many.
    if (!name.endsWith('-public')) expect(pages.flat().length).toBeGreaterThan(0);
    const headless: string[] = [];
    pages.forEach((tables, i) =>
      tables.forEach((t, j) => {
        const continued = j === 0 && i > 0 && pages[i - 1]!.length > 0;
        if (nodesWithRole(t, 'TH').length === 0 && !continued) headless.push(`page ${i + 1}, table ${j + 1}`);
      }),
    );
    expect(headless).toEqual([]);
  });
});
