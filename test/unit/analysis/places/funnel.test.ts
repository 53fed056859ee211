/**
 * Funnel plot limits (src/analysis/stats/funnel.ts) against independently known values: the exact (Garwood) Poisson
 * limits of a count, published in tables (e.g. Armitage, Berry & Matthews, Statistical Methods in Medical Research,
 * Table A7; the same figures as R `poisson.test(x)$conf.int`), and, at 99.8%, limits found here by bisection on
 * Poisson tail sums, a different computation from the chi-squared quantiles the code uses.
 */
import { describe, expect, it } from 'vitest';
import { funnelCountLimits, funnelLimits, funnelPosition } from '../../../../src/analysis/stats/funnel.js';

/** P(X ≤ k) for X ~ Poisson(lambda), by summing terms. */
function ppois(k: number, lambda: number): number {
  let term = Math.exp(-lambda);
  let sum = term;
  for (let i = 1; i <= k; i++) {
    term *= lambda / i;
    sum += term;
  }
  return sum;
}

/** The λ where f(λ) crosses `target` (f monotone), by bisection. */
function solve(f: (l: number) => number, target: number, lo: number, hi: number): number {
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if ((f(mid) - target) * (f(lo) - target) > 0) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

describe('funnel limits (exact Poisson around the expected count)', () => {
  it('95% limits for expected counts 5, 10 and 20 are the published exact Poisson limits', () => {
    // Garwood 95% limits: 5 → 1.6235, 11.6683; 10 → 4.7954, 18.3904; 20 → 12.2165, 30.8884 (R poisson.test(20)$conf.int).
    const table: [number, number, number][] = [[5, 1.6235, 11.6683], [10, 4.7954, 18.3904], [20, 12.2165, 30.8884]];
    for (const [e, lower, upper] of table) {
      const l = funnelCountLimits(e, 0.95);
      expect(l.lower).toBeCloseTo(lower, 3);
      expect(l.upper).toBeCloseTo(upper, 3);
    }
  });

  it('99.8% limits agree with limits found by bisection on Poisson tail sums', () => {
    for (const e of [3, 12, 40]) {
      // Lower: P(X ≥ e | λ) = 0.001, i.e. 1 − P(X ≤ e − 1 | λ) = 0.001; upper: P(X ≤ e | λ) = 0.001.
      const lower = solve((l) => 1 - ppois(e - 1, l), 0.001, 1e-9, e);
      const upper = solve((l) => ppois(e, l), 0.001, e, 10 * e + 20);
      const got = funnelCountLimits(e, 0.998);
      expect(got.lower).toBeCloseTo(lower, 6);
      expect(got.upper).toBeCloseTo(upper, 6);
    }
  });

  it('rate limits are the count limits over the population, per 1,000', () => {
    // Target 50 per 1,000 in a ward of 200 residents: 10 expected; 4.7954 / 200 × 1,000 = 23.977 and 91.952.
    const l = funnelLimits(50, 200, 0.95, 1000);
    expect(l.lower).toBeCloseTo(23.977, 2);
    expect(l.upper).toBeCloseTo(91.952, 2);
    expect(funnelPosition(19, 200, 50, 0.95, 1000)).toBe('above'); // 95 per 1,000
    expect(funnelPosition(4, 200, 50, 0.95, 1000)).toBe('below'); // 20 per 1,000
    expect(funnelPosition(10, 200, 50, 0.95, 1000)).toBe('within');
  });

  it('limits narrow as the population grows', () => {
    const small = funnelLimits(80, 2_000, 0.998, 1000);
    const large = funnelLimits(80, 20_000, 0.998, 1000);
    expect(large.upper - large.lower).toBeLessThan(small.upper - small.lower);
  });
});
