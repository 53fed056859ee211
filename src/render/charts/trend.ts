/**
 * Long-term trend: the yearly values of an indicator (contract `trend.points`) as a line with markers, the 95%
 * confidence band around it, and the England and Wales value as a dashed reference line.
 *
 * Each year's interval comes from `options.ci` (by period label), else the point's own `ci95`, else — for the
 * headline period only — the indicator's `ci95`. Neighbouring years with intervals make a band; a year whose
 * neighbours have none gets an error bar. A null value (no data, or suppressed) leaves a gap.
 */
import { scaleLinear, scalePoint } from 'd3-scale';
import { area, line } from 'd3-shape';

import type { IndicatorResult } from '../../model/contract.js';
import { FILLS, PALETTE } from './palette.js';
import {
  type BaseChartOptions,
  type ChartResult,
  type LegendItem,
  decimalsFor,
  decimalsOfTicks,
  el,
  formatNumber,
  joinWords,
  leftAxis,
  leftAxisWidth,
  legend,
  marker,
  multilineText,
  n,
  safeId,
  spreadLabels,
  svgRoot,
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

interface Row {
  label: string;
  value: number | null;
  count: number | null;
  lower: number | null;
  upper: number | null;
}

/** A trend chart for one indicator; see the module comment. */
export function trendChart(indicator: IndicatorResult, options: TrendChartOptions = {}): ChartResult {
  const id = safeId(options.idPrefix ?? `trend-${indicator.id}`);
  const areaLabel = options.areaLabel ?? 'This area';
  const points = indicator.trend?.points ?? [];
  const ciByLabel = new Map((options.ci ?? []).map((c) => [c.label, c]));

  const rows: Row[] = points.map((p) => {
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
    return { label: p.period.label, value, count: p.count, lower, upper };
  });

  const nat = indicator.national && indicator.national.value !== null && Number.isFinite(indicator.national.value) ? indicator.national : null;
  const natValue = nat ? (nat.value as number) : null;
  const natLabel = nat ? nat.label : 'England and Wales';

  const decimals = decimalsFor([...rows.map((r) => r.value), natValue]);
  // A year's point exists only when the year has data, so a point without a count was suppressed.
  const hiddenRow = (r: { count: number | null }) => indicator.suppressed || r.count === null;
  const fmt = (v: number | null, suppressed = indicator.suppressed) => formatNumber(v, decimals, suppressed ? '[c]' : '[x]');
  const first = rows[0]?.label ?? '';
  const last = rows[rows.length - 1]?.label ?? '';
  const span = rows.length > 1 ? `${first} to ${last}` : first;
  const title = options.title ?? `${indicator.label}: ${indicator.unit}${span ? `, ${span}` : ''}`;

  // ---- text alternative
  const present = rows.filter((r) => r.value !== null);
  const valueWords = rows.map((r) => {
    const ci = r.lower !== null && r.upper !== null ? ` (95% confidence interval ${fmt(r.lower)} to ${fmt(r.upper)})` : '';
    return r.value === null ? `no figure for ${r.label}${hiddenRow(r) ? ' (suppressed)' : ''}` : `${fmt(r.value)} in ${r.label}${ci}`;
  });
  const descParts = [
    rows.length
      ? `${indicator.label}, ${indicator.unit}, each year from ${span}: ${joinWords(valueWords)}.`
      : `${indicator.label}: no yearly figures.`,
  ];
  if (nat) descParts.push(`${natLabel}, ${nat.period.label}: ${fmt(natValue)} (dashed line).`);
  const dirWords = indicator.trend ? DIRECTION_WORDS[indicator.trend.direction] : undefined;
  if (dirWords && present.length >= 2) descParts.push(dirWords);
  const desc = descParts.join(' ');

  // ---- scales
  const yValues: number[] = [];
  for (const r of rows) for (const v of [r.value, r.lower, r.upper]) if (v !== null) yValues.push(v);
  if (natValue !== null) yValues.push(natValue);
  let lo = yValues.length ? Math.min(...yValues) : 0;
  let hi = yValues.length ? Math.max(...yValues) : 1;
  if (options.zero) lo = Math.min(0, lo);
  if (!(hi > lo)) {
    lo -= Math.abs(lo) * 0.1 + 1;
    hi += Math.abs(hi) * 0.1 + 1;
  }
  const pad = options.zero ? 0 : (hi - lo) * 0.08;
  const y = scaleLinear().domain([lo >= 0 ? Math.max(0, lo - pad) : lo - pad, hi + pad]).nice(5);
  const ticks = y.ticks(5);
  const tickDecimals = decimalsOfTicks(ticks);
  const plotLeft = leftAxisWidth(ticks, tickDecimals, FONT) + 4;
  const plotRight = W - RIGHT_LABELS;
  const plotTop = TOP;
  const plotBottom = TOP + PLOT_H;
  y.range([plotBottom, plotTop]);
  const x = scalePoint<string>()
    .domain(rows.map((_, i) => `${i}`))
    .range([plotLeft, plotRight])
    .padding(0.4);
  const xOf = (i: number) => x(`${i}`) ?? plotLeft;

  const parts: string[] = [];
  // Unit above the axis.
  parts.push(text(plotLeft - 6, 12, indicator.unit, { 'font-size': FONT, fill: PALETTE.muted, class: 'swp-axis-title' }));
  parts.push(leftAxis({ ticks, y, x: plotLeft, gridTo: plotRight, decimals: tickDecimals, fontSize: FONT, colour: PALETTE.axis, gridColour: PALETTE.grid }));
  parts.push(el('line', { x1: plotLeft, x2: plotLeft, y1: plotTop, y2: plotBottom, stroke: PALETTE.axis, 'stroke-width': 1 }));
  parts.push(el('line', { x1: plotLeft, x2: plotRight, y1: plotBottom, y2: plotBottom, stroke: PALETTE.axis, 'stroke-width': 1 }));

  // Period labels: wrap when there are many.
  const slot = rows.length ? (plotRight - plotLeft) / rows.length : 0;
  let maxLines = 1;
  const xLabels = rows.map((r, i) => {
    const lines = wrapText(r.label, Math.max(slot - 4, 30), FONT, 2);
    maxLines = Math.max(maxLines, lines.length);
    return multilineText(xOf(i), plotBottom + FONT + 5, lines, FONT + 2, { 'font-size': FONT, fill: PALETTE.text, 'text-anchor': 'middle' });
  });
  parts.push(el('g', { class: 'swp-axis swp-axis-x' }, xLabels));
  // Say so where a year has no figure, rather than leave an unexplained gap.
  rows.forEach((r, i) => {
    if (r.value !== null) return;
    parts.push(
      text(xOf(i), plotBottom - 6, hiddenRow(r) ? 'suppressed' : 'no figure', { 'font-size': FONT - 1, fill: PALETTE.muted, 'text-anchor': 'middle', class: 'swp-no-figure' }),
    );
  });

  // Confidence band (runs of consecutive years with intervals) and error bars where a year stands alone.
  const indexed = rows.map((r, i) => ({ ...r, i }));
  const hasCi = (r: Row) => r.lower !== null && r.upper !== null;
  // A band needs two neighbouring years with intervals; a lone interval is an error bar.
  const bandable = indexed.some((r, i) => hasCi(r) && indexed[i + 1] !== undefined && hasCi(indexed[i + 1] as Row));
  const band = !bandable ? null : area<(typeof indexed)[number]>()
    .defined(hasCi)
    .x((r) => xOf(r.i))
    .y0((r) => y(r.lower as number))
    .y1((r) => y(r.upper as number))
    .digits(2)(indexed);
  const edge = (key: 'lower' | 'upper') =>
    line<(typeof indexed)[number]>()
      .defined(hasCi)
      .x((r) => xOf(r.i))
      .y((r) => y(r[key] as number))
      .digits(2)(indexed);
  const bandParts: string[] = [];
  let hasErrorBar = false;
  if (band) bandParts.push(el('path', { d: band, fill: FILLS.band, stroke: 'none' }));
  for (const key of bandable ? (['lower', 'upper'] as const) : []) {
    const d = edge(key);
    if (d) bandParts.push(el('path', { d, fill: 'none', stroke: PALETTE.bandEdge, 'stroke-width': 1, 'stroke-dasharray': '3 2' }));
  }
  indexed.forEach((r, i) => {
    if (!hasCi(r)) return;
    const alone = !(indexed[i - 1] && hasCi(indexed[i - 1] as Row)) && !(indexed[i + 1] && hasCi(indexed[i + 1] as Row));
    if (!alone) return;
    hasErrorBar = true;
    const xx = xOf(i);
    const y0 = y(r.lower as number);
    const y1 = y(r.upper as number);
    bandParts.push(
      el('path', {
        d: `M${n(xx - 5)},${n(y0)}H${n(xx + 5)}M${n(xx)},${n(y0)}V${n(y1)}M${n(xx - 5)},${n(y1)}H${n(xx + 5)}`,
        fill: 'none',
        stroke: PALETTE.series,
        'stroke-width': 1.2,
        class: 'swp-ci-bar',
      }),
    );
  });
  parts.push(el('g', { class: 'swp-ci' }, bandParts));

  // National reference.
  const rightLabels: { y: number; lines: string[]; colour: string }[] = [];
  if (natValue !== null) {
    const ny = y(natValue);
    parts.push(
      el('line', { x1: plotLeft, x2: plotRight, y1: ny, y2: ny, stroke: PALETTE.national, 'stroke-width': 1.5, 'stroke-dasharray': '6 4', class: 'swp-national' }),
    );
    rightLabels.push({ y: ny, lines: wrapText(`${natLabel} ${nat?.period.label ?? ''}: ${fmt(natValue)}`, RIGHT_LABELS - 8, FONT, 3), colour: PALETTE.text });
  }

  // The series, broken at missing years, with markers.
  const path = line<(typeof indexed)[number]>()
    .defined((r) => r.value !== null)
    .x((r) => xOf(r.i))
    .y((r) => y(r.value as number))
    .digits(2)(indexed);
  if (path) parts.push(el('path', { d: path, fill: 'none', stroke: PALETTE.series, 'stroke-width': 2.2, 'stroke-linejoin': 'round', class: 'swp-series' }));
  parts.push(
    el(
      'g',
      { class: 'swp-points' },
      indexed
        .filter((r) => r.value !== null)
        .map((r) =>
          marker('circle', xOf(r.i), y(r.value as number), 3.6, { fill: PALETTE.series, stroke: '#ffffff', 'stroke-width': 1, class: 'swp-point', 'data-period': r.label }),
        ),
    ),
  );
  const lastPresent = indexed.filter((r) => r.value !== null).pop();
  if (lastPresent) {
    rightLabels.push({ y: y(lastPresent.value as number), lines: wrapText(`${areaLabel} ${lastPresent.label}: ${fmt(lastPresent.value)}`, RIGHT_LABELS - 8, FONT, 3), colour: PALETTE.series });
  }

  // Direct labels in the right margin, pushed apart so they never overlap.
  const lh = FONT + 2;
  const heights = rightLabels.map((l) => l.lines.length * lh + 2);
  const maxH = Math.max(0, ...heights);
  const centres = spreadLabels(rightLabels.map((l) => l.y), maxH, plotTop - 12, plotBottom + 12);
  rightLabels.forEach((l, k) => {
    const cy = centres[k] ?? l.y;
    const top = cy - ((l.lines.length - 1) * lh) / 2;
    parts.push(multilineText(plotRight + 8, top, l.lines, lh, { 'font-size': FONT, fill: l.colour, dy: '0.35em', class: 'swp-direct-label' }));
  });

  // Key.
  let height = plotBottom + FONT + 5 + (maxLines - 1) * (FONT + 2) + 8;
  const items: LegendItem[] = [
    {
      key: el('g', {}, [
        el('line', { x1: 0, x2: 18, y1: 0, y2: 0, stroke: PALETTE.series, 'stroke-width': 2.2 }),
        marker('circle', 9, 0, 3.6, { fill: PALETTE.series, stroke: '#ffffff', 'stroke-width': 1 }),
      ]),
      keyWidth: 18,
      label: areaLabel,
    },
  ];
  if (band) {
    items.push({
      key: el('rect', { x: 0, y: -5, width: 18, height: 10, fill: FILLS.band, stroke: PALETTE.bandEdge, 'stroke-width': 1, 'stroke-dasharray': '3 2' }),
      keyWidth: 18,
      label: '95% confidence interval',
    });
  }
  if (hasErrorBar) {
    items.push({
      key: el('path', { d: 'M4,-6H12M8,-6V6M4,6H12', fill: 'none', stroke: PALETTE.series, 'stroke-width': 1.2 }),
      keyWidth: 16,
      label: `95% confidence interval${band ? ' (single year)' : ''}`,
    });
  }
  if (natValue !== null) {
    items.push({
      key: el('line', { x1: 0, x2: 22, y1: 0, y2: 0, stroke: PALETTE.national, 'stroke-width': 1.5, 'stroke-dasharray': '6 4' }),
      keyWidth: 22,
      label: natLabel,
    });
  }
  const lg = legend(items, plotLeft, height, W - plotLeft - 8, FONT);
  parts.push(lg.markup);
  height = Math.ceil(height + lg.height + 4);

  // ---- table
  const columns = ['Year', `Value (${indicator.unit})`, 'Lower 95% limit', 'Upper 95% limit', 'Count', natLabel];
  const tRows: string[][] = [];
  const values: (string | number | null)[][] = [];
  for (const r of rows) {
    const natCell = nat && nat.period.label === r.label ? natValue : null;
    tRows.push([r.label, fmt(r.value, hiddenRow(r)), fmt(r.lower, hiddenRow(r)), fmt(r.upper, hiddenRow(r)), formatNumber(r.count, 0, hiddenRow(r) ? '[c]' : '[x]'), formatNumber(natCell, decimals)]);
    values.push([r.label, r.value, r.lower, r.upper, r.count, natCell]);
  }
  const table = { caption: `${indicator.label}, ${indicator.unit}${span ? `, ${span}` : ''}`, columns, rows: tRows, values };

  const svg = svgRoot({ id, width: W, height, title, desc, kind: 'trend', body: parts.join('') });
  return { svg, title, desc, table, width: W, height };
}
