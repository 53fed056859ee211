/**
 * Choosing the period of a document from the data: the latest complete financial year or quarter (every covering
 * force has published each of its months), warnings for later periods passed over, and the check that a named year
 * lies inside the data. The flags themselves are parsed by the CLI (src/cli/options.ts).
 */
import {
  addMonths,
  financialYear,
  financialYearOf,
  monthsBetween,
  quarterRange,
  financialYearLabel,
  latestCompleteFinancialYear,
  quarterOf,
  type Quarter,
} from './periods.js';
import type { Workspace } from '../ingest/workspace.js';
import { missingMonthsNote } from '../model/data.js';
import { ExitCode, SwpError, type Warning } from '../model/errors.js';

/**
 * Months with complete police.uk data for the partnership: every covering force has a street file for them
 * (src/ingest/coverage.ts), so that the default year and quarter never contain a missing force-month.
 */
function dataMonths(ws: Workspace): Set<string> {
  return new Set(ws.police ? ws.police.coverage.complete : []);
}

/**
 * The financial year starting in `year` (from --year) when given, checked against the data; else the latest complete
 * one in the data. When a later year lies wholly inside the data but misses a force-month, `onWarning` is told that it
 * was passed over and why (issue 11: the default year must never silently be one with a missing month, nor silently
 * step back).
 */
export function chooseYear(ws: Workspace, year: number | undefined, onWarning?: (w: Warning) => void): number {
  if (year !== undefined) {
    checkYearInData(ws, year);
    return year;
  }
  const latest = latestCompleteFinancialYear(dataMonths(ws));
  if (latest === undefined) {
    throw new SwpError(ExitCode.INPUT, {
      message: 'no complete financial year (April to March) in the police.uk data',
      expected: 'twelve months of street-level files from April to March',
      found: `${dataMonths(ws).size} complete months${ws.police?.coverage.missing.length ? `; ${missingMonthsNote(ws.police, ws.police.coverage.missing.map((g) => g.month))}` : ''}`,
      hint: 'add the missing months (run swp validate to see the coverage), or name the year with --year',
    });
  }
  const span = ws.police?.coverage.span;
  for (let y = latest + 1; span && ws.police && financialYear(y).end <= span.end; y++) {
    const fy = financialYear(y);
    if (fy.start < span.start) continue;
    const gap = missingMonthsNote(ws.police, monthsBetween(fy.start, fy.end));
    if (gap) onWarning?.({ message: `${fy.label} is not complete (${gap}): the assessment is for ${financialYearLabel(latest)}, the latest complete financial year`, hint: 'add the missing street-level files (swp validate shows the coverage), or name the year with --year to write it with those months marked missing' });
  }
  return latest;
}

/** The latest financial quarter whose three months all have police.uk data. */
export function latestCompleteQuarter(ws: Workspace): Quarter | undefined {
  const months = dataMonths(ws);
  const sorted = [...months].sort();
  for (let i = sorted.length - 1; i >= 0; i--) {
    const q = quarterOf(sorted[i]!);
    const r = quarterRange(q);
    if ([r.start, addMonths(r.start, 1), r.end].every((m) => months.has(m))) return q;
  }
  return undefined;
}

/** Warnings for the quarters after `chosen` that lie wholly inside the police.uk data but miss a force-month. */
export function passedOverQuarters(ws: Workspace, chosen: Quarter): Warning[] {
  const span = ws.police?.coverage.span;
  if (!ws.police || !span) return [];
  const out: Warning[] = [];
  for (let start = addMonths(quarterRange(chosen).start, 3); addMonths(start, 2) <= span.end; start = addMonths(start, 3)) {
    const q = quarterOf(start);
    const gap = missingMonthsNote(ws.police, monthsBetween(start, addMonths(start, 2)));
    if (gap) out.push({ message: `${financialYearLabel(q.startYear)}-Q${q.quarter} is not complete (${gap}): the report is for ${financialYearLabel(chosen.startYear)}-Q${chosen.quarter}, the latest complete quarter`, hint: 'add the missing street-level files (swp validate shows the coverage), or name the quarter with --quarter to report it with those months marked missing' });
  }
  return out;
}

/**
 * --year must name a financial year the data cover, as --quarter must (swp report): a year with no police.uk month
 * (when there are police.uk data), or with no measures row for the area (when there are none), would give a document
 * of empty figures. Which months of a covered year are missing is the coverage check's business, not this one's.
 *
 * @throws SwpError(INPUT) naming the years the data cover
 */
function checkYearInData(ws: Workspace, startYear: number): void {
  const fy = financialYear(startYear);
  const police = [...dataMonths(ws)].sort();
  const area = ws.measures.filter((m) => m.areaCode === ws.config.area.code);
  const inYear = ws.police
    ? police.some((m) => m >= fy.start && m <= fy.end)
    : area.some((m) => m.periodStart.slice(0, 7) <= fy.end && m.periodEnd.slice(0, 7) >= fy.start);
  if (inYear || (!ws.police && area.length === 0)) return;
  const years = (months: string[]) => {
    const ys = [...new Set(months.map(financialYearOf))].sort((a, b) => a - b);
    return ys.length === 0 ? 'none' : ys.length === 1 ? financialYearLabel(ys[0]!) : `${financialYearLabel(ys[0]!)} to ${financialYearLabel(ys[ys.length - 1]!)}`;
  };
  const found: string[] = [];
  if (ws.police) found.push(police.length ? `police.uk data for ${years(police)} (${police[0]} to ${police[police.length - 1]})` : 'police.uk files with no month for the area');
  if (area.length) {
    const starts = area.map((m) => m.periodStart).sort();
    const ends = area.map((m) => m.periodEnd).sort();
    found.push(`measures for ${ws.config.area.code} from ${starts[0]} to ${ends[ends.length - 1]}`);
  }
  throw new SwpError(ExitCode.INPUT, {
    message: `--year ${financialYearLabel(startYear)} is outside the data: no ${ws.police ? 'police.uk month' : `measures row for ${ws.config.area.name}`} falls in ${fy.label} (April ${startYear} to March ${startYear + 1})`,
    keyPath: '--year',
    expected: `a financial year the data cover: ${ws.police ? years(police) : years(area.flatMap((m) => [m.periodStart.slice(0, 7), m.periodEnd.slice(0, 7)]))}`,
    found: found.join('; '),
    hint: 'choose a year inside the data, leave --year out for the latest complete year, or add the files for the year',
  });
}
