/**
 * Marks shared by the charts: straight rules (axis lines, gridlines, reference lines), data lines broken at
 * missing values, error bars, and blocks of text centred on a row.
 */
import { line } from 'd3-shape';

import { PALETTE } from './palette.js';
import { el, multilineText, n } from './svg.js';

/** How a line is stroked; `cls` becomes its class attribute. */
export interface Stroke {
  stroke: string;
  width: number;
  dash?: string;
  cls?: string;
}

function rule(x1: number, x2: number, y1: number, y2: number, s: Stroke): string {
  return el('line', { x1, x2, y1, y2, stroke: s.stroke, 'stroke-width': s.width, 'stroke-dasharray': s.dash, class: s.cls });
}

/** A horizontal line from x1 to x2 at y. */
export function hRule(x1: number, x2: number, y: number, s: Stroke): string {
  return rule(x1, x2, y, y, s);
}

/** A vertical line at x from y1 to y2. */
export function vRule(x: number, y1: number, y2: number, s: Stroke): string {
  return rule(x, x, y1, y2, s);
}

/** A d3 line path through the data, broken where `y` is null (missing is never drawn as zero); null when empty. */
export function linePath<T>(data: T[], x: (d: T) => number, y: (d: T) => number | null): string | null {
  return line<T>()
    .defined((d) => y(d) !== null)
    .x(x)
    .y((d) => y(d) as number)
    .digits(2)(data);
}

/** The line of a data series (nothing when there is no path). */
export function seriesPath(d: string | null, stroke: string, width: number): string {
  return d ? el('path', { d, fill: 'none', stroke, 'stroke-width': width, 'stroke-linejoin': 'round', class: 'swp-series' }) : '';
}

/**
 * A 95% confidence interval as an error bar from `from` to `to` along the value axis, at `at` across it, with
 * caps `cap` either side: vertical in a chart whose values go up the page, horizontal in a row chart.
 */
export function errorBar(direction: 'vertical' | 'horizontal', at: number, from: number, to: number, cap: number, stroke: string, width: number): string {
  const d =
    direction === 'vertical'
      ? `M${n(at - cap)},${n(from)}H${n(at + cap)}M${n(at)},${n(from)}V${n(to)}M${n(at - cap)},${n(to)}H${n(at + cap)}`
      : `M${n(from)},${n(at - cap)}V${n(at + cap)}M${n(from)},${n(at)}H${n(to)}M${n(to)},${n(at - cap)}V${n(at + cap)}`;
  return el('path', { d, fill: 'none', stroke, 'stroke-width': width, class: 'swp-ci-bar' });
}

/** Lines of text, `lh` apart, whose block is centred vertically on cy. */
export function centredLines(x: number, cy: number, lines: string[], lh: number, fontSize: number, fill: string, cls?: string): string {
  return multilineText(x, cy - ((lines.length - 1) * lh) / 2, lines, lh, { 'font-size': fontSize, fill, dy: '0.35em', class: cls });
}

/** A column heading (bold, muted), its lines `fontSize + 2` apart from the first baseline at y. */
export function columnHeading(x: number, y: number, lines: string[], fontSize: number): string {
  return multilineText(x, y, lines, fontSize + 2, { 'font-size': fontSize, fill: PALETTE.muted, 'font-weight': 'bold' });
}
