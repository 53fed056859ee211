/**
 * Printing HTML to an accessible, reproducible A4 PDF.
 *
 * `setContent` → wait for the page's fonts → `page.pdf` with a tagged structure (`tagged`) and bookmarks from the
 * headings (`outline`), the document title and language set, and a running header and footer. The page is offline:
 * request interception aborts everything that is not `data:` or `about:`, and the blocked addresses come back as one
 * warning. One render timeout bounds the whole print (0 = none). With a fixed `date` (SOURCE_DATE_EPOCH or
 * `--date`), the same HTML on the same browser build gives a byte-identical file: see pdf-dates.ts.
 */
import type { HTTPRequest, Page, PDFMargin } from 'puppeteer-core';
import { ExitCode, SwpError, type Warning } from '../model/errors.js';
import { writeFileAtomic } from '../files/atomic.js';
import { BrowserManager } from './browser-manager.js';
import { footerTemplate as defaultFooter, headerTemplate as defaultHeader, type HeaderFooterContent } from './header-footer.js';
import { dateFromSourceDateEpoch, rewritePdfDates } from './pdf-dates.js';

/** Default render timeout, in ms. */
export const DEFAULT_RENDER_TIMEOUT_MS = 60_000;

/** Default margins: room for the header and footer, and the same side margins as theirs. */
export const DEFAULT_MARGIN: PDFMargin = { top: '20mm', bottom: '20mm', left: '18mm', right: '18mm' };

/** Options of `printPdf`. */
export interface PrintOptions {
  /** The document title (PDF /Title, shown by readers). Wins over the HTML's own `<title>`. */
  title?: string;
  /** The document language (PDF /Lang). Wins over the HTML's `lang`; when neither is given, `en-GB`. */
  lang?: string;
  /** The partnership's name, in the default header. */
  partnership?: string;
  /** The protective marking (e.g. `OFFICIAL`), top and bottom of each page in the default header and footer. */
  marking?: string;
  /** Font family and CSS for the default header and footer. */
  headerFooterFont?: Pick<HeaderFooterContent, 'fontFamily' | 'css'>;
  /** Replace the default header (Chromium template: `pageNumber`, `totalPages` classes are filled in). */
  headerTemplate?: string;
  /** Replace the default footer. */
  footerTemplate?: string;
  /** Print the header and footer (default true). */
  displayHeaderFooter?: boolean;
  margin?: PDFMargin;
  /** Render timeout for the whole print, in ms; 0 = none (default 60 000). */
  timeoutMs?: number;
  /**
   * The date written as /CreationDate and /ModDate, making the file reproducible. Default: SOURCE_DATE_EPOCH from
   * `env` when set; otherwise the browser's own (the time of printing).
   */
  date?: Date;
  /** Environment read for SOURCE_DATE_EPOCH (default process.env). */
  env?: Record<string, string | undefined>;
  /** Run the page's scripts (default false: templates are static, and a document has no need of them). */
  javaScript?: boolean;
  /** Notes for the user (blocked requests, a missing title). The printer never prints by itself. */
  onWarning?: (w: Warning) => void;
  onDebug?: (text: string) => void;
}

/** What a print produced. */
export interface PrintResult {
  pdf: Uint8Array;
  /** Addresses the page asked for and did not get. */
  blocked: string[];
  /** Whether /CreationDate and /ModDate were set to a fixed date. */
  fixedDate: boolean;
  /** Time taken, in ms. */
  ms: number;
}

/** The little of the DOM the print step touches inside the page. */
interface PageDocument {
  documentElement: { lang: string };
  title: string;
  fonts: { ready: Promise<unknown> };
}

/** Requests the offline page may make: inline data and blank documents. */
export function isAllowedUrl(url: string): boolean {
  return /^(data|about):/i.test(url);
}

/**
 * Print `html` to PDF bytes on `target`: a `BrowserManager` (a fresh page, closed after), or a page the caller owns
 * (left offline: request interception stays on, and scripts as `javaScript` set them). A render that times out
 * leaves the page unusable; the manager's `withPage` closes it.
 */
export async function printPdf(target: Page | BrowserManager, html: string, options: PrintOptions = {}): Promise<PrintResult> {
  if (target instanceof BrowserManager) return target.withPage((page) => printPdf(page, html, options));
  const page = target;
  const started = performance.now();
  const timeoutMs = options.timeoutMs ?? DEFAULT_RENDER_TIMEOUT_MS;
  const date = options.date ?? dateFromSourceDateEpoch((options.env ?? process.env)['SOURCE_DATE_EPOCH']);
  const guard = blockOutsideRequests(page);
  let printed: { bytes: Uint8Array; hasTitle: boolean };
  try {
    printed = await withDeadline(renderPage(page, html, options), timeoutMs);
  } finally {
    guard.detach();
  }
  warnAboutPage(guard.blocked, printed.hasTitle, options);
  const { pdf, fixedDate } = fixPdfDates(printed.bytes, date, options);
  const ms = performance.now() - started;
  options.onDebug?.(`swp:pdf printed ${pdf.byteLength} bytes in ${Math.round(ms)} ms`);
  return { pdf, blocked: guard.blocked, fixedDate, ms };
}

/** Let the page load only what isAllowedUrl allows (its own data: URLs); the URLs refused are collected in `blocked`. */
function blockOutsideRequests(page: Page): { blocked: string[]; detach(): void } {
  const blocked: string[] = [];
  const onRequest = (request: HTTPRequest): void => {
    if (request.isInterceptResolutionHandled()) return;
    const url = request.url();
    if (isAllowedUrl(url)) {
      request.continue().catch(() => undefined);
    } else {
      if (!blocked.includes(url)) blocked.push(url);
      request.abort('blockedbyclient').catch(() => undefined);
    }
  };
  page.on('request', onRequest);
  return { blocked, detach: () => page.off('request', onRequest) };
}

/** Load `html` into the page, set its language and title, wait for its fonts, and print it as A4 with the running header and footer. */
async function renderPage(page: Page, html: string, options: PrintOptions): Promise<{ bytes: Uint8Array; hasTitle: boolean }> {
  await page.setRequestInterception(true);
  await page.setJavaScriptEnabled(options.javaScript ?? false);
  // Our own deadline bounds the whole print; puppeteer's per-call timeouts would only add a second clock.
  await page.setContent(html, { waitUntil: 'load', timeout: 0 });
  const hasTitle = await page.evaluate(
    async (title: string | null, lang: string | null) => {
      // Runs in the page; the project compiles without the DOM library, hence the small local type.
      const document = (globalThis as unknown as { document: PageDocument }).document;
      const root = document.documentElement;
      if (lang !== null) root.lang = lang;
      else if (!root.lang) root.lang = 'en-GB';
      if (title !== null) document.title = title;
      await document.fonts.ready;
      return document.title.trim() !== '';
    },
    options.title ?? null,
    options.lang ?? null,
  );
  const content: HeaderFooterContent = {
    partnership: options.partnership,
    marking: options.marking,
    title: options.title ?? (hasTitle ? await page.title() : undefined),
    ...options.headerFooterFont,
  };
  const bytes = await page.pdf({
    format: 'A4',
    printBackground: true,
    tagged: true,
    outline: true,
    displayHeaderFooter: options.displayHeaderFooter ?? true,
    headerTemplate: options.headerTemplate ?? defaultHeader(content),
    footerTemplate: options.footerTemplate ?? defaultFooter(content),
    margin: options.margin ?? DEFAULT_MARGIN,
    preferCSSPageSize: false,
    timeout: 0,
  });
  return { bytes, hasTitle };
}

/** Warnings about the page: resources from outside that were blocked, and a missing title. */
function warnAboutPage(blocked: readonly string[], titled: boolean, options: PrintOptions): void {
  if (blocked.length > 0) {
    const shown = blocked.slice(0, 5).join(', ');
    options.onWarning?.({
      message: `the document asked for ${blocked.length} resource${blocked.length === 1 ? '' : 's'} from outside and swp blocked ${blocked.length === 1 ? 'it' : 'them'} (documents render offline; embed images and fonts as data: URLs): ${shown}${blocked.length > 5 ? `, … and ${blocked.length - 5} more` : ''}`,
    });
  }
  if (!titled) options.onWarning?.({ message: 'the document has no title (PDF readers and screen readers show the file name instead)' });
}

/** The PDF with its creation and modification dates set to `date` (when given), for byte-identical reprints. */
function fixPdfDates(raw: Uint8Array, date: Date | undefined, options: PrintOptions): { pdf: Uint8Array; fixedDate: boolean } {
  if (date === undefined) return { pdf: raw, fixedDate: false };
  const r = rewritePdfDates(raw, date);
  if (r.replaced === 0) options.onDebug?.('swp:pdf no /CreationDate or /ModDate found to set');
  if (r.hasFileId) options.onWarning?.({ message: 'the browser wrote a file /ID into the PDF, so two renders will not be byte-identical' });
  return { pdf: r.pdf, fixedDate: r.replaced > 0 };
}

/** Resolve with `work`, or reject with the render-timeout error after `timeoutMs` (0 = wait for ever). */
async function withDeadline<T>(work: Promise<T>, timeoutMs: number): Promise<T> {
  if (!(timeoutMs > 0)) return work;
  let timer: NodeJS.Timeout | undefined;
  const seconds = Number((timeoutMs / 1000).toFixed(3));
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new SwpError(ExitCode.RENDER, {
            message: `the page did not finish rendering within ${seconds} s`,
            expected: `a document that loads and prints within ${seconds} s`,
            found: `still rendering after ${seconds} s`,
            hint: 'raise the limit with --timeout (seconds; 0 = no limit), or look for a template override that never finishes loading',
          }),
        ),
      timeoutMs,
    );
  });
  // The loser must not surface as an unhandled rejection once the page is closed under it.
  work.catch(() => undefined);
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** Print `html` and write it to `path` atomically (a temporary file in the same folder, then a rename). */
export async function htmlToPdfFile(
  manager: BrowserManager,
  html: string,
  path: string,
  options: PrintOptions = {},
): Promise<PrintResult & { path: string }> {
  const result = await printPdf(manager, html, options);
  await writeFileAtomic(path, result.pdf);
  return { ...result, path };
}
