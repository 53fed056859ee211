/** `swp report`, once its options are checked and its browser is starting (./report.ts): the quarterly board performance report. */
import { join } from 'node:path';
import { quarterId, quarterRange, type Quarter } from '../../analysis/periods.js';
import { buildReport } from '../../analysis/report.js';
import { loadWorkspace } from '../../ingest/workspace.js';
import { reportSchema } from '../../model/contract.js';
import { ExitCode, SwpError, type ExitCodeValue } from '../../model/errors.js';
import { VERSION, type CommandContext } from '../context.js';
import { dataTableFiles, jsonText, outDir, type OutputFormat } from './output.js';
import { commitFiles, produceDocuments, type SharedBrowser } from './documents.js';
import { createChartSet } from '../../render/charts-adapter.js';
import { renderReportHtml } from '../../render/document.js';
import { warningsExit } from './fail-on-warnings.js';
import { latestCompleteQuarter, passedOverQuarters } from './period-options.js';

/** The quarterly report for `wanted` (a quarter, or the latest complete one) in `formats`, with the run's browser if PDFs are wanted. */
export async function runReport(
  ctx: CommandContext,
  opts: Record<string, unknown>,
  run: { wanted: Quarter | 'latest'; formats: Set<OutputFormat>; asAt: string },
  shared: SharedBrowser | undefined,
): Promise<ExitCodeValue> {
  const { wanted, formats, asAt } = run;
  const ws = await loadWorkspace(ctx.workspace, { displayBase: ctx.io.cwd, onWarning: (w) => ctx.printer.warn(w) });
  const quarter = wanted === 'latest' ? latestCompleteQuarter(ws) : wanted;
  if (!quarter) {
    throw new SwpError(ExitCode.INPUT, { message: 'no complete quarter in the police.uk data', expected: 'three months of a financial quarter', found: 'none', hint: 'name the quarter with --quarter YYYY/YY-Qn' });
  }
  if (wanted === 'latest') for (const w of passedOverQuarters(ws, quarter)) ctx.printer.warn(w);
  const range = quarterRange(quarter);
  // A quarter past the data is refused; a quarter inside it with a missing force-month is reported with the period
  // marked missing and a note naming the months (src/analysis/sources.ts).
  const span = ws.police?.coverage.span;
  if (ws.police && (!span || range.end > span.end || range.end < span.start)) {
    throw new SwpError(ExitCode.INPUT, {
      message: `no police.uk data for the end of ${quarterId(quarter)} (${range.end})`,
      expected: `street-level files up to ${range.end}`,
      found: span ? `data from ${span.start} to ${span.end}` : 'no months',
      hint: 'choose a quarter inside the data, or add the missing months',
    });
  }
  ctx.printer.info(`performance report for ${ws.config.partnership.name}, ${range.label}`);
  const report = reportSchema.parse(buildReport(ws, quarter, { dataAsAt: asAt, version: VERSION }));
  const name = `report-${quarterId(quarter).replace('/', '-')}`;
  const dir = outDir(ctx);
  const html = () =>
    renderReportHtml({ report, config: ws.config, charts: createChartSet(ws.config.area.name) }, { config: ws.config, workspaceRoot: ws.root, displayBase: ctx.io.cwd });
  // Everything is produced first and written last: a failure anywhere writes nothing.
  const files = await produceDocuments(ctx, ws, dir, formats, [{ name, title: `Performance report ${quarterId(quarter)}: ${ws.config.partnership.name}`, html }], opts, shared);
  if (formats.has('json')) files.unshift({ path: join(dir, `${name}.json`), data: jsonText(report) });
  const replaceFolders: string[] = [];
  if (formats.has('csv') || formats.has('xlsx')) {
    const exp = await import('../../render/export/index.js');
    const meta = exp.reportMeta(report, { contact: ws.config.document.author ?? null, protectiveMarking: ws.config.document.protectiveMarking });
    const tables = await dataTableFiles(dir, name, formats, exp.reportTables(report), meta);
    files.push(...tables.files);
    replaceFolders.push(...tables.folders);
  }
  await commitFiles(ctx, files, { replaceFolders });
  if (opts.stdout) ctx.printer.out(JSON.stringify(report, null, 2));
  return warningsExit(ctx, opts.failOnWarnings, [report]);
}
