/**
 * The NHS England "Making Data Count" special-cause rules, applied to one segment of an XmR chart.
 *
 * Source: NHSRplotthedots R/ptd_calculate_point_type.R (`ptd_seven_point_one_side_mean()`,
 * `ptd_part_of_seven_trend()`, `ptd_seven_point_trend()`, `ptd_two_in_three()`, `ptd_part_of_two_in_three()`,
 * `ptd_special_cause_type()`, `ptd_point_type()`). Each function below is a port of the R function named in its
 * comment, with R's NA semantics made explicit: a missing value (null) never completes a rule's window.
 */

import type { PointType, SpecialCauseType, SpcRule } from './types.js';

/** Points in a trend or a shift (ptd_calculate_point_type.R hard-codes 7; NHSRplotthedots issue #202 asks for 6). */
export const RUN_LENGTH = 7;

/** A sign: -1, 0 or 1. */
export type Sign = -1 | 0 | 1;

/** Numeric improvement direction as ptd_spc.R codes it: increase = 1, neutral = 0, decrease = -1. */
export type DirectionCode = Sign;

/**
 * True at each point that ends 7 consecutive points all on the same side of the centre line (none exactly on it).
 * Port of `ptd_seven_point_one_side_mean()`: `all(vp[[i]] == vp[i - 1:6]) & vp[[i]] != 0`, with the vector padded
 * by six zeros at the start; a missing value (NA there) makes the comparison NA, i.e. not a run.
 */
export function sevenPointOneSideOfMean(relativeToMean: readonly (Sign | null)[]): boolean[] {
  return relativeToMean.map((r, i) => {
    if (i < RUN_LENGTH - 1 || r === null || r === 0) return false;
    for (let k = 1; k < RUN_LENGTH; k++) if (relativeToMean[i - k] !== r) return false;
    return true;
  });
}

/**
 * 1 at each point that ends 7 consecutive strictly increasing points, -1 for strictly decreasing, else 0. Port of
 * `ptd_seven_point_trend()`: `d <- sign(diff(y[i - 0:6])) * -1`, then `all(d == 1)` / `all(d == -1)`. Equal
 * consecutive values give a 0 difference and so break a trend (its test: `c(1:3, 3:6)` gives no trend). Fewer than 7
 * points give all zeros. A missing value in the window gives 0 here; R either gives 0 or stops with "missing value
 * where TRUE/FALSE needed" (when every other difference agrees), so this is the only non-erroring reading.
 */
export function sevenPointTrend(ys: readonly (number | null)[]): Sign[] {
  const out: Sign[] = ys.map(() => 0);
  if (ys.length < RUN_LENGTH) return out;
  for (let i = RUN_LENGTH - 1; i < ys.length; i++) {
    let ups = 0;
    let downs = 0;
    for (let k = 0; k < RUN_LENGTH - 1; k++) {
      const a = ys[i - k];
      const b = ys[i - k - 1];
      if (a === null || a === undefined || b === null || b === undefined) break;
      if (a > b) ups++;
      else if (a < b) downs++;
      else break;
    }
    if (ups === RUN_LENGTH - 1) out[i] = 1;
    else if (downs === RUN_LENGTH - 1) out[i] = -1;
  }
  return out;
}

/**
 * True at each point that is part of a 7-point pattern, given where such patterns end. Port of
 * `ptd_part_of_seven_trend()`: `any(abs(vp[i + 0:6]) == 1)`, the vector padded by six zeros at the end, i.e. the
 * point itself or one of the 6 following ends a pattern.
 */
export function partOfSeven(ends: readonly (boolean | number)[]): boolean[] {
  return ends.map((_, i) => {
    for (let k = 0; k < RUN_LENGTH && i + k < ends.length; k++) {
      const e = ends[i + k];
      if (e === true || (typeof e === 'number' && Math.abs(e) === 1)) return true;
    }
    return false;
  });
}

/**
 * True at each point that lies in some window of 3 consecutive points of which at least 2 are close to the limits
 * and all 3 are on the same side of the centre line. Port of `ptd_two_in_three()`: for the windows ending, centred
 * and starting at the point, `(sum(vp[w]) >= 2) & (abs(sum(rtmp[w])) == 3)`; the vectors are padded with two zeros at
 * each end, so a window must lie wholly inside the segment; a missing value makes the window's sums NA (no hit).
 * (The same-side condition is the fix for NHSRplotthedots issue #143.)
 */
export function twoInThree(
  closeToLimits: readonly (boolean | null)[],
  relativeToMean: readonly (Sign | null)[],
): boolean[] {
  const n = closeToLimits.length;
  const windowHits = (start: number): boolean => {
    if (start < 0 || start + 2 >= n) return false;
    let close = 0;
    let side = 0;
    for (let k = start; k <= start + 2; k++) {
      const c = closeToLimits[k];
      const r = relativeToMean[k];
      if (c === null || c === undefined || r === null || r === undefined) return false;
      close += c ? 1 : 0;
      side += r;
    }
    return close >= 2 && Math.abs(side) === 3;
  };
  return closeToLimits.map((_, i) => windowHits(i - 2) || windowHits(i - 1) || windowHits(i));
}

/**
 * Only the points that are themselves close to the limits count as part of a two-in-three pattern (the third point
 * of the window is not flagged). Port of `ptd_part_of_two_in_three()`: `as.numeric(v == 1 & abs(x) == 1)`.
 */
export function partOfTwoInThree(hits: readonly boolean[], closeToLimits: readonly (boolean | null)[]): boolean[] {
  return hits.map((h, i) => h && closeToLimits[i] === true);
}

/** Which rules each point of a segment is part of, and the trend direction R would report for it. */
export interface RuleMembership {
  outside: boolean[];
  trend: boolean[];
  twoInThree: boolean[];
  shift: boolean[];
  /**
   * Direction of the trend a point belongs to, as `ptd_special_cause_type()` derives it: the sign of the difference
   * to the next point when the next point is also part of a trend, else the sign of the difference from the previous
   * point. `sdy == 1` is "Increasing", anything else (including 0) "Decreasing", as in R.
   */
  trendSign: Sign[];
}

/** Sign of b - a (R `sign(diff(y))` in `ptd_special_cause_type()`); 0 when either is missing (never read then). */
function signOfDiff(a: number | null | undefined, b: number | null | undefined): Sign {
  if (a === null || a === undefined || b === null || b === undefined) return 0;
  return b > a ? 1 : b < a ? -1 : 0;
}

/**
 * Evaluate all four rules on one segment. Port of the first half of `ptd_special_cause_type()`: runs the rule
 * functions above and the `sdy` trend-direction logic.
 */
export function ruleMembership(
  ys: readonly (number | null)[],
  outsideLimits: readonly (boolean | null)[],
  relativeToMean: readonly (Sign | null)[],
  closeToLimits: readonly (boolean | null)[],
): RuleMembership {
  const trend = partOfSeven(sevenPointTrend(ys));
  const twoInThreeHits = partOfTwoInThree(twoInThree(closeToLimits, relativeToMean), closeToLimits);
  const shift = partOfSeven(sevenPointOneSideOfMean(relativeToMean));
  // sdy <- ifelse(c(part_seven_point_trend[-1], 0) & part_seven_point_trend, c(sdy, tail(sdy, 1)), c(0, sdy))
  const trendSign = ys.map((y, i): Sign => {
    if (trend[i] === true && trend[i + 1] === true) return signOfDiff(y, ys[i + 1]);
    return i === 0 ? 0 : signOfDiff(ys[i - 1], y);
  });
  return {
    outside: outsideLimits.map((o) => o === true),
    trend,
    twoInThree: twoInThreeHits,
    shift,
    trendSign,
  };
}

/**
 * The rules a point is part of, in NHSRplotthedots' precedence (`ptd_special_cause_type()`'s `case_when` order:
 * outside limits, trend, two-in-three, shift).
 */
export function rulesOfPoint(m: RuleMembership, i: number): SpcRule[] {
  const rules: SpcRule[] = [];
  if (m.outside[i] === true) rules.push('outside_limits');
  if (m.trend[i] === true) rules.push('trend');
  if (m.twoInThree[i] === true) rules.push('two_in_three');
  if (m.shift[i] === true) rules.push('shift');
  return rules;
}

/**
 * The `special_cause_type` label of a point from its highest-precedence rule. Port of the `case_when` in
 * `ptd_special_cause_type()`: "Above UCL"/"Below LCL" by `relative_to_mean == 1`; the trend by `sdy == 1`; the
 * two-in-three and shift rules by `relative_to_mean > 0`.
 */
export function specialCauseType(rule: SpcRule | null, relativeToMean: Sign, trendSign: Sign): SpecialCauseType {
  switch (rule) {
    case 'outside_limits':
      return relativeToMean === 1 ? 'Above UCL' : 'Below LCL';
    case 'trend':
      return trendSign === 1 ? '7 Point Trend (Increasing)' : '7 Point Trend (Decreasing)';
    case 'two_in_three':
      return relativeToMean > 0 ? '2 in 3 Above CL' : '2 in 3 Below CL';
    case 'shift':
      return relativeToMean > 0 ? '7 Points Above CL' : '7 Points Below CL';
    default:
      return 'Common Cause';
  }
}

/** +1 for a label naming "Above" or "Increasing", -1 for "Below" or "Decreasing", else 0 (`ptd_point_type()`). */
export function labelSign(label: SpecialCauseType): Sign {
  if (/Above|Increasing/.test(label)) return 1;
  if (/Below|Decreasing/.test(label)) return -1;
  return 0;
}

/**
 * The point type from its label and the improvement direction. Port of `ptd_point_type()`: neutral gives
 * `special_cause_neutral_high`/`_low`; otherwise the label's sign times the direction gives improvement (> 0) or
 * concern (< 0); "Common Cause" gives `common_cause`.
 */
export function pointTypeOf(label: SpecialCauseType, direction: DirectionCode): PointType {
  const v = labelSign(label);
  if (direction === 0) {
    return v > 0 ? 'special_cause_neutral_high' : v < 0 ? 'special_cause_neutral_low' : 'common_cause';
  }
  const oriented = v * direction;
  return oriented > 0 ? 'special_cause_improvement' : oriented < 0 ? 'special_cause_concern' : 'common_cause';
}
