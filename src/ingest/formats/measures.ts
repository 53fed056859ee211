/**
 * The canonical measures CSV: one row per indicator × area × period with a numerator and (optionally) a denominator.
 * It carries everything that is not police-recorded crime: proven reoffending, first-time entrants, hidden crime,
 * treatment, and the national baselines (England and Wales K04000001, England E92000001).
 *
 *   indicator,area_code,area_name,period_start,period_end,numerator,denominator[,reoffences][,status][,series_break]
 */
import { isValid, parseISO } from 'date-fns';
import type { FileSummary, InputKind, MeasureRow, Revision } from '../../model/data.js';
import type { ColumnSpec } from '../header.js';
import { periodNameDays } from './period-names.js';
import { FINGERTIPS_FORMAT, FINGERTIPS_LAYOUT, fingertipsSkip, parseFingertipsRow } from './fingertips.js';
import { areaCodeCell, DuplicateTracker, readTable, tidyText, type Cell, type CountValue, type FormatReadOptions, type Layout, type RowContext } from './table-reader.js';

export const FORMAT_NAME = 'measures';
export const KIND: InputKind = 'measures';

export const COLUMNS: ColumnSpec[] = [
  { name: 'indicator', aliases: ['indicator', 'indicator id', 'indicator_id'], required: true },
  { name: 'area_code', aliases: ['area_code', 'geography code', 'ons code'], required: true },
  { name: 'area_name', aliases: ['area_name', 'geography name', 'geography'], required: true },
  { name: 'period_start', aliases: ['period_start', 'start date', 'start'], required: true },
  { name: 'period_end', aliases: ['period_end', 'end date', 'end'], required: true },
  { name: 'numerator', aliases: ['numerator'], required: true },
  { name: 'denominator', aliases: ['denominator'], required: true },
  { name: 'reoffences', aliases: ['reoffences', 'number of reoffences'], required: false },
  { name: 'status', aliases: ['status', 'revision'], required: false },
  { name: 'series_break', aliases: ['series_break', 'series break', 'break'], required: false },
];

const LAYOUT: Layout = { id: 'measures', formatName: FORMAT_NAME, columns: COLUMNS };

/** Indicator ids: lower-case words joined by hyphens, parts separated by dots (`hidden.forced-marriage`). */
export const INDICATOR_RE = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*(?:\.[a-z0-9]+(?:-[a-z0-9]+)*)*$/;
const ISO_DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const DMY_RE = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;

const INDICATOR_EXPECTED = 'an indicator id: lower-case words joined by hyphens, parts separated by dots, e.g. reoffending.adult';
const DATE_EXPECTED = 'an ISO date YYYY-MM-DD, e.g. 2016-04-01';
const STATUS_EXPECTED = 'p (provisional), r (revised), [p], [r], or empty';

/** A plausible corrected indicator id for a message, if simple normalisation gives a valid one. */
function suggestIndicator(raw: string): string | undefined {
  const s = raw
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-')
    .replace(/[^a-z0-9.-]/g, '')
    .replace(/-+/g, '-')
    .replace(/-?\.-?/g, '.');
  return s !== raw && INDICATOR_RE.test(s) ? s : undefined;
}

/** A MoJ or YJB cohort name pasted into a date column ("Apr 2019 to Mar 2020"): the two dates to write instead. */
function cohortHint(raw: string): string | undefined {
  const days = periodNameDays(raw);
  return days && `"${raw}" is a cohort or period name: write its first day ${days.start} in period_start and its last day ${days.end} in period_end`;
}

/** Validate an ISO calendar date cell; records a problem and returns not-ok when invalid. */
function isoDate(ctx: RowContext, col: string, what: string): Cell<string> {
  const raw = ctx.raw(col).trim();
  if (raw === '') {
    ctx.problem(col, { message: `${what} is empty`, expected: DATE_EXPECTED, hint: 'every row needs the first and last day of its period' });
    return { ok: false };
  }
  if (!ISO_DATE_RE.test(raw)) {
    const dmy = DMY_RE.exec(raw);
    const guess = dmy ? `${dmy[3]}-${dmy[2]!.padStart(2, '0')}-${dmy[1]!.padStart(2, '0')}` : undefined;
    ctx.problem(col, {
      message: `${what} is not an ISO date (YYYY-MM-DD)`,
      expected: DATE_EXPECTED,
      hint:
        guess && isValid(parseISO(guess))
          ? `use ISO dates year-month-day: if this is day/month/year, write ${guess}`
          : (cohortHint(raw) ?? 'use ISO dates year-month-day, e.g. 2016-04-01 for 1 April 2016 (in a spreadsheet, format the column as yyyy-mm-dd)'),
    });
    return { ok: false };
  }
  if (!isValid(parseISO(raw))) {
    ctx.problem(col, {
      message: `${what} is not a real calendar date`,
      expected: DATE_EXPECTED,
      hint: 'check the month (01–12) and the day (it must exist in that month); use ISO dates YYYY-MM-DD',
    });
    return { ok: false };
  }
  return { ok: true, value: raw };
}

function parseStatus(raw: string): Revision | undefined | 'invalid' {
  const s = raw.trim().toLowerCase();
  if (s === '') return undefined;
  if (s === 'p' || s === '[p]' || s === 'provisional') return 'provisional';
  if (s === 'r' || s === '[r]' || s === 'revised') return 'revised';
  return 'invalid';
}

/** The row's indicator id, as written; records a problem (with a suggested spelling) when it is not valid. */
function indicatorOf(ctx: RowContext): string {
  const indicator = ctx.raw('indicator').trim();
  if (!INDICATOR_RE.test(indicator)) {
    const guess = suggestIndicator(indicator);
    ctx.problem('indicator', {
      message: indicator === '' ? 'the indicator id is empty' : 'the indicator id is not valid',
      expected: INDICATOR_EXPECTED,
      hint: guess
        ? `did you mean "${guess}"? ids use lower-case letters, digits, hyphens and dots only`
        : 'ids use lower-case letters, digits, hyphens and dots only, e.g. fte.youth, hidden.forced-marriage',
    });
  }
  return indicator;
}

/** The row's area code, as written; records a problem when it is not an ONS/GSS code. */
function areaCodeOf(ctx: RowContext): string {
  return areaCodeCell(ctx, {
    example: 'E08000031',
    nameHint: 'use the 9-character ONS code of the area (K04000001 for England and Wales, E92000001 for England), not its name',
  });
}

/** The period's start and end dates; records a problem when either is bad or the end is before the start. */
function periodOf(ctx: RowContext): { start: Cell<string>; end: Cell<string> } {
  const start = isoDate(ctx, 'period_start', 'the period start');
  const end = isoDate(ctx, 'period_end', 'the period end');
  if (start.ok && end.ok && end.value < start.value) {
    ctx.problem('period_end', {
      message: 'the period ends before it starts',
      expected: `a date on or after the period start ${start.value}`,
      hint: 'check whether period_start and period_end are swapped',
    });
  }
  return { start, end };
}

/** Numerator, denominator and reoffences; a 0 denominator under a numerator is a problem (the rate is undefined). */
function figuresOf(ctx: RowContext): { numerator: Cell<CountValue>; denominator: Cell<CountValue>; reoffences: Cell<CountValue> } {
  const numerator = ctx.count('numerator', { what: 'the numerator' });
  const denominator = ctx.count('denominator', { what: 'the denominator', empty: 'null' });
  const reoffences = ctx.count('reoffences', { what: 'the number of reoffences', empty: 'null' });
  if (numerator.ok && denominator.ok && denominator.value.value === 0) {
    const n = numerator.value;
    // A suppressed or rounds-to-zero numerator still stands for a count, so it needs a denominator as much as a number.
    const hasNumerator = n.value !== null || n.absence === 'suppressed' || n.absence === 'rounds-to-zero';
    if (hasNumerator) {
      ctx.problem('denominator', {
        message: 'a denominator of 0 makes the rate undefined',
        expected: 'a denominator of 1 or more, empty (a count with no rate), or a marker such as [x]',
        hint: 'if there was no cohort in this period, write [z] (not applicable) in both the numerator and the denominator',
      });
    }
  }
  return { numerator, denominator, reoffences };
}

/** The status column's revision flag; 'invalid' (with a problem recorded) when it is not p or r. */
function statusOf(ctx: RowContext): Revision | undefined | 'invalid' {
  const status = parseStatus(ctx.raw('status'));
  if (status === 'invalid') {
    ctx.problem('status', {
      message: 'the status is not p or r',
      expected: STATUS_EXPECTED,
      hint: 'leave it empty for final figures',
    });
  }
  return status;
}

/** Parse one row into a MeasureRow, or undefined when any cell was bad (the problems are recorded). */
function parseRow(ctx: RowContext): MeasureRow | undefined {
  const indicator = indicatorOf(ctx);
  const areaCode = areaCodeOf(ctx);
  const areaName = ctx.requiredText('area_name', 'an area name');
  const { start, end } = periodOf(ctx);
  const { numerator, denominator, reoffences } = figuresOf(ctx);
  const status = statusOf(ctx);
  const seriesBreak = tidyText(ctx.raw('series_break'));
  if (ctx.bad || !areaName.ok || !start.ok || !end.ok || !numerator.ok || !denominator.ok || !reoffences.ok || status === 'invalid') return undefined;
  const out: MeasureRow = {
    indicator,
    areaCode,
    areaName: areaName.value,
    periodStart: start.value,
    periodEnd: end.value,
    numerator: numerator.value.value,
    denominator: denominator.value.value,
    reoffences: reoffences.value.value,
    source: { file: ctx.file, line: ctx.line },
  };
  if (numerator.value.absence) out.numeratorAbsence = numerator.value.absence;
  if (denominator.value.absence) out.denominatorAbsence = denominator.value.absence;
  const revision = status ?? numerator.value.revision ?? denominator.value.revision;
  if (revision) out.revision = revision;
  if (seriesBreak !== '') out.seriesBreak = seriesBreak;
  return out;
}

/** Whether the row repeats an earlier one of the same kind (recorded as a problem on the indicator cell). */
function isDuplicate(ctx: RowContext, row: MeasureRow, duplicates: DuplicateTracker): boolean {
  // A revised row beside a provisional or unmarked one for the same period is a documented precedence, resolved
  // with the rows of the other files (src/ingest/assembly.ts): only rows of the same kind are duplicates here.
  const key = [row.indicator, row.areaCode, row.periodStart, row.periodEnd, row.revision === 'revised' ? 'r' : ''].join(' ');
  const firstLine = duplicates.check(key, ctx.line);
  if (firstLine === undefined) return false;
  ctx.problem('indicator', {
    message: `duplicate row: lines ${firstLine} and ${ctx.line} both give ${row.indicator} for ${row.areaCode} from ${row.periodStart} to ${row.periodEnd}`,
    expected: 'one row per indicator, area_code, period_start and period_end',
    found: `the same indicator, area and period as line ${firstLine}`,
    hint: 'remove one of the two rows (if one is a revision, keep the revised figure and mark it r in status)',
  });
  return true;
}

/** The file's summary: rows, areas, indicators and the span of periods. */
function summarise(file: string, rows: readonly MeasureRow[]): FileSummary {
  const areas = new Set(rows.map((r) => r.areaCode));
  const indicators = new Set(rows.map((r) => r.indicator));
  const summary: FileSummary = {
    file,
    kind: KIND,
    rows: rows.length,
    areas: areas.size,
    note: `${indicators.size} indicator${indicators.size === 1 ? '' : 's'}: ${[...indicators].sort().join(', ')}`,
  };
  for (const r of rows) {
    if (summary.firstPeriod === undefined || r.periodStart < summary.firstPeriod) summary.firstPeriod = r.periodStart;
    if (summary.lastPeriod === undefined || r.periodEnd > summary.lastPeriod) summary.lastPeriod = r.periodEnd;
  }
  return summary;
}

/**
 * Read a canonical measures CSV.
 *
 * @throws SwpError(INPUT) for a header that does not match, a file without data rows, or any bad rows (all of
 *   them, up to `maxProblems`, in one error).
 */
export async function readMeasures(path: string, options: FormatReadOptions = {}): Promise<{ rows: MeasureRow[]; summary: FileSummary }> {
  const rows: MeasureRow[] = [];
  const duplicates = new DuplicateTracker();
  const fingertips = new FingertipsTally();
  const onRow = (ctx: RowContext): void => {
    if (ctx.header.layout.id === FINGERTIPS_LAYOUT.id) {
      fingertips.row(ctx, rows, duplicates);
      return;
    }
    const row = parseRow(ctx);
    if (row && !isDuplicate(ctx, row, duplicates)) rows.push(row);
  };
  // The canonical layout, or an OHID Fingertips export as downloaded (./fingertips.ts), recognised by its header.
  const { header } = await readTable(path, options, [LAYOUT, FINGERTIPS_LAYOUT], onRow);
  const summary = summarise(options.displayPath ?? path, rows);
  if (header.layout.id === FINGERTIPS_LAYOUT.id) summary.note = fingertips.note(summary.note ?? '');
  return { rows, summary };
}

/** Fingertips rows: breakdowns skipped and counted, an area repeated under a second area type dropped when it agrees. */
class FingertipsTally {
  skipped = 0;
  repeats = 0;
  private readonly first = new Map<string, MeasureRow>();

  row(ctx: RowContext, rows: MeasureRow[], duplicates: DuplicateTracker): void {
    if (fingertipsSkip(ctx)) {
      this.skipped++;
      return;
    }
    const row = parseFingertipsRow(ctx);
    if (!row) return;
    const key = [row.indicator, row.areaCode, row.periodStart, row.periodEnd].join(' ');
    const seen = this.first.get(key);
    if (seen && seen.numerator === row.numerator && seen.denominator === row.denominator) {
      this.repeats++;
      return;
    }
    this.first.set(key, row);
    if (!isDuplicate(ctx, row, duplicates)) rows.push(row);
  }

  note(indicators: string): string {
    const parts = [`${FINGERTIPS_FORMAT}; ${indicators}`];
    const rows = (n: number) => `${n.toLocaleString('en-GB')} row${n === 1 ? '' : 's'}`;
    if (this.skipped > 0) parts.push(`${rows(this.skipped)} of breakdowns (by sex or category) skipped`);
    if (this.repeats > 0) parts.push(`${rows(this.repeats)} repeating an area under another area type dropped`);
    return parts.join('; ');
  }
}
