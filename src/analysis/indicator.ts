/**
 * One indicator for one period: value and confidence interval, comparison with England and Wales and with the most
 * similar group, change against the same period last year, long-term trend, SPC, RAG. Each step uses the cited
 * method in ./stats or ./spc; this file decides which method fits which measure type and never computes a statistic
 * itself.
 */
import type { Config } from '../model/config.js';
import type { IndicatorResult, Period } from '../model/contract.js';
import type { IndicatorDefinition } from './catalogue.js';
import { MIN_TREND_YEARS } from './findings.js';
import { targetStatus } from './targets.js';
import { addMonths, financialYear, monthsBetween, type MonthRange } from './periods.js';
import { homeOfficeComparisons } from './home-office.js';
import { DataSource, ENGLAND, ENGLAND_AND_WALES, type Observation } from './sources.js';
import {
  compareProportions,
  comparePoissonCounts,
  compareWithBenchmark,
  crudeRate,
  chiSquaredTrendProportions,
  poissonTrendTest,
  proportion,
} from './stats/index.js';
import { xmr } from './spc/index.js';

/** ISO dates of a month range. */
export function toPeriod(range: MonthRange): Period {
  const [y, m] = range.end.split('-').map(Number) as [number, number];
  const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { start: `${range.start}-01`, end: `${range.end}-${String(lastDay).padStart(2, '0')}`, label: range.label };
}

interface Estimate {
  value: number;
  lower: number;
  upper: number;
  method: 'byar' | 'exact-poisson' | 'wilson';
}

/** The headline value and its 95% limits, by measure type (null when it cannot be computed). */
export function estimate(def: IndicatorDefinition, obs: Observation): Estimate | null {
  if (obs.status !== 'ok' || obs.count === null) return null;
  if (def.type === 'proportion') {
    if (obs.denominator === null || obs.denominator <= 0 || obs.count > obs.denominator) return null;
    const p = proportion(obs.count, obs.denominator, { multiplier: def.multiplier });
    return { value: p.value, lower: p.lower, upper: p.upper, method: 'wilson' };
  }
  if (def.type === 'count') {
    // A count's own uncertainty: exact Poisson limits below 10 events, Byar's from 10 (PHE technical guide).
    const r = crudeRate(obs.count, 1, { multiplier: 1 });
    return { value: obs.count, lower: r.lower, upper: r.upper, method: r.method };
  }
  if (obs.denominator === null || obs.denominator <= 0) return null;
  const r = crudeRate(obs.count, obs.denominator, { multiplier: def.multiplier });
  return { value: r.value, lower: r.lower, upper: r.upper, method: r.method };
}

/** A rate per `multiplier` for comparing counts between areas of different size. */
function comparableRate(def: IndicatorDefinition, obs: Observation): Estimate | null {
  if (def.type !== 'count') return estimate(def, obs);
  if (obs.status !== 'ok' || obs.count === null || obs.denominator === null || obs.denominator <= 0) return null;
  const r = crudeRate(obs.count, obs.denominator, { multiplier: def.multiplier });
  return { value: r.value, lower: r.lower, upper: r.upper, method: r.method };
}

export interface IndicatorContext {
  config: Config;
  source: DataSource;
  /** The financial year start of the document (for trend and peers). */
  startYear: number;
}

/** The national benchmark observation: England and Wales, else England (e.g. treatment data are England-only). */
function nationalObservation(def: IndicatorDefinition, src: DataSource, range: MonthRange): { code: string; obs: Observation } | null {
  for (const code of [ENGLAND_AND_WALES, ENGLAND]) {
    const obs = src.observe(def, code, range);
    if (obs.status === 'ok') return { code, obs };
  }
  return null;
}

/** Change against an earlier observation, with the test that fits the measure type. */
export function changeBetween(def: IndicatorDefinition, earlier: Observation, later: Observation): IndicatorResult['change'] {
  if (earlier.status !== 'ok' || later.status !== 'ok' || earlier.count === null || later.count === null) return null;
  if (def.type === 'proportion') {
    if (!earlier.denominator || !later.denominator) return null;
    const c = compareProportions({ numerator: earlier.count, denominator: earlier.denominator }, { numerator: later.count, denominator: later.denominator });
    return { percent: c.percentChange, pValue: c.pValue, direction: c.direction, method: 'two-sample chi-squared test of proportions (R prop.test, no continuity correction)' };
  }
  // Counts and rates: exact conditional test of two Poisson counts, exposure = population where known.
  const e1 = def.type === 'rate' && earlier.denominator ? earlier.denominator : 1;
  const e2 = def.type === 'rate' && later.denominator ? later.denominator : 1;
  if (!Number.isInteger(earlier.count) || !Number.isInteger(later.count)) return null;
  const c = comparePoissonCounts({ count: earlier.count, exposure: e1 }, { count: later.count, exposure: e2 });
  return { percent: c.percentChange, pValue: c.pValue, direction: c.direction, method: 'exact test of two Poisson counts (conditional binomial, R poisson.test)' };
}

/** Compute an indicator for a period (before disclosure control and findings). */
export function computeIndicator(def: IndicatorDefinition, range: MonthRange, ctx: IndicatorContext): Omit<IndicatorResult, 'finding'> {
  const { config, source } = ctx;
  const areaCode = config.area.code;
  const obs = source.observe(def, areaCode, range);
  const est = estimate(def, obs);
  const notes = [...obs.notes];

  const natRange = nationalObservation(def, source, range);
  let national: IndicatorResult['national'] = null;
  let comparison: IndicatorResult['comparison'] = 'not-compared';
  if (natRange) {
    const natEst = comparableRate(def, natRange.obs);
    const local = comparableRate(def, obs);
    national = {
      areaCode: natRange.code,
      label: natRange.code === ENGLAND_AND_WALES ? 'England and Wales' : 'England',
      value: def.type === 'count' ? natEst?.value ?? null : natEst?.value ?? null,
      ci95: natEst ? [natEst.lower, natEst.upper] : null,
      period: toPeriod(range),
    };
    comparison = compareWithBenchmark(local, natEst?.value, def.polarity).outcome;
    if (def.type === 'count' && natEst) notes.push(`compared with ${national.label} as a rate per 1,000 residents`);
  }

  const prevRange: MonthRange = { start: addMonths(range.start, -12), end: addMonths(range.end, -12), label: '' };
  const prevObs = source.observe(def, areaCode, prevRange);
  prevRange.label = monthsBetween(range.start, range.end).length === 12 && range.start.endsWith('-04') ? financialYear(ctx.startYear - 1).label : `${prevRange.start} to ${prevRange.end}`;
  const prevEst = estimate(def, prevObs);
  const previous = prevObs.status === 'missing' ? null : { period: toPeriod(prevRange), count: prevObs.count, value: prevEst?.value ?? null };
  const change = changeBetween(def, prevObs, obs);
  // A comparison year with a missing police.uk month is left out, and the note says why (issue 11).
  if (def.source === 'police-uk' && obs.status === 'ok' && prevObs.status === 'missing') {
    const gap = source.policeGapNote(prevRange);
    if (gap) notes.push(`no change against ${prevRange.label}: ${gap}`);
  }
  if (obs.seriesBreak) notes.push(`series break: ${obs.seriesBreak}; the change is not like for like`);

  const trend = trendOf(def, source, areaCode, ctx.startYear, range);
  const spc = def.source === 'police-uk' ? spcOf(def, source, range, config.analysis.spcMonths, config.analysis.spcScreenOutliers) : null;
  if (def.source === 'police-uk') notes.push(...policeGapNotes(source, range, ctx.startYear, spc !== null, config.analysis.spcMonths));

  // Most similar group and police force area: from the Home Office CSP table (one source for us and the others),
  // over the quarters the table has for the partnership (src/analysis/home-office.ts).
  const { peers, peerGroup, force, notes: homeOfficeNotes } = homeOfficeComparisons(def, range, ctx);
  notes.push(...homeOfficeNotes);

  return {
    id: def.id,
    label: def.label,
    group: def.group,
    period: toPeriod(range),
    count: obs.count,
    denominator: obs.denominator,
    value: est?.value ?? null,
    unit: def.unit,
    ci95: est ? [est.lower, est.upper] : null,
    ciMethod: est?.method ?? null,
    polarity: def.polarity,
    national,
    comparison,
    peers,
    peerGroup,
    force,
    previous,
    change,
    trend,
    spc,
    rag: targetStatus(def.type === 'count' ? obs.count : est?.value ?? null, def.target, def.polarity, config.rag),
    harm: null,
    suppressed: obs.status === 'suppressed',
    revision: obs.revision,
    seriesBreak: obs.seriesBreak,
    notes,
  };
}

/**
 * Notes for police.uk months missing inside the data (a covering force without a street file): the trend years left
 * out, and the gap in the SPC chart (shown as a gap, not as a low point).
 */
function policeGapNotes(source: DataSource, range: MonthRange, startYear: number, hasSpc: boolean, spcMonths: number): string[] {
  const notes: string[] = [];
  const isYear = range.start.endsWith('-04') && monthsBetween(range.start, range.end).length === 12;
  if (isYear) {
    for (let y = startYear - 4; y < startYear; y++) {
      const gap = source.policeGapNote(financialYear(y));
      if (gap) notes.push(`trend leaves out ${financialYear(y).label}: ${gap}`);
    }
  }
  if (hasSpc) {
    const gap = source.policeGapNote({ start: addMonths(range.end, -(spcMonths - 1)), end: range.end, label: '' });
    if (gap) notes.push(`SPC chart has a gap: ${gap}`);
  }
  return notes;
}

/** Long-term trend over up to five financial years ending with this one (at least three with data). */
function trendOf(def: IndicatorDefinition, source: DataSource, areaCode: string, startYear: number, range: MonthRange): IndicatorResult['trend'] {
  // Only for full financial years: a quarter's trend is the SPC chart's job.
  if (!(range.start.endsWith('-04') && monthsBetween(range.start, range.end).length === 12)) return null;
  const points: { period: Period; obs: Observation }[] = [];
  for (let y = startYear - 4; y <= startYear; y++) {
    const fy = financialYear(y);
    const obs = source.observe(def, areaCode, fy);
    if (obs.status === 'ok' && obs.count !== null) points.push({ period: toPeriod(fy), obs });
  }
  const out = points.map((p) => {
    const e = estimate(def, p.obs);
    const nat = nationalObservation(def, source, { start: p.period.start.slice(0, 7), end: p.period.end.slice(0, 7), label: p.period.label });
    const natValue = nat ? (def.type === 'count' ? null : comparableRate(def, nat.obs)?.value ?? null) : null;
    return { period: p.period, count: p.obs.count, value: e?.value ?? null, ci95: e ? ([e.lower, e.upper] as [number, number]) : null, national: natValue };
  });
  if (points.length < MIN_TREND_YEARS) return { points: out, direction: 'cannot-be-calculated', pValue: null, method: 'fewer than three years of data' };
  const x = points.map((p) => p.obs.count!);
  if (def.type === 'proportion') {
    const n = points.map((p) => p.obs.denominator ?? 0);
    if (n.some((d) => d <= 0)) return { points: out, direction: 'cannot-be-calculated', pValue: null, method: 'denominators missing' };
    const t = chiSquaredTrendProportions(x, n);
    return { points: out, direction: t.direction, pValue: t.pValue, method: 'chi-squared test for trend in proportions (R prop.trend.test)' };
  }
  const exposures = points.map((p) => (def.type === 'rate' && p.obs.denominator ? p.obs.denominator : 1));
  const t = poissonTrendTest(x, exposures);
  return { points: out, direction: t.direction, pValue: t.pValue, method: 'chi-squared score test for linear trend in Poisson rates (Breslow and Day 1987)' };
}

/** XmR chart of the monthly counts ending with the period. */
function spcOf(def: IndicatorDefinition, source: DataSource, range: MonthRange, months: number, screenOutliers: boolean): IndicatorResult['spc'] {
  const window: MonthRange = { start: addMonths(range.end, -(months - 1)), end: range.end, label: '' };
  const series = source.monthlyCounts(def, window);
  // Leading months before the data starts are not part of the chart (missing, not zero).
  const firstWithData = series.findIndex((p) => p.count !== null);
  if (firstWithData < 0) return null;
  const used = series.slice(firstWithData);
  if (used.filter((p) => p.count !== null).length < 2) return null;
  const chart = xmr(
    used.map((p) => p.count),
    // No target line: targets are annual rates, the chart plots monthly counts.
    { improvementDirection: def.polarity === 'lower-is-better' ? 'decrease' : def.polarity === 'higher-is-better' ? 'increase' : 'neutral', screenOutliers },
  );
  const seg = chart.current;
  return {
    mean: seg.mean,
    lower: seg.lowerLimit,
    upper: seg.upperLimit,
    points: used.map((p) => ({ period: p.month, value: p.count })),
    signals: chart.signals.map((s) => ({ period: used[s.index]!.month, rule: s.rule, direction: s.direction, meaning: s.meaning })),
    variation: chart.variationIcon,
    assurance: chart.assuranceIcon,
  };
}

/** The national area codes, for the modules that import them with the indicator computation. */
export { ENGLAND_AND_WALES, ENGLAND };
