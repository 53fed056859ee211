import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import {
  chiSquaredTrendProportions,
  comparePoissonCounts,
  crudeRate,
  poissonTrendTest,
  proportion,
} from '../../../../src/analysis/stats/index.js';

/*
 * Properties that must hold whatever the input; no expected numbers, so no oracle is needed. A fixed seed keeps CI
 * runs reproducible (fast-check prints the seed and the shrunk counterexample on failure).
 */
const SEED = 20240601;
const RUNS = 500;

const confidence = fc.constantFrom(0.9, 0.95, 0.99, 0.998);
const multiplier = fc.constantFrom(1, 100, 1000, 100_000);

function relativeWidth(r: { value: number; lower: number; upper: number }): number {
  return (r.upper - r.lower) / r.value;
}

describe('rates: properties', () => {
  it('0 ≤ lower ≤ value ≤ upper, for any count, denominator, multiplier and confidence', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 5_000_000 }),
        fc.double({ min: 1, max: 1e9, noNaN: true }),
        multiplier,
        confidence,
        (count, denominator, mult, conf) => {
          const r = crudeRate(count, denominator, { multiplier: mult, confidence: conf });
          expect(r.lower).toBeGreaterThanOrEqual(0);
          expect(r.lower).toBeLessThanOrEqual(r.value);
          expect(r.value).toBeLessThanOrEqual(r.upper);
          expect(r.method).toBe(count < 10 ? 'exact-poisson' : 'byar');
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('limits widen (relative width grows) as the count shrinks at a fixed rate — across the exact/Byar switch too', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20_000 }),
        fc.integer({ min: 1, max: 50 }),
        fc.double({ min: 1e-6, max: 0.5, noNaN: true }),
        confidence,
        (small, step, rate, conf) => {
          const large = small + step;
          const a = crudeRate(small, small / rate, { multiplier: 1000, confidence: conf });
          const b = crudeRate(large, large / rate, { multiplier: 1000, confidence: conf });
          expect(relativeWidth(a)).toBeGreaterThan(relativeWidth(b));
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('every pair of neighbouring counts 1…40 (covers 9 → 10) at each confidence', () => {
    for (const conf of [0.9, 0.95, 0.99, 0.998]) {
      for (let c = 1; c < 40; c++) {
        const a = crudeRate(c, c * 1000, { multiplier: 1000, confidence: conf });
        const b = crudeRate(c + 1, (c + 1) * 1000, { multiplier: 1000, confidence: conf });
        expect(relativeWidth(a)).toBeGreaterThan(relativeWidth(b));
      }
    }
  });
});

describe('proportions: properties', () => {
  it('0 ≤ lower ≤ value ≤ upper ≤ multiplier', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000 }).chain((n) => fc.tuple(fc.integer({ min: 0, max: n }), fc.constant(n))),
        multiplier,
        confidence,
        ([x, n], mult, conf) => {
          const r = proportion(x, n, { multiplier: mult, confidence: conf });
          expect(r.lower).toBeGreaterThanOrEqual(0);
          expect(r.lower).toBeLessThanOrEqual(r.value);
          expect(r.value).toBeLessThanOrEqual(r.upper);
          expect(r.upper).toBeLessThanOrEqual(mult);
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('limits widen (relative width grows) as the sample shrinks at a fixed proportion', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200 }).chain((b) => fc.tuple(fc.integer({ min: 1, max: b }), fc.constant(b))),
        fc.integer({ min: 1, max: 1000 }),
        fc.integer({ min: 1, max: 1000 }),
        confidence,
        ([a, b], k, extra, conf) => {
          // a/b fixed; sample sizes b·k < b·(k + extra).
          const small = proportion(a * k, b * k, { confidence: conf });
          const large = proportion(a * (k + extra), b * (k + extra), { confidence: conf });
          expect(relativeWidth(small)).toBeGreaterThan(relativeWidth(large));
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  });
});

describe('poisson test: properties', () => {
  const side = fc.record({
    count: fc.integer({ min: 0, max: 3000 }),
    exposure: fc.integer({ min: 1, max: 1_000_000 }),
  });

  it('p in [0, 1]; limits contain the ratio; the p-value does not depend on which period is first', () => {
    fc.assert(
      fc.property(side, side, (earlier, later) => {
        const r = comparePoissonCounts(earlier, later);
        expect(r.pValue).toBeGreaterThanOrEqual(0);
        expect(r.pValue).toBeLessThanOrEqual(1);
        if (r.rateRatio !== null) {
          expect(r.lower).toBeLessThanOrEqual(r.rateRatio);
          expect(r.rateRatio).toBeLessThanOrEqual(r.upper);
        }
        const swapped = comparePoissonCounts(later, earlier);
        expect(Math.abs(swapped.pValue - r.pValue)).toBeLessThanOrEqual(1e-9 * Math.max(r.pValue, 1e-300));
        if (r.direction === 'increase') expect(swapped.direction).toBe('decrease');
        if (r.direction === 'no-significant-change') expect(swapped.direction).toBe('no-significant-change');
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});

describe('trend tests: properties', () => {
  const series = fc
    .array(fc.tuple(fc.integer({ min: 1, max: 100_000 }), fc.double({ min: 0, max: 1, noNaN: true })), {
      minLength: 3,
      maxLength: 10,
    })
    .map((rows) => ({ n: rows.map(([n]) => n), x: rows.map(([n, p]) => Math.round(n * p)) }));

  it('statistics do not change when the scores are shifted or rescaled (years vs 1…k)', () => {
    fc.assert(
      fc.property(series, fc.integer({ min: -3000, max: 3000 }), fc.integer({ min: 1, max: 12 }), ({ x, n }, shift, scale) => {
        const base = x.map((_, i) => i + 1);
        const moved = base.map((t) => shift + scale * t);
        const a = chiSquaredTrendProportions(x, n);
        const b = chiSquaredTrendProportions(x, n, { scores: moved });
        expect(Math.abs(a.statistic - b.statistic)).toBeLessThanOrEqual(1e-8 * Math.max(1, a.statistic));
        const c = poissonTrendTest(x, n);
        const d = poissonTrendTest(x, n, { scores: moved });
        expect(Math.abs(c.statistic - d.statistic)).toBeLessThanOrEqual(1e-8 * Math.max(1, c.statistic));
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('reversing time reverses the direction and keeps the statistic', () => {
    fc.assert(
      fc.property(series, ({ x, n }) => {
        const a = chiSquaredTrendProportions(x, n);
        const b = chiSquaredTrendProportions([...x].reverse(), [...n].reverse());
        expect(Math.abs(a.statistic - b.statistic)).toBeLessThanOrEqual(1e-9 * Math.max(1, a.statistic));
        const flip = { increasing: 'decreasing', decreasing: 'increasing', 'no-significant-change': 'no-significant-change' };
        expect(b.direction).toBe(flip[a.direction]);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});
