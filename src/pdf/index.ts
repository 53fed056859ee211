/**
 * The PDF stage: finding, launching and closing the browser, and printing. The CLI imports this module lazily
 * (`await import('../pdf/index.js')`), only when a PDF is made, so `--help` and `validate` never load puppeteer.
 */
export { BrowserManager, type BrowserManagerOptions } from './browser-manager.js';
export { disposeAllBrowsersNow, liveBrowserCount } from './live-browsers.js';
export {
  BROWSER_ENV_VARS,
  describeBrowser,
  findBrowser,
  installAdvice,
  type BrowserSearchEnv,
  type BrowserSource,
  type FindBrowserOptions,
  type FoundBrowser,
} from './find-browser.js';
export { escapeHtml, footerTemplate, headerTemplate, type HeaderFooterContent } from './header-footer.js';
export { ALWAYS_FLAGS, isInContainer, isRunningAsRoot, launchArgs, needsNoSandbox, PROFILE_PREFIX } from './launch.js';
export { dateFromSourceDateEpoch, pdfDateString, rewritePdfDates } from './pdf-dates.js';
export { DEFAULT_MARGIN, DEFAULT_RENDER_TIMEOUT_MS, htmlToPdfFile, isAllowedUrl, printPdf, type PrintOptions, type PrintResult } from './print.js';
export { installSignalHandlers, signalHandlersInstalled, type SignalHandlerOptions } from './signals.js';
