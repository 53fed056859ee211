/**
 * Which measures rows give the figure for a period, when rows of different lengths overlap: the Ministry of Justice
 * publishes proven reoffending both for quarterly cohorts and for 12-month cohorts, and an analyst's file often holds
 * both for the same months. Adding them up would count every offender twice. One rule, applied to the rows of an
 * indicator and area that lie inside the period asked (README, "When the data are incomplete"):
 *
 * 1. a row whose period is exactly the period asked is used as published (a 12-month cohort is its own figure:
 *    quarterly cohorts do not add up to it, as an offender can be in more than one);
 * 2. otherwise rows that do not overlap each other and cover every month of the period once are added up;
 * 3. otherwise, if rows overlap, the longest rows of one length that cover every month once are added up (e.g. the
 *    four quarters of a year beside a half-year row); the rest are left out;
 * 4. otherwise there is no figure, and the note says why (months not covered, or rows that overlap).
 *
 * Rows that overlap each other are never added together. Months are whole calendar months (`YYYY-MM`).
 */
import type { MeasureRow } from '../model/data.js';
import { monthName, monthsBetween, type MonthRange } from './periods.js';

const monthOf = (iso: string) => iso.slice(0, 7);

/** A row's months, as a range of `YYYY-MM`. */
function span(r: MeasureRow): { start: string; end: string; length: number } {
  const start = monthOf(r.periodStart);
  const end = monthOf(r.periodEnd);
  return { start, end, length: monthsBetween(start, end).length };
}

/** The rows chosen for a period, or null with the reason; `note` says which rule was used when rows overlap. */
export interface RowChoice {
  rows: MeasureRow[] | null;
  note: string | null;
  /**
   * The figure is one published row of its own that shorter rows of the same months were not added to (rule 1, a
   * 12-month cohort beside its quarters): it is not the sum of the period's parts, so nothing is worked out by
   * subtracting parts from it.
   */
  standalone: boolean;
}

/** Whether the rows cover every month of the range exactly once. */
function tiles(rows: readonly MeasureRow[], months: readonly string[]): boolean {
  const covered = new Map<string, number>();
  for (const r of rows) for (const m of monthsBetween(span(r).start, span(r).end)) covered.set(m, (covered.get(m) ?? 0) + 1);
  return months.every((m) => covered.get(m) === 1);
}

/** Whether any two rows share a month. */
function overlapping(rows: readonly MeasureRow[]): boolean {
  const seen = new Set<string>();
  for (const r of rows) {
    for (const m of monthsBetween(span(r).start, span(r).end)) {
      if (seen.has(m)) return true;
      seen.add(m);
    }
  }
  return false;
}

const periodOf = (r: MeasureRow) => `${r.periodStart} to ${r.periodEnd}`;
const lengthWord = (n: number) => (n === 12 ? '12-month' : n === 3 ? 'quarterly' : n === 1 ? 'monthly' : `${n}-month`);

/** Runs of consecutive months, as "April to September 2016" or "May 2016". */
export function monthRuns(months: readonly string[]): string {
  const runs: [string, string][] = [];
  for (const m of [...months].sort()) {
    const last = runs[runs.length - 1];
    if (last && monthsBetween(last[1], m).length === 2) last[1] = m;
    else runs.push([m, m]);
  }
  return runs.map(([a, b]) => (a === b ? monthName(a) : `${monthName(a).replace(/ \d{4}$/, a.slice(0, 4) === b.slice(0, 4) ? '' : ` ${a.slice(0, 4)}`)} to ${monthName(b)}`)).join(', ');
}

/**
 * Choose the rows for a period by the rule above.
 *
 * @param inside  the rows of one indicator and area whose months lie inside the range (at least one)
 */
export function chooseRows(inside: readonly MeasureRow[], range: MonthRange): RowChoice {
  const months = monthsBetween(range.start, range.end);
  const label = range.label || `${range.start} to ${range.end}`;
  // 1. A row for exactly the period.
  const exact = inside.filter((r) => span(r).start === range.start && span(r).end === range.end);
  if (exact.length === 1) {
    const others = inside.length - 1;
    return {
      rows: exact,
      standalone: others > 0,
      note: others === 0 ? null : `the ${lengthWord(months.length)} row for ${periodOf(exact[0]!)} is used as published; the ${others} shorter row${others === 1 ? '' : 's'} for the same months ${others === 1 ? 'is' : 'are'} not added to it`,
    };
  }
  // 2. Rows that do not overlap and cover every month once.
  if (!overlapping(inside) && tiles(inside, months)) return { rows: [...inside], note: null, standalone: false };
  // 3. Rows overlap: the longest rows of one length that cover every month once.
  if (overlapping(inside)) {
    const lengths = [...new Set(inside.map((r) => span(r).length))].sort((a, b) => b - a);
    for (const n of lengths) {
      const same = inside.filter((r) => span(r).length === n);
      if (!overlapping(same) && tiles(same, months)) {
        const left = inside.length - same.length;
        return {
          rows: same,
          standalone: false,
          note: `the ${same.length} ${lengthWord(n)} rows for ${label} are added up; ${left} row${left === 1 ? '' : 's'} of another length for the same months ${left === 1 ? 'overlaps' : 'overlap'} them and ${left === 1 ? 'is' : 'are'} not added`,
        };
      }
    }
    const pair = firstOverlap(inside);
    return { rows: null, standalone: false, note: `the rows for ${label} overlap (${periodOf(pair[0])} and ${periodOf(pair[1])}) and no set of them covers each month once: no figure` };
  }
  // 4. Months not covered.
  const covered = new Set(inside.flatMap((r) => monthsBetween(span(r).start, span(r).end)));
  const gaps = months.filter((m) => !covered.has(m));
  return { rows: null, standalone: false, note: `the rows for ${label} cover ${monthRuns([...covered])} only: no rows for ${monthRuns(gaps)}` };
}

/** The first two rows that share a month. */
function firstOverlap(rows: readonly MeasureRow[]): [MeasureRow, MeasureRow] {
  for (let i = 0; i < rows.length; i++) {
    for (let j = i + 1; j < rows.length; j++) {
      const a = span(rows[i]!);
      const b = span(rows[j]!);
      if (a.start <= b.end && b.start <= a.end) return [rows[i]!, rows[j]!];
    }
  }
  return [rows[0]!, rows[0]!];
}
