/** `swp assess`: the annual strategic assessment. */
import { join } from 'node:path';
import { buildAssessment } from '../../analysis/assessment.js';
import { financialYear } from '../../analysis/periods.js';
import { loadWorkspace } from '../../ingest/workspace.js';
import { assessmentSchema } from '../../model/contract.js';
import { ExitCode, type ExitCodeValue } from '../../model/errors.js';
import { VERSION, type CommandContext } from '../run.js';
import { dataAsAt, outDir, parseFormats, writeJson } from './output.js';
import { resolveYear } from './period-options.js';

export async function assessCommand(ctx: CommandContext, opts: Record<string, unknown>): Promise<ExitCodeValue> {
  const formats = parseFormats(opts.format);
  const asAt = dataAsAt(ctx, opts.date);
  const ws = await loadWorkspace(ctx.workspace, { displayBase: ctx.io.cwd, onWarning: (w) => ctx.printer.warn(w) });
  const startYear = resolveYear(ws, opts.year as string | undefined);
  ctx.printer.info(`strategic assessment for ${ws.config.partnership.name}, financial year ${financialYear(startYear).label}`);
  // Parsing our own output against the published contract catches a drift before any script downstream does.
  const assessment = assessmentSchema.parse(buildAssessment(ws, startYear, { dataAsAt: asAt, version: VERSION }));
  if (formats.has('json')) await writeJson(ctx, join(outDir(ctx), 'assessment.json'), assessment);
  if (formats.has('pdf') || formats.has('html')) {
    ctx.printer.warn({ message: 'PDF and HTML documents are not built yet in this version: use --format json' });
  }
  if (opts.stdout) ctx.printer.out(JSON.stringify(assessment, null, 2));
  return opts.failOnWarnings && ctx.printer.warnings.length > 0 ? ExitCode.WARNINGS : ExitCode.OK;
}
