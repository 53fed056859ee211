/**
 * Reading the table sheets of a published workbook with a CSV reader of this folder: each chosen sheet is read as
 * its own table (`file.xlsx [sheet 2015_16]` in messages and row sources), the problems of every sheet are thrown
 * together, and the sheets that are not tables (notes, contents) are named in the summary.
 */
import type { FileSummary } from '../../model/data.js';
import { ExitCode, SwpError, type Problem } from '../../model/errors.js';
import { MAX_TITLE_ROWS, matchHeader, type ColumnSpec } from '../header.js';
import { readWorkbook, sheetDisplay, type WorkbookSheet } from '../workbook.js';
import type { FormatReadOptions } from './table-reader.js';

export interface SheetRead<R> {
  sheet: string;
  rows: R[];
  summary: FileSummary;
}

type Reader<R> = (path: string, options: FormatReadOptions) => Promise<{ rows: R[]; summary: FileSummary }>;

/** Whether one of the sheet's first rows is a header with every required column of one of `layouts`. */
export function hasHeader(sheet: WorkbookSheet, layouts: readonly (readonly ColumnSpec[])[]): boolean {
  return sheet.rows.slice(0, MAX_TITLE_ROWS + 1).some((r) => layouts.some((columns) => matchHeader(r.fields, columns).missing.length === 0));
}

/**
 * Read the sheets `wanted` chooses with `read`.
 *
 * @throws SwpError(INPUT) with the problems of every sheet, or (`none`) when no sheet was chosen.
 */
export async function readSheets<R>(
  path: string,
  options: FormatReadOptions,
  wanted: (sheet: WorkbookSheet) => boolean,
  read: Reader<R>,
  none: Omit<Problem, 'file' | 'found'>,
): Promise<{ read: SheetRead<R>[]; skipped: string[]; edition: string | undefined }> {
  const file = options.displayPath ?? path;
  const workbook = await readWorkbook(path, file);
  const out: SheetRead<R>[] = [];
  const skipped: string[] = [];
  const problems: Problem[] = [];
  let omitted = 0;
  for (const name of workbook.names) {
    const sheet = workbook.sheet(name);
    if (!wanted(sheet)) {
      skipped.push(sheet.name);
      continue;
    }
    try {
      out.push({ sheet: sheet.name, ...(await read(path, { ...options, displayPath: sheetDisplay(file, sheet.name), rows: sheet.rows })) });
    } catch (e) {
      if (!(e instanceof SwpError) || e.code !== ExitCode.INPUT) throw e;
      problems.push(...e.problems);
      omitted += e.omitted;
    }
  }
  if (problems.length > 0) throw new SwpError(ExitCode.INPUT, problems, { omitted });
  if (out.length === 0) throw new SwpError(ExitCode.INPUT, { ...none, file, found: `sheets ${workbook.names.map((s) => `"${s}"`).join(', ') || '(none)'}` });
  return { read: out, skipped, edition: workbook.edition };
}

/** The rows of every sheet read, in order (a loop: a national table has more rows than a call takes arguments). */
export function allRows<R>(read: readonly SheetRead<R>[]): R[] {
  const rows: R[] = [];
  for (const r of read) for (const row of r.rows) rows.push(row);
  return rows;
}

/** The summary note's account of a workbook: sheets read, edition, sheets skipped. */
export function workbookNote(read: readonly SheetRead<unknown>[], skipped: readonly string[], edition: string | undefined): string {
  const sheets = read.map((r) => r.sheet);
  return [
    `workbook, ${sheets.length} sheet${sheets.length === 1 ? '' : 's'} read (${sheets.join(', ')})`,
    `edition: ${edition ?? 'not dated in the workbook (the file name is the only record of it)'}`,
    ...(skipped.length > 0 ? [`not table sheets, skipped: ${skipped.join(', ')}`] : []),
  ].join('; ');
}
