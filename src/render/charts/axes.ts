/**
 * Scales and axes shared by the charts: the value scale of the line charts (trend, SPC) with its left axis, and
 * the bottom axis and vertical gridlines of the row charts (comparison, priority matrix).
 */
import { type ScaleLinear, scaleLinear } from 'd3-scale';

import { PALETTE } from './palette.js';
import { type Stroke, hRule, vRule } from './marks.js';
import { decimalsOfTicks, el, formatNumber, multilineText, text, textWidth } from './svg.js';

/** The plotting area in user units. */
export interface Plot {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

const AXIS: Stroke = { stroke: PALETTE.axis, width: 1 };

/**
 * A value scale fitted to `values` with `count` nice ticks: padded by `pad` × the range on both sides, never below
 * zero unless a value is (a negative axis for counts reads as nonsense), and from zero when `zero` is set. A
 * single value is widened so it does not sit on the edge. The range is set by the caller, once the plot is laid out.
 */
export function valueScale(values: number[], o: { pad: number; count: number; zero?: boolean }): { y: ScaleLinear<number, number>; ticks: number[]; decimals: number } {
  let lo = values.length ? Math.min(...values) : 0;
  let hi = values.length ? Math.max(...values) : 1;
  if (o.zero) lo = Math.min(0, lo);
  if (!(hi > lo)) {
    lo -= Math.abs(lo) * 0.1 + 1;
    hi += Math.abs(hi) * 0.1 + 1;
  }
  const pad = o.zero ? 0 : (hi - lo) * o.pad;
  const y = scaleLinear().domain([lo >= 0 ? Math.max(0, lo - pad) : lo - pad, hi + pad]).nice(o.count);
  const ticks = y.ticks(o.count);
  return { y, ticks, decimals: decimalsOfTicks(ticks) };
}

/** Width needed left of the plot for the tick labels of the left axis. */
export function leftAxisWidth(ticks: number[], decimals: number, fontSize: number): number {
  let w = 0;
  for (const t of ticks) w = Math.max(w, textWidth(formatNumber(t, decimals), fontSize));
  return Math.ceil(w + 10);
}

/**
 * The left value axis (tick labels right-aligned left of the plot, tick marks, gridlines across the plot when
 * `grid`) and the two axis lines along the plot's left and bottom edges.
 */
export function valueAxes(plot: Plot, y: (value: number) => number, ticks: number[], decimals: number, fontSize: number, grid: boolean): string {
  const parts: string[] = [];
  for (const t of ticks) {
    const ty = y(t);
    if (grid) parts.push(hRule(plot.left, plot.right, ty, { stroke: PALETTE.grid, width: 0.5, cls: 'swp-grid' }));
    parts.push(hRule(plot.left - 4, plot.left, ty, AXIS));
    parts.push(
      text(plot.left - 6, ty, formatNumber(t, decimals), { 'font-size': fontSize, fill: PALETTE.axis, 'text-anchor': 'end', dy: '0.35em', class: 'swp-tick' }),
    );
  }
  return [
    el('g', { class: 'swp-axis swp-axis-y' }, parts),
    vRule(plot.left, plot.top, plot.bottom, AXIS),
    hRule(plot.left, plot.right, plot.bottom, AXIS),
  ].join('');
}

/** A tick mark below the plot's bottom edge at x, and its label centred under it with its baseline at labelY. */
export function xTick(x: number, bottom: number, labelY: number, label: string, fontSize: number): string {
  return vRule(x, bottom, bottom + 4, AXIS) + text(x, labelY, label, { 'font-size': fontSize, fill: PALETTE.text, 'text-anchor': 'middle' });
}

/** Vertical gridlines at the ticks, across the plot's height, each styled by `style`. */
export function verticalGrid(ticks: number[], x: (value: number) => number, plot: Plot, style: (tick: number) => Stroke): string[] {
  return ticks.map((t) => vRule(x(t), plot.top, plot.bottom, style(t)));
}

/**
 * The value axis below a row chart: the axis line, a labelled tick at each tick value, and the axis title (one or
 * more lines) centred under the plot.
 */
export function bottomAxis(plot: Plot, x: (value: number) => number, ticks: number[], fontSize: number, title: string[]): string {
  const decimals = decimalsOfTicks(ticks);
  const parts = [hRule(plot.left, plot.right, plot.bottom, AXIS)];
  for (const t of ticks) parts.push(xTick(x(t), plot.bottom, plot.bottom + fontSize + 5, formatNumber(t, decimals), fontSize));
  parts.push(
    multilineText((plot.left + plot.right) / 2, plot.bottom + 2 * fontSize + 10, title, fontSize + 2, { 'font-size': fontSize, fill: PALETTE.muted, 'text-anchor': 'middle' }),
  );
  return el('g', { class: 'swp-axis swp-axis-x' }, parts);
}
