/** `swp report --quarter`: the quarterly board performance report. */
import { quarterRange } from '../../analysis/periods.js';
import { loadWorkspace } from '../../ingest/workspace.js';
import { ExitCode, type ExitCodeValue } from '../../model/errors.js';
import type { CommandContext } from '../run.js';
import { resolveQuarter } from './period-options.js';

export async function reportCommand(ctx: CommandContext, opts: Record<string, unknown>): Promise<ExitCodeValue> {
  // Check the flag before reading any data: a typo should fail fast.
  const quarter = resolveQuarter(String(opts.quarter));
  const ws = await loadWorkspace(ctx.workspace, { displayBase: ctx.io.cwd, onWarning: (w) => ctx.printer.warn(w) });
  const range = quarterRange(quarter);
  ctx.printer.info(`performance report for ${ws.config.partnership.name}, ${range.label}`);
  ctx.printer.info('the analysis and document stages are not built yet: inputs were loaded and checked.');
  return opts.failOnWarnings && ctx.printer.warnings.length > 0 ? ExitCode.WARNINGS : ExitCode.OK;
}
