/**
 * The data tables as CSV (RFC 4180), one file per table, for analysts to load into R, Python or a spreadsheet.
 *
 * - UTF-8 with a byte-order mark. Excel (the tool most partnership analysts open a CSV with) reads a CSV without a
 *   BOM in the machine's legacy code page, so "£", "–" and "’" in labels turn into "Â£", "â€“" and "â€™"; the BOM
 *   makes it read UTF-8. R (readr, data.table), pandas (`encoding="utf-8-sig"`), LibreOffice and csv-parse
 *   (`bom: true`) all skip it.
 * - CRLF line ends, as RFC 4180 says; a field is quoted when it holds a comma, a double quote, CR or LF (quotes
 *   doubled) or starts or ends with a space.
 * - The first row is the header (no comment or title lines above it, so every tool reads it as column names):
 *   each column's heading with its unit, or with `{ header: 'keys' }` the machine names (`change_percent`).
 * - Numbers unformatted at full precision (`84.65727085842829`, no thousands separators); a figure that is not
 *   shown is its GSS symbol ([c] suppressed, [x] not available, [z] not applicable), never 0 or an empty field.
 * - With `{ symbols: 'column' }` (--csv-blanks), a numeric column's cell is empty where no figure is shown and the
 *   symbol goes in a "<heading> status" column right after it, so R, pandas, DuckDB and Power Query type the column
 *   as numbers without a clean-up step (GSS: in machine-readable data, keep markers out of numeric columns).
 * - A text that starts with `=`, `+`, `-`, `@`, tab or CR gets a leading apostrophe, so a spreadsheet never runs a
 *   label from an input CSV as a formula (CSV injection); numbers are not touched.
 */
import { join } from 'node:path';
import { writeFileAtomic } from '../../files/atomic.js';
import { headingWithUnit, symbolAt, type CellValue, type DataTable, type TableColumn } from './tables.js';

export interface CsvOptions {
  /** Header row: the plain-English headings with units (default), or the machine names of the columns. */
  header?: 'headings' | 'keys';
  /** GSS symbols in the cells (default), or numeric cells left empty with the symbol in a status column. */
  symbols?: 'inline' | 'column';
}

/** A column as written: its header, and how its text is taken from a row of the table. */
interface CsvColumn {
  header: string;
  text: (row: CellValue[], r: number) => string;
}

/** A numeric column (published with a number of decimals, or a count) gets a status column in 'column' mode. */
export const isNumeric = (c: TableColumn): boolean => c.decimals !== undefined;

/** The columns as written, with the status columns of 'column' mode after their numeric columns. */
export function csvColumns(table: DataTable, options: CsvOptions = {}): CsvColumn[] {
  const name = (c: TableColumn, suffix = '') => (options.header === 'keys' ? `${c.key}${suffix ? '_status' : ''}` : `${headingWithUnit(c)}${suffix}`);
  return table.columns.flatMap((c, k): CsvColumn[] => {
    if (options.symbols !== 'column' || !isNumeric(c)) return [{ header: name(c), text: (row, r) => cellText(table, row[k]!, r, k) }];
    return [
      { header: name(c), text: (row) => (row[k] === null ? '' : cellText(table, row[k]!, 0, k)) },
      { header: name(c, ' status'), text: (row, r) => (row[k] === null ? symbolAt(table, r, k) : '') },
    ];
  });
}

const BOM = '\uFEFF';
const CRLF = '\r\n';

/** One field, quoted when RFC 4180 needs it. */
export function csvField(text: string): string {
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A number as plain digits at full precision: no grouping, no rounding, and never "-0". */
export function csvNumber(n: number): string {
  return Object.is(n, -0) ? '0' : String(n);
}

function cellText(table: DataTable, value: CellValue, r: number, c: number): string {
  if (value === null) return symbolAt(table, r, c);
  if (typeof value === 'number') return csvNumber(value);
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** The table as one CSV document (with BOM, CRLF line ends and a final line end). */
export function tableToCsv(table: DataTable, options: CsvOptions = {}): string {
  const columns = csvColumns(table, options);
  const lines = [columns.map((c) => csvField(c.header)).join(',')];
  table.rows.forEach((row, r) => {
    lines.push(columns.map((c) => csvField(c.text(row, r))).join(','));
  });
  return BOM + lines.join(CRLF) + CRLF;
}

/** Where a document's CSV files go: `<out>/<doc>-data/`, e.g. out/assessment-data. */
export function csvFolder(outDir: string, doc: string): string {
  return join(outDir, `${doc}-data`);
}

/**
 * Write each table to `<dir>/<id>.csv` (atomically: a failed run leaves the previous file whole). Returns the paths
 * written, in the order of `tables`. Files of tables that no longer exist are left alone.
 */
export async function writeCsvTables(dir: string, tables: DataTable[], options: CsvOptions = {}): Promise<string[]> {
  const seen = new Set<string>();
  const written: string[] = [];
  for (const t of tables) {
    const key = t.id.toLowerCase();
    if (seen.has(key)) throw new Error(`two tables have the id "${t.id}"`);
    seen.add(key);
    const path = join(dir, `${t.id}.csv`);
    await writeFileAtomic(path, tableToCsv(t, options));
    written.push(path);
  }
  return written;
}
