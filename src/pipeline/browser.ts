/**
 * One browser for a run, started before the data are read. The PDF stage is imported only here and only when a PDF
 * is asked for, so other commands never load puppeteer. The browser is closed in `finally`, on success and on error;
 * Ctrl-C and SIGTERM are handled by the signal handler installed while it lives.
 */
import type { DocumentRun, Reporter } from './run.js';

/** One browser for a run, with the Ctrl-C / SIGTERM handler installed while it lives. */
export interface SharedBrowser {
  pdf: typeof import('../pdf/index.js');
  manager: import('../pdf/index.js').BrowserManager;
  close(): Promise<void>;
}

/**
 * Run `fn` with the run's browser already starting when PDFs are wanted (undefined otherwise), closed at the end
 * whatever happens. Chromium takes ~0.3–1 s to start; launched before the data are read, it is ready by the time the
 * first document is. A browser that cannot start fails the run when the first PDF is printed, as it would have;
 * an error before that (bad input) is the one reported.
 */
export async function withBrowser<T>(run: DocumentRun, reporter: Reporter, fn: (shared: SharedBrowser | undefined) => Promise<T>): Promise<T> {
  if (!run.formats.has('pdf')) return fn(undefined);
  const shared = await startBrowser(run, reporter);
  // Handled here so that a failed launch is not an unhandled rejection; printing awaits the same launch again.
  shared.manager.browser().catch(() => undefined);
  try {
    return await fn(shared);
  } finally {
    await shared.close();
  }
}

/** Start (lazily: the browser launches on the first page) the run's browser. */
export async function startBrowser(run: DocumentRun, reporter: Reporter): Promise<SharedBrowser> {
  const pdf = await import('../pdf/index.js');
  const manager = new pdf.BrowserManager({
    ...(run.browser.path !== undefined ? { browserPath: run.browser.path } : {}),
    settingsEnv: run.env,
    onWarning: (w) => reporter.warn(w),
    onDebug: (t) => reporter.debug(t),
  });
  // The CLI shim may have installed the handler for the whole run already: then it stays after the browser closes.
  const preinstalled = pdf.signalHandlersInstalled();
  const uninstall = pdf.installSignalHandlers({ onSignal: (s) => reporter.raw(`\ninterrupted (${s}): browser closed, temporary files removed\n`) });
  return {
    pdf,
    manager,
    async close() {
      try {
        await manager.dispose();
      } finally {
        if (!preinstalled) uninstall();
      }
    },
  };
}
