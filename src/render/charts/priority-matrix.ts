/**
 * The priority matrix: one horizontal stacked bar per candidate, ordered by rank, each segment a criterion's
 * contribution to the score (contract `priorities[].components[].contribution`). Every criterion has its own colour
 * AND a number (drawn in the key and inside each segment wide enough); the score and the range of ranks under
 * changed weights are written at the end of each bar. Negative contributions, if a scoring rule gives them, stack
 * to the left of zero.
 */
import { type ScaleLinear, scaleLinear } from 'd3-scale';

import type { Assessment } from '../../model/contract.js';
import { type Plot, bottomAxis, verticalGrid } from './axes.js';
import { type LegendItem, legend } from './legend.js';
import { centredLines, columnHeading, vRule } from './marks.js';
import { CATEGORICAL, PALETTE } from './palette.js';
import {
  type BaseChartOptions,
  type ChartResult,
  type ChartTable,
  capitalise,
  chartResult,
  chartTable,
  decimalsFor,
  el,
  formatNumber,
  joinWords,
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

/** What the drawing, the words and the table share. */
interface MatrixModel {
  /** By rank. */
  sorted: Priority[];
  /** Criteria ids in order of first appearance. */
  criteria: string[];
  nameOf: (criterion: string) => string;
  decimals: number;
  fmt: (v: number | null) => string;
}

const LH = FONT + 2;

/** The priority matrix; see the module comment. `priorities` may come in any order: bars follow `rank`. */
export function priorityMatrix(priorities: Priority[], options: PriorityMatrixOptions = {}): ChartResult {
  const m = matrixModel(priorities, options.criterionLabels);
  const title = options.title ?? 'Priority scores by criterion, highest first';
  const { body, height } = matrixBody(m);
  return chartResult({ id: options.idPrefix ?? 'priority-matrix', width: W, height, title, desc: matrixDesc(m), kind: 'priority-matrix', body, table: matrixTable(m) });
}

function matrixModel(priorities: Priority[], labels: Record<string, string> | undefined): MatrixModel {
  const sorted = [...priorities].sort((a, b) => a.rank - b.rank || b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const criteria: string[] = [];
  for (const p of sorted) for (const c of p.components) if (!criteria.includes(c.criterion)) criteria.push(c.criterion);
  const decimals = Math.max(2, decimalsFor(sorted.map((p) => p.score)));
  return {
    sorted,
    criteria,
    // "national-comparison" → "National comparison" unless a label is given.
    nameOf: (c) => labels?.[c] ?? capitalise(c.replace(/[-_]+/g, ' ').trim()),
    decimals,
    fmt: (v) => formatNumber(v, decimals),
  };
}

/** A candidate's contribution from one criterion (components of the same criterion summed; not finite: none). */
function contribution(p: Priority, c: string): number {
  return p.components.filter((x) => x.criterion === c).reduce((s, x) => s + (Number.isFinite(x.contribution) ? x.contribution : 0), 0);
}

/** The text alternative: the criteria, then each candidate's score, its largest part and its range of ranks. */
function matrixDesc(m: MatrixModel): string {
  const { sorted, nameOf, fmt } = m;
  if (!sorted.length) return 'No candidate priorities were scored.';
  const rankRange = (p: Priority) => (p.rankRange[0] === p.rankRange[1] ? `rank ${p.rankRange[0]} in every weighting` : `ranks ${p.rankRange[0]} to ${p.rankRange[1]}`);
  const items = sorted.map((p) => {
    const top = [...p.components].sort((a, b) => b.contribution - a.contribution || (a.criterion < b.criterion ? -1 : 1))[0];
    const most = top && top.contribution > 0 ? `, most from ${nameOf(top.criterion)} (${fmt(top.contribution)})` : '';
    return `${p.rank}. ${p.label}: ${fmt(p.score)}${most}; ${rankRange(p)} when the weights change`;
  });
  return [
    `Scores for ${sorted.length} candidate priorit${sorted.length === 1 ? 'y' : 'ies'}, each bar split into the contributions of ${joinWords(m.criteria.map(nameOf))}.`,
    `${items.join('. ')}.`,
  ].join(' ');
}

/** The scale from the most negative to the most positive stack (or score), from zero. */
function contributionScale(m: MatrixModel): ScaleLinear<number, number> {
  let lo = 0;
  let hi = 0;
  for (const p of m.sorted) {
    let pos = 0;
    let neg = 0;
    for (const c of m.criteria) {
      const v = contribution(p, c);
      if (v >= 0) pos += v;
      else neg += v;
    }
    hi = Math.max(hi, pos, p.score);
    lo = Math.min(lo, neg);
  }
  if (!(hi > lo)) hi = lo + 1;
  return scaleLinear().domain([lo, hi]).nice(5).range([BAR_LEFT, BAR_RIGHT]);
}

/** The chart's parts in drawing order (key and headings on top, then the bars over their gridlines), and its height. */
function matrixBody(m: MatrixModel): { body: string[]; height: number } {
  const x = contributionScale(m);
  const ticks = x.ticks(5);
  // Colour AND a number per criterion. Solid fills, not SVG patterns: Chromium rasterises pattern fills when
  // printing to PDF (megabytes of images, and text that is no longer text).
  const items: LegendItem[] = m.criteria.map((c, k) => ({ key: el('rect', { x: 0, y: -7, width: 22, height: 14, ...swatch(k) }) + criterionNumber(11, 0, k), keyWidth: 22, label: m.nameOf(c) }));
  const lg = legend(items, 8, 4, W - 16, FONT);
  const headY = 4 + lg.height + 8 + FONT;
  const top = headY + 8;
  const bars: string[] = [];
  let y = top;
  for (const p of m.sorted) {
    const bar = barMarks(m, x, p, y);
    bars.push(bar.markup);
    y += bar.height;
  }
  const plot: Plot = { left: BAR_LEFT, right: BAR_RIGHT, top, bottom: y };
  const grid = verticalGrid(ticks, x, plot, (t) => (t === 0 ? { stroke: PALETTE.axis, width: 1 } : { stroke: PALETTE.grid, width: 0.5 }));
  const body = [
    lg.markup,
    columnHeading(8, headY, ['Candidate (by rank)'], FONT),
    columnHeading(BAR_RIGHT + 6, headY, ['Score'], FONT),
    el('g', { class: 'swp-grid' }, grid),
    el('g', { class: 'swp-bars' }, bars),
    bottomAxis(plot, x, ticks, FONT, ['Contribution to the priority score']),
  ];
  return { body, height: Math.ceil(plot.bottom + 2 * FONT + 18) };
}

/** Fill and outline of the k-th criterion. */
function swatch(k: number): { fill: string; stroke: string; 'stroke-width': number } {
  const colour = criterionStyle(k).colour;
  return { fill: colour, stroke: colour, 'stroke-width': 1 };
}

/** The k-th criterion's number (k + 1), centred on (x, y) in black or white, whichever reads on its colour. */
function criterionNumber(x: number, y: number, k: number): string {
  return text(x, y, String(k + 1), { 'font-size': 9, fill: inkOn(criterionStyle(k).colour), 'text-anchor': 'middle', dy: '0.35em', 'font-weight': 'bold' });
}

/** One candidate's bar from its top y: its name, a segment per criterion, and the score and range of ranks. */
function barMarks(m: MatrixModel, x: ScaleLinear<number, number>, p: Priority, top: number): { markup: string; height: number } {
  const labelLines = wrapText(`${p.rank}. ${p.label}`, LABEL_W, FONT, 3);
  const scoreLines = [m.fmt(p.score), p.rankRange[0] === p.rankRange[1] ? `rank ${p.rankRange[0]}` : `ranks ${p.rankRange[0]}–${p.rankRange[1]}`];
  const height = Math.max(BAR_H + 14, Math.max(labelLines.length, scoreLines.length) * LH + 10);
  const cy = top + height / 2;
  const segments = barSegments(m, x, p, cy);
  const g = [
    centredLines(8, cy, labelLines, LH, FONT, PALETTE.text),
    segments.markup,
    centredLines(Math.max(segments.end, x(p.score)) + 6, cy, scoreLines, LH, FONT, PALETTE.text, 'swp-score'),
  ];
  return { markup: el('g', { class: 'swp-bar', 'data-id': p.id }, g), height };
}

/**
 * The stacked segments of one bar, positive contributions to the right of zero and negative ones to the left,
 * each numbered when there is room; returns them with the x where the bar ends.
 */
function barSegments(m: MatrixModel, x: ScaleLinear<number, number>, p: Priority, cy: number): { markup: string; end: number } {
  const g: string[] = [];
  let pos = 0;
  let neg = 0;
  let end = x(0);
  const boundaries: number[] = [];
  m.criteria.forEach((c, k) => {
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
    g.push(el('rect', { x: x0, y: cy - BAR_H / 2, width: Math.max(0.5, x1 - x0), height: BAR_H, ...swatch(k), class: 'swp-segment', 'data-criterion': c }));
    // The criterion's number inside its segment when there is room: colour is never the only cue.
    if (x1 - x0 >= 11) g.push(criterionNumber((x0 + x1) / 2, cy, k));
  });
  // White gaps between segments, so neighbours read as separate even in greyscale.
  for (const xb of boundaries) g.push(vRule(xb, cy - BAR_H / 2 - 0.5, cy + BAR_H / 2 + 0.5, { stroke: '#ffffff', width: 1.5 }));
  return { markup: g.join(''), end };
}

/** The data table: each candidate's rank, contribution per criterion, score and range of ranks. */
function matrixTable(m: MatrixModel): ChartTable {
  const columns = ['Candidate', 'Rank', ...m.criteria.map(m.nameOf), 'Score', 'Range of ranks'];
  return chartTable('Contribution of each criterion to the priority score (weight × scaled value)', columns, m.sorted, (p) => {
    const cs = m.criteria.map((c) => (p.components.some((x) => x.criterion === c) ? contribution(p, c) : null));
    return {
      text: [p.label, String(p.rank), ...cs.map((v) => formatNumber(v, m.decimals)), m.fmt(p.score), `${p.rankRange[0]} to ${p.rankRange[1]}`],
      value: [p.label, p.rank, ...cs, p.score, `${p.rankRange[0]}-${p.rankRange[1]}`],
    };
  });
}
