/** `swp validate`: load the config and every input, then print what was found. */
import { loadWorkspace, type Workspace } from '../../ingest/workspace.js';
import { logoDataUri } from '../../render/document.js';
import { loadTemplates, overrideDir } from '../../render/templates.js';
import { homeOfficeCoverage } from '../../analysis/home-office.js';
import { monthsBetween } from '../../analysis/periods.js';
import { describeDisclosure } from '../../analysis/disclosure-plan.js';
import type { FileSummary, InputKind } from '../../model/data.js';
import { ExitCode, type ExitCodeValue } from '../../model/errors.js';
import type { CommandContext } from '../context.js';
import { validateOptions } from '../options.js';
import { coverageReport } from './validate-coverage.js';
import { findConfig, loadConfig } from '../../ingest/config.js';
import { dirname } from 'node:path';
import { ExitCode as Exit, SwpError } from '../../model/errors.js';
import { missingInputs, missingLines, type MissingInput } from './validate-missing.js';

const KIND_LABEL: Record<InputKind, string> = {
  'police-uk-street': 'police.uk street-level crime',
  'police-uk-outcomes': 'police.uk outcomes (read when a document is made)',
  'police-uk-stop-search': 'police.uk stop and search (read when a document is made)',
  'census-ethnicity': 'Census 2021 ethnic group',
  'home-office-csp': 'Home Office CSP table',
  measures: 'measures',
  population: 'population',
  'plan-review': "last year's plan",
  consultation: 'consultation',
  scores: 'workshop scores',
  'action-plan': 'action plan',
  exceptions: "exceptions' actions",
  places: 'geography (maps)',
};

const n = (x: number) => x.toLocaleString('en-GB');

/** One line per input kind: files, rows, periods covered. */
function summaryLines(summaries: FileSummary[]): string[] {
  const byKind = new Map<InputKind, FileSummary[]>();
  for (const s of summaries) byKind.set(s.kind, [...(byKind.get(s.kind) ?? []), s]);
  const lines: string[] = [];
  for (const [kind, list] of byKind) {
    const rows = list.reduce((a, s) => a + s.rows, 0);
    const firsts = list.map((s) => s.firstPeriod).filter((x): x is string => !!x).sort();
    const lasts = list.map((s) => s.lastPeriod).filter((x): x is string => !!x).sort();
    const period = firsts.length ? `${firsts[0]} to ${lasts[lasts.length - 1]}` : '';
    lines.push(
      `  ${KIND_LABEL[kind].padEnd(36)} ${String(list.length).padStart(4)} file${list.length === 1 ? ' ' : 's'} ${n(rows).padStart(10)} rows   ${period}`,
    );
  }
  return lines;
}

/** Print the validation summary for a loaded workspace. */
function describeWorkspace(ws: Workspace): string[] {
  const { config } = ws;
  const lines = [`${config.partnership.name}: ${config.area.name} (${config.area.code})`, '', 'Inputs'];
  lines.push(...summaryLines(ws.summaries));
  // Which edition of a published workbook was read (the Home Office table is revised with each edition).
  for (const s of ws.summaries) if (s.note?.startsWith('workbook')) lines.push(`    ${s.file}: ${s.note}`);
  if (ws.police) {
    const t = ws.police.tally;
    lines.push(
      '',
      `police.uk rows: ${n(t.rows)} read; ${n(t.inArea)} in ${config.area.name} (${n(ws.police.byLsoa.size)} LSOAs); ${n(t.outOfArea)} in other areas; ${n(t.noLocation)} with no location; ${n(t.duplicates)} duplicates dropped`,
    );
    for (const [force, months] of [...ws.police.monthsByForce].sort(([a], [b]) => a.localeCompare(b))) {
      const sorted = [...months].sort();
      const all = monthsBetween(sorted[0]!, sorted[sorted.length - 1]!);
      const missing = all.filter((m) => !months.has(m));
      lines.push(
        `  ${force}: ${sorted.length} months, ${sorted[0]} to ${sorted[sorted.length - 1]}${missing.length ? `; missing ${missing.join(', ')}` : ', none missing'}`,
      );
    }
  }
  const measureIds = [...new Set(ws.measures.map((m) => m.indicator))].sort();
  if (measureIds.length) {
    const areas = new Set(ws.measures.map((m) => m.areaCode));
    lines.push('', `measures: ${measureIds.length} indicators for ${areas.size} areas: ${measureIds.join(', ')}`);
  }
  if (ws.population.length) {
    const years = ws.population.map((p) => p.year).sort((a, b) => a - b);
    const areas = new Set(ws.population.map((p) => p.areaCode));
    lines.push(`population: ${areas.size} areas, mid-year ${years[0]} to ${years[years.length - 1]}`);
  }
  if (ws.homeOffice.length) {
    const csps = new Set(ws.homeOffice.map((r) => r.cspName));
    const years = [...new Set(ws.homeOffice.map((r) => r.financialYear))].sort();
    lines.push(`Home Office CSP table: ${csps.size} partnerships, ${years[0]} to ${years[years.length - 1]}`);
    lines.push(...homeOfficeCoverage(ws));
  }
  lines.push(...describeDisclosure(config, measureIds, !!ws.police));
  return lines;
}

export async function validateCommand(ctx: CommandContext, flags: unknown): Promise<ExitCodeValue> {
  const options = validateOptions(flags);
  const { printer } = ctx;
  const missing = await stillMissing(ctx);
  const ws = await loadWorkspace(ctx.workspace, { displayBase: ctx.io.cwd, onWarning: (w) => printer.warn(w) });
  // The document settings too: template overrides (inside the workspace, and compiling) and the logo.
  const overrides = overrideDir(ws.root, ws.config.document.templates);
  for (const kind of ['assessment', 'report'] as const) loadTemplates(kind, overrides, ctx.io.cwd);
  logoDataUri(ws.config, ws.root);
  const coverage = await coverageReport(ws);
  for (const w of coverage.warnings) printer.warn(w);
  for (const line of [...describeWorkspace(ws), ...coverage.lines]) printer.info(line);
  if (missing.length > 0) printer.info('');
  for (const line of missingLines(missing)) printer.info(line);
  const count = printer.warnings.length;
  printer.info('');
  printer.info(
    count === 0
      ? printer.style('green', 'OK: the config and every input are valid.')
      : `${printer.style('green', 'OK:')} the config and every input are valid, with ${count} warning${count === 1 ? '' : 's'} (above).`,
  );
  return options.failOnWarnings && count > 0 ? ExitCode.WARNINGS : ExitCode.OK;
}

/**
 * What the workspace still lacks (./validate-missing.ts). When a needed input is missing, the list is printed and
 * validation stops there (exit 3): reading the empty folders would only repeat it as errors. Otherwise the optional
 * ones are returned, to be listed after the summary.
 */
async function stillMissing(ctx: CommandContext): Promise<MissingInput[]> {
  const configFile = findConfig(ctx.workspace, ctx.io.cwd);
  const config = await loadConfig(configFile, ctx.io.cwd);
  const missing = await missingInputs(config, dirname(configFile), ctx.io.cwd);
  const needed = missing.filter((m) => m.needed).length;
  if (needed === 0) return missing;
  for (const line of missingLines(missing)) ctx.printer.info(line);
  throw new SwpError(Exit.INPUT, {
    message: `the workspace is not ready yet: ${needed} needed input${needed === 1 ? ' is' : 's are'} still missing (listed above, in the order to fill them in)`,
    hint: "follow the steps above, then run `swp validate` again; each folder's README.md says what goes there and where to download it",
  });
}
