/**
 * The share of crimes charged or summonsed, by crime type: one row per crime type ("All crime" first), a filled dot
 * for the partnership with its 95% Wilson interval and an open diamond for the force, on one percentage axis. A dot
 * plot rather than bars, so the two can be compared along one common scale (Cleveland & McGill 1984).
 */
import { scaleLinear } from 'd3-scale';

import type { OutcomeRow } from '../../model/contract.js';
import { type Plot, bottomAxis, verticalGrid } from './axes.js';
import { legend } from './legend.js';
import { errorBar } from './marks.js';
import { PALETTE } from './palette.js';
import { type BaseChartOptions, type ChartResult, chartResult, chartTable, formatNumber, marker, text } from './svg.js';
import { axisUnit } from './units.js';

const W = 640;
const FONT = 11;
const PLOT_LEFT = 200;
const PLOT_RIGHT = W - 30;
const ROW_H = 26;
const TOP = 36;

const pct = (v: number | null | undefined) => (v === null || v === undefined ? '[c]' : `${formatNumber(v, 1)}%`);
const COMPARISON: Record<string, string> = { higher: 'higher than the rest of the force', lower: 'lower than the rest of the force', similar: 'no clear difference' };

/** The data table: each row's partnership share and interval, the force's share, and the comparison. */
function outcomesTable(rows: readonly OutcomeRow[], caption: string, area: string, force: string) {
  return chartTable(caption, ['Crime type', `${area}: charged or summonsed`, '95% interval', `${force}: charged or summonsed`, 'Compared with the rest of the force'], [...rows], (r) => ({
    text: [r.crimeType, pct(r.charged.share), r.charged.ci95 ? `${formatNumber(r.charged.ci95[0], 1)}% to ${formatNumber(r.charged.ci95[1], 1)}%` : '[c]', pct(r.force.charged.share), r.comparison ? COMPARISON[r.comparison.result]! : 'not compared'],
    value: [r.crimeType, r.charged.share, r.charged.ci95?.[0] ?? null, r.force.charged.share, r.comparison?.result ?? null],
  }));
}

/** The chart, or null when no row has a published partnership share. */
export function chargedShareChart(rows: readonly OutcomeRow[], options: BaseChartOptions & { area: string; force: string; period: string }): ChartResult | null {
  const drawn = rows.filter((r) => r.charged.share !== null || r.force.charged.share !== null);
  if (!drawn.some((r) => r.charged.share !== null)) return null;
  const unit = axisUnit('x', [{ name: options.area, unit: '%' }, { name: options.force, unit: '%' }]);
  const ends = drawn.flatMap((r) => [r.charged.ci95?.[1] ?? 0, r.force.charged.share ?? 0]);
  const hi = Math.min(100, Math.ceil((Math.max(10, ...ends) * 1.05) / 10) * 10);
  const key = legend(
    [
      { key: marker('circle', 6, 0, 5, { fill: PALETTE.series }), keyWidth: 12, label: `${options.area} (with 95% interval)` },
      { key: marker('diamond', 6, 0, 5.5, { fill: 'none', stroke: PALETTE.text, 'stroke-width': 1.5 }), keyWidth: 12, label: options.force },
    ],
    PLOT_LEFT,
    8,
    PLOT_RIGHT - PLOT_LEFT,
    FONT,
  );
  const top = Math.max(TOP, 8 + key.height + 10);
  const plot: Plot = { left: PLOT_LEFT, right: PLOT_RIGHT, top, bottom: top + drawn.length * ROW_H };
  const x = scaleLinear().domain([0, hi]).range([plot.left, plot.right]);
  const ticks = x.ticks(hi > 50 ? 10 : 5);
  const body = [key.markup, ...verticalGrid(ticks, x, plot, () => ({ stroke: PALETTE.grid, width: 0.5 }))];
  drawn.forEach((r, i) => {
    const cy = plot.top + (i + 0.5) * ROW_H;
    body.push(text(plot.left - 10, cy, r.crimeType, { 'font-size': FONT, fill: PALETTE.text, 'text-anchor': 'end', dy: '0.35em', 'font-weight': i === 0 && r.crimeType === 'All crime' ? 'bold' : undefined }));
    if (r.charged.ci95) body.push(errorBar('horizontal', cy, x(r.charged.ci95[0]), x(r.charged.ci95[1]), 5, PALETTE.series, 1.5));
    // The force's open diamond over the partnership's dot, so that both show where they coincide.
    if (r.charged.share !== null) body.push(marker('circle', x(r.charged.share), cy, 5, { fill: PALETTE.series }));
    if (r.force.charged.share !== null) body.push(marker('diamond', x(r.force.charged.share), cy, 5.5, { fill: 'none', stroke: PALETTE.text, 'stroke-width': 1.5 }));
  });
  body.push(bottomAxis(plot, x, ticks, FONT, [`Share of crimes with an outcome that were charged or summonsed (${unit})`]));
  const title = options.title ?? `Crimes charged or summonsed, by crime type: ${options.area} and ${options.force}, ${options.period}`;
  const words = drawn.map((r) => `${r.crimeType} ${pct(r.charged.share)} (${options.force} ${pct(r.force.charged.share)})`);
  const desc = `The share of crimes recorded in ${options.period} that were charged or summonsed, in ${options.area} and across ${options.force}: ${words.join('; ')}.`;
  return chartResult({ id: options.idPrefix ?? 'outcomes-charged', width: W, height: plot.bottom + 52, title, desc, kind: 'outcomes', body, table: outcomesTable(drawn, `Crimes charged or summonsed, ${options.period}`, options.area, options.force) });
}
