/**
 * Proportions with Wilson score confidence limits, as Public Health England / OHID compute them for Fingertips.
 *
 * Source: PHEindicatormethods `phe_proportion` (R/Proportions.R) with `wilson_lower` / `wilson_upper` (R/utils.R);
 * Wilson EB (1927) "Probable inference, the law of succession, and statistical inference", JASA 22:209–212;
 * Newcombe RG (1998) "Two-sided confidence intervals for the single proportion", Stat Med 17:857–872 (method 3);
 * Newcombe & Altman in Altman et al. (eds) "Statistics with confidence", 2nd edn (2000), pp. 46–48:
 *
 *   lower, upper = (2x + z² ∓ z·√(z² + 4x(1 − x/n))) / (2(n + z²)),   z = qnorm(1 − α/2) at full precision.
 *
 * This is the interval R's `prop.test(x, n, correct = FALSE)$conf.int` gives (no continuity correction).
 */
import { StatsInputError } from './errors.js';
import { checkCount, checkLevel, checkPositive, pchisq1Upper, zFor } from './internal.js';

export interface ProportionOptions {
  /** 1 for a proportion (default), 100 for a percentage, 1,000 for per 1,000… */
  multiplier?: number;
  /** Two-sided confidence level, strictly between 0 and 1; default 0.95. */
  confidence?: number;
}

export interface ProportionResult {
  /** numerator / denominator × multiplier. */
  value: number;
  /** Wilson lower limit × multiplier (exactly 0 when the numerator is 0). */
  lower: number;
  /** Wilson upper limit × multiplier (exactly the multiplier when numerator = denominator). */
  upper: number;
  method: 'wilson';
  confidence: number;
  multiplier: number;
}

/**
 * Wilson score limits for x events in n trials, on the 0–1 scale (PHEindicatormethods `wilson_lower`/`wilson_upper`).
 * The limits are clamped into [0, 1]: at x = 0 and x = n the formula gives 0 and 1 up to rounding.
 */
export function wilsonLimits(
  numerator: number,
  denominator: number,
  confidence = 0.95,
): { lower: number; upper: number } {
  const { x, n } = checkProportionInput(numerator, denominator);
  const z = zFor(checkLevel('confidence', confidence));
  const z2 = z * z;
  const centre = 2 * x + z2;
  const spread = z * Math.sqrt(z2 + 4 * x * (1 - x / n));
  const divisor = 2 * (n + z2);
  const lower = x === 0 ? 0 : Math.max(0, (centre - spread) / divisor);
  const upper = x === n ? 1 : Math.min(1, (centre + spread) / divisor);
  return { lower, upper };
}

/**
 * A proportion (or percentage, with `multiplier: 100`) with Wilson score confidence limits.
 *
 * @throws StatsInputError if the numerator is negative or not finite, the denominator is not a finite number > 0,
 *   the numerator exceeds the denominator, the multiplier is not finite and > 0, or the confidence is not in (0, 1).
 */
export function proportion(numerator: number, denominator: number, options: ProportionOptions = {}): ProportionResult {
  const { x, n } = checkProportionInput(numerator, denominator);
  const multiplier = checkPositive('multiplier', options.multiplier ?? 1);
  const confidence = checkLevel('confidence', options.confidence ?? 0.95);
  const { lower, upper } = wilsonLimits(x, n, confidence);
  return {
    value: (x / n) * multiplier,
    lower: lower * multiplier,
    upper: upper * multiplier,
    method: 'wilson',
    confidence,
    multiplier,
  };
}

function checkProportionInput(numerator: number, denominator: number): { x: number; n: number } {
  const x = checkCount('numerator', numerator);
  const n = checkPositive('denominator', denominator);
  if (x > n) {
    throw new StatsInputError('numerator', numerator, `must not be greater than the denominator (${denominator})`);
  }
  return { x, n };
}

/** Result of comparing two proportions (earlier → later). */
export interface ProportionChange {
  /** Pearson χ² statistic (1 df) of the 2×2 table. */
  statistic: number;
  pValue: number;
  /** (later − earlier) / earlier × 100, in percent of the earlier proportion; null when the earlier is 0. */
  percentChange: number | null;
  /** Change in percentage points × multiplier-free: (later − earlier) on the 0–1 scale. */
  difference: number;
  direction: 'increase' | 'decrease' | 'no-significant-change';
}

/**
 * Two-sample test of equal proportions: Pearson's χ² on the 2×2 table without continuity correction, the statistic
 * R's `prop.test(c(x1, x2), c(n1, n2), correct = FALSE)` reports (Newcombe & Altman 2000; Agresti, "Categorical
 * Data Analysis", §3.1). Used for proportions (e.g. proven reoffending) where the Poisson test for counts does not
 * apply because the event is common.
 */
export function compareProportions(
  earlier: { numerator: number; denominator: number },
  later: { numerator: number; denominator: number },
  alpha = 0.05,
): ProportionChange {
  const x1 = checkCount('earlier.numerator', earlier.numerator);
  const n1 = checkPositive('earlier.denominator', earlier.denominator);
  const x2 = checkCount('later.numerator', later.numerator);
  const n2 = checkPositive('later.denominator', later.denominator);
  if (x1 > n1) throw new StatsInputError('earlier.numerator', x1, `must not be greater than the denominator (${n1})`);
  if (x2 > n2) throw new StatsInputError('later.numerator', x2, `must not be greater than the denominator (${n2})`);
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const pooled = (x1 + x2) / (n1 + n2);
  const variance = pooled * (1 - pooled) * (1 / n1 + 1 / n2);
  const statistic = variance > 0 ? (p2 - p1) ** 2 / variance : 0;
  const pValue = pchisq1Upper(statistic);
  const significant = pValue < alpha;
  return {
    statistic,
    pValue,
    percentChange: p1 > 0 ? ((p2 - p1) / p1) * 100 : null,
    difference: p2 - p1,
    direction: !significant || p2 === p1 ? 'no-significant-change' : p2 > p1 ? 'increase' : 'decrease',
  };
}
