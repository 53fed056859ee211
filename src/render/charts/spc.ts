/**
 * XmR (statistical process control) chart in the NHS England "Making Data Count" style: the monthly points joined
 * by a grey line, the mean as a solid line, the process limits dashed, and special-cause points marked — blue for
 * improvement, orange for concern, purple when neither applies — each meaning with its own marker shape (diamond,
 * triangle, square; common cause is a small grey circle), so colour is never the only cue.
 *
 * Missing months (a null value, or a month absent from the series) break the line: they are never drawn as zero.
 */
import { scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';

import type { IndicatorResult } from '../../model/contract.js';
import { PALETTE } from './palette.js';
import {
  type BaseChartOptions,
  type ChartResult,
  type LegendItem,
  type MarkerShape,
  capitalise,
  decimalsFor,
  decimalsOfTicks,
  el,
  formatNumber,
  joinWords,
  leftAxis,
  leftAxisWidth,
  legend,
  marker,
  monthIndex,
  monthList,
  monthName,
  monthPeriod,
  plural,
  safeId,
  svgRoot,
  text,
} from './svg.js';

export type SpcData = NonNullable<IndicatorResult['spc']>;
type Signal = SpcData['signals'][number];
type Meaning = Signal['meaning'];

export interface SpcChartOptions extends BaseChartOptions {
  /** What is charted, e.g. "Violence and sexual offences" (from indicator.label). */
  label: string;
  /** What each point is, for the text ("offences recorded", "incidents"); default "count". */
  measure?: string;
  /** `small` (320 wide, one per indicator in a board report) or `large` (640 wide). Default small. */
  size?: 'small' | 'large';
  /**
   * A target line (dotted red) in the units of the monthly series. Not `indicator.rag.target` as it stands: that
   * is in the headline unit (e.g. per 1,000 residents a year), not a monthly count.
   */
  target?: number | null;
  /** Show the key below the chart (default true). */
  legend?: boolean;
}

/** Marker shape per point type: the same in every chart and legend. */
export const SPC_SHAPES: Record<Meaning | 'common', MarkerShape> = {
  common: 'circle',
  improvement: 'diamond',
  concern: 'triangle',
  neutral: 'square',
};

const SPC_COLOURS: Record<Meaning | 'common', string> = {
  common: PALETTE.spcCommon,
  improvement: PALETTE.spcImprovement,
  concern: PALETTE.spcConcern,
  neutral: PALETTE.spcNeutral,
};

const MEANING_WORDS: Record<Meaning, string> = {
  improvement: 'improvement',
  concern: 'concern',
  neutral: 'special cause, neither improvement nor concern',
};

const LEGEND_WORDS: Record<Meaning, string> = {
  improvement: 'Improvement',
  concern: 'Concern',
  neutral: 'Special cause',
};

const RULE_WORDS: Record<Signal['rule'], Record<Signal['direction'], string>> = {
  outside_limits: { high: 'above the upper process limit', low: 'below the lower process limit' },
  shift: { high: 'in a run of points above the mean', low: 'in a run of points below the mean' },
  trend: { high: 'in a run of rising points', low: 'in a run of falling points' },
  two_in_three: {
    high: 'in 2 of 3 points close to the upper process limit',
    low: 'in 2 of 3 points close to the lower process limit',
  },
};

const RULE_SHORT: Record<Signal['rule'], Record<Signal['direction'], string>> = {
  outside_limits: { high: 'above the upper limit', low: 'below the lower limit' },
  shift: { high: 'run above the mean', low: 'run below the mean' },
  trend: { high: 'rising trend', low: 'falling trend' },
  two_in_three: { high: '2 of 3 near the upper limit', low: '2 of 3 near the lower limit' },
};

const RULE_ORDER: Signal['rule'][] = ['outside_limits', 'two_in_three', 'shift', 'trend'];

const VARIATION_WORDS: Record<string, string> = {
  common_cause: 'The latest month shows common-cause variation only.',
  improvement_high: 'The latest month shows special-cause improvement (high).',
  improvement_low: 'The latest month shows special-cause improvement (low).',
  concern_high: 'The latest month shows special-cause concern (high).',
  concern_low: 'The latest month shows special-cause concern (low).',
  neutral_high: 'The latest month shows special-cause variation (high), neither improvement nor concern.',
  neutral_low: 'The latest month shows special-cause variation (low), neither improvement nor concern.',
};

const ASSURANCE_WORDS: Record<string, string> = {
  consistent_pass: 'The target is consistently met.',
  consistent_fail: 'The target is consistently missed: it lies outside the process limits on the wrong side.',
  inconsistent: 'The target will be met in some months and missed in others (it lies within the process limits).',
};

const SIZES = {
  small: { width: 320, plotHeight: 92, font: 10, top: 8, right: 10, marker: 3.2, common: 1.8, yTicks: 4 },
  large: { width: 640, plotHeight: 200, font: 11, top: 10, right: 16, marker: 4.6, common: 2.6, yTicks: 6 },
} as const;

/** Resolve every month's signals into one point type; concern wins over improvement, improvement over neutral. */
function pointTypes(signals: Signal[]): Map<string, { meaning: Meaning; signals: Signal[] }> {
  const rank: Record<Meaning, number> = { concern: 3, improvement: 2, neutral: 1 };
  const out = new Map<string, { meaning: Meaning; signals: Signal[] }>();
  for (const s of signals) {
    const cur = out.get(s.period);
    if (!cur) out.set(s.period, { meaning: s.meaning, signals: [s] });
    else {
      cur.signals.push(s);
      if (rank[s.meaning] > rank[cur.meaning]) cur.meaning = s.meaning;
    }
  }
  return out;
}

/** Sentences describing the signals, grouped by rule, direction and meaning. */
function signalSentences(signals: Signal[]): string[] {
  if (signals.length === 0) return ['No special-cause variation: no point is outside the process limits and there are no runs or trends.'];
  const groups = new Map<string, Signal[]>();
  const sorted = [...signals].sort(
    (a, b) => RULE_ORDER.indexOf(a.rule) - RULE_ORDER.indexOf(b.rule) || a.direction.localeCompare(b.direction) || a.meaning.localeCompare(b.meaning),
  );
  for (const s of sorted) {
    const key = `${s.rule}|${s.direction}|${s.meaning}`;
    const g = groups.get(key);
    if (g) g.push(s);
    else groups.set(key, [s]);
  }
  const out: string[] = [];
  for (const g of groups.values()) {
    const first = g[0];
    if (!first) continue;
    const periods = [...new Set(g.map((s) => s.period))];
    out.push(
      `${capitalise(plural(periods.length, 'point'))} ${RULE_WORDS[first.rule][first.direction]} (${MEANING_WORDS[first.meaning]}): ${monthList(periods)}.`,
    );
  }
  return out;
}

/** An XmR chart of a monthly series; see the module comment. */
export function spcChart(spc: SpcData, options: SpcChartOptions): ChartResult {
  const size = SIZES[options.size ?? 'small'];
  const font = size.font;
  const id = safeId(options.idPrefix ?? `spc-${options.label}`);
  const measure = options.measure ?? 'count';
  const target = options.target ?? null;

  // The full run of months, with absent months as null, so gaps show.
  const byPeriod = new Map<string, number | null>();
  for (const p of spc.points) byPeriod.set(p.period, p.value !== null && Number.isFinite(p.value) ? p.value : null);
  const indices = spc.points.map((p) => monthIndex(p.period));
  const firstIdx = indices.length ? Math.min(...indices) : 0;
  const lastIdx = indices.length ? Math.max(...indices) : 0;
  const months: { period: string; idx: number; value: number | null }[] = [];
  for (let i = firstIdx; i <= lastIdx && indices.length; i++) {
    const period = monthPeriod(i);
    months.push({ period, idx: i, value: byPeriod.get(period) ?? null });
  }
  const present = months.filter((m) => m.value !== null);
  const missing = months.length - present.length;
  const types = pointTypes(spc.signals);

  const valueDecimals = present.every((m) => Number.isInteger(m.value)) ? 0 : decimalsFor(present.map((m) => m.value));
  const statDecimals = Math.max(valueDecimals, decimalsFor([spc.mean, spc.lower, spc.upper]));
  const fmt = (v: number | null) => formatNumber(v, valueDecimals);
  const fmtStat = (v: number | null) => formatNumber(v, statDecimals);

  const range = months.length ? `${monthName(months[0]?.period ?? '')} to ${monthName(months[months.length - 1]?.period ?? '')}` : 'no months';
  const title = options.title ?? `${options.label}: monthly ${measure}, ${range} (SPC chart)`;

  // ---- text alternative
  const latest = present[present.length - 1];
  const descParts = [
    `Monthly ${measure} of ${options.label}, ${range} (${plural(months.length, 'month')}${missing ? `, ${missing} with no figure` : ''}).`,
    `Mean ${fmtStat(spc.mean)}; process limits ${fmtStat(spc.lower)} to ${fmtStat(spc.upper)}.`,
    ...signalSentences(spc.signals),
  ];
  if (target !== null) descParts.push(`Target ${fmtStat(target)}.`);
  if (latest) descParts.push(`Latest month, ${monthName(latest.period)}: ${fmt(latest.value)}.`);
  const variation = VARIATION_WORDS[spc.variation];
  if (variation) descParts.push(variation);
  const assurance = spc.assurance ? ASSURANCE_WORDS[spc.assurance] : undefined;
  if (assurance) descParts.push(assurance);
  const desc = descParts.join(' ');

  // ---- scales
  const yValues = [...present.map((m) => m.value as number), spc.mean, spc.lower, spc.upper];
  if (target !== null && Number.isFinite(target)) yValues.push(target);
  let lo = Math.min(...yValues);
  let hi = Math.max(...yValues);
  if (!(hi > lo)) {
    lo -= Math.abs(lo) * 0.1 + 1;
    hi += Math.abs(hi) * 0.1 + 1;
  }
  const pad = (hi - lo) * 0.06;
  // Never below zero unless a figure or a limit is: a negative axis for counts reads as nonsense.
  const y = scaleLinear().domain([lo >= 0 ? Math.max(0, lo - pad) : lo - pad, hi + pad]).nice(size.yTicks);
  const ticks = y.ticks(size.yTicks);
  const tickDecimals = decimalsOfTicks(ticks);
  const left = leftAxisWidth(ticks, tickDecimals, font) + 4;
  const plotTop = size.top;
  const plotBottom = plotTop + size.plotHeight;
  y.range([plotBottom, plotTop]);
  const plotLeft = left;
  const plotRight = size.width - size.right;
  const inset = size.marker + 2;
  const x = scaleLinear()
    .domain([firstIdx, Math.max(lastIdx, firstIdx + 1)])
    .range([plotLeft + inset, plotRight - inset]);

  const parts: string[] = [];

  // Axis and x labels: a label every 12 months from the first (every 24 when the series is long).
  parts.push(leftAxis({ ticks, y, x: plotLeft, decimals: tickDecimals, fontSize: font, colour: PALETTE.axis, gridColour: PALETTE.grid }));
  parts.push(el('line', { x1: plotLeft, x2: plotLeft, y1: plotTop, y2: plotBottom, stroke: PALETTE.axis, 'stroke-width': 1 }));
  parts.push(el('line', { x1: plotLeft, x2: plotRight, y1: plotBottom, y2: plotBottom, stroke: PALETTE.axis, 'stroke-width': 1 }));
  const step = months.length > 72 ? 24 : 12;
  const xLabels: string[] = [];
  const labelY = plotBottom + font + 4;
  for (const m of months) {
    if ((m.idx - firstIdx) % step !== 0) continue;
    const xx = x(m.idx);
    xLabels.push(el('line', { x1: xx, x2: xx, y1: plotBottom, y2: plotBottom + 4, stroke: PALETTE.axis, 'stroke-width': 1 }));
    xLabels.push(text(xx, labelY, monthName(m.period, true), { 'font-size': font, fill: PALETTE.text, 'text-anchor': 'middle' }));
  }
  parts.push(el('g', { class: 'swp-axis swp-axis-x' }, xLabels));

  // Mean, limits, target.
  const hLine = (v: number, cls: string, colour: string, dash: string | undefined, width: number) =>
    el('line', { x1: plotLeft, x2: plotRight, y1: y(v), y2: y(v), stroke: colour, 'stroke-width': width, 'stroke-dasharray': dash, class: cls });
  parts.push(hLine(spc.upper, 'swp-limit swp-limit-upper', PALETTE.spcLimit, '5 3', 1.2));
  parts.push(hLine(spc.lower, 'swp-limit swp-limit-lower', PALETTE.spcLimit, '5 3', 1.2));
  parts.push(hLine(spc.mean, 'swp-mean', PALETTE.spcMean, undefined, 1.2));
  if (target !== null && Number.isFinite(target)) parts.push(hLine(target, 'swp-target', PALETTE.spcTarget, '2 2', 1.5));

  // The data line, broken at missing months.
  const path = line<(typeof months)[number]>()
    .defined((m) => m.value !== null)
    .x((m) => x(m.idx))
    .y((m) => y(m.value as number))
    .digits(2)(months);
  if (path) parts.push(el('path', { d: path, fill: 'none', stroke: PALETTE.spcLine, 'stroke-width': 1.4, 'stroke-linejoin': 'round', class: 'swp-series' }));

  // Points: common cause first, special cause on top.
  const common: string[] = [];
  const special: string[] = [];
  for (const m of months) {
    if (m.value === null) continue;
    const t = types.get(m.period);
    const kind = t ? t.meaning : 'common';
    const isSpecial = kind !== 'common';
    const mk = marker(SPC_SHAPES[kind], x(m.idx), y(m.value), isSpecial ? size.marker : size.common, {
      fill: SPC_COLOURS[kind],
      stroke: isSpecial ? '#ffffff' : undefined,
      'stroke-width': isSpecial ? 0.6 : undefined,
      class: `swp-point swp-${kind}`,
      'data-period': m.period,
    });
    (isSpecial ? special : common).push(mk);
  }
  parts.push(el('g', { class: 'swp-points' }, [...common, ...special]));

  // Legend: the lines with their values, then the point types that occur.
  let height = labelY + 6;
  if (options.legend !== false) {
    const items: LegendItem[] = [
      { key: el('line', { x1: 0, x2: 16, y1: 0, y2: 0, stroke: PALETTE.spcMean, 'stroke-width': 1.2 }), keyWidth: 16, label: `Mean ${fmtStat(spc.mean)}` },
      {
        key: el('line', { x1: 0, x2: 16, y1: 0, y2: 0, stroke: PALETTE.spcLimit, 'stroke-width': 1.2, 'stroke-dasharray': '5 3' }),
        keyWidth: 16,
        label: `Limits ${fmtStat(spc.lower)} to ${fmtStat(spc.upper)}`,
      },
    ];
    if (target !== null && Number.isFinite(target)) {
      items.push({
        key: el('line', { x1: 0, x2: 16, y1: 0, y2: 0, stroke: PALETTE.spcTarget, 'stroke-width': 1.5, 'stroke-dasharray': '2 2' }),
        keyWidth: 16,
        label: `Target ${fmtStat(target)}`,
      });
    }
    const shown = new Set([...types.values()].map((t) => t.meaning));
    for (const meaning of ['improvement', 'concern', 'neutral'] as const) {
      if (!shown.has(meaning)) continue;
      const r = size.marker;
      items.push({
        key: marker(SPC_SHAPES[meaning], 1.4 * r, 0, r, { fill: SPC_COLOURS[meaning] }),
        keyWidth: 2.8 * r,
        label: LEGEND_WORDS[meaning],
      });
    }
    const lg = legend(items, plotLeft, height + 2, size.width - plotLeft - size.right, font);
    parts.push(lg.markup);
    height += 2 + lg.height;
  }
  height = Math.ceil(height + 2);

  // ---- table
  const columns = ['Month', capitalise(measure), 'Special cause', 'Rules'];
  const rows: string[][] = [];
  const values: (string | number | null)[][] = [];
  for (const m of months) {
    const t = types.get(m.period);
    const meaning = t ? capitalise(MEANING_WORDS[t.meaning]) : 'None';
    const rules = t ? joinWords([...new Set(t.signals.map((s) => RULE_SHORT[s.rule][s.direction]))]) : '';
    rows.push([monthName(m.period), fmt(m.value), meaning, rules]);
    values.push([m.period, m.value, t ? t.meaning : null, t ? [...new Set(t.signals.map((s) => s.rule))].join(';') : null]);
  }
  const table = {
    caption: `${options.label}: monthly ${measure}, ${range}. Mean ${fmtStat(spc.mean)}, process limits ${fmtStat(spc.lower)} to ${fmtStat(spc.upper)}.`,
    columns,
    rows,
    values,
  };

  const svg = svgRoot({ id, width: size.width, height, title, desc, kind: 'spc', body: parts.join('') });
  return { svg, title, desc, table, width: size.width, height };
}
