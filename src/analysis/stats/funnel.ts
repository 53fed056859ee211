/**
 * Funnel plot control limits for rates compared with a target (the partnership's average rate), Poisson exact.
 *
 * Sources: Spiegelhalter D.J. (2005) "Funnel plots for comparing institutional performance", Statistics in
 * Medicine 24:1185–1202 (limits around the target for each size of unit); APHO Technical Briefing 2 (Flowers J.,
 * 2007, "Statistical process control methods in public health intelligence"), which gives the exact Poisson limits
 * used by the PHE funnel plot tools through the chi-squared distribution, with E the expected count at the target:
 *   lower = qchisq(α/2, 2E) / 2,   upper = qchisq(1 − α/2, 2E + 2) / 2
 * on the count (the Garwood limits, taken around the expected rather than the observed count); divided by the
 * population and multiplied by the multiplier for the rate. 95% and 99.8% limits are about 2 and 3 standard errors.
 */
import { checkLevel, checkPositive, qchisq } from './internal.js';
import { StatsInputError } from './errors.js';

export interface FunnelLimits {
  /** The target rate (per multiplier). */
  target: number;
  lower: number;
  upper: number;
  confidence: number;
}

/** Exact Poisson limits on the count for an expected count `expected` (APHO TB2). */
export function funnelCountLimits(expected: number, confidence: number): { lower: number; upper: number } {
  const c = checkLevel('confidence', confidence);
  if (!(Number.isFinite(expected) && expected >= 0)) throw new StatsInputError('expected', expected, 'must be a finite number ≥ 0');
  const alpha = 1 - c;
  return { lower: expected === 0 ? 0 : qchisq(alpha / 2, 2 * expected) / 2, upper: qchisq(1 - alpha / 2, 2 * expected + 2) / 2 };
}

/** Funnel limits of the rate for a unit of `population` around `target` (per `multiplier`). */
export function funnelLimits(target: number, population: number, confidence: number, multiplier: number): FunnelLimits {
  const n = checkPositive('population', population);
  const m = checkPositive('multiplier', multiplier);
  if (!(Number.isFinite(target) && target >= 0)) throw new StatsInputError('target', target, 'must be a finite rate ≥ 0');
  const expected = (target / m) * n;
  const { lower, upper } = funnelCountLimits(expected, confidence);
  return { target, lower: (lower / n) * m, upper: (upper / n) * m, confidence };
}

/** Where a unit's count falls against its limits: above the upper, below the lower, or within. */
export function funnelPosition(count: number, population: number, target: number, confidence: number, multiplier: number): 'above' | 'below' | 'within' {
  const l = funnelLimits(target, population, confidence, multiplier);
  const rate = (count / population) * multiplier;
  return rate > l.upper ? 'above' : rate < l.lower ? 'below' : 'within';
}
