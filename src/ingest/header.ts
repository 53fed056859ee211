/**
 * Recognising a format by its header and mapping its columns by name, never by position.
 *
 * Each format declares its columns with the aliases seen in real exports (e.g. the Home Office count column is
 * "Number of Offences" in some years and "Offence Count" in others). A user's own export can be mapped with
 * `columns:` in the config. Official CSVs may carry title rows above the header and notes in header cells
 * ("Rate per 100,000: 2024 [note 10]"), so the header is searched for within the first rows.
 */
import { ExitCode, SwpError } from '../model/errors.js';
import { describeHeader, normaliseHeader, type CsvRow } from './csv.js';

export interface ColumnSpec {
  /** Canonical name used in code and in `columns:` mappings. */
  name: string;
  /** Header texts that mean this column (compared after normaliseHeader). */
  aliases: readonly string[];
  required: boolean;
}

/** Column name → field index in the row (only the columns found). */
export type ColumnIndex = Record<string, number>;

/** How many leading rows may be title or note rows before the header. */
export const MAX_TITLE_ROWS = 10;

/**
 * Match a header row against a column list. Returns the index map and the names of required columns not found.
 * `overrides` maps canonical names to the user's header text (config `columns:`).
 */
export function matchHeader(
  fields: string[],
  columns: readonly ColumnSpec[],
  overrides?: Record<string, string>,
): { index: ColumnIndex; missing: string[] } {
  const normalised = fields.map(normaliseHeader);
  const index: ColumnIndex = {};
  const missing: string[] = [];
  for (const col of columns) {
    const wanted = overrides?.[col.name] !== undefined ? [overrides[col.name]!] : [col.name, ...col.aliases];
    const at = normalised.findIndex((h) => wanted.some((w) => normaliseHeader(w) === h));
    if (at >= 0) index[col.name] = at;
    else if (col.required) missing.push(col.name);
  }
  return { index, missing };
}

/** The header text a column is expected under (for messages). */
function expectedHeader(columns: readonly ColumnSpec[]): string {
  return columns
    .filter((c) => c.required)
    .map((c) => c.aliases[0] ?? c.name)
    .join(',');
}

/**
 * Error for a file whose header does not match the format it was configured as. Names the missing columns and
 * the header found, and says which other format the header looks like when it is one swp knows.
 */
export function wrongHeaderError(
  file: string,
  row: CsvRow | undefined,
  formatName: string,
  columns: readonly ColumnSpec[],
  missing: string[],
  looksLike?: string,
): SwpError {
  // Name missing columns by the header text users see, not the code name.
  const shown = missing.map((m) => columns.find((c) => c.name === m)?.aliases[0] ?? m);
  return new SwpError(ExitCode.INPUT, {
    message: row
      ? `the header does not match the ${formatName} format: missing column${shown.length === 1 ? '' : 's'} ${shown.map((m) => `"${m}"`).join(', ')}`
      : `no header row: the file has no ${formatName} data`,
    file,
    line: row?.line ?? 1,
    expected: expectedHeader(columns),
    found: row ? describeHeader(row.fields) : 'no rows',
    hint: looksLike
      ? `this looks like a ${looksLike} file: list it under that input in swp.config.yaml`
      : 'check that this is the right file; if your export names columns differently, map them with `columns:` in swp.config.yaml',
  });
}
