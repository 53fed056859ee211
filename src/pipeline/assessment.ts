/**
 * The annual strategic assessment, as a specification of the pipeline (./index.ts): the year, what is computed
 * (indicators, then the weighted priorities), and the files' names and titles; with --public-summary a second
 * document of the same set. A batch (--all-areas, --areas) writes one set per area, each in its own folder.
 */
import { join } from 'node:path';
import { buildAssessment, pooledOverYears } from '../analysis/assessment.js';
import { chooseYear } from '../analysis/period-choice.js';
import { financialYear } from '../analysis/periods.js';
import { localAuthorities, readPoliceForAreas, workspaceForArea, type Workspace } from '../ingest/workspace.js';
import { assessmentSchema, type Assessment } from '../model/contract.js';
import { slugify, type PoliceUkData } from '../model/data.js';
import { ExitCode, SwpError, type ExitCodeValue } from '../model/errors.js';
import { VERSION } from '../model/version.js';
import { scorePriorities } from '../priorities/index.js';
import { assessmentTitle } from '../render/assessment-view.js';
import { createChartSet } from '../render/charts-adapter.js';
import { dataNotes } from '../render/data-notes.js';
import { renderAssessmentHtml, renderPublicSummaryHtml } from '../render/document.js';
import { scoringView } from '../render/scoring-view.js';
import type { SharedBrowser } from './browser.js';
import { commitFiles } from '../files/atomic.js';
import { csvFolderFiles, writeDocumentSet, type DocumentSet } from './files.js';
import type { AssessmentRun, Reporter } from './run.js';
import { warningsExit } from './warnings.js';
import { loadRunWorkspace } from './workspace.js';
import { shownPath } from '../files/paths.js';
import { batchPlaces, preparePlaces } from './places.js';
import { prepareStopSearch } from './stop-search.js';
import { prepareOutcomes } from './outcomes.js';

/** What every assessment of a run shares: the run, the year and the browser, and the assessments written. */
interface AssessContext {
  run: AssessmentRun;
  reporter: Reporter;
  startYear: number;
  shared: SharedBrowser | undefined;
  /** The assessments written, for --fail-on-warnings. */
  written: Assessment[];
}

/** The assessment (or, with --all-areas / --areas, a batch of them). */
export async function writeAssessments(run: AssessmentRun, reporter: Reporter, shared: SharedBrowser | undefined): Promise<ExitCodeValue> {
  // A batch reads the geography once for all its areas (assessAreas), not first for the configured area alone.
  const ws = await loadRunWorkspace(run, reporter, { deferPlaces: run.areas !== undefined });
  const cx: AssessContext = { run, reporter, startYear: chooseYear(ws, run.year, (w) => reporter.warn(w)), shared, written: [] };
  if (run.areas === undefined) {
    const assessment = await writeAssessment(cx, ws, run.outDir);
    if (run.stdout) reporter.out(JSON.stringify(assessment, null, 2));
  } else {
    await assessAreas(cx, ws, run.areas);
  }
  return warningsExit(reporter, run.failOnWarnings, cx.written);
}

/** The file name (without extension) of the assessment of the financial year starting in `startYear`: "assessment-2016-17". */
function assessmentFileName(startYear: number): string {
  return `assessment-${financialYear(startYear).label.replace('/', '-')}`;
}

/** Compute, score and write one partnership's assessment (and public summary); returns it with the paths written. */
async function writeAssessment(cx: AssessContext, ws: Workspace, dir: string, quiet = false): Promise<Assessment & { written: string[] }> {
  const { run, reporter, startYear } = cx;
  if (!quiet) reporter.info(`strategic assessment for ${ws.config.partnership.name}, financial year ${financialYear(startYear).label}`);
  if (!quiet) reporter.step('analysing');
  const places = await preparePlaces(ws, startYear);
  await prepareStopSearch(ws, startYear);
  await prepareOutcomes(ws, financialYear(startYear), (w) => reporter.warn(w));
  const computed = buildAssessment(ws, startYear, { dataAsAt: run.dataAsAt, version: VERSION });
  const scoring = scorePriorities(computed.indicators, ws.config, ws.scores);
  // Parsing our own output against the published contract catches a drift before any script downstream does.
  const assessment = assessmentSchema.parse({ ...computed, priorities: scoring.priorities, warnings: [...computed.warnings, ...scoring.notes] });
  // The full document and the public summary link to each other by relative address (both are written in `dir`).
  const name = assessmentFileName(startYear);
  const ext = run.formats.has('html') ? 'html' : 'pdf';
  // The public summary is its own document (templates/public, renderPublicSummaryHtml below), not this one.
  const render = () =>
    renderAssessmentHtml(
      {
        assessment,
        config: ws.config,
        planReview: ws.planReview,
        consultation: ws.consultation,
        scoring: scoringView(assessment.priorities, scoring),
        charts: createChartSet(ws.config.area.name),
        dataNotes: dataNotes(ws),
        analystText: ws.analystText,
        actionPlan: ws.actionPlan,
        publicSummaryHref: run.publicSummary ? `${name}-public.${ext}` : undefined,
        places,
      },
      { config: ws.config, workspaceRoot: ws.root, displayBase: run.displayBase },
    );
  // The file names carry the year, so that documents of two years in one folder never mix (a JSON of one year
  // beside the PDF of another).
  const set: DocumentSet = {
    name,
    json: assessment,
    documents: [{ name, title: assessmentTitle(assessment, false), html: render }],
    tables: (exp) => ({ tables: exp.assessmentTables(assessment), meta: exp.assessmentMeta(assessment, { contact: ws.config.document.author ?? null, protectiveMarking: ws.config.document.protectiveMarking }) }),
  };
  const renderPublic = () =>
    renderPublicSummaryHtml(
      { assessment, config: ws.config, consultation: ws.consultation, actionPlan: ws.actionPlan, fullDocumentHref: `${name}.${ext}` },
      { config: ws.config, workspaceRoot: ws.root, displayBase: run.displayBase },
    );
  if (run.publicSummary) set.documents.push({ name: `${name}-public`, title: assessmentTitle(assessment, true), html: renderPublic });
  const written = await writeDocumentSet(run, reporter, ws, dir, set, cx.shared, quiet);
  cx.written.push(assessment);
  return { ...assessment, written };
}

/** Batch: every local authority in the population file (or those named), one browser, a few pages at a time. */
async function assessAreas(cx: AssessContext, ws: Workspace, wanted: 'all' | string[]): Promise<void> {
  const { run, reporter } = cx;
  const areas = batchAreas(ws, wanted);
  // The configured partnership was read with its own area filter; the police.uk files are read once more for all the others together.
  const others = areas.filter((a) => a.code !== ws.config.area.code);
  const police: Array<PoliceUkData | undefined> = (await readPoliceForAreas(ws, others)) ?? [];
  const places = await batchPlaces(ws, areas, areas.map((a) => (a.code === ws.config.area.code ? ws.police : police[others.indexOf(a)])), cx.startYear, (w) => reporter.warn(w));
  const summary: { area: string; code: string; folder: string; files: string[] }[] = [];
  const progress = reporter.progress(areas.length);
  let next = 0;
  const worker = async () => {
    while (next < areas.length) {
      const area = areas[next++]!;
      const k = others.indexOf(area);
      const i = areas.indexOf(area);
      const own = places[i];
      const areaWs = k < 0 ? { ...ws, ...(own ? { places: own } : {}) } : workspaceForArea(ws, area, police[k], own);
      // Let go of each area's counts and geography once its workspace holds them.
      if (k >= 0) police[k] = undefined;
      places[i] = undefined;
      // Pooled multi-year rows (Fingertips' "all areas" exports) are not figures the assessment shows.
      const hasData = (areaWs.police?.tally.inArea ?? 0) > 0 || areaWs.measures.some((m) => m.areaCode === area.code && !pooledOverYears(m));
      if (hasData) {
        const folder = join(run.outDir, slugify(area.name));
        const files = await writeAssessment(cx, areaWs, folder, true);
        summary.push({ area: area.name, code: area.code, folder, files: files.written });
      } else {
        reporter.warn({ message: `${area.name} skipped: no police.uk rows and no measures for it in the inputs` });
      }
      progress.tick(area.name);
    }
  };
  await Promise.all(Array.from({ length: Math.min(run.jobs, areas.length) }, worker));
  progress.done();
  const dir = run.outDir;
  if (run.formats.has('csv') && cx.written.length > 0) await writeStackedTables(cx, `${assessmentFileName(cx.startYear)}-all-areas`);
  const skipped = areas.length - summary.length;
  const where = shownPath(run.displayBase, dir);
  reporter.info(`${summary.length} area${summary.length === 1 ? '' : 's'} written in ${where}, ${skipped} skipped${skipped > 0 ? ' (see the warnings above)' : ''}`);
  if (run.stdout) reporter.out(JSON.stringify({ areas: summary.sort((a, b) => a.area.localeCompare(b.area)).map((x) => ({ ...x, folder: shownPath(run.displayBase, x.folder), files: x.files.map((f) => shownPath(run.displayBase, f)) })) }));
}

/**
 * The batch's data tables stacked, one CSV per table over all areas written (`<out>/<name>-data/`), so Power BI, R
 * or DuckDB load one file instead of one per area (issue 15).
 */
async function writeStackedTables(cx: AssessContext, name: string): Promise<void> {
  const exp = await import('../render/export/index.js');
  const stacked = exp.stackTables([...cx.written].sort((a, b) => a.area.name.localeCompare(b.area.name)).map((a) => exp.assessmentTables(a)));
  const folder = exp.csvFolder(cx.run.outDir, name);
  const title = `Strategic assessments ${financialYear(cx.startYear).label}: data tables of all areas in the batch`;
  const files = csvFolderFiles(exp, folder, title, stacked, cx.run.csvSymbols, 'Each area\'s own tables, with notes, are in its folder.');
  await commitFiles(files, { displayBase: cx.run.displayBase, replaceFolders: [folder] });
  cx.reporter.info(`wrote ${shownPath(cx.run.displayBase, folder)} (every table stacked over ${cx.written.length} areas)`);
}

/** The areas of a batch: every local authority in the population file, or those named (names or ONS codes). */
function batchAreas(ws: Workspace, wanted: 'all' | string[]): { name: string; code: string }[] {
  const all = localAuthorities(ws);
  if (wanted === 'all') return all;
  return wanted.map((w) => all.find((a) => a.name.toLowerCase() === w.toLowerCase() || a.code === w) ?? unknownArea(w, all));
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
