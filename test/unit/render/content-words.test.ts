/**
 * The words of issue 12, one rule each: ranks as ordinals, a trend only from the Methods' minimum of years, offence
 * types found by police activity without better/worse, count intervals in whole numbers, proportions in percentage
 * points, "No target" and the target printed, one target function, and the priorities story.
 */
import { describe, expect, it } from 'vitest';

import { finding, MIN_TREND_YEARS, ordinal, rankWords } from '../../../src/analysis/findings.js';
import { ragCounts, targetStatus } from '../../../src/analysis/targets.js';
import * as fmt from '../../../src/render/format.js';
import { ragWord, targetText } from '../../../src/render/words.js';
import { METHODS } from '../../../src/render/reference-text.js';
import { prioritiesStory } from '../../../src/render/priorities-story.js';
import type { Config } from '../../../src/model/config.js';
import type { Assessment } from '../../../src/model/contract.js';
import { indicator } from './charts/fixtures.js';

const period = (y: number) => ({ start: `${y}-04-01`, end: `${y + 1}-03-31`, label: `${y}/${String((y + 1) % 100).padStart(2, '0')}` });

describe('ranks read as words', () => {
  it('writes ordinals, including the teens', () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111].map(ordinal)).toEqual(['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd', '23rd', '101st', '111th']);
  });
  it('says "under every weighting tried" when the rank never moves, else the range', () => {
    expect(rankWords(1, [1, 1])).toBe('ranked 1st under every weighting tried');
    expect(rankWords(2, [1, 3])).toBe('ranked 2nd (between 1st and 3rd as the weights vary)');
  });
});

describe('a long-term trend is stated only from the Methods’ minimum of years', () => {
  const withYears = (counts: (number | null)[]) =>
    indicator({
      trend: { points: counts.map((c, k) => ({ period: period(2013 + k), count: c, value: c === null ? null : c / 100 })), direction: 'increasing', pValue: 0.001, method: 'test' },
    });
  it('uses the same minimum as the Methods text', () => {
    expect(MIN_TREND_YEARS).toBe(3);
    expect(METHODS.find((m) => m.name === 'Long-term trend')?.text).toContain('Fewer than three years with figures: no trend is given');
  });
  it('gives no trend from two years with figures, even when the data carry a direction', () => {
    expect(finding(withYears([null, 5000, 5600]))).not.toMatch(/long-term trend/);
    expect(finding(withYears([4800, 5000, 5600]))).toMatch(/Since 2013\/14 the long-term trend is increasing\./);
    // The first year with a figure starts the trend, not a suppressed one.
    expect(finding(withYears([null, 4800, 5000, 5600]))).toMatch(/Since 2014\/15 the long-term trend is increasing\./);
  });
});

describe('offences found by police activity', () => {
  it('are compared as higher or lower, with the reason, when their polarity is no-judgement', () => {
    const drugs = indicator({ id: 'recorded-crime.drugs', label: 'Drug offences', polarity: 'no-judgement', comparison: 'higher', national: { ...indicator().national!, value: 2.4 }, value: 2.7, ci95: [2.5, 2.9] });
    const text = finding(drugs);
    expect(text).toContain('significantly higher than England and Wales (2.4 per 1,000 residents)');
    expect(text).toContain('found by police activity');
    expect(text).not.toMatch(/(better|worse) than/);
  });
  it('other offences keep better and worse', () => {
    expect(finding(indicator({ comparison: 'worse' }))).toContain('significantly worse than England and Wales');
    expect(finding(indicator({ comparison: 'worse' }))).not.toContain('police activity');
  });
});

describe('units in tables', () => {
  it('prints a count’s interval in whole numbers and a rate’s with one decimal', () => {
    expect(fmt.interval([3911.4, 4161.5], false, 'reports')).toBe('3,911 to 4,162');
    expect(fmt.interval([24.94, 26.15], false, 'per 1,000 residents')).toBe('24.9 to 26.2');
    expect(fmt.interval([3911.4, 4161.5], true, 'reports')).toBe('[c]');
  });
  it('writes a proportion’s change in percentage points and a rate’s as a percentage', () => {
    const adult = { unit: '% of the cohort reoffending', value: 30.1, previous: { period: period(2014), count: 588, value: 28.8 }, change: { percent: 4.5, pValue: 0.37, direction: 'no-significant-change' as const, method: 'x' } };
    expect(fmt.change(adult)).toBe('+1.3 pp');
    expect(fmt.change({ ...adult, value: 28.4 })).toBe('\u22120.4 pp');
    expect(fmt.change({ ...adult, unit: 'per 1,000 residents' })).toBe('+5%');
  });
});

describe('targets', () => {
  const rag = { amberWithinPercent: 5, redBeyondPercent: 5 } as Config['rag'];
  it('one function judges every document: green met, amber within, red beyond', () => {
    expect(targetStatus(21, 22, 'lower-is-better', rag).status).toBe('green');
    expect(targetStatus(22.5, 22, 'lower-is-better', rag).status).toBe('amber');
    expect(targetStatus(25.5, 22, 'lower-is-better', rag).status).toBe('red');
    expect(targetStatus(13, 14, 'higher-is-better', rag).status).toBe('red');
    expect(targetStatus(30.1, 29, 'lower-is-better', rag, '2015/16, the latest available').reason).toContain('(2015/16, the latest available)');
    expect(targetStatus(null, 22, 'lower-is-better', rag)).toEqual({ status: 'grey', target: 22, reason: 'no data for the period' });
  });
  it('writes "No target" and "No data" as words, and prints the target in the unit', () => {
    expect(ragWord({ status: 'grey', target: null, reason: '' })).toBe('No target');
    expect(ragWord({ status: 'grey', target: 29, reason: '' })).toBe('No data');
    expect(targetText({ unit: '% of the cohort reoffending', rag: { status: 'amber', target: 29, reason: '' } })).toBe('target 29.0%');
    expect(targetText({ unit: 'per 1,000 residents', rag: { status: 'red', target: 22, reason: '' } })).toBe('target 22.0');
    expect(targetText({ unit: 'reports', rag: { status: 'grey', target: null, reason: '' } })).toBe('');
  });
  it('counts statuses as a table shows them', () => {
    const r = (status: 'red' | 'amber' | 'green' | 'grey', target: number | null) => ({ rag: { status, target, reason: '' } });
    expect(ragCounts([r('red', 1), r('red', 1), r('amber', 1), r('grey', 1), r('grey', null)])).toEqual({ green: 0, amber: 1, red: 2, noData: 1, noTarget: 1 });
  });
});

describe('the priorities story', () => {
  const scored = (id: string, label: string, rank: number, range: [number, number]): Assessment['priorities'][number] => ({ id, label, score: 1 / rank, rank, rankRange: range, components: [] });
  const config = {
    area: { name: 'Castlebridge' },
    strategicPriorities: [
      { id: 'reducing-reoffending', label: 'Reducing Reoffending', indicators: ['reoffending.adult'] },
      { id: 'violence-prevention', label: 'Violence Prevention', indicators: ['recorded-crime.robbery'] },
    ],
    priorities: {
      candidates: [
        { id: 'violence', label: 'Violence', indicators: ['recorded-crime.robbery'] },
        { id: 'reoffending', label: 'Reoffending', indicators: ['reoffending.adult'] },
        { id: 'asb', label: 'Anti-social behaviour', indicators: ['anti-social-behaviour'] },
        { id: 'drugs', label: 'Drugs', indicators: ['recorded-crime.drugs'] },
      ],
      criteria: [],
    },
  } as unknown as Config;

  it('names each difference and says why the chapters follow the current priorities', () => {
    const story = prioritiesStory(config, { priorities: [scored('violence', 'Violence', 1, [1, 1]), scored('asb', 'Anti-social behaviour', 2, [2, 3]), scored('drugs', 'Drugs', 3, [2, 4]), scored('reoffending', 'Reoffending', 4, [3, 4])] });
    expect(story[0]).toContain('current strategic priorities, set in its plan: Reducing Reoffending and Violence Prevention');
    expect(story).toContain('Reducing Reoffending is a current priority but is ranked 4th (between 3rd and 4th as the weights vary) in the scoring, so it is not among the three recommended. Reducing reoffending remains a statutory duty of the partnership whatever its rank.');
    expect(story.some((s) => s.startsWith('Anti-social behaviour is recommended but is not a current priority'))).toBe(true);
    expect(story.some((s) => s.startsWith('Drugs is recommended'))).toBe(true);
    expect(story.at(-1)).toMatch(/informs the board's choice/);
  });

  it('says the two agree when they do, and nothing without scoring', () => {
    const agree = prioritiesStory(config, { priorities: [scored('violence', 'Violence', 1, [1, 1]), scored('reoffending', 'Reoffending', 2, [2, 2])] });
    expect(agree).toHaveLength(1);
    expect(agree[0]).toMatch(/The two agree\.$/);
    expect(prioritiesStory(config, null)).toEqual([]);
  });
});
