/**
 * Issue 12, points 3 and 6, on the rendered demo: the analyst's Markdown (data/demo/text) appears in its place in
 * the assessment and the report, the assessment ends with recommendations and the workspace's action plan, the
 * report's page 1 lists the decisions from workspace/exceptions.csv, and the public summary is a short document of
 * its own (2 to 4 A4 pages) without methods, scoring weights, confidence intervals or any owner named in the plan,
 * linked both ways with the full assessment. Expected words are read from the demo's own text files and CSVs here,
 * not from swp's output.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, demoConfig, explain, pdfinfo, pdfPages, pdfText, SLOW, squash, swp, temp } from './support.js';

let root: string;
let out: string;
const A = 'assessment-2016-17';
const P = 'assessment-2016-17-public';
const R = 'report-2016-17-Q4';

/** The plain text of a Markdown paragraph (no emphasis marks or link targets), as a reader sees it. */
function plain(md: string): string {
  return squash(md.replace(/\*\*|\*/g, '').replace(/\[([^\]]*)\]\([^)]*\)/g, '$1'));
}
const demoText = (rel: string) => readFileSync(join(DEMO, 'text', rel), 'utf8');
const csv = (rel: string): Record<string, string>[] => parseCsv(readFileSync(join(DEMO, 'workspace', rel), 'utf8'), { columns: true });
const html = (name: string) => readFileSync(join(out, `${name}.html`), 'utf8');
const pdf = (name: string) => join(out, `${name}.pdf`);

beforeAll(async () => {
  root = temp('swp-voice-');
  out = join(root, 'out');
  const a = await swp(['assess', '-w', DEMO, '--out', out, '--format', 'pdf,html', '--date', '2017-06-30', '--public-summary']);
  expect(a.code, explain(a)).toBe(0);
  const r = await swp(['report', '-w', DEMO, '--out', out, '--quarter', '2016/17-Q4', '--format', 'pdf,html', '--date', '2017-06-30']);
  expect(r.code, explain(r)).toBe(0);
}, SLOW);

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

describe("the analyst's text in the assessment", () => {
  // One paragraph of each file, taken from the file itself.
  const samples = ['introduction.md', 'horizon-scan.md', 'recommendations.md', 'chapters/violence-prevention.md', 'chapters/overview.md', 'indicators/reoffending.adult.md'].map((f) => ({
    f,
    words: plain(demoText(f).split('\n\n')[0]!).slice(0, 120),
  }));

  it.each(samples)('$f appears in the PDF and the HTML', ({ words }) => {
    expect(pdfText(pdf(A))).toContain(words);
    expect(squash(html(A).replace(/<[^>]+>/g, ''))).toContain(words.replace(/&/g, '&amp;'));
  });

  it('puts the chapter text in its chapter and the text sections in reading order', () => {
    const text = pdfText(pdf(A));
    const at = (s: string) => text.indexOf(s);
    const priority = demoConfig().strategicPriorities.find((p) => p.id === 'violence-prevention')!;
    const chapter = text.indexOf(`Priority: ${priority.label}`, at('Contents') + 400);
    const violence = plain(demoText('chapters/violence-prevention.md')).slice(0, 60);
    expect(chapter).toBeGreaterThan(0);
    expect(at(violence)).toBeGreaterThan(chapter);
    const intro = plain(demoText('introduction.md')).slice(0, 60);
    const horizon = plain(demoText('horizon-scan.md')).slice(0, 60);
    expect(at(intro)).toBeLessThan(at('Key findings'));
    expect(at(horizon)).toBeGreaterThan(chapter);
    expect(at('Recommendations and action plan')).toBeLessThan(text.lastIndexOf('Methods'));
  });

  it('ends with the action plan of workspace/action-plan.csv, every action with its owner', () => {
    const text = pdfText(pdf(A));
    const plan = csv('action-plan.csv');
    expect(plan.length).toBeGreaterThan(0);
    const start = text.lastIndexOf('Action plan for 2017/18');
    for (const row of plan) {
      expect(text.indexOf(squash(row.action!)), row.action).toBeGreaterThan(start);
      expect(text.slice(start)).toContain(squash(row.owner!));
    }
    expect(text.slice(start)).not.toContain('Draft action plan');
  });
});

describe('the quarterly report', () => {
  it('lists on page 1 the decision asked for each exception, from workspace/exceptions.csv', () => {
    const page1 = squash(pdfPages(pdf(R))[0]!);
    expect(page1).toContain('Decisions needed');
    const rows = csv('exceptions.csv');
    for (const row of rows) expect(page1, row.indicator).toContain(squash(row.decision!));
  });

  it('gives each exception its owner and action, and the quarter\'s commentary', () => {
    const text = pdfText(pdf(R));
    for (const row of csv('exceptions.csv')) {
      expect(text).toContain(`Owner: ${squash(row.owner!)}`);
      expect(text).toContain(`Action: ${squash(row.action!)}`);
    }
    // The quarter's own file wins over commentary.md.
    expect(text).toContain(plain(demoText('report/2016-17-Q4.md').split('\n\n')[0]!).slice(0, 80));
    expect(text).not.toContain(plain(demoText('report/commentary.md')).slice(0, 60));
  });
});

describe('the public summary', () => {
  it('is 2 to 4 A4 pages', () => {
    const pages = Number(pdfinfo(pdf(P)).Pages);
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(pages).toBeLessThanOrEqual(4);
  });

  it('has no methods, weights, confidence intervals, scoring table or named owners and leads', () => {
    const text = pdfText(pdf(P));
    const page = squash(html(P).replace(/<style[\s\S]*?<\/style>/, '').replace(/<[^>]+>/g, ' '));
    const owners = [...csv('action-plan.csv').map((r) => r.owner!), ...csv('plan-review.csv').map((r) => r.owner!), ...demoConfig().strategicPriorities.map((p) => p.lead ?? '')].filter(Boolean);
    for (const t of [text, page]) {
      for (const word of ['Methods', 'weight', 'confidence interval', 'statistically significant', 'p-value', 'LSOA', 'Rank range']) expect(t.toLowerCase(), word).not.toContain(word.toLowerCase());
      for (const owner of owners) expect(t, owner).not.toContain(owner);
    }
  });

  it('shows the actions the partnership agreed, without their owners', () => {
    const text = pdfText(pdf(P));
    for (const row of csv('action-plan.csv')) expect(text).toContain(squash(row.action!));
  });

  it('and the full assessment link to each other by relative address', () => {
    expect(html(A)).toContain(`href="${P}.html"`);
    expect(html(P)).toContain(`href="${A}.html"`);
  });

  it('draws its charts with a text alternative and its icons as decoration', () => {
    const source = html(P);
    const svgs = source.match(/<svg\b[^>]*>/g) ?? [];
    expect(svgs.length).toBeGreaterThan(0);
    for (const svg of svgs) expect(svg, svg).toMatch(/role="img" aria-label="[^"]+"|aria-hidden="true"/);
  });
});
