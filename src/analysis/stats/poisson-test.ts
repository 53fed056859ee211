/**
 * Exact comparison of two Poisson counts with their exposures (e.g. this year's crimes against last year's, each per
 * its population), by the conditional binomial test.
 *
 * Source: R `stats::poisson.test(c(x1, x2), c(t1, t2))` (two-sample case), which conditions on the total n = x1 + x2:
 * under H0 (equal rates) the later count is Binomial(n, t2 / (t1 + t2)) (Przyborowski J & Wilenski H (1940)
 * Biometrika 31:313–323). It then runs `binom.test` (Clopper CJ & Pearson ES (1934) Biometrika 26:404–413):
 *   - two-sided p-value: the sum of the probabilities of all outcomes no more likely than the one observed,
 *     P = Σ { dbinom(i, n, p0) : dbinom(i, n, p0) ≤ dbinom(x, n, p0)·(1 + 1e-7) } (R's relErr), capped at 1;
 *   - Clopper–Pearson limits for the binomial proportion p: qbeta(α/2, x, n − x + 1) and qbeta(1 − α/2, x + 1, n − x)
 *     (0 when x = 0, 1 when x = n), turned into limits for the rate ratio by p/(1 − p)·t1/t2.
 * Here the rate ratio is later / earlier, i.e. R's `poisson.test(c(x2, x1), c(t2, t1))`; R's `poisson.test(c(x1, x2),
 * c(t1, t2))` reports the reciprocal, with the same p-value.
 */
import { StatsInputError } from './errors.js';
import { checkLevel, checkPositive, checkWholeCount, dbinom, pbinom, pbinomUpper, qbeta } from './internal.js';

/** A count of events and the exposure it arose from (a population, person-years…). */
export interface CountWithExposure {
  count: number;
  exposure: number;
}

export interface PoissonTestOptions {
  /** Significance level for `direction`; default 0.05. */
  alpha?: number;
  /** Confidence level of the rate-ratio interval; default 0.95. */
  confidence?: number;
}

export type ChangeDirection = 'increase' | 'decrease' | 'no-significant-change';

export interface PoissonTestResult {
  /** Exact two-sided p-value (R `poisson.test(...)$p.value`). */
  pValue: number;
  /** (later count / later exposure) / (earlier count / earlier exposure); null when the earlier count is 0. */
  rateRatio: number | null;
  /** Exact (Clopper–Pearson based) confidence limits of the rate ratio later/earlier. */
  lower: number;
  /** Upper limit; Infinity when the earlier count is 0 (nothing bounds the ratio above). */
  upper: number;
  /** (rateRatio − 1) × 100, the percentage change from the earlier period; null when the earlier count is 0. */
  percentChange: number | null;
  /** 'increase' / 'decrease' when pValue < alpha, by the sign of the change; else 'no-significant-change'. */
  direction: ChangeDirection;
  alpha: number;
  confidence: number;
}

/**
 * Compare an earlier and a later count, each with its exposure, by R's exact `poisson.test`.
 *
 * Both counts 0 is allowed (a rare offence with none in either period): p-value 1, no ratio, limits [0, ∞).
 *
 * @throws StatsInputError if a count is not a whole number ≥ 0, an exposure is not a finite number > 0, or alpha or
 *   confidence is not strictly between 0 and 1.
 */
export function comparePoissonCounts(
  earlier: CountWithExposure,
  later: CountWithExposure,
  options: PoissonTestOptions = {},
): PoissonTestResult {
  const x1 = checkWholeCount('earlier.count', earlier?.count);
  const t1 = checkPositive('earlier.exposure', earlier?.exposure);
  const x2 = checkWholeCount('later.count', later?.count);
  const t2 = checkPositive('later.exposure', later?.exposure);
  const alpha = checkLevel('alpha', options.alpha ?? 0.05);
  const confidence = checkLevel('confidence', options.confidence ?? 0.95);

  const n = x1 + x2;
  // Probability that an event falls in the later period when the rates are equal.
  const p0 = t2 / (t1 + t2);
  if (!(p0 > 0 && p0 < 1)) {
    throw new StatsInputError('exposure', [t1, t2], 'the two exposures are too far apart in size to compare');
  }

  const pValue = n === 0 ? 1 : binomTestTwoSidedPValue(x2, n, p0);
  const { lower: pL, upper: pU } = n === 0 ? { lower: 0, upper: 1 } : clopperPearson(x2, n, confidence);
  const toRatio = (p: number): number => (p >= 1 ? Infinity : (p / (1 - p)) * (t1 / t2));

  const rateRatio = x1 === 0 ? null : x2 / t2 / (x1 / t1);
  const percentChange = rateRatio === null ? null : (rateRatio - 1) * 100;
  let direction: ChangeDirection = 'no-significant-change';
  if (pValue < alpha) direction = x2 / t2 > x1 / t1 ? 'increase' : 'decrease';

  return { pValue, rateRatio, lower: toRatio(pL), upper: toRatio(pU), percentChange, direction, alpha, confidence };
}

/** Relative tolerance R's binom.test uses when collecting outcomes "no more likely" than the observed one. */
const REL_ERR = 1 + 1e-7;

/**
 * Two-sided p-value of the exact binomial test of x successes in n trials against probability p, exactly as R's
 * `binom.test(x, n, p)$p.value` computes it (R src/library/stats/R/binom.test.R).
 *
 * R scans every outcome on the far side of the mean; since the binomial pmf never increases from the mode outwards,
 * the outcomes with pmf ≤ d·(1 + 1e-7) on that side form one tail, found here by bisection, so n in the millions costs
 * a few dozen pmf evaluations instead of n.
 */
export function binomTestTwoSidedPValue(x: number, n: number, p: number): number {
  checkWholeCount('x', x);
  checkWholeCount('n', n);
  if (x > n) throw new StatsInputError('x', x, `must not be greater than n (${n})`);
  if (typeof p !== 'number' || !(p >= 0 && p <= 1)) throw new StatsInputError('p', p, 'must be between 0 and 1');
  if (p === 0) return x === 0 ? 1 : 0;
  if (p === 1) return x === n ? 1 : 0;
  const d = dbinom(x, n, p) * REL_ERR;
  const m = n * p;
  let pValue: number;
  if (x === m) return 1;
  if (x < m) {
    // Outcomes above the mean: pmf is non-increasing on [ceil(m), n], so those with pmf ≤ d are a suffix [j, n].
    const j = firstIndex(Math.ceil(m), n, (i) => dbinom(i, n, p) <= d);
    pValue = pbinom(x, n, p) + (j === null ? 0 : pbinomUpper(j - 1, n, p));
  } else {
    // Outcomes below the mean: pmf is non-decreasing on [0, floor(m)], so those with pmf ≤ d are a prefix [0, j].
    const j = lastIndex(0, Math.floor(m), (i) => dbinom(i, n, p) <= d);
    pValue = (j === null ? 0 : pbinom(j, n, p)) + pbinomUpper(x - 1, n, p);
  }
  return Math.min(1, pValue);
}

/** Clopper–Pearson ("exact") limits for a binomial proportion, as R's binom.test. */
export function clopperPearson(x: number, n: number, confidence = 0.95): { lower: number; upper: number } {
  checkWholeCount('x', x);
  checkWholeCount('n', n);
  if (n === 0) throw new StatsInputError('n', n, 'must be at least 1');
  if (x > n) throw new StatsInputError('x', x, `must not be greater than n (${n})`);
  const a = (1 - checkLevel('confidence', confidence)) / 2;
  return {
    lower: x === 0 ? 0 : qbeta(a, x, n - x + 1),
    upper: x === n ? 1 : qbeta(1 - a, x + 1, n - x),
  };
}

/** Smallest i in [lo, hi] with pred(i), for a predicate false-then-true on the range; null if none. */
function firstIndex(lo: number, hi: number, pred: (i: number) => boolean): number | null {
  if (lo > hi || !pred(hi)) return null;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (pred(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Largest i in [lo, hi] with pred(i), for a predicate true-then-false on the range; null if none. */
function lastIndex(lo: number, hi: number, pred: (i: number) => boolean): number | null {
  if (lo > hi || !pred(lo)) return null;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (pred(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
