/**
 * The browsers that may be running now, so the signal handler can kill them. A registry of owners, not a browser
 * singleton: each `BrowserManager` adds itself when it launches and removes itself when disposed. Kept apart from
 * the manager so that installing the signal handler does not load puppeteer.
 */

/** Anything that can kill its browser synchronously. */
export interface Disposable {
  disposeNow(): void;
}

const live = new Set<Disposable>();

/** Record an owner whose browser may be running. */
export function registerLiveBrowser(owner: Disposable): void {
  live.add(owner);
}

/** Forget an owner whose browser has been closed. */
export function unregisterLiveBrowser(owner: Disposable): void {
  live.delete(owner);
}

/** How many owners may have a browser running. */
export function liveBrowserCount(): number {
  return live.size;
}

/** Kill every live browser now (synchronous; for signal handlers and exit paths). */
export function disposeAllBrowsersNow(): void {
  for (const owner of [...live]) {
    try {
      owner.disposeNow();
    } finally {
      live.delete(owner);
    }
  }
}
