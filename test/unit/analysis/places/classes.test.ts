/** Choropleth class breaks (quantiles, R type 7) against breaks worked by hand. */
import { describe, expect, it } from 'vitest';
import { classOf, quantileBreaks } from '../../../../src/analysis/places/classes.js';

describe('quantile class breaks', () => {
  it('1 … 10 in five classes: 2.8, 4.6, 6.4, 8.2', () => {
    // Type 7: h = (n − 1)p; 0.2 → h = 1.8 → 2 + 0.8 × (3 − 2) = 2.8, and so on.
    const b = quantileBreaks([10, 9, 8, 7, 6, 5, 4, 3, 2, 1], 5);
    [2.8, 4.6, 6.4, 8.2].forEach((v, i) => expect(b[i]).toBeCloseTo(v, 10));
  });

  it('repeated breaks are dropped: fewer classes, none empty', () => {
    // Sorted 1 1 2 3 3 4 5 5 5 6 9 (n = 11): h = 2, 4, 6, 8 → 2, 3, 5, 5.
    expect(quantileBreaks([3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5], 5)).toEqual([2, 3, 5]);
  });

  it('a value on a break is in the lower class', () => {
    expect([1, 2, 2.5, 3, 4, 5, 9].map((v) => classOf(v, [2, 3, 5]))).toEqual([0, 0, 1, 1, 2, 2, 3]);
  });
});
