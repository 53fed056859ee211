/**
 * The HTML documents in the real browser (Chromium through puppeteer-core): on a 390 px phone screen the page never
 * scrolls sideways (wide tables scroll inside their own box, which the keyboard can reach), the headline boxes stack,
 * and at a 1280 px desktop width a contents sidebar stays in view beside the document.
 */
import { readFileSync, rmSync } from 'node:fs';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderDemo, type RenderedDemo } from './layout-support.js';
import { launchChromium, SLOW } from './support.js';

let demo: RenderedDemo;
let browser: Browser | undefined;
let profile: string | undefined;
const NAMES = ['assessment-2016-17', 'assessment-2016-17-public', 'report-2016-17-Q4', 'needs-assessment-2016-17'];
/** The long documents, which have data tables and a contents sidebar; the public summary is three pages without them. */
const LONG = (name: string) => !name.endsWith('-public');
const PHONE = 390;
const DESKTOP = 1280;

beforeAll(async () => {
  demo = await renderDemo();
  ({ browser, profile } = await launchChromium());
}, SLOW);

afterAll(async () => {
  await browser?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
  demo?.remove();
});

/** A page showing the document at the given width (JavaScript off: the documents have none). */
async function open(name: string, width: number): Promise<Page> {
  const page = await browser!.newPage();
  await page.setJavaScriptEnabled(false);
  await page.setViewport({ width, height: 844 });
  await page.setContent(readFileSync(demo.htmls.get(name)!, 'utf8'), { waitUntil: 'load' });
  return page;
}

// Runs in the page (the project compiles without the DOM library, hence the small local types).
type El = {
  scrollWidth: number;
  scrollHeight: number;
  clientWidth: number;
  tabIndex: number;
  parentElement: El | null;
  getAttribute(a: string): string | null;
  getBoundingClientRect(): { left: number; right: number; top: number; bottom: number; width: number };
  querySelectorAll(s: string): ArrayLike<El>;
};
type Win = { document: El & { documentElement: El; body: El }; scrollTo(x: number, y: number): void };

describe.each(NAMES)('%s.html', (name) => {
  it(`does not scroll sideways on a ${PHONE} px phone screen`, async () => {
    const page = await open(name, PHONE);
    try {
      const width = await page.evaluate(() => (globalThis as unknown as Win).document.documentElement.scrollWidth);
      expect(width).toBeLessThanOrEqual(PHONE);
    } finally {
      await page.close();
    }
  });

  it('lets every table that is wider than the phone scroll in a box the keyboard can reach, with a name', async () => {
    const page = await open(name, PHONE);
    try {
      const boxes = await page.evaluate(() => {
        const tables = Array.from((globalThis as unknown as Win).document.querySelectorAll('table'));
        return tables.map((t) => {
          const box = t.parentElement!;
          return { overflows: box.scrollWidth > box.clientWidth + 1, tabIndex: box.tabIndex, role: box.getAttribute('role'), named: !!(box.getAttribute('aria-label') || box.getAttribute('aria-labelledby')), right: t.getBoundingClientRect().right };
        });
      });
      if (LONG(name)) expect(boxes.length).toBeGreaterThan(0);
      for (const b of boxes.filter((x) => x.overflows)) expect(b).toMatchObject({ tabIndex: 0, role: 'region', named: true });
    } finally {
      await page.close();
    }
  });

  it('stacks the headline boxes on a phone (one column)', async () => {
    const page = await open(name, PHONE);
    try {
      const lefts = await page.evaluate(() => Array.from((globalThis as unknown as Win).document.querySelectorAll('.keyfact')).map((k) => Math.round(k.getBoundingClientRect().left)));
      // The full assessment and the report have headline boxes; the public summary may lay its figures out otherwise.
      if (!name.endsWith('-public')) expect(lefts.length).toBeGreaterThan(1);
      expect(new Set(lefts).size).toBeLessThanOrEqual(1);
    } finally {
      await page.close();
    }
  });

  // The public summary (three pages) has no contents sidebar; the long documents do.
  if (LONG(name)) {
    it(`shows a contents sidebar at ${DESKTOP} px that stays in view, and hides it on a phone`, async () => {
      const page = await open(name, DESKTOP);
      try {
        const nav = () => page.evaluate(() => {
          const n = (globalThis as unknown as Win).document.querySelectorAll('nav.sidebar')[0];
          if (!n) return null;
          const r = n.getBoundingClientRect();
          return { width: r.width, top: r.top, bottom: r.bottom, left: r.left, links: n.querySelectorAll('a[href^="#"]').length };
        });
        const top = await nav();
        expect(top, 'no nav.sidebar').not.toBeNull();
        expect(top!.width).toBeGreaterThan(100);
        expect(top!.links).toBeGreaterThan(2);
        // Half way down the document the sidebar is still on screen (sticky).
        await page.evaluate(() => {
          const w = globalThis as unknown as Win;
          w.scrollTo(0, w.document.body.scrollHeight / 2);
        });
        const mid = await nav();
        expect(mid!.top).toBeGreaterThanOrEqual(0);
        expect(mid!.top).toBeLessThan(844);
        await page.setViewport({ width: PHONE, height: 844 });
        expect((await nav())!.width).toBe(0);
      } finally {
        await page.close();
      }
    });

    it('links the sidebar to headings that exist', async () => {
      const html = readFileSync(demo.htmls.get(name)!, 'utf8');
      const nav = /<nav class="sidebar"[\s\S]*?<\/nav>/.exec(html)?.[0] ?? '';
      const targets = [...nav.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]!);
      expect(targets.length).toBeGreaterThan(2);
      for (const id of targets) expect(html, id).toMatch(new RegExp(`<h[1-6][^>]* id="${id}"`));
    });
  }
});
