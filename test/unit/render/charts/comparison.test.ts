/** The comparison chart: one row per indicator, local value with whiskers, national marker, outcome in shape and words. */
import { describe, expect, it } from 'vitest';

import { comparisonChart } from '../../../../src/render/charts/index.js';
import { indicator } from './fixtures.js';
import { byClass, parseSvg, textOf, type XmlElement } from './xml.js';

const rows = [
  indicator({ id: 'a', label: 'Burglary', value: 6.5, ci95: [6.2, 6.8], national: { ...indicator().national!, value: 7.4 }, comparison: 'better' }),
  indicator({ id: 'b', label: 'Shoplifting', value: 9.5, ci95: [9.2, 9.9], national: { ...indicator().national!, value: 6.4 }, comparison: 'worse' }),
  indicator({ id: 'c', label: 'Robbery', value: 0.92, ci95: [0.81, 1.04], national: { ...indicator().national!, value: 0.99 }, comparison: 'similar' }),
  indicator({ id: 'd', label: 'Hate crime', value: 1.8, ci95: [1.6, 2.0], national: { ...indicator().national!, value: 1.4 }, comparison: 'higher', polarity: 'no-judgement' }),
  indicator({ id: 'e', label: 'Forced marriage', value: 10, ci95: [4.8, 18.4], national: null, comparison: 'not-compared' }),
  indicator({ id: 'f', label: 'Youth reoffending', value: null, ci95: null, suppressed: true, comparison: 'not-compared' }),
];

const point = (root: XmlElement, id: string) => byClass(root, 'swp-point').find((e) => e.attrs['data-id'] === id);

describe('comparisonChart', () => {
  const chart = comparisonChart(rows, { idPrefix: 'cmp', areaLabel: 'Castlebridge' });
  const root = parseSvg(chart.svg);

  it('has one row per indicator, in the order given', () => {
    expect(byClass(root, 'swp-row').map((r) => r.attrs['data-id'])).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    expect(chart.table.rows.map((r) => r[0])).toEqual(['Burglary', 'Shoplifting', 'Robbery', 'Hate crime', 'Forced marriage', 'Youth reoffending']);
  });

  it('marks the local value, with whiskers, only where there is a figure to compare', () => {
    // Relative scale: a row needs both a local and a national figure.
    expect(byClass(root, 'swp-point').map((p) => p.attrs['data-id'])).toEqual(['a', 'b', 'c', 'd']);
    expect(byClass(root, 'swp-ci-bar')).toHaveLength(4);
    expect(byClass(root, 'swp-national').map((p) => p.attrs['data-id'])).toEqual(['a', 'b', 'c', 'd']);
    const missing = byClass(root, 'swp-no-figure').map(textOf);
    expect(missing).toEqual(['No England and Wales figure', 'Suppressed [c]']);
  });

  it('shows the outcome by shape and in words, not by colour alone', () => {
    const shape = (id: string) => {
      const e = point(root, id) as XmlElement;
      return e.name === 'circle' ? (e.attrs['fill'] === '#ffffff' ? 'hollow circle' : 'circle') : `${(e.attrs['d'] ?? '').match(/[ML]/g)?.length}-corner`;
    };
    expect(shape('a')).toBe('circle');
    expect(shape('b')).toBe('3-corner');
    expect(shape('c')).toBe('hollow circle');
    expect(shape('d')).toBe('4-corner');
    const words = byClass(root, 'swp-outcome').map(textOf);
    expect(words).toEqual(['Better: 6.5 v 7.4', 'Worse: 9.5 v 6.4', 'Similar: 0.92 v 0.99', 'Higher: 1.8 v 1.4', 'Not compared: 10', 'Not compared']);
  });

  it('places values relative to England and Wales = 100', () => {
    const x = (e: XmlElement | undefined) => Number(e?.attrs['cx'] ?? (e?.attrs['d'] ?? '').match(/^M([\d.]+)/)?.[1]);
    const nationalX = Number(byClass(root, 'swp-national')[0]?.attrs['x']) + Number(byClass(root, 'swp-national')[0]?.attrs['width']) / 2;
    expect(x(point(root, 'a'))).toBeLessThan(nationalX); // 88% of national
    expect(x(point(root, 'b'))).toBeGreaterThan(nationalX); // 148%
    // Every national marker is at the same place.
    expect(new Set(byClass(root, 'swp-national').map((e) => e.attrs['x'])).size).toBe(1);
    expect(textOf(byClass(root, 'swp-axis-x')[0]!)).toContain('as a percentage of England and Wales');
  });

  it('describes every indicator with its figures, grouped by outcome', () => {
    expect(chart.title).toBe('Castlebridge compared with England and Wales, 2016/17');
    expect(chart.desc).toContain('6 indicators for Castlebridge compared with England and Wales, 2016/17');
    expect(chart.desc).toContain('Worse than England and Wales: Shoplifting (9.5 against 6.4 per 1,000 residents).');
    expect(chart.desc).toContain('Similar to England and Wales: Robbery (0.92 against 0.99 per 1,000 residents).');
    expect(chart.desc).toContain('Better than England and Wales: Burglary (6.5 against 7.4 per 1,000 residents).');
    expect(chart.desc).toContain('Higher than England and Wales, where higher or lower is neither better nor worse: Hate crime');
    expect(chart.desc).toContain('Not compared: Forced marriage (10 per 1,000 residents, no England and Wales figure) and Youth reoffending (suppressed).');
  });

  it('tables the figures with GSS symbols for missing ones', () => {
    expect(chart.table.columns).toEqual(['Indicator', 'Unit', 'Castlebridge', 'Lower 95% limit', 'Upper 95% limit', 'England and Wales', 'Compared with England and Wales']);
    expect(chart.table.rows[0]).toEqual(['Burglary', 'per 1,000 residents', '6.5', '6.2', '6.8', '7.4', 'Better']);
    expect(chart.table.rows[4]?.[5]).toBe('[x]');
    expect(chart.table.rows[5]?.[2]).toBe('[c]');
    expect(chart.table.values[5]).toEqual(['Youth reoffending', 'per 1,000 residents', null, null, null, 26.8, 'not-compared']);
  });

  it('plots values in their unit with scale "absolute"', () => {
    const abs = comparisonChart(rows.slice(0, 3), { scale: 'absolute' });
    const r = parseSvg(abs.svg);
    expect(new Set(byClass(r, 'swp-national').map((e) => e.attrs['x'])).size).toBe(3);
    expect(textOf(byClass(r, 'swp-axis-x')[0]!)).toContain('per 1,000 residents');
    // Mixed units fall back to the relative scale.
    const mixed = comparisonChart([rows[0]!, indicator({ id: 'p', unit: '%' })], { scale: 'absolute' });
    expect(mixed.desc).toContain('as a percentage of the England and Wales figure');
  });

  it('draws a value far off the scale at the edge, with an arrow and its percentage', () => {
    const far = comparisonChart([rows[0]!, indicator({ id: 'z', value: 4035, ci95: [3911, 4161], national: { ...indicator().national!, value: 18.6 }, comparison: 'higher' })]);
    const r = parseSvg(far.svg);
    const off = byClass(r, 'swp-off-scale');
    expect(off).toHaveLength(1);
    expect(off[0]?.attrs['transform']).toMatch(/^rotate\(90 /);
    expect(far.svg).toContain('21,694%');
  });
});
