/**
 * Comparison with England and Wales for several indicators, one row each: the local value as a marker with its 95%
 * confidence interval as whiskers, the national value as a black bar, and the comparison outcome (contract
 * `comparison`) in words at the end of the row. The outcome also sets the marker's shape (better ●, similar ○,
 * worse ▲, higher/lower ◆, not compared □), so colour is never the only cue.
 *
 * Indicators have different units, so by default every value is shown relative to its national figure
 * (England and Wales = 100); `scale: 'absolute'` plots the values themselves when they share one unit.
 */
import { type ScaleLinear, scaleLinear } from 'd3-scale';

import type { Comparison, IndicatorResult } from '../../model/contract.js';
import { type Plot, bottomAxis, verticalGrid } from './axes.js';
import { type LegendItem, legend } from './legend.js';
import { centredLines, columnHeading, errorBar, vRule } from './marks.js';
import { FILLS, PALETTE } from './palette.js';
import {
  type BaseChartOptions,
  type ChartResult,
  type ChartTable,
  type MarkerShape,
  chartResult,
  chartTable,
  decimalsFor,
  el,
  formatNumber,
  joinWords,
  marker,
  n,
  text,
  textWidth,
  wrapText,
} from './svg.js';

export interface ComparisonChartOptions extends BaseChartOptions {
  /** The local area's name, e.g. "Castlebridge" (default "This area"). */
  areaLabel?: string;
  /** `relative` (default): each value as a percentage of England and Wales; `absolute`: the values (one unit only). */
  scale?: 'relative' | 'absolute';
  /** Relative scale only: values beyond this percentage are drawn at the edge with an arrow (default 300). */
  relativeCap?: number;
}

const W = 640;
const FONT = 11;
const LABEL_W = 180;
const PLOT_LEFT = 192;
const PLOT_RIGHT = 452;
const OUTCOME_X = 470;

const OUTCOME: Record<Comparison, { word: string; shape: MarkerShape; colour: string; hollow: boolean }> = {
  better: { word: 'Better', shape: 'circle', colour: PALETTE.better, hollow: false },
  similar: { word: 'Similar', shape: 'circle', colour: PALETTE.similar, hollow: true },
  worse: { word: 'Worse', shape: 'triangle', colour: PALETTE.worse, hollow: false },
  higher: { word: 'Higher', shape: 'diamond', colour: PALETTE.noJudgement, hollow: false },
  lower: { word: 'Lower', shape: 'diamond', colour: PALETTE.noJudgement, hollow: false },
  'not-compared': { word: 'Not compared', shape: 'square', colour: PALETTE.notCompared, hollow: true },
};

const OUTCOME_ORDER: Comparison[] = ['worse', 'similar', 'better', 'higher', 'lower', 'not-compared'];

interface Row {
  ind: IndicatorResult;
  value: number | null;
  lower: number | null;
  upper: number | null;
  national: number | null;
  /** Positions on the chosen scale. */
  pos: { value: number; lower: number | null; upper: number | null; national: number | null } | null;
  outcome: Comparison;
  decimals: number;
}

/** What the drawing, the words and the table share. */
interface ComparisonModel {
  rows: Row[];
  mode: 'relative' | 'absolute';
  units: string[];
  areaLabel: string;
  natLabel: string;
  title: string;
}

/** The value scale across the rows. */
interface RowScale {
  x: ScaleLinear<number, number>;
  ticks: number[];
  /** The domain, beyond which a value is drawn at the edge. */
  d0: number;
  d1: number;
  /** A value's x, kept within the domain. */
  clampX: (v: number) => number;
}

const LH = FONT + 2;

/** Local value against England and Wales for several indicators; see the module comment. */
export function comparisonChart(indicators: IndicatorResult[], options: ComparisonChartOptions = {}): ChartResult {
  const areaLabel = options.areaLabel ?? 'This area';
  const units = [...new Set(indicators.map((i) => i.unit))];
  const mode = options.scale === 'absolute' && units.length <= 1 ? 'absolute' : 'relative';
  const natLabel = indicators.find((i) => i.national)?.national?.label ?? 'England and Wales';
  const periods = [...new Set(indicators.map((i) => i.period.label))];
  const periodWords = periods.length === 1 ? `, ${periods[0]}` : '';
  const title = options.title ?? `${areaLabel} compared with ${natLabel}${periodWords}`;
  const m: ComparisonModel = { rows: indicators.map((ind) => comparisonRow(ind, mode)), mode, units, areaLabel, natLabel, title };
  const desc = comparisonDesc(m, periodWords);
  const { body, height } = comparisonBody(m, rowScale(m, options.relativeCap ?? 300));
  return chartResult({ id: options.idPrefix ?? 'comparison', width: W, height, title, desc, kind: 'comparison', body, table: comparisonTable(m) });
}

/** One indicator's figures, and their positions on the scale (relative: as a percentage of England and Wales). */
function comparisonRow(ind: IndicatorResult, mode: ComparisonModel['mode']): Row {
  const finite = (v: number | null | undefined) => (v !== null && v !== undefined && Number.isFinite(v) ? v : null);
  const value = finite(ind.value);
  const national = finite(ind.national?.value);
  const lower = value !== null && ind.ci95 ? finite(ind.ci95[0]) : null;
  const upper = value !== null && ind.ci95 ? finite(ind.ci95[1]) : null;
  let pos: Row['pos'] = null;
  if (value !== null) {
    if (mode === 'absolute') pos = { value, lower, upper, national };
    else if (national !== null && national > 0) {
      const r = (v: number | null) => (v === null ? null : (v / national) * 100);
      pos = { value: r(value) as number, lower: r(lower), upper: r(upper), national: 100 };
    }
  }
  const outcome: Comparison = value === null ? 'not-compared' : ind.comparison;
  return { ind, value, lower, upper, national, pos, outcome, decimals: decimalsFor([value, national]) };
}

/** A row's figure, or its symbol when there is none: [c] suppressed, [x] not available. */
function fmtRow(r: Row, v: number | null): string {
  return formatNumber(v, r.decimals, r.ind.suppressed ? '[c]' : '[x]');
}

/** The text alternative: what is compared, then the indicators grouped by outcome, worst first. */
function comparisonDesc(m: ComparisonModel, periodWords: string): string {
  const { rows, natLabel } = m;
  const parts = [
    `${rows.length} indicator${rows.length === 1 ? '' : 's'} for ${m.areaLabel} compared with ${natLabel}${periodWords}${
      m.mode === 'relative' ? `, each shown as a percentage of the ${natLabel} figure` : ` (${m.units[0] ?? ''})`
    }.`,
  ];
  for (const outcome of OUTCOME_ORDER) {
    const group = rows.filter((r) => r.outcome === outcome);
    if (!group.length) continue;
    const items = group.map((r) =>
      r.value === null
        ? `${r.ind.label} (${r.ind.suppressed ? 'suppressed' : 'no figure'})`
        : r.national === null
          ? `${r.ind.label} (${fmtRow(r, r.value)} ${r.ind.unit}, no ${natLabel} figure)`
          : `${r.ind.label} (${fmtRow(r, r.value)} against ${fmtRow(r, r.national)} ${r.ind.unit})`,
    );
    const head =
      outcome === 'not-compared'
        ? 'Not compared'
        : outcome === 'higher' || outcome === 'lower'
          ? `${OUTCOME[outcome].word} than ${natLabel}, where higher or lower is neither better nor worse`
          : outcome === 'similar'
            ? `Similar to ${natLabel}`
            : `${OUTCOME[outcome].word} than ${natLabel}`;
    parts.push(`${head}: ${joinWords(items)}.`);
  }
  return parts.join(' ');
}

/** The scale across every row's positions; relative values beyond `cap` % are left off it (drawn at the edge). */
function rowScale(m: ComparisonModel, cap: number): RowScale {
  const xs: number[] = m.mode === 'relative' ? [100] : [];
  for (const r of m.rows) if (r.pos) for (const v of [r.pos.value, r.pos.lower, r.pos.upper, r.pos.national]) if (v !== null) xs.push(v);
  let lo = xs.length ? Math.min(...xs) : 0;
  let hi = xs.length ? Math.max(...xs) : 1;
  if (m.mode === 'relative') hi = Math.min(hi, cap);
  if (m.mode === 'absolute') lo = Math.min(lo, 0);
  if (!(hi > lo)) {
    lo -= 1;
    hi += 1;
  }
  const padX = (hi - lo) * 0.05;
  const x = scaleLinear()
    .domain([m.mode === 'absolute' && lo >= 0 ? 0 : lo - padX, hi + padX])
    .nice(6)
    .range([PLOT_LEFT + 6, PLOT_RIGHT - 6]);
  const [d0, d1] = x.domain() as [number, number];
  return { x, ticks: x.ticks(6), d0, d1, clampX: (v) => x(Math.max(d0, Math.min(d1, v))) };
}

/** The chart's parts in drawing order (key and headings on top, then the rows over their gridlines), and its height. */
function comparisonBody(m: ComparisonModel, s: RowScale): { body: string[]; height: number } {
  const items: LegendItem[] = [
    {
      key: el('g', {}, [
        el('path', { d: 'M1,-4V4M1,0H23M23,-4V4', fill: 'none', stroke: PALETTE.text, 'stroke-width': 1.5 }),
        marker('circle', 12, 0, 4.5, { fill: '#ffffff', stroke: PALETTE.text, 'stroke-width': 1.8 }),
      ]),
      keyWidth: 27,
      label: `${m.areaLabel}, with 95% confidence interval`,
    },
    { key: marker('bar', 5, 0, 4, { fill: PALETTE.national }), keyWidth: 10, label: m.natLabel },
  ];
  const lg = legend(items, 8, 4, W - 16, FONT);
  const headLines = wrapText(`Compared with ${m.natLabel}`, W - OUTCOME_X - 6, FONT, 2, true);
  const headY = 4 + lg.height + 6 + FONT;
  const top = headY + (headLines.length - 1) * LH + 8;
  const stripes: string[] = [];
  const rows: string[] = [];
  let y = top;
  m.rows.forEach((r, k) => {
    const row = comparisonRowMarks(m, s, r, k, y);
    if (k % 2 === 1) stripes.push(el('rect', { x: 0, y, width: W, height: row.height, fill: FILLS.stripe }));
    rows.push(row.markup);
    y += row.height;
  });
  const plot: Plot = { left: PLOT_LEFT, right: PLOT_RIGHT, top, bottom: y };
  const axisTitle = m.mode === 'relative' ? `${m.areaLabel} as a percentage of ${m.natLabel} (= 100)` : (m.units[0] ?? '');
  const centre = (PLOT_LEFT + PLOT_RIGHT) / 2;
  const titleLines = wrapText(axisTitle, 2 * Math.min(centre, W - centre) - 16, FONT, 2);
  const body = [
    lg.markup,
    columnHeading(8, headY + (headLines.length - 1) * LH, ['Indicator'], FONT),
    columnHeading(OUTCOME_X, headY, headLines, FONT),
    el('g', { class: 'swp-stripes' }, stripes),
    el('g', { class: 'swp-grid' }, comparisonGrid(m, s, plot)),
    el('g', { class: 'swp-rows' }, rows),
    bottomAxis(plot, s.x, s.ticks, FONT, titleLines),
  ];
  return { body, height: Math.ceil(plot.bottom + 2 * FONT + 10 + (titleLines.length - 1) * LH + 8) };
}

/** Gridlines, and the England and Wales reference (= 100, dashed) on the relative scale, behind the rows' markers. */
function comparisonGrid(m: ComparisonModel, s: RowScale, plot: Plot): string[] {
  const relative = m.mode === 'relative';
  const reference = { stroke: PALETTE.national, width: 1, dash: '4 3' };
  const grid = verticalGrid(s.ticks, s.x, plot, (t) => (relative && t === 100 ? reference : { stroke: PALETTE.grid, width: 0.5 }));
  if (relative && !s.ticks.includes(100)) grid.push(vRule(s.x(100), plot.top, plot.bottom, reference));
  return grid;
}

/** One row from its top y: the indicator, its figures on the scale (or why there are none), and the outcome. */
function comparisonRowMarks(m: ComparisonModel, s: RowScale, r: Row, k: number, top: number): { markup: string; height: number } {
  const labelLines = wrapText(r.ind.label, LABEL_W, FONT, 3);
  const o = OUTCOME[r.outcome];
  const valueText = r.value === null ? '' : r.national === null ? `${fmtRow(r, r.value)}` : `${fmtRow(r, r.value)} v ${fmtRow(r, r.national)}`;
  const outcomeLines = [o.word];
  if (valueText) {
    const oneLine = `${o.word}: ${valueText}`;
    if (textWidth(oneLine, FONT) + 14 <= W - OUTCOME_X - 4) outcomeLines[0] = oneLine;
    else outcomeLines.push(valueText);
  }
  const height = Math.max(24, Math.max(labelLines.length, outcomeLines.length) * LH + 10);
  const cy = top + height / 2;
  const g = [
    centredLines(8, cy, labelLines, LH, FONT, PALETTE.text),
    ...(r.pos ? plottedMarks(r, r.pos, s, cy) : noFigureMarks(m, r, k, cy)),
    // Outcome: its marker shape again, then words.
    marker(o.shape, OUTCOME_X + 5, cy - ((outcomeLines.length - 1) * LH) / 2, 4.5, { fill: o.hollow ? '#ffffff' : o.colour, stroke: o.colour, 'stroke-width': o.hollow ? 1.8 : 1 }),
    centredLines(OUTCOME_X + 14, cy, outcomeLines, LH, FONT, PALETTE.text, 'swp-outcome'),
  ];
  return { markup: el('g', { class: 'swp-row', 'data-id': r.ind.id }, g), height };
}

/** The interval as whiskers, England and Wales as a bar, and the value; off the scale, an arrow and its percentage. */
function plottedMarks(r: Row, p: NonNullable<Row['pos']>, s: RowScale, cy: number): string[] {
  const o = OUTCOME[r.outcome];
  const g: string[] = [];
  if (p.lower !== null && p.upper !== null) g.push(errorBar('horizontal', cy, s.clampX(p.lower), s.clampX(p.upper), 4, o.colour, 1.5));
  if (p.national !== null) g.push(marker('bar', s.clampX(p.national), cy, 4.5, { fill: PALETTE.national, class: 'swp-national', 'data-id': r.ind.id }));
  const off = p.value > s.d1 || p.value < s.d0;
  const vx = s.clampX(p.value);
  g.push(
    marker(off ? 'triangle' : o.shape, vx, cy, 5, {
      fill: o.hollow ? '#ffffff' : o.colour,
      stroke: o.colour,
      'stroke-width': o.hollow ? 2 : 1,
      transform: off ? `rotate(${p.value > s.d1 ? 90 : -90} ${n(vx)} ${n(cy)})` : undefined,
      class: `swp-point swp-${r.outcome}${off ? ' swp-off-scale' : ''}`,
      'data-id': r.ind.id,
    }),
  );
  if (off) {
    const high = p.value > s.d1;
    g.push(text(vx + (high ? -9 : 9), cy - 8, `${formatNumber(p.value, 0)}%`, { 'font-size': FONT - 1, fill: PALETTE.text, 'text-anchor': high ? 'end' : 'start' }));
  }
  return g;
}

/** Why a row has nothing on the scale, on a patch of the row's own background so gridlines do not run through it. */
function noFigureMarks(m: ComparisonModel, r: Row, k: number, cy: number): string[] {
  const why = r.value === null ? (r.ind.suppressed ? 'Suppressed [c]' : 'No figure [x]') : `No ${m.natLabel} figure`;
  const w = textWidth(why, FONT) + 8;
  return [
    el('rect', { x: PLOT_LEFT + 4, y: cy - FONT / 2 - 3, width: w, height: FONT + 6, fill: k % 2 === 1 ? FILLS.stripe : FILLS.background }),
    text(PLOT_LEFT + 8, cy, why, { 'font-size': FONT, fill: PALETTE.muted, dy: '0.35em', class: 'swp-no-figure' }),
  ];
}

/** The data table: each indicator's figure, interval, England and Wales and the outcome. */
function comparisonTable(m: ComparisonModel): ChartTable {
  const columns = ['Indicator', 'Unit', `${m.areaLabel}`, 'Lower 95% limit', 'Upper 95% limit', m.natLabel, `Compared with ${m.natLabel}`];
  return chartTable(m.title, columns, m.rows, (r) => ({
    text: [r.ind.label, r.ind.unit, fmtRow(r, r.value), fmtRow(r, r.lower), fmtRow(r, r.upper), formatNumber(r.national, r.decimals), OUTCOME[r.outcome].word],
    value: [r.ind.label, r.ind.unit, r.value, r.lower, r.upper, r.national, r.outcome],
  }));
}
