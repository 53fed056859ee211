/**
 * The rule functions, ported with NHSRplotthedots' own unit tests (tests/testthat/test-ptd_calculate_point_type.R):
 * each `expect` below restates one of theirs, with R's 0/1 numeric results written as booleans (or signs).
 * Source under test: src/analysis/spc/rules.ts (port of R/ptd_calculate_point_type.R).
 */

import { describe, expect, it } from 'vitest';
import {
  partOfSeven,
  partOfTwoInThree,
  pointTypeOf,
  ruleMembership,
  rulesOfPoint,
  sevenPointOneSideOfMean,
  sevenPointTrend,
  specialCauseType,
  twoInThree,
  type RuleMembership,
  type Sign,
} from '../../../../src/analysis/spc/index.js';

/** R's 0/1 vector as booleans. */
const b = (...xs: number[]): boolean[] => xs.map((x) => x === 1);
/** n copies of x (R `rep(x, n)`). */
const rep = <T>(x: T, n: number): T[] => Array.from({ length: n }, () => x);
/** from:to, either direction (R `from:to`). */
const seq = (from: number, to: number): number[] =>
  from <= to ? Array.from({ length: to - from + 1 }, (_, i) => from + i) : seq(to, from).reverse();

describe('ptd_seven_point_one_side_mean', () => {
  it('works as expected', () => {
    expect(sevenPointOneSideOfMean([])).toEqual([]);
    expect(sevenPointOneSideOfMean(rep<Sign>(1, 6))).toEqual(b(0, 0, 0, 0, 0, 0));
    expect(sevenPointOneSideOfMean([...rep<Sign>(1, 6), -1])).toEqual(b(0, 0, 0, 0, 0, 0, 0));
    expect(sevenPointOneSideOfMean([...rep<Sign>(1, 8), -1])).toEqual(b(0, 0, 0, 0, 0, 0, 1, 1, 0));
    expect(sevenPointOneSideOfMean([...rep<Sign>(-1, 8), 1])).toEqual(b(0, 0, 0, 0, 0, 0, 1, 1, 0));
  });
  it('a point exactly on the mean (0) breaks the run; so does a missing point (NA in R)', () => {
    expect(sevenPointOneSideOfMean([1, 1, 1, 0, 1, 1, 1, 1])).toEqual(b(0, 0, 0, 0, 0, 0, 0, 0));
    expect(sevenPointOneSideOfMean([1, 1, 1, null, 1, 1, 1, 1])).toEqual(b(0, 0, 0, 0, 0, 0, 0, 0));
  });
});

describe('ptd_part_of_seven_trend', () => {
  it('works as expected', () => {
    expect(partOfSeven([])).toEqual([]);
    expect(partOfSeven(rep(0, 6))).toEqual(b(0, 0, 0, 0, 0, 0));
    expect(partOfSeven([...rep(0, 6), 1, 0])).toEqual(b(...rep(1, 7), 0));
    expect(partOfSeven([...rep(0, 7), 1, 0])).toEqual(b(0, ...rep(1, 7), 0));
    expect(partOfSeven([...rep(0, 6), -1, 0])).toEqual(b(...rep(1, 7), 0));
    expect(partOfSeven([...rep(0, 7), -1, 0])).toEqual(b(0, ...rep(1, 7), 0));
  });
});

describe('ptd_seven_point_trend', () => {
  it('works as expected', () => {
    expect(sevenPointTrend([])).toEqual([]);
    expect(sevenPointTrend(seq(1, 6))).toEqual([0, 0, 0, 0, 0, 0]);
    // a tie (3, 3) breaks the trend: c(1:3, 3:6)
    expect(sevenPointTrend([...seq(1, 3), ...seq(3, 6)])).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(sevenPointTrend(seq(1, 7))).toEqual([0, 0, 0, 0, 0, 0, 1]);
    expect(sevenPointTrend([2, ...seq(1, 7), 3])).toEqual([0, 0, 0, 0, 0, 0, 0, 1, 0]);
    expect(sevenPointTrend(seq(7, 1))).toEqual([0, 0, 0, 0, 0, 0, -1]);
    expect(sevenPointTrend([2, ...seq(7, 1), 3])).toEqual([0, 0, 0, 0, 0, 0, 0, -1, 0]);
  });
  it('a missing value inside the window gives no trend (R stops with an error there; see rules.ts)', () => {
    expect(sevenPointTrend([1, 2, 3, null, 5, 6, 7])).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });
});

describe('ptd_two_in_three', () => {
  it('works as expected', () => {
    expect(twoInThree([], [])).toEqual([]);
    expect(twoInThree(b(0, 0, 0), [0, 0, 0])).toEqual(b(0, 0, 0));
    const d = twoInThree(b(1, 0, 1), [1, 1, 1]);
    const e = twoInThree(b(0, 1, 1), [1, 1, 1]);
    const f = twoInThree(b(1, 1, 0), [1, 1, 1]);
    expect(d).toEqual(e);
    expect(d).toEqual(f);
    expect(d).toEqual(b(1, 1, 1));
    expect(twoInThree(b(0, 0, 1, 0, 1, 0, 0), rep<Sign>(1, 7))).toEqual(b(0, 0, 1, 1, 1, 0, 0));
    expect(twoInThree(b(0, 0, 1, 1, 0, 0, 0), rep<Sign>(1, 7))).toEqual(b(0, 1, 1, 1, 1, 0, 0));
  });

  it('works as expected when points are on opposite sides of the mean (issue #143)', () => {
    expect(twoInThree(b(1, 0, 1), [1, -1, 1])).toEqual(b(0, 0, 0));
    expect(twoInThree(b(0, 1, 1), [1, -1, 1])).toEqual(b(0, 0, 0));
    expect(twoInThree(b(1, 1, 0), [1, -1, 1])).toEqual(b(0, 0, 0));
    expect(twoInThree(b(0, 0, 1, 0, 1, 0, 0), [1, -1, 1, -1, 1, -1, 1])).toEqual(rep(false, 7));
    expect(twoInThree(b(0, 0, 1, 1, 0, 0, 0), [-1, 1, -1, 1, -1, 1, -1])).toEqual(rep(false, 7));
  });

  it('needs a whole window of 3 inside the series (R pads with zeros, whose side is 0)', () => {
    expect(twoInThree(b(1, 1), [1, 1])).toEqual(b(0, 0));
  });
});

describe('ptd_part_of_two_in_three', () => {
  it('works as expected', () => {
    const cases: [number[], Sign[], number[]][] = [
      [[1, 0, 1], [1, 1, 1], [1, 0, 1]],
      [[0, 1, 1], [1, 1, 1], [0, 1, 1]],
      [[1, 1, 0], [1, 1, 1], [1, 1, 0]],
      [[0, 0, 1, 0, 1, 0, 0], rep<Sign>(1, 7), [0, 0, 1, 0, 1, 0, 0]],
      [[1, 0, 0, 1], [1, 1, 1, 1], [0, 0, 0, 0]],
      [[1, 0, 0, 1, 1], [1, 1, 1, 1, 1], [0, 0, 0, 1, 1]],
    ];
    for (const [v, rtm, want] of cases) {
      const close = b(...v);
      expect(partOfTwoInThree(twoInThree(close, rtm), close)).toEqual(b(...want));
    }
  });
});

describe('ptd_special_cause_type: precedence and labels', () => {
  it('orders outside limits > trend > two-in-three > shift (the mocked test, restated)', () => {
    // In R's test: y = 1:8; relative_to_mean = c(1,1,1,1,-1,-1,-1,-1); part_of_seven_trend returns
    // c(1,-1,0,0,0,0,0,0) for the trend and c(0,0,1,-1,0,0,0,0) for the shift; part_of_two_in_three returns
    // c(0,0,0,0,1,0,0,0); outside_limits = c(0,0,0,0,0,1,-1,0).
    const m: RuleMembership = {
      outside: b(0, 0, 0, 0, 0, 1, 1, 0),
      trend: b(1, 1, 0, 0, 0, 0, 0, 0),
      twoInThree: b(0, 0, 0, 0, 1, 0, 0, 0),
      shift: b(0, 0, 1, 1, 0, 0, 0, 0),
      trendSign: rep<Sign>(1, 8), // y = 1:8 is increasing everywhere
    };
    const rtm: Sign[] = [1, 1, 1, 1, -1, -1, -1, -1];
    const labels = rtm.map((r, i) => specialCauseType(rulesOfPoint(m, i)[0] ?? null, r, m.trendSign[i] ?? 0));
    expect(labels).toEqual([
      '7 Point Trend (Increasing)',
      '7 Point Trend (Increasing)',
      '7 Points Above CL',
      '7 Points Above CL',
      '2 in 3 Below CL',
      'Below LCL',
      'Below LCL',
      'Common Cause',
    ]);
  });

  it('labels a trend point by the direction of the trend, not its side of the mean (issues #167, #171)', () => {
    // seven decreasing points, all above the mean: R labels them "7 Point Trend (Decreasing)"
    const y = [10, 9, 8, 7, 6, 5, 4];
    const m = ruleMembership(y, rep(false, 7), rep<Sign>(1, 7), rep(false, 7));
    expect(m.trend).toEqual(rep(true, 7));
    const labels = y.map((_, i) => specialCauseType('trend', 1, m.trendSign[i] ?? 0));
    expect(new Set(labels)).toEqual(new Set(['7 Point Trend (Decreasing)']));
  });

  it('keeps R quirk: a point ending one trend and followed by the start of another takes the next difference', () => {
    // y = c(1:7, 7:1): points 0-6 are an increasing trend, points 7-13 a decreasing one (the tie 7, 7 separates
    // them). For point 6 both it and point 7 are trend points, so R uses sign(y[7] - y[6]) = 0, and
    // ifelse(sdy == 1, "In", "De") makes it "Decreasing".
    const y = [...seq(1, 7), ...seq(7, 1)];
    const m = ruleMembership(y, rep(false, 14), rep<Sign>(1, 14), rep(false, 14));
    const labels = y.map((_, i) => specialCauseType(rulesOfPoint(m, i)[0] ?? null, 1, m.trendSign[i] ?? 0));
    expect(labels.slice(0, 6)).toEqual(rep('7 Point Trend (Increasing)', 6));
    expect(labels.slice(6)).toEqual(rep('7 Point Trend (Decreasing)', 8));
  });
});

describe('ptd_point_type', () => {
  it('orients by improvement direction (1 increase, -1 decrease) and gives neutral high/low for 0', () => {
    expect(pointTypeOf('Above UCL', 1)).toBe('special_cause_improvement');
    expect(pointTypeOf('Above UCL', -1)).toBe('special_cause_concern');
    expect(pointTypeOf('Above UCL', 0)).toBe('special_cause_neutral_high');
    expect(pointTypeOf('7 Point Trend (Decreasing)', 1)).toBe('special_cause_concern');
    expect(pointTypeOf('7 Point Trend (Decreasing)', -1)).toBe('special_cause_improvement');
    expect(pointTypeOf('7 Point Trend (Decreasing)', 0)).toBe('special_cause_neutral_low');
    expect(pointTypeOf('2 in 3 Below CL', -1)).toBe('special_cause_improvement');
    expect(pointTypeOf('7 Points Above CL', 1)).toBe('special_cause_improvement');
    expect(pointTypeOf('Common Cause', 1)).toBe('common_cause');
    expect(pointTypeOf('Common Cause', 0)).toBe('common_cause');
  });
});
