/**
 * The quarterly board performance report's numbers: each monitored indicator this quarter, year to date, the same
 * periods last year, change and its significance, comparison with England and Wales over the latest 12 months,
 * direction of travel, RAG against the (annual) target on the rolling 12 months, SPC, and the exceptions.
 */
import { coverageOf } from './coverage.js';
import { chargeRateOf } from './outcomes.js';
import type { Workspace } from '../ingest/workspace.js';
import type { IndicatorResult, Report } from '../model/contract.js';
import type { DocumentOptions } from './assessment.js';
import { documentHeader, indicatorIds, latestYearWithData } from './assessment.js';
import type { IndicatorDefinition } from './catalogue.js';
import { applyDisclosure } from './disclosure-apply.js';
import { DisclosurePlan } from './disclosure-plan.js';
import { reportFinding } from './findings.js';
import { changeBetween, computeIndicator, estimate, toPeriod } from './indicator.js';
import { financialYear, monthName, quarterId, quarterRange, rolling12, samePeriodLastYear, yearToDate, type MonthRange, type Quarter } from './periods.js';
import { DataSource } from './sources.js';
import { targetStatus } from './targets.js';

/** Indicators on the board's report: those under a strategic priority, plus all crime and ASB. */
function monitored(ws: Workspace, all: IndicatorDefinition[]): IndicatorDefinition[] {
  const wanted = new Set<string>(['recorded-crime.all', 'anti-social-behaviour']);
  for (const p of ws.config.strategicPriorities) for (const id of p.indicators) wanted.add(id);
  return all.filter((d) => wanted.has(d.id));
}

/** The periods a report reads: the quarter, the year to date, the same two a year earlier, the latest 12 months. */
interface ReportPeriods {
  quarter: Quarter;
  q: MonthRange;
  ytd: MonthRange;
  r12: MonthRange;
  qLast: MonthRange;
  ytdLast: MonthRange;
}

/** What a report computes for one indicator, before disclosure control. */
interface IndicatorReport {
  result: IndicatorResult;
  /** The latest complete financial year with a national figure (for the finding), or null. */
  fy: IndicatorResult | null;
  row: Report['rows'][number];
  /** The quarter's change on the same quarter last year, when both are published. */
  quarterChange?: IndicatorResult['change'];
}

/**
 * The latest complete financial year with an England and Wales comparison: benchmarks are annual, so a part-year
 * rate is never compared with an annual one.
 */
function latestNationalYear(def: IndicatorDefinition, source: DataSource, quarter: Quarter): ReturnType<typeof computeIndicator> | null {
  const { config } = source.ws;
  for (let y = quarter.startYear - (quarter.quarter === 4 ? 0 : 1); y >= quarter.startYear - 3; y--) {
    const c = computeIndicator(def, financialYear(y), { config, source, startYear: y });
    if (c.national && c.comparison !== 'not-compared') return c;
  }
  return null;
}

/**
 * The figure a target is judged on: the latest 12 months, or, for a measure published with a lag (proven
 * reoffending), the latest financial year with data, as the strategic assessment does (latestYearWithData), so that
 * both documents give an indicator the same status (targets.ts).
 */
function targetFigure(def: IndicatorDefinition, source: DataSource, p: ReportPeriods, latest12: ReturnType<typeof computeIndicator>): ReturnType<typeof computeIndicator> {
  if (latest12.count !== null || def.source !== 'measures') return latest12;
  const { config } = source.ws;
  const lastYear = p.quarter.startYear - (p.quarter.quarter === 4 ? 0 : 1);
  const { year } = latestYearWithData(def, source, config.area.code, lastYear);
  const fy = computeIndicator(def, financialYear(year), { config, source, startYear: year });
  if (fy.count === null) return latest12;
  const figure = def.type === 'count' ? fy.count : fy.value;
  return { ...fy, rag: targetStatus(figure, def.target, def.polarity, config.rag, `${fy.period.label}, the latest available`) };
}

/** One indicator's figures for the report: the headline (year to date), RAG, benchmark and the row of cells. */
function reportIndicator(def: IndicatorDefinition, source: DataSource, plan: DisclosurePlan, p: ReportPeriods): IndicatorReport {
  const { config } = source.ws;
  const startYear = p.quarter.startYear;
  // The indicator's headline is the year to date: its change and significance read against last year's.
  const base = computeIndicator(def, p.ytd, { config, source, startYear });
  // RAG compares the latest 12 months with the (annual) target.
  const latest12 = computeIndicator(def, p.r12, { config, source, startYear });
  const fy = latestNationalYear(def, source, p.quarter);
  const judged = targetFigure(def, source, p, latest12);
  const result: IndicatorResult = {
    ...base,
    national: fy?.national ?? null,
    comparison: fy?.comparison ?? 'not-compared',
    rag: plan.rag(def, judged),
    finding: '',
  };
  if (judged !== latest12 && def.target !== null) result.notes.push(`target judged on ${judged.period.label}, the latest year published`);
  if (fy) result.notes.push(`compared with ${fy.national!.label} over ${fy.period.label}, the latest financial year with a national figure`);
  const cell = (range: MonthRange) => {
    const o = source.observe(def, config.area.code, range);
    if (o.status === 'suppressed' || plan.decide(def, range).suppressed) return { count: null, value: null, status: 'suppressed' as const };
    if (o.status === 'missing') return { count: null, value: null, status: 'missing' as const };
    const est = estimate(def, o);
    return { count: o.count, value: est?.value ?? null, status: 'ok' as const };
  };
  const row = { id: def.id, quarter: cell(p.q), yearToDate: cell(p.ytd), lastYearQuarter: cell(p.qLast), lastYearToDate: cell(p.ytdLast) };
  const out: IndicatorReport = { result, fy: fy ? { ...fy, finding: '' } : null, row };
  // The quarter's change is only used when both quarters are published: its direction says something about them.
  if (row.quarter.status === 'ok' && row.lastYearQuarter.status === 'ok') {
    out.quarterChange = changeBetween(def, source.observe(def, config.area.code, p.qLast), source.observe(def, config.area.code, p.q));
  }
  return out;
}

/**
 * Exceptions, from the published figures only: special-cause concern in this quarter's months, or a significant
 * deterioration year to date (or this quarter) against last year.
 */
function exceptionsOf(safe: readonly IndicatorResult[], plan: DisclosurePlan, q: MonthRange, quarterChanges: ReadonlyMap<string, IndicatorResult['change']>): Report['exceptions'] {
  const exceptions: Report['exceptions'] = [];
  for (const result of safe) {
    const def = plan.define(result.id);
    const quarterSignals = result.spc?.signals.filter((s) => s.period >= q.start && s.period <= q.end && s.meaning === 'concern') ?? [];
    const qChange = quarterChanges.get(result.id) ?? null;
    const worse = (c: IndicatorResult['change']) =>
      c !== null && ((def.polarity === 'lower-is-better' && c.direction === 'increase') || (def.polarity === 'higher-is-better' && c.direction === 'decrease'));
    const reasons: string[] = [];
    if (quarterSignals.length > 0) reasons.push(`special-cause concern in ${[...new Set(quarterSignals.map((s) => monthName(s.period)))].join(', ')} (${[...new Set(quarterSignals.map((s) => s.rule.replace(/_/g, ' ')))].join(', ')})`);
    if (worse(result.change)) reasons.push('significant deterioration year to date against last year');
    else if (worse(qChange)) reasons.push('significant deterioration this quarter against the same quarter last year');
    if (reasons.length > 0) exceptions.push({ id: result.id, reason: reasons.join('; ') });
  }
  return exceptions;
}

/** Compute the report for a financial quarter. */
export function buildReport(ws: Workspace, quarter: Quarter, options: DocumentOptions): Report {
  const source = new DataSource(ws);
  // One disclosure decision for every figure of the report: headline, rows, trend, SPC, RAG (./disclosure-plan.ts).
  const plan = new DisclosurePlan(source);
  const q = quarterRange(quarter);
  const ytd = yearToDate(quarter);
  const periods: ReportPeriods = { quarter, q, ytd, r12: rolling12(q.end), qLast: samePeriodLastYear(q), ytdLast: samePeriodLastYear(ytd) };
  const computed = monitored(ws, indicatorIds(ws, source)).map((def) => reportIndicator(def, source, plan, periods));
  const quarterChanges = new Map<string, IndicatorResult['change']>();
  for (const c of computed) if (c.quarterChange !== undefined) quarterChanges.set(c.result.id, c.quarterChange);

  const safe = applyDisclosure(computed.map((c) => c.result), plan);
  const fyResults = computed.map((c) => c.fy).filter((x): x is IndicatorResult => x !== null);
  const safeFy = new Map(applyDisclosure(fyResults, plan).map((x) => [x.id, x]));
  for (const r of safe) r.finding = reportFinding(r, safeFy.get(r.id) ?? null);
  return {
    kind: 'performance-report',
    ...documentHeader(ws.config, options),
    period: toPeriod(q),
    quarter: quarterId(quarter),
    yearToDate: toPeriod(ytd),
    indicators: safe,
    rows: computed.map((c) => c.row),
    exceptions: exceptionsOf(safe, plan, q, quarterChanges),
    ...chargeRateOf(ws, periods),
    warnings: [],
    ...coverageOf(ws, q),
  };
}
