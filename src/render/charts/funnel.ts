/**
 * A funnel plot of ward rates against the partnership average: each ward's rate per 1,000 by its population, the
 * average as a line, and the 95% and 99.8% control limits around it (exact Poisson, APHO Technical Briefing 2;
 * Spiegelhalter 2005), which narrow as the population grows. A ward outside the 95% limits differs from the average
 * by more than chance would often give; outside 99.8%, by much more. Wards above are triangles, below diamonds,
 * within hollow circles, and wards outside the limits are named: the shape and the name carry the meaning, not colour.
 */
import { scaleLinear } from 'd3-scale';
import { funnelLimits } from '../../analysis/stats/funnel.js';
import type { Places } from '../../model/contract.js';
import { bottomAxis, leftAxisWidth, valueAxes, valueScale, type Plot } from './axes.js';
import { hRule, linePath } from './marks.js';
import { PALETTE } from './palette.js';
import { chartResult, chartTable, el, formatNumber, marker, text, textWidth, type ChartResult, type MarkerShape } from './svg.js';

type Ward = NonNullable<Places['wards']>[number];

const W = 640;
const H = 380;
const FONT = 11;

const STYLE: Record<Ward['comparison'], { shape: MarkerShape; colour: string; word: string }> = {
  higher: { shape: 'triangle', colour: PALETTE.worse, word: 'higher than average' },
  lower: { shape: 'diamond', colour: PALETTE.spcImprovement, word: 'lower than average' },
  similar: { shape: 'circle', colour: PALETTE.similar, word: 'similar to average' },
  'not-compared': { shape: 'square', colour: PALETTE.notCompared, word: 'not compared' },
};

/** The limit curves at 60 populations across the plot. */
function curves(target: number, x0: number, x1: number): Record<'l95' | 'u95' | 'l998' | 'u998', { p: number; v: number }[]> {
  const out = { l95: [] as { p: number; v: number }[], u95: [] as { p: number; v: number }[], l998: [] as { p: number; v: number }[], u998: [] as { p: number; v: number }[] };
  for (let i = 0; i <= 60; i++) {
    const p = x0 + ((x1 - x0) * i) / 60;
    if (p <= 0) continue;
    const a = funnelLimits(target, p, 0.95, 1000);
    const b = funnelLimits(target, p, 0.998, 1000);
    out.l95.push({ p, v: a.lower });
    out.u95.push({ p, v: a.upper });
    out.l998.push({ p, v: b.lower });
    out.u998.push({ p, v: b.upper });
  }
  return out;
}

/** The key of the lines and shapes, above the plot. */
function key(plot: Plot): string {
  const y0 = plot.top - 20;
  const line = (x: number, dash: string | undefined, w: number) => el('path', { d: `M${x},${y0}h22`, stroke: dash ? PALETTE.muted : PALETTE.text, 'stroke-width': w, 'stroke-dasharray': dash, fill: 'none' });
  const x0 = plot.left + 180;
  return [
    line(x0, undefined, 1.5), text(x0 + 26, y0 + 4, 'average', { 'font-size': 10, fill: PALETTE.text }),
    line(x0 + 80, '6 3', 1), text(x0 + 106, y0 + 4, '95% limits', { 'font-size': 10, fill: PALETTE.text }),
    line(x0 + 170, '1.5 2', 1), text(x0 + 196, y0 + 4, '99.8% limits', { 'font-size': 10, fill: PALETTE.text }),
  ].join('');
}

/**
 * Names beside the wards outside the 95% limits, furthest from the average first; a name that would overlap a
 * marker's name already placed, or run off the plot, is left out (the table names every ward).
 */
function names(rated: readonly Ward[], at: (w: Ward) => [number, number], plot: Plot, average: number): string {
  const boxes: { x0: number; x1: number; y0: number; y1: number }[] = [];
  const out: string[] = [];
  const outside = rated.filter((w) => w.comparison !== 'similar').sort((a, b) => Math.abs(b.value! - average) - Math.abs(a.value! - average) || (a.code < b.code ? -1 : 1));
  const markers = rated.map((w) => { const [mx, my] = at(w); return { x0: mx - 7, x1: mx + 7, y0: my - 7, y1: my + 7 }; });
  for (const w of outside) {
    const [px, py] = at(w);
    const width = textWidth(w.name, 10);
    const box = { x0: px + 9, x1: px + 9 + width, y0: py - 6, y1: py + 6 };
    const hit = (b: typeof box) => b.x0 < box.x1 && box.x0 < b.x1 && b.y0 < box.y1 && box.y0 < b.y1;
    if (box.x1 > plot.right + 120 || boxes.some(hit) || markers.some(hit)) continue;
    boxes.push(box);
    out.push(text(box.x0, py + 4, w.name, { 'font-size': 10, fill: PALETTE.text }));
  }
  return el('g', { class: 'swp-labels' }, out);
}

/** Funnel plot of the wards with a rate; see the module comment. */
export function funnelChart(wards: readonly Ward[], average: NonNullable<Places['average']>, options: { idPrefix: string; title: string }): ChartResult {
  const rated = wards.filter((w) => w.value !== null && w.population !== null);
  const pops = rated.map((w) => w.population!);
  const xDomain = [Math.min(...pops) * 0.85, Math.max(...pops) * 1.1] as const;
  const c = curves(average.value, xDomain[0], xDomain[1]);
  const { y, ticks, decimals } = valueScale([...rated.map((w) => w.value!), ...c.l998.map((d) => d.v), ...c.u998.map((d) => d.v)], { pad: 0.05, count: 6 });
  const plot: Plot = { left: 16 + leftAxisWidth(ticks, decimals, FONT), right: W - 130, top: 30, bottom: H - 56 };
  y.range([plot.bottom, plot.top]);
  const x = scaleLinear().domain(xDomain).range([plot.left, plot.right]).nice(5);
  const limit = (d: { p: number; v: number }[], dash: string) =>
    el('path', { d: linePath(d, (q) => x(q.p), (q) => y(q.v)) ?? '', fill: 'none', stroke: PALETTE.muted, 'stroke-width': 1, 'stroke-dasharray': dash, class: 'swp-limit' });
  const body = [
    valueAxes(plot, y, ticks, decimals, FONT, true),
    bottomAxis(plot, x, x.ticks(5), FONT, ['Residents of the ward']),
    text(plot.left, 10, 'Crimes per 1,000 residents', { 'font-size': FONT, fill: PALETTE.muted }),
    hRule(plot.left, plot.right, y(average.value), { stroke: PALETTE.text, width: 1.5 }),
    text(plot.right + 6, y(average.value) + 4, 'Average', { 'font-size': 10, fill: PALETTE.text }),
    limit(c.u95, '6 3'), limit(c.l95, '6 3'), limit(c.u998, '1.5 2'), limit(c.l998, '1.5 2'),
    key(plot),
    ...rated.map((w) => {
      const s = STYLE[w.comparison];
      return marker(s.shape, x(w.population!), y(w.value!), 9, { fill: w.comparison === 'similar' ? '#ffffff' : s.colour, stroke: s.colour, 'stroke-width': 1.5 });
    }),
    names(rated, (w) => [x(w.population!), y(w.value!)], plot, average.value),
  ];
  const above = rated.filter((w) => w.comparison === 'higher').map((w) => w.name);
  const below = rated.filter((w) => w.comparison === 'lower').map((w) => w.name);
  const desc = `Funnel plot of crime per 1,000 residents in ${rated.length} wards against their population, with the partnership average (${formatNumber(average.value, 1)}) and its 95% and 99.8% limits. ${above.length ? `Above the 95% limit: ${above.join(', ')}.` : 'No ward is above the 95% limit.'} ${below.length ? `Below it: ${below.join(', ')}.` : 'No ward is below the lower limit.'}`;
  const table = chartTable(`Data for the funnel plot: ${options.title}`, ['Ward', 'Residents', 'Rate per 1,000', '95% limits around the average', '99.8% limits', 'Compared with the average'], rated, (w) => {
    const a = funnelLimits(average.value, w.population!, 0.95, 1000);
    const b = funnelLimits(average.value, w.population!, 0.998, 1000);
    return {
      text: [w.name, formatNumber(w.population, 0), formatNumber(w.value, 1), `${formatNumber(a.lower, 1)} to ${formatNumber(a.upper, 1)}`, `${formatNumber(b.lower, 1)} to ${formatNumber(b.upper, 1)}`, STYLE[w.comparison].word + (w.beyond998 ? ' (beyond 99.8%)' : '')],
      value: [w.name, w.population, w.value, a.lower, b.lower, w.comparison],
    };
  });
  return chartResult({ id: options.idPrefix, width: W, height: H, title: options.title, desc, kind: 'funnel', body: [el('g', {}, body)], table });
}
