/**
 * The ratio of two rates with a 95% confidence interval by the log (Wald) method: for a events over exposure N1 and
 * b over N0, RR = (a/N1) ÷ (b/N0), and ln RR ± z·√(1/a + 1/b), the exposures (resident populations) taken as fixed
 * (Rothman, Greenland and Lash, "Modern Epidemiology", 3rd ed., 2008, ch. 14, the rate ratio's interval). It is the
 * usual interval for the disproportionality ratios of stop and search (the rate for one ethnic group over the rate
 * for the White group, Home Office "Police powers and procedures: stop and search").
 */
import { checkCount, checkPositive, zFor } from './internal.js';

export interface RateRatio {
  value: number;
  lower: number;
  upper: number;
}

/** The rate ratio of a/n1 to b/n0 with its log-method interval; null when either count is 0 (no finite interval). */
export function rateRatio(a: number, n1: number, b: number, n0: number, confidence = 0.95): RateRatio | null {
  checkCount('a', a);
  checkCount('b', b);
  checkPositive('n1', n1);
  checkPositive('n0', n0);
  if (a === 0 || b === 0) return null;
  const value = a / n1 / (b / n0);
  const half = zFor(confidence) * Math.sqrt(1 / a + 1 / b);
  return { value, lower: value * Math.exp(-half), upper: value * Math.exp(half) };
}
