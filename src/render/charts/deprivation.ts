/**
 * Crime and anti-social behaviour per 1,000 residents by the deprivation decile of the neighbourhood (1 = the most
 * deprived tenth nationally): crime as bars, ASB as squares, each with its 95% confidence interval as an error bar.
 * The two series differ by shape and are named in the key; a suppressed or missing figure is left blank, never 0.
 */
import { scaleBand } from 'd3-scale';
import type { Places } from '../../model/contract.js';
import { leftAxisWidth, valueAxes, valueScale, xTick, type Plot } from './axes.js';
import { errorBar } from './marks.js';
import { PALETTE } from './palette.js';
import { chartResult, chartTable, el, formatNumber, marker, text, type ChartResult } from './svg.js';

type Decile = NonNullable<Places['deprivation']>[number];

const W = 640;
const H = 330;
const FONT = 11;

/** The chart of rates by decile; see the module comment. */
export function deprivationChart(rows: readonly Decile[], options: { idPrefix: string; title: string; source: string }): ChartResult {
  const values = rows.flatMap((r) => [r.value, r.ci95?.upper, r.asbValue, r.asbCi95?.upper]).filter((v): v is number => typeof v === 'number');
  const { y, ticks, decimals } = valueScale(values, { pad: 0.05, count: 6, zero: true });
  const plot: Plot = { left: 16 + leftAxisWidth(ticks, decimals, FONT), right: W - 16, top: 40, bottom: H - 52 };
  y.range([plot.bottom, plot.top]);
  const x = scaleBand<number>().domain(rows.map((r) => r.decile)).range([plot.left, plot.right]).padding(0.25);
  const bw = x.bandwidth();
  const body = [valueAxes(plot, y, ticks, decimals, FONT, true)];
  for (const r of rows) {
    const x0 = x(r.decile)!;
    body.push(xTick(x0 + bw / 2, plot.bottom, plot.bottom + FONT + 5, String(r.decile), FONT));
    if (r.value !== null) body.push(el('rect', { x: x0, y: y(r.value), width: bw * 0.55, height: plot.bottom - y(r.value), fill: PALETTE.series }));
    if (r.ci95) body.push(errorBar('vertical', x0 + bw * 0.275, y(r.ci95.lower), y(r.ci95.upper), 4, PALETTE.text, 1));
    if (r.asbValue !== null) body.push(marker('square', x0 + bw * 0.8, y(r.asbValue), 9, { fill: PALETTE.spcConcern, stroke: PALETTE.spcConcern }));
    if (r.asbCi95) body.push(errorBar('vertical', x0 + bw * 0.8, y(r.asbCi95.lower), y(r.asbCi95.upper), 4, PALETTE.spcConcern, 1));
  }
  body.push(text((plot.left + plot.right) / 2, plot.bottom + 2 * FONT + 12, 'Deprivation decile of the neighbourhood (1 = most deprived tenth, 10 = least deprived)', { 'font-size': FONT, fill: PALETTE.muted, 'text-anchor': 'middle' }));
  body.push(text(plot.left, 14, 'Per 1,000 residents', { 'font-size': FONT, fill: PALETTE.muted }));
  body.push(el('rect', { x: plot.left + 150, y: 5, width: 14, height: 12, fill: PALETTE.series }), text(plot.left + 170, 15, 'Crime (excluding anti-social behaviour)', { 'font-size': FONT, fill: PALETTE.text }));
  body.push(marker('square', plot.left + 410, 11, 9, { fill: PALETTE.spcConcern, stroke: PALETTE.spcConcern }), text(plot.left + 420, 15, 'Anti-social behaviour', { 'font-size': FONT, fill: PALETTE.text }));
  const shown = rows.filter((r) => r.value !== null);
  const first = shown[0];
  const last = shown[shown.length - 1];
  const desc =
    first && last && first !== last
      ? `Crime per 1,000 residents was ${formatNumber(first.value, 1)} in the most deprived decile of the area's neighbourhoods (decile ${first.decile}) and ${formatNumber(last.value, 1)} in the least deprived (decile ${last.decile}); anti-social behaviour ${formatNumber(first.asbValue, 1, 'not shown')} and ${formatNumber(last.asbValue, 1, 'not shown')}. Deciles from the ${options.source}.`
      : `Crime and anti-social behaviour per 1,000 residents by deprivation decile (${options.source}).`;
  const ci = (c: Decile['ci95']) => (c ? `${formatNumber(c.lower, 1)} to ${formatNumber(c.upper, 1)}` : '[x]');
  const table = chartTable(`Data for the chart: ${options.title}`, ['Decile (1 = most deprived)', 'Neighbourhoods', 'Residents', 'Crimes', 'Crime per 1,000', '95% CI', 'ASB incidents', 'ASB per 1,000', '95% CI (ASB)'], [...rows], (r) => ({
    text: [String(r.decile), formatNumber(r.lsoas, 0), formatNumber(r.population, 0), formatNumber(r.count, 0, '[c]'), formatNumber(r.value, 1), ci(r.ci95), formatNumber(r.asbCount, 0, '[c]'), formatNumber(r.asbValue, 1), ci(r.asbCi95)],
    value: [r.decile, r.lsoas, r.population, r.count, r.value, r.ci95?.lower ?? null, r.asbCount, r.asbValue, r.asbCi95?.lower ?? null],
  }));
  return chartResult({ id: options.idPrefix, width: W, height: H, title: options.title, desc, kind: 'deprivation', body, table });
}
