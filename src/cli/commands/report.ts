/**
 * `swp report --quarter`: the quarterly board performance report.
 *
 * Light on purpose, as ./assess.ts: the options are checked and the browser starts before the pipeline
 * (./report-run.ts) is loaded.
 */
import type { ExitCodeValue } from '../../model/errors.js';
import type { CommandContext } from '../context.js';
import { withBrowser } from './documents.js';
import { checkOutDir, dataAsAt, parseFormats, parseTimeout } from './output.js';
import { resolveQuarter } from './period-options.js';

export async function reportCommand(ctx: CommandContext, opts: Record<string, unknown>): Promise<ExitCodeValue> {
  // Check the flags before reading any data: a typo should fail fast.
  const wanted = resolveQuarter(String(opts.quarter));
  const formats = parseFormats(opts.format);
  const asAt = dataAsAt(ctx, opts.date);
  parseTimeout(opts.timeout);
  await checkOutDir(ctx);
  return withBrowser(ctx, opts, formats, async (shared) => (await import('./report-run.js')).runReport(ctx, opts, { wanted, formats, asAt }, shared));
}
