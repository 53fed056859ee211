/**
 * Share of crimes and share of harm by crime type: a paired horizontal bar chart, one row per crime type (largest
 * share of harm first), with the share of recorded crimes and the share of harm (Cambridge Crime Harm Index,
 * contract `harm.shareOfVolume` / `harm.shareOfHarm`) side by side on one percentage axis, each bar labelled with
 * its value. The two bars differ by fill and by position (crimes above, harm below), and the key says which is which.
 */
import { scaleLinear } from 'd3-scale';

import type { IndicatorResult } from '../../model/contract.js';
import { type Plot, bottomAxis, verticalGrid } from './axes.js';
import { type LegendItem, legend } from './legend.js';
import { centredLines } from './marks.js';
import { PALETTE } from './palette.js';
import { type BaseChartOptions, type ChartResult, type ChartTable, chartResult, chartTable, el, formatNumber, joinWords, text, wrapText } from './svg.js';
import { axisUnit } from './units.js';

export interface HarmChartOptions extends BaseChartOptions {
  /** The period, e.g. "2016/17", for the title and caption. */
  period?: string;
}

const W = 640;
const FONT = 11;
const LABEL_W = 180;
const PLOT_LEFT = 192;
const PLOT_RIGHT = W - 48;
const BAR_H = 9;
const ROW_GAP = 8;
const UNIT = '% of the area’s total';

/** The two series, with their colours. */
const SERIES = {
  crimes: { name: 'Share of recorded crimes', colour: PALETTE.series },
  harm: { name: 'Share of harm (Cambridge Crime Harm Index)', colour: PALETTE.spcConcern },
} as const;

interface Row {
  label: string;
  count: number | null;
  crimes: number;
  harm: number;
}

/** The crime types with both shares, largest share of harm first (ties: larger share of crimes, then name). */
function harmRows(indicators: readonly IndicatorResult[]): Row[] {
  return indicators
    .filter((i) => i.harm && i.harm.shareOfHarm !== null && i.harm.shareOfVolume !== null && !i.suppressed)
    .map((i) => ({ label: i.label, count: i.count, crimes: i.harm!.shareOfVolume! * 100, harm: i.harm!.shareOfHarm! * 100 }))
    .sort((a, b) => b.harm - a.harm || b.crimes - a.crimes || a.label.localeCompare(b.label));
}

/** "12%", or "less than 1%" for a share that rounds to nothing but is not nothing. */
function share(v: number): string {
  if (v > 0 && v < 0.5) return 'less than 1%';
  return `${formatNumber(v, 0)}%`;
}

/** The text alternative: what is drawn, and every crime type's two shares. */
function harmDesc(rows: Row[], period: string): string {
  const lead = `Share of recorded crimes and share of harm by crime type${period ? `, ${period}` : ''}, largest share of harm first.`;
  return `${lead} ${joinWords(rows.map((r) => `${r.label}: ${share(r.crimes)} of crimes, ${share(r.harm)} of harm`))}.`;
}

/** The bars, their labels, the axis and the key; the height. */
function harmBody(rows: Row[]): { body: string[]; height: number } {
  // One unit on the axis: both series are shares of the area's total.
  axisUnit('share axis', [{ name: SERIES.crimes.name, unit: UNIT }, { name: SERIES.harm.name, unit: UNIT }]);
  const items: LegendItem[] = (['crimes', 'harm'] as const).map((k) => ({
    key: el('rect', { x: 0, y: -5, width: 14, height: 10, fill: SERIES[k].colour }),
    keyWidth: 14,
    label: SERIES[k].name,
  }));
  const lg = legend(items, 8, 4, W - 16, FONT);
  const top = 4 + lg.height + 8;
  const rowH = 2 * BAR_H + ROW_GAP;
  const plot: Plot = { left: PLOT_LEFT, right: PLOT_RIGHT, top, bottom: top + rows.length * rowH };
  const max = Math.max(10, ...rows.map((r) => Math.max(r.crimes, r.harm)));
  const x = scaleLinear().domain([0, max]).nice(5).range([plot.left, plot.right]);
  const ticks = x.ticks(5);
  const body = [lg.markup, el('g', { class: 'swp-grid' }, verticalGrid(ticks, x, plot, () => ({ stroke: PALETTE.grid, width: 0.5 })))];
  rows.forEach((r, k) => {
    const y0 = top + k * rowH + ROW_GAP / 2;
    const bar = (v: number, y: number, colour: string) =>
      el('rect', { x: plot.left, y, width: Math.max(0.5, x(v) - plot.left), height: BAR_H, fill: colour }) +
      text(x(v) + 4, y + BAR_H / 2, share(v), { 'font-size': FONT - 1, fill: PALETTE.text, dy: '0.35em' });
    const lines = wrapText(r.label, LABEL_W, FONT, 2);
    body.push(el('g', { class: 'swp-row' }, [centredLines(8, y0 + BAR_H, lines, FONT + 2, FONT, PALETTE.text), bar(r.crimes, y0, SERIES.crimes.colour), bar(r.harm, y0 + BAR_H, SERIES.harm.colour)]));
  });
  body.push(bottomAxis(plot, x, ticks, FONT, ['Share of the area’s total (%)']));
  return { body, height: Math.ceil(plot.bottom + 2 * FONT + 10 + FONT + 4) };
}

/** The data table: crimes, share of crimes and share of harm per crime type. */
function harmTable(rows: Row[], period: string): ChartTable {
  const caption = `Share of recorded crimes and of harm (Cambridge Crime Harm Index)${period ? `, ${period}` : ''}`;
  return chartTable(caption, ['Crime type', 'Crimes', 'Share of crimes', 'Share of harm'], rows, (r) => ({
    text: [r.label, formatNumber(r.count, 0), share(r.crimes), share(r.harm)],
    value: [r.label, r.count, r.crimes, r.harm],
  }));
}

/** The chart for the crime types of `indicators` that have a share of harm (none: an empty chart is not drawn). */
export function harmChart(indicators: readonly IndicatorResult[], options: HarmChartOptions = {}): ChartResult | null {
  const rows = harmRows(indicators);
  if (rows.length === 0) return null;
  const period = options.period ?? '';
  const title = options.title ?? `Share of crimes and share of harm by crime type${period ? `, ${period}` : ''}`;
  const { body, height } = harmBody(rows);
  return chartResult({ id: options.idPrefix ?? 'harm', width: W, height, title, desc: harmDesc(rows, period), kind: 'harm', body, table: harmTable(rows, period) });
}
