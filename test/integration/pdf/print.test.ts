/**
 * Printing with the real Chromium (found by the normal discovery chain; Debian's /usr/bin/chromium here) and reading
 * the PDF back with poppler: tags, title, language, headings, bookmarks, header and footer, reproducibility, the
 * offline page, the render timeout, and that no browser process outlives `dispose()`.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExitCode, type Warning } from '../../../src/model/errors.js';
import { BrowserManager } from '../../../src/pdf/browser-manager.js';
import { liveBrowserCount } from '../../../src/pdf/live-browsers.js';
import { htmlToPdfFile, printPdf } from '../../../src/pdf/print.js';
import { rejection, tempDir } from '../../helpers.js';
import { pdfinfo, pdfOutline, pdfStructure, pdftotext, processesMentioning, waitForNoProcesses } from './poppler.js';

const SLOW = 60_000;
const DATE = new Date('2017-03-31T00:00:00Z');

const DOC = `<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><title>Testshire strategic assessment 2016/17</title>
<style>body{font-family:sans-serif} table{border-collapse:collapse} th,td{border:1px solid #444;padding:2px 6px}</style></head>
<body>
<h1>Strategic assessment</h1>
<p>Recorded crime rose by 4.2% to 12,345 offences.</p>
<h2>Violence against the person</h2>
<table><caption>Offences by year</caption>
<thead><tr><th scope="col">Year</th><th scope="col">Offences</th></tr></thead>
<tbody><tr><td>2015/16</td><td>11,847</td></tr><tr><td>2016/17</td><td>12,345</td></tr></tbody></table>
<h2>Reoffending</h2><p>Proven reoffending rate 27.1%.</p>
</body></html>`;

let manager: BrowserManager;
let out: string;
const warnings: Warning[] = [];

beforeAll(() => {
  manager = new BrowserManager({ onWarning: (w) => warnings.push(w) });
  out = tempDir('swp-pdf-int-');
});

afterAll(async () => {
  await manager.dispose();
  rmSync(out, { recursive: true, force: true });
});

describe('printPdf with the real Chromium', () => {
  it(
    'prints a tagged A4 PDF with title, language, headings, bookmarks, header and footer',
    async () => {
      const path = join(out, 'doc.pdf');
      const t0 = performance.now();
      const r = await htmlToPdfFile(manager, DOC, path, { partnership: 'Testshire Community Safety Partnership', marking: 'OFFICIAL', date: DATE });
      console.info(`browser launch ${Math.round(manager.launchMs ?? NaN)} ms; first one-page PDF incl. launch ${Math.round(performance.now() - t0)} ms`);
      expect(readFileSync(path).subarray(0, 5).toString()).toBe('%PDF-');
      expect(r.fixedDate).toBe(true);
      expect(manager.found?.source).toBeDefined();

      const info = pdfinfo(path);
      expect(info['Tagged']).toBe('yes');
      expect(info['Pages']).toBe('1');
      expect(info['Title']).toBe('Testshire strategic assessment 2016/17');
      expect(info['Page size']).toMatch(/\(A4\)/);
      expect(info['CreationDate']).toBe('Fri Mar 31 00:00:00 2017 UTC');
      expect(info['ModDate']).toBe('Fri Mar 31 00:00:00 2017 UTC');

      const bytes = readFileSync(path).toString('latin1');
      expect(bytes).toContain('/Lang (en-GB)');
      expect(bytes).toContain('/DisplayDocTitle true');

      const struct = pdfStructure(path);
      for (const tag of ['H1', 'H2', 'Table', 'TH', 'TD']) expect(struct).toMatch(new RegExp(`^\\s*${tag}\\b`, 'm'));

      const text = pdftotext(path);
      expect(text).toContain('Strategic assessment');
      expect(text).toContain('Violence against the person');
      expect(text).toContain('12,345');
      expect(text).toContain('Testshire Community Safety Partnership');
      expect(text).toContain('OFFICIAL');
      expect(text).toMatch(/Page 1 of 1/);

      expect(pdfOutline(path)).toEqual([
        { title: 'Strategic assessment', depth: 1 },
        { title: 'Violence against the person', depth: 2 },
        { title: 'Reoffending', depth: 2 },
      ]);
      // Nothing left beside the file: the write was atomic.
      expect(readdirSync(out)).toEqual(['doc.pdf']);
    },
    SLOW,
  );

  it(
    'sets the title and language from the options when the HTML has none, and numbers pages "Page X of Y"',
    async () => {
      const long = `<html><body><h1>Untitled</h1>${'<p>Paragraph of text for a second page.</p>'.repeat(120)}</body></html>`;
      const t0 = performance.now();
      const r = await printPdf(manager, long, { title: 'Quarterly report Q3', lang: 'cy', marking: 'OFFICIAL', env: {} });
      console.info(`multi-page PDF on a warm browser ${Math.round(performance.now() - t0)} ms`);
      const path = join(out, 'long.pdf');
      writeFileSync(path, r.pdf);
      const info = pdfinfo(path);
      const pages = Number(info['Pages']);
      expect(pages).toBeGreaterThan(1);
      expect(info['Title']).toBe('Quarterly report Q3');
      expect(Buffer.from(r.pdf).toString('latin1')).toContain('/Lang (cy)');
      expect(pdftotext(path)).toContain(`Page ${pages} of ${pages}`);
      // No date given and no SOURCE_DATE_EPOCH: the browser's own date stays, in the fixed-length UTC form that
      // rewritePdfDates relies on.
      expect(r.fixedDate).toBe(false);
      const raw = Buffer.from(r.pdf).toString('latin1');
      expect(raw).toMatch(/\/CreationDate \(D:\d{14}\+00'00'\)/);
      expect(raw).toMatch(/\/ModDate \(D:\d{14}\+00'00'\)/);
    },
    SLOW,
  );

  it(
    'defaults the language to en-GB and warns when there is no title at all',
    async () => {
      const w: Warning[] = [];
      const r = await printPdf(manager, '<html><body><h1>x</h1></body></html>', { onWarning: (x) => w.push(x) });
      expect(Buffer.from(r.pdf).toString('latin1')).toContain('/Lang (en-GB)');
      expect(w.map((x) => x.message).join('\n')).toMatch(/no title/);
    },
    SLOW,
  );
});

describe('reproducible output', () => {
  it(
    'two renders with the same date are byte-identical, also from a second browser in another time zone; another date changes only the dates',
    async () => {
      const opts = { partnership: 'Testshire CSP', marking: 'OFFICIAL', date: DATE };
      const a = await printPdf(manager, DOC, opts);
      const t0 = performance.now();
      const b = await printPdf(manager, DOC, opts);
      console.info(`one-page PDF on a warm browser ${Math.round(performance.now() - t0)} ms`);
      expect(Buffer.compare(Buffer.from(a.pdf), Buffer.from(b.pdf))).toBe(0);

      // A second browser, in another time zone: Chromium writes its dates in UTC, so nothing changes.
      const other = new BrowserManager({ env: { ...process.env, TZ: 'Pacific/Auckland' } });
      try {
        const c = await printPdf(other, DOC, opts);
        expect(Buffer.compare(Buffer.from(a.pdf), Buffer.from(c.pdf))).toBe(0);
      } finally {
        await other.dispose();
      }

      // SOURCE_DATE_EPOCH works the same as a date.
      const d = await printPdf(manager, DOC, { ...opts, date: undefined, env: { SOURCE_DATE_EPOCH: String(DATE.getTime() / 1000) } });
      expect(Buffer.compare(Buffer.from(a.pdf), Buffer.from(d.pdf))).toBe(0);

      const e = await printPdf(manager, DOC, { ...opts, date: new Date('2018-01-02T03:04:05Z') });
      expect(e.pdf.byteLength).toBe(a.pdf.byteLength);
      const diff = [...a.pdf].filter((x, i) => x !== e.pdf[i]).length;
      expect(diff).toBeGreaterThan(0);
      expect(diff).toBeLessThanOrEqual(28); // the 14 digits of two dates
      const text = Buffer.from(a.pdf).toString('latin1');
      expect(text).not.toMatch(/trailer\s*<<[^>]*\/ID\s*\[/);
    },
    SLOW,
  );
});

describe('the page is offline', () => {
  let server: Server;
  let port: number;
  const hits: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      hits.push(req.url ?? '');
      res.writeHead(200, { 'content-type': 'image/png' });
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it(
    'blocks every request that is not data: or about:, and reports them in one warning; none reaches the server',
    async () => {
      // This browser has the host-resolver flag switched off again (the last value of a switch wins), so what is
      // proved here is the page's request interception alone.
      const interceptionOnly = new BrowserManager({ extraArgs: ['--host-resolver-rules='] });
      const base = `http://127.0.0.1:${port}`;
      const html = `<html><head><title>Hostile override</title>
        <link rel="stylesheet" href="${base}/style.css">
        <style>@font-face{font-family:Remote;src:url(${base}/font.woff2)} body{font-family:Remote;background:url(${base}/bg.png)}</style>
        </head><body><h1>Offline</h1>
        <img alt="tracker" src="${base}/x.png"><img alt="elsewhere" src="http://example.invalid/x.png">
        <img alt="inline" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
        <iframe src="${base}/frame.html"></iframe>
        <script>fetch('${base}/fetch').catch(() => {}); new Image().src = '${base}/js.png';</script>
        </body></html>`;
      const w: Warning[] = [];
      try {
        // The control: without interception, this browser does fetch from the server.
        await interceptionOnly.withPage((page) => page.setContent(`<img src="${base}/control.png">`, { waitUntil: 'load' }));
        expect(hits).toEqual(['/control.png']);
        hits.length = 0;

        const r = await printPdf(interceptionOnly, html, { javaScript: true, onWarning: (x) => w.push(x) });
        // Give anything that slipped through time to arrive.
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(hits).toEqual([]);
        expect(r.blocked).toContain(`${base}/x.png`);
        expect(r.blocked).toContain('http://example.invalid/x.png');
        expect(r.blocked).toContain(`${base}/style.css`);
        expect(r.blocked).toContain(`${base}/fetch`);
        expect(r.blocked.some((u) => u.startsWith('data:'))).toBe(false);
        const blockedWarnings = w.filter((x) => /blocked/.test(x.message));
        expect(blockedWarnings).toHaveLength(1);
        expect(blockedWarnings[0]!.message).toContain(`${base}/x.png`);
        expect(pdftotextOf(r.pdf)).toContain('Offline');
      } finally {
        await interceptionOnly.dispose();
      }
    },
    SLOW,
  );

  it(
    'a second layer: the normal launch resolves no host at all, so even a page without interception fetches nothing',
    async () => {
      const base = `http://127.0.0.1:${port}`;
      await manager.withPage((page) => page.setContent(`<img src="${base}/no-interception.png"><img src="http://localhost:${port}/y.png">`, { waitUntil: 'load' }));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(hits).toEqual([]);
    },
    SLOW,
  );
});

function pdftotextOf(pdf: Uint8Array): string {
  const p = join(out, `t-${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(p, pdf);
  return pdftotext(p);
}

describe('render timeout', () => {
  it(
    'a page that never finishes is a RENDER error naming the limit, and the browser stays usable',
    async () => {
      const t0 = performance.now();
      const err = await rejection(printPdf(manager, '<html><body><h1>Hang</h1><script>for(;;){}</script></body></html>', { javaScript: true, timeoutMs: 1500 }));
      const took = performance.now() - t0;
      expect(err.code).toBe(ExitCode.RENDER);
      expect(err.message).toBe('the page did not finish rendering within 1.5 s');
      expect(err.problems[0]?.hint).toMatch(/--timeout/);
      expect(took).toBeLessThan(10_000);
      // The stuck page was closed; the next document prints.
      const ok = await printPdf(manager, DOC, { timeoutMs: 20_000 });
      expect(pdftotextOf(ok.pdf)).toContain('Strategic assessment');
    },
    SLOW,
  );

  it(
    'scripts do not run by default, so a looping script cannot hang the default render',
    async () => {
      const r = await printPdf(manager, '<html><head><title>t</title></head><body><h1>Static</h1><script>for(;;){}</script></body></html>', { timeoutMs: 20_000 });
      expect(pdftotextOf(r.pdf)).toContain('Static');
    },
    SLOW,
  );
});

describe('browser lifetime', () => {
  it(
    'launches lazily, once, and leaves no process or profile after dispose',
    async () => {
      const before = liveBrowserCount();
      const m = new BrowserManager();
      expect(m.userDataDir).toBeUndefined(); // nothing launched yet
      expect(liveBrowserCount()).toBe(before);
      await Promise.all([printPdf(m, DOC), printPdf(m, DOC), m.withPage(async (p) => p.title())]);
      const profile = m.userDataDir!;
      expect(profile).toMatch(/swp-chromium-/);
      expect(existsSync(profile)).toBe(true);
      const running = processesMentioning(profile);
      expect(running.length).toBeGreaterThan(1); // the browser and its helpers all carry the profile path
      expect(liveBrowserCount()).toBe(before + 1);
      const t0 = performance.now();
      await m.dispose();
      console.info(`dispose ${Math.round(performance.now() - t0)} ms`);
      expect(liveBrowserCount()).toBe(before);
      expect(await waitForNoProcesses(profile, 2000)).toEqual([]);
      expect(existsSync(profile)).toBe(false);
      await m.dispose(); // idempotent
      await expect(m.withPage(async () => 1)).rejects.toThrow(/disposed/);
    },
    SLOW,
  );

  it(
    'disposeNow() (the signal path) kills at once, synchronously',
    async () => {
      const m = new BrowserManager();
      await m.browser();
      const profile = m.userDataDir!;
      m.disposeNow();
      expect(existsSync(profile)).toBe(false);
      expect(await waitForNoProcesses(profile, 2000)).toEqual([]);
    },
    SLOW,
  );

  it(
    'dispose() during the launch waits for it, then closes the browser',
    async () => {
      const m = new BrowserManager();
      const launching = m.browser();
      launching.catch(() => undefined);
      await m.dispose();
      await expect(launching).rejects.toThrow(/disposed/);
      const profile = m.userDataDir;
      if (profile !== undefined) {
        expect(await waitForNoProcesses(profile, 2000)).toEqual([]);
        expect(existsSync(profile)).toBe(false);
      }
    },
    SLOW,
  );

  it('a manager never used launches nothing and disposes instantly', async () => {
    const m = new BrowserManager({ find: () => Promise.reject(new Error('must not be called')) });
    await m.dispose();
    expect(m.userDataDir).toBeUndefined();
  });
});
