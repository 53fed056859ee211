/**
 * The exit code of a document command: `--fail-on-warnings` (exit 6) fails on every warning printed while the
 * inputs were read and on every warning the documents carry (src/analysis/document-warnings.ts), which are printed
 * here so the user sees why the run failed.
 */
import { documentWarnings, type DocumentLike } from '../../analysis/document-warnings.js';
import { ExitCode, type ExitCodeValue } from '../../model/errors.js';
import type { CommandContext } from '../context.js';

export function warningsExit(ctx: CommandContext, failOnWarnings: unknown, docs: readonly (DocumentLike & { area?: { name: string } })[]): ExitCodeValue {
  if (!failOnWarnings) return ExitCode.OK;
  for (const doc of docs) {
    for (const w of documentWarnings(doc)) ctx.printer.warn({ message: `in the document${docs.length > 1 && doc.area ? ` for ${doc.area.name}` : ''}: ${w}` });
  }
  return ctx.printer.warnings.length > 0 ? ExitCode.WARNINGS : ExitCode.OK;
}
