/**
 * The shared skeleton of the table readers in this folder (Home Office CSP table, measures, population, workspace
 * tables): find the header among the first rows, check each row's field count, hand every data row to the format's
 * own parser with helpers that turn bad cells into located Problems, and throw all problems together at the end.
 *
 * Rows are streamed through `readCsvRows`; nothing here holds the file in memory.
 */
import type { Absence, Revision } from '../../model/data.js';
import { ExitCode, ProblemCollector, SwpError, showFound, type Problem, type Warning } from '../../model/errors.js';
import { readCsvRows, type CsvRow, type Encoding } from '../csv.js';
import { MAX_TITLE_ROWS, matchHeader, wrongHeaderError, type ColumnIndex, type ColumnSpec } from '../header.js';
import { COUNT_EXPECTED, SUPPRESSION_MARKERS, parseNumber } from '../values.js';

/** Options every reader in this folder takes. */
export interface FormatReadOptions {
  /** Path shown to the user in messages (usually relative to the workspace). Defaults to `path`. */
  displayPath?: string;
  encoding?: Encoding;
  /** Canonical column name → the header text of the user's own export (config `columns:`). */
  columns?: Record<string, string>;
  onWarning?: (w: Warning) => void;
  /** How many row problems to keep before counting the rest (default 20). */
  maxProblems?: number;
  /** Rows already read (a workbook sheet: ../workbook.ts) instead of the CSV file at `path`. */
  rows?: Iterable<CsvRow> | AsyncIterable<CsvRow>;
}

/** One header layout a format accepts (most formats have one; population also accepts the ONS wide layout). */
export interface Layout {
  id: string;
  /** Name used in messages: "the header does not match the <formatName> format". */
  formatName: string;
  columns: readonly ColumnSpec[];
  /** Further header requirements beyond named columns (e.g. year columns); returns descriptions of what is missing. */
  extraMissing?: (fields: string[], index: ColumnIndex) => string[];
}

/** The header found, with its layout and column positions. */
export interface Header {
  row: CsvRow;
  layout: Layout;
  index: ColumnIndex;
  /** Header cells, trimmed (used as column names in messages). */
  names: string[];
  /** Number of fields a data row must have: up to the last non-empty header cell. */
  width: number;
  /** The title rows above the header (an ONS table names its mid-year there). */
  titles?: CsvRow[];
}

export type Cell<T> = { ok: true; value: T } | { ok: false };

/** A count that is either a whole number ≥ 0 or absent (suppression marker) with the reason. */
export interface CountValue {
  value: number | null;
  absence?: Absence;
  revision?: Revision;
}

const WS = /\s+/g;

/** Trim and collapse runs of whitespace (including non-breaking spaces) to one space. */
export function tidyText(raw: string): string {
  return raw.replace(WS, ' ').trim();
}

/** The context a format's row parser works in: raw cells by column name and helpers that record problems. */
export class RowContext {
  /** Set once any problem is recorded for this row. */
  bad = false;

  constructor(
    readonly file: string,
    readonly row: CsvRow,
    readonly header: Header,
    private readonly problems: ProblemCollector,
  ) {}

  get line(): number {
    return this.row.line;
  }

  /** Whether the header has this column. */
  has(col: string): boolean {
    return this.header.index[col] !== undefined;
  }

  /** The raw cell of a column ('' when the header lacks the column). */
  raw(col: string): string {
    const at = this.header.index[col];
    return at === undefined ? '' : (this.row.fields[at] ?? '');
  }

  /** Raw cell by 0-based field index. */
  rawAt(at: number): string {
    return this.row.fields[at] ?? '';
  }

  /** Record a problem located at a column (canonical name) or a 0-based field index. */
  problem(where: string | number, p: Omit<Problem, 'file' | 'line' | 'column' | 'columnName'> & { found?: string }): void {
    const at = typeof where === 'number' ? where : this.header.index[where];
    const found = p.found ?? (at === undefined ? undefined : showFound(this.row.fields[at] ?? ''));
    this.bad = true;
    this.problems.add({
      message: p.message,
      file: this.file,
      line: this.row.line,
      ...(at === undefined ? {} : { column: at + 1, columnName: this.header.names[at] ?? '' }),
      ...(p.expected === undefined ? {} : { expected: p.expected }),
      ...(found === undefined ? {} : { found }),
      ...(p.hint === undefined ? {} : { hint: p.hint }),
    });
  }

  /** A required text cell, tidied; records a problem when empty. */
  requiredText(col: string, what: string, hint?: string): Cell<string> {
    const text = tidyText(this.raw(col));
    if (text === '') {
      this.problem(col, {
        message: `${what} is empty`,
        expected: what,
        hint: hint ?? 'fill in the cell, or remove the row if it is not data',
      });
      return { ok: false };
    }
    return { ok: true, value: text };
  }

  /**
   * A count cell: a whole number ≥ 0 (thousands separators allowed) or an official marker, which gives `null` and
   * the reason it is absent. `empty` says what an empty cell means: an error (default) or `null` with no absence.
   */
  count(where: string | number, options: { empty?: 'error' | 'null'; what?: string } = {}): Cell<CountValue> {
    const raw = typeof where === 'number' ? this.rawAt(where) : this.raw(where);
    const what = options.what ?? 'a count';
    const parsed = parseNumber(raw);
    switch (parsed.kind) {
      case 'empty':
        if (options.empty === 'null') return { ok: true, value: { value: null } };
        this.problem(where, {
          message: `${what} is empty`,
          expected: COUNT_EXPECTED,
          hint: 'an empty cell is not read as 0: write 0 if the count is zero, or [x] if it is not available',
        });
        return { ok: false };
      case 'absent':
        return { ok: true, value: { value: null, absence: parsed.absence } };
      case 'invalid':
        this.problem(where, {
          message: `${what} is not a number`,
          expected: COUNT_EXPECTED,
          hint: `write digits only (thousands separators are allowed); figures that are not published use one of ${SUPPRESSION_MARKERS.join(' ')}`,
        });
        return { ok: false };
      case 'value': {
        if (parsed.value < 0) {
          this.problem(where, {
            message: `${what} cannot be negative`,
            expected: COUNT_EXPECTED,
            hint: 'a count of events or people is 0 or more; check the export, or use a marker such as [x] for a missing figure',
          });
          return { ok: false };
        }
        if (!Number.isInteger(parsed.value)) {
          this.problem(where, {
            message: `${what} must be a whole number`,
            expected: COUNT_EXPECTED,
            hint: 'counts are whole numbers; a rate or percentage belongs in another column (or give its numerator and denominator)',
          });
          return { ok: false };
        }
        const out: CountValue = { value: parsed.value };
        if (parsed.revision) out.revision = parsed.revision;
        return { ok: true, value: out };
      }
    }
  }

  /** A decimal number within [min, max] (no markers). `suffix` (e.g. '%') may follow the number. */
  numberInRange(col: string, what: string, min: number, max: number, options: { suffix?: string; expected: string; hint?: string }): Cell<number> {
    let raw = this.raw(col).trim();
    if (options.suffix && raw.endsWith(options.suffix)) raw = raw.slice(0, -options.suffix.length).trim();
    const hint = options.hint ?? `write a number from ${min} to ${max}`;
    if (raw === '') {
      this.problem(col, { message: `${what} is empty`, expected: options.expected, hint });
      return { ok: false };
    }
    const parsed = parseNumber(raw);
    if (parsed.kind !== 'value' || parsed.revision !== undefined || parsed.lowReliability) {
      this.problem(col, { message: `${what} is not a number`, expected: options.expected, hint });
      return { ok: false };
    }
    if (parsed.value < min || parsed.value > max) {
      this.problem(col, { message: `${what} is out of range (${min} to ${max})`, expected: options.expected, hint });
      return { ok: false };
    }
    return { ok: true, value: parsed.value };
  }
}

/** How well a candidate header row matched, for choosing the row to blame when none matches. */
interface Candidate {
  row: CsvRow;
  layout: Layout;
  missing: string[];
  filled: number;
}

function tryLayouts(row: CsvRow, layouts: readonly Layout[], overrides: Record<string, string> | undefined): { header?: Header; best: Candidate } {
  let best: Candidate | undefined;
  const filled = row.fields.filter((f) => f.trim() !== '').length;
  for (const layout of layouts) {
    const { index, missing } = matchHeader(row.fields, layout.columns, overrides);
    if (missing.length === 0) missing.push(...(layout.extraMissing?.(row.fields, index) ?? []));
    if (missing.length === 0) {
      const names = row.fields.map((f) => tidyText(f.replace(/^\uFEFF/, '')));
      let width = names.length;
      while (width > 0 && names[width - 1] === '') width--;
      return { header: { row, layout, index, names, width }, best: { row, layout, missing, filled } };
    }
    if (!best || missing.length < best.missing.length) best = { row, layout, missing, filled };
  }
  return { best: best! };
}

function better(a: Candidate, b: Candidate | undefined): boolean {
  if (!b) return true;
  if (a.missing.length !== b.missing.length) return a.missing.length < b.missing.length;
  return a.filled > b.filled;
}

/** A row with too few fields, or a non-empty field beyond the header: the problem, or undefined when the row fits. */
function fieldCountProblem(file: string, row: CsvRow, header: Header): Problem | undefined {
  const { fields } = row;
  if (fields.length < header.width) {
    return {
      message: `expected ${header.width} fields, found ${fields.length}`,
      file,
      line: row.line,
      column: fields.length + 1,
      columnName: header.names[fields.length] ?? '',
      expected: `${header.width} fields, as in the header on line ${header.row.line}`,
      found: `${fields.length} field${fields.length === 1 ? '' : 's'}, the last ${showFound(fields[fields.length - 1] ?? '')}`,
      hint: 'the file may be truncated (an incomplete download or export), or a text field holding a comma or a line break was not quoted',
    };
  }
  // A non-empty field beyond the header, or more fields than the header line has at all (an unquoted comma in a
  // row whose last field is empty would otherwise shift every value silently).
  let extra = fields.findIndex((f, i) => i >= header.width && f.trim() !== '');
  if (extra < 0 && fields.length > header.names.length) extra = header.names.length;
  if (extra < 0) return undefined;
  return {
    message: `expected ${header.width} fields, found ${fields.length}`,
    file,
    line: row.line,
    column: extra + 1,
    expected: `${header.width} fields, as in the header on line ${header.row.line}`,
    found: `${fields.length} fields; field ${extra + 1} is ${showFound(fields[extra] ?? '')}`,
    hint: 'a text field containing a comma must be wrapped in double quotes ("Smith, J")',
  };
}

/**
 * Stream a table: find its header (after up to MAX_TITLE_ROWS title rows) among `layouts`, check field counts, and
 * call `onRow` for each data row whose field count is right. Problems recorded through the RowContext are thrown
 * together (SwpError INPUT) after the last row; a file with a header but no data rows is an error too.
 * `onEnd`, if given, may add problems about the table as a whole (a row that is missing, values that disagree
 * between rows) after the last row, so that they are reported together with the rows' own problems.
 *
 * @returns the header found and the number of data rows seen.
 */
export async function readTable(
  path: string,
  options: FormatReadOptions,
  layouts: readonly Layout[],
  onRow: (ctx: RowContext) => void,
  onEnd?: (add: (p: Problem) => void, header: Header) => void,
): Promise<{ header: Header; dataRows: number }> {
  const file = options.displayPath ?? path;
  const problems = new ProblemCollector(options.maxProblems ?? 20);
  let header: Header | undefined;
  let best: Candidate | undefined;
  let seen = 0;
  let dataRows = 0;
  const titles: CsvRow[] = [];

  const source = options.rows ?? readCsvRows(path, { displayPath: file, encoding: options.encoding ?? 'auto', onWarning: options.onWarning });
  for await (const row of source) {
    if (!header) {
      seen++;
      const tried = tryLayouts(row, layouts, options.columns);
      if (tried.header) {
        header = { ...tried.header, titles };
        continue;
      }
      titles.push(row);
      if (better(tried.best, best)) best = tried.best;
      if (seen > MAX_TITLE_ROWS) break;
      continue;
    }
    dataRows++;
    const wrong = fieldCountProblem(file, row, header);
    if (wrong) {
      problems.add(wrong);
      continue;
    }
    onRow(new RowContext(file, row, header, problems));
  }

  if (!header) {
    const layout = best?.layout ?? layouts[0]!;
    throw wrongHeaderError(file, best?.row, layout.formatName, layout.columns, best?.missing ?? []);
  }
  if (dataRows === 0) {
    throw new NoDataRows({
      message: 'no data rows: the file has a header but nothing below it',
      file,
      line: header.row.line,
      expected: `at least one ${header.layout.formatName} row below the header`,
      found: 'only the header',
      hint: 'the export may have been filtered to nothing or cut short; export the data again',
    });
  }
  onEnd?.((p) => problems.add(p), header);
  problems.throwIfAny(ExitCode.INPUT);
  return { header, dataRows };
}

/**
 * A table with a header and nothing below it. An error when a reader is asked for the file, but a workspace takes it
 * as "no data yet": that is what the CSV templates of `swp init` are until they are filled in.
 */
export class NoDataRows extends SwpError {
  constructor(problem: Problem) {
    super(ExitCode.INPUT, problem);
  }
}

/** An ONS/GSS area code: a letter E, W, K, N or S then 8 digits. */
export const AREA_CODE_RE = /^[EWKNS]\d{8}$/;

/**
 * The row's `area_code`, as written; records a problem when it is not an ONS/GSS code. `example` is shown in the
 * expected text, `nameHint` when the cell is not a code at all (usually a name typed in its place).
 */
export function areaCodeCell(ctx: RowContext, o: { example: string; nameHint: string }): string {
  const areaCode = ctx.raw('area_code').trim();
  if (!AREA_CODE_RE.test(areaCode)) {
    const upper = areaCode.toUpperCase();
    ctx.problem('area_code', {
      message: areaCode === '' ? 'the area code is empty' : 'the area code is not an ONS/GSS code',
      expected: `an ONS/GSS area code: a letter E, W, K, N or S then 8 digits, e.g. ${o.example}`,
      hint: AREA_CODE_RE.test(upper) ? `area codes start with a capital letter: ${upper}` : o.nameHint,
    });
  }
  return areaCode;
}

/** Tracks key → first line, to report duplicate rows naming both lines. */
export class DuplicateTracker {
  private readonly seen = new Map<string, number>();

  /** The line the key was first seen on, or undefined (and the key is remembered). */
  check(key: string, line: number): number | undefined {
    const first = this.seen.get(key);
    if (first !== undefined) return first;
    this.seen.set(key, line);
    return undefined;
  }

  get size(): number {
    return this.seen.size;
  }
}
