import { describe, expect, it } from 'vitest';

import {
  applyPolarity,
  compareWithBenchmark,
  compareWithPeers,
  type Polarity,
} from '../../../../src/analysis/stats/index.js';
import { expectClose, expectStatsInputError } from './helpers.js';

/*
 * The benchmark rule is Fingertips' confidence-interval overlap method (fingertips-open SingleOverlappingCIsComparer):
 * the benchmark inside [lower, upper], limits included → similar; interval wholly above → higher; wholly below → lower.
 * The expectations here follow from that rule by inspection; no arithmetic is involved.
 */
const above = { value: 60, lower: 55, upper: 65 }; // wholly above a benchmark of 50
const below = { value: 40, lower: 35, upper: 45 }; // wholly below 50
const across = { value: 52, lower: 47, upper: 57 }; // contains 50

describe('compareWithBenchmark', () => {
  it.each<[string, Polarity, typeof above, string, string]>([
    ['above, lower is better', 'lower-is-better', above, 'higher', 'worse'],
    ['below, lower is better', 'lower-is-better', below, 'lower', 'better'],
    ['across, lower is better', 'lower-is-better', across, 'similar', 'similar'],
    ['above, higher is better', 'higher-is-better', above, 'higher', 'better'],
    ['below, higher is better', 'higher-is-better', below, 'lower', 'worse'],
    ['across, higher is better', 'higher-is-better', across, 'similar', 'similar'],
    ['above, no judgement', 'no-judgement', above, 'higher', 'higher'],
    ['below, no judgement', 'no-judgement', below, 'lower', 'lower'],
    ['across, no judgement', 'no-judgement', across, 'similar', 'similar'],
  ])('%s', (_name, polarity, local, significance, outcome) => {
    expect(compareWithBenchmark(local, 50, polarity)).toEqual({ significance, outcome });
  });

  it('a limit equal to the benchmark counts as overlapping (Fingertips: lower ≤ benchmark ≤ upper is "same")', () => {
    expect(compareWithBenchmark({ value: 55, lower: 50, upper: 60 }, 50, 'higher-is-better').significance).toBe('similar');
    expect(compareWithBenchmark({ value: 45, lower: 40, upper: 50 }, 50, 'higher-is-better').significance).toBe('similar');
    expect(compareWithBenchmark({ value: 55, lower: 50.000001, upper: 60 }, 50, 'higher-is-better').outcome).toBe('better');
  });

  it('a zero-width interval (exact value) is compared by its value', () => {
    expect(compareWithBenchmark({ value: 51, lower: 51, upper: 51 }, 50, 'lower-is-better').outcome).toBe('worse');
    expect(compareWithBenchmark({ value: 50, lower: 50, upper: 50 }, 50, 'lower-is-better').outcome).toBe('similar');
  });

  it.each<[string, Parameters<typeof compareWithBenchmark>[0], number | null | undefined]>([
    ['local null', null, 50],
    ['local undefined', undefined, 50],
    ['benchmark null', above, null],
    ['benchmark undefined', above, undefined],
    ['benchmark NaN', above, Number.NaN],
    ['local value NaN (suppressed)', { value: Number.NaN, lower: Number.NaN, upper: Number.NaN }, 50],
    ['local limit missing', { value: 60, lower: Number.NaN, upper: 65 }, 50],
  ])('not-compared when %s', (_name, local, benchmark) => {
    for (const polarity of ['lower-is-better', 'higher-is-better', 'no-judgement'] as const) {
      expect(compareWithBenchmark(local, benchmark, polarity)).toEqual({
        significance: 'not-compared',
        outcome: 'not-compared',
      });
    }
  });

  it('throws on an inverted interval or an unknown polarity', () => {
    expectStatsInputError(() => compareWithBenchmark({ value: 5, lower: 6, upper: 4 }, 5, 'no-judgement'), 'local.lower');
    expectStatsInputError(() => compareWithBenchmark(above, 50, 'up' as Polarity), 'polarity');
  });

  it('applyPolarity maps every significance', () => {
    expect(applyPolarity('higher', 'lower-is-better')).toBe('worse');
    expect(applyPolarity('lower', 'lower-is-better')).toBe('better');
    expect(applyPolarity('higher', 'higher-is-better')).toBe('better');
    expect(applyPolarity('lower', 'higher-is-better')).toBe('worse');
    expect(applyPolarity('higher', 'no-judgement')).toBe('higher');
    expect(applyPolarity('lower', 'no-judgement')).toBe('lower');
    expect(applyPolarity('similar', 'lower-is-better')).toBe('similar');
    expect(applyPolarity('not-compared', 'higher-is-better')).toBe('not-compared');
  });
});

describe('compareWithPeers', () => {
  it('average and rank (1 = highest)', () => {
    const r = compareWithPeers(52.3, [48.1, 61.0, 52.3, 70.2, 39.9, 55.5]);
    // R: v <- c(52.3, 48.1, 61.0, 52.3, 70.2, 39.9, 55.5); rank(-v, ties.method="min")[1]  -> 4
    expect(r.rank).toBe(4);
    expect(r.of).toBe(7);
    expect(r.tiedWith).toBe(1);
    // R: mean(v[-1])  -> 54.5
    expectClose(r.peerAverage, 54.5, 1e-14);
    // R: mean(v)  -> 54.185714285714283
    expectClose(r.groupAverage, 54.185714285714283, 1e-14);
    expect(r.peersExcluded).toBe(0);
  });

  it('highest value ranks 1', () => {
    const r = compareWithPeers(12.5, [3.1, 4.2]);
    // R: v <- c(12.5, 3.1, 4.2); rank(-v, ties.method="min")[1]  -> 1 ; mean(v[-1]) -> 3.6500000000000004
    expect(r.rank).toBe(1);
    expectClose(r.peerAverage, 3.6500000000000004, 1e-14);
    // R: mean(v)  -> 6.5999999999999996
    expectClose(r.groupAverage, 6.5999999999999996, 1e-14);
  });

  it('ties share the best rank they cover ("min" / competition ranking)', () => {
    const r = compareWithPeers(1.1, [1.1, 1.1, 2.0]);
    // R: v <- c(1.1, 1.1, 1.1, 2.0); rank(-v, ties.method="min")[1]  -> 2
    expect(r.rank).toBe(2);
    expect(r.tiedWith).toBe(2);
    // R: mean(v[-1])  -> 1.4000000000000001 ; mean(v) -> 1.3250000000000002
    expectClose(r.peerAverage, 1.4000000000000001, 1e-14);
    expectClose(r.groupAverage, 1.3250000000000002, 1e-14);
  });

  it('missing peer values are left out and counted', () => {
    const r = compareWithPeers(20.25, [30, null, 25, Number.NaN, 20.25, undefined, 40, Number.POSITIVE_INFINITY]);
    // R: v <- c(20.25, 30, 25, 20.25, 40); rank(-v, ties.method="min")[1]  -> 4
    expect(r.rank).toBe(4);
    expect(r.of).toBe(5);
    expect(r.peersExcluded).toBe(4);
    // R: mean(v[-1])  -> 28.8125 ; mean(v) -> 27.100000000000001
    expectClose(r.peerAverage, 28.8125, 1e-14);
    expectClose(r.groupAverage, 27.100000000000001, 1e-14);
  });

  it('no peers: rank 1 of 1, peer average null', () => {
    expect(compareWithPeers(5, [])).toEqual({
      peerAverage: null,
      groupAverage: 5,
      rank: 1,
      of: 1,
      tiedWith: 0,
      peersExcluded: 0,
    });
  });

  it('our value must be finite', () => {
    expectStatsInputError(() => compareWithPeers(Number.NaN, [1, 2]), 'ours');
  });
});
