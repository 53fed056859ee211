/**
 * Stop-and-search rate ratios by ethnic group: one row per group, a dot at the group's search rate over the White
 * group's and a bar for its 95% interval, on a logarithmic axis (a ratio of 2 is as far from 1 as a ratio of 0.5),
 * with a line at 1 ("the same rate as White residents"). As the Home Office's stop-and-search disproportionality
 * charts present it.
 */
import { scaleLog } from 'd3-scale';

import type { StopSearchSection } from '../../model/contract.js';
import { type Plot, bottomAxis, verticalGrid } from './axes.js';
import { errorBar, vRule } from './marks.js';
import { PALETTE } from './palette.js';
import { type BaseChartOptions, type ChartResult, chartResult, chartTable, el, formatNumber, text } from './svg.js';

const W = 640;
const FONT = 11;
const PLOT_LEFT = 170;
const PLOT_RIGHT = W - 40;
const ROW_H = 38;
const TOP = 22;

type Row = StopSearchSection['byEthnicity'][number];
const LABEL: Record<Row['group'], string> = { White: 'White', Black: 'Black', Asian: 'Asian', Mixed: 'Mixed', Other: 'Other ethnic group' };

/** The log-axis ticks that fall in [lo, hi]. */
function ticksIn(lo: number, hi: number): number[] {
  return [0.1, 0.2, 0.25, 0.5, 1, 2, 3, 4, 5, 10, 20, 50].filter((t) => t >= lo && t <= hi);
}

/** The data table: each group's searches, residents, rate and rate ratio with its interval. */
function table(rows: readonly Row[], caption: string) {
  const f = (v: number | null, d: number) => (v === null ? '[x]' : formatNumber(v, d));
  const ci = (c: [number, number] | null, d: number) => (c ? `${formatNumber(c[0], d)} to ${formatNumber(c[1], d)}` : '[x]');
  return chartTable(caption, ['Ethnic group', 'Searches', 'Residents (2021 Census)', 'Searches per 1,000 residents', 'Times the White rate', '95% interval'], [...rows], (r) => ({
    text: [LABEL[r.group], r.searches === null ? '[c]' : formatNumber(r.searches, 0), f(r.population, 0), f(r.rate, 1), r.group === 'White' ? '1 (reference)' : f(r.rateRatio, 1), r.group === 'White' ? '' : ci(r.rateRatioCi95, 1)],
    value: [r.group, r.searches, r.population, r.rate, r.group === 'White' ? 1 : r.rateRatio, r.rateRatioCi95?.[0] ?? null],
  }));
}

/** The chart, or null when no group other than White has a rate ratio. */
export function rateRatioChart(s: StopSearchSection, options: BaseChartOptions & { area: string }): ChartResult | null {
  const drawn = s.byEthnicity.filter((r) => r.group !== 'White' && r.rateRatio !== null && r.rateRatioCi95 !== null);
  if (drawn.length === 0) return null;
  const ends = drawn.flatMap((r) => [...r.rateRatioCi95!, r.rateRatio!]);
  const lo = Math.min(0.5, ...ends) * 0.9;
  const hi = Math.max(2, ...ends) * 1.1;
  const plot: Plot = { left: PLOT_LEFT, right: PLOT_RIGHT, top: TOP, bottom: TOP + drawn.length * ROW_H };
  const x = scaleLog().domain([lo, hi]).range([plot.left, plot.right]);
  const ticks = ticksIn(lo, hi);
  const body = [
    ...verticalGrid(ticks, x, plot, () => ({ stroke: PALETTE.grid, width: 0.5 })),
    vRule(x(1), plot.top - 6, plot.bottom, { stroke: PALETTE.text, width: 1.5 }),
    text(x(1) + 4, plot.top - 4, 'Same rate as White residents', { 'font-size': FONT - 1, fill: PALETTE.muted }),
  ];
  drawn.forEach((r, i) => {
    const cy = plot.top + (i + 0.5) * ROW_H;
    body.push(
      text(plot.left - 10, cy, LABEL[r.group], { 'font-size': FONT, fill: PALETTE.text, 'text-anchor': 'end', dy: '0.35em' }),
      errorBar('horizontal', cy, x(r.rateRatioCi95![0]), x(r.rateRatioCi95![1]), 5, PALETTE.series, 1.5),
      el('circle', { cx: x(r.rateRatio!), cy, r: 5, fill: PALETTE.series }),
      text(x(r.rateRatio!), cy - 9, `${formatNumber(r.rateRatio!, 1)}×`, { 'font-size': FONT, fill: PALETTE.text, 'text-anchor': 'middle' }),
    );
  });
  body.push(bottomAxis(plot, x, ticks, FONT, ['Searches per resident, as a multiple of the White rate (log scale)']));
  const title = `Stop and search rate by ethnic group, compared with White residents, ${options.area}, ${s.period.label}`;
  const words = drawn.map((r) => `${LABEL[r.group]} residents ${formatNumber(r.rateRatio!, 1)} times (95% interval ${formatNumber(r.rateRatioCi95![0], 1)} to ${formatNumber(r.rateRatioCi95![1], 1)})`);
  const desc = `How many times the White rate of stop and search each group's rate was: ${words.join('; ')}.`;
  return chartResult({ id: options.idPrefix ?? 'stop-search-ratio', width: W, height: plot.bottom + 52, title: options.title ?? title, desc, kind: 'rate-ratio', body, table: table(s.byEthnicity, `Stop and search by ethnic group, ${s.period.label}`) });
}
