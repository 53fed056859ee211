import { describe, expect, it } from 'vitest';

import {
  binomTestTwoSidedPValue,
  clopperPearson,
  comparePoissonCounts,
} from '../../../../src/analysis/stats/index.js';
import { expectClose, expectStatsInputError } from './helpers.js';

/*
 * Oracle: R 4.2 `poisson.test` and `binom.test` (package stats). R's two-sample poisson.test(c(a, b), c(ta, tb))
 * reports the rate ratio (a/ta)/(b/tb), so to get later/earlier each call puts the LATER period first; its p-value is
 * the same in either order (checked below). Values printed with formatC(v, digits=17). R's estimate Inf (earlier
 * count 0) is our rateRatio null.
 */

interface Row {
  earlier: { count: number; exposure: number };
  later: { count: number; exposure: number };
  confidence: number;
  pValue: number;
  rateRatio: number | null;
  lower: number;
  upper: number;
}

const Inf = Number.POSITIVE_INFINITY;

const ROWS: Row[] = [
    // R: poisson.test(c(23, 11), c(1000, 1000))  (later first: estimate is later/earlier)
    { earlier: { count: 11, exposure: 1000 }, later: { count: 23, exposure: 1000 }, confidence: 0.95, pValue: 0.057612672913819662, rateRatio: 2.0909090909090908, lower: 0.9791582723407235, upper: 4.7509793452567948 },
    // R: poisson.test(c(11, 23), c(1000, 1000))  (later first: estimate is later/earlier)
    { earlier: { count: 23, exposure: 1000 }, later: { count: 11, exposure: 1000 }, confidence: 0.95, pValue: 0.057612672913819662, rateRatio: 0.47826086956521735, lower: 0.21048291885300741, upper: 1.0212853511510998 },
    // R: poisson.test(c(10, 10), c(1000, 1000))  (later first: estimate is later/earlier)
    { earlier: { count: 10, exposure: 1000 }, later: { count: 10, exposure: 1000 }, confidence: 0.95, pValue: 1, rateRatio: 1, lower: 0.37354684669936622, upper: 2.677040400249473 },
    // R: poisson.test(c(14, 7), c(4000, 2000))  (later first: estimate is later/earlier)
    { earlier: { count: 7, exposure: 2000 }, later: { count: 14, exposure: 4000 }, confidence: 0.95, pValue: 1, rateRatio: 1, lower: 0.37769267768216291, upper: 2.9275464783462501 },
    // R: poisson.test(c(500, 5), c(1000, 1000))  (later first: estimate is later/earlier)
    { earlier: { count: 5, exposure: 1000 }, later: { count: 500, exposure: 1000 }, confidence: 0.95, pValue: 5.1746320147422563e-141, rateRatio: 100, lower: 42.566552756741054, upper: 309.32576368363561 },
    // R: poisson.test(c(5, 500), c(1000, 1000))  (later first: estimate is later/earlier)
    { earlier: { count: 500, exposure: 1000 }, later: { count: 5, exposure: 1000 }, confidence: 0.95, pValue: 5.1746320147422563e-141, rateRatio: 0.01, lower: 0.0032328377309778413, upper: 0.023492623556217739 },
    // R: poisson.test(c(150, 120), c(52001, 51234))  (later first: estimate is later/earlier)
    { earlier: { count: 120, exposure: 51234 }, later: { count: 150, exposure: 52001 }, confidence: 0.95, pValue: 0.10016043317002801, rateRatio: 1.2315628545604891, lower: 0.96226818606532127, upper: 1.5790270083060667 },
    // R: poisson.test(c(8, 0), c(1000, 1000))  (later first: estimate is later/earlier)
    { earlier: { count: 0, exposure: 1000 }, later: { count: 8, exposure: 1000 }, confidence: 0.95, pValue: 0.0078125, rateRatio: null, lower: 1.7069705889662699, upper: Inf },
    // R: poisson.test(c(0, 8), c(1200, 1000))  (later first: estimate is later/earlier)
    { earlier: { count: 8, exposure: 1000 }, later: { count: 0, exposure: 1200 }, confidence: 0.95, pValue: 0.0018222944539442716, rateRatio: 0, lower: 0, upper: 0.4881943126143693 },
    // R: poisson.test(c(50517, 48120), c(315500, 312000))  (later first: estimate is later/earlier)
    { earlier: { count: 48120, exposure: 312000 }, later: { count: 50517, exposure: 315500 }, confidence: 0.95, pValue: 4.1521120935445509e-09, rateRatio: 1.0381668649295936, lower: 1.0252656619606806, upper: 1.0512313955946655 },
    // R: poisson.test(c(1416, 1502), c(48246126, 49866388))  (later first: estimate is later/earlier)
    { earlier: { count: 1502, exposure: 49866388 }, later: { count: 1416, exposure: 48246126 }, confidence: 0.95, pValue: 0.49332590093270401, rateRatio: 0.97440338913602897, lower: 0.9055292792037809, upper: 1.0484743345152316 },
    // R: poisson.test(c(45, 30), c(100000, 100000), conf.level=0.998)  (later first: estimate is later/earlier)
    { earlier: { count: 30, exposure: 100000 }, later: { count: 45, exposure: 100000 }, confidence: 0.998, pValue: 0.10534226887460546, rateRatio: 1.5, lower: 0.71217804679827701, upper: 3.2747380404127484 },
];

describe('comparePoissonCounts', () => {
  it.each(ROWS)('$earlier.count/$earlier.exposure → $later.count/$later.exposure', (row) => {
    const r = comparePoissonCounts(row.earlier, row.later, { confidence: row.confidence });
    expectClose(r.pValue, row.pValue, 1e-9);
    if (row.rateRatio === null) expect(r.rateRatio).toBeNull();
    else expectClose(r.rateRatio, row.rateRatio, 1e-12);
    expectClose(r.lower, row.lower, 1e-9);
    expectClose(r.upper, row.upper, 1e-9);
  });

  it('equal counts over equal exposures: p = 1, no significant change, 0% change', () => {
    const r = comparePoissonCounts({ count: 10, exposure: 1000 }, { count: 10, exposure: 1000 });
    // R: poisson.test(c(10, 10), c(1000, 1000))$p.value  -> 1
    expect(r.pValue).toBe(1);
    expect(r.rateRatio).toBe(1);
    expect(r.percentChange).toBe(0);
    expect(r.direction).toBe('no-significant-change');
  });

  it('equal rates with unequal exposures: p = 1', () => {
    // R: poisson.test(c(14, 7), c(4000, 2000))$p.value  -> 1
    const r = comparePoissonCounts({ count: 7, exposure: 2000 }, { count: 14, exposure: 4000 });
    expect(r.pValue).toBe(1);
    expect(r.percentChange).toBe(0);
  });

  it('very different counts: tiny p-value, increase / decrease', () => {
    const up = comparePoissonCounts({ count: 5, exposure: 1000 }, { count: 500, exposure: 1000 });
    // R: poisson.test(c(500, 5), c(1000, 1000))$p.value  -> 5.1746320147422563e-141
    expectClose(up.pValue, 5.1746320147422563e-141, 1e-9);
    expect(up.direction).toBe('increase');
    // ((500/1000)/(5/1000) - 1) * 100 = 9900
    expectClose(up.percentChange, 9900, 1e-12);
    const down = comparePoissonCounts({ count: 500, exposure: 1000 }, { count: 5, exposure: 1000 });
    expect(down.direction).toBe('decrease');
    expectClose(down.percentChange, -99, 1e-12);
  });

  it('percent change is ((x2/t2)/(x1/t1) − 1)·100 with x1 the earlier period', () => {
    const r = comparePoissonCounts({ count: 120, exposure: 51234 }, { count: 150, exposure: 52001 });
    // R: ((150/52001)/(120/51234) - 1)*100  -> 23.156285456048909
    expectClose(r.percentChange, 23.156285456048909, 1e-12);
    // R: poisson.test(c(150, 120), c(52001, 51234))$p.value  -> 0.10016043317002801
    expect(r.direction).toBe('no-significant-change');
  });

  it('outcomes as likely as the observed one count in full (R relErr): p = 1', () => {
    // R: poisson.test(c(1, 6), c(1, 3))$p.value  -> 1   (later = 1 event in 1, earlier = 6 in 3)
    const r = comparePoissonCounts({ count: 6, exposure: 3 }, { count: 1, exposure: 1 });
    expect(r.pValue).toBe(1);
  });

  it('p-value is the same whichever period R is given first', () => {
    // R: poisson.test(c(11, 23), c(1000, 1000))$p.value  -> 0.057612672913819662 (same as c(23, 11))
    const a = comparePoissonCounts({ count: 11, exposure: 1000 }, { count: 23, exposure: 1000 });
    const b = comparePoissonCounts({ count: 23, exposure: 1000 }, { count: 11, exposure: 1000 });
    expectClose(a.pValue, 0.057612672913819662, 1e-9);
    expectClose(b.pValue, 0.057612672913819662, 1e-9);
    // R: 1/poisson.test(c(11, 23), c(1000, 1000))$conf.int  -> 4.7509793452567939 0.9791582723407235 (reciprocal)
    expectClose(a.lower, 0.9791582723407235, 1e-9);
    expectClose(a.upper, 4.7509793452567948, 1e-9);
  });

  it('large counts (a force-sized series) use the same exact test', () => {
    const r = comparePoissonCounts({ count: 48120, exposure: 312000 }, { count: 50517, exposure: 315500 });
    // R: poisson.test(c(50517, 48120), c(315500, 312000))$p.value  -> 4.1521120935445509e-09
    expectClose(r.pValue, 4.1521120935445509e-9, 1e-7);
    expect(r.direction).toBe('increase');
  });

  it('alpha sets the direction threshold', () => {
    // R: poisson.test(c(23, 11), c(1000, 1000))$p.value  -> 0.057612672913819662
    const r = comparePoissonCounts({ count: 11, exposure: 1000 }, { count: 23, exposure: 1000 }, { alpha: 0.1 });
    expect(r.direction).toBe('increase');
    expect(r.alpha).toBe(0.1);
  });

  it('earlier count 0: ratio and percent change are null, upper limit infinite', () => {
    const r = comparePoissonCounts({ count: 0, exposure: 1000 }, { count: 8, exposure: 1000 });
    expect(r.rateRatio).toBeNull();
    expect(r.percentChange).toBeNull();
    expect(r.upper).toBe(Inf);
    // R: poisson.test(c(8, 0), c(1000, 1000))$p.value  -> 0.0078125
    expect(r.direction).toBe('increase');
  });

  it('later count 0: ratio 0, −100%, lower limit 0', () => {
    const r = comparePoissonCounts({ count: 8, exposure: 1000 }, { count: 0, exposure: 1200 });
    expect(r.rateRatio).toBe(0);
    expect(r.percentChange).toBe(-100);
    expect(r.lower).toBe(0);
    // R: poisson.test(c(0, 8), c(1200, 1000))$p.value  -> 0.0018222944539442716
    expect(r.direction).toBe('decrease');
  });

  it('both counts 0 (R refuses: n must be positive): p = 1, no ratio, limits [0, ∞)', () => {
    const r = comparePoissonCounts({ count: 0, exposure: 1000 }, { count: 0, exposure: 1000 });
    expect(r).toMatchObject({ pValue: 1, rateRatio: null, percentChange: null, lower: 0, upper: Inf });
    expect(r.direction).toBe('no-significant-change');
  });

  it('rejects bad input', () => {
    expectStatsInputError(() => comparePoissonCounts({ count: 1.5, exposure: 1 }, { count: 2, exposure: 1 }), 'earlier.count');
    expectStatsInputError(() => comparePoissonCounts({ count: 1, exposure: 1 }, { count: -2, exposure: 1 }), 'later.count');
    expectStatsInputError(() => comparePoissonCounts({ count: 1, exposure: 0 }, { count: 2, exposure: 1 }), 'earlier.exposure');
    expectStatsInputError(
      () => comparePoissonCounts({ count: 1, exposure: 1 }, { count: 2, exposure: Number.NaN }),
      'later.exposure',
    );
    expectStatsInputError(() => comparePoissonCounts({ count: 1, exposure: 1 }, { count: 2, exposure: 1 }, { alpha: 5 }), 'alpha');
  });
});

describe('binomTestTwoSidedPValue (R binom.test two-sided rule, relErr 1 + 1e-7)', () => {
  it.each([
    [0, 1, 0.5, 1], // R: binom.test(0, 1, 0.5)$p.value
    [1, 1, 0.5, 1], // R: binom.test(1, 1, 0.5)$p.value
    [3, 10, 0.5, 0.34375000000000011], // R: binom.test(3, 10, 0.5)$p.value
    [5, 10, 0.5, 1], // R: binom.test(5, 10, 0.5)$p.value
    [7, 10, 0.5, 0.34375000000000011], // R: binom.test(7, 10, 0.5)$p.value
    [0, 10, 0.3, 0.038839603299999984], // R: binom.test(0, 10, 0.3)$p.value
    [10, 10, 0.3, 5.9048999999999915e-06], // R: binom.test(10, 10, 0.3)$p.value
    [2, 30, 0.3, 0.0042378688995408408], // R: binom.test(2, 30, 0.3)$p.value
    [17, 30, 0.3, 0.0024370216089681851], // R: binom.test(17, 30, 0.3)$p.value
    [682, 925, 0.75, 0.38249155957485192], // R: binom.test(682, 925, 0.75)$p.value
    [40, 100, 0.25, 0.0010801099946617443], // R: binom.test(40, 100, 0.25)$p.value
    [1, 200, 0.001, 0.18135117052136426], // R: binom.test(1, 200, 0.001)$p.value
    [0, 200, 0.001, 1], // R: binom.test(0, 200, 0.001)$p.value
    [5000, 10000, 0.5, 1], // R: binom.test(5000, 10000, 0.5)$p.value
    [4900, 10000, 0.5, 0.046585527704947359], // R: binom.test(4900, 10000, 0.5)$p.value
    [30, 1e+06, 2e-05, 0.03262822835502719], // R: binom.test(30, 1e+06, 2e-05)$p.value
    [48, 100, 0.49999999, 0.76435343440267278], // R: binom.test(48, 100, 0.49999999)$p.value
    [499000, 1e+06, 0.5, 0.045608299865382104], // R: binom.test(499000, 1e+06, 0.5)$p.value
    [600, 1000, 0.5, 2.7284641560660272e-10], // R: binom.test(600, 1000, 0.5)$p.value
    // dbinom(1, 7, 0.25) equals dbinom(2, 7, 0.25) in exact arithmetic but not in floating point
    // (R: dbinom(1,7,.25) - dbinom(2,7,.25) -> -1.1102230246251565e-16): R's relErr makes these p = 1.
    [1, 7, 0.25, 1], // R: binom.test(1, 7, 0.25)$p.value
    [4, 15, 0.25, 1], // R: binom.test(4, 15, 0.25)$p.value
    [8, 31, 0.25, 1], // R: binom.test(8, 31, 0.25)$p.value
  ])('binom.test(%s, %s, %s) → %s', (x, n, p, expected) => {
    expectClose(binomTestTwoSidedPValue(x, n, p), expected, 1e-9);
  });

  it('p of 0 or 1', () => {
    // R: binom.test(0, 5, 0)$p.value -> 1 ; binom.test(1, 5, 0)$p.value -> 0 ; binom.test(5, 5, 1)$p.value -> 1
    expect(binomTestTwoSidedPValue(0, 5, 0)).toBe(1);
    expect(binomTestTwoSidedPValue(1, 5, 0)).toBe(0);
    expect(binomTestTwoSidedPValue(5, 5, 1)).toBe(1);
  });
});

describe('clopperPearson (R binom.test conf.int)', () => {
  it('matches R', () => {
    // R: binom.test(23, 34)$conf.int  -> 0.49473469910149548 0.82611657250607851
    const ci = clopperPearson(23, 34);
    expectClose(ci.lower, 0.49473469910149548, 1e-9);
    expectClose(ci.upper, 0.82611657250607851, 1e-9);
  });

  it('x = 0 and x = n', () => {
    expect(clopperPearson(0, 10).lower).toBe(0);
    expect(clopperPearson(10, 10).upper).toBe(1);
  });
});
