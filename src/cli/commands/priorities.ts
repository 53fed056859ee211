/** `swp priorities`: score and rank candidate priorities with the weighted criteria of the config. */
import { buildAssessment } from '../../analysis/assessment.js';
import { chooseYear } from '../../analysis/period-choice.js';
import { financialYear } from '../../analysis/periods.js';
import { loadWorkspace } from '../../ingest/workspace.js';
import { ExitCode, type ExitCodeValue } from '../../model/errors.js';
import { formatCsv, formatTable, scorePriorities } from '../../priorities/index.js';
import { VERSION, type CommandContext } from '../context.js';
import { prioritiesOptions } from '../options.js';

export async function prioritiesCommand(ctx: CommandContext, flags: unknown): Promise<ExitCodeValue> {
  const options = prioritiesOptions(ctx, flags);
  const ws = await loadWorkspace(ctx.workspace, { displayBase: ctx.io.cwd, onWarning: (w) => ctx.printer.warn(w) });
  const startYear = chooseYear(ws, options.year);
  const assessment = buildAssessment(ws, startYear, { dataAsAt: options.dataAsAt, version: VERSION });
  const result = scorePriorities(assessment.indicators, ws.config, ws.scores);
  ctx.printer.info(`candidate priorities for ${ws.config.partnership.name}, financial year ${financialYear(startYear).label}`);
  switch (options.format) {
    case 'json':
      ctx.printer.out(JSON.stringify({ year: financialYear(startYear).label, priorities: result.priorities, statement: result.statement, notes: result.notes }, null, 2));
      break;
    case 'csv':
      ctx.printer.out(formatCsv(result));
      break;
    default:
      ctx.printer.out(formatTable(result));
  }
  return ExitCode.OK;
}
