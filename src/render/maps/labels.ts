/**
 * Labels placed on a map where space allows: each area's name (and figure) at its centroid, only when the block
 * fits inside the area's bounding box and overlaps no label placed before it (larger areas first). A light box
 * behind it keeps the text readable over any fill.
 */
import type { MapFeature, MapFrame } from './geo.js';
import { PALETTE } from '../charts/palette.js';
import { el, escapeXml, n, textWidth, wrapText } from '../charts/svg.js';

export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

const overlaps = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

/**
 * Label markup for the features; `lines` gives each feature's text (name first); `avoid` are boxes already drawn
 * over (numbered markers). Returns the markup and the codes labelled.
 */
export function placeLabels(features: readonly MapFeature[], f: MapFrame, fontSize: number, lines: (code: string, name: string) => string[], avoid: readonly Box[] = []): { markup: string; labelled: Set<string> } {
  const placed: Box[] = [...avoid];
  const labelled = new Set<string>();
  const parts: string[] = [];
  const bySize = [...features].sort((a, b) => f.path.area(b) - f.path.area(a) || (a.properties.code < b.properties.code ? -1 : 1));
  for (const feature of bySize) {
    const [[bx0, by0], [bx1, by1]] = f.path.bounds(feature);
    const [cx, cy] = f.path.centroid(feature);
    if (!Number.isFinite(cx)) continue;
    const [name, ...rest] = lines(feature.properties.code, feature.properties.name);
    const wrapped = wrapText(name ?? '', Math.max(bx1 - bx0, 40) * 0.95, fontSize, 2);
    // A name that only fits cut mid-word (or shortened with …) is left to the table.
    if (wrapped.join(' ') !== (name ?? '').trim().replace(/\s+/g, ' ')) continue;
    const text = [...wrapped, ...rest];
    const w = Math.max(...text.map((t) => textWidth(t, fontSize)));
    const h = text.length * (fontSize + 1);
    const box = { x0: cx - w / 2, y0: cy - h / 2, x1: cx + w / 2, y1: cy + h / 2 };
    if (w > (bx1 - bx0) * 1.05 || h > (by1 - by0) || placed.some((p) => overlaps(p, box))) continue;
    placed.push(box);
    labelled.add(feature.properties.code);
    const spans = text.map((t, i) => el('tspan', { x: n(cx), dy: i === 0 ? undefined : fontSize + 1 }, escapeXml(t)));
    // A light box behind the text, not a stroked halo: Chromium prints stroked text as a Type 3 font, which the PDF
    // would then carry unembedded-by-name beside the document's own font.
    parts.push(el('rect', { x: n(box.x0 - 2), y: n(box.y0 - 1), width: n(w + 4), height: n(h + 2), rx: 2, fill: '#ffffff', 'fill-opacity': 0.8 }));
    parts.push(el('text', { x: n(cx), y: n(box.y0 + fontSize * 0.85), 'font-size': fontSize, 'text-anchor': 'middle', fill: PALETTE.text }, spans));
  }
  return { markup: el('g', { class: 'swp-map-labels' }, parts), labelled };
}
