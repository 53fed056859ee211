/**
 * Two small tables the partnership writes for the year ahead and for the board:
 * - action-plan.csv: the draft action plan that ends the assessment (`priority,action,owner,measure`);
 * - exceptions.csv: for the quarterly report, who acts on an indicator when it is an exception, what they will do and
 *   what the board is asked to decide (`indicator,owner,action,decision`), keyed by indicator id.
 *
 * Read by header like the other workspace tables (./workspace-tables.ts); problems are located (file, line, column).
 */
import type { FileSummary, InputKind, SourceRef } from '../../model/data.js';
import type { ColumnSpec } from '../header.js';
import { DuplicateTracker, readTable, tidyText, type FormatReadOptions, type Layout, type RowContext } from './table-reader.js';

/** One action of the plan for the year ahead. */
export interface ActionPlanRow {
  /** A strategic priority or candidate id, or the priority's words ('' when not given). */
  priority: string;
  action: string;
  /** Lead agency or officer ('' when not yet agreed). */
  owner: string;
  /** How progress will be measured ('' when not yet agreed). */
  measure: string;
  source: SourceRef;
}

/** What the board is told about an indicator when it is an exception in the quarterly report. */
export interface ExceptionActionRow {
  /** Indicator id, as in the config. */
  indicator: string;
  owner: string;
  action: string;
  /** What the board is asked to decide. */
  decision: string;
  source: SourceRef;
}

const ACTION_PLAN_KIND: InputKind = 'action-plan';
export const ACTION_PLAN_COLUMNS: ColumnSpec[] = [
  { name: 'priority', aliases: ['priority', 'strategic priority'], required: true },
  { name: 'action', aliases: ['action'], required: true },
  { name: 'owner', aliases: ['owner', 'lead'], required: true },
  { name: 'measure', aliases: ['measure', 'measure of success', 'success measure', 'indicator'], required: true },
];

const EXCEPTIONS_KIND: InputKind = 'exceptions';
export const EXCEPTIONS_COLUMNS: ColumnSpec[] = [
  { name: 'indicator', aliases: ['indicator', 'indicator id'], required: true },
  { name: 'owner', aliases: ['owner', 'lead'], required: true },
  { name: 'action', aliases: ['action', 'action taken'], required: true },
  { name: 'decision', aliases: ['decision', 'decision needed', 'board decision', 'ask of the board'], required: true },
];

const INDICATOR_RE = /^[a-z0-9-]+(\.[a-z0-9-]+)*$/;

/**
 * Read action-plan.csv.
 *
 * @throws SwpError(INPUT) for a header that does not match, a file without data rows, or an empty action.
 */
export async function readActionPlan(path: string, options: FormatReadOptions = {}): Promise<{ rows: ActionPlanRow[]; summary: FileSummary }> {
  const rows: ActionPlanRow[] = [];
  const layout: Layout = { id: ACTION_PLAN_KIND, formatName: 'action plan', columns: ACTION_PLAN_COLUMNS };
  const onRow = (ctx: RowContext): void => {
    const action = ctx.requiredText('action', 'an action', 'say what will be done, e.g. "Extend taxi marshals to Thursday nights"');
    if (ctx.bad || !action.ok) return;
    rows.push({ priority: tidyText(ctx.raw('priority')), action: action.value, owner: tidyText(ctx.raw('owner')), measure: tidyText(ctx.raw('measure')), source: { file: ctx.file, line: ctx.line } });
  };
  await readTable(path, options, [layout], onRow);
  const owned = rows.filter((r) => r.owner !== '').length;
  return { rows, summary: { file: options.displayPath ?? path, kind: ACTION_PLAN_KIND, rows: rows.length, note: `${owned} with an owner` } };
}

/**
 * Read exceptions.csv: one row per indicator.
 *
 * @throws SwpError(INPUT) for a header that does not match, a file without data rows, a bad indicator id, an
 *   indicator given twice, or a row with neither an action nor a decision.
 */
export async function readExceptionActions(path: string, options: FormatReadOptions = {}): Promise<{ rows: ExceptionActionRow[]; summary: FileSummary }> {
  const rows: ExceptionActionRow[] = [];
  const seen = new DuplicateTracker();
  const layout: Layout = { id: EXCEPTIONS_KIND, formatName: 'exceptions', columns: EXCEPTIONS_COLUMNS };
  const onRow = (ctx: RowContext): void => {
    const indicator = ctx.raw('indicator').trim();
    if (!INDICATOR_RE.test(indicator)) {
      ctx.problem('indicator', {
        message: indicator === '' ? 'the indicator is empty' : 'the indicator is not an indicator id',
        expected: 'an indicator id as in swp.config.yaml, e.g. recorded-crime.burglary',
        hint: "use the indicator's id, not its label",
      });
    } else {
      const first = seen.check(indicator, ctx.line);
      if (first !== undefined) ctx.problem('indicator', { message: `the indicator is given twice (first on line ${first})`, expected: 'one row per indicator', hint: 'merge the two rows' });
    }
    const action = tidyText(ctx.raw('action'));
    const decision = tidyText(ctx.raw('decision'));
    if (action === '' && decision === '') {
      ctx.problem('action', { message: 'the row has neither an action nor a decision', expected: 'an action, a decision for the board, or both', hint: 'remove the row, or say what is being done' });
    }
    if (ctx.bad) return;
    rows.push({ indicator, owner: tidyText(ctx.raw('owner')), action, decision, source: { file: ctx.file, line: ctx.line } });
  };
  await readTable(path, options, [layout], onRow);
  return { rows, summary: { file: options.displayPath ?? path, kind: EXCEPTIONS_KIND, rows: rows.length } };
}
