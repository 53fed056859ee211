/** Hand-built, real-shaped inputs for the priority-scoring tests. */
import type { Config } from '../../../src/model/config.js';
import type { IndicatorResult } from '../../../src/model/contract.js';
import type { ScoreRow } from '../../../src/ingest/formats/workspace-tables.js';

const FY = { start: '2016-04-01', end: '2017-03-31', label: '2016/17' };

/** An IndicatorResult with every field of the contract, as buildAssessment produces it; override what matters. */
export function indicator(over: Partial<IndicatorResult> & { id: string }): IndicatorResult {
  return {
    label: over.id,
    group: 'recorded-crime',
    period: FY,
    count: null,
    denominator: null,
    value: null,
    unit: 'per 1,000 residents',
    ci95: null,
    ciMethod: null,
    polarity: 'lower-is-better',
    national: null,
    comparison: 'not-compared',
    peers: null,
    previous: null,
    change: null,
    trend: null,
    spc: null,
    rag: { status: 'grey', target: null, reason: 'no target' },
    harm: null,
    suppressed: false,
    revision: null,
    seriesBreak: null,
    finding: '',
    notes: [],
    ...over,
  };
}

export function trend(direction: NonNullable<IndicatorResult['trend']>['direction'], pValue: number | null = null): IndicatorResult['trend'] {
  return { points: [], direction, pValue, method: 'chi-squared score test for linear trend in Poisson rates (Breslow and Day 1987)' };
}

export function change(direction: NonNullable<IndicatorResult['change']>['direction'], pValue: number | null = null): IndicatorResult['change'] {
  return { percent: null, pValue, direction, method: 'exact test of two Poisson counts' };
}

export function harm(perThousand: number): IndicatorResult['harm'] {
  return { score: null, perThousand, shareOfHarm: null, shareOfVolume: null };
}

export function score(candidate: string, criterion: ScoreRow['criterion'], value: number, citation = 'CSP workshop 2017-01-19'): ScoreRow {
  return { candidate, criterion, score: value, citation, source: { file: 'scores.csv', line: 2 } };
}

type Criteria = Config['priorities']['criteria'];

/** The demo's weights: volume 2, trend 2, national-comparison 2, harm 3, public-concern 2, vulnerability 2, capacity 1 (sum 14). */
export const DEMO_WEIGHTS: Criteria = [
  { id: 'volume', weight: 2 },
  { id: 'trend', weight: 2 },
  { id: 'national-comparison', weight: 2 },
  { id: 'harm', weight: 3 },
  { id: 'public-concern', weight: 2 },
  { id: 'vulnerability', weight: 2 },
  { id: 'capacity-to-influence', weight: 1 },
];
