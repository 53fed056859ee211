import { expect } from 'vitest';

import { StatsInputError } from '../../../../src/analysis/stats/index.js';

/**
 * Expect `actual` within a relative tolerance of `expected` (absolute near 0). The expected values in these tests
 * come from R; R and stdlib evaluate the same distribution functions by different code, so they agree to ~1e-15, not
 * bit for bit. 1e-10 still catches a z of 1.96 instead of qnorm(0.975) (a difference of ~2e-5 in the limits).
 */
export function expectClose(actual: number | null | undefined, expected: number, rel = 1e-10): void {
  expect(typeof actual).toBe('number');
  const a = actual as number;
  if (!Number.isFinite(expected)) {
    expect(a).toBe(expected);
    return;
  }
  const tolerance = rel * Math.max(Math.abs(expected), 1e-300);
  if (!(Math.abs(a - expected) <= tolerance)) {
    // Let vitest print both numbers.
    expect(a).toBe(expected);
  }
}

/** Expect `fn` to throw a StatsInputError naming `argument`. */
export function expectStatsInputError(fn: () => unknown, argument: string): void {
  let caught: unknown;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(StatsInputError);
  expect((caught as StatsInputError).argument).toBe(argument);
}
