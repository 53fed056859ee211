/**
 * Ctrl-C and SIGTERM for the CLI: kill every live browser (with its profile folder), remove the temporary files of
 * writes in progress, and exit with ExitCode.INTERRUPTED (130) at once. All the cleaning is synchronous, so nothing
 * waits on a browser that may be the reason the user pressed Ctrl-C. The previous version of every document stays
 * untouched, because outputs are only ever renamed into place when complete (files/atomic.ts).
 *
 * This module does not load puppeteer, so the CLI can install the handler for every command that writes files.
 */
import { ExitCode } from '../model/errors.js';
import { removePendingTemporaries } from '../files/atomic.js';
import { disposeAllBrowsersNow } from './live-browsers.js';

/** What the handler needs, injectable for tests. */
export interface SignalHandlerOptions {
  /** The signals handled (default SIGINT and SIGTERM). */
  signals?: readonly NodeJS.Signals[];
  /** Kill the browsers (default: every live BrowserManager). */
  disposeBrowsers?: () => void;
  /** Remove temporaries (default: files/atomic.ts pending files). */
  removeTemporaries?: () => void;
  /** Called once with the signal, before exiting (e.g. to print "interrupted"). Must be synchronous. */
  onSignal?: (signal: NodeJS.Signals) => void;
  /** How to exit (default process.exit). */
  exit?: (code: number) => void;
  /** Where to listen (default process). */
  target?: Pick<NodeJS.Process, 'on' | 'off'>;
}

let installed: { uninstall: () => void } | undefined;

/** Whether a handler is installed (the CLI shim installs one for the whole run). */
export function signalHandlersInstalled(): boolean {
  return installed !== undefined;
}

/**
 * Install the handler. Idempotent: while one is installed, installing again returns the same uninstall function,
 * and a second signal during the clean-up is ignored. Returns the function that removes the handler.
 */
export function installSignalHandlers(options: SignalHandlerOptions = {}): () => void {
  if (installed) return installed.uninstall;
  const target = options.target ?? process;
  const signals = options.signals ?? ['SIGINT', 'SIGTERM'];
  let handling = false;
  const handler = (signal: NodeJS.Signals): void => {
    if (handling) return;
    handling = true;
    // Each step on its own: a failure in one must not keep the others from running or the process from exiting.
    for (const step of [
      () => (options.disposeBrowsers ?? disposeAllBrowsersNow)(),
      () => (options.removeTemporaries ?? removePendingTemporaries)(),
      () => options.onSignal?.(signal),
    ]) {
      try {
        step();
      } catch {
        // Keep going: exiting promptly matters more.
      }
    }
    (options.exit ?? ((code: number) => process.exit(code)))(ExitCode.INTERRUPTED);
  };
  for (const s of signals) target.on(s, handler);
  const uninstall = (): void => {
    for (const s of signals) target.off(s, handler);
    if (installed?.uninstall === uninstall) installed = undefined;
  };
  installed = { uninstall };
  return uninstall;
}
