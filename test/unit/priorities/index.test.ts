import { describe, expect, it } from 'vitest';

import { prioritySchema } from '../../../src/model/contract.js';
import { formatCsv, formatTable, scorePriorities } from '../../../src/priorities/index.js';
import { change, DEMO_WEIGHTS, harm, indicator, score, trend } from './helpers.js';

/**
 * Real-shaped indicators, as buildAssessment writes them (after disclosure control), for an area of 200,000
 * residents.
 */
const INDICATORS = [
  indicator({
    id: 'recorded-crime.violence-and-sexual-offences',
    label: 'Violence and sexual offences',
    count: 5000,
    denominator: 200_000,
    value: 25,
    comparison: 'worse',
    trend: trend('increasing', 1e-6),
    change: change('increase', 0.001),
    harm: harm(4000),
  }),
  indicator({
    id: 'recorded-crime.possession-of-weapons',
    label: 'Possession of weapons offences',
    count: 200,
    denominator: 200_000,
    value: 1,
    comparison: 'similar',
    trend: trend('no-significant-change', 0.3),
    change: change('increase', 0.002), // ignored: the long-term trend is used when there is one
    harm: harm(100),
  }),
  indicator({
    id: 'anti-social-behaviour',
    label: 'Anti-social behaviour',
    group: 'anti-social-behaviour',
    count: 8000,
    denominator: 200_000,
    value: 40,
    comparison: 'better',
    trend: trend('cannot-be-calculated'),
    change: change('decrease', 0.001), // used: no long-term trend
  }),
  indicator({
    id: 'reoffending.adult',
    label: 'Adult proven reoffending',
    group: 'reoffending',
    count: 600,
    denominator: 2000,
    value: 30,
    unit: '% of the cohort reoffending',
    comparison: 'similar',
    trend: trend('no-significant-change', 0.8),
  }),
  indicator({
    id: 'hidden.domestic-abuse',
    label: 'Domestic abuse incidents reported',
    group: 'hidden-crime',
    polarity: 'no-judgement',
    count: 3000,
    denominator: 200_000,
    value: 3000,
    unit: 'reports',
    comparison: 'higher',
    trend: trend('increasing', 1e-9),
  }),
  indicator({
    id: 'hidden.fgm',
    label: 'Female genital mutilation cases',
    group: 'hidden-crime',
    polarity: 'no-judgement',
    unit: 'reports',
    denominator: 200_000,
    suppressed: true, // count and value null, comparison not-compared, change null; the trend survives disclosure
    comparison: 'not-compared',
    trend: trend('no-significant-change', 0.5),
  }),
];

const CONFIG = {
  priorities: {
    candidates: [
      { id: 'violence', label: 'Violence Prevention', indicators: ['recorded-crime.violence-and-sexual-offences', 'recorded-crime.possession-of-weapons'] },
      { id: 'asb', label: 'Anti-social behaviour', indicators: ['anti-social-behaviour'] },
      { id: 'reoffending', label: 'Reducing Reoffending', indicators: ['reoffending.adult', 'reoffending.youth'] },
      { id: 'victimisation', label: 'Reducing Victimisation', indicators: ['hidden.domestic-abuse', 'hidden.fgm'] },
      { id: 'shoplifting', label: 'Shoplifting', indicators: ['recorded-crime.shoplifting'] },
      { id: 'hidden-harm', label: 'Hidden harm', indicators: ['hidden.modern-slavery'] },
    ],
    criteria: DEMO_WEIGHTS,
  },
};

const SCORES = [
  score('violence', 'public-concern', 4),
  score('violence', 'vulnerability', 5),
  score('violence', 'capacity-to-influence', 4),
  score('asb', 'public-concern', 5),
  score('asb', 'vulnerability', 3, 'Workshop A'),
  score('asb', 'vulnerability', 4, 'Workshop B'),
  score('asb', 'capacity-to-influence', 4),
  score('reoffending', 'public-concern', 3),
  score('reoffending', 'vulnerability', 4),
  score('reoffending', 'capacity-to-influence', 4),
  score('victimisation', 'public-concern', 3),
  score('victimisation', 'vulnerability', 5),
  // victimisation has no capacity-to-influence score
  score('shoplifting', 'public-concern', 2),
  score('shoplifting', 'vulnerability', 2),
  // hidden-harm has no scores and no indicator data
];

/*
 * Hand-worked. Weights 2, 2, 2, 3, 2, 2, 1 (sum 14). Population 200,000 (the per-1,000-residents denominators).
 *
 * volume (per 1,000 residents; scaled ÷ the largest, 40):
 *   violence 25 + 1 = 26 → 0.65;  asb 40 → 1;  reoffending 600 ÷ 200,000 × 1,000 = 3 → 0.075 (youth: no data);
 *   victimisation 3,000 ÷ 200,000 × 1,000 = 15 → 0.375 (fgm suppressed);  shoplifting, hidden-harm: missing
 * trend: violence mean(1, 0.5) = 0.75;  asb change decrease → improving 0;  reoffending 0.5;
 *   victimisation mean(rising demand 1, no change 0.5) = 0.75
 * national comparison: violence mean(worse 1, similar 0.5) = 0.75;  asb better 0;  reoffending similar 0.5;
 *   victimisation higher 1 (fgm not compared: left out)
 * harm (per 1,000): violence 4,000 + 100 = 4,100 → 1;  the rest: missing
 * people, (s − 1) ÷ 4: violence 0.75, 1, 0.75;  asb 1, mean(3, 4) = 3.5 → 0.625, 0.75;  reoffending 0.5, 0.75, 0.75;
 *   victimisation 0.5, 1, missing;  shoplifting 0.25, 0.25, missing
 *
 * violence      (2×0.65 + 2×0.75 + 2×0.75 + 3×1 + 2×0.75 + 2×1 + 1×0.75) ÷ 14 = 11.55 ÷ 14 = 0.825
 * victimisation (2×0.375 + 2×0.75 + 2×1 + 2×0.5 + 2×1) ÷ 10 = 7.25 ÷ 10 = 0.725            (harm, capacity missing)
 * asb           (2×1 + 2×0 + 2×0 + 2×1 + 2×0.625 + 1×0.75) ÷ 11 = 6 ÷ 11 = 0.5454...        (harm missing)
 * reoffending   (2×0.075 + 2×0.5 + 2×0.5 + 2×0.5 + 2×0.75 + 1×0.75) ÷ 11 = 5.4 ÷ 11 = 0.4909... (harm missing)
 * shoplifting   (2×0.25 + 2×0.25) ÷ 4 = 0.25                       (10 of 14 missing: 71% > half → flagged)
 * hidden-harm   nothing to score → score 0, last, flagged
 */
describe('scorePriorities on real-shaped indicators', () => {
  const result = scorePriorities(INDICATORS, CONFIG, SCORES, { draws: 200 });
  const byId = new Map(result.candidates.map((c) => [c.id, c]));

  it('scores every candidate as worked by hand', () => {
    expect(result.population).toBe(200_000);
    expect(byId.get('violence')?.score).toBeCloseTo(11.55 / 14, 12);
    expect(byId.get('victimisation')?.score).toBeCloseTo(7.25 / 10, 12);
    expect(byId.get('asb')?.score).toBeCloseTo(6 / 11, 12);
    expect(byId.get('reoffending')?.score).toBeCloseTo(5.4 / 11, 12);
    expect(byId.get('shoplifting')?.score).toBeCloseTo(0.25, 12);
    expect(byId.get('hidden-harm')).toMatchObject({ score: 0, scored: false, flagged: true });
  });

  it('shows every criterion’s raw value and scaled value', () => {
    const v = byId.get('violence');
    const row = (id: string, c: string) => byId.get(id)?.components.find((x) => x.criterion === c);
    expect(row('violence', 'volume')).toMatchObject({ raw: 26, scaled: 0.65 });
    expect(row('violence', 'harm')).toMatchObject({ raw: 4100, scaled: 1 });
    expect(row('violence', 'trend')?.scaled).toBe(0.75);
    expect(row('violence', 'trend')?.raw).toBe(
      'Violence and sexual offences: increasing, p<0.001 (deteriorating); Possession of weapons offences: no significant trend, p=0.300 (no significant change)',
    );
    expect(row('violence', 'public-concern')?.raw).toBe('4 — CSP workshop 2017-01-19');
    expect(row('reoffending', 'volume')).toMatchObject({ raw: 3, scaled: 0.075 });
    expect(row('reoffending', 'volume')?.detail).toContain('not included: reoffending.youth: no data');
    expect(row('victimisation', 'volume')).toMatchObject({ raw: 15, scaled: 0.375 });
    expect(row('victimisation', 'volume')?.detail).toContain('Female genital mutilation cases: suppressed');
    expect(row('victimisation', 'national-comparison')?.scaled).toBe(1);
    expect(row('asb', 'trend')?.scaled).toBe(0);
    expect(row('asb', 'vulnerability')?.scaled).toBe(0.625);
    expect(v?.components.every((x) => !x.missing)).toBe(true);
  });

  it('ranks by score and flags candidates with more than half their weight missing', () => {
    expect(result.priorities.map((p) => [p.id, p.rank])).toEqual([
      ['violence', 1],
      ['victimisation', 2],
      ['asb', 3],
      ['reoffending', 4],
      ['shoplifting', 5],
      ['hidden-harm', 6],
    ]);
    expect(byId.get('shoplifting')?.missingWeight).toBeCloseTo(10 / 14, 12);
    expect(byId.get('shoplifting')?.flagged).toBe(true);
    expect(byId.get('victimisation')?.missingWeight).toBeCloseTo(4 / 14, 12);
    expect(byId.get('victimisation')?.flagged).toBe(false);
    expect(result.notes.join('\n')).toContain('Shoplifting (shoplifting): volume, trend, national-comparison, harm and capacity-to-influence have no data (71% of the weight)');
    expect(result.notes.join('\n')).toContain('Hidden harm (hidden-harm): no data for any weighted criterion');
  });

  it('missing criteria show as missing, with weight and contribution 0, never a scaled 0', () => {
    for (const c of result.candidates) {
      for (const x of c.components) {
        if (x.missing) expect(x).toMatchObject({ raw: null, scaled: null, weight: 0, contribution: 0 });
        else expect(x.scaled).not.toBeNull();
      }
    }
  });

  it('contributions sum to the score exactly', () => {
    for (const p of result.priorities) expect(p.components.reduce((a, x) => a + x.contribution, 0)).toBe(p.score);
  });

  it('writes the contract shape and nothing more', () => {
    expect(prioritySchema.array().parse(result.priorities)).toEqual(result.priorities);
    for (const p of result.priorities) {
      expect(Object.keys(p).sort()).toEqual(['components', 'id', 'label', 'rank', 'rankRange', 'score']);
      for (const x of p.components) expect(Object.keys(x).sort()).toEqual(['contribution', 'criterion', 'raw', 'scaled', 'weight']);
      expect(p.rankRange[0]).toBeLessThanOrEqual(p.rank);
      expect(p.rankRange[1]).toBeGreaterThanOrEqual(p.rank);
    }
    // JSON round trip: no NaN or Infinity anywhere
    expect(JSON.parse(JSON.stringify(result.priorities))).toEqual(result.priorities);
  });

  it('is deterministic', () => {
    expect(scorePriorities(INDICATORS, CONFIG, SCORES, { draws: 200 })).toEqual(result);
  });

  it('the "missing" rule for no-judgement indicators leaves their trend and comparison out', () => {
    const r = scorePriorities(INDICATORS, CONFIG, SCORES, { draws: 0, noJudgement: 'missing' });
    const v = r.candidates.find((c) => c.id === 'victimisation');
    // trend: domestic abuse left out, fgm no significant change 0.5; comparison: both left out → missing
    expect(v?.components.find((x) => x.criterion === 'trend')?.scaled).toBe(0.5);
    expect(v?.components.find((x) => x.criterion === 'national-comparison')).toMatchObject({ raw: null, scaled: null });
  });

  it('formats a table whose breakdown explains each score', () => {
    const t = formatTable(result);
    expect(t).toContain('   1  Violence Prevention');
    expect(t).toMatch(/1\. Violence Prevention \(violence\): score 0\.825/);
    expect(t).toMatch(/volume\s+0\.650\s+0\.143\s+0\.093\s+per 1,000 residents: Violence and sexual offences 25\.00 \+ Possession of weapons offences 1\.00 = 26\.00; scaled 26\.00 ÷ 40\.00 = 0\.650/);
    expect(t).toMatch(/harm\s+missing\s+0\.000\s+0\.000\s+missing: Anti-social behaviour: no harm index/);
    expect(t).toContain('(!) more than half the weight has no data');
    expect(t).toContain('Sensitivity: ');
  });

  it('formats CSV with one row per candidate × criterion', () => {
    const lines = formatCsv(result).trimEnd().split('\n');
    expect(lines[0]).toBe('rank,id,label,score,rank_best,rank_worst,criterion,raw,scaled,weight,nominal_weight,contribution,missing,detail');
    expect(lines).toHaveLength(1 + 6 * 7);
    expect(lines[1]).toMatch(/^1,violence,Violence Prevention,0\.82\d*,1,\d,volume,26,0\.65,0\.142857\d*,0\.142857\d*,0\.0928\d*,false,/);
    expect(lines.find((l) => l.includes(',public-concern,') && l.startsWith('1,'))).toContain(',4 — CSP workshop 2017-01-19,');
  });

  it('reports no priorities when there are no candidates or no criteria', () => {
    const none = scorePriorities(INDICATORS, { priorities: { candidates: [], criteria: DEMO_WEIGHTS } }, SCORES);
    expect(none.priorities).toEqual([]);
    expect(none.statement).toContain('priorities.candidates is empty');
    expect(formatTable(none)).toContain('priorities.candidates is empty');
  });
});

/*
 * The worked example of METHOD.md, from the indicators. Weights volume 2, trend 2, national-comparison 2, harm 3,
 * public-concern 1 (sum 10 → 0.2, 0.2, 0.2, 0.3, 0.1).
 *   violence: 25 per 1,000 → 25 ÷ 40 = 0.625; increasing → 1; similar → 0.5; harm 4,000 → 1; concern 5 → 1
 *     0.2×0.625 + 0.2×1 + 0.2×0.5 + 0.3×1 + 0.1×1 = 0.125 + 0.2 + 0.1 + 0.3 + 0.1 = 0.825
 *   asb: 40 → 1; decreasing → 0; worse → 1; harm missing; concern 4 → 0.75; weights over 0.7 = 2/7, 2/7, 2/7, 1/7
 *     (2×1 + 2×0 + 2×1 + 1×0.75) ÷ 7 = 4.75 ÷ 7 = 0.679
 *   burglary: 5 → 0.125; no significant trend → 0.5; better → 0; harm 1,000 → 0.25; concern 3 → 0.5
 *     0.2×0.125 + 0.2×0.5 + 0.2×0 + 0.3×0.25 + 0.1×0.5 = 0.025 + 0.1 + 0 + 0.075 + 0.05 = 0.25
 */
describe('the worked example of METHOD.md', () => {
  const inds = [
    indicator({ id: 'vso', label: 'Violence and sexual offences', count: 5000, denominator: 200_000, value: 25, comparison: 'similar', trend: trend('increasing', 1e-4), harm: harm(4000) }),
    indicator({ id: 'asb', label: 'Anti-social behaviour', count: 8000, denominator: 200_000, value: 40, comparison: 'worse', trend: trend('decreasing', 1e-4) }),
    indicator({ id: 'burglary', label: 'Burglary', count: 1000, denominator: 200_000, value: 5, comparison: 'better', trend: trend('no-significant-change', 0.4), harm: harm(1000) }),
  ];
  const config = {
    priorities: {
      candidates: [
        { id: 'violence', label: 'Violence', indicators: ['vso'] },
        { id: 'asb', label: 'Anti-social behaviour', indicators: ['asb'] },
        { id: 'burglary', label: 'Burglary', indicators: ['burglary'] },
      ],
      criteria: [
        { id: 'volume' as const, weight: 2 },
        { id: 'trend' as const, weight: 2 },
        { id: 'national-comparison' as const, weight: 2 },
        { id: 'harm' as const, weight: 3 },
        { id: 'public-concern' as const, weight: 1 },
      ],
    },
  };
  const r = scorePriorities(inds, config, [score('violence', 'public-concern', 5), score('asb', 'public-concern', 4), score('burglary', 'public-concern', 3)]);

  it('gives 0.825, 0.679 and 0.25', () => {
    expect(r.priorities.map((p) => [p.id, p.rank])).toEqual([
      ['violence', 1],
      ['asb', 2],
      ['burglary', 3],
    ]);
    expect(r.priorities.map((p) => p.score)).toEqual([expect.closeTo(0.825, 12), expect.closeTo(4.75 / 7, 12), expect.closeTo(0.25, 12)]);
    expect(r.priorities[1]?.components.map((c) => c.weight)).toEqual([2 / 7, 2 / 7, 2 / 7, 0, 1 / 7]);
    expect(r.statement).toMatch(/^With three candidates, every one is in the top three\. Their order is the same in all 1,011 weightings tried\./);
  });
});
