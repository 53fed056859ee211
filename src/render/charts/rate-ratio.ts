/**
 * Stop-and-search rate ratios by ethnic group: one row per group, a dot at the group's search rate over the White
 * group's and a bar for its 95% interval, on a logarithmic axis (a ratio of 2 is as far from 1 as a ratio of 0.5),
 * with a line at 1 ("the same rate as White residents"). As the Home Office's stop-and-search disproportionality
 * charts present it. When the section has the officer-defined comparison, each group has a second mark (a hollow
 * diamond in another colour) below the self-defined one; Mixed has none (officer-defined ethnicity has no Mixed).
 */
import { scaleLog } from 'd3-scale';

import type { StopSearchSection } from '../../model/contract.js';
import { type Plot, bottomAxis, verticalGrid } from './axes.js';
import { type LegendItem, legend } from './legend.js';
import { errorBar, vRule } from './marks.js';
import { CATEGORICAL, PALETTE } from './palette.js';
import { type BaseChartOptions, type ChartResult, chartResult, chartTable, el, formatNumber, marker, text } from './svg.js';

const W = 640;
const FONT = 11;
const PLOT_LEFT = 170;
const PLOT_RIGHT = W - 40;
const ROW_H = 38;
/** A row with both series: the self-defined mark above the officer-defined one, each with its label outside. */
const ROW_H_TWO = 58;
const TOP = 22;

type Row = StopSearchSection['byEthnicity'][number];
type OfficerRow = NonNullable<StopSearchSection['byOfficerEthnicity']>[number];
const LABEL: Record<Row['group'], string> = { White: 'White', Black: 'Black', Asian: 'Asian', Mixed: 'Mixed', Other: 'Other ethnic group' };
/** The officer-defined series: its own colour and shape (a hollow diamond), so colour is never the only cue. */
const OFFICER_COLOUR = CATEGORICAL[1];
const OFFICER_LABEL = 'Officer-defined ethnicity (no Mixed group)';

/** A group's two comparisons: by self-defined and by officer-defined ethnicity (either may be missing). */
interface Line {
  group: Row['group'];
  self: Row | null;
  officer: OfficerRow | null;
}

const drawable = <R extends Row | OfficerRow>(r: R | undefined): R | null => (r && r.group !== 'White' && r.rateRatio !== null && r.rateRatioCi95 !== null ? r : null);

/** The log-axis ticks that fall in [lo, hi]. */
function ticksIn(lo: number, hi: number): number[] {
  return [0.1, 0.2, 0.25, 0.5, 1, 2, 3, 4, 5, 10, 20, 50].filter((t) => t >= lo && t <= hi);
}

/** The cells of one group's row in the data table. */
function cells(r: Row | OfficerRow, by: string | null) {
  const f = (v: number | null, d: number) => (v === null ? '[x]' : formatNumber(v, d));
  const ci = (c: [number, number] | null, d: number) => (c ? `${formatNumber(c[0], d)} to ${formatNumber(c[1], d)}` : '[x]');
  const head = by === null ? [] : [by];
  return {
    text: [LABEL[r.group], ...head, r.searches === null ? '[c]' : formatNumber(r.searches, 0), f(r.population, 0), f(r.rate, 1), r.group === 'White' ? '1 (reference)' : f(r.rateRatio, 1), r.group === 'White' ? '' : ci(r.rateRatioCi95, 1)],
    value: [r.group, ...head, r.searches, r.population, r.rate, r.group === 'White' ? 1 : r.rateRatio, r.rateRatioCi95?.[0] ?? null],
  };
}

/** The data table: each group's searches, residents, rate and rate ratio with its interval (officer-defined after). */
function table(s: StopSearchSection, caption: string) {
  const officer = s.byOfficerEthnicity ?? [];
  const by = officer.length > 0;
  const rows: Array<[Row | OfficerRow, string | null]> = [...s.byEthnicity.map((r) => [r, by ? 'Self-defined' : null] as [Row, string | null]), ...officer.map((r) => [r, 'Officer-defined'] as [OfficerRow, string])];
  const columns = ['Ethnic group', ...(by ? ['Ethnicity recorded as'] : []), 'Searches', 'Residents (2021 Census)', 'Searches per 1,000 residents', 'Times the White rate', '95% interval'];
  return chartTable(caption, columns, rows, ([r, label]) => cells(r, label));
}

/** One comparison: its interval, its mark and its "2.0×" label (above the mark, or below for the officer series). */
function comparison(r: Row | OfficerRow, cy: number, x: (v: number) => number, officer: boolean): string[] {
  const colour = officer ? OFFICER_COLOUR : PALETTE.series;
  const mark = officer
    ? marker('diamond', x(r.rateRatio!), cy, 4.2, { fill: '#ffffff', stroke: colour, 'stroke-width': 2 })
    : el('circle', { cx: x(r.rateRatio!), cy, r: 5, fill: colour });
  return [
    errorBar('horizontal', cy, x(r.rateRatioCi95![0]), x(r.rateRatioCi95![1]), 5, colour, 1.5),
    mark,
    text(x(r.rateRatio!), officer ? cy + 9 + FONT : cy - 9, `${formatNumber(r.rateRatio!, 1)}×`, { 'font-size': FONT, fill: PALETTE.text, 'text-anchor': 'middle' }),
  ];
}

/** The key, drawn only when there are two series. */
function key(): { markup: string; height: number } {
  const items: LegendItem[] = [
    { key: el('circle', { cx: 5, cy: 0, r: 5, fill: PALETTE.series }), keyWidth: 10, label: 'Self-defined ethnicity' },
    { key: marker('diamond', 6, 0, 4.2, { fill: '#ffffff', stroke: OFFICER_COLOUR, 'stroke-width': 2 }), keyWidth: 12, label: OFFICER_LABEL },
  ];
  return legend(items, 8, 4, W - 16, FONT);
}

/** The words of the text alternative. */
function describe(lines: readonly Line[]): string {
  const one = (r: Row | OfficerRow) => `${formatNumber(r.rateRatio!, 1)} times (95% interval ${formatNumber(r.rateRatioCi95![0], 1)} to ${formatNumber(r.rateRatioCi95![1], 1)})`;
  const self = lines.filter((l) => l.self).map((l) => `${LABEL[l.group]} residents ${one(l.self!)}`);
  const officer = lines.filter((l) => l.officer).map((l) => `${LABEL[l.group]} ${one(l.officer!)}`);
  const first = self.length > 0 ? `How many times the White rate of stop and search each group's rate was: ${self.join('; ')}.` : '';
  const second = officer.length > 0 ? ` By the ethnicity officers recorded (no Mixed group): ${officer.join('; ')}.` : '';
  return `${first}${second}`.trim();
}

/** The chart, or null when no group other than White has a rate ratio. */
export function rateRatioChart(s: StopSearchSection, options: BaseChartOptions & { area: string }): ChartResult | null {
  const officerOf = (g: Row['group']) => drawable(s.byOfficerEthnicity?.find((o) => o.group === g));
  const lines: Line[] = s.byEthnicity
    .filter((r) => r.group !== 'White')
    .map((r) => ({ group: r.group, self: drawable(r), officer: officerOf(r.group) }))
    .filter((l) => l.self || l.officer);
  if (lines.length === 0) return null;
  const two = lines.some((l) => l.officer);
  const lg = two ? key() : { markup: '', height: 0 };
  const rowH = two ? ROW_H_TWO : ROW_H;
  const drawn = lines.flatMap((l) => [l.self, l.officer].filter((r): r is Row | OfficerRow => r !== null));
  const ends = drawn.flatMap((r) => [...r.rateRatioCi95!, r.rateRatio!]);
  const lo = Math.min(0.5, ...ends) * 0.9;
  const hi = Math.max(2, ...ends) * 1.1;
  const top = TOP + (two ? lg.height + 4 : 0);
  const plot: Plot = { left: PLOT_LEFT, right: PLOT_RIGHT, top, bottom: top + lines.length * rowH };
  const x = scaleLog().domain([lo, hi]).range([plot.left, plot.right]);
  const ticks = ticksIn(lo, hi);
  const body = [
    ...(two ? [lg.markup] : []),
    ...verticalGrid(ticks, x, plot, () => ({ stroke: PALETTE.grid, width: 0.5 })),
    vRule(x(1), plot.top - 6, plot.bottom, { stroke: PALETTE.text, width: 1.5 }),
    text(x(1) + 4, plot.top - 4, 'Same rate as White residents', { 'font-size': FONT - 1, fill: PALETTE.muted }),
  ];
  lines.forEach((l, i) => {
    const cy = plot.top + (i + 0.5) * rowH;
    const off = two ? 9 : 0;
    body.push(text(plot.left - 10, cy, LABEL[l.group], { 'font-size': FONT, fill: PALETTE.text, 'text-anchor': 'end', dy: '0.35em' }));
    if (l.self) body.push(...comparison(l.self, cy - off, x, false));
    if (l.officer) body.push(...comparison(l.officer, cy + off, x, true));
  });
  body.push(bottomAxis(plot, x, ticks, FONT, ['Searches per resident, as a multiple of the White rate (log scale)']));
  const title = `Stop and search rate by ethnic group, compared with White residents, ${options.area}, ${s.period.label}`;
  return chartResult({ id: options.idPrefix ?? 'stop-search-ratio', width: W, height: plot.bottom + 52, title: options.title ?? title, desc: describe(lines), kind: 'rate-ratio', body, table: table(s, `Stop and search by ethnic group, ${s.period.label}`) });
}
