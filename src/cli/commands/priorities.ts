/** `swp priorities`: score and rank candidate priorities with the weighted criteria of the config. */
import { buildAssessment } from '../../analysis/assessment.js';
import { financialYear } from '../../analysis/periods.js';
import { loadWorkspace } from '../../ingest/workspace.js';
import { ExitCode, type ExitCodeValue } from '../../model/errors.js';
import { formatCsv, formatTable, scorePriorities } from '../../priorities/index.js';
import { VERSION, type CommandContext } from '../context.js';
import { dataAsAt } from './output.js';
import { resolveYear } from './period-options.js';

export async function prioritiesCommand(ctx: CommandContext, opts: Record<string, unknown>): Promise<ExitCodeValue> {
  const ws = await loadWorkspace(ctx.workspace, { displayBase: ctx.io.cwd, onWarning: (w) => ctx.printer.warn(w) });
  const startYear = resolveYear(ws, opts.year as string | undefined);
  const assessment = buildAssessment(ws, startYear, { dataAsAt: dataAsAt(ctx, undefined), version: VERSION });
  const result = scorePriorities(assessment.indicators, ws.config, ws.scores);
  ctx.printer.info(`candidate priorities for ${ws.config.partnership.name}, financial year ${financialYear(startYear).label}`);
  switch (opts.format) {
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
