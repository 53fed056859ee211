/**
 * Issue 6.3, hostile text: CSV fields and config strings are data, never markup. A copy of the demo workspace gets
 * `<script>alert(1)</script>`, `{{constructor}}`, `</style><h1>x</h1>` and `&amp;` in a plan-review action, owner
 * and note, a consultation topic and source, the partnership name, an indicator label (which reaches the SVG charts,
 * the one place templates output raw markup) and a priority lead. The assessment (with its public summary) and the
 * Q3 report are rendered to HTML and PDF with the real Chromium; the text must come out as text everywhere: escaped
 * in the HTML source, no script element and no script run in a browser, literal in the page's innerText, in the PDF
 * text, its title and its running header.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyDemo, explain, launchChromium, pdfinfo, pdfMarginText, pdfText, SLOW, squash, swp, temp } from './support.js';

/** The hostile payload: markup, a Handlebars expression, a style-breaker and an already-escaped entity. */
const H = '<script>alert(1)</script> {{constructor}} </style><h1>x</h1> &amp;';
const PARTS = ['<script>alert(1)</script>', '{{constructor}}', '</style><h1>x</h1>', '&amp;'];

/** Where the payload was put; each has a prefix so a missing one is easy to find. */
const M = {
  action: `Plan action ${H} end`,
  owner: `Plan owner ${H} end`,
  note: `Plan note ${H} end`,
  topic: `Topic ${H} end`,
  source: `Survey ${H} end`,
  partnership: `Hostile ${H} Partnership`,
  indicator: `All crime ${H} label`,
  lead: `Lead ${H} end`,
};

/** Which markers each document must show (the public summary leaves out plan owners and notes). */
const EXPECTED: Record<string, Array<keyof typeof M>> = {
  'assessment-2016-17': ['action', 'owner', 'note', 'topic', 'partnership', 'indicator', 'lead'],
  // The public summary (templates/public) has its own words for the headline figures, not the indicator labels.
  'assessment-2016-17-public': ['topic', 'partnership'],
  'report-2016-17-Q3': ['partnership', 'indicator'],
};
const NAMES = Object.keys(EXPECTED);

let root: string;
let ws: string;
let out: string;
let browser: Browser | undefined;
let profile: string | undefined;
const warnings: string[] = [];

const csvField = (s: string) => `"${s.replace(/"/g, '""')}"`;

beforeAll(async () => {
  root = temp('swp-hostile-');
  ws = copyDemo(join(root, 'ws'));
  out = join(root, 'out');

  const plan = join(ws, 'workspace/plan-review.csv');
  writeFileSync(plan, `${readFileSync(plan, 'utf8').trimEnd()}\n${[M.action, M.owner, 'violence-prevention', 'on-track', M.note].map(csvField).join(',')}\n`);
  const consultation = join(ws, 'workspace/consultation.csv');
  writeFileSync(consultation, `${readFileSync(consultation, 'utf8').trimEnd()}\n${[M.topic, '41', '1214', M.source].map(csvField).join(',')}\n`);

  const configPath = join(ws, 'swp.config.yaml');
  const config = parseYaml(readFileSync(configPath, 'utf8'));
  config.partnership.name = M.partnership;
  const all = config.indicators.find((i: { id: string }) => i.id === 'recorded-crime.all');
  all.label = M.indicator;
  config.strategicPriorities[0].lead = M.lead;
  writeFileSync(configPath, stringifyYaml(config));

  const a = await swp(['assess', '-w', ws, '--out', out, '--format', 'pdf,html,json', '--date', '2017-06-30', '--public-summary']);
  expect(a.code, explain(a)).toBe(0);
  const r = await swp(['report', '-w', ws, '--out', out, '--quarter', '2016/17-Q3', '--format', 'pdf,html', '--date', '2017-01-31']);
  expect(r.code, explain(r)).toBe(0);
  warnings.push(...`${a.stderr}\n${r.stderr}`.split('\n').filter((l) => l.startsWith('warning:')));
  console.info(`hostile workspace rendered: assess ${(a.ms / 1000).toFixed(1)} s, report ${(r.ms / 1000).toFixed(1)} s`);
  ({ browser, profile } = await launchChromium());
}, SLOW);

afterAll(async () => {
  await browser?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
  if (root) rmSync(root, { recursive: true, force: true });
});

const html = (name: string) => readFileSync(join(out, `${name}.html`), 'utf8');
const pdf = (name: string) => join(out, `${name}.pdf`);

/** Load in Chromium with JavaScript ON (so a script that got through would run), offline; report what the DOM holds. */
async function inBrowser(name: string) {
  const page = await browser!.newPage();
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  try {
    await page.setRequestInterception(true);
    page.on('request', (req) => void (/^(data|about):/i.test(req.url()) ? req.continue() : req.abort('blockedbyclient')));
    await page.setJavaScriptEnabled(true);
    await page.setContent(html(name), { waitUntil: 'load' });
    const dom = await page.evaluate(() => {
      const d = (globalThis as unknown as { document: any }).document;
      return {
        scripts: d.querySelectorAll('script').length,
        h1: [...d.querySelectorAll('h1')].map((e: any) => e.textContent as string),
        styles: d.querySelectorAll('style').length,
        text: d.body.innerText as string,
        title: d.title as string,
        svgText: [...d.querySelectorAll('svg title, svg desc, svg text')].map((e: any) => e.textContent as string).join('\n'),
      };
    });
    return { ...dom, dialogs };
  } finally {
    await page.close();
  }
}

describe.each(NAMES)('%s with hostile text', (name) => {
  it('escapes it in the HTML source: no raw <script>, no injected <h1>, <style> not broken out of', () => {
    const source = html(name);
    expect(source).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(source.match(/<script\b/gi) ?? [], 'raw <script> tags').toEqual([]);
    expect(source).not.toContain('<h1>x</h1>');
    expect(source.match(/<style\b/gi)?.length, '<style> elements').toBe(1);
    expect(source.match(/<\/style>/gi)?.length, '</style> end tags').toBe(1);
    // An already-escaped entity is escaped again, so a reader sees "&amp;" and not "&".
    expect(source).toContain('&amp;amp;');
  });

  it('in a browser with JavaScript on: no script element, nothing runs, one h1, the payload is text', async () => {
    const dom = await inBrowser(name);
    expect(dom.scripts).toBe(0);
    expect(dom.dialogs).toEqual([]);
    expect(dom.h1).toHaveLength(1);
    expect(dom.h1).not.toContain('x');
    expect(dom.styles).toBe(1);
    const text = squash(dom.text);
    for (const part of PARTS) expect(text, part).toContain(part);
    for (const key of EXPECTED[name]!) expect(text, `${key}: ${M[key]}`).toContain(M[key]);
    expect(dom.title).toContain(M.partnership);
    // The indicator label reaches the SVG charts (output raw by the templates): there it must be text too. The public
    // summary has no chart of that indicator (its charts are in the full document only).
    if (name !== 'assessment-2016-17-public') expect(dom.svgText).toContain(M.indicator);
  });

  it('shows it as text in the PDF: body, title and running header', () => {
    const text = pdfText(pdf(name));
    for (const part of PARTS) expect(text, part).toContain(part);
    for (const key of EXPECTED[name]!) expect(text, `${key}: ${M[key]}`).toContain(M[key]);
    expect(pdfinfo(pdf(name)).Title).toContain(M.partnership);
    // The running header is the partnership's name on every page (Chromium's header template, escaped by
    // src/pdf/header-footer.ts); the footer shows the title without the name the header already prints (one line).
    const n = Number(pdfinfo(pdf(name)).Pages);
    for (const page of [1, 2, n]) {
      // The long name wraps in its narrow cell (even between "</style>" and "<h1>"), so compare without spaces.
      const header = pdfMarginText(pdf(name), page, 'header').replace(/\s/g, '');
      for (const part of ['Hostile', ...PARTS, 'Partnership']) expect(header, `page ${page} header: ${part}`).toContain(part.replace(/\s/g, ''));
      const footer = pdfMarginText(pdf(name), page, 'footer');
      expect(footer, `page ${page} footer`).not.toContain('alert(1)');
      expect(footer, `page ${page} footer`).toContain(`Page ${page} of ${n}`);
    }
  });
});

it('the JSON keeps the partnership name as the plain text it was given', () => {
  expect(JSON.parse(readFileSync(join(out, 'assessment-2016-17.json'), 'utf8')).partnership.name).toBe(M.partnership);
});

it('the run warned about nothing to do with the hostile text itself', () => {
  // Warnings are allowed (the demo has some), but none should be a template or rendering failure.
  expect(warnings.filter((w) => /template|render|block/i.test(w))).toEqual([]);
});
