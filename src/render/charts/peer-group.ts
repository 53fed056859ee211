/**
 * The partnership among its most similar group (contract `peerGroup`), one small chart per crime type: a
 * horizontal bar per member, sorted by rate with the lowest first (rank 1 = lowest, as iQuanta), the group average
 * as a dashed line, and the 99.8% control limits for a partnership of our size as a shaded band with solid edges
 * (funnel limits around the group's pooled rate: src/analysis/peer-group.ts). The partnership's own bar is
 * hatched, outlined and labelled in bold with "(us)", so it is found without colour.
 */
import { scaleLinear } from 'd3-scale';

import { lowerFirst } from '../../analysis/findings.js';
import type { IndicatorResult } from '../../model/contract.js';
import { bottomAxis, type Plot } from './axes.js';
import { type LegendItem, legend } from './legend.js';
import { vRule } from './marks.js';
import { FILLS, PALETTE } from './palette.js';
import { chartResult, chartTable, el, formatNumber, safeId, text, wrapText, type ChartResult, type ChartTable } from './svg.js';

type Group = NonNullable<IndicatorResult['peerGroup']>;

const W = 320;
const FONT = 10;
const ROW = 17;
const BAR = 11;
const LABEL_W = 104;
const PLOT_LEFT = 112;
const PLOT_RIGHT = W - 40;

/** A member of the group as drawn: ours or a peer. */
interface Bar {
  name: string;
  count: number;
  population: number;
  value: number;
  ours: boolean;
}

/** The figures the drawing, the words and the table share. */
interface PeerModel {
  bars: Bar[];
  group: Group;
  ours: Bar;
  areaLabel: string;
  unit: string;
  title: string;
}

export interface PeerGroupChartOptions {
  idPrefix: string;
  title: string;
  /** The partnership's name, e.g. "Castlebridge". */
  areaLabel: string;
}

/** The members sorted by rate, lowest first (ties: ours first, as its rank is the best it shares; then by name). */
function peerModel(ind: IndicatorResult, group: Group, options: PeerGroupChartOptions): PeerModel {
  // Our figures from the same table and quarters as the peers' (not the police.uk headline), as ranked.
  const ours: Bar = { name: options.areaLabel, ...group.partnership, ours: true };
  const bars: Bar[] = [ours, ...group.peers.map((p) => ({ ...p, ours: false }))];
  bars.sort((a, b) => a.value - b.value || Number(b.ours) - Number(a.ours) || (a.name < b.name ? -1 : 1));
  return { bars, group, ours, areaLabel: options.areaLabel, unit: ind.unit, title: options.title };
}

/** The plain-English sentence: our rank among the group and where we sit against the limits. */
export function peerGroupSentence(areaLabel: string, crime: string, g: Group): string {
  const peers = g.of - 1;
  const place = g.rank === 1 ? 'the lowest' : g.rank === g.of ? 'the highest' : `the ${ordinal(g.rank)} lowest`;
  const where =
    g.position === 'within'
      ? 'its rate is within the range expected for a partnership of its size'
      : `its rate is ${g.position === 'above' ? 'higher' : 'lower'} than expected for a partnership of its size (${g.position} the group's 99.8% control limits)`;
  return `${areaLabel} had ${place} rate of ${crime} of ${g.of} partnerships: itself and its ${peers} most similar partnerships; ${where}.`;
}

/** 1st, 2nd, 3rd, 4th … 11th, 12th, 13th, 21st. */
export function ordinal(k: number): string {
  const tens = k % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][k % 10] ?? 'th');
  return `${k}${suffix}`;
}

/** The text alternative: the sentence, the order of the members, the average and the limits. */
function peerDesc(m: PeerModel, sentence: string): string {
  const d = decimals(m);
  const order = m.bars.map((b) => `${b.name}${b.ours ? ' (us)' : ''} ${formatNumber(b.value, d)}`).join(', ');
  const [lo, hi] = m.group.limits998;
  return `${sentence} Rates ${m.unit}, lowest first: ${order}. Average of the peers' rates ${formatNumber(m.group.average, d)}; 99.8% control limits for ${m.areaLabel}'s population ${formatNumber(lo, d)} to ${formatNumber(hi, d)}.`;
}

const decimals = (m: PeerModel) => (Math.max(...m.bars.map((b) => b.value)) < 10 ? 2 : 1);

/** The key above the plot: our hatched bar, the average line and the limits band. */
function peerKey(m: PeerModel, patternId: string): { markup: string; height: number } {
  const items: LegendItem[] = [
    { key: el('rect', { x: 0, y: -5, width: 14, height: 10, fill: `url(#${patternId})`, stroke: PALETTE.text, 'stroke-width': 1.5 }), keyWidth: 16, label: m.areaLabel },
    { key: el('path', { d: 'M7,-6V6', stroke: PALETTE.text, 'stroke-width': 1.5, 'stroke-dasharray': '4 2' }), keyWidth: 12, label: 'Average' },
    { key: el('rect', { x: 0, y: -5, width: 14, height: 10, fill: FILLS.band, stroke: PALETTE.bandEdge, 'stroke-width': 1 }), keyWidth: 16, label: '99.8% limits' },
  ];
  return legend(items, 6, 4, W - 12, FONT);
}

/** The bars, the band and the average line, from the top of the rows. */
function peerBody(m: PeerModel, patternId: string): { body: string[]; height: number } {
  const key = peerKey(m, patternId);
  const top = 4 + key.height + 6;
  const bottom = top + m.bars.length * ROW;
  const plot: Plot = { left: PLOT_LEFT, right: PLOT_RIGHT, top, bottom };
  const [lo, hi] = m.group.limits998;
  const x = scaleLinear().domain([0, Math.max(hi, ...m.bars.map((b) => b.value)) * 1.02]).nice(4).range([PLOT_LEFT, PLOT_RIGHT]);
  const d = decimals(m);
  const rows = m.bars.map((b, k) => {
    const cy = top + k * ROW + ROW / 2;
    const label = b.ours ? `${b.name} (us)` : b.name;
    const shown = wrapText(label, LABEL_W, FONT, 1, b.ours)[0] ?? label;
    return el('g', { class: b.ours ? 'swp-bar swp-ours' : 'swp-bar' }, [
      text(PLOT_LEFT - 6, cy, shown, { 'font-size': FONT, fill: PALETTE.text, 'text-anchor': 'end', dy: '0.35em', 'font-weight': b.ours ? 700 : undefined }),
      el('rect', { x: PLOT_LEFT, y: cy - BAR / 2, width: Math.max(0.5, x(b.value) - PLOT_LEFT), height: BAR, fill: b.ours ? `url(#${patternId})` : PALETTE.spcCommon, stroke: b.ours ? PALETTE.text : 'none', 'stroke-width': b.ours ? 1.5 : undefined }),
      text(x(b.value) + 3, cy, formatNumber(b.value, d), { 'font-size': FONT - 1, fill: PALETTE.text, dy: '0.35em', 'font-weight': b.ours ? 700 : undefined }),
    ]);
  });
  const band = [
    el('rect', { x: x(lo), y: top, width: Math.max(0.5, x(hi) - x(lo)), height: bottom - top, fill: FILLS.band }),
    vRule(x(lo), top, bottom, { stroke: PALETTE.bandEdge, width: 1 }),
    vRule(x(hi), top, bottom, { stroke: PALETTE.bandEdge, width: 1 }),
  ];
  const titleLines = wrapText(capitalUnit(m.unit), PLOT_RIGHT - PLOT_LEFT, FONT, 2);
  const body = [
    key.markup,
    el('g', { class: 'swp-limits' }, band),
    el('g', { class: 'swp-rows' }, rows),
    vRule(x(m.group.average), top - 2, bottom + 2, { stroke: PALETTE.text, width: 1.5, dash: '4 2' }),
    bottomAxis(plot, x, x.ticks(4), FONT, titleLines),
  ];
  return { body, height: Math.ceil(bottom + 2 * FONT + 10 + (titleLines.length - 1) * (FONT + 2) + 8) };
}

const capitalUnit = (unit: string) => (unit.startsWith('per ') ? `Crimes ${unit}` : unit);

/** The data table: each member by rate, lowest first (the order is the rank), then the average and the limits. */
function peerTable(m: PeerModel): ChartTable {
  const d = decimals(m);
  const range = (l: [number, number]) => `${formatNumber(l[0], d)} to ${formatNumber(l[1], d)}`;
  type Row = { text: string[]; value: (string | number | null)[] };
  const members: Row[] = m.bars.map((b) => ({
    text: [b.ours ? `${b.name} (us)` : b.name, formatNumber(b.count, 0), formatNumber(b.population, 0), formatNumber(b.value, d)],
    value: [b.name, b.count, b.population, b.value],
  }));
  const extra: Row[] = [
    { text: ["Peers' average", '', '', formatNumber(m.group.average, d)], value: ['average', null, null, m.group.average] },
    { text: ['95% limits', '', '', range(m.group.limits95)], value: ['limits95', null, null, null] },
    { text: ['99.8% limits', '', '', range(m.group.limits998)], value: ['limits998', null, null, null] },
  ];
  return chartTable(`Data (rates ${m.unit}, lowest first; limits for ${m.areaLabel}'s size): ${m.title}`, ['Partnership', 'Crimes', 'Residents', 'Rate'], [...members, ...extra], (r) => r);
}

/** The most similar group chart of one indicator; null when it has no group. */
export function peerGroupChart(ind: IndicatorResult, options: PeerGroupChartOptions): ChartResult | null {
  const group = ind.peerGroup;
  if (!group) return null;
  const m = peerModel(ind, group, options);
  const patternId = `${safeId(options.idPrefix)}-hatch`;
  const defs = el('pattern', { id: patternId, width: 5, height: 5, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' }, [
    el('rect', { width: 5, height: 5, fill: '#ffffff' }),
    el('path', { d: 'M0,0V5', stroke: PALETTE.series, 'stroke-width': 2.5 }),
  ]);
  const { body, height } = peerBody(m, patternId);
  const sentence = peerGroupSentence(options.areaLabel, lowerFirst(ind.label), group);
  return chartResult({ id: options.idPrefix, width: W, height, title: options.title, desc: peerDesc(m, sentence), kind: 'peer-group', defs, body, table: peerTable(m) });
}

