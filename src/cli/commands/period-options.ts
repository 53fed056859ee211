/** Turning --year and --quarter into periods, with usage errors that say what was expected. */
import {
  addMonths,
  financialYear,
  monthsBetween,
  quarterRange,
  financialYearLabel,
  latestCompleteFinancialYear,
  parseFinancialYear,
  parseQuarter,
  quarterOf,
  type Quarter,
} from '../../analysis/periods.js';
import type { Workspace } from '../../ingest/workspace.js';
import { missingMonthsNote } from '../../model/data.js';
import { ExitCode, SwpError, type Warning } from '../../model/errors.js';
import { usageError } from '../run.js';

/**
 * Months with complete police.uk data for the partnership: every covering force has a street file for them
 * (src/ingest/coverage.ts), so that the default year and quarter never contain a missing force-month.
 */
function dataMonths(ws: Workspace): Set<string> {
  return new Set(ws.police ? ws.police.coverage.complete : []);
}

/**
 * The financial year from --year, or the latest complete one in the data. When a later year lies wholly inside the
 * data but misses a force-month, `onWarning` is told that it was passed over and why (issue 11: the default year must
 * never silently be one with a missing month, nor silently step back).
 */
export function resolveYear(ws: Workspace, year: string | undefined, onWarning?: (w: Warning) => void): number {
  if (year !== undefined) {
    const y = parseFinancialYear(year);
    if (y === undefined) throw usageError('invalid --year', '--year', 'a financial year as YYYY/YY, e.g. 2016/17', JSON.stringify(year), 'the second part is the year after the first: 2016/17, not 2016/18');
    return y;
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

/** Parse --quarter (required by `swp report`); `latest` is resolved after loading the data. */
export function resolveQuarter(text: string): Quarter | 'latest' {
  if (text.trim().toLowerCase() === 'latest') return 'latest';
  const q = parseQuarter(text);
  if (!q) throw usageError('invalid --quarter', '--quarter', 'a financial quarter as YYYY/YY-Qn, e.g. 2016/17-Q3 (October to December 2016), or latest', JSON.stringify(text), 'quarters run April–June (Q1), July–September (Q2), October–December (Q3), January–March (Q4)');
  return q;
}

/** The latest quarter with any data, for messages. */
export function latestQuarter(ws: Workspace): string | undefined {
  const months = [...dataMonths(ws)].sort();
  const last = months[months.length - 1];
  if (!last) return undefined;
  const q = quarterOf(last);
  return `${financialYearLabel(q.startYear)}-Q${q.quarter}`;
}
