/**
 * `swp assess`: the annual strategic assessment (and, with --public-summary, its public summary).
 *
 * This module is kept light on purpose: it checks the options and starts the browser (when PDFs are wanted) before
 * the analysis pipeline (./assess-run.ts) is even loaded, so that Chromium's start-up (~0.3–1 s) overlaps loading the
 * modules and reading the data rather than coming after them.
 */
import type { ExitCodeValue } from '../../model/errors.js';
import { usageError, type CommandContext } from '../context.js';
import { withBrowser } from './documents.js';
import { checkOutDir, dataAsAt, parseFormats, parseTimeout } from './output.js';

export async function assessCommand(ctx: CommandContext, opts: Record<string, unknown>): Promise<ExitCodeValue> {
  const formats = parseFormats(opts.format);
  const asAt = dataAsAt(ctx, opts.date);
  parseTimeout(opts.timeout);
  const jobs = parseJobs(opts.jobs);
  await checkOutDir(ctx);
  return withBrowser(ctx, opts, formats, async (shared) => (await import('./assess-run.js')).runAssess(ctx, opts, { formats, asAt, jobs }, shared));
}

function parseJobs(value: unknown): number {
  const n = Number(value ?? 2);
  if (!Number.isInteger(n) || n < 1 || n > 16) throw usageError('invalid --jobs', '--jobs', 'a whole number from 1 to 16', JSON.stringify(value), 'e.g. --jobs 2 (documents printed at the same time)');
  return n;
}
