/** Small documents in the JSON contract's shape, with the awkward cases the export must get right. */
import { SCHEMA_VERSION, type Assessment, type IndicatorResult, type Report } from '../../../../src/model/contract.js';

const FY = { start: '2016-04-01', end: '2017-03-31', label: '2016/17' };
const FY_BEFORE = { start: '2015-04-01', end: '2016-03-31', label: '2015/16' };
const EW = { areaCode: 'K04000001', label: 'England and Wales', value: 83.02806470850459, ci95: [82.95, 83.1] as [number, number], period: FY };

/** An indicator with every figure present (a police.uk rate with a monthly series). */
export function fullIndicator(over: Partial<IndicatorResult> = {}): IndicatorResult {
  return {
    id: 'recorded-crime.all',
    label: 'All recorded crime, "excluding" ASB, £ and commas',
    group: 'recorded-crime',
    period: FY,
    count: 22279,
    denominator: 263167,
    value: 84.65727085842829,
    unit: 'per 1,000 residents',
    ci95: [83.54923300941705, 85.77633160134383],
    ciMethod: 'byar',
    polarity: 'lower-is-better',
    national: EW,
    comparison: 'worse',
    peers: { average: 72.16692538608189, rank: 1, of: 3 },
    force: { name: 'Midshire Police', value: 79.5, comparison: 'worse' },
    previous: { period: FY_BEFORE, count: 21707, value: 82.97338827432783 },
    change: { percent: 2.029424878411845, pValue: 0.03548835250221442, direction: 'increase', method: 'exact test of two Poisson counts' },
    trend: {
      points: [
        { period: { start: '2014-04-01', end: '2015-03-31', label: '2014/15' }, count: 20862, value: 80.18695683926094, ci95: [79.1, 81.28] },
        { period: FY_BEFORE, count: 21707, value: 82.97338827432783, ci95: [81.9, 84.1] },
        { period: FY, count: 22279, value: 84.65727085842829, ci95: [83.54923300941705, 85.77633160134383] },
      ],
      direction: 'increasing',
      pValue: 7.012485597403128e-15,
      method: 'chi-squared score test for linear trend',
    },
    spc: {
      mean: 1801.3333333333333,
      lower: 1605.4813333333332,
      upper: 1997.1853333333333,
      points: [
        { period: '2017-01', value: 1800 },
        { period: '2017-02', value: null },
        { period: '2017-03', value: 1850 },
      ],
      signals: [{ period: '2017-03', rule: 'shift', direction: 'high', meaning: 'concern' }],
      variation: 'common_cause',
      assurance: null,
    },
    rag: { status: 'red', target: 80, reason: '5.8% worse than target (red beyond 5%)' },
    harm: { score: 1928366.67, perThousand: 7327.539813122466, shareOfHarm: 1, shareOfVolume: 1 },
    suppressed: false,
    revision: null,
    seriesBreak: null,
    finding: 'All recorded crime rose 2%.',
    notes: [],
    ...over,
  };
}

/** A small count suppressed by disclosure control: counts, values, change and comparison withheld. */
export function suppressedIndicator(): IndicatorResult {
  return fullIndicator({
    id: 'hidden.forced-marriage',
    label: 'Forced marriage cases',
    group: 'hidden-crime',
    count: null,
    value: null,
    unit: 'reports',
    ci95: null,
    ciMethod: null,
    polarity: 'no-judgement',
    national: null,
    comparison: 'not-compared',
    peers: null,
    force: null,
    previous: { period: FY_BEFORE, count: null, value: null },
    change: null,
    trend: {
      points: [
        { period: FY_BEFORE, count: null, value: null, ci95: null },
        { period: FY, count: null, value: null, ci95: null },
      ],
      direction: 'cannot-be-calculated',
      pValue: null,
      method: 'fewer than three years of data',
    },
    // Its monthly series has a withheld month (2017-01) where the other indicator has data, and a gap (2017-02).
    spc: {
      mean: 2,
      lower: 0,
      upper: 6,
      points: [
        { period: '2016-12', value: 7 },
        { period: '2017-01', value: null },
        { period: '2017-02', value: null },
        { period: '2017-03', value: 0 },
      ],
      signals: [],
      variation: 'common_cause',
      assurance: null,
    },
    rag: { status: 'grey', target: null, reason: 'figures suppressed (small numbers)' },
    harm: null,
    suppressed: true,
    revision: 'provisional',
    notes: ['suppressed: fewer than 5 — not shown to protect the people counted'],
  });
}

/** No data for the period: figures null but not suppressed. */
export function missingIndicator(): IndicatorResult {
  return fullIndicator({
    id: 'treatment.completions',
    label: 'Successful completions of treatment',
    group: 'treatment',
    count: null,
    denominator: null,
    value: null,
    unit: '% of people in treatment',
    ci95: null,
    ciMethod: null,
    polarity: 'higher-is-better',
    national: null,
    comparison: 'not-compared',
    peers: null,
    force: null,
    previous: null,
    change: null,
    trend: null,
    spc: null,
    rag: { status: 'grey', target: null, reason: 'no data for the period' },
    harm: null,
    revision: 'revised',
  });
}

const header: Pick<Assessment, 'schemaVersion' | 'generator' | 'partnership' | 'area' | 'dataAsAt' | 'warnings'> = {
  schemaVersion: SCHEMA_VERSION,
  generator: { name: 'swp', version: '0.1.0' },
  partnership: { name: 'Castlebridge Community Safety Partnership', shortName: 'Castlebridge CSP' },
  area: { name: 'Castlebridge', code: 'E08099001' },
  dataAsAt: '2017-06-30',
  warnings: ['volume: counts are turned into rates with the resident population 263,167'],
};

export function smallAssessment(): Assessment {
  return {
    kind: 'strategic-assessment',
    ...header,
    period: FY,
    indicators: [fullIndicator(), suppressedIndicator(), missingIndicator()],
    priorities: [
      {
        id: 'violence',
        label: 'Violence Prevention',
        score: 0.8201649458574667,
        rank: 1,
        rankRange: [1, 2],
        components: [
          { criterion: 'volume', raw: 26.13929558037292, scaled: 0.8661546210022665, weight: 0.14285714285714285, contribution: 0.12373637442889521 },
          { criterion: 'public-concern', raw: '4 — workshop, 19 January 2017', scaled: 0.75, weight: 0.5, contribution: 0.375 },
          { criterion: 'harm', raw: null, scaled: null, weight: 0.35714285714285715, contribution: 0 },
        ],
      },
    ],
  };
}

export function smallReport(): Report {
  const q = { start: '2016-10-01', end: '2016-12-31', label: '2016/17 Q3 (October to December 2016)' };
  const ytd = { start: '2016-04-01', end: '2016-12-31', label: '2016/17 year to date (April to December 2016)' };
  return {
    kind: 'performance-report',
    ...header,
    dataAsAt: '2017-01-31',
    period: q,
    quarter: '2016/17-Q3',
    yearToDate: ytd,
    indicators: [fullIndicator({ period: ytd, trend: null }), { ...suppressedIndicator(), trend: null }, missingIndicator()],
    rows: [
      {
        id: 'recorded-crime.all',
        quarter: { count: 5691, value: 21.625051773208646, status: 'ok' },
        yearToDate: { count: 16854, value: 64.04298411274969, status: 'ok' },
        lastYearQuarter: { count: 5348, value: 20.442331067909212, status: 'ok' },
        lastYearToDate: { count: 16388, value: 62.64190754317429, status: 'ok' },
      },
      {
        id: 'hidden.forced-marriage',
        quarter: { count: null, value: null, status: 'suppressed' },
        yearToDate: { count: 9, value: 9, status: 'ok' },
        lastYearQuarter: { count: null, value: null, status: 'suppressed' },
        lastYearToDate: { count: 0, value: 0, status: 'ok' },
      },
      {
        id: 'treatment.completions',
        quarter: { count: null, value: null, status: 'missing' },
        yearToDate: { count: null, value: null, status: 'missing' },
        lastYearQuarter: { count: null, value: null, status: 'missing' },
        lastYearToDate: { count: null, value: null, status: 'missing' },
      },
    ],
    exceptions: [{ id: 'recorded-crime.all', reason: 'special-cause concern in 2016-10 (shift), with a comma' }],
  };
}
