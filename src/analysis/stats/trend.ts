/**
 * Tests for a trend over three or more periods.
 *
 * What Fingertips does (checked in its source, see `fingertipsRecentTrend…` below): its "recent trend" marker uses
 * the five most recent values and a χ² test on one degree of freedom at the 99.8% level (χ² > qchisq(0.998, 1) =
 * 9.5495), plus a leave-one-out check that no single point flips the slope:
 *   - proportions: the χ² test for trend in proportions (Armitage), the statistic R's `prop.trend.test` computes;
 *   - every other indicator type (rates included): a weighted least-squares slope of the values on time, weights
 *     1/SE² with SE = (upper − lower) / (2·z) from each value's 95% limits, χ² = slope² / Var(slope).
 * Sources: OHID, Fingertips Public Health Technical Guidance, "Fingertips trend markers"; PHEindicatormethods
 * `assign_trend_markers` with `calculate_trend_logistic_regression` / `calculate_trend_weighted_regression`
 * (R/TrendMarkers.R, R/utils.R in dhsc-govuk/PHEindicatormethods); Fingertips' own `TrendMarkerCalculator`
 * (ukhsa-collaboration/fingertips-open, PholioVisualisation.Analysis.TrendMarkers).
 *
 * This file gives:
 *   (a) `chiSquaredTrendProportions` — R `prop.trend.test(x, n, score)`, for any number ≥ 3 of periods, at a chosen α;
 *   (b) `poissonTrendTest` — the χ² score test for a log-linear trend in Poisson rates (counts with populations),
 *       the Poisson analogue of (a). Fingertips does not use it: for rates it uses (d), which needs each value's
 *       confidence limits, whereas (b) works from the counts and populations alone, over any number ≥ 3 of periods;
 *   (c) `fingertipsRecentTrendProportion` and (d) `fingertipsRecentTrendValue` — the Fingertips recent-trend marker.
 */
import { StatsInputError } from './errors.js';
import {
  checkCount,
  checkFinite,
  checkLevel,
  checkPositive,
  pchisq1Upper,
  qchisq,
  zFor,
} from './internal.js';

export type TrendDirection = 'increasing' | 'decreasing' | 'no-significant-change';

export interface TrendTestOptions {
  /**
   * Scores of the periods (their position in time), one per period; default 1, 2, 3, … as R's `prop.trend.test`.
   * Use the years themselves (e.g. 2019, 2020, 2022) when periods are unevenly spaced.
   */
  scores?: readonly number[];
  /** Significance level for `direction`; default 0.05. */
  alpha?: number;
}

export interface TrendTestResult {
  method: 'chi-squared-trend-proportions' | 'poisson-score-trend';
  /** The χ² statistic on 1 degree of freedom. */
  statistic: number;
  df: 1;
  /** Upper-tail probability of the statistic, R `pchisq(statistic, 1, lower.tail = FALSE)`. */
  pValue: number;
  /** 'increasing' / 'decreasing' when pValue < alpha, by the sign of the trend; else 'no-significant-change'. */
  direction: TrendDirection;
  alpha: number;
}

/**
 * χ² test for (linear) trend in proportions — Armitage P (1955) "Tests for linear trends in proportions and
 * frequencies", Biometrics 11:375–386; Cochran WG (1954) Biometrics 10:417–451 — matching R
 * `prop.trend.test(x, n, score)`:
 *
 *   p̄ = Σx / Σn,  t̄ = Σ nᵢtᵢ / Σn,  χ² = [Σ xᵢ(tᵢ − t̄)]² / [p̄(1 − p̄) · Σ nᵢ(tᵢ − t̄)²]
 *
 * (without the N/(N − 1) factor of Cochran–Armitage's permutation form, like R and Fingertips). The direction is the
 * sign of Σ xᵢ(tᵢ − t̄): positive when the proportion rises with the score. If every numerator is 0, or every
 * numerator equals its denominator, there is no variation to test: statistic 0, p-value 1.
 *
 * @throws StatsInputError for fewer than 3 periods, arrays of different lengths, a numerator < 0 or > its
 *   denominator, a denominator ≤ 0, non-finite values, or scores that are all equal.
 */
export function chiSquaredTrendProportions(
  numerators: readonly number[],
  denominators: readonly number[],
  options: TrendTestOptions = {},
): TrendTestResult {
  const { x, n, t } = checkSeries(numerators, denominators, options.scores, 'numerators', 'denominators');
  x.forEach((xi, i) => {
    if (xi > (n[i] as number)) {
      throw new StatsInputError(`numerators[${i}]`, xi, `must not be greater than denominators[${i}] (${n[i]})`);
    }
  });
  const alpha = checkLevel('alpha', options.alpha ?? 0.05);
  const X = sum(x);
  const N = sum(n);
  const p = X / N;
  const tBar = sum(n.map((ni, i) => ni * (t[i] as number))) / N;
  const T = sum(x.map((xi, i) => xi * ((t[i] as number) - tBar)));
  const V = p * (1 - p) * sum(n.map((ni, i) => ni * ((t[i] as number) - tBar) ** 2));
  return finish('chi-squared-trend-proportions', T, V, alpha);
}

/**
 * χ² score test for a log-linear trend in Poisson rates: counts Oᵢ with exposures (populations) nᵢ, H0: the rate is
 * the same in every period, against log(rate) = α + β·tᵢ: the score (Rao) test of β = 0 in the Poisson regression
 * log E[Oᵢ] = log nᵢ + α + β·tᵢ, R `anova(glm(O ~ t + offset(log(n)), family = poisson), test = "Rao")` — the test
 * for trend in rates and SMRs of Breslow NE & Day NE (1987) "Statistical Methods in Cancer Research vol. II", IARC:
 *
 *   Eᵢ = nᵢ · ΣO / Σn,  t̄ = Σ nᵢtᵢ / Σn,  χ² = [Σ Oᵢ(tᵢ − t̄)]² / Σ Eᵢ(tᵢ − t̄)²
 *
 * i.e. the proportion test above without its (1 − p̄) factor. Direction: the sign of Σ Oᵢ(tᵢ − t̄). With no events
 * at all the statistic is 0 and the p-value 1.
 *
 * @throws StatsInputError for fewer than 3 periods, arrays of different lengths, a count < 0, an exposure ≤ 0,
 *   non-finite values, or scores that are all equal.
 */
export function poissonTrendTest(
  counts: readonly number[],
  exposures: readonly number[],
  options: TrendTestOptions = {},
): TrendTestResult {
  const { x, n, t } = checkSeries(counts, exposures, options.scores, 'counts', 'exposures');
  const alpha = checkLevel('alpha', options.alpha ?? 0.05);
  const X = sum(x);
  const N = sum(n);
  const tBar = sum(n.map((ni, i) => ni * (t[i] as number))) / N;
  const U = sum(x.map((xi, i) => xi * ((t[i] as number) - tBar)));
  const V = sum(n.map((ni, i) => ((ni * X) / N) * ((t[i] as number) - tBar) ** 2));
  return finish('poisson-score-trend', U, V, alpha);
}

function finish(method: TrendTestResult['method'], score: number, variance: number, alpha: number): TrendTestResult {
  const statistic = variance > 0 ? (score * score) / variance : 0;
  const pValue = pchisq1Upper(statistic);
  let direction: TrendDirection = 'no-significant-change';
  if (pValue < alpha && score !== 0) direction = score > 0 ? 'increasing' : 'decreasing';
  return { method, statistic, df: 1, pValue, direction, alpha };
}

function checkSeries(
  counts: readonly number[],
  totals: readonly number[],
  scores: readonly number[] | undefined,
  countName: string,
  totalName: string,
): { x: number[]; n: number[]; t: number[] } {
  if (!Array.isArray(counts)) throw new StatsInputError(countName, counts, 'must be an array of numbers');
  if (!Array.isArray(totals)) throw new StatsInputError(totalName, totals, 'must be an array of numbers');
  if (counts.length < 3) throw new StatsInputError(countName, counts.length, 'a trend needs at least 3 periods');
  if (totals.length !== counts.length) {
    throw new StatsInputError(totalName, totals.length, `must have one value per period (${counts.length})`);
  }
  const x = counts.map((v, i) => checkCount(`${countName}[${i}]`, v));
  const n = totals.map((v, i) => checkPositive(`${totalName}[${i}]`, v));
  let t: number[];
  if (scores === undefined) {
    t = x.map((_, i) => i + 1);
  } else {
    if (!Array.isArray(scores) || scores.length !== counts.length) {
      throw new StatsInputError('scores', scores, `must have one number per period (${counts.length})`);
    }
    t = scores.map((v, i) => checkFinite(`scores[${i}]`, v));
  }
  if (t.every((v) => v === t[0])) throw new StatsInputError('scores', scores, 'must not all be equal');
  return { x, n, t };
}

// ---------------------------------------------------------------------------------------------------------------------
// The Fingertips recent-trend marker.

/** How many of the most recent points Fingertips tests. */
export const FINGERTIPS_TREND_POINTS = 5;

/** Fingertips' threshold: χ² on 1 df above its 99.8% point, qchisq(0.998, 1) = 9.54953570608324. */
export const FINGERTIPS_TREND_THRESHOLD = qchisq(0.998, 1);

export type RecentTrendMarker = TrendDirection | 'cannot-be-calculated';

export type RecentTrendReason =
  | 'not-enough-points'
  | 'no-significant-trend'
  | 'outlier-found'
  | 'significant-trend'
  | 'proportion-of-0-or-1';

export interface RecentTrendResult {
  marker: RecentTrendMarker;
  reason: RecentTrendReason;
  /** χ² statistic of the five points (null when not calculated). */
  statistic: number | null;
  /** Slope whose sign gives the direction (logit scale for proportions, value per period otherwise). */
  slope: number | null;
  /** Periods of the points tested, oldest first. */
  periodsUsed: number[];
}

export interface ProportionPoint {
  /** The period as a number, e.g. the year 2023 (or the first year of a financial year). */
  period: number;
  numerator: number;
  denominator: number;
}

export interface ValuePoint {
  period: number;
  value: number;
  /** Lower confidence limit of the value, at `confidence` (default 95%). */
  lower: number;
  upper: number;
}

/**
 * Fingertips recent-trend marker for a proportion (PHEindicatormethods `assign_trend_markers(value_type =
 * "proportion")`): the five most recent points; χ² for trend in proportions (as `chiSquaredTrendProportions` with
 * the periods as scores) must exceed 9.5495 (99.8%); direction from the unweighted least-squares slope of
 * logit(pᵢ) on the period; and if dropping any one of the five points changes the sign of that slope, the trend is
 * reported as 'no-significant-change' ('outlier-found').
 *
 * Fingertips' criteria for applying the test (yearly, non-overlapping periods without breaks) are the caller's to
 * check. A significant series containing a proportion of exactly 0 or 1 has no logit slope and is reported
 * 'cannot-be-calculated' (PHEindicatormethods fails on it).
 *
 * @throws StatsInputError for repeated periods or invalid numerators/denominators.
 */
export function fingertipsRecentTrendProportion(points: readonly ProportionPoint[]): RecentTrendResult {
  const recent = mostRecent(points);
  if (recent === null) return notEnough();
  const periods = recent.map((p) => p.period);
  const x = recent.map((p, i) => checkCount(`points[${i}].numerator`, p.numerator));
  const n = recent.map((p, i) => checkPositive(`points[${i}].denominator`, p.denominator));
  const { statistic } = chiSquaredTrendProportions(x, n, { scores: periods });
  const logits = x.map((xi, i) => Math.log(xi / (n[i] as number) / (1 - xi / (n[i] as number))));
  const hasLogits = logits.every((v) => Number.isFinite(v));
  const slope = hasLogits ? olsSlope(periods, logits) : null;
  if (!(statistic > FINGERTIPS_TREND_THRESHOLD)) {
    return { marker: 'no-significant-change', reason: 'no-significant-trend', statistic, slope, periodsUsed: periods };
  }
  if (slope === null) {
    return { marker: 'cannot-be-calculated', reason: 'proportion-of-0-or-1', statistic, slope, periodsUsed: periods };
  }
  const outlier = periods.some(
    (_, j) => Math.sign(olsSlope(without(periods, j), without(logits, j))) !== Math.sign(slope),
  );
  return decide(statistic, slope, outlier, periods);
}

/**
 * Fingertips recent-trend marker for any other indicator with confidence limits — crude or standardised rates,
 * ratios, means… (PHEindicatormethods `assign_trend_markers(value_type = "other")`): the five most recent points;
 * weights wᵢ = 1/SEᵢ², SEᵢ = (upperᵢ − lowerᵢ) / (2·qnorm(1 − (1 − confidence)/2)); weighted least-squares slope
 * β = (Σw·Σwvt − Σwt·Σwv) / (Σw·Σwt² − (Σwt)²) with Var(β) = Σw / (Σw·Σwt² − (Σwt)²); χ² = β²/Var(β) must exceed
 * 9.5495 (99.8%); then the same leave-one-out check on the sign of β as for proportions.
 *
 * The statistic does not change with the scale of the values (per 1,000 or per 100,000), provided the value and its
 * limits are on the same scale, so no multiplier is needed.
 *
 * @throws StatsInputError for repeated periods, non-finite values, or a lower limit not below its upper limit.
 */
export function fingertipsRecentTrendValue(
  points: readonly ValuePoint[],
  options: { confidence?: number } = {},
): RecentTrendResult {
  const z2 = 2 * zFor(checkLevel('confidence', options.confidence ?? 0.95));
  const recent = mostRecent(points);
  if (recent === null) return notEnough();
  const periods = recent.map((p) => p.period);
  const v = recent.map((p, i) => checkFinite(`points[${i}].value`, p.value));
  const w = recent.map((p, i) => {
    const lower = checkFinite(`points[${i}].lower`, p.lower);
    const upper = checkFinite(`points[${i}].upper`, p.upper);
    if (!(upper > lower)) throw new StatsInputError(`points[${i}].lower`, lower, `must be below upper (${upper})`);
    return 1 / ((upper - lower) / z2) ** 2;
  });
  const { slope, variance } = weightedSlope(periods, v, w);
  const statistic = (slope * slope) / variance;
  if (!(statistic > FINGERTIPS_TREND_THRESHOLD)) {
    return { marker: 'no-significant-change', reason: 'no-significant-trend', statistic, slope, periodsUsed: periods };
  }
  const outlier = periods.some(
    (_, j) => Math.sign(weightedSlope(without(periods, j), without(v, j), without(w, j)).slope) !== Math.sign(slope),
  );
  return decide(statistic, slope, outlier, periods);
}

function decide(statistic: number, slope: number, outlier: boolean, periods: number[]): RecentTrendResult {
  if (outlier) {
    return { marker: 'no-significant-change', reason: 'outlier-found', statistic, slope, periodsUsed: periods };
  }
  const marker: RecentTrendMarker = slope < 0 ? 'decreasing' : 'increasing';
  return { marker, reason: 'significant-trend', statistic, slope, periodsUsed: periods };
}

function notEnough(): RecentTrendResult {
  return { marker: 'cannot-be-calculated', reason: 'not-enough-points', statistic: null, slope: null, periodsUsed: [] };
}

/** The five most recent points, oldest first; null if there are fewer than five. Periods must be unique. */
function mostRecent<P extends { period: number }>(points: readonly P[]): P[] | null {
  if (!Array.isArray(points)) throw new StatsInputError('points', points, 'must be an array');
  points.forEach((p, i) => checkFinite(`points[${i}].period`, p?.period));
  const sorted = [...points].sort((a, b) => a.period - b.period);
  for (let i = 1; i < sorted.length; i++) {
    if ((sorted[i] as P).period === (sorted[i - 1] as P).period) {
      throw new StatsInputError('points', (sorted[i] as P).period, 'periods must be unique');
    }
  }
  if (sorted.length < FINGERTIPS_TREND_POINTS) return null;
  return sorted.slice(-FINGERTIPS_TREND_POINTS);
}

/** Ordinary least-squares slope of y on t: (NΣyt − ΣyΣt) / (NΣt² − (Σt)²), centred for precision. */
function olsSlope(t: readonly number[], y: readonly number[]): number {
  const tBar = sum(t) / t.length;
  const yBar = sum(y) / y.length;
  const sxy = sum(t.map((ti, i) => (ti - tBar) * ((y[i] as number) - yBar)));
  const sxx = sum(t.map((ti) => (ti - tBar) ** 2));
  return sxy / sxx;
}

/** Weighted least-squares slope of v on t with known variances 1/w, and its variance; centred for precision. */
function weightedSlope(
  t: readonly number[],
  v: readonly number[],
  w: readonly number[],
): { slope: number; variance: number } {
  const W = sum(w);
  const tBar = sum(w.map((wi, i) => wi * (t[i] as number))) / W;
  const vBar = sum(w.map((wi, i) => wi * (v[i] as number))) / W;
  const sxx = sum(w.map((wi, i) => wi * ((t[i] as number) - tBar) ** 2));
  const sxy = sum(w.map((wi, i) => wi * ((t[i] as number) - tBar) * ((v[i] as number) - vBar)));
  // Σw·Σwt² − (Σwt)² = Σw · Σw(t − t̄)², so Var(β) = Σw / (Σw·Σwt² − (Σwt)²) = 1 / Σw(t − t̄)².
  return { slope: sxy / sxx, variance: 1 / sxx };
}

function without<T>(values: readonly T[], j: number): T[] {
  return values.filter((_, i) => i !== j);
}

function sum(values: readonly number[]): number {
  let s = 0;
  for (const v of values) s += v;
  return s;
}
