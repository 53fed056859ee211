/**
 * The document pipeline: workspace → analysis → view model → rendered files (HTML, PDF, JSON, CSV/xlsx) → commit,
 * for every document swp writes. A document is a specification of it (./assessment.ts, ./report.ts): the period,
 * what is computed, the files' names and titles; the stages are shared (./workspace.ts, ./files.ts, ./browser.ts).
 *
 * This module is light on purpose: the browser starts (when PDFs are wanted) before the specification, and with it
 * the analysis and render modules, is even loaded, so that Chromium's start-up (~0.3–1 s) overlaps loading the
 * modules and reading the data rather than coming after them.
 */
import type { ExitCodeValue } from '../model/errors.js';
import { withBrowser } from './browser.js';
import type { AssessmentRun, NeedsAssessmentRun, Reporter, ReportRun } from './run.js';

export { OUTPUT_FORMATS, type AssessmentRun, type DocumentRun, type NeedsAssessmentRun, type OutputFormat, type Reporter, type ReportRun } from './run.js';

/** The strategic assessment, or a batch of them (`swp assess`). */
export function runAssessment(run: AssessmentRun, reporter: Reporter): Promise<ExitCodeValue> {
  return withBrowser(run, reporter, async (shared) => (await import('./assessment.js')).writeAssessments(run, reporter, shared)).finally(() => reporter.step(undefined));
}

/** The quarterly board report (`swp report`). */
export function runReport(run: ReportRun, reporter: Reporter): Promise<ExitCodeValue> {
  return withBrowser(run, reporter, async (shared) => (await import('./report.js')).writeReport(run, reporter, shared)).finally(() => reporter.step(undefined));
}

/** The Serious Violence Duty strategic needs assessment (`swp needs-assessment`). */
export function runNeedsAssessment(run: NeedsAssessmentRun, reporter: Reporter): Promise<ExitCodeValue> {
  return withBrowser(run, reporter, async (shared) => (await import('./needs-assessment.js')).writeNeedsAssessment(run, reporter, shared)).finally(() => reporter.step(undefined));
}
