/**
 * A choropleth of a rate by ward: five quantile classes (../../analysis/places/classes.ts) in a colour-blind-safe
 * sequential scale (viridis, van der Walt & Smith 2015: perceptually uniform and readable with the common colour
 * vision deficiencies and in greyscale), ward outlines, ward names with their rate where space allows, and a legend
 * with the class breaks. The table beside the map gives every ward's figures, so colour is never the only carrier.
 */
import type { AreaFeature } from '../../model/places.js';
import { classOf, quantileBreaks, type WardLayer, type WardRow } from '../../analysis/places/index.js';
import { PALETTE } from '../charts/palette.js';
import { chartResult, chartTable, el, formatNumber, multilineText, text, wrapText, type ChartResult } from '../charts/svg.js';
import { frame, simplified, type MapFrame } from './geo.js';
import { placeLabels } from './labels.js';

/** Viridis at five even steps, light (low) to dark (high). */
export const VIRIDIS_5 = ['#fde725', '#5ec962', '#21918c', '#3b528b', '#440154'] as const;
/** Fill of a ward with no figure shown (suppressed or no population). */
const NO_FIGURE = '#ffffff';

const W = 640;
const MAP_W = 420;
const FONT = 11;
const LABEL_FONT = 10;

const COMPARISON_WORDS: Record<WardRow['comparison'], string> = {
  higher: 'Higher than average',
  similar: 'Similar to average',
  lower: 'Lower than average',
  'not-compared': 'Not compared',
};

/** The colours of `k` classes: evenly spread over the five steps. */
function coloursFor(k: number): string[] {
  if (k <= 1) return [VIRIDIS_5[2]];
  return Array.from({ length: k }, (_, i) => VIRIDIS_5[Math.round((i * 4) / (k - 1))]!);
}

/** The legend: one swatch per class with its range and number of wards, and the swatch for wards not shown. */
function legendOf(x: number, y: number, breaks: number[], values: number[], colours: string[], unit: string, missing: number, areasWord: string): string {
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const edges = [lo, ...breaks, hi];
  const parts = [multilineText(x, y, wrapText(unit, W - x - 8, FONT, 2, true), FONT + 2, { 'font-size': FONT, 'font-weight': 'bold', fill: PALETTE.text })];
  let yy = y + 2 * (FONT + 2) + 6;
  colours.forEach((c, k) => {
    const n = values.filter((v) => classOf(v, breaks) === k).length;
    parts.push(el('rect', { x, y: yy - 10, width: 18, height: 13, fill: c, stroke: PALETTE.axis, 'stroke-width': 0.6 }));
    parts.push(text(x + 24, yy, `${formatNumber(edges[k]!, 1)} to ${formatNumber(edges[k + 1]!, 1)} (${n})`, { 'font-size': FONT, fill: PALETTE.text }));
    yy += 20;
  });
  if (missing > 0) {
    parts.push(el('rect', { x, y: yy - 10, width: 18, height: 13, fill: NO_FIGURE, stroke: PALETTE.axis, 'stroke-width': 0.6 }));
    parts.push(text(x + 24, yy, `Not shown (${missing})`, { 'font-size': FONT, fill: PALETTE.text }));
    yy += 20;
  }
  parts.push(text(x, yy + 4, `Classes: quantiles; (n) ${areasWord}`, { 'font-size': 10, fill: PALETTE.muted }));
  return el('g', { class: 'swp-map-legend' }, parts);
}

/** The ward outlines filled by class. */
function areas(f: MapFrame, features: ReturnType<typeof simplified>, fill: (code: string) => string): string {
  return el(
    'g',
    { class: 'swp-map-areas', stroke: PALETTE.axis, 'stroke-width': 0.7, 'stroke-linejoin': 'round' },
    features.map((ft) => el('path', { d: f.path(ft) ?? '', fill: fill(ft.properties.code) })),
  );
}

/** How a choropleth's areas are named (wards by default, or LSOAs), and whether they are labelled on the map. */
export interface ChoroplethAreas {
  /** Heading of the table's first column, e.g. "Ward". */
  column: string;
  /** The areas in the legend's note, e.g. "wards". */
  many: string;
  /** Name the areas on the map (too many small LSOAs to label: their names are in the table). */
  labels: boolean;
}

const WARDS: ChoroplethAreas = { column: 'Ward', many: 'wards', labels: true };

/** The choropleth of a ward layer (or of an LSOA layer, with `areas` naming them). */
export function wardChoropleth(layer: WardLayer, features: readonly AreaFeature[], options: { idPrefix: string; areas?: ChoroplethAreas }): ChartResult {
  const named = options.areas ?? WARDS;
  const shapes = simplified(features, MAP_W);
  const f = frame(features, 8, 8, MAP_W, 400);
  const byCode = new Map(layer.wards.map((w) => [w.code, w]));
  const values = layer.wards.filter((w) => w.value !== null).map((w) => w.value!);
  const breaks = quantileBreaks(values, 5);
  const colours = coloursFor(breaks.length + 1);
  const fill = (code: string) => {
    const v = byCode.get(code)?.value;
    return v === null || v === undefined ? NO_FIGURE : colours[classOf(v, breaks)]!;
  };
  const labels = named.labels ? placeLabels(shapes, f, LABEL_FONT, (code, name) => [name, formatNumber(byCode.get(code)?.value ?? null, 1, '[c]')]) : { markup: '' };
  const missing = layer.wards.length - values.length;
  const body = [areas(f, shapes, fill), labels.markup, values.length ? legendOf(MAP_W + 28, 24, breaks, values, colours, 'Crimes per 1,000 residents', missing, named.many) : ''];
  const height = Math.max(f.height + 16, 24 + 2 * (FONT + 2) + 20 * (colours.length + 2) + 20);
  const table = chartTable(
    `Data for the map: ${layer.title}`,
    [named.column, 'Crimes', 'Residents', 'Rate per 1,000', '95% confidence interval', 'Map class (1 lowest)', 'Compared with the average'],
    [...layer.wards].sort((a, b) => (b.value ?? -1) - (a.value ?? -1) || a.name.localeCompare(b.name, 'en-GB')),
    (w) => ({
      text: [w.name, formatNumber(w.count, 0, '[c]'), formatNumber(w.population, 0), formatNumber(w.value, 1, w.suppressed ? '[c]' : '[x]'), w.ci95 ? `${formatNumber(w.ci95.lower, 1)} to ${formatNumber(w.ci95.upper, 1)}` : '[x]', w.value === null ? '[x]' : String(classOf(w.value, breaks) + 1), COMPARISON_WORDS[w.comparison]],
      value: [w.name, w.count, w.population, w.value, w.ci95?.lower ?? null, w.value === null ? null : classOf(w.value, breaks) + 1, w.comparison],
    }),
  );
  return chartResult({ id: options.idPrefix, width: W, height, title: layer.title, desc: layer.alt, kind: 'map', body, table });
}
