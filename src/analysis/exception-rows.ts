/**
 * The partnership's exceptions file (workspace exceptions.csv: owner, action and decision per indicator) against the
 * quarter's exceptions. Only exceptions are shown to the board, so a row for any other indicator would vanish without
 * a word: each such row is a located warning instead (file, line, indicator) with the likely reason — the indicator
 * is on track this quarter, or its id is misspelt ("did you mean", as the config's and the workshop scores' warnings
 * give it). A row whose id is not on the report at all is warned of and ignored, as workshop scores for a candidate
 * the config does not have are (src/ingest/assembly.ts): the partnership's own notes never stop a report.
 */
import { distance } from 'fastest-levenshtein';

import { didYouMean } from '../ingest/config.js';
import type { ExceptionActionRow } from '../ingest/workspace.js';
import type { Report } from '../model/contract.js';
import type { Warning } from '../model/errors.js';

/** "a", "a and b", "a, b and c". */
function list(ids: readonly string[]): string {
  return ids.length <= 1 ? (ids[0] ?? '') : `${ids.slice(0, -1).join(', ')} and ${ids[ids.length - 1]}`;
}

/**
 * "Did you mean", with the typo allowance measured on the id's last part: ids share long prefixes
 * ("recorded-crime."), so the config's allowance on the whole id would offer recorded-crime.all for any crime type.
 */
function guessId(id: string, known: readonly string[]): string | undefined {
  const guess = didYouMean(id, known);
  const last = id.slice(id.lastIndexOf('.') + 1);
  return guess !== undefined && distance(id, guess) <= Math.max(2, Math.floor(last.length / 3)) ? guess : undefined;
}

/** A row whose indicator the report does not have: most likely a misspelt id. */
function notOnReport(row: ExceptionActionRow, onReport: readonly string[]): Warning {
  const guess = guessId(row.indicator, onReport);
  return {
    message: `indicator "${row.indicator}" in the exceptions file is not on the board report: its row is ignored`,
    file: row.source.file,
    line: row.source.line,
    hint: guess
      ? `did you mean "${guess}"?`
      : `the report covers all recorded crime, anti-social behaviour and the indicators of the strategic priorities (${list(onReport)}): use one of their ids, or remove the row`,
  };
}

/**
 * A row for an indicator on the report that is not an exception this quarter; `uncovered` are the exceptions with no
 * row of their own in the file (the ids a misspelt row was most likely meant for).
 */
function notAnException(row: ExceptionActionRow, uncovered: readonly string[], quarter: string): Warning {
  const guess = guessId(row.indicator, uncovered);
  const instead = guess
    ? `; or, if the row is for another indicator, did you mean "${guess}"?`
    : uncovered.length > 0
      ? `; this quarter's exceptions without a row are ${list(uncovered)}`
      : '';
  return {
    message: `indicator "${row.indicator}" is not an exception in ${quarter}: its row in the exceptions file is not shown`,
    file: row.source.file,
    line: row.source.line,
    hint: `it is on track this quarter (no special-cause concern and no significant deterioration), so the row can wait until it is an exception${instead}`,
  };
}

/** Warnings for the rows of the exceptions file that the report does not show. */
export function exceptionRowWarnings(report: Pick<Report, 'rows' | 'exceptions' | 'quarter'>, rows: readonly ExceptionActionRow[] | undefined): Warning[] {
  const onReport = report.rows.map((r) => r.id);
  const exceptions = report.exceptions.map((e) => e.id);
  const given = new Set((rows ?? []).map((r) => r.indicator));
  const uncovered = exceptions.filter((id) => !given.has(id));
  const out: Warning[] = [];
  for (const row of rows ?? []) {
    if (exceptions.includes(row.indicator)) continue;
    out.push(onReport.includes(row.indicator) ? notAnException(row, uncovered, report.quarter.replace('-', ' ')) : notOnReport(row, onReport));
  }
  return out;
}
