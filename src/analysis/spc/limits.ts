/**
 * Centre line, moving ranges and process limits of one XmR segment.
 *
 * Source: NHSRplotthedots R/ptd_spc_standard.R, `ptd_spc_standard()` (the `mutate()` that computes `fix_y`,
 * `mean_col`, `mr`, `amr`, `lpl`, `upl`, `nlpl`, `nupl`, `outside_limits`, `relative_to_mean`, `close_to_limits`);
 * NHS England "Making Data Count" guidance: limits at mean +/- 2.66 x mean moving range (3 sigma), 2 sigma at
 * two-thirds of that.
 */

import type { CentreMethod } from './types.js';

/** Process limits at centre +/- LIMIT x mean moving range (ptd_spc_standard.R: `limit <- 2.66`; MDC: 3 sigma). */
export const LIMIT = 2.66;

/** "Near" limits at 2 sigma (ptd_spc_standard.R: `limitclose <- 2 * (limit / 3)`), the same expression. */
export const LIMIT_CLOSE = 2 * (LIMIT / 3);

/**
 * Moving ranges not below SCREEN_FACTOR x mean moving range are dropped when screening (ptd_spc_standard.R:
 * `.data$mr < 3.267 * .data$amr ~ .data$mr`, else NA; Nelson 1982, the D4 constant of an n = 2 range chart).
 */
export const SCREEN_FACTOR = 3.267;

/** Limits of one segment and the per-point facts the rules need. */
export interface SegmentLimits {
  mean: number;
  centre: number;
  movingRangeMean: number;
  movingRangeMeanUnscreened: number;
  /** Positions (within the segment) whose moving range was screened out. */
  screenedOut: number[];
  lowerLimit: number;
  upperLimit: number;
  lowerTwoSigma: number;
  upperTwoSigma: number;
  /** True when every baseline moving range is 0, so the limits equal the centre line (see {@link segmentLimits}). */
  degenerate: boolean;
  /**
   * False when screening removed every moving range: R's limits are then NaN, so no point is outside or near them,
   * and {@link pointFacts} flags none either.
   */
  limitRulesApply: boolean;
}

/** Facts about each point relative to the limits (NHSRplotthedots columns of the same names). */
export interface PointFacts {
  outsideLimits: (boolean | null)[];
  relativeToMean: (-1 | 0 | 1 | null)[];
  closeToLimits: (boolean | null)[];
}

/**
 * Exact summation (Shewchuk's algorithm, as Python's `math.fsum`): the non-overlapping partials whose sum is exactly
 * the sum of `xs`.
 */
function exactPartials(xs: readonly number[]): number[] {
  const partials: number[] = [];
  for (let x of xs) {
    let i = 0;
    for (let y of partials) {
      if (Math.abs(x) < Math.abs(y)) [x, y] = [y, x];
      const hi = x + y;
      const lo = y - (hi - x);
      if (lo !== 0) partials[i++] = lo;
      x = hi;
    }
    partials.length = i;
    partials.push(x);
  }
  return partials;
}

/** The correctly rounded value of a sum of partials from {@link exactPartials} (Python `math.fsum`'s last step). */
function roundPartials(partials: readonly number[]): number {
  let n = partials.length;
  if (n === 0) return 0;
  let hi = partials[--n] as number;
  let lo = 0;
  while (n > 0) {
    const x = hi;
    const y = partials[--n] as number;
    hi = x + y;
    lo = y - (hi - x);
    if (lo !== 0) break;
  }
  // round half to even across the remaining partials
  if (n > 0 && ((lo < 0 && (partials[n - 1] as number) < 0) || (lo > 0 && (partials[n - 1] as number) > 0))) {
    const y = lo * 2;
    const x = hi + y;
    if (y === x - hi) hi = x;
  }
  return hi;
}

/** a * b as an exact pair [product, error] (Dekker's TwoProduct with Veltkamp splitting). */
function twoProduct(a: number, b: number): [number, number] {
  const p = a * b;
  const split = (v: number): [number, number] => {
    const c = 134217729 * v; // 2^27 + 1
    const hi = c - (c - v);
    return [hi, v - hi];
  };
  const [ah, al] = split(a);
  const [bh, bl] = split(b);
  return [p, ah * bh - p + ah * bl + al * bh + al * bl];
}

/**
 * Arithmetic mean, correctly rounded. R's `mean()` (src/main/summary.c) sums in long double, divides by n and adds
 * the mean of the residuals, which in practice gives the correctly rounded mean; this computes the exact sum, divides,
 * and corrects by the exactly computed remainder (sum - n x mean) / n, so the two agree to the last bit in practice.
 * NaN for an empty vector, as `mean(numeric())` is NaN in R.
 */
export function rMean(xs: readonly number[]): number {
  const n = xs.length;
  if (n === 0) return Number.NaN;
  const partials = exactPartials(xs);
  const m0 = roundPartials(partials) / n;
  if (!Number.isFinite(m0)) return m0;
  const [p, e] = twoProduct(m0, n);
  const remainder = roundPartials(exactPartials([...partials, -p, -e]));
  return m0 + remainder / n;
}

/** Median of a non-empty list (R `median()`: mean of the two middle values for an even count). swp extension. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  if (n === 0) return Number.NaN;
  const mid = Math.floor(n / 2);
  const hi = s[mid] as number;
  // R: mean(sort(x, partial = half + 0L:1L)[half + 0L:1L]) for an even count
  return n % 2 === 1 ? hi : rMean([s[mid - 1] as number, hi]);
}

/**
 * Moving ranges of a segment: |y[i] - y[i-1]|, null for the first point and wherever either value is missing
 * (ptd_spc_standard.R: `mr = c(NA, abs(diff(.data$fix_y)))`: NA propagates, so a gap is never bridged).
 */
export function movingRanges(ys: readonly (number | null)[]): (number | null)[] {
  return ys.map((y, i) => {
    if (i === 0) return null;
    const prev = ys[i - 1];
    return y === null || prev === null || prev === undefined ? null : Math.abs(y - prev);
  });
}

/**
 * Compute one segment's centre line, mean moving range (optionally screened) and limits from its baseline values
 * (null where missing or beyond `fixAfterN`), as NHSRplotthedots R/ptd_spc_standard.R `ptd_spc_standard()` does.
 *
 * Returns null when the limits cannot be computed: no non-missing baseline value, or no two consecutive non-missing
 * baseline values (R would give NaN limits).
 *
 * One deliberate deviation: when every baseline moving range is 0 (a constant series) and screening is on, R's strict
 * `mr < 3.267 * amr` drops them all and its limits become NaN, so no point is outside or near them. Here the limits
 * are reported as equal to the centre line (what R gives with `screen_outliers = FALSE`) with `degenerate` set, and
 * `limitRulesApply` is false so that, as in R, no point is flagged against them.
 */
export function segmentLimits(
  baseline: readonly (number | null)[],
  screenOutliers: boolean,
  centreMethod: CentreMethod,
): SegmentLimits | null {
  const present = baseline.filter((y): y is number => y !== null);
  if (present.length === 0) return null;
  // ptd_spc_standard.R: mean_col = mean(.data$fix_y, na.rm = TRUE)
  const mean = rMean(present);
  const centre = centreMethod === 'median' ? median(present) : mean;

  // ptd_spc_standard.R: mr = c(NA, abs(diff(.data$fix_y))); amr = mean(.data$mr, na.rm = TRUE)
  const mr = movingRanges(baseline);
  const mrPresent = mr.filter((m): m is number => m !== null);
  if (mrPresent.length === 0) return null;
  const amrUnscreened = rMean(mrPresent);

  let amr = amrUnscreened;
  const screenedOut: number[] = [];
  let degenerate = false;
  let limitRulesApply = true;
  if (screenOutliers) {
    // ptd_spc_standard.R: keep mr only where mr < 3.267 * amr (strict), then amr = mean(mr, na.rm = TRUE)
    const threshold = SCREEN_FACTOR * amrUnscreened;
    const kept: number[] = [];
    mr.forEach((m, i) => {
      if (m === null) return;
      if (m < threshold) kept.push(m);
      else screenedOut.push(i);
    });
    if (kept.length === 0) {
      // Only possible when every moving range is 0 (0 < 0 is false): see the deviation note above.
      degenerate = true;
      limitRulesApply = false;
      screenedOut.length = 0;
      amr = amrUnscreened;
    } else {
      amr = rMean(kept);
    }
  } else if (amrUnscreened === 0) {
    degenerate = true;
  }

  return {
    mean,
    centre,
    movingRangeMean: amr,
    movingRangeMeanUnscreened: amrUnscreened,
    screenedOut,
    // ptd_spc_standard.R: lpl = mean_col - (limit * amr), upl = mean_col + (limit * amr)
    lowerLimit: centre - LIMIT * amr,
    upperLimit: centre + LIMIT * amr,
    // ptd_spc_standard.R: nlpl = mean_col - (limitclose * amr), nupl = mean_col + (limitclose * amr)
    lowerTwoSigma: centre - LIMIT_CLOSE * amr,
    upperTwoSigma: centre + LIMIT_CLOSE * amr,
    degenerate,
    limitRulesApply,
  };
}

/**
 * Classify every value of a segment against its limits (ptd_spc_standard.R): `outside_limits` (strictly beyond a
 * process limit), `relative_to_mean` (`sign(y - mean_col)`, 0 exactly on the centre line) and `close_to_limits`
 * (not outside, strictly beyond 2 sigma). Missing values give null in every column, as NA does in R. When
 * `limits.limitRulesApply` is false (R's limits would be NaN) no point is outside or close to the limits.
 */
export function pointFacts(ys: readonly (number | null)[], limits: SegmentLimits): PointFacts {
  const outsideLimits: (boolean | null)[] = [];
  const relativeToMean: (-1 | 0 | 1 | null)[] = [];
  const closeToLimits: (boolean | null)[] = [];
  for (const y of ys) {
    if (y === null) {
      outsideLimits.push(null);
      relativeToMean.push(null);
      closeToLimits.push(null);
      continue;
    }
    const outside = limits.limitRulesApply && (y > limits.upperLimit || y < limits.lowerLimit);
    outsideLimits.push(outside);
    const d = y - limits.centre;
    relativeToMean.push(d > 0 ? 1 : d < 0 ? -1 : 0);
    closeToLimits.push(
      limits.limitRulesApply && !outside && (y < limits.lowerTwoSigma || y > limits.upperTwoSigma),
    );
  }
  return { outsideLimits, relativeToMean, closeToLimits };
}
