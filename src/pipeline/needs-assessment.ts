/**
 * The Serious Violence Duty strategic needs assessment, as a specification of the pipeline (./index.ts): the
 * financial year (named, or the latest complete one, as the assessment's), what is computed, and the files' names
 * and titles: needs-assessment-2016-17 (.json, .html, .pdf, .xlsx, -data/).
 */
import { buildNeedsAssessment } from '../analysis/needs-assessment.js';
import { chooseYear } from '../analysis/period-choice.js';
import { financialYear } from '../analysis/periods.js';
import { needsAssessmentSchema } from '../model/contract-needs.js';
import type { ExitCodeValue } from '../model/errors.js';
import { VERSION } from '../model/version.js';
import { createChartSet } from '../render/charts-adapter.js';
import { renderNeedsHtml } from '../render/document.js';
import { needsTitle } from '../render/needs-view.js';
import type { SharedBrowser } from './browser.js';
import { writeDocumentSet, type DocumentSet } from './files.js';
import type { NeedsAssessmentRun, Reporter } from './run.js';
import { warningsExit } from './warnings.js';
import { loadRunWorkspace } from './workspace.js';

export async function writeNeedsAssessment(run: NeedsAssessmentRun, reporter: Reporter, shared: SharedBrowser | undefined): Promise<ExitCodeValue> {
  const ws = await loadRunWorkspace(run, reporter);
  const startYear = chooseYear(ws, run.year, (w) => reporter.warn(w));
  reporter.info(`serious violence needs assessment for ${ws.config.partnership.name}, financial year ${financialYear(startYear).label}`);
  reporter.step('analysing');
  const built = buildNeedsAssessment(ws, startYear, { dataAsAt: run.dataAsAt, version: VERSION });
  // Parsing our own output against the published contract catches a drift before any script downstream does.
  const needs = needsAssessmentSchema.parse(built.needs);
  const name = `needs-assessment-${financialYear(startYear).label.replace('/', '-')}`;
  const html = () =>
    renderNeedsHtml(
      { needs, config: ws.config, charts: createChartSet(ws.config.area.name), analystText: ws.analystText, ...(built.drawing ? { drawing: built.drawing } : {}) },
      { config: ws.config, workspaceRoot: ws.root, displayBase: run.displayBase },
    );
  const set: DocumentSet = {
    name,
    json: needs,
    documents: [{ name, title: needsTitle(needs), html }],
    tables: (exp) => ({ tables: exp.needsTables(needs), meta: exp.needsMeta(needs, { contact: ws.config.document.author ?? null, protectiveMarking: ws.config.document.protectiveMarking }) }),
  };
  await writeDocumentSet(run, reporter, ws, run.outDir, set, shared);
  if (run.stdout) reporter.out(JSON.stringify(needs, null, 2));
  return warningsExit(reporter, run.failOnWarnings, [{ warnings: needs.warnings, indicators: [...(needs.violence.total ? [needs.violence.total] : []), ...needs.violence.byType] }]);
}
