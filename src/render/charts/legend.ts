/** The key of a chart: items laid out left to right in rows, each a small drawing of a mark and its label. */
import { type Stroke, hRule } from './marks.js';
import { el, n, text, textWidth } from './svg.js';

export interface LegendItem {
  /** Markup of the key, drawn in a box `keyWidth` wide with its vertical centre at y = 0. */
  key: string;
  keyWidth: number;
  label: string;
}

/** A legend item whose key is a line `width` long, stroked as the line it stands for. */
export function lineKey(label: string, width: number, s: Stroke): LegendItem {
  return { key: hRule(0, width, 0, s), keyWidth: width, label };
}

/**
 * A legend laid out left to right, wrapping into rows no wider than `width`; returns the markup (translated to x,
 * y = top of the first row) and its height.
 */
export function legend(items: LegendItem[], x: number, y: number, width: number, fontSize: number): { markup: string; height: number } {
  const rowHeight = Math.round(fontSize * 1.6);
  const gap = fontSize * 1.2;
  const parts: string[] = [];
  let cx = 0;
  let row = 0;
  for (const item of items) {
    const w = item.keyWidth + 4 + textWidth(item.label, fontSize);
    if (cx > 0 && cx + w > width) {
      row++;
      cx = 0;
    }
    const cy = row * rowHeight + rowHeight / 2;
    parts.push(
      el('g', { transform: `translate(${n(x + cx)},${n(y + cy)})`, class: 'swp-legend-item' }, [
        item.key,
        text(item.keyWidth + 4, 0, item.label, { 'font-size': fontSize, fill: '#0b0c0c', dy: '0.35em' }),
      ]),
    );
    cx += w + gap;
  }
  // The key is drawing, not content: the chart's title, text alternative and data table say what it shows. Hidden
  // from assistive technology so no reader (or PDF tagger) meets the swatches as images without a text alternative.
  return { markup: el('g', { class: 'swp-legend', 'aria-hidden': 'true' }, parts), height: items.length ? (row + 1) * rowHeight : 0 };
}
