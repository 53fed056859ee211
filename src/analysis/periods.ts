/**
 * Periods of the UK public-sector financial year (April to March): financial years "2016/17", quarters
 * "2016/17-Q3" (October–December 2016), and their months as `YYYY-MM` keys. Pure string and integer arithmetic on
 * calendar months, so results never depend on the time zone.
 */

/** A run of whole calendar months, inclusive, as `YYYY-MM`. */
export interface MonthRange {
  start: string;
  end: string;
  /** Human label, e.g. "2016/17", "2016/17 Q3 (October to December 2016)". */
  label: string;
}

const FY_RE = /^(\d{4})\/(\d{2})$/;
const QUARTER_RE = /^(\d{4})\/(\d{2})-Q([1-4])$/i;

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Month key from a year and a 1-based month, normalising overflow (month 13 → January next year). */
function monthKey(year: number, month: number): string {
  const y = year + Math.floor((month - 1) / 12);
  const m = ((((month - 1) % 12) + 12) % 12) + 1;
  return `${y}-${String(m).padStart(2, '0')}`;
}

/** Add n months to a `YYYY-MM` key. */
export function addMonths(key: string, n: number): string {
  const [y, m] = key.split('-').map(Number) as [number, number];
  return monthKey(y, m + n);
}

/** Every month key from start to end inclusive. */
export function monthsBetween(start: string, end: string): string[] {
  const out: string[] = [];
  for (let k = start; k <= end; k = addMonths(k, 1)) out.push(k);
  return out;
}

/** "October 2016" from "2016-10". */
export function monthName(key: string): string {
  const [y, m] = key.split('-').map(Number) as [number, number];
  return `${MONTH_NAMES[m - 1]} ${y}`;
}

/** The financial year "2016/17" starting in April of `startYear`. */
export function financialYearLabel(startYear: number): string {
  return `${startYear}/${String((startYear + 1) % 100).padStart(2, '0')}`;
}

/** Parse "2016/17" to its start year, or undefined if it is not a valid financial year. */
export function parseFinancialYear(text: string): number | undefined {
  const m = FY_RE.exec(text.trim());
  if (!m) return undefined;
  const start = Number(m[1]);
  return (start + 1) % 100 === Number(m[2]) ? start : undefined;
}

/** The months of a financial year (April to March). */
export function financialYear(startYear: number): MonthRange {
  return { start: monthKey(startYear, 4), end: monthKey(startYear + 1, 3), label: financialYearLabel(startYear) };
}

/** A financial quarter: Q1 April–June, Q2 July–September, Q3 October–December, Q4 January–March. */
export interface Quarter {
  startYear: number;
  quarter: 1 | 2 | 3 | 4;
}

/** Parse "2016/17-Q3"; undefined if invalid. */
export function parseQuarter(text: string): Quarter | undefined {
  const m = QUARTER_RE.exec(text.trim());
  if (!m) return undefined;
  const start = Number(m[1]);
  if ((start + 1) % 100 !== Number(m[2])) return undefined;
  return { startYear: start, quarter: Number(m[3]) as 1 | 2 | 3 | 4 };
}

/** "2016/17-Q3". */
export function quarterId(q: Quarter): string {
  return `${financialYearLabel(q.startYear)}-Q${q.quarter}`;
}

/** The months of a quarter. */
export function quarterRange(q: Quarter): MonthRange {
  const start = monthKey(q.startYear, 4 + (q.quarter - 1) * 3);
  const end = addMonths(start, 2);
  return { start, end, label: `${financialYearLabel(q.startYear)} Q${q.quarter} (${monthName(start).split(' ')[0]} to ${monthName(end)})` };
}

/** Financial year to date: April to the end of the quarter. */
export function yearToDate(q: Quarter): MonthRange {
  const start = monthKey(q.startYear, 4);
  const end = quarterRange(q).end;
  return { start, end, label: `${financialYearLabel(q.startYear)} year to date (April to ${monthName(end)})` };
}

/** The same months one year earlier. */
export function samePeriodLastYear(r: MonthRange): MonthRange {
  const start = addMonths(r.start, -12);
  const end = addMonths(r.end, -12);
  return { start, end, label: `${monthName(start)} to ${monthName(end)}` };
}

/** Twelve months ending with `end`. */
export function rolling12(end: string): MonthRange {
  const start = addMonths(end, -11);
  return { start, end, label: `12 months to ${monthName(end)}` };
}

/** The financial year (start year) a month falls in. */
export function financialYearOf(key: string): number {
  const [y, m] = key.split('-').map(Number) as [number, number];
  return m >= 4 ? y : y - 1;
}

/** The quarter a month falls in. */
export function quarterOf(key: string): Quarter {
  const [, m] = key.split('-').map(Number) as [number, number];
  const q = (Math.floor((((m - 4 + 12) % 12)) / 3) + 1) as 1 | 2 | 3 | 4;
  return { startYear: financialYearOf(key), quarter: q };
}

/** The latest financial year all of whose months are in `months` (a set of YYYY-MM), if any. */
export function latestCompleteFinancialYear(months: ReadonlySet<string>): number | undefined {
  const sorted = [...months].sort();
  const last = sorted[sorted.length - 1];
  if (!last) return undefined;
  for (let y = financialYearOf(last); y >= financialYearOf(sorted[0]!); y--) {
    if (monthsBetween(financialYear(y).start, financialYear(y).end).every((k) => months.has(k))) return y;
  }
  return undefined;
}
