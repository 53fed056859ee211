/**
 * The quarterly board performance report, as a specification of the pipeline (./index.ts): the quarter (named, or
 * the latest complete one), what is computed, and the files' name and title.
 */
import { latestCompleteQuarter, passedOverQuarters } from '../analysis/period-choice.js';
import { exceptionRowWarnings } from '../analysis/exception-rows.js';
import { quarterId, quarterRange, samePeriodLastYear, yearToDate, type Quarter } from '../analysis/periods.js';
import { prepareOutcomes } from './outcomes.js';
import { buildReport } from '../analysis/report.js';
import type { Workspace } from '../ingest/workspace.js';
import { reportSchema } from '../model/contract.js';
import { ExitCode, SwpError, type ExitCodeValue } from '../model/errors.js';
import { createChartSet } from '../render/charts-adapter.js';
import { renderReportHtml } from '../render/document.js';
import type { SharedBrowser } from './browser.js';
import { writeDocumentSet, type DocumentSet } from './files.js';
import { VERSION } from '../model/version.js';
import { loadRunWorkspace } from './workspace.js';
import type { Reporter, ReportRun } from './run.js';
import { warningsExit } from './warnings.js';

/** Write the report of the run's quarter. */
export async function writeReport(run: ReportRun, reporter: Reporter, shared: SharedBrowser | undefined): Promise<ExitCodeValue> {
  const ws = await loadRunWorkspace(run, reporter);
  const quarter = chooseQuarter(ws, run.quarter, reporter);
  reporter.info(`performance report for ${ws.config.partnership.name}, ${quarterRange(quarter).label}`);
  reporter.step('analysing');
  // The crimes of last year's first quarter to this quarter, with their outcomes, for the charge/summons section.
  await prepareOutcomes(ws, { start: samePeriodLastYear(yearToDate(quarter)).start, end: quarterRange(quarter).end }, (w) => reporter.warn(w));
  const report = reportSchema.parse(buildReport(ws, quarter, { dataAsAt: run.dataAsAt, version: VERSION }));
  for (const w of exceptionRowWarnings(report, ws.exceptionActions)) reporter.warn(w);
  await writeDocumentSet(run, reporter, ws, run.outDir, reportSet(run, ws, quarter, report), shared);
  if (run.stdout) reporter.out(JSON.stringify(report, null, 2));
  return warningsExit(reporter, run.failOnWarnings, [report]);
}

/**
 * The quarter to report: the one named, or the latest complete one (with a warning for each later quarter passed
 * over). A quarter past the data is refused; a quarter inside it with a missing force-month is reported with the
 * period marked missing and a note naming the months (src/analysis/sources.ts).
 */
function chooseQuarter(ws: Workspace, wanted: Quarter | 'latest', reporter: Reporter): Quarter {
  const quarter = wanted === 'latest' ? latestCompleteQuarter(ws) : wanted;
  if (!quarter) {
    throw new SwpError(ExitCode.INPUT, { message: 'no complete quarter in the police.uk data', expected: 'three months of a financial quarter', found: 'none', hint: 'name the quarter with --quarter YYYY/YY-Qn' });
  }
  if (wanted === 'latest') for (const w of passedOverQuarters(ws, quarter)) reporter.warn(w);
  const range = quarterRange(quarter);
  const span = ws.police?.coverage.span;
  if (ws.police && (!span || range.end > span.end || range.end < span.start)) {
    throw new SwpError(ExitCode.INPUT, {
      message: `no police.uk data for the end of ${quarterId(quarter)} (${range.end})`,
      expected: `street-level files up to ${range.end}`,
      found: span ? `data from ${span.start} to ${span.end}` : 'no months',
      hint: 'choose a quarter inside the data, or add the missing months',
    });
  }
  return quarter;
}

/** The report's files: `report-2016-17-Q3` (.json, .html, .pdf, .xlsx, -data/). */
function reportSet(run: ReportRun, ws: Workspace, quarter: Quarter, report: ReturnType<typeof reportSchema.parse>): DocumentSet {
  const name = `report-${quarterId(quarter).replace('/', '-')}`;
  const html = () =>
    renderReportHtml({ report, config: ws.config, charts: createChartSet(ws.config.area.name), analystText: ws.analystText, exceptionActions: ws.exceptionActions }, { config: ws.config, workspaceRoot: ws.root, displayBase: run.displayBase });
  return {
    name,
    json: report,
    documents: [{ name, title: `Performance report ${quarterId(quarter)}: ${ws.config.partnership.name}`, html }],
    tables: (exp) => ({ tables: exp.reportTables(report), meta: exp.reportMeta(report, { contact: ws.config.document.author ?? null, protectiveMarking: ws.config.document.protectiveMarking }) }),
  };
}
