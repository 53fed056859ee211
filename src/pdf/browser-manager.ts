/**
 * The one owner of the browser for a run (marp-cli's BrowserManager; md-to-pdf's module-level browser is the
 * counter-example). Nothing starts until the first page is wanted, so `swp validate` never launches a browser.
 * Pages are used through `withPage(fn)`, which closes the page in `finally`; the CLI calls `dispose()` in its single
 * `finally`, and the signal handler calls `disposeNow()` on every live manager.
 */
import type { Browser, Page } from 'puppeteer-core';
import type { Warning } from '../model/errors.js';
import { describeBrowser, findBrowser, type FindBrowserOptions, type FoundBrowser } from './find-browser.js';
import { defaultSandboxProbe, launchBrowser, needsNoSandbox, type BrowserProcess, type LaunchOptions } from './launch.js';
import { registerLiveBrowser, unregisterLiveBrowser } from './live-browsers.js';

/** Options of a `BrowserManager`. */
export interface BrowserManagerOptions {
  /** The `--browser PATH` option. */
  browserPath?: string;
  /** How long the browser may take to start, in ms (default 30 000). */
  launchTimeoutMs?: number;
  /** puppeteer's per-command protocol timeout, in ms (default 180 000). */
  protocolTimeoutMs?: number;
  /** Force `--no-sandbox` on or off (default: decided by the predicates in launch.ts). */
  noSandbox?: boolean;
  extraArgs?: readonly string[];
  /** Where the temporary profile folder is made (default the OS temp folder). */
  tmpDir?: string;
  /** Environment of the browser process (default process.env). */
  env?: NodeJS.ProcessEnv;
  /**
   * The environment swp reads its own settings from: SWP_BROWSER, PUPPETEER_EXECUTABLE_PATH, CHROME_PATH, PATH for
   * the search, and SWP_NO_SANDBOX (default process.env). The CLI passes the environment it was given.
   */
  settingsEnv?: Record<string, string | undefined>;
  onWarning?: (w: Warning) => void;
  /** Debug lines (`swp:browser …`), shown with --debug. */
  onDebug?: (text: string) => void;
  /** Replace the discovery chain (tests). */
  find?: (options: FindBrowserOptions) => Promise<FoundBrowser>;
  /** Extra options for the discovery chain (tests inject a search environment). */
  findOptions?: Omit<FindBrowserOptions, 'browserPath' | 'onWarning'>;
}

/** Owns one browser for a run: launched lazily, shared by pages, closed by `dispose()`. */
export class BrowserManager {
  #launching: Promise<Browser> | undefined;
  #browser: Browser | undefined;
  #process: BrowserProcess | undefined;
  #found: FoundBrowser | undefined;
  #disposed = false;
  #disposing: Promise<void> | undefined;
  #launchMs: number | undefined;

  constructor(private readonly options: BrowserManagerOptions = {}) {}

  /** Where the browser was found (after the first launch). */
  get found(): FoundBrowser | undefined {
    return this.#found;
  }

  /** The temporary profile folder of the running browser (unique per run; tests look for processes using it). */
  get userDataDir(): string | undefined {
    return this.#process?.userDataDir;
  }

  /** The browser process id, once launched. */
  get pid(): number | undefined {
    return this.#process?.pid;
  }

  /** How long finding and starting the browser took, in ms. */
  get launchMs(): number | undefined {
    return this.#launchMs;
  }

  /** True once `dispose()` or `disposeNow()` was called: no new page can be opened. */
  get isDisposed(): boolean {
    return this.#disposed;
  }

  /** The browser, launched on first use. */
  browser(): Promise<Browser> {
    if (this.#disposed) return Promise.reject(new Error('the browser manager has been disposed'));
    this.#launching ??= this.#launch();
    return this.#launching;
  }

  async #launch(): Promise<Browser> {
    const started = performance.now();
    const o = this.options;
    const find = o.find ?? findBrowser;
    const searchEnv = { ...(o.settingsEnv ? { env: o.settingsEnv } : {}), ...o.findOptions?.searchEnv };
    const found = await find({ ...o.findOptions, searchEnv, browserPath: o.browserPath, onWarning: o.onWarning });
    if (this.#disposed) throw new Error('the browser manager was disposed while finding the browser');
    this.#found = found;
    o.onDebug?.(`swp:browser using ${describeBrowser(found)}`);
    registerLiveBrowser(this);
    const launchOptions: LaunchOptions = {
      executablePath: found.executablePath,
      extraArgs: o.extraArgs,
      timeoutMs: o.launchTimeoutMs,
      protocolTimeoutMs: o.protocolTimeoutMs,
      tmpDir: o.tmpDir,
      env: o.env,
      onDebug: o.onDebug,
      onSpawn: (proc) => {
        this.#process = proc;
      },
      noSandbox: o.noSandbox ?? needsNoSandbox({ ...defaultSandboxProbe(), ...(o.settingsEnv ? { env: o.settingsEnv } : {}) }),
    };
    try {
      const { browser } = await launchBrowser(launchOptions);
      this.#browser = browser;
      if (this.#disposed) {
        // dispose() ran while the browser was starting: it is waiting for this launch and will close the browser.
        throw new Error('the browser manager was disposed while the browser was starting');
      }
      this.#launchMs = performance.now() - started;
      o.onDebug?.(`swp:browser ready in ${Math.round(this.#launchMs)} ms`);
      return browser;
    } catch (e) {
      unregisterLiveBrowser(this);
      throw e;
    }
  }

  /** Run `fn` with a fresh page, closed afterwards whatever happens. */
  async withPage<T>(fn: (page: Page) => Promise<T>): Promise<T> {
    const browser = await this.browser();
    const page = await browser.newPage();
    try {
      return await fn(page);
    } finally {
      await closePage(page);
    }
  }

  /**
   * Close the browser and remove its profile. Idempotent; safe before any launch (then it does nothing) and during
   * one (the browser is being started ahead of need, and the run failed first: the start is stopped, not awaited).
   */
  dispose(): Promise<void> {
    this.#disposed = true;
    this.#disposing ??= this.#dispose();
    return this.#disposing;
  }

  async #dispose(): Promise<void> {
    if (this.#launching) {
      // Still starting: a browser that is slow to answer must not hold up the report of whatever failed.
      if (!this.#browser) this.#process?.killNow();
      await this.#launching.catch(() => undefined);
    }
    const browser = this.#browser;
    const proc = this.#process;
    this.#browser = undefined;
    try {
      if (browser) {
        // Ask politely (Browser.close), but never wait long for it.
        await Promise.race([browser.close().catch(() => undefined), sleep(3000)]);
      }
      if (proc) await proc.waitAndClean();
    } finally {
      proc?.killNow();
      unregisterLiveBrowser(this);
      this.options.onDebug?.('swp:browser closed');
    }
  }

  /** Kill the browser now, synchronously, and remove its profile: for SIGINT/SIGTERM and exit paths. Idempotent. */
  disposeNow(): void {
    this.#disposed = true;
    this.#process?.killNow();
    this.#browser = undefined;
    unregisterLiveBrowser(this);
  }
}

/** Close a page, but never hang on a page whose renderer is stuck (a script in an endless loop). */
async function closePage(page: Page): Promise<void> {
  if (page.isClosed()) return;
  await Promise.race([page.close().catch(() => undefined), sleep(5000)]);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
