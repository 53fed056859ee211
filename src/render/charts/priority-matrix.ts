/**
 * The priority matrix: one horizontal stacked bar per candidate, ordered by rank, each segment a criterion's
 * contribution to the score (contract `priorities[].components[].contribution`). Every criterion has its own colour
 * AND a number (drawn in the key and inside each segment wide enough), and the legend shows both; the score and the range of ranks under changed
 * weights are written at the end of each bar. Negative contributions, if a scoring rule gives them, stack to the
 * left of zero.
 */
import { scaleLinear } from 'd3-scale';

import type { Assessment } from '../../model/contract.js';
import { CATEGORICAL, PALETTE } from './palette.js';
import {
  type BaseChartOptions,
  type ChartResult,
  type LegendItem,
  capitalise,
  decimalsFor,
  decimalsOfTicks,
  el,
  formatNumber,
  joinWords,
  legend,
  multilineText,
  safeId,
  svgRoot,
  text,
  wrapText,
} from './svg.js';

export type Priority = Assessment['priorities'][number];

export interface PriorityMatrixOptions extends BaseChartOptions {
  /** Plain-English names for criteria ids, e.g. { harm: 'Harm' }; by default the id in words ("Public concern"). */
  criterionLabels?: Record<string, string>;
}

const W = 640;
const FONT = 11;
const LABEL_W = 178;
const BAR_LEFT = 192;
const BAR_RIGHT = 528;
const BAR_H = 18;

/** The colour of the k-th criterion; its number (k + 1) is drawn in the legend and in each segment too. */
export function criterionStyle(k: number): { colour: string } {
  return { colour: CATEGORICAL[k % CATEGORICAL.length] ?? PALETTE.series };
}

/** Black or white text, whichever contrasts more with a fill (WCAG relative luminance). */
function inkOn(hex: string): string {
  const lin = (v: number) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
  const [r, g, b] = [1, 3, 5].map((i) => lin(parseInt(hex.slice(i, i + 2), 16) / 255)) as [number, number, number];
  const L = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return (L + 0.05) / 0.05 > 1.05 / (L + 0.05) ? '#0b0c0c' : '#ffffff';
}

/** The priority matrix; see the module comment. `priorities` may come in any order: bars follow `rank`. */
export function priorityMatrix(priorities: Priority[], options: PriorityMatrixOptions = {}): ChartResult {
  const id = safeId(options.idPrefix ?? 'priority-matrix');
  // "national-comparison" → "National comparison" unless a label is given.
  const nameOf = (c: string) => options.criterionLabels?.[c] ?? capitalise(c.replace(/[-_]+/g, ' ').trim());
  const sorted = [...priorities].sort((a, b) => a.rank - b.rank || b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  // Criteria in order of first appearance.
  const criteria: string[] = [];
  for (const p of sorted) for (const c of p.components) if (!criteria.includes(c.criterion)) criteria.push(c.criterion);
  const contribution = (p: Priority, c: string) => p.components.filter((x) => x.criterion === c).reduce((s, x) => s + (Number.isFinite(x.contribution) ? x.contribution : 0), 0);

  const decimals = Math.max(2, decimalsFor(sorted.map((p) => p.score)));
  const fmt = (v: number | null) => formatNumber(v, decimals);
  const rankRange = (p: Priority) => (p.rankRange[0] === p.rankRange[1] ? `rank ${p.rankRange[0]} in every weighting` : `ranks ${p.rankRange[0]} to ${p.rankRange[1]}`);
  const title = options.title ?? 'Priority scores by criterion, highest first';

  // ---- text alternative
  const descParts: string[] = [];
  if (!sorted.length) descParts.push('No candidate priorities were scored.');
  else {
    descParts.push(
      `Scores for ${sorted.length} candidate priorit${sorted.length === 1 ? 'y' : 'ies'}, each bar split into the contributions of ${joinWords(criteria.map(nameOf))}.`,
    );
    const items = sorted.map((p) => {
      const top = [...p.components].sort((a, b) => b.contribution - a.contribution || (a.criterion < b.criterion ? -1 : 1))[0];
      const most = top && top.contribution > 0 ? `, most from ${nameOf(top.criterion)} (${fmt(top.contribution)})` : '';
      return `${p.rank}. ${p.label}: ${fmt(p.score)}${most}; ${rankRange(p)} when the weights change`;
    });
    descParts.push(`${items.join('. ')}.`);
  }
  const desc = descParts.join(' ');

  // ---- scale
  let lo = 0;
  let hi = 0;
  for (const p of sorted) {
    let pos = 0;
    let neg = 0;
    for (const c of criteria) {
      const v = contribution(p, c);
      if (v >= 0) pos += v;
      else neg += v;
    }
    hi = Math.max(hi, pos, p.score);
    lo = Math.min(lo, neg);
  }
  if (!(hi > lo)) hi = lo + 1;
  const x = scaleLinear().domain([lo, hi]).nice(5).range([BAR_LEFT, BAR_RIGHT]);
  const ticks = x.ticks(5);
  const tickDecimals = decimalsOfTicks(ticks);

  // ---- legend: colour AND a number per criterion. Solid fills, not SVG patterns: Chromium rasterises pattern
  // fills when printing to PDF (megabytes of images, and text that is no longer text).
  const fills = criteria.map((_, k) => {
    const colour = criterionStyle(k).colour;
    return { fill: colour, colour, ink: inkOn(colour) };
  });
  const parts: string[] = [];
  const items: LegendItem[] = criteria.map((c, k) => ({
    key: [
      el('rect', { x: 0, y: -7, width: 22, height: 14, fill: fills[k]?.fill, stroke: fills[k]?.colour, 'stroke-width': 1 }),
      text(11, 0, String(k + 1), { 'font-size': 9, fill: fills[k]?.ink, 'text-anchor': 'middle', dy: '0.35em', 'font-weight': 'bold' }),
    ].join(''),
    keyWidth: 22,
    label: nameOf(c),
  }));
  const lg = legend(items, 8, 4, W - 16, FONT);
  parts.push(lg.markup);
  let yCursor = 4 + lg.height + 8;
  parts.push(text(8, yCursor + FONT, 'Candidate (by rank)', { 'font-size': FONT, fill: PALETTE.muted, 'font-weight': 'bold' }));
  parts.push(text(BAR_RIGHT + 6, yCursor + FONT, 'Score', { 'font-size': FONT, fill: PALETTE.muted, 'font-weight': 'bold' }));
  yCursor += FONT + 8;
  const plotTop = yCursor;

  // ---- bars
  const lh = FONT + 2;
  const bars: string[] = [];
  for (const p of sorted) {
    const labelLines = wrapText(`${p.rank}. ${p.label}`, LABEL_W, FONT, 3);
    const scoreLines = [fmt(p.score), p.rankRange[0] === p.rankRange[1] ? `rank ${p.rankRange[0]}` : `ranks ${p.rankRange[0]}–${p.rankRange[1]}`];
    const h = Math.max(BAR_H + 14, Math.max(labelLines.length, scoreLines.length) * lh + 10);
    const cy = yCursor + h / 2;
    const g: string[] = [];
    g.push(multilineText(8, cy - ((labelLines.length - 1) * lh) / 2, labelLines, lh, { 'font-size': FONT, fill: PALETTE.text, dy: '0.35em' }));
    let pos = 0;
    let neg = 0;
    let end = x(0);
    const boundaries: number[] = [];
    criteria.forEach((c, k) => {
      const v = contribution(p, c);
      if (v === 0) return;
      const from = v > 0 ? pos : neg + v;
      const to = v > 0 ? pos + v : neg;
      if (v > 0) pos += v;
      else neg += v;
      const x0 = x(from);
      const x1 = x(to);
      end = Math.max(end, x1);
      if (v > 0 && from !== 0) boundaries.push(x0);
      if (v < 0 && to !== 0) boundaries.push(x1);
      g.push(
        el('rect', {
          x: x0,
          y: cy - BAR_H / 2,
          width: Math.max(0.5, x1 - x0),
          height: BAR_H,
          fill: fills[k]?.fill,
          stroke: fills[k]?.colour,
          'stroke-width': 1,
          class: 'swp-segment',
          'data-criterion': c,
        }),
      );
      // The criterion's number inside its segment when there is room: colour is never the only cue.
      if (x1 - x0 >= 11) g.push(text((x0 + x1) / 2, cy, String(k + 1), { 'font-size': 9, fill: fills[k]?.ink, 'text-anchor': 'middle', dy: '0.35em', 'font-weight': 'bold' }));
    });
    // White gaps between segments, so neighbours read as separate even in greyscale.
    for (const xb of boundaries) g.push(el('line', { x1: xb, x2: xb, y1: cy - BAR_H / 2 - 0.5, y2: cy + BAR_H / 2 + 0.5, stroke: '#ffffff', 'stroke-width': 1.5 }));
    g.push(
      multilineText(Math.max(end, x(p.score)) + 6, cy - ((scoreLines.length - 1) * lh) / 2, scoreLines, lh, {
        'font-size': FONT,
        fill: PALETTE.text,
        dy: '0.35em',
        class: 'swp-score',
      }),
    );
    bars.push(el('g', { class: 'swp-bar', 'data-id': p.id }, g));
    yCursor += h;
  }
  const plotBottom = yCursor;

  const grid: string[] = [];
  const axis: string[] = [el('line', { x1: BAR_LEFT, x2: BAR_RIGHT, y1: plotBottom, y2: plotBottom, stroke: PALETTE.axis, 'stroke-width': 1 })];
  for (const t of ticks) {
    const xx = x(t);
    grid.push(el('line', { x1: xx, x2: xx, y1: plotTop, y2: plotBottom, stroke: t === 0 ? PALETTE.axis : PALETTE.grid, 'stroke-width': t === 0 ? 1 : 0.5 }));
    axis.push(el('line', { x1: xx, x2: xx, y1: plotBottom, y2: plotBottom + 4, stroke: PALETTE.axis, 'stroke-width': 1 }));
    axis.push(text(xx, plotBottom + FONT + 5, formatNumber(t, tickDecimals), { 'font-size': FONT, fill: PALETTE.text, 'text-anchor': 'middle' }));
  }
  axis.push(text((BAR_LEFT + BAR_RIGHT) / 2, plotBottom + 2 * FONT + 10, 'Contribution to the priority score', { 'font-size': FONT, fill: PALETTE.muted, 'text-anchor': 'middle' }));
  parts.push(el('g', { class: 'swp-grid' }, grid));
  parts.push(el('g', { class: 'swp-bars' }, bars));
  parts.push(el('g', { class: 'swp-axis swp-axis-x' }, axis));
  const height = Math.ceil(plotBottom + 2 * FONT + 18);

  // ---- table
  const columns = ['Candidate', 'Rank', ...criteria.map(nameOf), 'Score', 'Range of ranks'];
  const rows: string[][] = [];
  const values: (string | number | null)[][] = [];
  for (const p of sorted) {
    const cs = criteria.map((c) => (p.components.some((x) => x.criterion === c) ? contribution(p, c) : null));
    rows.push([p.label, String(p.rank), ...cs.map((v) => formatNumber(v, decimals)), fmt(p.score), `${p.rankRange[0]} to ${p.rankRange[1]}`]);
    values.push([p.label, p.rank, ...cs, p.score, `${p.rankRange[0]}-${p.rankRange[1]}`]);
  }
  const table = { caption: 'Contribution of each criterion to the priority score (weight × scaled value)', columns, rows, values };

  const svg = svgRoot({ id, width: W, height, title, desc, kind: 'priority-matrix', defs: '', body: parts.join('') });
  return { svg, title, desc, table, width: W, height };
}
