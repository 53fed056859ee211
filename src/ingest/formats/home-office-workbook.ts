/**
 * The Home Office CSP open-data table as it is published: a workbook (xlsx in recent editions, ods in older ones)
 * with one sheet per financial year ("2015_16" in recent editions, "2011-12" in older ones), a header row (title
 * rows may stand above it) and notes sheets beside them. Every year sheet is read through the CSV reader's row
 * parser (./home-office-csp.ts), so the rules are the same: names matched by `areaKey`, duplicates refused, and two
 * editions of the table side by side refused (../home-office.ts). A sheet not named as a year is read too when its
 * header is the table's; other sheets (notes, contents) are skipped and named in the summary.
 *
 * Layouts: recent editions ("prc-csp-mar16-dec24-tables", "prc-csp-mar2021-mar2026-tables") have year sheets
 * "2018_19"… with the header "Financial Year, Financial Quarter, Police Force, CSP Name, Offence Description,
 * Offence Group, Offence Subgroup, Offence Code, Offence Count" and a "Notes" sheet whose "Updated:" line dates
 * the edition; older ones ("prc-csp-0203-to-0607-tabs") name their sheets "2002-03"… (test/fixtures/ingest/
 * home-office-workbook/SOURCES.md).
 */
import type { FileSummary, HomeOfficeRow } from '../../model/data.js';
import type { Warning } from '../../model/errors.js';
import { sheetDisplay, WORKBOOK_RE, type WorkbookSheet } from '../workbook.js';
import { allRows, hasHeader, readSheets, workbookNote, type SheetRead } from './workbook-tables.js';
import { COLUMNS, FORMAT_NAME, KIND, parseFinancialYear, readHomeOfficeCsp } from './home-office-csp.js';
import type { FormatReadOptions } from './table-reader.js';

/** A sheet named as a financial year: "2015_16", "2011-12", "2015-2016", "2015/16". */
const YEAR_SHEET_RE = /^\s*(\d{4})\s*[_/-]\s*(\d{2}|\d{4})\s*$/;

/** The financial year a sheet's name gives ("2015/16"), or undefined. */
function sheetYear(name: string): string | undefined {
  const m = YEAR_SHEET_RE.exec(name);
  if (!m) return undefined;
  const fy = parseFinancialYear(`${m[1]}/${m[2]}`);
  return 'why' in fy ? undefined : fy.label;
}

/** Rows of a year sheet that give another year: the sheet name and its rows disagree (a warning, rows kept). */
function yearMismatch(file: string, year: string, rows: readonly HomeOfficeRow[]): Warning | undefined {
  const other = rows.find((r) => r.financialYear !== year);
  if (!other) return undefined;
  const count = rows.filter((r) => r.financialYear !== year).length;
  return {
    message: `the sheet is named for ${year} but ${count.toLocaleString('en-GB')} of its rows give another financial year (the first, ${other.financialYear}, on this row): the rows are read with the year they give`,
    file,
    line: other.source.line,
  };
}

/** The workbook's summary: rows of every sheet read, the years, the edition and the sheets skipped. */
function summarise(file: string, read: readonly SheetRead<HomeOfficeRow>[], skipped: string[], edition: string | undefined): FileSummary {
  const csps = new Set<string>();
  const summary: FileSummary = { file, kind: KIND, rows: 0 };
  for (const r of read) {
    summary.rows += r.rows.length;
    for (const row of r.rows) csps.add(row.cspName);
    if (r.summary.firstPeriod && (summary.firstPeriod === undefined || r.summary.firstPeriod < summary.firstPeriod)) summary.firstPeriod = r.summary.firstPeriod;
    if (r.summary.lastPeriod && (summary.lastPeriod === undefined || r.summary.lastPeriod > summary.lastPeriod)) summary.lastPeriod = r.summary.lastPeriod;
  }
  summary.areas = csps.size;
  summary.note = workbookNote(read, skipped, edition);
  return summary;
}

/**
 * Read a Home Office CSP workbook: every year sheet (and any other sheet with the table's header).
 *
 * @throws SwpError(INPUT) with the problems of all sheets together (each located by file, sheet, row and column),
 *   or when no sheet holds the table.
 */
export async function readHomeOfficeWorkbook(path: string, options: FormatReadOptions = {}): Promise<{ rows: HomeOfficeRow[]; summary: FileSummary }> {
  const file = options.displayPath ?? path;
  const wanted = (sheet: WorkbookSheet) => sheetYear(sheet.name) !== undefined || hasHeader(sheet, [COLUMNS]);
  const { read, skipped, edition } = await readSheets(path, options, wanted, readHomeOfficeCsp, {
    message: `no sheet of this workbook is a ${FORMAT_NAME}`,
    expected: 'sheets named by financial year (e.g. 2015_16 or 2011-12) with the header Financial Year, Financial Quarter, Force Name, CSP Name, Offence Description, …',
    hint: 'this input takes the Home Office "Police recorded crime: Community Safety Partnership open data" tables; check that this is that workbook',
  });
  for (const r of read) {
    const year = sheetYear(r.sheet);
    const w = year === undefined ? undefined : yearMismatch(sheetDisplay(file, r.sheet), year, r.rows);
    if (w) options.onWarning?.(w);
  }
  return { rows: allRows(read), summary: summarise(file, read, skipped, edition) };
}

/** The Home Office table from a CSV (one sheet saved as CSV) or from the workbook as published. */
export function readHomeOfficeTable(path: string, options: FormatReadOptions = {}): Promise<{ rows: HomeOfficeRow[]; summary: FileSummary }> {
  return WORKBOOK_RE.test(path) ? readHomeOfficeWorkbook(path, options) : readHomeOfficeCsp(path, options);
}
