/** `swp report --quarter`: the quarterly board performance report. */
import { checkOutputFolder } from '../../files/atomic.js';
import type { ExitCodeValue } from '../../model/errors.js';
import { runReport } from '../../pipeline/index.js';
import type { CommandContext } from '../context.js';
import { reportRun } from '../options.js';

export async function reportCommand(ctx: CommandContext, flags: unknown): Promise<ExitCodeValue> {
  // Every flag is checked before any data are read: a typo should fail fast.
  const run = reportRun(ctx, flags);
  await checkOutputFolder(run.outDir, ctx.io.cwd);
  return runReport(run, ctx.printer);
}
