/** `swp priorities`: score and rank candidate priorities. */
import { financialYear } from '../../analysis/periods.js';
import { loadWorkspace } from '../../ingest/workspace.js';
import { ExitCode, type ExitCodeValue } from '../../model/errors.js';
import type { CommandContext } from '../run.js';
import { resolveYear } from './period-options.js';

export async function prioritiesCommand(ctx: CommandContext, opts: Record<string, unknown>): Promise<ExitCodeValue> {
  const ws = await loadWorkspace(ctx.workspace, { displayBase: ctx.io.cwd, onWarning: (w) => ctx.printer.warn(w) });
  const year = financialYear(resolveYear(ws, opts.year as string | undefined));
  const { candidates, criteria } = ws.config.priorities;
  ctx.printer.info(`${candidates.length} candidate priorities, ${criteria.length} criteria, financial year ${year.label}`);
  ctx.printer.info('the scoring stage is not built yet: inputs were loaded and checked.');
  return ExitCode.OK;
}
