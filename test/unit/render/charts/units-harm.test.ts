/** One unit per axis (units.ts), every year on a trend's axis, and the harm chart (issue 12). */
import { describe, expect, it } from 'vitest';

import { axisUnit, harmChart, MixedUnitsError, trendChart } from '../../../../src/render/charts/index.js';
import type { IndicatorResult } from '../../../../src/model/contract.js';
import { indicator } from './fixtures.js';
import { byClass, parseSvg, textOf } from './xml.js';

const period = (y: number) => ({ start: `${y}-04-01`, end: `${y + 1}-03-31`, label: `${y}/${String((y + 1) % 100).padStart(2, '0')}` });

describe('axisUnit: one unit per axis', () => {
  it('returns the one unit the series share', () => {
    expect(axisUnit('y', [{ name: 'Castlebridge', unit: 'reports' }, { name: 'Last year', unit: 'reports' }])).toBe('reports');
  });

  it('throws when two units would share the axis, naming both', () => {
    const mixed = () => axisUnit('y', [{ name: 'Castlebridge', unit: 'reports' }, { name: 'England and Wales', unit: 'per 1,000 residents' }]);
    expect(mixed).toThrow(MixedUnitsError);
    expect(mixed).toThrow(/"reports" and "per 1,000 residents"/);
  });

  it('throws for an axis with no series', () => {
    expect(() => axisUnit('y', [])).toThrow(MixedUnitsError);
  });
});

/** Domestic abuse as the demo has it: counts, with England and Wales as a rate per 1,000 residents. */
function reports(): IndicatorResult {
  return indicator({
    id: 'hidden.domestic-abuse',
    label: 'Domestic abuse incidents reported',
    group: 'hidden-crime',
    unit: 'reports',
    count: 4035,
    value: 4035,
    ci95: [3911.4, 4161.5],
    polarity: 'no-judgement',
    comparison: 'lower',
    national: { areaCode: 'K04000001', label: 'England and Wales', value: 18.6, ci95: null, period: period(2016) },
    trend: {
      points: [2013, 2014, 2015, 2016].map((y, k) => ({ period: period(y), count: [3230, 3549, 3702, 4035][k]!, value: [3230, 3549, 3702, 4035][k]! })),
      direction: 'increasing',
      pValue: 0.001,
      method: 'test',
    },
  });
}

describe('trendChart: units', () => {
  it('does not draw a count’s England and Wales rate on the count axis, but gives it in words and in the table', () => {
    const chart = trendChart(reports(), { idPrefix: 'da' });
    const root = parseSvg(chart.svg);
    expect(byClass(root, 'swp-national')).toHaveLength(0);
    expect(chart.desc).toContain('18.6 per 1,000 residents (not drawn');
    expect(chart.table.columns.at(-1)).toBe('England and Wales (per 1,000 residents)');
    expect(chart.table.rows.at(-1)?.at(-1)).toBe('18.6');
    // No tick of the count axis comes near the rate: the axis is fitted to the counts alone.
    const ticks = byClass(root, 'swp-tick').map((t) => Number(textOf(t).replace(/,/g, '')));
    expect(Math.min(...ticks)).toBeGreaterThan(1000);
  });

  it('still draws England and Wales on a rate axis', () => {
    expect(byClass(parseSvg(trendChart(indicator(), { idPrefix: 'v' }).svg), 'swp-national')).toHaveLength(1);
  });
});

describe('trendChart: every year on the axis', () => {
  it('keeps a year with no data as a labelled gap instead of skipping it', () => {
    const fm = indicator({
      trend: {
        points: [
          { period: period(2013), count: 12, value: 12 },
          { period: period(2015), count: 15, value: 15 },
          { period: period(2016), count: 10, value: 10 },
        ],
        direction: 'cannot-be-calculated',
        pValue: null,
        method: 'test',
      },
    });
    const chart = trendChart(fm, { idPrefix: 'fm' });
    expect(chart.table.rows.map((r) => r[0])).toEqual(['2013/14', '2014/15', '2015/16', '2016/17']);
    expect(chart.table.rows[1]?.slice(1, 5)).toEqual(['[x]', '[x]', '[x]', '[x]']);
    const root = parseSvg(chart.svg);
    expect(byClass(root, 'swp-no-figure').map(textOf)).toEqual(['no figure']);
    expect(chart.desc).toContain('no figure for 2014/15');
    // The line breaks at the gap: two runs (M … L, M … L), not one.
    expect((byClass(root, 'swp-series')[0]?.attrs['d'] ?? '').match(/M/g)).toHaveLength(2);
  });
});

describe('harmChart', () => {
  const harm = (label: string, count: number, volume: number, share: number): IndicatorResult =>
    indicator({ id: `recorded-crime.${label.toLowerCase().replace(/ /g, '-')}`, label, count, harm: { score: null, perThousand: null, shareOfHarm: share, shareOfVolume: volume } });
  const rows = [harm('Burglary', 1719, 0.08, 0.22), harm('Violence and sexual offences', 6720, 0.3, 0.68), harm('Shoplifting', 2506, 0.11, 0.001)];

  it('draws two bars per crime type, largest share of harm first, with a data table', () => {
    const chart = harmChart(rows, { idPrefix: 'h', period: '2016/17' })!;
    expect(chart.title).toBe('Share of crimes and share of harm by crime type, 2016/17');
    expect(chart.table.rows).toEqual([
      ['Violence and sexual offences', '6,720', '30%', '68%'],
      ['Burglary', '1,719', '8%', '22%'],
      ['Shoplifting', '2,506', '11%', 'less than 1%'],
    ]);
    const root = parseSvg(chart.svg);
    expect(byClass(root, 'swp-row')).toHaveLength(3);
    // A bar's length is proportional to its share: harm 68% against crimes 30% in the first row.
    const bars = byClass(root, 'swp-row')[0]!.children.filter((c) => c.name === 'rect');
    const [crimes, harmBar] = bars.map((b) => Number(b.attrs['width']));
    expect(harmBar! / crimes!).toBeCloseTo(68 / 30, 1);
    expect(chart.desc).toContain('Violence and sexual offences: 30% of crimes, 68% of harm');
  });

  it('draws nothing when no crime type has a share of harm', () => {
    expect(harmChart([indicator({ harm: null })])).toBeNull();
  });
});
