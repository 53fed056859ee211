/**
 * Crude rates with confidence limits, as Public Health England / OHID compute them for Fingertips.
 *
 * Source: PHEindicatormethods `phe_rate` (R/Rates.R) and its `byars_lower` / `byars_upper` (R/utils.R), which
 * implement the Fingertips Public Health Technical Guidance ("Confidence intervals": crude rates):
 *   - count < 10: exact Poisson limits (Armitage & Berry 2002), via the chi-squared distribution:
 *       lower = qchisq(α/2, 2x) / 2,   upper = qchisq(1 − α/2, 2x + 2) / 2
 *   - count ≥ 10: Byar's approximation (Breslow & Day 1987, vol. II):
 *       lower = x · (1 − 1/(9x) − z/(3√x))³,   upper = (x+1) · (1 − 1/(9(x+1)) + z/(3√(x+1)))³
 *   with z = qnorm(1 − α/2) at full precision (1.959963984540054 for 95%, not 1.96); the limits on the count are then
 *   divided by the denominator and multiplied by the multiplier, exactly as the rate itself.
 */
import { StatsInputError } from './errors.js';
import { checkCount, checkLevel, checkPositive, qchisq, zFor } from './internal.js';

/** Which confidence-interval method was used: exact Poisson below 10 events, Byar's from 10. */
export type RateMethod = 'exact-poisson' | 'byar';

export interface RateOptions {
  /** Rate per how many of the denominator: 1,000 or 100,000 usually (PHE's default is 100,000). */
  multiplier: number;
  /** Two-sided confidence level, strictly between 0 and 1; default 0.95 (Fingertips also uses 0.998). */
  confidence?: number;
}

export interface RateResult {
  /** count / denominator × multiplier. */
  value: number;
  /** Lower confidence limit of the rate (0 when the count is 0). */
  lower: number;
  /** Upper confidence limit of the rate. */
  upper: number;
  method: RateMethod;
  confidence: number;
  multiplier: number;
}

/** The count at and above which PHE switches from exact Poisson limits to Byar's method. */
export const BYAR_THRESHOLD = 10;

/** Limits on a Poisson count: `[lower, upper]` of the expected number of events. */
export interface CountLimits {
  lower: number;
  upper: number;
  method: RateMethod;
}

/**
 * Confidence limits for an observed Poisson count, PHE-style: exact below 10 events, Byar's from 10.
 * (PHEindicatormethods `phe_rate` before the division by the denominator.)
 */
export function poissonCountLimits(count: number, confidence = 0.95): CountLimits {
  const x = checkCount('count', count);
  const c = checkLevel('confidence', confidence);
  if (x < BYAR_THRESHOLD) {
    // Exact: Armitage & Berry (2002); PHEindicatormethods phe_rate: qchisq((1-confidence)/2, 2*x)/2 and
    // qchisq(confidence+(1-confidence)/2, 2*x+2)/2. qchisq(p, 0) = 0, so a count of 0 has lower limit 0.
    const lower = x === 0 ? 0 : qchisq((1 - c) / 2, 2 * x) / 2;
    const upper = qchisq(c + (1 - c) / 2, 2 * x + 2) / 2;
    return { lower, upper, method: 'exact-poisson' };
  }
  return { lower: byarsLower(x, c), upper: byarsUpper(x, c), method: 'byar' };
}

/** Byar's lower limit for a count, PHEindicatormethods `byars_lower`: x·(1 − 1/(9x) − z/(3√x))³. */
export function byarsLower(count: number, confidence = 0.95): number {
  const x = checkCount('count', count);
  const z = zFor(checkLevel('confidence', confidence));
  if (x === 0) return 0;
  const base = 1 - 1 / (9 * x) - z / (3 * Math.sqrt(x));
  // PHE returns NA where the approximation goes negative (tiny counts, or confidence very near 1). For counts ≥ 10
  // that needs z > 9.38, beyond any confidence a double can hold, and crudeRate never uses it below 10; a limit on a
  // count cannot be negative, so 0 is returned there.
  return base <= 0 ? 0 : x * base ** 3;
}

/** Byar's upper limit for a count, PHEindicatormethods `byars_upper`: (x+1)·(1 − 1/(9(x+1)) + z/(3√(x+1)))³. */
export function byarsUpper(count: number, confidence = 0.95): number {
  const x = checkCount('count', count);
  const z = zFor(checkLevel('confidence', confidence));
  const x1 = x + 1;
  return x1 * (1 - 1 / (9 * x1) + z / (3 * Math.sqrt(x1))) ** 3;
}

/**
 * Crude rate per `multiplier` with PHE confidence limits (see the file header for the method and its sources).
 *
 * @throws StatsInputError if the count is negative or not finite, the denominator is 0, negative or not finite, the
 *   multiplier is not a finite positive number, or the confidence is not strictly between 0 and 1.
 */
export function crudeRate(count: number, denominator: number, options: RateOptions): RateResult {
  const x = checkCount('count', count);
  const n = checkPositive('denominator', denominator);
  if (options === null || typeof options !== 'object') {
    throw new StatsInputError('options', options, 'must be an object with a multiplier');
  }
  const multiplier = checkPositive('multiplier', options.multiplier);
  const confidence = checkLevel('confidence', options.confidence ?? 0.95);
  const limits = poissonCountLimits(x, confidence);
  return {
    value: (x / n) * multiplier,
    lower: (limits.lower / n) * multiplier,
    upper: (limits.upper / n) * multiplier,
    method: limits.method,
    confidence,
    multiplier,
  };
}
