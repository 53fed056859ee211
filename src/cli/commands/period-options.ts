/** Turning --year and --quarter into periods, with usage errors that say what was expected. */
import {
  addMonths,
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
import { ExitCode, SwpError } from '../../model/errors.js';
import { usageError } from '../run.js';

/**
 * Months with complete police.uk data for the partnership: every covering force has a street file for them
 * (src/ingest/coverage.ts), so that the default year and quarter never contain a missing force-month.
 */
function dataMonths(ws: Workspace): Set<string> {
  return new Set(ws.police ? ws.police.coverage.complete : []);
}

/** The financial year from --year, or the latest complete one in the data. */
export function resolveYear(ws: Workspace, year: string | undefined): number {
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
