/**
 * Centre line, moving range, outlier screening and process limits.
 *
 * Expected values come from NHSRplotthedots' own tests and vignettes (cited per test) or are worked by hand in the
 * test, never from running swp. Source under test: src/analysis/spc/limits.ts (port of NHSRplotthedots
 * R/ptd_spc_standard.R).
 */

import { describe, expect, it } from 'vitest';
import {
  LIMIT,
  LIMIT_CLOSE,
  SCREEN_FACTOR,
  median,
  movingRanges,
  rMean,
  xmr,
} from '../../../../src/analysis/spc/index.js';
import { SwpError } from '../../../../src/model/errors.js';
import { Y20 } from './rnorm-seed123.js';

describe('constants (R/ptd_spc_standard.R)', () => {
  it('uses 2.66 for the limits, 2 x (2.66 / 3) for 2 sigma and 3.267 for screening', () => {
    expect(LIMIT).toBe(2.66);
    expect(LIMIT_CLOSE).toBe(2 * (2.66 / 3));
    expect(SCREEN_FACTOR).toBe(3.267);
  });
});

describe('NHSRplotthedots vignette "Deviations from Excel defaults" (vignettes/deviations.Rmd)', () => {
  // data <- c(1, 2, 1, 2, 10, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1)
  const data = [1, 2, 1, 2, 10, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1];
  // By hand: sum = 1+2+1+2+10 + (7 ones + 6 twos = 19) = 35, n = 18, mean = 35/18 = 1.9444.
  // Moving ranges: 1, 1, 1, 8, 9, then twelve 1s: sum 32 over 17, mean 32/17 = 1.8824.

  it('screens outliers by default: caption "UPL = 4.6, Mean = 1.94, LPL = -0.72"', () => {
    const r = xmr(data, { improvementDirection: 'increase' });
    const s = r.current;
    // Screening threshold 3.267 x 32/17 = 6.15: the moving ranges 8 and 9 go; fifteen 1s remain, mean 1.
    expect(s.movingRangeMeanUnscreened).toBeCloseTo(32 / 17, 12);
    expect(s.movingRangeMean).toBe(1);
    expect(s.screenedOut).toEqual([4, 5]); // the moving ranges ending at points 4 (|10-2|) and 5 (|1-10|)
    expect(s.mean).toBeCloseTo(35 / 18, 12);
    expect(s.upperLimit).toBeCloseTo(35 / 18 + 2.66 * 1, 12);
    expect(s.lowerLimit).toBeCloseTo(35 / 18 - 2.66 * 1, 12);
    // and the published rounded values
    expect(Math.round(s.upperLimit * 100) / 100).toBe(4.6);
    expect(Math.round(s.mean * 100) / 100).toBe(1.94);
    expect(Math.round(s.lowerLimit * 100) / 100).toBe(-0.72);
  });

  it('reproduces the Excel tool with screenOutliers: false: caption "UPL = 6.95, Mean = 1.94, LPL = -3.06"', () => {
    const s = xmr(data, { improvementDirection: 'increase', screenOutliers: false }).current;
    expect(s.movingRangeMean).toBeCloseTo(32 / 17, 12);
    expect(s.screenedOut).toEqual([]);
    expect(s.upperLimit).toBeCloseTo(35 / 18 + (2.66 * 32) / 17, 12);
    expect(Math.round(s.upperLimit * 100) / 100).toBe(6.95);
    expect(Math.round(s.mean * 100) / 100).toBe(1.94);
    expect(Math.round(s.lowerLimit * 100) / 100).toBe(-3.06);
  });

  it('shows one special cause improvement point (the 10) and common cause elsewhere, in both charts', () => {
    for (const screenOutliers of [true, false]) {
      const r = xmr(data, { improvementDirection: 'increase', screenOutliers });
      expect(r.points[4]?.pointType).toBe('special_cause_improvement');
      expect(r.points[4]?.specialCauseType).toBe('Above UCL');
      expect(r.points.filter((p) => p.pointType !== 'common_cause').map((p) => p.index)).toEqual([4]);
    }
  });
});

describe('NHSRplotthedots tests/testthat (set.seed(123); rnorm(20))', () => {
  it('matches the ptd_spc summary snapshot: mean 0.142, lpl -3.01, upl 3.29, 20 common cause', () => {
    // tests/testthat/_snaps/ptd_spc.md: mean_col 0.142, lpl -3.01, upl 3.29, n 20, common_cause 20
    const r = xmr(Y20, { improvementDirection: 'increase' });
    expect(r.current.mean.toPrecision(3)).toBe('0.142');
    expect(r.current.lowerLimit.toPrecision(3)).toBe('-3.01');
    expect(r.current.upperLimit.toPrecision(3)).toBe('3.29');
    expect(r.points.every((p) => p.pointType === 'common_cause')).toBe(true);
  });

  it('matches the faceted summary snapshot when split in two groups of 10 (rebase at point 10)', () => {
    // _snaps/ptd_spc.md, facet 0: 0.0746 -2.60 2.75; facet 1: 0.209 -3.28 3.70. A rebase gives each group its own
    // limits exactly as a facet does (both are dplyr groups in ptd_spc_standard()).
    const r = xmr(Y20, { improvementDirection: 'increase', rebase: [10] });
    const [a, b] = r.segments;
    expect([a?.mean.toPrecision(3), a?.lowerLimit.toPrecision(3), a?.upperLimit.toPrecision(3)]).toEqual([
      '0.0746',
      '-2.60',
      '2.75',
    ]);
    expect([b?.mean.toPrecision(3), b?.lowerLimit.toPrecision(3), b?.upperLimit.toPrecision(3)]).toEqual([
      '0.209',
      '-3.28',
      '3.70',
    ]);
  });

  it('a rebase at the first point changes nothing (snapshot with rebase = 2020-01-01: same 0.142 -3.01 3.29)', () => {
    const plain = xmr(Y20, { improvementDirection: 'increase' });
    const rebased = xmr(Y20, { improvementDirection: 'increase', rebase: [0] });
    expect(rebased.segments).toHaveLength(1);
    expect(rebased.current.upperLimit).toBe(plain.current.upperLimit);
  });

  it('screen_outliers changes the limits and unscreened limits are wider (test-ptd_spc_standard.R)', () => {
    // "testing the screen_outliers": data$y[15] <- 10; r1 original, r2 screened, r3 unscreened
    const y = [...Y20];
    y[14] = 10;
    const r1 = xmr(Y20, { improvementDirection: 'increase' }).current;
    const r2 = xmr(y, { improvementDirection: 'increase' }).current;
    const r3 = xmr(y, { improvementDirection: 'increase', screenOutliers: false }).current;
    expect(r1.lowerLimit).not.toBe(r2.lowerLimit);
    expect(r1.lowerLimit).not.toBe(r3.lowerLimit);
    expect(r2.lowerLimit).not.toBe(r3.lowerLimit);
    expect(r1.upperLimit).not.toBe(r2.upperLimit);
    expect(r1.upperLimit).not.toBe(r3.upperLimit);
    expect(r2.upperLimit).not.toBe(r3.upperLimit);
    expect(r3.upperLimit - r3.lowerLimit).toBeGreaterThan(r2.upperLimit - r2.lowerLimit);
    // The values, computed independently in R 4.2.2 with base arithmetic:
    //   y <- rnorm(20) (seed 123); y[15] <- 10; mr <- abs(diff(y)); mean(y) = 0.6694158592123024
    //   mean(mr) = 1.9797146773240832; mean(mr[mr < 3.267 * mean(mr)]) = 1.1477749836415163
    expect(r2.mean).toBeCloseTo(0.6694158592123024, 14);
    expect(r3.movingRangeMean).toBeCloseTo(1.9797146773240832, 14);
    expect(r2.movingRangeMean).toBeCloseTo(1.1477749836415163, 14);
    // the two moving ranges next to the 10 (|10 - y14|, |y16 - 10|) are the ones screened out
    expect(r2.screenedOut).toEqual([14, 15]);
  });

  it('fix_after_n_points = 12 changes the limits (test-ptd_spc_standard.R) to those of the first 12 points', () => {
    const all = xmr(Y20, { improvementDirection: 'increase' }).current;
    const fixed = xmr(Y20, { improvementDirection: 'increase', fixAfterN: 12 }).current;
    expect(fixed.lowerLimit).not.toBe(all.lowerLimit);
    expect(fixed.upperLimit).not.toBe(all.upperLimit);
    // R 4.2.2: y12 <- rnorm(20)[1:12]; mean(y12) = 0.19417933878903704; mean(abs(diff(y12))) = 1.0532252457093181
    // (nothing is screened: the largest moving range, 1.79, is below 3.267 x 1.053 = 3.44)
    expect(fixed.mean).toBeCloseTo(0.19417933878903704, 14);
    expect(fixed.movingRangeMean).toBeCloseTo(1.0532252457093181, 14);
    expect(fixed.baselineLastIndex).toBe(11);
    // every point is still classified against the fixed limits
    expect(fixed.points).toHaveLength(20);
    expect(fixed.points.filter((p) => p.inBaseline)).toHaveLength(12);
  });

  it('rejects fix_after_n_points below 12 (R/ptd_spc_options.R: "must be ... greater than or equal to 12")', () => {
    expect(() => xmr(Y20, { improvementDirection: 'increase', fixAfterN: 11 })).toThrow(SwpError);
    expect(() => xmr(Y20, { improvementDirection: 'increase', fixAfterN: 12.5 })).toThrow(SwpError);
    expect(() => xmr(Y20, { improvementDirection: 'increase', fixAfterN: 12 })).not.toThrow();
  });
});

describe('outlier screening boundary: a moving range equal to 3.267 x mean is dropped (strict <)', () => {
  // values 0, 244, 488, 733, 4000: moving ranges 244, 244, 245, 3267; mean (244+244+245+3267)/4 = 4000/4 = 1000.
  // 3.267 * 1000 is exactly 3267 in IEEE doubles (checked in R: 3.267 * 1000 == 3267 is TRUE), and ptd_spc_standard
  // keeps a moving range only if mr < 3.267 * amr, so 3267 is dropped: amr = (244+244+245)/3 = 733/3.
  it('drops it when screening', () => {
    expect(3.267 * 1000).toBe(3267);
    const s = xmr([0, 244, 488, 733, 4000], { improvementDirection: 'increase' }).current;
    expect(s.movingRangeMeanUnscreened).toBe(1000);
    expect(s.screenedOut).toEqual([4]);
    expect(s.movingRangeMean).toBeCloseTo(733 / 3, 12);
  });
  it('keeps a moving range just below the threshold', () => {
    // 0, 244, 488, 733, 3999.5: mrs 244, 244, 245, 3266.5, mean 999.875, threshold 3266.59 > 3266.5: nothing dropped
    const s = xmr([0, 244, 488, 733, 3999.5], { improvementDirection: 'increase' }).current;
    expect(s.screenedOut).toEqual([]);
    expect(s.movingRangeMean).toBe(999.875);
  });
});

describe('helpers', () => {
  it('movingRanges: null first and around a gap (R: c(NA, abs(diff(y))) propagates NA)', () => {
    expect(movingRanges([4, 6, null, 5, 2])).toEqual([null, 2, null, null, 3]);
  });
  it('rMean is the arithmetic mean (correctly rounded) and NaN when empty', () => {
    expect(rMean([1, 2, 3, 4])).toBe(2.5);
    expect(rMean([0.1, 0.2, 0.3])).toBe(0.2); // as R: mean(c(.1, .2, .3)) == 0.2 is TRUE (naive sum / 3 is not)
    expect(rMean([])).toBeNaN();
  });
  it('median: middle value, or mean of the two middle values', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});

describe('centre: median (swp extension; NHSRplotthedots has only the mean)', () => {
  it('puts the centre line at the median; limits are median +/- 2.66 x mean moving range', () => {
    // 1, 2, 3, 4, 100 -> median 3; moving ranges 1, 1, 1, 96: mean 24.75, threshold 80.9, 96 dropped -> amr 1
    const s = xmr([1, 2, 3, 4, 100], { improvementDirection: 'increase', centre: 'median' }).current;
    expect(s.mean).toBe(22);
    expect(s.centre).toBe(3);
    expect(s.movingRangeMean).toBe(1);
    expect(s.upperLimit).toBe(3 + 2.66);
    expect(s.points[2]?.relativeToMean).toBe(0);
  });
});
