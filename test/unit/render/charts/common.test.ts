/**
 * What every chart must do: an accessible root (role="img", <title> and <desc> named by aria-labelledby with ids
 * from the prefix), a viewBox and width 100%, no font-family and no external resources, text of 9px or more at A4
 * print size, coordinates rounded to 2 decimals, escaped data text, identical bytes for identical input, and a
 * data table.
 */
import { describe, expect, it } from 'vitest';

import type { IndicatorResult } from '../../../../src/model/contract.js';
import { comparisonChart, priorityMatrix, spcChart, trendChart, type ChartResult } from '../../../../src/render/charts/index.js';
import { CRITERION_LABELS, PRIORITIES, indicator } from './fixtures.js';
import { all, parseSvg, textOf, type XmlElement } from './xml.js';

const HOSTILE = 'Theft <script>alert("x")</script> & "damage" \u0007';

/** A4 (210 mm) less 16 mm margins either side, in CSS px; small SPC charts sit two to a row with a 5 mm gap. */
const COLUMN_PX = ((210 - 32) / 25.4) * 96;
const HALF_COLUMN_PX = ((210 - 32 - 5) / 2 / 25.4) * 96;

type Make = (prefix: string, label: string) => ChartResult;

const withLabel = (label: string): IndicatorResult => indicator({ label, unit: `per 1,000 ${label}` });
const spcSignals = {
  ...indicator().spc!,
  signals: [
    { period: '2014-04', rule: 'outside_limits' as const, direction: 'low' as const, meaning: 'improvement' as const },
    { period: '2016-12', rule: 'outside_limits' as const, direction: 'high' as const, meaning: 'concern' as const },
  ],
};

const CASES: { name: string; make: Make; renderedWidth: number }[] = [
  { name: 'trend', make: (p, l) => trendChart(withLabel(l), { idPrefix: p, areaLabel: l }), renderedWidth: COLUMN_PX },
  {
    name: 'comparison',
    make: (p, l) => comparisonChart([withLabel(l), indicator({ id: 'x', comparison: 'worse' })], { idPrefix: p, areaLabel: l }),
    renderedWidth: COLUMN_PX,
  },
  { name: 'spc small', make: (p, l) => spcChart(spcSignals, { idPrefix: p, label: l, size: 'small' }), renderedWidth: HALF_COLUMN_PX },
  { name: 'spc large', make: (p, l) => spcChart(spcSignals, { idPrefix: p, label: l, size: 'large', target: 480 }), renderedWidth: COLUMN_PX },
  {
    name: 'priority matrix',
    make: (p, l) => priorityMatrix([{ ...PRIORITIES[0]!, label: l }, ...PRIORITIES.slice(1)], { idPrefix: p, criterionLabels: { ...CRITERION_LABELS, harm: l } }),
    renderedWidth: COLUMN_PX,
  },
];

const NUMERIC_ATTRS = ['x', 'y', 'x1', 'x2', 'y1', 'y2', 'cx', 'cy', 'r', 'width', 'height', 'dy', 'font-size', 'stroke-width'];

function numbersIn(s: string): string[] {
  return s.match(/-?\d+(?:\.\d+)?(?:e[-+]?\d+)?/gi) ?? [];
}

describe.each(CASES)('$name chart', ({ make, renderedWidth }) => {
  const chart = make('fig-1', 'Violence');
  const root = parseSvg(chart.svg);
  const elements = all(root);

  it('is an image named by its <title> and <desc>, first in the SVG', () => {
    expect(root.attrs['role']).toBe('img');
    expect(root.attrs['aria-labelledby']).toBe('fig-1-title fig-1-desc');
    expect(root.children[0]?.name).toBe('title');
    expect(root.children[0]?.attrs['id']).toBe('fig-1-title');
    expect(root.children[1]?.name).toBe('desc');
    expect(root.children[1]?.attrs['id']).toBe('fig-1-desc');
    expect(textOf(root.children[0] as XmlElement)).toBe(chart.title);
    expect(textOf(root.children[1] as XmlElement)).toBe(chart.desc);
    expect(chart.title.length).toBeGreaterThan(10);
    expect(chart.desc.length).toBeGreaterThan(40);
  });

  it('scales to its container: a viewBox, width 100%, no fixed height', () => {
    expect(root.attrs['viewBox']).toBe(`0 0 ${chart.width} ${chart.height}`);
    expect(root.attrs['width']).toBe('100%');
    expect(root.attrs['height']).toBeUndefined();
    expect(root.attrs['xmlns']).toBe('http://www.w3.org/2000/svg');
  });

  it('inherits the font and loads nothing from outside', () => {
    const withoutNamespace = chart.svg.replace(' xmlns="http://www.w3.org/2000/svg"', '');
    expect(withoutNamespace).not.toMatch(/font-family|<style|<image|<script|<foreignObject|https?:|xlink:href|@import/i);
    for (const e of elements) {
      for (const [k, v] of Object.entries(e.attrs)) {
        if (k === 'href') expect(v.startsWith('#'), `${e.name} ${k}`).toBe(true);
        if (v.includes('url(')) expect(v, `${e.name} ${k}`).toMatch(/^url\(#fig-1-[\w-]+\)$/);
      }
    }
  });

  it('has text of at least 9px when printed on A4', () => {
    const scale = renderedWidth / chart.width;
    const texts = elements.filter((e) => e.name === 'text');
    expect(texts.length).toBeGreaterThan(3);
    for (const t of texts) {
      const size = Number(t.attrs['font-size']);
      expect(size * scale, textOf(t)).toBeGreaterThanOrEqual(9);
    }
  });

  it('rounds every coordinate to 2 decimals', () => {
    for (const e of elements) {
      for (const [k, v] of Object.entries(e.attrs)) {
        if (!(NUMERIC_ATTRS.includes(k) || k === 'd' || k === 'transform' || k === 'viewBox' || k === 'points')) continue;
        for (const num of numbersIn(v)) expect(num, `${e.name} ${k}="${v}"`).toMatch(/^-?\d+(\.\d{1,2})?$/);
      }
    }
  });

  it('keeps ids unique and under the prefix', () => {
    const ids = elements.map((e) => e.attrs['id']).filter((v): v is string => v !== undefined);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id === 'fig-1' || id.startsWith('fig-1-'), id).toBe(true);
  });

  it('escapes text that comes from the data', () => {
    const hostile = make('fig-2', HOSTILE);
    expect(hostile.svg).not.toMatch(/<script/i);
    expect(hostile.svg).toContain('&lt;script&gt;');
    expect(hostile.svg).toContain('&amp; &quot;damage&quot;');
    expect(hostile.svg).not.toContain('\u0007');
    // Parsing succeeds (the parser rejects a stray < or &) and gives the text back.
    const parsed = parseSvg(hostile.svg);
    expect(textOf(parsed.children[1] as XmlElement)).toContain('Theft <script>alert("x")</script> & "damage"');
    expect(all(parsed).some((e) => e.name === 'script')).toBe(false);
  });

  it('gives the same bytes for the same input', () => {
    expect(make('fig-1', 'Violence').svg).toBe(chart.svg);
    // Only the ids differ with another prefix.
    expect(make('other', 'Violence').svg.replaceAll('other', 'fig-1')).toBe(chart.svg);
  });

  it('returns its data as a table, with a value cell for every raw value', () => {
    expect(chart.table.caption.length).toBeGreaterThan(5);
    expect(chart.table.rows.length).toBeGreaterThan(0);
    for (const [i, row] of chart.table.rows.entries()) {
      expect(row.length).toBe(chart.table.columns.length);
      expect(chart.table.values[i]?.length).toBe(chart.table.columns.length);
      for (const cell of row) expect(typeof cell).toBe('string');
    }
  });
});
