/**
 * XmR (statistical process control) chart in the NHS England "Making Data Count" style: the monthly points joined
 * by a grey line, the mean as a solid line, the process limits dashed, and special-cause points marked — blue for
 * improvement, orange for concern, purple when neither applies — each meaning with its own marker shape (diamond,
 * triangle, square; common cause is a small grey circle), so colour is never the only cue.
 *
 * Missing months (a null value, or a month absent from the series) break the line: they are never drawn as zero.
 */
import { type ScaleLinear, scaleLinear } from 'd3-scale';

import type { IndicatorResult } from '../../model/contract.js';
import { type Plot, leftAxisWidth, valueAxes, valueScale, xTick } from './axes.js';
import { type LegendItem, legend, lineKey } from './legend.js';
import { hRule, linePath, seriesPath } from './marks.js';
import { PALETTE } from './palette.js';
import {
  type BaseChartOptions,
  type ChartResult,
  type ChartTable,
  type MarkerShape,
  capitalise,
  chartResult,
  chartTable,
  decimalsFor,
  el,
  formatNumber,
  joinWords,
  marker,
  monthIndex,
  monthList,
  monthName,
  monthPeriod,
  plural,
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

type Size = (typeof SIZES)[keyof typeof SIZES];

interface Month {
  period: string;
  idx: number;
  value: number | null;
}

/** What the drawing, the words and the table share. */
interface SpcModel {
  spc: SpcData;
  label: string;
  measure: string;
  target: number | null;
  /** The full run of months, with absent months as null, so gaps show. */
  months: Month[];
  present: Month[];
  firstIdx: number;
  lastIdx: number;
  types: ReturnType<typeof pointTypes>;
  /** A month's figure, and a statistic (mean, limits, target) to the decimals it needs. */
  fmt: (v: number | null) => string;
  fmtStat: (v: number | null) => string;
  /** "January 2014 to December 2016". */
  range: string;
}

/** An XmR chart of a monthly series; see the module comment. */
export function spcChart(spc: SpcData, options: SpcChartOptions): ChartResult {
  const size = SIZES[options.size ?? 'small'];
  const m = spcModel(spc, options);
  const title = options.title ?? `${options.label}: monthly ${m.measure}, ${m.range} (SPC chart)`;
  const { body, height } = spcBody(m, size, options.legend !== false);
  const id = options.idPrefix ?? `spc-${options.label}`;
  return chartResult({ id, width: size.width, height, title, desc: spcDesc(m), kind: 'spc', body, table: spcTable(m) });
}

function spcModel(spc: SpcData, options: SpcChartOptions): SpcModel {
  const byPeriod = new Map<string, number | null>();
  for (const p of spc.points) byPeriod.set(p.period, p.value !== null && Number.isFinite(p.value) ? p.value : null);
  const indices = spc.points.map((p) => monthIndex(p.period));
  const firstIdx = indices.length ? Math.min(...indices) : 0;
  const lastIdx = indices.length ? Math.max(...indices) : 0;
  const months: Month[] = [];
  for (let i = firstIdx; i <= lastIdx && indices.length; i++) {
    const period = monthPeriod(i);
    months.push({ period, idx: i, value: byPeriod.get(period) ?? null });
  }
  const present = months.filter((m) => m.value !== null);
  const valueDecimals = present.every((m) => Number.isInteger(m.value)) ? 0 : decimalsFor(present.map((m) => m.value));
  const statDecimals = Math.max(valueDecimals, decimalsFor([spc.mean, spc.lower, spc.upper]));
  const range = months.length ? `${monthName(months[0]?.period ?? '')} to ${monthName(months[months.length - 1]?.period ?? '')}` : 'no months';
  return {
    spc,
    label: options.label,
    measure: options.measure ?? 'count',
    target: options.target ?? null,
    months,
    present,
    firstIdx,
    lastIdx,
    types: pointTypes(spc.signals),
    fmt: (v) => formatNumber(v, valueDecimals),
    fmtStat: (v) => formatNumber(v, statDecimals),
    range,
  };
}

/** The text alternative: the months, mean and limits, the signals, the target, the latest month and its reading. */
function spcDesc(m: SpcModel): string {
  const { spc, fmtStat } = m;
  const missing = m.months.length - m.present.length;
  const latest = m.present[m.present.length - 1];
  const parts = [
    `Monthly ${m.measure} of ${m.label}, ${m.range} (${plural(m.months.length, 'month')}${missing ? `, ${missing} with no figure` : ''}).`,
    `Mean ${fmtStat(spc.mean)}; process limits ${fmtStat(spc.lower)} to ${fmtStat(spc.upper)}.`,
    ...signalSentences(spc.signals),
  ];
  if (m.target !== null) parts.push(`Target ${fmtStat(m.target)}.`);
  if (latest) parts.push(`Latest month, ${monthName(latest.period)}: ${m.fmt(latest.value)}.`);
  const variation = VARIATION_WORDS[spc.variation];
  if (variation) parts.push(variation);
  const assurance = spc.assurance ? ASSURANCE_WORDS[spc.assurance] : undefined;
  if (assurance) parts.push(assurance);
  return parts.join(' ');
}

/** A target line is drawn (and scaled to) only when it is a number. */
function drawnTarget(m: SpcModel): number | null {
  return m.target !== null && Number.isFinite(m.target) ? m.target : null;
}

/** The chart's parts in drawing order, and its height. */
function spcBody(m: SpcModel, size: Size, withLegend: boolean): { body: string[]; height: number } {
  const { spc } = m;
  const target = drawnTarget(m);
  const values = [...m.present.map((p) => p.value as number), spc.mean, spc.lower, spc.upper];
  if (target !== null) values.push(target);
  const { y, ticks, decimals } = valueScale(values, { pad: 0.06, count: size.yTicks });
  const plot = { left: leftAxisWidth(ticks, decimals, size.font) + 4, right: size.width - size.right, top: size.top, bottom: size.top + size.plotHeight };
  y.range([plot.bottom, plot.top]);
  const inset = size.marker + 2;
  const x = scaleLinear()
    .domain([m.firstIdx, Math.max(m.lastIdx, m.firstIdx + 1)])
    .range([plot.left + inset, plot.right - inset]);
  const labelY = plot.bottom + size.font + 4;
  const body = [
    valueAxes(plot, y, ticks, decimals, size.font, false),
    monthAxis(m, x, plot, labelY, size.font),
    ...processLines(m, plot, y),
    seriesPath(linePath(m.months, (p) => x(p.idx), (p) => (p.value === null ? null : y(p.value))), PALETTE.spcLine, 1.4),
    spcPoints(m, x, y, size),
  ];
  let height = labelY + 6;
  if (withLegend) {
    const lg = legend(spcLegend(m, size), plot.left, height + 2, size.width - plot.left - size.right, size.font);
    body.push(lg.markup);
    height += 2 + lg.height;
  }
  return { body, height: Math.ceil(height + 2) };
}

/** Month labels: one every 12 months from the first (every 24 when the series is long). */
function monthAxis(m: SpcModel, x: ScaleLinear<number, number>, plot: Plot, labelY: number, font: number): string {
  const step = m.months.length > 72 ? 24 : 12;
  const ticks = m.months.filter((p) => (p.idx - m.firstIdx) % step === 0).map((p) => xTick(x(p.idx), plot.bottom, labelY, monthName(p.period, true), font));
  return el('g', { class: 'swp-axis swp-axis-x' }, ticks);
}

/** The process limits (dashed), the mean (solid) and the target (dotted red). */
function processLines(m: SpcModel, plot: Plot, y: ScaleLinear<number, number>): string[] {
  const target = drawnTarget(m);
  return [
    hRule(plot.left, plot.right, y(m.spc.upper), { stroke: PALETTE.spcLimit, width: 1.2, dash: '5 3', cls: 'swp-limit swp-limit-upper' }),
    hRule(plot.left, plot.right, y(m.spc.lower), { stroke: PALETTE.spcLimit, width: 1.2, dash: '5 3', cls: 'swp-limit swp-limit-lower' }),
    hRule(plot.left, plot.right, y(m.spc.mean), { stroke: PALETTE.spcMean, width: 1.2, cls: 'swp-mean' }),
    target === null ? '' : hRule(plot.left, plot.right, y(target), { stroke: PALETTE.spcTarget, width: 1.5, dash: '2 2', cls: 'swp-target' }),
  ];
}

/** A marker per month with a figure: common cause first, special cause on top. */
function spcPoints(m: SpcModel, x: ScaleLinear<number, number>, y: ScaleLinear<number, number>, size: Size): string {
  const common: string[] = [];
  const special: string[] = [];
  for (const p of m.months) {
    if (p.value === null) continue;
    const t = m.types.get(p.period);
    const kind = t ? t.meaning : 'common';
    const isSpecial = kind !== 'common';
    const mk = marker(SPC_SHAPES[kind], x(p.idx), y(p.value), isSpecial ? size.marker : size.common, {
      fill: SPC_COLOURS[kind],
      stroke: isSpecial ? '#ffffff' : undefined,
      'stroke-width': isSpecial ? 0.6 : undefined,
      class: `swp-point swp-${kind}`,
      'data-period': p.period,
    });
    (isSpecial ? special : common).push(mk);
  }
  return el('g', { class: 'swp-points' }, [...common, ...special]);
}

/** The key: the lines with their values, then the point types that occur. */
function spcLegend(m: SpcModel, size: Size): LegendItem[] {
  const { spc, fmtStat } = m;
  const target = drawnTarget(m);
  const items: LegendItem[] = [
    lineKey(`Mean ${fmtStat(spc.mean)}`, 16, { stroke: PALETTE.spcMean, width: 1.2 }),
    lineKey(`Limits ${fmtStat(spc.lower)} to ${fmtStat(spc.upper)}`, 16, { stroke: PALETTE.spcLimit, width: 1.2, dash: '5 3' }),
  ];
  if (target !== null) items.push(lineKey(`Target ${fmtStat(target)}`, 16, { stroke: PALETTE.spcTarget, width: 1.5, dash: '2 2' }));
  const shown = new Set([...m.types.values()].map((t) => t.meaning));
  const r = size.marker;
  for (const meaning of ['improvement', 'concern', 'neutral'] as const) {
    if (shown.has(meaning)) items.push({ key: marker(SPC_SHAPES[meaning], 1.4 * r, 0, r, { fill: SPC_COLOURS[meaning] }), keyWidth: 2.8 * r, label: LEGEND_WORDS[meaning] });
  }
  return items;
}

/** The data table: every month's figure, and the special cause with the rules that found it. */
function spcTable(m: SpcModel): ChartTable {
  const { spc, fmtStat } = m;
  const caption = `${m.label}: monthly ${m.measure}, ${m.range}. Mean ${fmtStat(spc.mean)}, process limits ${fmtStat(spc.lower)} to ${fmtStat(spc.upper)}.`;
  return chartTable(caption, ['Month', capitalise(m.measure), 'Special cause', 'Rules'], m.months, (p) => {
    const t = m.types.get(p.period);
    const meaning = t ? capitalise(MEANING_WORDS[t.meaning]) : 'None';
    const rules = t ? joinWords([...new Set(t.signals.map((s) => RULE_SHORT[s.rule][s.direction]))]) : '';
    return {
      text: [monthName(p.period), m.fmt(p.value), meaning, rules],
      value: [p.period, p.value, t ? t.meaning : null, t ? [...new Set(t.signals.map((s) => s.rule))].join(';') : null],
    };
  });
}
