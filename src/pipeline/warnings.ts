/**
 * The exit code of a document run: `--fail-on-warnings` (exit 6) fails on every warning printed while the inputs
 * were read and on every warning the documents carry (src/analysis/document-warnings.ts), which are printed here so
 * the user sees why the run failed.
 */
import { documentWarnings, type DocumentLike } from '../analysis/document-warnings.js';
import { ExitCode, type ExitCodeValue } from '../model/errors.js';
import type { Reporter } from './run.js';

export function warningsExit(reporter: Reporter, failOnWarnings: boolean, docs: readonly (DocumentLike & { area?: { name: string } })[]): ExitCodeValue {
  if (!failOnWarnings) return ExitCode.OK;
  for (const doc of docs) {
    for (const w of documentWarnings(doc)) reporter.warn({ message: `in the document${docs.length > 1 && doc.area ? ` for ${doc.area.name}` : ''}: ${w}` });
  }
  return reporter.warnings.length > 0 ? ExitCode.WARNINGS : ExitCode.OK;
}
