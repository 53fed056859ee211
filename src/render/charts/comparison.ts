/**
 * Comparison with England and Wales for several indicators, one row each: the local value as a marker with its 95%
 * confidence interval as whiskers, the national value as a black bar, and the comparison outcome (contract
 * `comparison`) in words at the end of the row. The outcome also sets the marker's shape (better ●, similar ○,
 * worse ▲, higher/lower ◆, not compared □), so colour is never the only cue.
 *
 * Indicators have different units, so by default every value is shown relative to its national figure
 * (England and Wales = 100); `scale: 'absolute'` plots the values themselves when they share one unit.
 */
import { scaleLinear } from 'd3-scale';

import type { Comparison, IndicatorResult } from '../../model/contract.js';
import { FILLS, PALETTE } from './palette.js';
import {
  type BaseChartOptions,
  type ChartResult,
  type LegendItem,
  type MarkerShape,
  decimalsFor,
  decimalsOfTicks,
  el,
  formatNumber,
  joinWords,
  legend,
  marker,
  multilineText,
  n,
  safeId,
  svgRoot,
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

/** Local value against England and Wales for several indicators; see the module comment. */
export function comparisonChart(indicators: IndicatorResult[], options: ComparisonChartOptions = {}): ChartResult {
  const id = safeId(options.idPrefix ?? 'comparison');
  const areaLabel = options.areaLabel ?? 'This area';
  const units = [...new Set(indicators.map((i) => i.unit))];
  const mode = options.scale === 'absolute' && units.length <= 1 ? 'absolute' : 'relative';
  const cap = options.relativeCap ?? 300;
  const natLabel = indicators.find((i) => i.national)?.national?.label ?? 'England and Wales';

  const rows: Row[] = indicators.map((ind) => {
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
  });

  // ---- words
  const periods = [...new Set(indicators.map((i) => i.period.label))];
  const periodWords = periods.length === 1 ? `, ${periods[0]}` : '';
  const title = options.title ?? `${areaLabel} compared with ${natLabel}${periodWords}`;
  const fmtRow = (r: Row, v: number | null) => formatNumber(v, r.decimals, r.ind.suppressed ? '[c]' : '[x]');
  const descParts = [
    `${indicators.length} indicator${indicators.length === 1 ? '' : 's'} for ${areaLabel} compared with ${natLabel}${periodWords}${
      mode === 'relative' ? `, each shown as a percentage of the ${natLabel} figure` : ` (${units[0] ?? ''})`
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
    descParts.push(`${head}: ${joinWords(items)}.`);
  }
  const desc = descParts.join(' ');

  // ---- scale
  const xs: number[] = mode === 'relative' ? [100] : [];
  for (const r of rows) if (r.pos) for (const v of [r.pos.value, r.pos.lower, r.pos.upper, r.pos.national]) if (v !== null) xs.push(v);
  let lo = xs.length ? Math.min(...xs) : 0;
  let hi = xs.length ? Math.max(...xs) : 1;
  if (mode === 'relative') hi = Math.min(hi, cap);
  if (mode === 'absolute') lo = Math.min(lo, 0);
  if (!(hi > lo)) {
    lo -= 1;
    hi += 1;
  }
  const padX = (hi - lo) * 0.05;
  const x = scaleLinear()
    .domain([mode === 'absolute' && lo >= 0 ? 0 : lo - padX, hi + padX])
    .nice(6)
    .range([PLOT_LEFT + 6, PLOT_RIGHT - 6]);
  const [d0, d1] = x.domain() as [number, number];
  const ticks = x.ticks(6);
  const tickDecimals = decimalsOfTicks(ticks);
  const clampX = (v: number) => x(Math.max(d0, Math.min(d1, v)));

  // ---- legend on top
  const parts: string[] = [];
  const legendItems: LegendItem[] = [
    {
      key: el('g', {}, [
        el('path', { d: 'M1,-4V4M1,0H23M23,-4V4', fill: 'none', stroke: PALETTE.text, 'stroke-width': 1.5 }),
        marker('circle', 12, 0, 4.5, { fill: '#ffffff', stroke: PALETTE.text, 'stroke-width': 1.8 }),
      ]),
      keyWidth: 27,
      label: `${areaLabel}, with 95% confidence interval`,
    },
    { key: marker('bar', 5, 0, 4, { fill: PALETTE.national }), keyWidth: 10, label: natLabel },
  ];
  const lg = legend(legendItems, 8, 4, W - 16, FONT);
  parts.push(lg.markup);
  let yCursor = 4 + lg.height + 6;

  // Column headings.
  const headLines = wrapText(`Compared with ${natLabel}`, W - OUTCOME_X - 6, FONT, 2, true);
  const headY = yCursor + FONT;
  parts.push(text(8, headY + (headLines.length - 1) * (FONT + 2), 'Indicator', { 'font-size': FONT, fill: PALETTE.muted, 'font-weight': 'bold' }));
  parts.push(multilineText(OUTCOME_X, headY, headLines, FONT + 2, { 'font-size': FONT, fill: PALETTE.muted, 'font-weight': 'bold' }));
  yCursor = headY + (headLines.length - 1) * (FONT + 2) + 8;
  const plotTop = yCursor;

  // ---- rows
  const rowParts: string[] = [];
  const shading: string[] = [];
  const lh = FONT + 2;
  rows.forEach((r, k) => {
    const labelLines = wrapText(r.ind.label, LABEL_W, FONT, 3);
    const o = OUTCOME[r.outcome];
    const valueText = r.value === null ? '' : r.national === null ? `${fmtRow(r, r.value)}` : `${fmtRow(r, r.value)} v ${fmtRow(r, r.national)}`;
    const outcomeLines = [o.word];
    if (valueText) {
      const oneLine = `${o.word}: ${valueText}`;
      if (textWidth(oneLine, FONT) + 14 <= W - OUTCOME_X - 4) outcomeLines[0] = oneLine;
      else outcomeLines.push(valueText);
    }
    const lines = Math.max(labelLines.length, outcomeLines.length);
    const h = Math.max(24, lines * lh + 10);
    const cy = yCursor + h / 2;
    const g: string[] = [];
    if (k % 2 === 1) shading.push(el('rect', { x: 0, y: yCursor, width: W, height: h, fill: FILLS.stripe }));
    g.push(multilineText(8, cy - ((labelLines.length - 1) * lh) / 2, labelLines, lh, { 'font-size': FONT, fill: PALETTE.text, dy: '0.35em' }));

    if (r.pos) {
      const p = r.pos;
      const colour = o.colour;
      if (p.lower !== null && p.upper !== null) {
        const x0 = clampX(p.lower);
        const x1 = clampX(p.upper);
        g.push(
          el('path', {
            d: `M${n(x0)},${n(cy - 4)}V${n(cy + 4)}M${n(x0)},${n(cy)}H${n(x1)}M${n(x1)},${n(cy - 4)}V${n(cy + 4)}`,
            fill: 'none',
            stroke: colour,
            'stroke-width': 1.5,
            class: 'swp-ci-bar',
          }),
        );
      }
      if (p.national !== null) {
        g.push(marker('bar', clampX(p.national), cy, 4.5, { fill: PALETTE.national, class: 'swp-national', 'data-id': r.ind.id }));
      }
      const off = p.value > d1 || p.value < d0;
      g.push(
        marker(off ? 'triangle' : o.shape, clampX(p.value), cy, 5, {
          fill: o.hollow ? '#ffffff' : colour,
          stroke: colour,
          'stroke-width': o.hollow ? 2 : 1,
          transform: off ? `rotate(${p.value > d1 ? 90 : -90} ${n(clampX(p.value))} ${n(cy)})` : undefined,
          class: `swp-point swp-${r.outcome}${off ? ' swp-off-scale' : ''}`,
          'data-id': r.ind.id,
        }),
      );
      if (off) {
        const label = `${formatNumber(p.value, 0)}%`;
        g.push(text(clampX(p.value) + (p.value > d1 ? -9 : 9), cy - 8, label, { 'font-size': FONT - 1, fill: PALETTE.text, 'text-anchor': p.value > d1 ? 'end' : 'start' }));
      }
    } else {
      const why = r.value === null ? (r.ind.suppressed ? 'Suppressed [c]' : 'No figure [x]') : `No ${natLabel} figure`;
      // On a patch of the row's own background, so gridlines do not run through the words.
      const w = textWidth(why, FONT) + 8;
      g.push(el('rect', { x: PLOT_LEFT + 4, y: cy - FONT / 2 - 3, width: w, height: FONT + 6, fill: k % 2 === 1 ? FILLS.stripe : FILLS.background }));
      g.push(text(PLOT_LEFT + 8, cy, why, { 'font-size': FONT, fill: PALETTE.muted, dy: '0.35em', class: 'swp-no-figure' }));
    }

    // Outcome: its marker shape again, then words.
    g.push(marker(o.shape, OUTCOME_X + 5, cy - ((outcomeLines.length - 1) * lh) / 2, 4.5, { fill: o.hollow ? '#ffffff' : o.colour, stroke: o.colour, 'stroke-width': o.hollow ? 1.8 : 1 }));
    g.push(
      multilineText(OUTCOME_X + 14, cy - ((outcomeLines.length - 1) * lh) / 2, outcomeLines, lh, {
        'font-size': FONT,
        fill: PALETTE.text,
        dy: '0.35em',
        class: 'swp-outcome',
      }),
    );
    rowParts.push(el('g', { class: 'swp-row', 'data-id': r.ind.id }, g));
    yCursor += h;
  });
  const plotBottom = yCursor;

  // Gridlines and the reference line behind the rows' markers, the axis below.
  const grid: string[] = [];
  for (const t of ticks) {
    const xx = x(t);
    const isRef = mode === 'relative' && t === 100;
    grid.push(el('line', { x1: xx, x2: xx, y1: plotTop, y2: plotBottom, stroke: isRef ? PALETTE.national : PALETTE.grid, 'stroke-width': isRef ? 1 : 0.5, 'stroke-dasharray': isRef ? '4 3' : undefined }));
  }
  if (mode === 'relative' && !ticks.includes(100)) {
    grid.push(el('line', { x1: x(100), x2: x(100), y1: plotTop, y2: plotBottom, stroke: PALETTE.national, 'stroke-width': 1, 'stroke-dasharray': '4 3' }));
  }
  const axis: string[] = [el('line', { x1: PLOT_LEFT, x2: PLOT_RIGHT, y1: plotBottom, y2: plotBottom, stroke: PALETTE.axis, 'stroke-width': 1 })];
  for (const t of ticks) {
    const xx = x(t);
    axis.push(el('line', { x1: xx, x2: xx, y1: plotBottom, y2: plotBottom + 4, stroke: PALETTE.axis, 'stroke-width': 1 }));
    axis.push(text(xx, plotBottom + FONT + 5, formatNumber(t, tickDecimals), { 'font-size': FONT, fill: PALETTE.text, 'text-anchor': 'middle' }));
  }
  const axisTitle =
    mode === 'relative' ? `${areaLabel} as a percentage of ${natLabel} (= 100)` : (units[0] ?? '');
  const centre = (PLOT_LEFT + PLOT_RIGHT) / 2;
  const titleLines = wrapText(axisTitle, 2 * Math.min(centre, W - centre) - 16, FONT, 2);
  axis.push(multilineText(centre, plotBottom + 2 * FONT + 10, titleLines, lh, { 'font-size': FONT, fill: PALETTE.muted, 'text-anchor': 'middle' }));
  const height = Math.ceil(plotBottom + 2 * FONT + 10 + (titleLines.length - 1) * lh + 8);

  parts.push(el('g', { class: 'swp-stripes' }, shading));
  parts.push(el('g', { class: 'swp-grid' }, grid));
  parts.push(el('g', { class: 'swp-rows' }, rowParts));
  parts.push(el('g', { class: 'swp-axis swp-axis-x' }, axis));

  // ---- table
  const columns = ['Indicator', 'Unit', `${areaLabel}`, 'Lower 95% limit', 'Upper 95% limit', natLabel, `Compared with ${natLabel}`];
  const tRows: string[][] = [];
  const values: (string | number | null)[][] = [];
  for (const r of rows) {
    tRows.push([r.ind.label, r.ind.unit, fmtRow(r, r.value), fmtRow(r, r.lower), fmtRow(r, r.upper), formatNumber(r.national, r.decimals), OUTCOME[r.outcome].word]);
    values.push([r.ind.label, r.ind.unit, r.value, r.lower, r.upper, r.national, r.outcome]);
  }
  const table = { caption: title, columns, rows: tRows, values };

  const svg = svgRoot({ id, width: W, height, title, desc, kind: 'comparison', body: parts.join('') });
  return { svg, title, desc, table, width: W, height };
}
