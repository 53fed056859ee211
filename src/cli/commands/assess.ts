/** `swp assess`: the annual strategic assessment (and, with --public-summary, its public summary), or a batch of them. */
import { checkOutputFolder } from '../../files/atomic.js';
import type { ExitCodeValue } from '../../model/errors.js';
import { runAssessment } from '../../pipeline/index.js';
import type { CommandContext } from '../context.js';
import { assessRun } from '../options.js';

export async function assessCommand(ctx: CommandContext, flags: unknown): Promise<ExitCodeValue> {
  const run = assessRun(ctx, flags);
  // Fail early, before any data are read, when the output folder cannot be written (exit code OUTPUT).
  await checkOutputFolder(run.outDir, ctx.io.cwd);
  return runAssessment(run, ctx.printer);
}
