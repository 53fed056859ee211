/** `swp assess`: the annual strategic assessment. The analysis and rendering stages plug in here. */
import { financialYear } from '../../analysis/periods.js';
import { loadWorkspace } from '../../ingest/workspace.js';
import { ExitCode, type ExitCodeValue } from '../../model/errors.js';
import type { CommandContext } from '../run.js';
import { resolveYear } from './period-options.js';

export async function assessCommand(ctx: CommandContext, opts: Record<string, unknown>): Promise<ExitCodeValue> {
  const ws = await loadWorkspace(ctx.workspace, { displayBase: ctx.io.cwd, onWarning: (w) => ctx.printer.warn(w) });
  const year = financialYear(resolveYear(ws, opts.year as string | undefined));
  ctx.printer.info(`strategic assessment for ${ws.config.partnership.name}, financial year ${year.label} (${year.start} to ${year.end})`);
  ctx.printer.info('the analysis and document stages are not built yet: inputs were loaded and checked.');
  return opts.failOnWarnings && ctx.printer.warnings.length > 0 ? ExitCode.WARNINGS : ExitCode.OK;
}
