/**
 * A document run: everything the CLI decided (workspace, formats, dates, output folder, browser, what to print) in
 * one typed value, handed to the pipeline (./index.ts). Nothing in it is a raw flag: the CLI parsed and checked
 * every flag first (src/cli/options.ts).
 */
import type { Quarter } from '../analysis/periods.js';
import type { Warning } from '../model/errors.js';

export type OutputFormat = 'pdf' | 'html' | 'json' | 'csv' | 'xlsx';
export const OUTPUT_FORMATS: readonly OutputFormat[] = ['pdf', 'html', 'json', 'csv', 'xlsx'];

export interface DocumentRun {
  /** Absolute workspace folder (the one holding swp.config.yaml). */
  workspace: string;
  /** Paths in messages are relative to this folder (the working directory). */
  displayBase: string;
  /** The environment: SWP_BROWSER, SOURCE_DATE_EPOCH and the browser settings are read from it. */
  env: Record<string, string | undefined>;
  formats: ReadonlySet<OutputFormat>;
  /** The "data as at" date written in the documents, YYYY-MM-DD. */
  dataAsAt: string;
  /** --date as a date, which also fixes the PDFs' own dates; without it the printer reads SOURCE_DATE_EPOCH. */
  pdfDate?: Date;
  /** Absolute output folder. */
  outDir: string;
  browser: { path?: string; timeoutMs: number };
  /** Print the JSON document (or, for a batch, the list of files) on stdout. */
  stdout: boolean;
  /** Exit 6 when there were warnings (src/pipeline/warnings.ts). */
  failOnWarnings: boolean;
  /** CSV files: GSS symbols in the cells ('inline'), or numeric cells empty and the symbols in status columns (--csv-blanks). */
  csvSymbols: 'inline' | 'column';
}

/** The strategic assessment: a financial year (undefined: the latest complete one), for the partnership or for areas. */
export interface AssessmentRun extends DocumentRun {
  year: number | undefined;
  publicSummary: boolean;
  /** A batch: every local authority in the population file ('all') or those named (names or ONS codes). */
  areas: 'all' | string[] | undefined;
  /** Documents printed at the same time in a batch. */
  jobs: number;
}

/** The quarterly board report. */
export interface ReportRun extends DocumentRun {
  quarter: Quarter | 'latest';
}

/** The serious violence needs assessment: a financial year (undefined: the latest complete one). */
export interface NeedsAssessmentRun extends DocumentRun {
  year: number | undefined;
}

/** Where the pipeline says what it does: the CLI's printer (src/cli/io.ts) has this shape. */
export interface Reporter {
  readonly warnings: readonly Warning[];
  info(text: string): void;
  out(text: string): void;
  warn(w: Warning): void;
  debug(text: string): void;
  raw(text: string): void;
  progress(total: number): { tick(label: string): void; done(): void };
  /** The step a single run is at, shown on a terminal only; undefined clears it. */
  step(text: string | undefined): void;
}
