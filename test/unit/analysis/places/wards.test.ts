/** The ward table: disclosure (a ward of 1–4 crimes is not shown, nor one that gives it back) and the comparison. */
import { describe, expect, it } from 'vitest';
import { wardTable } from '../../../../src/analysis/places/wards.js';

const ward = (code: string, count: number, population: number | null) => ({ code, name: code, count, population });

describe('ward table', () => {
  it('a ward of 3 crimes is suppressed, and so is the smallest other ward, since the total is shown', () => {
    const t = wardTable([ward('A', 3, 1000), ward('B', 20, 1000), ward('C', 30, 1000)], 5)!;
    expect(t.wards.map((w) => [w.code, w.count, w.suppressed])).toEqual([['A', null, true], ['B', null, true], ['C', 30, false]]);
    expect(t.wards[0]!.value).toBeNull();
    expect(t.wards[0]!.comparison).toBe('not-compared');
  });

  it('rates per 1,000 and the funnel comparison against the average', () => {
    // Average (10 + 100 + 40) / 3,000 × 1,000 = 50. Ward B: 100 per 1,000 with 1,000 residents: expected 50,
    // upper 99.8% limit qchisq(0.999, 102) / 2 ≈ 74.4 crimes — far above. Ward A: 10 against 50 expected: far below.
    const t = wardTable([ward('A', 10, 1000), ward('B', 100, 1000), ward('C', 40, 1000)], 5)!;
    expect(t.average!.value).toBeCloseTo(50, 10);
    expect(t.wards.map((w) => [w.code, w.comparison, w.beyond998])).toEqual([['A', 'lower', true], ['B', 'higher', true], ['C', 'similar', false]]);
    expect(t.wards[1]!.value).toBeCloseTo(100, 10);
  });

  it('a ward without a population has no rate: it is not guessed', () => {
    const t = wardTable([ward('A', 10, null), ward('B', 20, 1000)], 5)!;
    expect(t.wards[0]).toMatchObject({ count: 10, value: null, comparison: 'not-compared' });
  });
});
