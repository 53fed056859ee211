/**
 * The files of a document set: JSON, self-contained HTML, PDF printed by the run's browser, and the data tables as
 * CSV and xlsx, all produced in memory and only then written together (src/files/atomic.ts): a failure anywhere
 * writes nothing and never replaces a good document.
 */
import { join } from 'node:path';
import { commitFiles as commitAll, type FileToWrite } from '../files/atomic.js';
import type { Workspace } from '../ingest/workspace.js';
import { fontFaceCss } from '../render/fonts.js';
import type { DataTable, XlsxMeta } from '../render/export/index.js';
import { startBrowser, type SharedBrowser } from './browser.js';
import type { DocumentRun, OutputFormat, Reporter } from './run.js';
import { shownPath } from '../files/paths.js';

/** One printed document of a set: the HTML and PDF files `<name>.html`, `<name>.pdf`. */
export interface DocumentToWrite {
  /** File name without extension, e.g. "assessment-2016-17" or "report-2016-17-Q3". */
  name: string;
  title: string;
  html: () => string;
}

/** What a document specification (./assessment.ts, ./report.ts) hands the pipeline to write. */
export interface DocumentSet {
  /** File name of the JSON, the workbook and the CSV folder, without extension. */
  name: string;
  /** The JSON document, already checked against the contract. */
  json: unknown;
  documents: DocumentToWrite[];
  /** The data tables and the workbook's metadata (the export module is loaded only when tables are asked for). */
  tables: (exp: typeof import('../render/export/index.js')) => { tables: DataTable[]; meta: XlsxMeta };
}

/**
 * Produce every file of `set` in the run's formats and write them all into `dir`; returns the paths written.
 * `quiet` lists the files in debug output only (a batch prints a progress line instead).
 */
export async function writeDocumentSet(run: DocumentRun, reporter: Reporter, ws: Workspace, dir: string, set: DocumentSet, shared: SharedBrowser | undefined, quiet = false): Promise<string[]> {
  const step = (text: string) => (quiet ? undefined : reporter.step(text));
  const files = await produceDocuments(run, reporter, ws, dir, set.documents, shared, step);
  if (run.formats.has('json')) files.unshift({ path: join(dir, `${set.name}.json`), data: jsonText(set.json) });
  const replaceFolders: string[] = [];
  if (run.formats.has('csv') || run.formats.has('xlsx')) {
    step('writing the data tables');
    const exp = await import('../render/export/index.js');
    const { tables, meta } = set.tables(exp);
    const data = await dataTableFiles(exp, dir, set.name, run, tables, meta);
    files.push(...data.files);
    replaceFolders.push(...data.folders);
  }
  return commitFiles(run, reporter, files, { quiet, replaceFolders });
}

/** JSON as written: stable key order as built, 2-space indent, final newline. */
function jsonText(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/**
 * Produce the documents in memory: HTML from the templates, PDF from the browser. Nothing is written here, so a
 * template error or a browser failure leaves the output folder exactly as it was (see commitFiles).
 */
async function produceDocuments(run: DocumentRun, reporter: Reporter, ws: Workspace, outDir: string, docs: DocumentToWrite[], shared: SharedBrowser | undefined, step: (text: string) => void): Promise<FileToWrite[]> {
  if (!run.formats.has('html') && !run.formats.has('pdf')) return [];
  const files: FileToWrite[] = [];
  step('rendering');
  const htmlOf = new Map(docs.map((d) => [d.name, d.html()]));
  if (run.formats.has('html')) for (const d of docs) files.push({ path: join(outDir, `${d.name}.html`), data: htmlOf.get(d.name)! });
  if (run.formats.has('pdf')) {
    const own = shared ?? (await startBrowser(run, reporter));
    try {
      for (const d of docs) {
        step(`printing ${d.name}.pdf`);
        files.push({ path: join(outDir, `${d.name}.pdf`), data: await printOne(run, reporter, ws, own, d, htmlOf.get(d.name)!) });
      }
      if (own.manager.found) reporter.debug(`browser: ${own.pdf.describeBrowser(own.manager.found)}`);
    } finally {
      if (!shared) await own.close();
    }
  }
  return files;
}

/** Print one document with the run's browser. */
async function printOne(run: DocumentRun, reporter: Reporter, ws: Workspace, browser: SharedBrowser, doc: DocumentToWrite, html: string): Promise<Uint8Array> {
  const result = await browser.pdf.printPdf(browser.manager, html, {
    title: doc.title,
    lang: 'en-GB',
    partnership: ws.config.partnership.name,
    marking: ws.config.document.protectiveMarking,
    timeoutMs: run.browser.timeoutMs,
    // --date fixes the PDF's own dates too; without it SOURCE_DATE_EPOCH (read by the printer) or the browser's.
    ...(run.pdfDate ? { date: run.pdfDate } : {}),
    // The running header and footer are separate little documents that do not see the page's fonts: give them
    // the same embedded font, or Chromium falls back to a system one.
    headerFooterFont: { fontFamily: "'Source Sans 3', Arial, sans-serif", css: fontFaceCss() },
    env: run.env,
    onWarning: (w) => reporter.warn(w),
    onDebug: (t) => reporter.debug(t),
  });
  reporter.debug(`printed ${doc.name}.pdf in ${(result.ms / 1000).toFixed(1)} s`);
  return result.pdf;
}

/**
 * The data tables behind a document, as CSV files in `<out>/<name>-data/` (with tables.json describing their columns
 * and a README of the symbols) and as one accessible workbook `<out>/<name>.xlsx`, produced in memory; `folders`
 * are the CSV folders, which the run owns whole (files an earlier run left there are removed when this run's are
 * written).
 */
async function dataTableFiles(
  exp: typeof import('../render/export/index.js'),
  dir: string,
  name: string,
  run: Pick<DocumentRun, 'formats' | 'csvSymbols'>,
  tables: DataTable[],
  meta: XlsxMeta,
): Promise<{ files: FileToWrite[]; folders: string[] }> {
  const files: FileToWrite[] = [];
  const folders: string[] = [];
  if (run.formats.has('csv')) {
    const folder = exp.csvFolder(dir, name);
    folders.push(folder);
    files.push(...csvFolderFiles(exp, folder, meta.title, tables, run.csvSymbols, `The same tables, with notes, are in ${name}.xlsx when it was written.`));
  }
  if (run.formats.has('xlsx')) files.push({ path: join(dir, `${name}.xlsx`), data: await exp.xlsxBytes(meta, tables) });
  return { files, folders };
}

/** One folder of CSV files: a file per table, tables.json (their columns and types) and README.txt. */
export function csvFolderFiles(
  exp: typeof import('../render/export/index.js'),
  folder: string,
  title: string,
  tables: DataTable[],
  symbols: DocumentRun['csvSymbols'],
  more: string,
): FileToWrite[] {
  const options = { symbols };
  const files: FileToWrite[] = tables.map((t) => ({ path: join(folder, `${t.id}.csv`), data: exp.tableToCsv(t, options) }));
  files.push({ path: join(folder, 'tables.json'), data: exp.tablesJson(title, tables, options) });
  const where = symbols === 'column' ? 'Numeric cells are empty where no figure is shown; the column after each says why:' : 'Symbols in place of numbers:';
  files.push({
    path: join(folder, 'README.txt'),
    data: `${title}\r\n\r\nOne CSV file per table (UTF-8, comma-separated), one row per observation, each led by the area code, area name and the document's period. tables.json describes every column (name, type, unit) as a Frictionless Data Package. ${where}\r\n[c] not shown to protect confidentiality (small numbers)\r\n[x] not available\r\n[z] not applicable\r\n\r\n${more}\r\n`,
  });
  return files;
}

/**
 * Write every file of a run only after all of them were produced, all temporaries first and then every rename
 * (files/atomic.ts). `replaceFolders` are the run's data-table folders, whose files from an earlier run are removed.
 */
async function commitFiles(run: DocumentRun, reporter: Reporter, files: FileToWrite[], options: { quiet: boolean; replaceFolders: string[] }): Promise<string[]> {
  await commitAll(files, { displayBase: run.displayBase, replaceFolders: options.replaceFolders });
  for (const f of files) {
    const line = `wrote ${shownPath(run.displayBase, f.path)}`;
    if (options.quiet) reporter.debug(line);
    else reporter.info(line);
  }
  return files.map((f) => f.path);
}
