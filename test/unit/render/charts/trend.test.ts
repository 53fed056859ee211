/** The trend chart: yearly line, confidence band or error bar, England and Wales reference, gaps, text. */
import { describe, expect, it } from 'vitest';

import { trendChart, type TrendInterval } from '../../../../src/render/charts/index.js';
import { indicator } from './fixtures.js';
import { all, byClass, parseSvg, textOf } from './xml.js';

const CI: TrendInterval[] = [
  { label: '2013/14', value: 19.8, lower: 19.3, upper: 20.3 },
  { label: '2014/15', value: 22.1, lower: 21.6, upper: 22.7 },
  { label: '2015/16', value: 24.0, lower: 23.4, upper: 24.6 },
  { label: '2016/17', value: 25.5, lower: 24.9, upper: 26.2 },
];

describe('trendChart', () => {
  it('draws one marker per year joined by a line', () => {
    const root = parseSvg(trendChart(indicator(), { idPrefix: 't' }).svg);
    const points = byClass(root, 'swp-point');
    expect(points.map((p) => p.attrs['data-period'])).toEqual(['2013/14', '2014/15', '2015/16', '2016/17']);
    const d = byClass(root, 'swp-series')[0]?.attrs['d'] ?? '';
    expect(d.match(/[ML]/g)).toHaveLength(4);
    // Rising values go up the page.
    const ys = points.map((p) => Number(p.attrs['cy']));
    expect([...ys].sort((a, b) => b - a)).toEqual(ys);
  });

  it('without per-year intervals, gives the headline year an error bar from ci95', () => {
    const chart = trendChart(indicator());
    const root = parseSvg(chart.svg);
    expect(byClass(root, 'swp-ci-bar')).toHaveLength(1);
    expect(chart.desc).toContain('25.5 in 2016/17 (95% confidence interval 24.9 to 26.2)');
    expect(chart.desc).not.toContain('22.1 in 2014/15 (95%');
    expect(textOf(byClass(root, 'swp-legend')[0]!)).toContain('95% confidence interval');
  });

  it('with per-year intervals, draws a band whose edges pass through the limits', () => {
    const chart = trendChart(indicator(), { ci: CI });
    const root = parseSvg(chart.svg);
    const ci = byClass(root, 'swp-ci')[0]!;
    const paths = ci.children.filter((e) => e.name === 'path');
    // The filled band and its two outlines; no error bars.
    expect(paths).toHaveLength(3);
    expect(byClass(root, 'swp-ci-bar')).toHaveLength(0);
    expect(paths[0]?.attrs['d']).toMatch(/Z$/);
    expect(chart.desc).toContain('19.8 in 2013/14 (95% confidence interval 19.3 to 20.3)');
    expect(chart.table.rows[0]).toEqual(['2013/14', '19.8', '19.3', '20.3', '5,200', '[x]']);
    expect(chart.table.rows[3]).toEqual(['2016/17', '25.5', '24.9', '26.2', '6,720', '26.8']);
  });

  it('takes each year\'s interval from the contract (trend.points[].ci95) when none is passed', () => {
    const base = indicator();
    const points = base.trend!.points.map((p, i) => ({ ...p, ci95: [CI[i]!.lower!, CI[i]!.upper!] as [number, number] }));
    const chart = trendChart({ ...base, trend: { ...base.trend!, points } });
    const root = parseSvg(chart.svg);
    expect(byClass(root, 'swp-ci')[0]!.children.filter((e) => e.name === 'path')).toHaveLength(3);
    expect(chart.table.rows[1]).toEqual(['2014/15', '22.1', '21.6', '22.7', '5,800', '[x]']);
    // An interval passed in overrides the contract's; an entry with nulls means none.
    const over = trendChart({ ...base, trend: { ...base.trend!, points } }, { ci: [{ label: '2014/15', value: 22.1, lower: null, upper: null }] });
    expect(over.table.rows[1]?.[2]).toBe('[x]');
    expect(over.table.rows[0]?.[2]).toBe('19.3');
  });

  it('draws England and Wales as a dashed line, labelled, when there is a national figure', () => {
    const chart = trendChart(indicator(), { areaLabel: 'Castlebridge' });
    const root = parseSvg(chart.svg);
    const nat = byClass(root, 'swp-national');
    expect(nat).toHaveLength(1);
    expect(nat[0]?.attrs['stroke-dasharray']).toBeTruthy();
    const labels = byClass(root, 'swp-direct-label').map(textOf).join(' | ');
    expect(labels).toContain('England and Wales');
    expect(labels).toContain('26.8');
    expect(labels).toContain('Castlebridge');
    expect(chart.desc).toContain('England and Wales, 2016/17: 26.8 (dashed line).');

    const none = trendChart(indicator({ national: null }));
    expect(byClass(parseSvg(none.svg), 'swp-national')).toHaveLength(0);
    expect(none.desc).not.toContain('England and Wales');
  });

  it("draws England and Wales year by year when the points carry each year's national figure", () => {
    const base = indicator();
    const nat = [14.8, 16.8, 20.6, 26.8];
    const points = base.trend!.points.map((p, i) => ({ ...p, national: nat[i]! }));
    const chart = trendChart({ ...base, trend: { ...base.trend!, points } }, { areaLabel: 'Castlebridge' });
    const root = parseSvg(chart.svg);
    const line = byClass(root, 'swp-national');
    expect(line).toHaveLength(1);
    // One vertex a year, and the first below the area's first point (14.8 < 19.8: lower on the page = larger y).
    const d = line[0]!.attrs['d'] ?? '';
    expect(d.match(/[ML]/g)).toHaveLength(4);
    const firstNatY = Number(/^M[\d.]+,([\d.]+)/.exec(d)![1]);
    const firstAreaY = Number(byClass(root, 'swp-point')[0]!.attrs['cy']);
    expect(firstNatY).toBeGreaterThan(firstAreaY);
    expect(chart.desc).toContain('England and Wales (dashed line): 14.8 in 2013/14, 16.8 in 2014/15, 20.6 in 2015/16 and 26.8 in 2016/17.');
    expect(chart.table.rows.map((r) => r[5])).toEqual(['14.8', '16.8', '20.6', '26.8']);
    expect(byClass(root, 'swp-direct-label').map(textOf).join(' | ')).toContain('England and Wales 2016/17: 26.8');
    // One year with a national figure is not a series: the level line at the headline figure, as before.
    const one = base.trend!.points.map((p, i) => ({ ...p, national: i === 3 ? 26.8 : null }));
    const level = parseSvg(trendChart({ ...base, trend: { ...base.trend!, points: one } }).svg);
    expect(byClass(level, 'swp-national')[0]!.name).not.toBe('path');
  });

  it('leaves a gap for a missing or suppressed year, never a zero', () => {
    const base = indicator();
    // A year with a count but no value (no population for the rate): no figure, [x].
    const noRate = base.trend!.points.map((p, i) => (i === 1 ? { ...p, value: null } : p));
    const missing = trendChart({ ...base, trend: { ...base.trend!, points: noRate } }, { ci: CI.map((c, i) => (i === 1 ? { ...c, value: null, lower: null, upper: null } : c)) });
    expect(missing.table.rows[1]).toEqual(['2014/15', '[x]', '[x]', '[x]', '5,800', '[x]']);
    // A year is listed only when it has data: one without a count was suppressed, [c], even when the headline is shown.
    const points = base.trend!.points.map((p, i) => (i === 1 ? { ...p, value: null, count: null } : p));
    const chart = trendChart({ ...base, trend: { ...base.trend!, points } }, { ci: CI.map((c, i) => (i === 1 ? { ...c, value: null, lower: null, upper: null } : c)) });
    const root = parseSvg(chart.svg);
    expect(byClass(root, 'swp-point').map((p) => p.attrs['data-period'])).toEqual(['2013/14', '2015/16', '2016/17']);
    const d = byClass(root, 'swp-series')[0]?.attrs['d'] ?? '';
    expect(d.split(/(?=M)/)).toHaveLength(2);
    expect(byClass(root, 'swp-no-figure').map(textOf)).toEqual(['suppressed']);
    expect(chart.desc).toContain('no figure for 2014/15 (suppressed)');
    expect(chart.table.rows[1]).toEqual(['2014/15', '[c]', '[c]', '[c]', '[c]', '[x]']);
    expect(chart.table.values[1]).toEqual(['2014/15', null, null, null, null, null]);
    // The lone first year keeps its interval as an error bar; the last two years are a band.
    expect(byClass(root, 'swp-ci-bar')).toHaveLength(1);

    const suppressed = trendChart({ ...base, suppressed: true, trend: { ...base.trend!, points } });
    expect(suppressed.table.rows[1]?.[1]).toBe('[c]');
    expect(suppressed.desc).toContain('no figure for 2014/15 (suppressed)');
  });

  it('does not start the axis below zero for figures that cannot be negative', () => {
    const ind = indicator({ value: 0, ci95: [0, 3.7], national: null, unit: 'reports' });
    ind.trend!.points = ind.trend!.points.map((p, i) => ({ ...p, value: [2, 1, 0, 0][i] ?? 0, count: [2, 1, 0, 0][i] ?? 0 }));
    const root = parseSvg(trendChart(ind).svg);
    const ticks = byClass(root, 'swp-tick').map((t) => Number(textOf(t).replace(/,/g, '')));
    expect(Math.min(...ticks)).toBe(0);
    // Whole numbers are shown without decimals.
    expect(trendChart(ind).desc).toContain('2 in 2013/14, 1 in 2014/15, 0 in 2015/16 and 0 in 2016/17');
  });

  it('states the long-term trend in words', () => {
    expect(trendChart(indicator()).desc).toContain('The long-term trend is a statistically significant increase.');
    const flat = indicator();
    flat.trend!.direction = 'no-significant-change';
    expect(trendChart(flat).desc).toContain('no statistically significant long-term trend');
  });

  it('copes with an indicator without a trend', () => {
    const chart = trendChart(indicator({ trend: null }));
    const root = parseSvg(chart.svg);
    expect(byClass(root, 'swp-point')).toHaveLength(0);
    expect(chart.desc).toContain('no yearly figures');
    expect(all(root).some((e) => Object.values(e.attrs).some((v) => v.includes('NaN')))).toBe(false);
  });
});
