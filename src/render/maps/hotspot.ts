/**
 * A hotspot map: the kernel density of crime (excluding anti-social behaviour) from the police.uk map points,
 * as filled density contours (d3-contour contourDensity, a Gaussian kernel of about 300 m), with the ward outlines
 * for context and the places with the most crime numbered as in the list beside the map. The shading runs from light
 * to dark in one hue (ColorBrewer OrRd, Brewer 2003, colour-blind safe); the numbered points and the text alternative
 * say where the peaks are, so colour is never the only carrier.
 */
import { contourDensity, type ContourMultiPolygon } from 'd3-contour';
import { geoPath } from 'd3-geo';
import type { Places } from '../../model/contract.js';
import { ASB_INDEX } from '../../model/data.js';
import type { AreaFeature, PlacePoints } from '../../model/places.js';
import { PALETTE } from '../charts/palette.js';
import { chartResult, chartTable, el, formatNumber, n, text, type ChartResult } from '../charts/svg.js';
import { frame, simplified } from './geo.js';
import { placeLabels, type Box } from './labels.js';

/** ColorBrewer OrRd, 7 classes (light to dark). */
const OR_RD = ['#fef0d9', '#fdd49e', '#fdbb84', '#fc8d59', '#ef6548', '#d7301f', '#990000'] as const;

const W = 640;
const MAP_W = 420;
const FONT = 11;
/** The kernel's bandwidth in metres. */
const BANDWIDTH_M = 300;
const MARKED = 5;

type Location = NonNullable<Places['locations']>[number];

/** The density contours of the projected points, in the map's pixels. */
function contours(points: PlacePoints, project: (p: [number, number]) => [number, number] | null, size: [number, number], bandwidth: number) {
  const xy: [number, number][] = [];
  for (let i = 0; i < points.lon.length; i++) {
    if (points.type[i] === ASB_INDEX) continue;
    const p = project([points.lon[i]!, points.lat[i]!]);
    if (p) xy.push(p);
  }
  // density.contours (d3-contour 4) is not in @types/d3-contour 3 yet: typed here.
  const estimator = contourDensity<[number, number]>().x((d) => d[0]).y((d) => d[1]).size(size).cellSize(2).bandwidth(bandwidth);
  const density = (estimator as unknown as { contours(d: [number, number][]): ((value: number) => ContourMultiPolygon) & { max: number } }).contours(xy);
  // Levels on a ratio scale, from 1/64 of the peak up: crime density is skewed (a town centre far above the rest), and
  // even steps would leave all but the centre in the lowest shade.
  return OR_RD.map((_, k) => density(density.max * 2 ** (k - OR_RD.length + 1) * (k === OR_RD.length - 1 ? 0.75 : 1)));
}

/**
 * Where to draw each numbered marker: at its place, or, when that would overlap a marker already drawn, moved out
 * along a spiral until it is clear (with a leader line back to the place).
 */
function spread(places: [number, number][], r: number): [number, number][] {
  const out: [number, number][] = [];
  for (const [x, y] of places) {
    let p: [number, number] = [x, y];
    for (let k = 1; out.some(([a, b]) => Math.hypot(a - p[0], b - p[1]) < 2 * r + 1) && k < 200; k++) {
      const angle = k * 0.6;
      p = [x + (r * 0.5 * k * Math.cos(angle)) / 2, y + (r * 0.5 * k * Math.sin(angle)) / 2];
    }
    out.push(p);
  }
  return out;
}

/** The legend: the shades from lower to higher density, and the numbered places. */
function legendOf(x: number, y: number, shades: number): string {
  const parts = [text(x, y, 'Density of crime', { 'font-size': FONT, 'font-weight': 'bold', fill: PALETTE.text })];
  const step = 154 / shades;
  OR_RD.slice(OR_RD.length - shades).forEach((c, k) => parts.push(el('rect', { x: x + k * step, y: y + 10, width: step, height: 13, fill: c, stroke: PALETTE.axis, 'stroke-width': 0.6 })));
  parts.push(text(x, y + 38, 'lower', { 'font-size': 10, fill: PALETTE.muted }));
  parts.push(text(x + 154, y + 38, 'higher', { 'font-size': 10, fill: PALETTE.muted, 'text-anchor': 'end' }));
  parts.push(text(x, y + 51, 'each shade: twice the density of the last', { 'font-size': 10, fill: PALETTE.muted }));
  parts.push(el('circle', { cx: x + 8, cy: y + 72, r: 8, fill: '#ffffff', stroke: PALETTE.text, 'stroke-width': 1.2 }));
  parts.push(text(x + 8, y + 76, '1', { 'font-size': 10, 'text-anchor': 'middle', fill: PALETTE.text, 'font-weight': 'bold' }));
  parts.push(text(x + 22, y + 76, 'place with the most crime,', { 'font-size': 10, fill: PALETTE.text }));
  parts.push(text(x + 22, y + 89, 'numbered as in the table', { 'font-size': 10, fill: PALETTE.text }));
  return el('g', { class: 'swp-map-legend' }, parts);
}

/** The numbered markers of the top places (each at the mean position of its points), spread apart where they would overlap. */
function markers(points: PlacePoints, top: readonly Location[], project: (p: [number, number]) => [number, number] | null): { markup: string; boxes: Box[] } {
  const at: [number, number][] = [];
  for (const loc of top.slice(0, MARKED)) {
    const key = points.locations.indexOf(`${loc.lsoa}\t${loc.location}`);
    let sx = 0;
    let sy = 0;
    let m = 0;
    for (let i = 0; i < points.location.length; i++) if (points.location[i] === key) (sx += points.lon[i]!), (sy += points.lat[i]!), m++;
    const p = m ? project([sx / m, sy / m]) : null;
    if (p) at.push(p);
  }
  const drawn = spread(at, 8);
  const parts = drawn.map(([x, y], k) => {
    const [px, py] = at[k]!;
    const leader = x !== px || y !== py ? el('path', { d: `M${n(px)},${n(py)}L${n(x)},${n(y)}`, stroke: PALETTE.text, 'stroke-width': 1 }) + el('circle', { cx: n(px), cy: n(py), r: 1.8, fill: PALETTE.text }) : '';
    return leader + el('circle', { cx: n(x), cy: n(y), r: 8, fill: '#ffffff', stroke: PALETTE.text, 'stroke-width': 1.2 }) + text(x, y + 3.5, String(k + 1), { 'font-size': 10, 'text-anchor': 'middle', fill: PALETTE.text, 'font-weight': 'bold' });
  });
  const boxes = [...drawn, ...at].map(([x, y]) => ({ x0: x - 9, x1: x + 9, y0: y - 9, y1: y + 9 }));
  return { markup: el('g', { class: 'swp-map-markers' }, parts), boxes };
}

/** The hotspot map with its table of the places with the most crime. */
export function hotspotMap(o: { id: string; title: string; alt: string; points: PlacePoints; outlines: readonly AreaFeature[]; locations: readonly Location[] }): ChartResult {
  const f = frame(o.outlines, 8, 8, MAP_W, 400);
  const project = (p: [number, number]) => f.projection(p) as [number, number] | null;
  // The bandwidth in pixels at the map's centre (a degree of latitude is about 111.32 km).
  const [lon, lat] = f.projection.invert?.([f.left + f.width / 2, f.top + f.height / 2]) ?? [0, 52.5];
  const [, y0] = project([lon, lat]) ?? [0, 0];
  const [, y1] = project([lon, lat + BANDWIDTH_M / 111_320]) ?? [0, 1];
  const density = contours(o.points, project, [W, f.top + f.height + 8], Math.abs(y0 - y1));
  const shades = OR_RD;
  const plain = geoPath().digits(1);
  const marked = markers(o.points, o.locations, project);
  const body = [
    el('g', { class: 'swp-map-density' }, density.map((c, k) => el('path', { d: plain(c) ?? '', fill: shades[k]!, 'fill-opacity': 0.9 }))),
    el('g', { class: 'swp-map-outlines', fill: 'none', stroke: PALETTE.axis, 'stroke-width': 0.8 }, simplified(o.outlines, MAP_W).map((ft) => el('path', { d: f.path(ft) ?? '' }))),
    placeLabels(simplified(o.outlines, MAP_W), f, 10, (_c, name) => [name], marked.boxes).markup,
    marked.markup,
    legendOf(MAP_W + 28, 24, OR_RD.length),
  ];
  const table = chartTable(`The places with the most crime (police.uk map points), ${o.title.replace(/^.*, /, '')}`, ['Rank', 'Place (police.uk map point)', 'Neighbourhood (LSOA)', 'Crimes'], o.locations.map((l, k) => ({ l, k })), ({ l, k }) => ({
    text: [String(k + 1), l.location, `${l.lsoaName} (${l.lsoa})`, formatNumber(l.count, 0)],
    value: [k + 1, l.location, l.lsoa, l.count],
  }));
  return chartResult({ id: o.id, width: W, height: Math.max(f.height + 16, 120), title: o.title, desc: o.alt, kind: 'map', body, table });
}
