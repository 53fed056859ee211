/**
 * Internal helpers of the statistics layer: argument checks and the distribution functions, in one place so that each
 * method file reads as its formula. Not re-exported from `index.ts`.
 *
 * Distribution functions come from stdlib (https://stdlib.io, Apache-2.0), which implements them after the same
 * algorithms as R's nmath / Boost / Cephes; in this layer's tests they agree with R's `qnorm`, `pnorm`, `dbinom`,
 * `pbinom` and `qbeta` well within the 1e-10 relative tolerance used there (usually to ~1e-15). The chi-squared
 * quantile is swp's own (./gamma.ts).
 */
import betaQuantile from '@stdlib/stats-base-dists-beta-quantile';
import binomialCdf from '@stdlib/stats-base-dists-binomial-cdf';
import binomialPmf from '@stdlib/stats-base-dists-binomial-pmf';
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';

import { StatsInputError } from './errors.js';
import { chisqQuantile } from './gamma.js';

// ---------------------------------------------------------------------------------------------------------------------
// Argument checks. Each throws StatsInputError naming the argument.

/** A finite number ≥ 0 (a count of events may be non-integer when it is, e.g., an annual average). */
export function checkCount(name: string, x: unknown): number {
  if (typeof x !== 'number' || !Number.isFinite(x) || x < 0) {
    throw new StatsInputError(name, x, 'must be a finite number greater than or equal to 0');
  }
  return x;
}

/** A whole number ≥ 0 (needed where a binomial distribution is used). */
export function checkWholeCount(name: string, x: unknown): number {
  checkCount(name, x);
  if (!Number.isInteger(x)) throw new StatsInputError(name, x, 'must be a whole number');
  return x as number;
}

/** A finite number > 0 (a population, a person-time, a multiplier). */
export function checkPositive(name: string, x: unknown): number {
  if (typeof x !== 'number' || !Number.isFinite(x) || x <= 0) {
    throw new StatsInputError(name, x, 'must be a finite number greater than 0');
  }
  return x;
}

/** A finite number (any sign). */
export function checkFinite(name: string, x: unknown): number {
  if (typeof x !== 'number' || !Number.isFinite(x)) throw new StatsInputError(name, x, 'must be a finite number');
  return x;
}

/** A probability strictly between 0 and 1 (a confidence level such as 0.95, or a significance level α). */
export function checkLevel(name: string, x: unknown): number {
  if (typeof x !== 'number' || !Number.isFinite(x) || x <= 0 || x >= 1) {
    throw new StatsInputError(name, x, 'must be a number strictly between 0 and 1 (e.g. 0.95, not 95)');
  }
  return x;
}

// ---------------------------------------------------------------------------------------------------------------------
// Distribution functions.

/** Standard normal quantile, R `qnorm(p)`. */
export function qnorm(p: number): number {
  return normalQuantile(p, 0, 1);
}

/** Two-sided critical value for a confidence level: `qnorm(confidence + (1 - confidence) / 2)` as in PHE's R code. */
export function zFor(confidence: number): number {
  return qnorm(confidence + (1 - confidence) / 2);
}

/**
 * Chi-squared quantile, R `qchisq(p, df)`; `qchisq(p, 0)` is 0 as in R. Our own incomplete gamma (./gamma.ts), not
 * @stdlib's, whose upper-tail quantiles are high once the quantile passes 2000 (see gamma.ts).
 */
export function qchisq(p: number, df: number): number {
  if (df === 0) return 0;
  return chisqQuantile(p, df);
}

/** Beta quantile, R `qbeta(p, a, b)`. */
export function qbeta(p: number, a: number, b: number): number {
  return betaQuantile(p, a, b);
}

/** Binomial probability mass, R `dbinom(k, n, p)`. */
export function dbinom(k: number, n: number, p: number): number {
  return binomialPmf(k, n, p);
}

/** Binomial lower tail P(X ≤ k), R `pbinom(k, n, p)`; 0 for k < 0 and 1 for k ≥ n. */
export function pbinom(k: number, n: number, p: number): number {
  if (k < 0) return 0;
  if (k >= n) return 1;
  return binomialCdf(k, n, p);
}

/**
 * Binomial upper tail P(X > k), R `pbinom(k, n, p, lower.tail = FALSE)`, computed as the lower tail of the mirrored
 * distribution, P(n − X < n − k) = P(Y ≤ n − k − 1) with Y ~ Bin(n, 1 − p), so that small tail probabilities keep
 * their precision instead of vanishing in `1 − pbinom(…)`.
 */
export function pbinomUpper(k: number, n: number, p: number): number {
  if (k < 0) return 1;
  if (k >= n) return 0;
  return pbinom(n - k - 1, n, 1 - p);
}

/**
 * Upper tail of the chi-squared distribution with 1 degree of freedom, R `pchisq(x, 1, lower.tail = FALSE)`, as
 * 2·Φ(−√x) (a χ²₁ variable is the square of a standard normal one), which keeps precision for very small p-values.
 */
export function pchisq1Upper(x: number): number {
  if (!(x > 0)) return 1;
  return 2 * normalCdf(-Math.sqrt(x), 0, 1);
}
