/**
 * Home Office police recorded crime open data: the Community Safety Partnership (CSP) table.
 *
 * One row per financial year (and quarter, in the quarterly tables) × force × CSP × offence. The count column is
 * "Number of Offences" in some years and "Offence Count" in others; newer files can have title rows above the header.
 * Group and area names change spelling between years, so text is tidied (trimmed, inner whitespace collapsed) but
 * otherwise kept as published: mapping old names to new ones is the analysis's business.
 */
import type { FileSummary, HomeOfficeRow, InputKind } from '../../model/data.js';
import type { ColumnSpec } from '../header.js';
import { areaKey, offenceIdentity } from '../home-office.js';
import { allocateOffence } from './home-office-offences.js';
import { DuplicateTracker, readTable, tidyText, type FormatReadOptions, type Layout, type RowContext } from './table-reader.js';

export const FORMAT_NAME = 'Home Office CSP table';
export const KIND: InputKind = 'home-office-csp';

export const COLUMNS: ColumnSpec[] = [
  { name: 'financial_year', aliases: ['Financial Year', 'Fin Year'], required: true },
  { name: 'financial_quarter', aliases: ['Financial Quarter', 'Quarter'], required: false },
  { name: 'force_name', aliases: ['Force Name', 'Police Force', 'Force'], required: true },
  { name: 'csp_name', aliases: ['CSP Name', 'Community Safety Partnership', 'Community Safety Partnership Name', 'CSP'], required: true },
  { name: 'offence_description', aliases: ['Offence Description', 'Offence'], required: true },
  { name: 'offence_group', aliases: ['Offence Group'], required: true },
  { name: 'offence_subgroup', aliases: ['Offence Subgroup', 'Offence Sub Group', 'Offence Sub-group'], required: true },
  { name: 'offence_code', aliases: ['Offence Code'], required: true },
  { name: 'count', aliases: ['Number of Offences', 'Offence Count', 'Number of Crimes', 'Count'], required: true },
];

const LAYOUT: Layout = { id: 'home-office-csp', formatName: FORMAT_NAME, columns: COLUMNS };

const FY_RE = /^(?:FY\s*)?(\d{4})\s*[/-]\s*(\d{4}|\d{2})$/i;
const FY_EXPECTED = 'a financial year such as 2016/17 (also 2016-17 or FY2016/17)';
const QUARTER_RE = /^(?:Q|Quarter)?\s*([1-4])$/i;

/** Normalise a financial year to `YYYY/YY`; undefined if it is not one (reason in `why`). */
export function parseFinancialYear(raw: string): { year: number; label: string } | { why: string } {
  const m = FY_RE.exec(raw.trim());
  if (!m) return { why: 'not a financial year' };
  const first = Number(m[1]);
  const second = m[2]!;
  const next = second.length === 2 ? (first + 1) % 100 : first + 1;
  if (Number(second) !== next) return { why: 'the second year must be the year after the first' };
  return { year: first, label: `${first}/${String((first + 1) % 100).padStart(2, '0')}` };
}

function month(year: number, monthIndex0: number): string {
  const y = year + Math.floor(monthIndex0 / 12);
  const m = (monthIndex0 % 12) + 1;
  return `${y}-${String(m).padStart(2, '0')}`;
}

/** First and last month (YYYY-MM) a financial year / quarter covers (the UK financial year starts in April). */
function financialPeriodMonths(fyStart: number, quarter: number | null): { first: string; last: string } {
  if (quarter === null) return { first: month(fyStart, 3), last: month(fyStart, 14) };
  const start = 3 + (quarter - 1) * 3;
  return { first: month(fyStart, start), last: month(fyStart, start + 2) };
}

/** An offence text that is no known subgroup: reported once, with how many rows and offences it holds. */
interface UnknownSubgroup {
  group: string;
  subgroup: string;
  line: number;
  rows: number;
  offences: number;
  unpublished: number;
}

/** What the reader gathers across rows, beyond the rows themselves, for the file's warnings and summary. */
class CspTally {
  readonly rows: HomeOfficeRow[] = [];
  readonly csps = new Set<string>();
  readonly duplicates = new DuplicateTracker();
  first: string | undefined;
  last: string | undefined;
  /** First annual row and first quarterly row: a table with both may count totals twice. */
  annualLine: number | undefined;
  quarterlyLine: number | undefined;
  readonly unknown = new Map<string, UnknownSubgroup>();

  /** Note an accepted row: its period, its CSP and, if its subgroup is not known, that too. */
  note(row: HomeOfficeRow, fyStart: number, line: number): void {
    if (row.quarter === null) this.annualLine ??= line;
    else this.quarterlyLine ??= line;
    const months = financialPeriodMonths(fyStart, row.quarter);
    if (this.first === undefined || months.first < this.first) this.first = months.first;
    if (this.last === undefined || months.last > this.last) this.last = months.last;
    this.csps.add(row.cspName);
    if (allocateOffence(row.offenceGroup, row.offenceSubgroup).kind === 'unknown') this.noteUnknown(row, line);
    this.rows.push(row);
  }

  private noteUnknown(row: HomeOfficeRow, line: number): void {
    const k = `${row.offenceGroup}\u0000${row.offenceSubgroup}`;
    const u = this.unknown.get(k);
    const unpublished = row.count === null ? 1 : 0;
    if (u) {
      u.rows++;
      u.offences += row.count ?? 0;
      u.unpublished += unpublished;
    } else this.unknown.set(k, { group: row.offenceGroup, subgroup: row.offenceSubgroup, line, rows: 1, offences: row.count ?? 0, unpublished });
  }
}

/** The row's quarter: null when empty (an annual table); records a problem when it is not 1 to 4. */
function quarterOf(ctx: RowContext): number | null {
  const rawQuarter = ctx.raw('financial_quarter').trim();
  if (rawQuarter === '') return null;
  const q = QUARTER_RE.exec(rawQuarter);
  if (q) return Number(q[1]);
  ctx.problem('financial_quarter', {
    message: 'the financial quarter is not 1, 2, 3 or 4',
    expected: 'a quarter 1 to 4 (or Q1 to Q4), or empty in an annual table',
    hint: 'quarter 1 is April to June, 2 July to September, 3 October to December, 4 January to March',
  });
  return null;
}

/** Parse one row into a HomeOfficeRow, or undefined when any cell was bad (the problems are recorded). */
function parseRow(ctx: RowContext): { row: HomeOfficeRow; fyStart: number } | undefined {
  const fy = parseFinancialYear(ctx.raw('financial_year'));
  if ('why' in fy) {
    ctx.problem('financial_year', {
      message: `the financial year is not valid: ${fy.why}`,
      expected: FY_EXPECTED,
      hint: 'financial years run April to March and are written as the starting year, a slash and the last two digits of the next year',
    });
  }
  const quarter = quarterOf(ctx);
  const force = ctx.requiredText('force_name', 'a police force name');
  const csp = ctx.requiredText('csp_name', 'a Community Safety Partnership name');
  const description = ctx.requiredText('offence_description', 'an offence description');
  const count = ctx.count('count', { what: 'the number of offences' });
  if (ctx.bad || 'why' in fy || !force.ok || !csp.ok || !description.ok || !count.ok) return undefined;
  const row: HomeOfficeRow = {
    financialYear: fy.label,
    quarter,
    forceName: force.value,
    cspName: csp.value,
    offenceDescription: description.value,
    offenceGroup: tidyText(ctx.raw('offence_group')),
    offenceSubgroup: tidyText(ctx.raw('offence_subgroup')),
    offenceCode: tidyText(ctx.raw('offence_code')),
    count: count.value.value,
    source: { file: ctx.file, line: ctx.line },
  };
  if (count.value.absence) row.absence = count.value.absence;
  return { row, fyStart: fy.year };
}

/** Whether the row repeats an earlier one (recorded as a problem on the count cell). */
function isDuplicate(ctx: RowContext, row: HomeOfficeRow, duplicates: DuplicateTracker): boolean {
  // One row per year, quarter, CSP and offence; the offence is its code when it has one, so an edition that
  // rewords a description is still caught (the CSP by areaKey, so "Barking & Dagenham" = "Barking and Dagenham").
  const key = [row.financialYear, row.quarter ?? '', areaKey(row.cspName), offenceIdentity(row)].join('\u0000');
  const firstLine = duplicates.check(key, ctx.line);
  if (firstLine === undefined) return false;
  ctx.problem('count', {
    message: `duplicate row: lines ${firstLine} and ${ctx.line} both give ${row.financialYear}${row.quarter === null ? '' : ` Q${row.quarter}`} "${row.offenceDescription}" for ${row.cspName}`,
    expected: 'one row per financial year, quarter, CSP and offence (code, or description where there is no code)',
    found: `the same year, quarter, CSP and offence as line ${firstLine}`,
    hint: 'the file may contain the same extract twice, or two editions pasted together; keep one edition and remove the other rows',
  });
  return true;
}

/** Warnings about the file as a whole: annual and quarterly rows mixed, offence subgroups swp does not know. */
function fileWarnings(file: string, tally: CspTally, onWarning: FormatReadOptions['onWarning']): void {
  if (tally.annualLine !== undefined && tally.quarterlyLine !== undefined) {
    onWarning?.({
      message: `the table mixes annual rows (no quarter, e.g. line ${tally.annualLine}) and quarterly rows (e.g. line ${tally.quarterlyLine}): totals may be counted twice`,
      file,
      line: tally.annualLine,
    });
  }
  for (const u of tally.unknown.values()) {
    const rowsText = u.rows === 1 ? 'this row' : `${u.rows.toLocaleString('en-GB')} rows, the first on this line`;
    onWarning?.({
      message: `offence subgroup "${u.subgroup}" (group "${u.group}") is not one swp knows, so its ${u.offences.toLocaleString('en-GB')} offence${u.offences === 1 ? '' : 's'}${
        u.unpublished > 0 ? ` and ${u.unpublished} unpublished figure${u.unpublished === 1 ? '' : 's'}` : ''
      } (${rowsText}) are not allocated to any police.uk category and are left out of the most similar group and force comparisons; hint: if it is a new spelling of a known subgroup, correct it in the file (the known subgroups are listed in the README) or report it to the swp maintainers`,
      file,
      line: u.line,
    });
  }
}

/**
 * Read a Home Office CSP table.
 *
 * @throws SwpError(INPUT) for a header that does not match, a file without data rows, or any bad rows (all of
 *   them, up to `maxProblems`, in one error).
 */
export async function readHomeOfficeCsp(path: string, options: FormatReadOptions = {}): Promise<{ rows: HomeOfficeRow[]; summary: FileSummary }> {
  const tally = new CspTally();
  const onRow = (ctx: RowContext): void => {
    const parsed = parseRow(ctx);
    if (parsed && !isDuplicate(ctx, parsed.row, tally.duplicates)) tally.note(parsed.row, parsed.fyStart, ctx.line);
  };
  const { header } = await readTable(path, options, [LAYOUT], onRow);
  const file = options.displayPath ?? path;
  fileWarnings(file, tally, options.onWarning);
  const countAt = header.index['count']!;
  const summary: FileSummary = {
    file,
    kind: KIND,
    rows: tally.rows.length,
    areas: tally.csps.size,
    note: `count column "${header.names[countAt]}"; ${tally.quarterlyLine !== undefined ? 'quarterly' : 'annual'} figures`,
  };
  if (tally.first !== undefined) summary.firstPeriod = tally.first;
  if (tally.last !== undefined) summary.lastPeriod = tally.last;
  return { rows: tally.rows, summary };
}
