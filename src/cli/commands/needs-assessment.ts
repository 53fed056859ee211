/** `swp needs-assessment`: the Serious Violence Duty strategic needs assessment of a financial year. */
import { checkOutputFolder } from '../../files/atomic.js';
import type { ExitCodeValue } from '../../model/errors.js';
import { runNeedsAssessment } from '../../pipeline/index.js';
import type { CommandContext } from '../context.js';
import { needsAssessmentRun } from '../options.js';

export async function needsAssessmentCommand(ctx: CommandContext, flags: unknown): Promise<ExitCodeValue> {
  // Every flag is checked before any data are read: a typo should fail fast.
  const run = needsAssessmentRun(ctx, flags);
  await checkOutputFolder(run.outDir, ctx.io.cwd);
  return runNeedsAssessment(run, ctx.printer);
}
