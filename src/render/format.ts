/**
 * Formatting for documents: en-GB numbers and dates, and the Government Statistical Service symbols for figures
 * that are not shown ("Symbols in tables, definitions and help", GSS 2021): [c] confidential (suppressed for
 * disclosure control), [x] not available, [z] not applicable.
 */
import type { IndicatorResult } from '../model/contract.js';

export const GSS = { suppressed: '[c]', notAvailable: '[x]', notApplicable: '[z]', provisional: '[p]', revised: '[r]' } as const;

const whole = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const oneDp = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "1,234", or a GSS symbol. */
export function count(n: number | null | undefined, suppressed = false): string {
  if (suppressed) return GSS.suppressed;
  if (n === null || n === undefined) return GSS.notAvailable;
  return whole.format(n);
}

/** A value to one decimal place ("25.5"), or a GSS symbol. */
export function decimal(n: number | null | undefined, suppressed = false): string {
  if (suppressed) return GSS.suppressed;
  if (n === null || n === undefined) return GSS.notAvailable;
  return oneDp.format(n);
}

/** The headline value with its unit where short: "28.4%", "25.5". */
export function value(r: Pick<IndicatorResult, 'unit' | 'value' | 'suppressed'>): string {
  if (r.suppressed) return GSS.suppressed;
  if (r.value === null) return GSS.notAvailable;
  if (r.unit.startsWith('%')) return `${oneDp.format(r.value)}%`;
  if (r.unit === 'reports' || r.unit === 'count') return whole.format(r.value);
  return oneDp.format(r.value);
}

/** Is the unit a count of events (reports, cases), whose figures and limits are whole numbers? */
export function isCountUnit(unit: string): boolean {
  return unit === 'reports' || unit === 'count';
}

/**
 * A confidence interval "24.9 to 26.1", or a GSS symbol. With `unit`, a count's limits are whole numbers
 * ("3,911 to 4,162"): a count of events has no decimals, so neither do its limits; rates and proportions keep one.
 */
export function interval(ci: [number, number] | null, suppressed = false, unit?: string): string {
  if (suppressed) return GSS.suppressed;
  if (!ci) return GSS.notAvailable;
  const f = unit !== undefined && isCountUnit(unit) ? whole : oneDp;
  return `${f.format(ci[0])} to ${f.format(ci[1])}`;
}

/** Signed change in percentage points, one decimal: "+1.3 pp", "−0.4 pp", "0.0 pp". */
export function signedPoints(points: number | null | undefined): string {
  if (points === null || points === undefined) return GSS.notAvailable;
  const r = Math.round(points * 10) / 10;
  if (r === 0) return '0.0 pp';
  return `${r > 0 ? '+' : '\u2212'}${oneDp.format(Math.abs(r))} pp`;
}

/**
 * The change on last year as a table prints it, one convention for every document: counts and rates as a
 * percentage change ("+8%"); proportions in percentage points ("+1.3 pp"), as the findings say them, never as a
 * percentage of a percentage.
 */
export function change(r: Pick<IndicatorResult, 'unit' | 'value' | 'previous' | 'change'>): string {
  if (!r.change) return GSS.notAvailable;
  if (r.unit.startsWith('%')) return r.value === null || r.previous?.value == null ? GSS.notAvailable : signedPoints(r.value - r.previous.value);
  return signedPercent(r.change.percent);
}

/** Signed percentage change: "+8%", "−4%" (true minus sign), "0%". */
export function signedPercent(p: number | null | undefined): string {
  if (p === null || p === undefined) return GSS.notAvailable;
  const r = Math.round(p);
  if (r === 0) return '0%';
  return `${r > 0 ? '+' : '\u2212'}${whole.format(Math.abs(r))}%`;
}

/** "30 June 2017" from an ISO date; UTC so the machine's zone never shifts the day. */
export function longDate(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number) as [number, number, number];
  return `${d} ${MONTHS[m - 1]} ${y}`;
}

/** "November 2016" from "2016-11". */
export function monthLabel(key: string): string {
  const [y, m] = key.split('-').map(Number) as [number, number];
  return `${MONTHS[m - 1]} ${y}`;
}

/** "Nov 2016" from "2016-11". */
export function shortMonth(key: string): string {
  const [y, m] = key.split('-').map(Number) as [number, number];
  return `${MONTHS[m - 1]!.slice(0, 3)} ${y}`;
}

/** p-value for a table: "<0.001" or three decimals. */
export function pValue(p: number | null | undefined): string {
  if (p === null || p === undefined) return GSS.notAvailable;
  return p < 0.001 ? '<0.001' : p.toFixed(3);
}
