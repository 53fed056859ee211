/**
 * Issue 12.3, hostile Markdown: the analyst's text is the one workspace input that becomes markup, so it gets the
 * hardest test. A copy of the demo workspace gets, in its introduction, a chapter, an indicator's commentary and
 * the report's commentary: a script tag, a style breaker, raw HTML with an event handler, an iframe, javascript:
 * and data: links (plain, upper-case, entity-encoded and autolinked), an image from the network and a Handlebars
 * expression; and the same payload in the action plan and the exceptions CSVs. The assessment and the Q3 report
 * are rendered to HTML and PDF with the real Chromium: the text must come out as text (escaped in the HTML, no
 * element made, nothing run, no dangerous link), and still be readable in the PDF.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyDemo, explain, launchChromium, pdfText, SLOW, squash, swp, temp } from './support.js';

const PAYLOAD = [
  'Start <script>alert(1)</script> </style><h1>x</h1> <img src=x onerror="alert(2)"> <iframe src="javascript:alert(3)"></iframe> {{constructor}}',
  '',
  '[one](javascript:alert(4)) [two](JAVASCRIPT:alert(5)) [three](jav&#x61;script:alert(6)) [four](data:text/html;base64,PHNjcmlwdD5hbGVydCg3KTwvc2NyaXB0Pg==) <javascript:alert(8)>',
  '',
  '![pixel](https://tracker.example/pixel.png) <a href="javascript:alert(9)">raw</a> end',
].join('\n');

let root: string;
let out: string;
let browser: Browser | undefined;
let profile: string | undefined;
const DOCS = ['assessment-2016-17', 'report-2016-17-Q3'];

beforeAll(async () => {
  root = temp('swp-hostile-md-');
  const ws = copyDemo(join(root, 'ws'));
  out = join(root, 'out');
  for (const f of ['introduction.md', 'chapters/violence-prevention.md', 'indicators/anti-social-behaviour.md', 'report/commentary.md']) writeFileSync(join(ws, 'text', f), `${f}: ${PAYLOAD}\n`);
  const field = (s: string) => `"${s.replace(/"/g, '""')}"`;
  const line = PAYLOAD.replace(/\n/g, ' ');
  writeFileSync(join(ws, 'workspace/action-plan.csv'), `priority,action,owner,measure\nviolence,${field(`Plan ${line}`)},${field(`Owner ${line}`)},${field('Measure <b>x</b>')}\n`);
  writeFileSync(join(ws, 'workspace/exceptions.csv'), `indicator,owner,action,decision\nrecorded-crime.all,${field(`Owner ${line}`)},${field(`Action ${line}`)},${field(`Decision ${line}`)}\n`);
  const a = await swp(['assess', '-w', ws, '--out', out, '--format', 'pdf,html', '--date', '2017-06-30']);
  expect(a.code, explain(a)).toBe(0);
  const r = await swp(['report', '-w', ws, '--out', out, '--quarter', '2016/17-Q3', '--format', 'pdf,html', '--date', '2017-01-31']);
  expect(r.code, explain(r)).toBe(0);
  ({ browser, profile } = await launchChromium());
}, SLOW);

afterAll(async () => {
  await browser?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
  if (root) rmSync(root, { recursive: true, force: true });
});

const html = (name: string) => readFileSync(join(out, `${name}.html`), 'utf8');

describe.each(DOCS)('%s with hostile Markdown', (name) => {
  it('escapes the markup in the HTML source and makes no dangerous element or link', () => {
    const source = html(name);
    expect(source).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(source.match(/<script\b/gi) ?? []).toEqual([]);
    expect(source.match(/<(iframe|img|object|embed)\b/gi) ?? []).toEqual([]);
    expect(source).not.toMatch(/\son[a-z]+\s*=\s*"alert/i);
    expect(source).not.toMatch(/href\s*=\s*"\s*(javascript|vbscript|data|file):/i);
    // The image's address may show as text (the CSV payload), but nothing points at it.
    expect(source).not.toMatch(/(src|href)\s*=\s*"[^"]*tracker\.example/i);
    expect(source.match(/<style\b/gi)?.length).toBe(1);
    expect(source).not.toContain('<h1>x</h1>');
  });

  it('runs nothing in a browser with JavaScript on, and shows the payload as text', async () => {
    const page = await browser!.newPage();
    const dialogs: string[] = [];
    const requests: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    try {
      await page.setRequestInterception(true);
      page.on('request', (req) => {
        if (!/^(data|about):/i.test(req.url())) requests.push(req.url());
        void (/^(data|about):/i.test(req.url()) ? req.continue() : req.abort('blockedbyclient'));
      });
      await page.setJavaScriptEnabled(true);
      await page.setContent(html(name), { waitUntil: 'load' });
      const dom = await page.evaluate(() => {
        const d = (globalThis as unknown as { document: any }).document;
        const links = [...d.querySelectorAll('a[href]')].map((a: any) => a.getAttribute('href') as string);
        return { scripts: d.querySelectorAll('script').length, h1: d.querySelectorAll('h1').length, links, text: d.body.innerText as string };
      });
      expect(dialogs).toEqual([]);
      expect(requests).toEqual([]);
      expect(dom.scripts).toBe(0);
      expect(dom.h1).toBe(1);
      expect(dom.links.filter((h: string) => !/^(#|https?:|mailto:|tel:|[\w.-]+\.(html|pdf)$)/i.test(h))).toEqual([]);
      const text = squash(dom.text);
      expect(text).toContain('<script>alert(1)</script>');
      expect(text).toContain('{{constructor}}');
    } finally {
      await page.close();
    }
  });

  it('prints the payload as text in the PDF', () => {
    const text = pdfText(join(out, `${name}.pdf`));
    expect(text).toContain('<script>alert(1)</script>');
    expect(text).toContain('<img src=x onerror="alert(2)">');
  });
});
