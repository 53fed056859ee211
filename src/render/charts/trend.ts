/**
 * Long-term trend: the yearly values of an indicator (contract `trend.points`) as a line with markers, the 95%
 * confidence band around it, and England and Wales as a dashed line: through each year's national figure when the
 * points carry one for two years or more (`trend.points[].national`), else level at the headline year's figure.
 * (A level line at the latest national value misled where the national rate itself moved: a year the area was
 * above England and Wales read as below.)
 *
 * Each year's interval comes from `options.ci` (by period label), else the point's own `ci95`, else — for the
 * headline period only — the indicator's `ci95`. Neighbouring years with intervals make a band; a year whose
 * neighbours have none gets an error bar. A null value (no data, or suppressed) leaves a gap.
 */
import { type ScaleLinear, scalePoint } from 'd3-scale';
import { area } from 'd3-shape';

import type { IndicatorResult } from '../../model/contract.js';
import { type Plot, leftAxisWidth, valueAxes, valueScale } from './axes.js';
import { type LegendItem, legend, lineKey } from './legend.js';
import { centredLines, errorBar, hRule, linePath, seriesPath } from './marks.js';
import { FILLS, PALETTE } from './palette.js';
import { type AxisSeries, axisUnit, nationalUnit } from './units.js';
import {
  type BaseChartOptions,
  type ChartResult,
  type ChartTable,
  chartResult,
  chartTable,
  decimalsFor,
  el,
  formatNumber,
  joinWords,
  marker,
  multilineText,
  spreadLabels,
  text,
  wrapText,
} from './svg.js';

/** A confidence interval for one point of the trend, matched to `trend.points` by `label` (the period label). */
export interface TrendInterval {
  label: string;
  value: number | null;
  lower: number | null;
  upper: number | null;
}

export interface TrendChartOptions extends BaseChartOptions {
  /** 95% confidence limits per year, overriding the contract's `trend.points[].ci95` (an entry with nulls: none). */
  ci?: TrendInterval[];
  /** The local area's name for the key, e.g. "Castlebridge" (default "This area"). */
  areaLabel?: string;
  /** Start the value axis at zero (default: fit the data). */
  zero?: boolean;
}

const W = 640;
const FONT = 11;
const PLOT_H = 190;
const TOP = 22;
const RIGHT_LABELS = 118;

const DIRECTION_WORDS: Record<string, string> = {
  increasing: 'The long-term trend is a statistically significant increase.',
  decreasing: 'The long-term trend is a statistically significant decrease.',
  'no-significant-change': 'There is no statistically significant long-term trend.',
};

/** One year of the local series, with its 95% interval (both limits or neither). */
interface Row {
  i: number;
  label: string;
  value: number | null;
  count: number | null;
  lower: number | null;
  upper: number | null;
  /** A financial year between the first and last with no point in the data at all (drawn as a gap, "no figure"). */
  absent?: boolean;
  /** England and Wales in the same year, in the indicator's unit (`trend.points[].national`); null when none. */
  national?: number | null;
}

/** What the drawing, the words and the table share. */
interface TrendModel {
  indicator: IndicatorResult;
  areaLabel: string;
  rows: Row[];
  /** England and Wales, when it has a figure in the indicator's unit (drawn on the axis). */
  nat: { label: string; period: string; value: number } | null;
  /** England and Wales in another unit (a count's benchmark is a rate): in the words and the table, never on the axis. */
  natOther: { label: string; period: string; value: number; unit: string } | null;
  natLabel: string;
  /** England and Wales drawn year by year (two years or more with a national figure), not as one level line. */
  natByYear: boolean;
  decimals: number;
  /** "2013/14 to 2016/17". */
  span: string;
  /** A figure, or its symbol when there is none: [c] suppressed, [x] not available. */
  fmt: (v: number | null, suppressed?: boolean) => string;
  /** A year without a figure because it was suppressed (a year's point exists only when the year has data). */
  hidden: (r: Row) => boolean;
}

interface TrendLayout {
  plot: Plot;
  y: ScaleLinear<number, number>;
  xOf: (i: number) => number;
  axes: string;
}

/** A trend chart for one indicator; see the module comment. */
export function trendChart(indicator: IndicatorResult, options: TrendChartOptions = {}): ChartResult {
  const m = trendModel(indicator, options);
  const title = options.title ?? `${indicator.label}: ${indicator.unit}${m.span ? `, ${m.span}` : ''}`;
  const { body, height } = trendBody(m, options.zero);
  const id = options.idPrefix ?? `trend-${indicator.id}`;
  return chartResult({ id, width: W, height, title, desc: trendDesc(m), kind: 'trend', body, table: trendTable(m) });
}

function trendModel(indicator: IndicatorResult, options: TrendChartOptions): TrendModel {
  const national = indicator.national;
  const sameUnit = nationalUnit(indicator) === indicator.unit;
  const rows = trendRows(indicator, options.ci ?? []).map((r) => (sameUnit ? r : { ...r, national: null }));
  const natByYear = rows.filter((r) => r.national != null).length >= 2;
  const natAny = national && national.value !== null && Number.isFinite(national.value) ? { label: national.label, period: national.period.label, value: national.value } : null;
  // One unit per axis: England and Wales is drawn only when it is in the indicator's own unit.
  const nat = natAny && sameUnit ? natAny : null;
  const natOther = natAny && !sameUnit ? { ...natAny, unit: nationalUnit(indicator) } : null;
  const decimals = decimalsFor([...rows.map((r) => r.value), ...rows.map((r) => r.national ?? null), nat ? nat.value : null]);
  const first = rows[0]?.label ?? '';
  const last = rows[rows.length - 1]?.label ?? '';
  return {
    indicator,
    areaLabel: options.areaLabel ?? 'This area',
    rows,
    nat,
    natOther,
    natLabel: nat ? nat.label : natOther ? natOther.label : 'England and Wales',
    natByYear: natByYear && nat !== null,
    decimals,
    span: rows.length > 1 ? `${first} to ${last}` : first,
    fmt: (v, suppressed = indicator.suppressed) => formatNumber(v, decimals, suppressed ? '[c]' : '[x]'),
    hidden: (r) => !r.absent && (indicator.suppressed || r.count === null),
  };
}

/** "2013/14" → 2013; null for a label that is not a financial year. */
function yearOf(label: string): number | null {
  const m = /^(\d{4})\/(\d{2})$/.exec(label);
  return m ? Number(m[1]) : null;
}

/**
 * Every financial year from the first point to the last: a year with no point in the data becomes a row without a
 * figure, so the axis never skips a year (issue 12: a chart went from 2013/14 to 2015/16).
 */
function withEveryYear(rows: Row[]): Row[] {
  const years = rows.map((r) => yearOf(r.label));
  if (rows.length < 2 || years.some((y) => y === null)) return rows;
  const byYear = new Map(rows.map((r, k) => [years[k]!, r]));
  const out: Row[] = [];
  for (let y = years[0]!; y <= years[years.length - 1]!; y++) {
    const label = `${y}/${String((y + 1) % 100).padStart(2, '0')}`;
    out.push({ ...(byYear.get(y) ?? { label, value: null, count: null, lower: null, upper: null, absent: true }), i: out.length });
  }
  return out;
}

/** The yearly points with their intervals resolved (see the module comment); a null value leaves a gap. */
function trendRows(indicator: IndicatorResult, intervals: TrendInterval[]): Row[] {
  const ciByLabel = new Map(intervals.map((c) => [c.label, c]));
  return withEveryYear((indicator.trend?.points ?? []).map((p, i) => {
    const value = p.value !== null && Number.isFinite(p.value) ? p.value : null;
    let lower: number | null = null;
    let upper: number | null = null;
    // An interval passed in wins; then the point's own (contract `trend.points[].ci95`); then, for the headline
    // period only, the indicator's `ci95`.
    const ci = ciByLabel.get(p.period.label);
    if (ci) {
      lower = ci.lower;
      upper = ci.upper;
    } else if (p.ci95) {
      [lower, upper] = p.ci95;
    } else if (indicator.ci95 && p.period.label === indicator.period.label) {
      [lower, upper] = indicator.ci95;
    }
    if (value === null || lower === null || upper === null || !Number.isFinite(lower) || !Number.isFinite(upper)) {
      lower = null;
      upper = null;
    }
    const national = p.national !== null && p.national !== undefined && Number.isFinite(p.national) ? p.national : null;
    return { i, label: p.period.label, value, count: p.count, lower, upper, national };
  }));
}

/** The text alternative: every year's figure and interval, England and Wales, and the long-term trend. */
function trendDesc(m: TrendModel): string {
  const { indicator, rows, fmt } = m;
  const valueWords = rows.map((r) => {
    const ci = r.lower !== null && r.upper !== null ? ` (95% confidence interval ${fmt(r.lower)} to ${fmt(r.upper)})` : '';
    return r.value === null ? `no figure for ${r.label}${m.hidden(r) ? ' (suppressed)' : ''}` : `${fmt(r.value)} in ${r.label}${ci}`;
  });
  const parts = [
    rows.length
      ? `${indicator.label}, ${indicator.unit}, each year from ${m.span}: ${joinWords(valueWords)}.`
      : `${indicator.label}: no yearly figures.`,
  ];
  if (m.natByYear) {
    const nat = m.rows.filter((r) => r.national != null).map((r) => `${fmt(r.national!, false)} in ${r.label}`);
    parts.push(`${m.natLabel} (dashed line): ${joinWords(nat)}.`);
  } else if (m.nat) parts.push(`${m.natLabel}, ${m.nat.period}: ${fmt(m.nat.value)} (dashed line).`);
  if (m.natOther) parts.push(`${m.natLabel}, ${m.natOther.period}: ${formatNumber(m.natOther.value, 1)} ${m.natOther.unit} (not drawn: the chart's axis is in ${m.indicator.unit}).`);
  const dirWords = indicator.trend ? DIRECTION_WORDS[indicator.trend.direction] : undefined;
  if (dirWords && rows.filter((r) => r.value !== null).length >= 2) parts.push(dirWords);
  return parts.join(' ');
}

/** The chart's parts in drawing order, and its height. */
function trendBody(m: TrendModel, zero: boolean | undefined): { body: string[]; height: number } {
  const L = trendLayout(m, zero);
  const periods = periodLabels(m, L);
  const ci = confidenceMarks(m, L);
  const body = [
    // Unit above the axis.
    text(L.plot.left - 6, 12, m.indicator.unit, { 'font-size': FONT, fill: PALETTE.muted, class: 'swp-axis-title' }),
    L.axes,
    periods.markup,
    ci.markup,
    nationalMark(m, L),
    ...seriesMarks(m, L),
    ...directLabels(m, L),
  ];
  const top = L.plot.bottom + FONT + 5 + (periods.lines - 1) * (FONT + 2) + 8;
  const lg = legend(trendLegend(m, ci), L.plot.left, top, W - L.plot.left - 8, FONT);
  body.push(lg.markup);
  return { body, height: Math.ceil(top + lg.height + 4) };
}

/** The value scale (fitted to the figures, their intervals and England and Wales), the plot and its axes. */
function trendLayout(m: TrendModel, zero: boolean | undefined): TrendLayout {
  // The series on the value axis, each with its unit: the axis refuses to mix units (units.ts).
  const series: AxisSeries[] = [{ name: m.areaLabel, unit: m.indicator.unit }];
  if (m.nat) series.push({ name: m.natLabel, unit: nationalUnit(m.indicator) });
  axisUnit(`${m.indicator.label}: value axis`, series);
  const values: number[] = [];
  for (const r of m.rows) for (const v of [r.value, r.lower, r.upper]) if (v !== null) values.push(v);
  if (m.nat) values.push(m.nat.value);
  if (m.natByYear) for (const r of m.rows) if (r.national != null) values.push(r.national);
  const { y, ticks, decimals } = valueScale(values, { pad: 0.08, count: 5, zero });
  const plot = { left: leftAxisWidth(ticks, decimals, FONT) + 4, right: W - RIGHT_LABELS, top: TOP, bottom: TOP + PLOT_H };
  y.range([plot.bottom, plot.top]);
  const x = scalePoint<string>()
    .domain(m.rows.map((_, i) => `${i}`))
    .range([plot.left, plot.right])
    .padding(0.4);
  return { plot, y, xOf: (i) => x(`${i}`) ?? plot.left, axes: valueAxes(plot, y, ticks, decimals, FONT, true) };
}

/** England and Wales: a dashed line through each year's figure, or level at the headline year's (see the module comment). */
function nationalMark(m: TrendModel, L: TrendLayout): string {
  if (!m.nat) return '';
  if (!m.natByYear) return hRule(L.plot.left, L.plot.right, L.y(m.nat.value), { stroke: PALETTE.national, width: 1.5, dash: '6 4', cls: 'swp-national' });
  const d = linePath(m.rows, (r) => L.xOf(r.i), (r) => (r.national == null ? null : L.y(r.national)));
  return d ? el('path', { d, fill: 'none', stroke: PALETTE.national, 'stroke-width': 1.5, 'stroke-dasharray': '6 4', class: 'swp-national' }) : '';
}

/** Period labels under the plot (wrapped when there are many), and words where a year has no figure. */
function periodLabels(m: TrendModel, L: TrendLayout): { markup: string; lines: number } {
  const { plot, xOf } = L;
  const slot = m.rows.length ? (plot.right - plot.left) / m.rows.length : 0;
  let lines = 1;
  const labels = m.rows.map((r) => {
    const wrapped = wrapText(r.label, Math.max(slot - 4, 30), FONT, 2);
    lines = Math.max(lines, wrapped.length);
    return multilineText(xOf(r.i), plot.bottom + FONT + 5, wrapped, FONT + 2, { 'font-size': FONT, fill: PALETTE.text, 'text-anchor': 'middle' });
  });
  // Say so where a year has no figure, rather than leave an unexplained gap.
  const gaps = m.rows
    .filter((r) => r.value === null)
    .map((r) =>
      text(xOf(r.i), plot.bottom - 6, m.hidden(r) ? 'suppressed' : 'no figure', { 'font-size': FONT - 1, fill: PALETTE.muted, 'text-anchor': 'middle', class: 'swp-no-figure' }),
    );
  return { markup: el('g', { class: 'swp-axis swp-axis-x' }, labels) + gaps.join(''), lines };
}

/** The confidence band (runs of consecutive years with intervals), and error bars where a year stands alone. */
function confidenceMarks(m: TrendModel, L: TrendLayout): { markup: string; band: boolean; errorBar: boolean } {
  const { rows } = m;
  const { xOf, y } = L;
  const hasCi = (r: Row | undefined) => r !== undefined && r.lower !== null && r.upper !== null;
  // A band needs two neighbouring years with intervals; a lone interval is an error bar.
  const bandable = rows.some((r, i) => hasCi(r) && hasCi(rows[i + 1]));
  const band = !bandable ? null : area<Row>()
    .defined(hasCi)
    .x((r) => xOf(r.i))
    .y0((r) => y(r.lower as number))
    .y1((r) => y(r.upper as number))
    .digits(2)(rows);
  const parts: string[] = [];
  if (band) parts.push(el('path', { d: band, fill: FILLS.band, stroke: 'none' }));
  for (const key of bandable ? (['lower', 'upper'] as const) : []) {
    const d = linePath(rows, (r) => xOf(r.i), (r) => (hasCi(r) ? y(r[key] as number) : null));
    if (d) parts.push(el('path', { d, fill: 'none', stroke: PALETTE.bandEdge, 'stroke-width': 1, 'stroke-dasharray': '3 2' }));
  }
  const alone = rows.filter((r, i) => hasCi(r) && !hasCi(rows[i - 1]) && !hasCi(rows[i + 1]));
  for (const r of alone) parts.push(errorBar('vertical', xOf(r.i), y(r.lower as number), y(r.upper as number), 5, PALETTE.series, 1.2));
  return { markup: el('g', { class: 'swp-ci' }, parts), band: !!band, errorBar: alone.length > 0 };
}

/** The series as a line broken at missing years, with a marker on each year that has a figure. */
function seriesMarks(m: TrendModel, L: TrendLayout): string[] {
  const { xOf, y } = L;
  const d = linePath(m.rows, (r) => xOf(r.i), (r) => (r.value === null ? null : y(r.value)));
  const points = m.rows
    .filter((r) => r.value !== null)
    .map((r) => marker('circle', xOf(r.i), y(r.value as number), 3.6, { fill: PALETTE.series, stroke: '#ffffff', 'stroke-width': 1, class: 'swp-point', 'data-period': r.label }));
  return [seriesPath(d, PALETTE.series, 2.2), el('g', { class: 'swp-points' }, points)];
}

/** Direct labels in the right margin (England and Wales, the latest year), pushed apart so they never overlap. */
function directLabels(m: TrendModel, L: TrendLayout): string[] {
  const labels: { y: number; lines: string[]; colour: string }[] = [];
  const natLast = m.natByYear ? m.rows.filter((r) => r.national != null).pop() : undefined;
  if (natLast) {
    labels.push({ y: L.y(natLast.national!), lines: wrapText(`${m.natLabel} ${natLast.label}: ${m.fmt(natLast.national!, false)}`, RIGHT_LABELS - 8, FONT, 3), colour: PALETTE.text });
  } else if (m.nat) {
    labels.push({ y: L.y(m.nat.value), lines: wrapText(`${m.natLabel} ${m.nat.period}: ${m.fmt(m.nat.value)}`, RIGHT_LABELS - 8, FONT, 3), colour: PALETTE.text });
  }
  const last = m.rows.filter((r) => r.value !== null).pop();
  if (last) {
    labels.push({ y: L.y(last.value as number), lines: wrapText(`${m.areaLabel} ${last.label}: ${m.fmt(last.value)}`, RIGHT_LABELS - 8, FONT, 3), colour: PALETTE.series });
  }
  const lh = FONT + 2;
  const maxH = Math.max(0, ...labels.map((l) => l.lines.length * lh + 2));
  const centres = spreadLabels(labels.map((l) => l.y), maxH, L.plot.top - 12, L.plot.bottom + 12);
  return labels.map((l, k) => centredLines(L.plot.right + 8, centres[k] ?? l.y, l.lines, lh, FONT, l.colour, 'swp-direct-label'));
}

/** The key: the series, then the band, the error bar and England and Wales where they are drawn. */
function trendLegend(m: TrendModel, ci: { band: boolean; errorBar: boolean }): LegendItem[] {
  const items: LegendItem[] = [
    {
      key: el('g', {}, [hRule(0, 18, 0, { stroke: PALETTE.series, width: 2.2 }), marker('circle', 9, 0, 3.6, { fill: PALETTE.series, stroke: '#ffffff', 'stroke-width': 1 })]),
      keyWidth: 18,
      label: m.areaLabel,
    },
  ];
  if (ci.band) {
    items.push({
      key: el('rect', { x: 0, y: -5, width: 18, height: 10, fill: FILLS.band, stroke: PALETTE.bandEdge, 'stroke-width': 1, 'stroke-dasharray': '3 2' }),
      keyWidth: 18,
      label: '95% confidence interval',
    });
  }
  if (ci.errorBar) {
    items.push({
      key: el('path', { d: 'M4,-6H12M8,-6V6M4,6H12', fill: 'none', stroke: PALETTE.series, 'stroke-width': 1.2 }),
      keyWidth: 16,
      label: `95% confidence interval${ci.band ? ' (single year)' : ''}`,
    });
  }
  if (m.nat) items.push(lineKey(m.natLabel, 22, { stroke: PALETTE.national, width: 1.5, dash: '6 4' }));
  return items;
}

/** The data table: each year's figure, interval and count, and England and Wales in its own year. */
function trendTable(m: TrendModel): ChartTable {
  const { indicator, fmt } = m;
  const natColumn = m.natOther ? `${m.natLabel} (${m.natOther.unit})` : m.natLabel;
  const columns = ['Year', `Value (${indicator.unit})`, 'Lower 95% limit', 'Upper 95% limit', 'Count', natColumn];
  const caption = `${indicator.label}, ${indicator.unit}${m.span ? `, ${m.span}` : ''}`;
  return chartTable(caption, columns, m.rows, (r) => {
    const natFigure = m.nat ?? m.natOther;
    // Each year's own national figure where the points carry one; else the headline year's only.
    const natCell = r.national != null ? r.national : natFigure && natFigure.period === r.label ? natFigure.value : null;
    const h = m.hidden(r);
    return {
      text: [r.label, fmt(r.value, h), fmt(r.lower, h), fmt(r.upper, h), formatNumber(r.count, 0, h ? '[c]' : '[x]'), formatNumber(natCell, m.natOther ? 1 : m.decimals)],
      value: [r.label, r.value, r.lower, r.upper, r.count, natCell],
    };
  });
}
