/**
 * Writing a document in the requested formats: JSON, self-contained HTML, and PDF printed by one browser for the
 * whole run. The PDF stage is imported only here and only when a PDF is asked for, so other commands never load
 * puppeteer. The browser is closed in `finally`, on success and on error; Ctrl-C and SIGTERM are handled by the
 * signal handler installed for the duration of the print.
 */
import { join, relative } from 'node:path';
import type { Workspace } from '../../ingest/workspace.js';
import { commitFiles as commitAll, type FileToWrite } from '../../files/atomic.js';
import { missingMonthsNote, type PoliceUkData } from '../../model/data.js';
import { fontFaceCss } from '../../render/fonts.js';
import type { CommandContext } from '../context.js';
import type { OutputFormat } from './output.js';

export interface DocumentToWrite {
  /** File name without extension, e.g. "assessment" or "report-2016-17-Q3". */
  name: string;
  title: string;
  html: () => string;
}

/** Notes on the data for the data-quality section: police.uk coverage and its limits. */
export function dataNotes(ws: Workspace): string[] {
  const notes: string[] = [];
  const p = ws.police;
  if (p) {
    const months = [...p.byMonth.keys()].sort();
    notes.push(
      `police.uk street-level data: ${p.tally.inArea.toLocaleString('en-GB')} crimes and incidents in ${ws.config.area.name} from ${p.files.length} files, ${months[0]} to ${months[months.length - 1]}; ${p.tally.outOfArea.toLocaleString('en-GB')} rows in other areas and ${p.tally.noLocation.toLocaleString('en-GB')} with no location were left out${p.tally.duplicates ? `, and ${p.tally.duplicates} duplicates dropped` : ''}.`,
    );
    const gap = coverageNote(p);
    if (gap) notes.push(gap);
    notes.push('police.uk locations are approximate (moved to the nearest of a set of anonymous map points) and figures can change as crimes are reclassified; they may differ slightly from the force’s own recorded crime.');
  }
  return notes;
}

/**
 * One line on police.uk coverage when a covering force misses months inside the data: those months count as
 * missing, so the periods containing them show no figure (src/ingest/coverage.ts).
 */
export function coverageNote(p: PoliceUkData): string | undefined {
  const gap = missingMonthsNote(p, p.coverage.missing.map((g) => g.month));
  return gap ? `Incomplete police.uk data: ${gap}. A month counts only when every force covering the area (${p.coverage.forces.join(', ')}) has published it; periods containing these months are shown as missing, not as low.` : undefined;
}

/** A file to write once everything has been produced. */
export type OutputFile = FileToWrite;

/**
 * Produce the documents in memory: HTML from the templates, PDF from the browser. Nothing is written here, so a
 * template error or a browser failure leaves the output folder exactly as it was (see commitFiles).
 */
export async function produceDocuments(
  ctx: CommandContext,
  ws: Workspace,
  outDir: string,
  formats: Set<OutputFormat>,
  docs: DocumentToWrite[],
  opts: Record<string, unknown>,
  /** A browser shared by a batch run; without one, a browser is started and closed for this call. */
  shared?: SharedBrowser,
): Promise<OutputFile[]> {
  if (!formats.has('html') && !formats.has('pdf')) return [];
  const files: OutputFile[] = [];
  const htmlOf = new Map(docs.map((d) => [d.name, d.html()]));
  if (formats.has('html')) for (const d of docs) files.push({ path: join(outDir, `${d.name}.html`), data: htmlOf.get(d.name)! });
  if (formats.has('pdf')) {
    const own = shared ?? (await startBrowser(ctx, opts));
    const { pdf, manager } = own;
    // --date fixes the PDF's own dates too; without it SOURCE_DATE_EPOCH (read by the printer) or the browser's.
    const date = typeof opts.date === 'string' ? new Date(`${opts.date}T00:00:00Z`) : undefined;
    try {
      for (const d of docs) {
        const result = await pdf.printPdf(manager, htmlOf.get(d.name)!, {
          title: d.title,
          lang: 'en-GB',
          partnership: ws.config.partnership.name,
          marking: ws.config.document.protectiveMarking,
          timeoutMs: typeof opts.timeout === 'string' ? Number(opts.timeout) * 1000 : undefined,
          ...(date ? { date } : {}),
          // The running header and footer are separate little documents that do not see the page's fonts: give them
          // the same embedded font, or Chromium falls back to a system one.
          headerFooterFont: { fontFamily: "'Source Sans 3', Arial, sans-serif", css: fontFaceCss() },
          env: ctx.io.env,
          onWarning: (w) => ctx.printer.warn(w),
          onDebug: (t) => ctx.printer.debug(t),
        });
        ctx.printer.debug(`printed ${d.name}.pdf in ${(result.ms / 1000).toFixed(1)} s`);
        files.push({ path: join(outDir, `${d.name}.pdf`), data: result.pdf });
      }
      if (manager.found) ctx.printer.debug(`browser: ${pdf.describeBrowser(manager.found)}`);
    } finally {
      if (!shared) await own.close();
    }
  }
  return files;
}

/**
 * Write every file of a run only after all of them were produced, all temporaries first and then every rename
 * (files/atomic.ts): a failed run writes nothing and never replaces a good document. `replaceFolders` are the
 * run's data-table folders, whose files from an earlier run are removed. Returns the paths.
 */
export async function commitFiles(ctx: CommandContext, files: OutputFile[], options: { quiet?: boolean; replaceFolders?: string[] } = {}): Promise<string[]> {
  await commitAll(files, { displayBase: ctx.io.cwd, ...(options.replaceFolders ? { replaceFolders: options.replaceFolders } : {}) });
  for (const f of files) {
    const line = `wrote ${relative(ctx.io.cwd, f.path) || f.path}`;
    if (options.quiet) ctx.printer.debug(line);
    else ctx.printer.info(line);
  }
  return files.map((f) => f.path);
}

/** One browser for a run, with the Ctrl-C / SIGTERM handler installed while it lives. */
export interface SharedBrowser {
  pdf: typeof import('../../pdf/index.js');
  manager: import('../../pdf/index.js').BrowserManager;
  close(): Promise<void>;
}

/**
 * Run `fn` with the run's browser already starting when PDFs are wanted (undefined otherwise), closed at the end
 * whatever happens. Chromium takes ~0.3–1 s to start; launched before the data are read, it is ready by the time the
 * first document is. A browser that cannot start fails the run when the first PDF is printed, as it would have;
 * an error before that (bad input) is the one reported.
 */
export async function withBrowser<T>(ctx: CommandContext, opts: Record<string, unknown>, formats: Set<OutputFormat>, fn: (shared: SharedBrowser | undefined) => Promise<T>): Promise<T> {
  if (!formats.has('pdf')) return fn(undefined);
  const shared = await startBrowser(ctx, opts);
  // Handled here so that a failed launch is not an unhandled rejection; printing awaits the same launch again.
  shared.manager.browser().catch(() => undefined);
  try {
    return await fn(shared);
  } finally {
    await shared.close();
  }
}

/** Start (lazily: the browser launches on the first page) the run's browser. */
export async function startBrowser(ctx: CommandContext, opts: Record<string, unknown>): Promise<SharedBrowser> {
  const pdf = await import('../../pdf/index.js');
  const manager = new pdf.BrowserManager({
    ...(typeof opts.browser === 'string' ? { browserPath: opts.browser } : {}),
    settingsEnv: ctx.io.env,
    onWarning: (w) => ctx.printer.warn(w),
    onDebug: (t) => ctx.printer.debug(t),
  });
  // The CLI shim may have installed the handler for the whole run already: then it stays after the browser closes.
  const preinstalled = pdf.signalHandlersInstalled();
  const uninstall = pdf.installSignalHandlers({ onSignal: (s) => ctx.printer.raw(`\ninterrupted (${s}): browser closed, temporary files removed\n`) });
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
