/** The SPC (XmR) chart: points, limits, signal markers by shape, gaps for missing months, the text alternative. */
import { describe, expect, it } from 'vitest';

import { SPC_SHAPES, spcChart, type SpcData } from '../../../../src/render/charts/index.js';
import { all, byClass, parseSvg, textOf, type XmlElement } from './xml.js';

const months = (from: string, count: number) => {
  const [y, m] = from.split('-').map(Number) as [number, number];
  return Array.from({ length: count }, (_, i) => {
    const k = y * 12 + (m - 1) + i;
    return `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`;
  });
};

/** 33 months from April 2014 to December 2016, values around 520. */
function series(over: Partial<SpcData> = {}): SpcData {
  return {
    mean: 520,
    lower: 430,
    upper: 610,
    points: months('2014-04', 33).map((period, i) => ({ period, value: 500 + ((i * 37) % 45) })),
    signals: [],
    variation: 'common_cause',
    assurance: null,
    ...over,
  };
}

const SIGNALS: SpcData['signals'] = [
  { period: '2016-11', rule: 'outside_limits', direction: 'high', meaning: 'concern' },
  { period: '2016-12', rule: 'outside_limits', direction: 'high', meaning: 'concern' },
  { period: '2014-05', rule: 'outside_limits', direction: 'low', meaning: 'improvement' },
  // A month can break two rules: one marker, both rules in the table.
  { period: '2016-12', rule: 'shift', direction: 'high', meaning: 'concern' },
  { period: '2015-07', rule: 'trend', direction: 'high', meaning: 'neutral' },
];

function withSignals(): SpcData {
  const s = series({ signals: SIGNALS, variation: 'concern_high' });
  s.points = s.points.map((p) => (p.period === '2016-11' ? { ...p, value: 640 } : p.period === '2016-12' ? { ...p, value: 655 } : p.period === '2014-05' ? { ...p, value: 410 } : p));
  return s;
}

/** The <path> "d" split into runs that start with M. */
function subpaths(d: string): string[] {
  return d.split(/(?=M)/).filter(Boolean);
}

describe('spcChart', () => {
  it('draws one marker per month with a figure, joined by one line', () => {
    const chart = spcChart(series(), { label: 'Violence', idPrefix: 'v' });
    const root = parseSvg(chart.svg);
    expect(byClass(root, 'swp-point')).toHaveLength(33);
    const line = byClass(root, 'swp-series');
    expect(line).toHaveLength(1);
    expect(subpaths(line[0]?.attrs['d'] ?? '')).toHaveLength(1);
    expect((line[0]?.attrs['d'] ?? '').match(/[ML]/g)).toHaveLength(33);
  });

  it('draws the mean solid and both process limits dashed, at the right heights', () => {
    const root = parseSvg(spcChart(series(), { label: 'Violence' }).svg);
    const mean = byClass(root, 'swp-mean')[0] as XmlElement;
    const upper = byClass(root, 'swp-limit-upper')[0] as XmlElement;
    const lower = byClass(root, 'swp-limit-lower')[0] as XmlElement;
    expect(mean.attrs['stroke-dasharray']).toBeUndefined();
    expect(upper.attrs['stroke-dasharray']).toBeTruthy();
    expect(lower.attrs['stroke-dasharray']).toBeTruthy();
    // Screen y grows downwards; the mean is half-way between limits equidistant from it.
    const y = (e: XmlElement) => Number(e.attrs['y1']);
    expect(y(upper)).toBeLessThan(y(mean));
    expect(y(lower)).toBeGreaterThan(y(mean));
    expect(Math.abs(y(mean) - (y(upper) + y(lower)) / 2)).toBeLessThan(0.02);
  });

  it('marks special-cause points with a shape per meaning, not colour alone', () => {
    const root = parseSvg(spcChart(withSignals(), { label: 'Violence' }).svg);
    const concern = byClass(root, 'swp-concern');
    const improvement = byClass(root, 'swp-improvement');
    const neutral = byClass(root, 'swp-neutral');
    const common = byClass(root, 'swp-common');
    expect(concern.map((e) => e.attrs['data-period'])).toEqual(['2016-11', '2016-12']);
    expect(improvement.map((e) => e.attrs['data-period'])).toEqual(['2014-05']);
    expect(neutral.map((e) => e.attrs['data-period'])).toEqual(['2015-07']);
    expect(common).toHaveLength(33 - 4);

    // Shapes: common cause a circle, improvement a 4-corner path (diamond), concern a 3-corner path (triangle),
    // neutral a rect (square).
    const corners = (e: XmlElement) => (e.attrs['d'] ?? '').match(/[ML]/g)?.length;
    expect(common.every((e) => e.name === 'circle')).toBe(true);
    expect(improvement.every((e) => e.name === 'path' && corners(e) === 4)).toBe(true);
    expect(concern.every((e) => e.name === 'path' && corners(e) === 3)).toBe(true);
    expect(neutral.every((e) => e.name === 'rect')).toBe(true);
    expect(new Set(Object.values(SPC_SHAPES)).size).toBe(4);

    // And colours per MDC: blue improvement, orange concern, purple neutral, grey common cause: all different.
    const fills = new Set([concern[0], improvement[0], neutral[0], common[0]].map((e) => e?.attrs['fill']));
    expect(fills.size).toBe(4);
  });

  it('explains the shapes in a key, only for the meanings that occur', () => {
    const withAll = textOf(byClass(parseSvg(spcChart(withSignals(), { label: 'V' }).svg), 'swp-legend')[0] as XmlElement);
    expect(withAll).toContain('Improvement');
    expect(withAll).toContain('Concern');
    expect(withAll).toContain('Special cause');
    expect(withAll).toContain('Mean 520');
    expect(withAll).toContain('Limits 430 to 610');
    const none = textOf(byClass(parseSvg(spcChart(series(), { label: 'V' }).svg), 'swp-legend')[0] as XmlElement);
    expect(none).not.toContain('Concern');
    expect(spcChart(series(), { label: 'V', legend: false }).svg).not.toContain('swp-legend');
  });

  it('describes the chart with its key numbers and the months of every signal', () => {
    const { desc, title } = spcChart(withSignals(), { label: 'Violence and sexual offences', measure: 'offences recorded' });
    expect(title).toBe('Violence and sexual offences: monthly offences recorded, April 2014 to December 2016 (SPC chart)');
    expect(desc).toContain('Monthly offences recorded of Violence and sexual offences, April 2014 to December 2016 (33 months).');
    expect(desc).toContain('Mean 520; process limits 430 to 610.');
    expect(desc).toContain('2 points above the upper process limit (concern): November to December 2016.');
    expect(desc).toContain('1 point below the lower process limit (improvement): May 2014.');
    expect(desc).toContain('1 point in a run of points above the mean (concern): December 2016.');
    expect(desc).toContain('1 point in a run of rising points (special cause, neither improvement nor concern): July 2015.');
    expect(desc).toContain('Latest month, December 2016: 655.');
    expect(desc).toContain('The latest month shows special-cause concern (high).');
    expect(spcChart(series(), { label: 'V' }).desc).toContain('No special-cause variation');
  });

  it('leaves gaps for missing months (null or absent), never zeros', () => {
    const s = series();
    s.points = s.points
      .map((p) => (p.period === '2015-01' || p.period === '2015-02' ? { ...p, value: null } : p))
      .filter((p) => p.period !== '2016-03');
    const chart = spcChart(s, { label: 'Violence' });
    const root = parseSvg(chart.svg);
    const points = byClass(root, 'swp-point');
    expect(points).toHaveLength(33 - 3);
    expect(points.map((p) => p.attrs['data-period'])).not.toContain('2015-01');
    const d = byClass(root, 'swp-series')[0]?.attrs['d'] ?? '';
    expect(subpaths(d)).toHaveLength(3);

    // No marker sits at the height of zero, and the axis does not even reach zero.
    const ticks = byClass(root, 'swp-tick').map((t) => textOf(t));
    expect(ticks).not.toContain('0');
    // The absent month still has its slot: the x distance across the gap is three steps.
    const x = (period: string) => Number(points.find((p) => p.attrs['data-period'] === period)?.attrs['cx']);
    const step = x('2014-05') - x('2014-04');
    expect(x('2016-04') - x('2016-02')).toBeCloseTo(2 * step, 1);
    expect(chart.desc).toContain('(33 months, 3 with no figure)');
    // The table lists the missing months with the GSS symbol.
    const row = chart.table.rows.find((r) => r[0] === 'March 2016');
    expect(row?.[1]).toBe('[x]');
    expect(chart.table.values.find((r) => r[0] === '2016-03')?.[1]).toBeNull();
  });

  it('draws a lone month between gaps as a marker without a line', () => {
    const s = series();
    s.points = s.points.map((p) => (p.period === '2015-01' || p.period === '2015-03' ? { ...p, value: null } : p));
    const root = parseSvg(spcChart(s, { label: 'V' }).svg);
    expect(byClass(root, 'swp-point').map((p) => p.attrs['data-period'])).toContain('2015-02');
  });

  it('has a small size for board reports and a large one', () => {
    const small = spcChart(series(), { label: 'V', size: 'small' });
    const large = spcChart(series(), { label: 'V', size: 'large' });
    expect(small.width).toBe(320);
    expect(small.height).toBeLessThanOrEqual(170);
    expect(large.width).toBe(640);
    expect(large.height).toBeGreaterThan(small.height);
  });

  it('draws a target line when given one', () => {
    const chart = spcChart(series(), { label: 'V', target: 480 });
    expect(byClass(parseSvg(chart.svg), 'swp-target')).toHaveLength(1);
    expect(chart.desc).toContain('Target 480.');
    expect(byClass(parseSvg(spcChart(series(), { label: 'V' }).svg), 'swp-target')).toHaveLength(0);
  });

  it('tables every month with its value, meaning and rules', () => {
    const { table } = spcChart(withSignals(), { label: 'Violence' });
    expect(table.columns).toEqual(['Month', 'Count', 'Special cause', 'Rules']);
    expect(table.rows).toHaveLength(33);
    expect(table.rows.find((r) => r[0] === 'December 2016')).toEqual(['December 2016', '655', 'Concern', 'above the upper limit and run above the mean']);
    expect(table.rows.find((r) => r[0] === 'June 2014')?.[2]).toBe('None');
    expect(table.caption).toContain('Mean 520, process limits 430 to 610');
  });

  it('formats figures in en-GB with sensible decimals', () => {
    const s = series({ mean: 1801.3333, lower: 1605.48, upper: 1997.19 });
    s.points = s.points.map((p, i) => ({ ...p, value: 1700 + i * 7 }));
    const { desc } = spcChart(s, { label: 'All crime' });
    expect(desc).toContain('Mean 1,801; process limits 1,605 to 1,997.');
    const small = series({ mean: 2.345, lower: 0.5, upper: 4.19 });
    small.points = small.points.map((p, i) => ({ ...p, value: (i % 5) + 0.5 }));
    expect(spcChart(small, { label: 'Rate' }).desc).toContain('Mean 2.3; process limits 0.5 to 4.2.');
  });

  it('copes with no points at all', () => {
    const chart = spcChart(series({ points: [] }), { label: 'V' });
    expect(() => parseSvg(chart.svg)).not.toThrow();
    expect(byClass(parseSvg(chart.svg), 'swp-point')).toHaveLength(0);
    expect(all(parseSvg(chart.svg)).some((e) => e.name === 'path' && (e.attrs['d'] ?? '').includes('NaN'))).toBe(false);
  });
});
