/** Small hand-made contract data for the chart tests (the demo workspace has no priorities scored yet). */
import type { Assessment, IndicatorResult } from '../../../../src/model/contract.js';

type Priority = Assessment['priorities'][number];

const component = (criterion: string, scaled: number | null, weight: number) => ({
  criterion,
  raw: scaled,
  scaled,
  weight,
  contribution: Math.round((scaled ?? 0) * weight * 1000) / 1000,
});

/** Five candidates scored on six criteria (weights sum to 1), deliberately given out of rank order. */
export const PRIORITIES: Priority[] = (
  [
    ['reoffending', 'Reducing reoffending (adult and youth)', [0.6, 0.8, 0.7, 0.5, 0.9, 0.8]],
    ['violence', 'Violence and sexual offences', [0.9, 0.7, 0.4, 1.0, 0.8, 0.7]],
    ['asb', 'Anti-social behaviour', [0.8, 0.3, 0.5, 0.2, 1.0, 0.6]],
    ['hidden', 'Hidden crime: domestic abuse, modern slavery, hate crime', [0.3, 0.6, null, 0.9, 0.5, 0.5]],
    ['shoplifting', 'Shoplifting', [0.7, 0.5, 0.9, 0.1, 0.2, 0.3]],
  ] as [string, string, (number | null)[]][]
)
  .map(([id, label, s]) => {
    const weights = [0.25, 0.15, 0.1, 0.25, 0.15, 0.1];
    const names = ['volume', 'trend', 'vs-england-and-wales', 'harm', 'public-concern', 'partnership-influence'];
    const components = names.map((c, i) => component(c, s[i] ?? null, weights[i] ?? 0));
    const score = Math.round(components.reduce((t, c) => t + c.contribution, 0) * 1000) / 1000;
    return { id, label, score, rank: 0, rankRange: [0, 0] as [number, number], components };
  })
  .sort((a, b) => b.score - a.score)
  .map((p, i) => ({ ...p, rank: i + 1, rankRange: [Math.max(1, i), Math.min(5, i + 2)] as [number, number] }))
  .reverse();

export const CRITERION_LABELS: Record<string, string> = {
  volume: 'Volume',
  trend: 'Trend',
  'vs-england-and-wales': 'Compared with England and Wales',
  harm: 'Harm',
  'public-concern': 'Public concern',
  'partnership-influence': 'Partnership influence',
};

const period = (y: number) => ({ start: `${y}-04-01`, end: `${y + 1}-03-31`, label: `${y}/${String((y + 1) % 100).padStart(2, '0')}` });

/** A minimal indicator with a yearly trend, a national figure and a monthly SPC series. */
export function indicator(over: Partial<IndicatorResult> = {}): IndicatorResult {
  const months = Array.from({ length: 36 }, (_, i) => `${2014 + Math.floor((i + 3) / 12)}-${String(((i + 3) % 12) + 1).padStart(2, '0')}`);
  return {
    id: 'recorded-crime.violence-and-sexual-offences',
    label: 'Violence and sexual offences',
    group: 'recorded-crime',
    period: period(2016),
    count: 6720,
    denominator: 263167,
    value: 25.5,
    unit: 'per 1,000 residents',
    ci95: [24.9, 26.2],
    ciMethod: 'byar',
    polarity: 'lower-is-better',
    national: { areaCode: 'K04000001', label: 'England and Wales', value: 26.8, ci95: [26.79, 26.81], period: period(2016) },
    comparison: 'better',
    peers: null,
    previous: null,
    change: null,
    trend: {
      points: [
        { period: period(2013), count: 5200, value: 19.8 },
        { period: period(2014), count: 5800, value: 22.1 },
        { period: period(2015), count: 6300, value: 24.0 },
        { period: period(2016), count: 6720, value: 25.5 },
      ],
      direction: 'increasing',
      pValue: 0.001,
      method: 'test',
    },
    spc: {
      mean: 520,
      lower: 430,
      upper: 610,
      points: months.map((p, i) => ({ period: p, value: 500 + ((i * 37) % 60) })),
      signals: [],
      variation: 'common_cause',
      assurance: null,
    },
    rag: { status: 'grey', target: null, reason: 'no target set' },
    harm: null,
    suppressed: false,
    revision: null,
    seriesBreak: null,
    finding: '',
    notes: [],
    ...over,
  };
}
