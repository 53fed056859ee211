/** `swp assess`: the annual strategic assessment (and, with --public-summary, its public summary). */
import { join } from 'node:path';
import { buildAssessment } from '../../analysis/assessment.js';
import { financialYear } from '../../analysis/periods.js';
import { loadWorkspace } from '../../ingest/workspace.js';
import { CRITERION_IDS } from '../../model/config.js';
import { assessmentSchema } from '../../model/contract.js';
import { ExitCode, type ExitCodeValue } from '../../model/errors.js';
import { scorePriorities } from '../../priorities/index.js';
import { createChartSet } from '../../render/charts-adapter.js';
import { renderAssessmentHtml } from '../../render/document.js';
import { VERSION, type CommandContext } from '../run.js';
import { dataNotes, writeDocuments } from './documents.js';
import { dataAsAt, outDir, parseFormats, writeJson } from './output.js';
import { resolveYear } from './period-options.js';

const CRITERION_LABELS: Record<(typeof CRITERION_IDS)[number], string> = {
  volume: 'Volume',
  trend: 'Trend',
  'national-comparison': 'Compared with England and Wales',
  harm: 'Harm',
  'public-concern': 'Public concern',
  vulnerability: 'Vulnerability',
  'capacity-to-influence': 'Capacity to influence',
};

export async function assessCommand(ctx: CommandContext, opts: Record<string, unknown>): Promise<ExitCodeValue> {
  const formats = parseFormats(opts.format);
  const asAt = dataAsAt(ctx, opts.date);
  const ws = await loadWorkspace(ctx.workspace, { displayBase: ctx.io.cwd, onWarning: (w) => ctx.printer.warn(w) });
  const startYear = resolveYear(ws, opts.year as string | undefined);
  const year = financialYear(startYear);
  ctx.printer.info(`strategic assessment for ${ws.config.partnership.name}, financial year ${year.label}`);

  const computed = buildAssessment(ws, startYear, { dataAsAt: asAt, version: VERSION });
  const scoring = scorePriorities(computed.indicators, ws.config, ws.scores);
  // Parsing our own output against the published contract catches a drift before any script downstream does.
  const assessment = assessmentSchema.parse({ ...computed, priorities: scoring.priorities, warnings: [...computed.warnings, ...scoring.notes] });

  const dir = outDir(ctx);
  if (formats.has('json')) await writeJson(ctx, join(dir, 'assessment.json'), assessment);
  const render = (publicSummary: boolean) => () =>
    renderAssessmentHtml(
      {
        assessment,
        config: ws.config,
        planReview: ws.planReview,
        consultation: ws.consultation,
        scoring: {
          priorities: assessment.priorities,
          criteria: scoring.weights.map((w) => ({ id: w.criterion, label: CRITERION_LABELS[w.criterion], weight: w.normalised })),
          statement: scoring.statement,
          notes: scoring.notes,
        },
        charts: createChartSet(ws.config.area.name),
        dataNotes: dataNotes(ws),
        publicSummary,
      },
      { config: ws.config, workspaceRoot: ws.root, displayBase: ctx.io.cwd },
    );
  const docs = [{ name: 'assessment', title: `Strategic assessment ${year.label}: ${ws.config.partnership.name}`, html: render(false) }];
  if (opts.publicSummary) docs.push({ name: 'assessment-public', title: `Strategic assessment ${year.label}, public summary: ${ws.config.partnership.name}`, html: render(true) });
  await writeDocuments(ctx, ws, dir, formats, docs, opts);
  if (opts.stdout) ctx.printer.out(JSON.stringify(assessment, null, 2));
  return opts.failOnWarnings && ctx.printer.warnings.length > 0 ? ExitCode.WARNINGS : ExitCode.OK;
}
