/**
 * End-to-end behaviour of xmr(): each rule at its boundary, ties, points on the mean, direction, neutral, missing
 * values, short series, rebase, validation.
 *
 * Every series here is built so that exactly one thing happens; the comments work out by hand its mean, mean moving
 * range and limits, and why no other rule fires. (The arithmetic was also checked in R 4.2.2 with base functions and
 * NHSRplotthedots' rule functions copied from R/ptd_calculate_point_type.R; swp's output was never used as an
 * expectation.)
 */

import { describe, expect, it } from 'vitest';
import { xmr, type XmrResult } from '../../../../src/analysis/spc/index.js';
import { SwpError } from '../../../../src/model/errors.js';

/** Alternate a, b, a, b, ... for k values. */
const alt = (k: number, a: number, b: number): number[] => Array.from({ length: k }, (_, i) => (i % 2 === 0 ? a : b));
/** n copies of x (R `rep(x, n)`). */
const rep = (x: number, n: number): number[] => Array.from({ length: n }, () => x);
/** Indices of the points any rule flags. */
const flagged = (r: XmrResult): number[] => r.points.filter((p) => p.rules.length > 0).map((p) => p.index);

describe('shift: 7 points on one side of the centre line', () => {
  // 10,0 x5 | 6 x k | 0,10,0,10,0,10. Alternation never gives a run or a trend; equal 6s give no trend.
  const shift = (k: number): number[] => [...alt(10, 10, 0), ...rep(6, k), ...alt(6, 0, 10)];

  it('fires for 7 points (k = 7)', () => {
    // n = 23, sum = 50 + 42 + 30 = 122, mean = 122/23 = 5.304 (so every 6 is above and the 0s either side below).
    // Moving ranges: nine 10s, |6-0| = 6, six 0s, |0-6| = 6, five 10s: sum 152 over 22 = 6.909; screening threshold
    // 3.267 x 6.909 = 22.6 drops none. Limits 5.304 +/- 18.38 = -13.07, 23.68; 2 sigma 5.304 +/- 12.25: nothing
    // is outside or close.
    const r = xmr(shift(7), { improvementDirection: 'increase' });
    expect(r.current.mean).toBeCloseTo(122 / 23, 12);
    expect(r.current.movingRangeMean).toBeCloseTo(152 / 22, 12);
    expect(r.current.upperLimit).toBeCloseTo(122 / 23 + (2.66 * 152) / 22, 12);
    expect(flagged(r)).toEqual([10, 11, 12, 13, 14, 15, 16]);
    for (const p of r.points.slice(10, 17)) {
      expect(p.rules).toEqual(['shift']);
      expect(p.specialCauseType).toBe('7 Points Above CL');
      expect(p.pointType).toBe('special_cause_improvement');
    }
    expect(r.signals).toHaveLength(7);
    expect(r.signals[0]).toEqual({ index: 10, segment: 0, rule: 'shift', direction: 'high', meaning: 'improvement' });
  });

  it('does not fire for 6 points (k = 6)', () => {
    // n = 22, mean = 116/22 = 5.27; moving ranges sum 152 over 21; same reasoning: nothing else fires
    const r = xmr(shift(6), { improvementDirection: 'increase' });
    expect(r.current.mean).toBeCloseTo(116 / 22, 12);
    expect(flagged(r)).toEqual([]);
    expect(r.variationIcon).toBe('common_cause');
  });

  it('is broken by a point exactly on the mean (relative_to_mean = 0)', () => {
    // 10,0,10,-6,10,0,10,0,10,0 (sum 44) | 6,6,6,5,6,6,6 (sum 41) | 0,10,0,10,0,10 (sum 30): 115/23 = 5 exactly,
    // so the 5 is on the centre line and splits the 6s into runs of 3. Moving ranges: 10,10,16,16,10,10,10,10,10
    // (102), 6, 0,0,1,1,0,0 (2), 6, five 10s (50): 166/22 = 7.545; 2 sigma low = 5 - 13.38 = -8.38, so -6 is not close.
    const y = [10, 0, 10, -6, 10, 0, 10, 0, 10, 0, 6, 6, 6, 5, 6, 6, 6, 0, 10, 0, 10, 0, 10];
    const r = xmr(y, { improvementDirection: 'increase' });
    expect(r.current.mean).toBe(5);
    expect(r.current.movingRangeMean).toBeCloseTo(166 / 22, 12);
    expect(r.points[13]?.relativeToMean).toBe(0);
    expect(flagged(r)).toEqual([]);
  });

  it('control: the same series with the 5 replaced by a 6 fires', () => {
    // sum 116, mean 116/23 = 5.043 < 6, so all seven 6s are above
    const y = [10, 0, 10, -6, 10, 0, 10, 0, 10, 0, 6, 6, 6, 6, 6, 6, 6, 0, 10, 0, 10, 0, 10];
    const r = xmr(y, { improvementDirection: 'increase' });
    expect(flagged(r)).toEqual([10, 11, 12, 13, 14, 15, 16]);
  });

  it('flips to concern with improvementDirection decrease and to neutral_high with neutral', () => {
    const dec = xmr(shift(7), { improvementDirection: 'decrease' });
    expect(dec.points[10]?.pointType).toBe('special_cause_concern');
    expect(dec.signals[0]?.meaning).toBe('concern');
    const neu = xmr(shift(7), { improvementDirection: 'neutral' });
    expect(neu.points[10]?.pointType).toBe('special_cause_neutral_high');
    expect(neu.signals[0]?.meaning).toBe('neutral');
  });
});

describe('trend: 7 points each strictly higher (or lower) than the one before', () => {
  const background = (mid: number[]): number[] => [...alt(8, 0, 10), ...mid, ...alt(7, 0, 10)];

  it('fires for 7 increasing points', () => {
    // 0,10 x4 | 1..7 | 0,10,0,10,0,10,0. 10 -> 1 and 7 -> 0 fall, so the rise is exactly 7 points.
    // n = 22, sum = 40 + 28 + 30 = 98, mean 4.4545: 1-4 below, 5-7 above (no 7 on one side).
    // Moving ranges: seven 10s, 9, six 1s, 7, six 10s = 152 over 21 = 7.238; limits 4.45 +/- 19.25; 2 sigma
    // 4.45 +/- 12.84: nothing outside or close.
    const r = xmr(background([1, 2, 3, 4, 5, 6, 7]), { improvementDirection: 'increase' });
    expect(r.current.mean).toBeCloseTo(98 / 22, 12);
    expect(r.current.movingRangeMean).toBeCloseTo(152 / 21, 12);
    expect(flagged(r)).toEqual([8, 9, 10, 11, 12, 13, 14]);
    for (const p of r.points.slice(8, 15)) {
      expect(p.rules).toEqual(['trend']);
      expect(p.specialCauseType).toBe('7 Point Trend (Increasing)');
      // below-mean points of a rising trend are improvement too (trend direction, not side: issue #171)
      expect(p.pointType).toBe('special_cause_improvement');
    }
  });

  it('does not fire for 6 increasing points', () => {
    const r = xmr(background([1, 2, 3, 4, 5, 6]), { improvementDirection: 'increase' });
    expect(flagged(r)).toEqual([]);
  });

  it('is broken by a tie: 1, 2, 3, 3, 4, 5, 6, 7 is not a trend in NHSRplotthedots', () => {
    // sign(diff) is 0 for equal values, and all(d == 1) fails (its test: c(1:3, 3:6) gives no trend). The MDC
    // guidance (a repeated value neither adds to nor breaks a trend) would call 3, 3, 4, 5, 6, 7 plus 1, 2 a trend;
    // NHSRplotthedots does not, and neither does swp.
    const r = xmr(background([1, 2, 3, 3, 4, 5, 6, 7]), { improvementDirection: 'increase' });
    expect(flagged(r)).toEqual([]);
  });

  it('a decreasing trend is concern for increase, improvement for decrease, neutral_low for neutral', () => {
    // 10,0 x4 | 7..1 | 10,0,10,0,10,0,10: mean 108/22 = 4.909, so 7, 6, 5 are ABOVE the mean but part of a falling
    // trend: NHSRplotthedots (since issue #171) colours them by the trend's direction.
    const y = [...alt(8, 10, 0), 7, 6, 5, 4, 3, 2, 1, ...alt(7, 10, 0)];
    const inc = xmr(y, { improvementDirection: 'increase' });
    expect(inc.current.mean).toBeCloseTo(108 / 22, 12);
    expect(flagged(inc)).toEqual([8, 9, 10, 11, 12, 13, 14]);
    expect(inc.points[8]?.relativeToMean).toBe(1);
    expect(inc.points[8]?.pointType).toBe('special_cause_concern');
    expect(inc.signals.every((s) => s.rule === 'trend' && s.direction === 'low')).toBe(true);
    expect(xmr(y, { improvementDirection: 'decrease' }).points[8]?.pointType).toBe('special_cause_improvement');
    expect(xmr(y, { improvementDirection: 'neutral' }).points[8]?.pointType).toBe('special_cause_neutral_low');
  });
});

describe('outside the process limits', () => {
  // Baseline fixed on the first 12 points 4,6,4,6,...: mean 5, eleven moving ranges of 2 -> 2; UPL = 5 + 2.66 x 2.
  const base = alt(12, 4, 6);
  const upl = 5 + 2.66 * 2;

  it('a point exactly on the upper limit is not outside (strict >), but is close to it', () => {
    const r = xmr([...base, upl, 6, 4, 6], { improvementDirection: 'increase', fixAfterN: 12 });
    expect(r.current.upperLimit).toBe(upl);
    expect(r.points[12]?.outsideLimits).toBe(false);
    expect(r.points[12]?.closeToLimits).toBe(true);
    expect(flagged(r)).toEqual([]); // one close point alone is not two-in-three
  });

  it('a point above the upper limit is special cause ("Above UCL")', () => {
    const r = xmr([...base, 10.33, 6, 4, 6], { improvementDirection: 'increase', fixAfterN: 12 });
    expect(r.points[12]?.rules).toEqual(['outside_limits']);
    expect(r.points[12]?.specialCauseType).toBe('Above UCL');
    expect(r.points[12]?.pointType).toBe('special_cause_improvement');
    const dec = xmr([...base, 10.33, 6, 4, 6], { improvementDirection: 'decrease', fixAfterN: 12 });
    expect(dec.points[12]?.pointType).toBe('special_cause_concern');
  });

  it('takes precedence over a trend, and a trend over two-in-three', () => {
    // 4,6 x8 | 1,2,3,4,5,6,30. n = 23, mean 131/23 = 5.696. Moving ranges: fifteen 2s, 5, five 1s, 24 -> 64/22
    // = 2.909; threshold 9.50 drops the 24 -> 40/21 = 1.905. UPL 5.696 + 5.067 = 10.76 (30 is outside); LPL 0.629;
    // 2 sigma low 2.318: the 1 and the 2 are close, and with the 3 form a two-in-three below the mean.
    const r = xmr([...alt(16, 4, 6), 1, 2, 3, 4, 5, 6, 30], { improvementDirection: 'increase' });
    expect(r.current.movingRangeMean).toBeCloseTo(40 / 21, 12);
    expect(r.current.screenedOut).toEqual([22]);
    expect(r.points.slice(16).map((p) => p.rules)).toEqual([
      ['trend', 'two_in_three'],
      ['trend', 'two_in_three'],
      ['trend'],
      ['trend'],
      ['trend'],
      ['trend'],
      ['outside_limits', 'trend'],
    ]);
    // the trend (increasing) wins over "2 in 3 Below CL": improvement, not concern
    expect(r.points[16]?.specialCauseType).toBe('7 Point Trend (Increasing)');
    expect(r.points[16]?.pointType).toBe('special_cause_improvement');
    expect(r.points[22]?.specialCauseType).toBe('Above UCL');
    expect(r.variationIcon).toBe('improvement_high');
    // one signal per rule per point
    expect(r.signals.filter((s) => s.index === 16).map((s) => [s.rule, s.direction, s.meaning])).toEqual([
      ['trend', 'high', 'improvement'],
      ['two_in_three', 'low', 'concern'],
    ]);
  });
});

describe('two out of three points beyond 2 sigma on the same side', () => {
  it('fires for two close points with a third on the same side, flagging only the close ones', () => {
    // 4,6 x6 | 10.5, 6, 10.5 | 4,6,4,6,4. n = 20, sum 60 + 27 + 24 = 111, mean 5.55 (so the 6 is above too).
    // Moving ranges: eleven 2s, 4.5, 4.5, 4.5, 6.5, four 2s = 50 over 19 = 2.632. UPL 5.55 + 7.00 = 12.55;
    // 2 sigma high 5.55 + 4.667 = 10.22: each 10.5 is close, not outside.
    const r = xmr([...alt(12, 4, 6), 10.5, 6, 10.5, ...alt(5, 4, 6)], { improvementDirection: 'increase' });
    expect(r.current.mean).toBeCloseTo(111 / 20, 12);
    expect(r.current.movingRangeMean).toBeCloseTo(50 / 19, 12);
    expect(flagged(r)).toEqual([12, 14]);
    expect(r.points[12]?.specialCauseType).toBe('2 in 3 Above CL');
    expect(r.points[12]?.pointType).toBe('special_cause_improvement');
    expect(r.points[13]?.pointType).toBe('common_cause'); // the third point is not flagged
  });

  it('does not fire for a single close point', () => {
    // 4,6 x6 | 10.5, 6, 6 | 4,6,4,6,4: mean 106.5/20 = 5.325; mrs 41/19 = 2.158; 2 sigma 9.15 < 10.5 < UPL 11.07
    const r = xmr([...alt(12, 4, 6), 10.5, 6, 6, ...alt(5, 4, 6)], { improvementDirection: 'increase' });
    expect(r.points[12]?.closeToLimits).toBe(true);
    expect(flagged(r)).toEqual([]);
  });

  it('does not fire for close points on opposite sides of the mean (test-ptd_spc_standard.R, issue #143)', () => {
    // dtf$data <- rep(c(1, -1), times = 8); data[15] <- 5.5; data[16] <- -5.5
    // expect tail(s, 2)$point_type == c("common_cause", "common_cause")
    const y: number[] = rep(0, 16).map((_, i) => (i % 2 === 0 ? 1 : -1));
    y[14] = 5.5;
    y[15] = -5.5;
    const r = xmr(y, { improvementDirection: 'increase' });
    // By hand: mean 0; mrs thirteen 2s, 6.5, 11 -> 43.5/15 = 2.9, threshold 9.47 drops 11 -> 32.5/14 = 2.321;
    // limits +/- 6.175, 2 sigma +/- 4.117: both 5.5 and -5.5 are close, on opposite sides.
    expect(r.current.movingRangeMean).toBeCloseTo(32.5 / 14, 12);
    expect([r.points[14]?.closeToLimits, r.points[15]?.closeToLimits]).toEqual([true, true]);
    expect(r.points.slice(14).map((p) => p.pointType)).toEqual(['common_cause', 'common_cause']);
  });
});

describe('missing values (null)', () => {
  it('are left out of the mean and break moving ranges; never treated as 0', () => {
    // 4, 6, null, 9, 6, 4, 6, 4, 6, 4, 6, 4, 6: mean of the 12 values = 65/12. Moving ranges: |6-4| = 2, none at
    // the null or just after it, |6-9| = 3, then eight 2s: (2 + 3 + 16)/10 = 2.1. Bridging the gap would add
    // |9-6| = 3 (24/11); zero-filling would give mean 65/13.
    const y = [4, 6, null, 9, 6, 4, 6, 4, 6, 4, 6, 4, 6];
    const r = xmr(y, { improvementDirection: 'increase' });
    expect(r.current.mean).toBeCloseTo(65 / 12, 12);
    expect(r.current.movingRangeMean).toBeCloseTo(21 / 10, 12);
    expect(r.current.nMissing).toBe(1);
    expect(r.points[2]).toMatchObject({ value: null, pointType: 'missing', specialCauseType: null, rules: [] });
    expect(r.points[2]?.movingRange).toBeNull();
    expect(r.points[3]?.movingRange).toBeNull();
    expect(r.warnings.map((w) => w.code)).toContain('missing_values');
    const zeroFilled = xmr(
      y.map((v) => v ?? 0),
      { improvementDirection: 'increase' },
    );
    expect(zeroFilled.current.mean).not.toBeCloseTo(r.current.mean, 6);
  });

  it('break a shift: 7 above-mean values with a gap inside do not fire (R: NA makes the window NA)', () => {
    const y = [...alt(10, 10, 0), 6, 6, 6, null, 6, 6, 6, 6, ...alt(6, 0, 10)];
    const r = xmr(y, { improvementDirection: 'increase' });
    expect(r.current.mean).toBeCloseTo(122 / 23, 12);
    expect(flagged(r)).toEqual([]);
  });

  it('break a trend (where NHSRplotthedots would stop with "missing value where TRUE/FALSE needed")', () => {
    const y = [...alt(8, 0, 10), 1, 2, 3, null, 5, 6, 7, ...alt(7, 0, 10)];
    expect(flagged(xmr(y, { improvementDirection: 'increase' }))).toEqual([]);
  });

  it('a trailing missing month does not hide the latest real point from the variation icon', () => {
    // 1,2 x8, 1 | 10 | null: mean 35/18; mrs sixteen 1s and |10-1| = 9 -> 25/17, threshold 4.80 drops the 9
    // -> 1; UPL 35/18 + 2.66 = 4.60.
    // NHSRplotthedots would read the icon off the NA row (common_cause); swp uses the last non-missing point.
    const y = [...alt(17, 1, 2), 10, null];
    const r = xmr(y, { improvementDirection: 'increase' });
    expect(r.points[17]?.specialCauseType).toBe('Above UCL');
    expect(r.points[18]?.pointType).toBe('missing');
    expect(r.variationIcon).toBe('improvement_high');
  });

  it('a segment without two consecutive values cannot have limits', () => {
    expect(() => xmr([5, null, 6], { improvementDirection: 'increase' })).toThrow(SwpError);
    expect(() => xmr([null, null], { improvementDirection: 'increase' })).toThrow(SwpError);
  });
});

describe('short series', () => {
  it('warns below 13 non-missing points (ptd_add_short_group_warnings default) and not at 13', () => {
    const twelve = xmr(alt(12, 4, 6), { improvementDirection: 'increase' });
    expect(twelve.current.shortSegment).toBe(true);
    expect(twelve.warnings.map((w) => w.code)).toEqual(['short_segment']);
    const thirteen = xmr(alt(13, 4, 6), { improvementDirection: 'increase' });
    expect(thirteen.current.shortSegment).toBe(false);
    expect(thirteen.warnings).toEqual([]);
  });

  it('the threshold can be set (NHSRplotthedots: options(ptd_spc.warning_threshold = ...))', () => {
    const r = xmr(alt(12, 4, 6), { improvementDirection: 'increase', shortSegmentThreshold: 12 });
    expect(r.warnings).toEqual([]);
  });

  it('fewer than 7 points can never show a trend or a shift (R: length(y) < 7 gives zeros)', () => {
    const r = xmr([1, 2, 3, 4, 5, 6], { improvementDirection: 'increase' });
    expect(r.points.flatMap((p) => p.rules)).toEqual([]);
    expect(r.current.shortSegment).toBe(true);
  });

  it('two points give trial limits; one point is an error', () => {
    const r = xmr([4, 6], { improvementDirection: 'increase' });
    expect([r.current.mean, r.current.movingRangeMean, r.current.upperLimit]).toEqual([5, 2, 5 + 2.66 * 2]);
    expect(() => xmr([4], { improvementDirection: 'increase' })).toThrow(SwpError);
  });
});

describe('rebase', () => {
  it('computes limits per segment and never lets a rule cross a rebase', () => {
    // The 7-point shift series, rebased at index 13 (inside the run of 6s).
    // Segment 0 = 10,0 x5, 6,6,6: mean 68/13 = 5.231, mrs nine 10s, 6, 0, 0 = 96/12 = 8.
    // Segment 1 = 6,6,6,6, 0,10,0,10,0,10: mean 54/10 = 5.4, mrs 0,0,0,6,10,10,10,10,10 = 56/9 = 6.222.
    // Neither holds 7 points on one side, and nothing is close to its limits.
    const y = [...alt(10, 10, 0), ...rep(6, 7), ...alt(6, 0, 10)];
    const r = xmr(y, { improvementDirection: 'increase', rebase: [13] });
    expect(r.segments.map((s) => [s.firstIndex, s.lastIndex, s.n])).toEqual([
      [0, 12, 13],
      [13, 22, 10],
    ]);
    expect(r.segments[0]?.mean).toBeCloseTo(68 / 13, 12);
    expect(r.segments[0]?.movingRangeMean).toBe(8);
    expect(r.segments[1]?.mean).toBeCloseTo(5.4, 12);
    expect(r.segments[1]?.movingRangeMean).toBeCloseTo(56 / 9, 12);
    // the moving range across the rebase (|6 - 6| at index 13) belongs to no segment
    expect(r.points[13]?.movingRange).toBeNull();
    expect(r.points.map((p) => p.segment)).toEqual([...rep(0, 13), ...rep(1, 10)]);
    expect(flagged(r)).toEqual([]);
    expect(r.current.segment).toBe(1);
    // only the 10-point segment is short
    expect(r.warnings.map((w) => [w.code, w.segment])).toEqual([['short_segment', 1]]);
  });

  it('fixAfterN applies within each segment', () => {
    const y = [...alt(14, 4, 6), ...alt(14, 14, 16)];
    const r = xmr(y, { improvementDirection: 'increase', rebase: [14], fixAfterN: 12 });
    expect(r.segments.map((s) => [s.mean, s.movingRangeMean, s.baselineLastIndex])).toEqual([
      [5, 2, 11],
      [15, 2, 25],
    ]);
  });
});

describe('degenerate series', () => {
  it('a constant series has limits on the centre line and no signals (R: NaN limits, all common cause)', () => {
    const r = xmr(rep(3, 15), { improvementDirection: 'increase' });
    expect([r.current.lowerLimit, r.current.centre, r.current.upperLimit]).toEqual([3, 3, 3]);
    expect(r.points.every((p) => p.pointType === 'common_cause')).toBe(true);
    expect(r.warnings.map((w) => w.code)).toEqual(['degenerate_limits']);
  });
});

describe('validation', () => {
  it('rejects non-finite values, an empty series, bad options', () => {
    expect(() => xmr([1, Number.NaN, 3], { improvementDirection: 'increase' })).toThrow(SwpError);
    expect(() => xmr([1, Number.POSITIVE_INFINITY, 3], { improvementDirection: 'increase' })).toThrow(SwpError);
    expect(() => xmr([], { improvementDirection: 'increase' })).toThrow(SwpError);
    expect(() => xmr([1, 2, 3], { improvementDirection: 'up' as never })).toThrow(SwpError);
    expect(() => xmr([1, 2, 3], { improvementDirection: 'increase', rebase: [3] })).toThrow(SwpError);
    expect(() => xmr([1, 2, 3], { improvementDirection: 'increase', target: Number.NaN })).toThrow(SwpError);
  });

  it('reports the options applied, with NHSRplotthedots defaults (screen_outliers = TRUE)', () => {
    const r = xmr([1, 2, 1, 2, 1, 2], { improvementDirection: 'increase', rebase: [3, 0, 3] });
    expect(r.options).toEqual({
      improvementDirection: 'increase',
      target: null,
      rebase: [3],
      fixAfterN: null,
      screenOutliers: true,
      centre: 'mean',
      shortSegmentThreshold: 13,
    });
  });
});
