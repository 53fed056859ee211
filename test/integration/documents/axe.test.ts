/**
 * axe-core on the HTML documents in a real Chromium: the demo's strategic assessment, its public summary and the
 * 2016/17 Q3 performance report, each loaded with `page.setContent` (JavaScript on only so axe can run; the
 * documents themselves have no scripts) with every request to the outside blocked and counted, then checked
 * against WCAG 2.0/2.1 A and AA, WCAG 2.2 AA and axe's best practices, on screen and as printed.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import axe from 'axe-core';
import type { AxeResults, Result } from 'axe-core';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, explain, launchChromium, SLOW, swp, temp } from './support.js';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

let out: string;
let browser: Browser | undefined;
let profile: string | undefined;

beforeAll(async () => {
  out = temp('swp-axe-');
  const a = await swp(['assess', '-w', DEMO, '--out', out, '--format', 'html', '--date', '2017-06-30', '--public-summary', '--quiet']);
  expect(a.code, explain(a)).toBe(0);
  const r = await swp(['report', '-w', DEMO, '--out', out, '--quarter', '2016/17-Q3', '--format', 'html', '--date', '2017-01-31', '--quiet']);
  expect(r.code, explain(r)).toBe(0);
  ({ browser, profile } = await launchChromium());
}, SLOW);

afterAll(async () => {
  await browser?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
  if (out) rmSync(out, { recursive: true, force: true });
});

/** One line per violation: id, impact, help, how many nodes, the first target selectors, and the first node's summary. */
function describeViolations(violations: Result[]): string {
  return violations
    .map((v) => {
      const targets = v.nodes.slice(0, 5).map((n) => n.target.join(' ')).join(' | ');
      const why = (v.nodes[0]?.failureSummary ?? '').split('\n').slice(0, 3).map((l) => l.trim()).join(' / ');
      return `- ${v.id} [${v.impact}] ${v.help} (${v.nodes.length} node${v.nodes.length === 1 ? '' : 's'}; ${v.helpUrl})\n    targets: ${targets}\n    why: ${why}`;
    })
    .join('\n');
}

interface Checked {
  results: AxeResults;
  requests: string[];
  ms: number;
}
const cache = new Map<string, Promise<Checked>>();

/** Load a document in a fresh page (offline), inject axe and run it; cached per document and media. */
function check(file: string, media: 'screen' | 'print'): Promise<Checked> {
  const key = `${file}:${media}`;
  if (!cache.has(key)) {
    cache.set(
      key,
      (async () => {
        const t0 = performance.now();
        const page: Page = await browser!.newPage();
        const requests: string[] = [];
        try {
          await page.setViewport({ width: 1024, height: 768 });
          await page.setRequestInterception(true);
          page.on('request', (req) => {
            const url = req.url();
            if (/^(data|about):/i.test(url)) void req.continue();
            else {
              requests.push(url);
              void req.abort('blockedbyclient');
            }
          });
          await page.emulateMediaType(media);
          await page.setJavaScriptEnabled(true);
          await page.setContent(readFileSync(join(out, file), 'utf8'), { waitUntil: 'load' });
          await page.addScriptTag({ content: axe.source });
          const results = await page.evaluate(
            (tags: string[]) =>
              (globalThis as unknown as { axe: typeof axe }).axe.run((globalThis as unknown as { document: unknown }).document as never, {
                runOnly: { type: 'tag', values: tags },
                resultTypes: ['violations'],
              }),
            TAGS,
          );
          return { results, requests, ms: performance.now() - t0 };
        } finally {
          await page.close();
        }
      })(),
    );
  }
  return cache.get(key)!;
}

/** Violations known and accepted, per document: none. (A fixed one stays fixed: the test then fails.) */
const KNOWN: Record<string, Array<{ id: string; html: RegExp }>> = {
  'assessment-2016-17.html': [],
  'assessment-2016-17-public.html': [],
  'report-2016-17-Q3.html': [],
};

const DOCS = [
  { file: 'assessment-2016-17.html', what: 'strategic assessment' },
  { file: 'assessment-2016-17-public.html', what: 'public summary' },
  { file: 'report-2016-17-Q3.html', what: 'performance report' },
] as const;

describe.each(DOCS)('axe-core on $file ($what)', ({ file }) => {
  describe.each(['screen', 'print'] as const)('%s media', (media) => {
    const clean = KNOWN[file]!.length === 0;
    (clean ? it : it.fails)(
      'has zero violations',
      async () => {
        const { results } = await check(file, media);
        expect(results.violations.length, `axe-core ${results.testEngine.version} violations in ${file} (${media}):\n${describeViolations(results.violations)}`).toBe(0);
      },
      SLOW,
    );

    it(
      'has no violations other than the known ones listed in this file',
      async () => {
        const { results } = await check(file, media);
        const unexpected = results.violations
          .map((v) => {
            const known = KNOWN[file]!.find((k) => k.id === v.id);
            if (!known) return v;
            const nodes = v.nodes.filter((n) => !known.html.test(n.html.trim()));
            return nodes.length ? { ...v, nodes } : undefined;
          })
          .filter((v): v is Result => v !== undefined);
        expect(unexpected.length, `new axe-core violations in ${file} (${media}):\n${describeViolations(unexpected)}`).toBe(0);
      },
      SLOW,
    );
  });

  it(
    'is self-contained: loading it asks for nothing outside the file',
    async () => {
      const { requests, ms } = await check(file, 'screen');
      console.info(`${file}: loaded and checked by axe in ${(ms / 1000).toFixed(1)} s`);
      expect(requests).toEqual([]);
    },
    SLOW,
  );
});
