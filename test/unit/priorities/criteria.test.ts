import { describe, expect, it } from 'vitest';

import {
  comparisonScale,
  evaluateCriteria,
  formatNumber,
  harmPerThousand,
  residentPopulation,
  trendScale,
  volumePerThousand,
  workshopScale,
} from '../../../src/priorities/criteria.js';
import { change, harm, indicator, score, trend } from './helpers.js';

describe('trend: significant deterioration 1, no significant change 0.5, significant improvement 0', () => {
  it('respects polarity', () => {
    const up = trend('increasing', 0.001);
    const down = trend('decreasing', 0.001);
    expect(trendScale(indicator({ id: 'a', polarity: 'lower-is-better', trend: up })).scaled).toBe(1);
    expect(trendScale(indicator({ id: 'a', polarity: 'lower-is-better', trend: down })).scaled).toBe(0);
    expect(trendScale(indicator({ id: 'a', polarity: 'higher-is-better', trend: up })).scaled).toBe(0);
    expect(trendScale(indicator({ id: 'a', polarity: 'higher-is-better', trend: down })).scaled).toBe(1);
    for (const polarity of ['lower-is-better', 'higher-is-better', 'no-judgement'] as const) {
      expect(trendScale(indicator({ id: 'a', polarity, trend: trend('no-significant-change', 0.4) })).scaled).toBe(0.5);
    }
  });

  it('no-judgement: a rise is rising demand (1) by default, or missing under the "missing" rule', () => {
    const rising = indicator({ id: 'hidden.domestic-abuse', polarity: 'no-judgement', trend: trend('increasing', 0.0001) });
    const r = trendScale(rising);
    expect(r.scaled).toBe(1);
    expect('how' in r && r.how).toContain('rising demand');
    expect(trendScale(indicator({ id: 'x', polarity: 'no-judgement', trend: trend('decreasing') })).scaled).toBe(0);
    expect(trendScale(rising, 'missing').scaled).toBeNull();
  });

  it('uses the long-term trend when it can be calculated, else the year-on-year change, else missing', () => {
    // trend says increasing, change says decrease: the trend wins
    expect(trendScale(indicator({ id: 'a', trend: trend('increasing'), change: change('decrease') })).scaled).toBe(1);
    // trend could not be calculated: the change is used
    const fallback = trendScale(indicator({ id: 'a', trend: trend('cannot-be-calculated'), change: change('decrease', 0.01) }));
    expect(fallback.scaled).toBe(0);
    expect('how' in fallback && fallback.how).toContain('year-on-year');
    // neither: missing, not 0 and not 0.5
    const none = trendScale(indicator({ id: 'a', suppressed: true }));
    expect(none.scaled).toBeNull();
    expect('why' in none && none.why).toContain('suppressed');
  });
});

describe('national comparison: worse 1, similar 0.5, better 0', () => {
  it('maps each comparison', () => {
    expect(comparisonScale(indicator({ id: 'a', comparison: 'worse' })).scaled).toBe(1);
    expect(comparisonScale(indicator({ id: 'a', comparison: 'similar' })).scaled).toBe(0.5);
    expect(comparisonScale(indicator({ id: 'a', comparison: 'better' })).scaled).toBe(0);
    expect(comparisonScale(indicator({ id: 'a', comparison: 'higher', polarity: 'no-judgement' })).scaled).toBe(1);
    expect(comparisonScale(indicator({ id: 'a', comparison: 'lower', polarity: 'no-judgement' })).scaled).toBe(0);
    expect(comparisonScale(indicator({ id: 'a', comparison: 'higher', polarity: 'no-judgement' }), 'missing').scaled).toBeNull();
    expect(comparisonScale(indicator({ id: 'a', comparison: 'not-compared' })).scaled).toBeNull();
  });
});

describe('volume: events per 1,000 residents', () => {
  it('takes a rate per N residents as it is, scaled to per 1,000', () => {
    expect(volumePerThousand(indicator({ id: 'a', value: 25, unit: 'per 1,000 residents' }), null).value).toBe(25);
    // 2,500 per 100,000 = 2,500 × 1,000 ÷ 100,000 = 25 per 1,000
    expect(volumePerThousand(indicator({ id: 'a', value: 2500, unit: 'per 100,000 residents' }), null).value).toBe(25);
  });

  it('turns other counts into a rate with the resident population', () => {
    // 617 reoffenders ÷ 263,167 residents × 1,000 = 2.3445...
    const v = volumePerThousand(indicator({ id: 'reoffending.adult', count: 617, denominator: 2049, value: 30.1, unit: '% of the cohort reoffending' }), 263_167);
    expect(v.value).toBeCloseTo((617 / 263_167) * 1000, 12);
    // without a population it is missing, never 0
    expect(volumePerThousand(indicator({ id: 'r', count: 617, unit: '%' }), null).value).toBeNull();
    expect(volumePerThousand(indicator({ id: 'r', suppressed: true, unit: 'reports' }), 263_167).value).toBeNull();
  });

  it('finds the resident population as the most common denominator of the per-1,000-residents indicators', () => {
    const inds = [
      indicator({ id: 'a', denominator: 263_167 }),
      indicator({ id: 'b', denominator: 263_167 }),
      indicator({ id: 'c', denominator: 2049, unit: '% of the cohort reoffending' }),
      indicator({ id: 'd', denominator: 100 }),
    ];
    expect(residentPopulation(inds)).toBe(263_167);
    expect(residentPopulation([indicator({ id: 'c', denominator: 2049, unit: '%' })])).toBeNull();
  });
});

describe('harm and workshop scores', () => {
  it('harm is the harm index per 1,000 residents, missing for indicators without one', () => {
    expect(harmPerThousand(indicator({ id: 'a', harm: harm(4959.2) })).value).toBe(4959.2);
    expect(harmPerThousand(indicator({ id: 'anti-social-behaviour' })).value).toBeNull();
  });

  it('maps a workshop score 1–5 to (s − 1) ÷ 4', () => {
    expect([1, 2, 3, 4, 5, 3.5].map(workshopScale)).toEqual([0, 0.25, 0.5, 0.75, 1, 0.625]);
  });

  it('averages several scorers and cites every source in the raw value', () => {
    const m = evaluateCriteria(
      [{ id: 'asb', label: 'ASB', indicators: ['anti-social-behaviour'] }],
      [],
      [score('asb', 'vulnerability', 3, 'Workshop A'), score('asb', 'vulnerability', 4, 'Workshop B'), score('other', 'vulnerability', 5)],
    );
    const v = m.values.get('asb')?.vulnerability;
    // mean (3 + 4) ÷ 2 = 3.5 → (3.5 − 1) ÷ 4 = 0.625
    expect(v?.scaled).toBe(0.625);
    expect(v?.raw).toBe('3.50 (mean of 3, 4) — Workshop A; Workshop B');
    expect(m.values.get('asb')?.['capacity-to-influence']).toMatchObject({ raw: null, scaled: null });
    expect(m.notes.join('\n')).toContain('"other"');
  });
});

describe('volume and harm across candidates: a proportion of the largest', () => {
  it('adds a candidate’s indicators (same unit) and divides by the largest candidate’s figure', () => {
    const inds = [
      indicator({ id: 'vso', label: 'Violence', count: 5000, denominator: 200_000, value: 25, harm: harm(4000) }),
      indicator({ id: 'weapons', label: 'Weapons', count: 200, denominator: 200_000, value: 1, harm: harm(100) }),
      indicator({ id: 'asb', label: 'ASB', count: 8000, denominator: 200_000, value: 40 }),
    ];
    const m = evaluateCriteria(
      [
        { id: 'violence', label: 'Violence', indicators: ['vso', 'weapons'] },
        { id: 'asb', label: 'ASB', indicators: ['asb'] },
      ],
      inds,
      [],
    );
    // violence 25 + 1 = 26; asb 40 (the largest): 26 ÷ 40 = 0.65, 40 ÷ 40 = 1
    expect(m.values.get('violence')?.volume).toMatchObject({ raw: 26, scaled: 0.65 });
    expect(m.values.get('asb')?.volume).toMatchObject({ raw: 40, scaled: 1 });
    // harm 4,000 + 100 = 4,100, the only (so the largest) → 1; ASB has none: missing, not 0
    expect(m.values.get('violence')?.harm).toMatchObject({ raw: 4100, scaled: 1 });
    expect(m.values.get('asb')?.harm).toMatchObject({ raw: null, scaled: null });
    expect(m.values.get('asb')?.harm.detail).toMatch(/^missing: ASB: no harm index/);
  });
});

describe('formatNumber', () => {
  it('groups thousands without a locale', () => {
    expect(formatNumber(1234567.891, 2)).toBe('1,234,567.89');
    expect(formatNumber(263167, 0)).toBe('263,167');
    expect(formatNumber(-0.0001, 2)).toBe('0.00');
  });
});
