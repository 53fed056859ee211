/**
 * The quarterly performance report's view model: one line per indicator grouped by strategic priority, the
 * exceptions with their SPC charts, and a small SPC chart per indicator. Built so a board member can grasp the
 * page in a minute: words carry every judgement, colour only repeats it.
 */
import { chargeRateSection } from './charge-rate-view.js';
import type { Config } from '../model/config.js';
import type { IndicatorResult, Report } from '../model/contract.js';
import type { ChartSet, Figure } from './charts-adapter.js';
import { disclosureStatement } from '../analysis/disclosure-plan.js';
import * as fmt from './format.js';
import { COMPARISON_WORDS, ragWord, targetText } from './words.js';
import { ragCounts } from '../analysis/targets.js';
import type { AnalystText, ExceptionActionRow } from '../ingest/workspace.js';
import { decisionsNeeded, exceptionVoice, reportCommentary } from './report-voice.js';

export interface ReportInputs {
  report: Report;
  config: Config;
  charts: ChartSet;
  css: string;
  /** The analyst's commentary and the exceptions' owners, actions and decisions (src/render/report-voice.ts). */
  analystText?: AnalystText | undefined;
  exceptionActions?: ExceptionActionRow[] | undefined;
}

/** Direction of travel from the year-to-date change, its significance and the polarity. */
function travel(r: IndicatorResult): { words: string; cls: string } {
  if (r.suppressed) return { words: 'Not shown [c]', cls: 'grey' };
  if (!r.change) return { words: 'No comparison', cls: 'grey' };
  // '=' rather than '↔': the embedded font (Source Sans 3's latin subset) has ↑ and ↓ but not ↔, which a PDF would
  // print in a fallback font.
  if (r.change.direction === 'no-significant-change') return { words: '= No significant change', cls: 'neutral' };
  const up = r.change.direction === 'increase';
  const arrow = up ? '\u2191' : '\u2193';
  if (r.polarity === 'no-judgement') return { words: `${arrow} ${up ? 'Significant increase' : 'Significant decrease'}`, cls: 'neutral' };
  const improving = (r.polarity === 'lower-is-better') !== up;
  return { words: `${arrow} ${improving ? 'Improving' : 'Worsening'}`, cls: improving ? 'improvement' : 'concern' };
}

/** A count or proportion cell from the report's rows. */
function cell(c: Report['rows'][number]['quarter'], proportion: boolean): string {
  if (c.status === 'suppressed') return fmt.GSS.suppressed;
  if (c.status === 'missing') return fmt.GSS.notAvailable;
  if (proportion) return c.value === null ? fmt.GSS.notAvailable : `${fmt.decimal(c.value)}%`;
  return fmt.count(c.count);
}

/** Build the view model of the quarterly report, section by section. */
export function reportView(input: ReportInputs) {
  const { report: r, config } = input;
  const byId = new Map(r.indicators.map((i) => [i.id, i]));
  // The charts are numbered in the order they are asked for: the exceptions' large charts, then the small ones.
  const exceptions = exceptionsSection(input, byId);
  const spcFigures = smallMultiples(input);
  const quarterLabel = r.period.label;
  return {
    title: `Performance report ${r.quarter}: ${config.partnership.name}`,
    description: `Quarterly performance report of ${config.partnership.name} for ${quarterLabel}.`,
    css: input.css,
    marking: config.document.protectiveMarking,
    brandName: config.branding.name ?? config.partnership.name,
    quarterLabel,
    periodText: `${config.area.name} (${config.area.code}), ${fmt.longDate(r.period.start)} to ${fmt.longDate(r.period.end)}.`,
    dataAsAt: r.dataAsAt,
    version: config.document.version,
    glance: atAGlance(r),
    headlines: [byId.get('recorded-crime.all')?.finding, byId.get('anti-social-behaviour')?.finding].filter((x): x is string => !!x),
    groups: indicatorGroups(r, config, byId),
    exceptions,
    chargeRate: chargeRateSection(r.chargeRate, config.area.name),
    exceptionsIntro: `${exceptions.length} indicator${exceptions.length === 1 ? ' needs' : 's need'} the board's attention: a special-cause concern in the quarter's months, or a statistically significant deterioration. Exceptions are about change, not targets: an indicator can be red against its target without being an exception, and the reverse.`,
    spcFigures,
    // The first row of the grid prints with the section's heading and intro (Chromium does not keep a heading with
    // a grid that follows it).
    spcLead: spcFigures.slice(0, 2),
    spcRest: spcFigures.slice(2),
    commentary: reportCommentary(input.analystText, r.quarter),
    decisions: decisionsNeeded(exceptions),
    spcTables: spcDataTables(r),
    notes: reportNotes(r, config),
  };
}

/** One indicator's line in the performance table: the quarter and year to date against last year, and the judgements. */
function indicatorLine(i: IndicatorResult, row: Report['rows'][number]) {
  const proportion = i.unit.startsWith('%');
  const t = travel(i);
  return {
    label: i.label,
    unitText: proportion ? i.unit : i.unit === 'reports' ? 'reports' : 'number',
    quarter: cell(row.quarter, proportion),
    lastYearQuarter: cell(row.lastYearQuarter, proportion),
    yearToDate: cell(row.yearToDate, proportion),
    lastYearToDate: cell(row.lastYearToDate, proportion),
    // A change is dropped when either count behind it is suppressed: [c], not [x].
    changeText: i.suppressed || i.previous?.count === null ? fmt.GSS.suppressed : fmt.change(i),
    travelWords: t.words,
    travelClass: t.cls,
    comparison: i.comparison,
    comparisonWords: COMPARISON_WORDS[i.comparison],
    rag: i.rag,
    ragWord: ragWord(i.rag),
    targetText: targetText(i),
  };
}

/** The performance table's groups: "Overall" (all crime, anti-social behaviour), then each priority's other indicators. */
function indicatorGroups(r: Report, config: Config, byId: Map<string, IndicatorResult>) {
  const rowsById = new Map(r.rows.map((x) => [x.id, x]));
  const lineOf = (i: IndicatorResult) => indicatorLine(i, rowsById.get(i.id)!);
  const used = new Set<string>();
  const groups: { label: string; rows: ReturnType<typeof indicatorLine>[] }[] = [];
  const overall = ['recorded-crime.all', 'anti-social-behaviour'].map((id) => byId.get(id)).filter((x): x is IndicatorResult => !!x);
  if (overall.length) {
    groups.push({ label: 'Overall', rows: overall.map(lineOf) });
    overall.forEach((i) => used.add(i.id));
  }
  for (const p of config.strategicPriorities) {
    const inds = p.indicators.map((id) => byId.get(id)).filter((x): x is IndicatorResult => !!x && !used.has(x.id));
    inds.forEach((i) => used.add(i.id));
    if (inds.length) groups.push({ label: p.label, rows: inds.map(lineOf) });
  }
  return groups;
}

/** The figures at a glance: indicators, improving, worsening, exceptions, and the RAG counts. */
function atAGlance(r: Report): { figure: string; label: string }[] {
  // The same statuses as the table's Target column (one function: analysis/targets.ts).
  const rag = ragCounts(r.indicators);
  const withTarget = r.indicators.length - rag.noTarget;
  const worsening = r.indicators.filter((i) => travel(i).cls === 'concern').length;
  const improving = r.indicators.filter((i) => travel(i).cls === 'improvement').length;
  return [
    { figure: String(r.indicators.length), label: 'indicators monitored' },
    { figure: String(improving), label: 'improving significantly (year to date)' },
    { figure: String(worsening), label: 'worsening significantly (year to date)' },
    { figure: String(r.exceptions.length), label: `exception${r.exceptions.length === 1 ? '' : 's'} for the board` },
    {
      figure: `${rag.green} / ${rag.amber} / ${rag.red}`,
      label: `green / amber / red: the ${withTarget} indicator${withTarget === 1 ? ' with a target' : 's with targets'}${rag.noData ? ` (${rag.noData} with no data yet)` : ''}`,
    },
  ];
}

/** The exceptions for the board, each with why it is here and its large SPC chart. */
function exceptionsSection(input: ReportInputs, byId: Map<string, IndicatorResult>) {
  return input.report.exceptions.map((e) => {
    const i = byId.get(e.id)!;
    const f = input.charts.spc(i, 'large');
    // The chart's numbers are in "Data for the monthly charts" at the end: the exceptions page stays short.
    return { label: i.label, reason: `Why it is here: ${e.reason}.`, finding: i.finding, figure: f ? { ...f, table: null } : null, ...exceptionVoice(input.exceptionActions, e.id) };
  });
}

/** A small SPC chart per indicator with a monthly series (their data are in `spcDataTables`). */
function smallMultiples(input: ReportInputs): Figure[] {
  const figures: Figure[] = [];
  for (const i of input.report.indicators) {
    const f = input.charts.spc(i, 'small');
    if (f) figures.push({ ...f, table: null });
  }
  return figures;
}

/** The data behind the monthly charts, as tables (a chart's data must be available as text): four series a table. */
function spcDataTables(r: Report): { caption: string; columns: string[]; rows: string[][] }[] {
  const withSpc = r.indicators.filter((i) => i.spc);
  const tables: { caption: string; columns: string[]; rows: string[][] }[] = [];
  for (let k = 0; k < withSpc.length; k += 4) {
    const chunk = withSpc.slice(k, k + 4);
    const months = chunk[0]!.spc!.points.map((p) => p.period);
    tables.push({
      caption: `Monthly numbers behind the charts: ${chunk.map((i) => i.label).join('; ')}`,
      columns: ['Month', ...chunk.map((i) => i.label)],
      rows: months.map((m) => [fmt.shortMonth(m), ...chunk.map((i) => {
        const p = i.spc!.points.find((x) => x.period === m);
        return p ? fmt.count(p.value, p.value === null && i.suppressed) : fmt.GSS.notAvailable;
      })]),
    });
  }
  return tables;
}

/** Notes on the methods and the data: year to date, significance, comparison, SPC, disclosure, coverage, indicators. */
function reportNotes(r: Report, config: Config): string[] {
  return [
    `Year to date: ${r.yearToDate.label}. "Same quarter last year" and "last year to date" are the same months a year earlier.`,
    'Change is tested for statistical significance: an exact test for two Poisson counts (counts) or a chi-squared test (proportions), at the 95% level.',
    'Comparison with England and Wales uses the latest financial year with a national figure and the Fingertips method: "better" or "worse" only when the 95% confidence interval excludes the national value.',
    'SPC charts follow NHS England "Making Data Count" (XmR limits, special-cause rules as in NHSRplotthedots).',
    disclosureStatement(config, r.indicators),
    ...(r.coverage && r.coverage.periodMissing.length > 0
      ? [`Incomplete police.uk data: ${r.coverage.missing.filter((g) => r.coverage!.periodMissing.includes(g.month)).map((g) => `${g.month} (no file from ${g.forces.join(', ') || 'any force'})`).join(', ')}; periods containing these months are shown as missing.`]
      : []),
    ...r.indicators.flatMap((i) => i.notes.filter((n) => !n.startsWith('compared with')).map((n) => `${i.label}: ${n}.`)),
  ];
}
