/**
 * Spreadsheet workbooks (xlsx, ods, xls) read as published, sheet by sheet, into the same rows the CSV readers
 * stream: each sheet becomes a list of `CsvRow`s whose line numbers are the sheet's own row numbers, so a problem
 * is located as the analyst sees it in a spreadsheet program (file, sheet, row, column).
 *
 * Library: @e965/xlsx, a maintained republication of SheetJS Community Edition 0.20 (reads xlsx, xls and ods).
 * Cells are read raw (numbers as numbers, never as the formatted text), then written as plain text: a count of
 * 1234 is "1234", not "1,234" or "1.2E+3", whatever number format the publisher used.
 */
import { readFile } from 'node:fs/promises';
import * as XLSX from '@e965/xlsx';
import { ExitCode, SwpError } from '../model/errors.js';
import type { CsvRow } from './csv.js';

/** File names swp reads as workbooks. */
export const WORKBOOK_RE = /\.(xlsx|xlsm|xls|ods)$/i;
/** The files an input folder that takes published workbooks is read for: CSVs and workbooks. */
export const TABLE_FILES = /\.(csv|tsv|xlsx|xlsm|xls|ods)$/i;

export interface WorkbookSheet {
  name: string;
  rows: CsvRow[];
}

export interface Workbook {
  names: string[];
  /** The publisher's own dating of the edition, when the workbook says it (a "Notes" sheet's "Updated: …" line, or the file's modified date). */
  edition?: string;
  /** One sheet's rows, parsed when asked for: a national table's sheets are read one at a time, not all held at once. */
  sheet(name: string): WorkbookSheet;
}

/** The text of one cell value as a CSV reader would have seen it. */
function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v);
}

/** A sheet's rows with their 1-based sheet row numbers; blank rows are left out (their numbers are not reused). */
function sheetRows(ws: XLSX.WorkSheet | undefined): CsvRow[] {
  const ref = ws?.['!ref'];
  if (!ws || !ref) return [];
  const first = XLSX.utils.decode_range(ref).s.r;
  const raw = XLSX.utils.sheet_to_json<unknown[]>(ws, { header: 1, raw: true, defval: '', blankrows: true });
  const rows: CsvRow[] = [];
  raw.forEach((cells, i) => {
    const fields = cells.map(cellText);
    if (fields.some((f) => f.trim() !== '')) rows.push({ line: first + i + 1, fields });
  });
  return rows;
}

/** "Updated: 23 July 2026" (Home Office Notes sheets), else the workbook's modified or created date. */
function editionOf(props: XLSX.FullProperties | undefined, names: string[], sheet: (name: string) => WorkbookSheet): string | undefined {
  for (const name of names) {
    if (!/^(notes|cover|contents)/i.test(name)) continue;
    for (const r of sheet(name).rows) {
      const text = r.fields.join(' ').trim();
      const m = /^(?:updated|published|released)\s*:?\s*(.+)$/i.exec(text);
      if (m) return m[1]!.trim();
    }
  }
  const d = props?.ModifiedDate ?? props?.CreatedDate;
  return d instanceof Date && !Number.isNaN(d.getTime()) ? `file dated ${d.toISOString().slice(0, 10)}` : undefined;
}

const PARSE: XLSX.ParsingOptions = { type: 'buffer', dense: true, cellDates: true, cellText: false, cellFormula: false, cellHTML: false };

/** Parse with SheetJS, turning its failures into a located input error. */
function parse(buf: Buffer, displayPath: string, options: XLSX.ParsingOptions): XLSX.WorkBook {
  try {
    return XLSX.read(buf, { ...PARSE, ...options });
  } catch (e) {
    throw new SwpError(ExitCode.INPUT, {
      message: 'the workbook cannot be read',
      file: displayPath,
      expected: 'an xlsx, ods or xls workbook as published',
      found: (e as Error).message.slice(0, 120),
      hint: 'download the workbook again (it may be incomplete); a very large ods edition may be beyond memory: open it and save it as xlsx, or save each year sheet as CSV',
    });
  }
}

/**
 * Open a workbook: its sheet names and edition now, each sheet's rows when asked for. An xlsx or xls is parsed one
 * sheet at a time (SheetJS's `sheets` option), so memory holds one year of a national table, not all; an ods is
 * parsed whole (SheetJS reads ods in one pass) and its sheets kept.
 *
 * @throws SwpError(INPUT) when the file cannot be read as a workbook (damaged, or not a spreadsheet at all).
 */
export async function readWorkbook(path: string, displayPath = path): Promise<Workbook> {
  const buf = await readFile(path);
  const whole = /\.ods$/i.test(path) ? parse(buf, displayPath, {}) : undefined;
  const book = whole ?? parse(buf, displayPath, { bookSheets: true, bookProps: true });
  const sheet = (name: string): WorkbookSheet => ({ name, rows: sheetRows((whole ?? parse(buf, displayPath, { sheets: name })).Sheets[name]) });
  const names = [...book.SheetNames];
  const edition = editionOf(book.Props, names, sheet);
  return edition === undefined ? { names, sheet } : { names, sheet, edition };
}

/** How a sheet is named in messages and row sources: `file.xlsx [sheet 2015_16]`. */
export function sheetDisplay(file: string, sheet: string): string {
  return `${file} [sheet ${sheet}]`;
}
