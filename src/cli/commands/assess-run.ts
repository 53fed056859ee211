/**
 * `swp assess`, once its options are checked and its browser is starting (./assess.ts): read the workspace, compute,
 * score and write the strategic assessment of the partnership, or of every area of a batch.
 */
import { buildAssessment } from '../../analysis/assessment.js';
import { financialYear } from '../../analysis/periods.js';
import { join, relative } from 'node:path';
import { loadWorkspace, localAuthorities, readPoliceForAreas, workspaceForArea, type Workspace } from '../../ingest/workspace.js';
import { CRITERION_IDS } from '../../model/config.js';
import { assessmentSchema, type Assessment } from '../../model/contract.js';
import { slugify, type PoliceUkData } from '../../model/data.js';
import { ExitCode, SwpError, type ExitCodeValue } from '../../model/errors.js';
import { scorePriorities } from '../../priorities/index.js';
import { createChartSet } from '../../render/charts-adapter.js';
import { assessmentTitle } from '../../render/assessment-view.js';
import { renderAssessmentHtml } from '../../render/document.js';
import { VERSION, type CommandContext } from '../context.js';
import { commitFiles, dataNotes, produceDocuments, type SharedBrowser } from './documents.js';
import { dataTableFiles, jsonText, outDir, type OutputFormat } from './output.js';
import { warningsExit } from './fail-on-warnings.js';
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

/** What every assessment of a run shares: the command's context and options, the year, and the browser. */
interface AssessRun {
  ctx: CommandContext;
  opts: Record<string, unknown>;
  formats: Set<OutputFormat>;
  asAt: string;
  startYear: number;
  shared: SharedBrowser | undefined;
  /** The assessments written, for --fail-on-warnings. */
  written: Assessment[];
}

/** The assessment (or, with --all-areas / --areas, a batch of them) in `formats`, with the run's browser if PDFs are wanted. */
export async function runAssess(
  ctx: CommandContext,
  opts: Record<string, unknown>,
  options: { formats: Set<OutputFormat>; asAt: string; jobs: number },
  shared: SharedBrowser | undefined,
): Promise<ExitCodeValue> {
  const ws = await loadWorkspace(ctx.workspace, { displayBase: ctx.io.cwd, onWarning: (w) => ctx.printer.warn(w) });
  const run: AssessRun = { ctx, opts, formats: options.formats, asAt: options.asAt, startYear: resolveYear(ws, opts.year as string | undefined, (w) => ctx.printer.warn(w)), shared, written: [] };
  const dir = outDir(ctx);
  if (!opts.allAreas && opts.areas === undefined) {
    const assessment = await writeAssessment(run, ws, dir);
    if (opts.stdout) ctx.printer.out(JSON.stringify(assessment, null, 2));
    return warningsExit(ctx, opts.failOnWarnings, run.written);
  }
  return assessAreas(run, ws, dir, options.jobs);
}

/** Batch: every local authority in the population file (or those named), one browser, a few pages at a time. */
async function assessAreas(run: AssessRun, ws: Workspace, dir: string, jobs: number): Promise<ExitCodeValue> {
  const { ctx, opts } = run;
  const all = localAuthorities(ws);
  const wanted = typeof opts.areas === 'string' ? opts.areas.split(',').map((x) => x.trim()).filter(Boolean) : undefined;
  const areas = wanted ? wanted.map((w) => all.find((a) => a.name.toLowerCase() === w.toLowerCase() || a.code === w) ?? unknownArea(w, all)) : all;
  // The configured partnership was read with its own area filter; the police.uk files are read once more for all the others together.
  const others = areas.filter((a) => a.code !== ws.config.area.code);
  const police: Array<PoliceUkData | undefined> = (await readPoliceForAreas(ws, others)) ?? [];
  const summary: { area: string; code: string; folder: string; files: string[] }[] = [];
  const progress = ctx.printer.progress(areas.length);
  let next = 0;
  const worker = async () => {
    while (next < areas.length) {
      const area = areas[next++]!;
      const k = others.indexOf(area);
      const areaWs = k < 0 ? ws : workspaceForArea(ws, area, police[k]);
      // Let go of each area's counts once its workspace holds them.
      if (k >= 0) police[k] = undefined;
      const hasData = (areaWs.police?.tally.inArea ?? 0) > 0 || areaWs.measures.some((m) => m.areaCode === area.code);
      if (!hasData) {
        ctx.printer.warn({ message: `${area.name} skipped: no police.uk rows and no measures for it in the inputs` });
        progress.tick(area.name);
        continue;
      }
      const folder = join(dir, slugify(area.name));
      const files = await writeAssessment(run, areaWs, folder, true);
      summary.push({ area: area.name, code: area.code, folder, files: files.written });
      progress.tick(area.name);
    }
  };
  await Promise.all(Array.from({ length: Math.min(jobs, areas.length) }, worker));
  progress.done();
  ctx.printer.info(`wrote documents for ${summary.length} area${summary.length === 1 ? '' : 's'} in ${relative(ctx.io.cwd, dir) || dir}`);
  if (opts.stdout) ctx.printer.out(JSON.stringify({ areas: summary.sort((a, b) => a.area.localeCompare(b.area)).map((x) => ({ ...x, folder: relative(ctx.io.cwd, x.folder), files: x.files.map((f) => relative(ctx.io.cwd, f)) })) }));
  return warningsExit(ctx, opts.failOnWarnings, run.written);
}

function unknownArea(name: string, all: { name: string; code: string }[]): never {
  throw new SwpError(ExitCode.USAGE, {
    message: `unknown area "${name}"`,
    keyPath: '--areas',
    expected: `local authorities in the population file: ${all.map((a) => a.name).join(', ')}`,
    found: JSON.stringify(name),
    hint: 'give names or ONS codes separated by commas, or use --all-areas',
  });
}

/** The file name (without extension) of the assessment of the financial year starting in `startYear`: "assessment-2016-17". */
export function assessmentFileName(startYear: number): string {
  return `assessment-${financialYear(startYear).label.replace('/', '-')}`;
}

/** Compute, score and write one partnership's assessment (and public summary) in the formats asked for. */
async function writeAssessment(run: AssessRun, ws: Workspace, dir: string, quiet = false): Promise<Assessment & { written: string[] }> {
  const { ctx, opts, formats, asAt, startYear, shared } = run;
  const year = financialYear(startYear);
  if (!quiet) ctx.printer.info(`strategic assessment for ${ws.config.partnership.name}, financial year ${year.label}`);
  const computed = buildAssessment(ws, startYear, { dataAsAt: asAt, version: VERSION });
  const scoring = scorePriorities(computed.indicators, ws.config, ws.scores);
  // Parsing our own output against the published contract catches a drift before any script downstream does.
  const assessment = assessmentSchema.parse({ ...computed, priorities: scoring.priorities, warnings: [...computed.warnings, ...scoring.notes] });
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
  // The file names carry the year, so that documents of two years in one folder never mix (a JSON of one year
  // beside the PDF of another).
  const name = assessmentFileName(startYear);
  const docs = [{ name, title: assessmentTitle(assessment, false), html: render(false) }];
  if (opts.publicSummary) docs.push({ name: `${name}-public`, title: assessmentTitle(assessment, true), html: render(true) });
  // Everything is produced first and written last: a failure anywhere writes nothing.
  const files = await produceDocuments(ctx, ws, dir, formats, docs, opts, shared);
  if (formats.has('json')) files.unshift({ path: join(dir, `${name}.json`), data: jsonText(assessment) });
  const replaceFolders: string[] = [];
  if (formats.has('csv') || formats.has('xlsx')) {
    const exp = await import('../../render/export/index.js');
    const meta = exp.assessmentMeta(assessment, { contact: ws.config.document.author ?? null, protectiveMarking: ws.config.document.protectiveMarking });
    const tables = await dataTableFiles(dir, name, formats, exp.assessmentTables(assessment), meta);
    files.push(...tables.files);
    replaceFolders.push(...tables.folders);
  }
  const written = await commitFiles(ctx, files, { quiet, replaceFolders });
  run.written.push(assessment);
  return { ...assessment, written };
}
